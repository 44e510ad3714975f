//! The organizer screen's test doubles (`ui/src/test/doubles/report.ts`)
//! answer with reports the core made: this test writes them from the golden
//! survey files, as `cargo test` writes the TypeScript bindings, and the test
//! command fails when the committed ones differ (`scripts/test.sh`, "UI
//! fixtures up to date"). So the UI's tests test the core's truth.

use std::path::{Path, PathBuf};

use trellis_core::report::{self, Report, ReportOptions};
use trellis_core::survey::{Activity, Bucket, ClosedAnswer, OrderedMap, SurveyFile, SurveyRole};

use super::util::db;

fn golden_in() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report/in")
}

fn write(name: &str, r: &Report) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/doubles/reports");
    let text = serde_json::to_string(&serde_json::to_value(r).unwrap()).unwrap() + "\n";
    let path = dir.join(name);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn the_organizer_doubles_answer_with_the_cores_reports() {
    let db = db();
    let files = report::survey_files(&[golden_in()]).unwrap();
    let build = |k: u32| {
        report::build(
            &db,
            &files,
            &ReportOptions {
                min_group: Some(k),
                program: None,
                ..ReportOptions::default()
            },
            &mut |_| {},
        )
        .unwrap()
    };
    let mut k5 = None;
    for k in [1, 3, 5] {
        let r = build(k);
        assert_eq!(r.accepted, 20, "{:?}", r.refused);
        write(&format!("report-k{k}.json"), &r);
        k5 = Some(r);
    }
    // Check-in 1 beside check-in 2: fourteen mentees of a pack with two
    // check-ins (30 and 90 days after the match) that asks for neither
    // cohort nor criteria (format 1.2), seven at each; all alike but their
    // satisfaction, 4 at check-in 1 and 5 at check-in 2.
    let mut r = k5.unwrap();
    let mut pk = trellis_core::pack::get(&db, "openstack-mentoring").unwrap();
    pk.checkin.days_after_match = vec![30, 90];
    let template = report::read_file(&files[0]).unwrap();
    let two: Vec<SurveyFile> = (0..14u32)
        .map(|i| {
            let mut f = template.clone();
            f.respondent_id = format!("00000000-0000-4000-8000-{i:012}");
            f.revision = Some(1);
            f.role = SurveyRole::Mentee;
            f.checkin_number = if i < 7 { 1 } else { 2 };
            f.cohort_id = None;
            f.criteria.0.clear();
            f.activity = Activity {
                meetings: Bucket::None,
                goals_set: Bucket::None,
                goals_achieved: Bucket::None,
                criteria_met: None,
            };
            let text = |s: &str| ClosedAnswer::Text(s.into());
            f.answers = OrderedMap(vec![
                (
                    "satisfaction".into(),
                    ClosedAnswer::Number(if i < 7 { 4 } else { 5 }),
                ),
                ("recommend".into(), ClosedAnswer::Number(10)),
                ("more-confident".into(), text("yes")),
                ("biggest-obstacle".into(), text("time-zones")),
            ]);
            f
        })
        .collect();
    let (groups, tables, nps) = report::aggregate(&pk, &two, 5);
    assert_eq!(tables[1].id, "checkin");
    assert_eq!(
        tables[1].cells,
        vec![vec![Some(7)], vec![Some(7)]],
        "{groups:?}"
    );
    r.files = 14;
    r.accepted = 14;
    r.groups = groups;
    r.tables = tables;
    r.nps = nps;
    write("report-compare.json", &r);
}
