//! When a survey file says the pair was matched: never finer than the pack
//! asks — by default only the check-in number; a pack may ask for the year
//! of the match or the name of the program's term.

use chrono::Days;
use trellis_core::{pack, survey, ErrorKind};

use crate::util::*;
use crate::{answered_pair, json};

/// The OpenStack pack with `extra` lines in its `[checkin]` table.
fn openstack_with(extra: &str) -> String {
    include_str!("../../packs/openstack.toml").replace(
        "min_group_size = 5\n",
        &format!("min_group_size = 5\n{extra}"),
    )
}

const TIMING_KEYS: [&str; 3] = ["matchMonth", "matchYear", "matchTerm"];

fn timing_keys(v: &serde_json::Value) -> Vec<&'static str> {
    TIMING_KEYS
        .into_iter()
        .filter(|k| v.get(k).is_some())
        .collect()
}

#[test]
fn regression_issue_12_a_file_never_carries_finer_timing_than_the_pack_says() {
    let db = db();
    let p = answered_pair(&db, "A");
    let matched = today() - Days::new(90);
    let day = |d: i64| {
        if d < 0 {
            matched - Days::new(d.unsigned_abs())
        } else {
            matched + Days::new(d as u64)
        }
    };
    // By default: the check-in number, nothing else.
    let v = json(&survey::preview(&db, p, 1, None).unwrap());
    assert_eq!(timing_keys(&v), Vec::<&str>::new());
    assert_eq!(v["checkinNumber"], 1);

    // The year, when the pack asks.
    pack::import(&db, &openstack_with("survey_timing = \"match-year\"\n")).unwrap();
    let v = json(&survey::preview(&db, p, 1, None).unwrap());
    assert_eq!(timing_keys(&v), vec!["matchYear"]);

    // The term's name, when the pack asks: the term the match falls in.
    let terms = format!(
        "survey_timing = \"term\"\nterms = [\n  {{ name = \"Old term\", from = \"{}\" }},\n  {{ name = \"This term\", from = \"{}\" }},\n  {{ name = \"Next term\", from = \"{}\" }},\n]\n",
        day(-200),
        day(-10),
        day(30)
    );
    pack::import(&db, &openstack_with(&terms)).unwrap();
    let raw = survey::preview(&db, p, 1, None).unwrap();
    let v = json(&raw);
    assert_eq!(timing_keys(&v), vec!["matchTerm"]);
    assert_eq!(v["matchTerm"], "This term");
    let file = survey::parse(&raw).unwrap_or_else(|p| panic!("{}", p.reason));
    assert!(survey::explain(&file)
        .iter()
        .any(|l| l.key == "matchTerm" && l.meaning.contains("This term")));
    // Nothing in the file names the year, the month or a day of the match.
    let text = String::from_utf8(raw)
        .unwrap()
        .replace(v["respondentId"].as_str().unwrap(), "")
        .replace(v["packVersion"].as_str().unwrap(), "");
    for needle in [
        matched.to_string(),
        matched.format("%Y-%m").to_string(),
        matched.format("%Y").to_string(),
    ] {
        assert!(!text.contains(&needle), "{needle} in {text}");
    }

    // Matched before the program's first term: no term is said.
    let later = format!(
        "survey_timing = \"term\"\nterms = [{{ name = \"Later\", from = \"{}\" }}]\n",
        day(5)
    );
    pack::import(&db, &openstack_with(&later)).unwrap();
    let v = json(&survey::preview(&db, p, 1, None).unwrap());
    assert_eq!(timing_keys(&v), Vec::<&str>::new());
}

#[test]
fn a_pack_asking_for_terms_names_them_in_order() {
    let db = db();
    for (extra, why) in [
        ("survey_timing = \"term\"\n", "needs checkin.terms"),
        (
            "survey_timing = \"term\"\nterms = [{ name = \"A\", from = \"2026-13-01\" }]\n",
            "from must be a date",
        ),
        (
            "survey_timing = \"term\"\nterms = [{ name = \"A\", from = \"2026-09-01\" }, { name = \"B\", from = \"2026-02-01\" }]\n",
            "oldest first",
        ),
        (
            "survey_timing = \"term\"\nterms = [{ name = \"\", from = \"2026-09-01\" }]\n",
            "1–40 printable characters",
        ),
    ] {
        let e = pack::import(&db, &openstack_with(extra)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Format, "{extra}");
        assert!(e.to_string().contains(why), "{extra}: {e}");
    }
}

#[test]
fn the_reader_refuses_a_term_beside_the_year() {
    let db = db();
    let p = answered_pair(&db, "A");
    let good = json(&survey::preview(&db, p, 1, None).unwrap());
    let mut both = good.clone();
    both["matchYear"] = serde_json::json!(2026);
    both["matchTerm"] = serde_json::json!("2026 Spring");
    let e = survey::parse(&serde_json::to_vec(&both).unwrap()).unwrap_err();
    assert!(e.reason.contains("never both"), "{}", e.reason);
    let mut long = good;
    long["matchTerm"] = serde_json::json!("x".repeat(41));
    assert!(survey::parse(&serde_json::to_vec(&long).unwrap()).is_err());
}
