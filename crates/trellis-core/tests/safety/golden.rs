//! Versioned formats: golden fixtures of every released file version keep
//! reading, and an unknown major version is refused clearly. One fixture per
//! format version lives in `tests/golden/` and is never edited.

use std::path::{Path, PathBuf};

use trellis_core::pack::{self, QuestionKind};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::survey;

use crate::util::*;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Every fixture of one format, by file-name prefix.
fn fixtures(prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(golden(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no golden {prefix}* fixture");
    v
}

fn read(p: &Path) -> String {
    trellis_core::file::read_text(p, pack::MAX_PACK_BYTES, trellis_core::FileKind::Pack).unwrap()
}

#[test]
fn every_golden_pack_still_imports_and_starts_a_pair() {
    for path in fixtures("pack-") {
        let db = db();
        let p = pack::import(&db, &read(&path))
            .unwrap_or_else(|e| panic!("{} no longer imports: {e}", path.display()));
        let cohort = &p.cohorts[0];
        pair::add(
            &db,
            NewPair {
                program_id: p.program.id.clone(),
                cohort_id: cohort.id.clone(),
                ..new_pair("Ada")
            },
        )
        .unwrap_or_else(|e| panic!("{}: cannot start a pair: {e}", path.display()));
    }
}

#[test]
fn the_pack_1_0_fixture_reads_as_it_always_did() {
    let p = pack::parse(&read(&golden("pack-1.0.toml"))).unwrap();
    assert_eq!(p.format_version, "1.0");
    assert_eq!(p.program.id, "golden-program");
    assert_eq!(p.program.version, "2026.1");
    assert!(p.program.description.contains("émoji 🌱"));
    assert_eq!(p.checkin.days_after_match, [30, 90, 180]);
    assert_eq!(p.checkin.min_group_size, 7);
    let cohorts: Vec<(&str, usize)> = p
        .cohorts
        .iter()
        .map(|c| (c.id.as_str(), c.criteria.len()))
        .collect();
    assert_eq!(cohorts, [("first-patch", 2), ("first-talk", 1)]);
    assert_eq!(p.cohorts[0].list_tag.as_deref(), Some("[first-patch]"));
    assert_eq!(p.cohorts[0].suggested_goals.len(), 2);
    assert!(!p.default_questions);
    let kinds: Vec<QuestionKind> = p.questions.iter().map(|q| q.kind).collect();
    use QuestionKind::*;
    assert_eq!(kinds, [Choice, Choice, Scale, Choice, Criteria]);
    assert_eq!(p.questions[3].roles, [Role::Mentor]);
    assert_eq!(p.questions[4].roles, [Role::Mentee]);
    assert_eq!(p.questions[2].min_label.as_deref(), Some("Not at all"));
}

#[test]
fn a_pack_of_an_unknown_major_version_is_refused_clearly() {
    let src = read(&golden("pack-1.0.toml"));
    for v in ["2.0", "0.9", "10.0"] {
        let changed = src.replace(
            "format_version = \"1.0\"",
            &format!("format_version = \"{v}\""),
        );
        let e = pack::parse(&changed).unwrap_err().to_string();
        assert!(
            e.contains(&format!("version {v} is not supported")) && e.contains("update Trellis"),
            "{v}: {e}"
        );
    }
    // A newer minor version of the same major is read.
    let newer_minor = src.replace("format_version = \"1.0\"", "format_version = \"1.9\"");
    assert!(pack::parse(&newer_minor).is_ok());
}

#[test]
fn every_golden_survey_file_still_reads() {
    for path in fixtures("survey-") {
        let bytes = std::fs::read(&path).unwrap();
        let f = survey::parse(&bytes)
            .unwrap_or_else(|e| panic!("{} no longer reads: {e:?}", path.display()));
        assert_eq!(f.format, survey::FORMAT);
    }
}

#[test]
fn a_survey_file_of_an_unknown_major_version_is_refused_clearly() {
    let src = std::fs::read_to_string(golden("survey-1.0.json")).unwrap();
    let changed = src.replace("\"formatVersion\": \"1.0\"", "\"formatVersion\": \"2.0\"");
    let e = survey::parse(changed.as_bytes()).unwrap_err();
    assert_eq!(e.kind, survey::ProblemKind::UnknownVersion, "{e:?}");
}
