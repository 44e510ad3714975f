//! `trellis action close|drop|snooze` (issue 17): open action items in bulk.

use super::util::{id, Env};

fn items(env: &Env, pair: &str, texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .map(|t| id(&env.json(&["action", "add", "--pair", pair, "--owner", "mentee", t])))
        .collect()
}

#[test]
fn action_items_close_drop_and_snooze_in_bulk() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let made = items(&env, &pair, &["one", "two", "three", "four"]);

    let out = env.ok(&["action", "close", "--pair", &pair, &made[0], &made[1]]);
    assert!(out.contains("Ticked 2 action items."), "{out}");
    let dropped = env.json(&["action", "drop", "--pair", &pair, &made[2]]);
    assert_eq!(dropped.as_array().map(Vec::len), Some(1), "{dropped}");
    let out = env.ok(&[
        "action",
        "snooze",
        "--pair",
        &pair,
        "--until",
        "2999-01-01",
        &made[3],
    ]);
    assert!(
        out.contains("Snoozed 1 action item until 2999-01-01."),
        "{out}"
    );

    let open = env.json(&["action", "list", "--pair", &pair, "--open"]);
    assert_eq!(
        open.as_array().map(Vec::len),
        Some(1),
        "the snoozed one is still open"
    );
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["openActions"], serde_json::json!([]));
    assert_eq!(next["snoozed"], 1);
    assert!(env
        .ok(&["meeting", "next", "--pair", &pair])
        .contains("(1 snoozed)"));
}

#[test]
fn a_bulk_verb_with_a_bad_item_or_day_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let other = env.pair("Ben Okafor");
    let mine = items(&env, &pair, &["one"]);
    let theirs = items(&env, &other, &["two"]);
    let err = env.refused(&["action", "close", "--pair", &pair, &mine[0], &theirs[0]]);
    assert!(err.contains("is not one of this pair's"), "{err}");
    let err = env.refused(&[
        "action",
        "snooze",
        "--pair",
        &pair,
        "--until",
        "2000-01-01",
        &mine[0],
    ]);
    assert!(err.contains("a day after today"), "{err}");
    let err = env.refused(&["action", "drop", "--pair", &pair, "--older"]);
    assert!(err.contains("no older open action items"), "{err}");
}
