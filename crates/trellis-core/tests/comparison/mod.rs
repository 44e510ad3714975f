//! The organizer's comparison of check-in 1 with check-in 2, and the
//! percentages beside the counts: from the curious organizer's side, neither
//! gives away a group smaller than K nor a hidden value.

use proptest::prelude::*;
use trellis_core::pack::Pack;
use trellis_core::report::{self, ReportTable};
use trellis_core::survey::{ClosedAnswer, SurveyFile, SurveyRole};

use crate::report::{leaks_in, openstack, respondent, COHORTS};

/// The OpenStack pack with two check-ins, 30 and 90 days after the match.
fn two_checkins() -> Pack {
    let mut pk = openstack();
    pk.checkin.days_after_match = vec![30, 90];
    pk
}

fn at(mut f: SurveyFile, checkin: u32) -> SurveyFile {
    f.checkin_number = checkin;
    f
}

fn answer(mut f: SurveyFile, q: &str, a: ClosedAnswer) -> SurveyFile {
    f.answers.0.retain(|(id, _)| id != q);
    f.answers.0.push((q.into(), a));
    f
}

fn table<'a>(tables: &'a [ReportTable], id: &str) -> &'a ReportTable {
    tables
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

#[test]
fn regression_issue_12_a_check_in_beside_the_whole_cannot_give_a_few_away() {
    // One cohort: 12 at check-in 1 and 8 at check-in 2 (both shown, K = 5).
    // 7 answer satisfaction 5: 5 of them at check-in 1, 2 at check-in 2.
    // Showing the whole (7) beside check-in 1 (5) would give the 2 away, so
    // a compared table shows each check-in and no sum across them.
    let files: Vec<SurveyFile> = (0..20)
        .map(|i| {
            let f = respondent(i, "first-patch", SurveyRole::Mentee, i * 11 + 3);
            let checkin = if i < 12 { 1 } else { 2 };
            let five = i < 5 || (12..14).contains(&i);
            let a = if five { 5 } else { 3 };
            answer(at(f, checkin), "satisfaction", ClosedAnswer::Number(a))
        })
        .collect();
    let pk = two_checkins();
    let (_, tables, _) = report::aggregate(&pk, &files, 5);
    let t = table(&tables, "question:satisfaction");
    let five = t.rows.iter().position(|r| r.starts_with('5')).unwrap();
    assert_eq!(t.columns, vec!["Check-in 1", "Check-in 2"]);
    assert_eq!(t.column_totals, Some(vec![Some(12), Some(8)]));
    assert_eq!(t.checkins, Some(vec![1, 2]));
    assert_eq!(t.cells[five], vec![Some(5), None]);
    // No column counts both check-ins together (but the check-in table's).
    for t in tables.iter().filter(|t| t.id != "checkin") {
        assert!(
            t.checkins
                .as_ref()
                .is_some_and(|c| c.len() == t.columns.len()),
            "{}: the whole beside a check-in gives the 2 away",
            t.id
        );
    }
    let found = leaks_in(&pk, &files, 5);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn check_ins_are_compared_only_when_two_of_them_have_respondents_shown() {
    let pk = two_checkins();
    let only_first: Vec<SurveyFile> = (0..12)
        .map(|i| respondent(i, "first-patch", SurveyRole::Mentor, i))
        .collect();
    let (_, tables, _) = report::aggregate(&pk, &only_first, 5);
    assert!(tables.iter().all(|t| t.checkins.is_none()));

    // Three at check-in 2: hidden in the check-in table, so not compared
    // (a column for it would say that someone answered it).
    let mut few = only_first.clone();
    few.extend((12..15).map(|i| at(respondent(i, "first-patch", SurveyRole::Mentor, i), 2)));
    let (_, tables, _) = report::aggregate(&pk, &few, 5);
    assert!(tables.iter().all(|t| t.checkins.is_none()));

    let mut both = only_first;
    both.extend((12..20).map(|i| at(respondent(i, "first-patch", SurveyRole::Mentor, i), 2)));
    let (_, tables, _) = report::aggregate(&pk, &both, 5);
    for id in [
        "responses",
        "question:satisfaction",
        "question:mentor-again",
        "activity:meetings",
    ] {
        assert_eq!(
            table(&tables, id).columns,
            vec!["Check-in 1", "Check-in 2"],
            "{id}"
        );
    }
    // The check-in table itself stays one column per group.
    assert_eq!(table(&tables, "checkin").columns.len(), 1);
    assert_eq!(
        table(&tables, "responses").column_totals,
        Some(vec![Some(12), Some(8)])
    );
}

fn people() -> impl Strategy<Value = (Vec<(usize, usize, u32, bool)>, u32)> {
    (
        prop::collection::vec((0usize..4, 0usize..3, any::<u32>(), any::<bool>()), 0..28),
        2u32..=5,
    )
}

fn files_of(people: &[(usize, usize, u32, bool)]) -> Vec<SurveyFile> {
    people
        .iter()
        .enumerate()
        .map(|(i, (c, r, seed, second))| {
            let f = respondent(i as u32, COHORTS[*c], SurveyRole::ALL[*r], *seed);
            at(f, if *second { 2 } else { 1 })
        })
        .collect()
}

/// Each table's published cells.
fn counts(tables: &[ReportTable]) -> Vec<(String, Vec<Vec<Option<u32>>>)> {
    tables
        .iter()
        .map(|t| (t.id.clone(), t.cells.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn the_exact_audit_finds_no_group_below_k_with_check_ins_compared((people, k) in people()) {
        let files = files_of(&people);
        let found = leaks_in(&two_checkins(), &files, k);
        prop_assert!(found.is_empty(), "K = {}: {:#?}", k, found);
    }

    #[test]
    fn percentages_never_tell_apart_two_sets_of_answers_the_counts_do_not((people, k) in people()) {
        // The attacker's test: change one respondent's answer. Whenever every
        // published count stays the same, so must every percentage — else a
        // percentage says where a hidden answer went.
        let pk = two_checkins();
        let files = files_of(&people);
        let (_, before, _) = report::aggregate(&pk, &files, k);
        for i in 0..files.len() {
            for v in 1..=5 {
                let mut changed = files.clone();
                changed[i] = answer(changed[i].clone(), "satisfaction", ClosedAnswer::Number(v));
                let (_, after, _) = report::aggregate(&pk, &changed, k);
                if counts(&after) != counts(&before) {
                    continue;
                }
                for (a, b) in before.iter().zip(&after) {
                    prop_assert_eq!(&a.percents, &b.percents, "{}", a.id);
                }
            }
        }
        // And no percentage stands beside a hidden count.
        for t in &before {
            for (row, pct) in t.cells.iter().zip(&t.percents) {
                for (c, p) in row.iter().zip(pct) {
                    prop_assert!(c.is_some() || p.is_none(), "{}", t.id);
                }
            }
        }
    }
}

#[test]
fn a_percentage_is_of_the_published_population_and_absent_where_it_is_hidden() {
    let pk = two_checkins();
    // 20 respondents; satisfaction 5 × 10, 4 × 5, 3 × 3, 2 × 2.
    let files: Vec<SurveyFile> = (0..20)
        .map(|i| {
            let v = match i {
                0..=9 => 5,
                10..=14 => 4,
                15..=17 => 3,
                _ => 2,
            };
            answer(
                respondent(i, "first-patch", SurveyRole::Mentee, i),
                "satisfaction",
                ClosedAnswer::Number(v),
            )
        })
        .collect();
    let (_, tables, _) = report::aggregate(&pk, &files, 5);
    let t = table(&tables, "question:satisfaction");
    let row = |label: char| t.rows.iter().position(|r| r.starts_with(label)).unwrap();
    assert_eq!(t.column_totals, Some(vec![Some(20)]));
    assert_eq!(t.percents[row('5')], vec![Some(50)]);
    assert_eq!(t.percents[row('4')], vec![Some(25)]);
    assert_eq!(t.cells[row('3')], vec![None]);
    assert_eq!(t.percents[row('3')], vec![None]);
    assert_eq!(t.percents[row('2')], vec![None]);
    // The percentages are the published table's alone.
    assert_eq!(report::percentages(t), t.percents);
}

#[test]
fn regression_issue_12_a_late_check_in_2_file_cannot_be_read_off_two_compared_reports() {
    use crate::util::{db, refused};
    use crate::{full_answers, pair_matched_days_ago};
    use trellis_core::pair::Role;
    use trellis_core::report::ReportOptions;
    use trellis_core::{pack, survey, ErrorKind};

    // The attacker: a report over 18 files (10 at check-in 1, 8 at
    // check-in 2, compared side by side), then one more check-in 2 file
    // arrives. Were the second report made, its check-in 2 columns less
    // the first's would be that one person's answers.
    let db = db();
    pack::import(
        &db,
        &include_str!("../../packs/openstack.toml")
            .replace("days_after_match = [90]", "days_after_match = [30, 90]"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<std::path::PathBuf> = (0..19)
        .map(|i| {
            let p = pair_matched_days_ago(&db, &format!("Partner {i}"), Role::Mentee, 100);
            let number = if i < 10 { 1 } else { 2 };
            trellis_core::checkin::answer(&db, p, number, full_answers(Role::Mentee)).unwrap();
            let path = dir.path().join(format!("s{i:02}.json"));
            survey::preview_and_export(&db, p, number, None, &path).unwrap();
            path
        })
        .collect();
    let made = |files: &[std::path::PathBuf]| {
        let mut r = report::build(&db, files, &ReportOptions::default(), &mut |_| {})?;
        report::ledger::check_and_record(&db, &mut r, None)?;
        Ok::<_, trellis_core::Error>(r)
    };
    let first = made(&paths[..18]).unwrap();
    assert_eq!(report::compared(&first), vec![1, 2]);
    let e = refused(&db, ErrorKind::Conflict, || made(&paths));
    assert!(e.to_string().contains("differs from"), "{e}");
    // Nor may the late file stand in for one of the 18 (a swap is two).
    let mut swapped = paths[1..].to_vec();
    swapped.truncate(18);
    refused(&db, ErrorKind::Conflict, || made(&swapped));
}
