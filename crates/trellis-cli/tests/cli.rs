//! The `trellis` command-line contract, end to end: every noun and verb, the
//! `--json` shapes, exit codes, bad input refused with the database left
//! byte-for-byte alone, the data-dir rules, and the journey from issue #2.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]

mod actions;
mod backups;
mod bad_input;
mod calendar;
mod checkin_survey;
mod clash;
mod criteria;
mod data_dir;
mod export;
mod goals;
mod ids;
mod journey;
mod meetings;
mod milestones;
mod notes;
mod packs;
mod pairs;
mod present;
mod privacy;
mod reminder;
mod schedule;
mod scope;
mod search;
mod status;
mod sync;
mod util;
mod week;

use serde_json::Value;
use util::{common_prefix, id, trellis, words, Env};

// ---------------------------------------------------------------- helpers --

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

fn assert_contains(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(haystack.contains(n), "expected {n:?} in:\n{haystack}");
    }
}

fn assert_lacks(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(
            !haystack.contains(n),
            "did not expect {n:?} in:\n{haystack}"
        );
    }
}

/// A goal with two milestones on a pair; returns the goal JSON.
fn goal(env: &Env, pair: &str, title: &str) -> Value {
    env.json(&words(&format!(
        "goal add --pair {pair} --title '{title}' --milestone 'Set up DevStack' \
         --milestone 'Push the change to Gerrit'"
    )))
}

/// A one-hour meeting on a pair, at a wall-clock time in my zone.
fn meeting(env: &Env, pair: &str, start: &str, actions: &[&str]) -> Value {
    let mut args = vec!["meeting", "log", "--pair", pair, "--start", start];
    for a in actions {
        args.push("--action");
        args.push(a);
    }
    env.json(&args)
}

/// What `… delete --json` prints: the item's id, and where it went.
fn assert_trashed(v: &Value, item: &str) {
    assert_eq!(s(&v["id"]), item);
    assert_eq!(v["deleted"], true);
    assert!(v["trashId"].as_str().is_some_and(|t| t.len() == 36), "{v}");
}

fn action_texts(v: &Value) -> Vec<&str> {
    arr(v).iter().map(|a| s(&a["text"])).collect()
}

const TINY_PACK: &str = r#"format = "trellis-pack"
format_version = "1.0"

[program]
id = "tiny-program"
name = "Tiny program"
version = "2026.2"

[checkin]
days_after_match = [30, 90]
min_group_size = 3

[[cohorts]]
id = "only"
name = "The only cohort"
list_tag = "[only]"

[[cohorts.criteria]]
id = "did-it"
text = "Did the one thing"
"#;
