//! The CLI: action items.

use super::*;

#[test]
fn action_items_are_added_listed_edited_ticked_unticked_and_deleted() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    assert_contains(
        &env.ok(&["action", "list", "--pair", &pair]),
        &["No action items."],
    );

    let out = env.ok(&words(&format!(
        "action add --pair {pair} --owner mentee \
         --due 2025-09-10 'Install DevStack'"
    )));
    assert!(
        out.starts_with("[ ] Install DevStack (mentee, due 2025-09-10) "),
        "{out}"
    );
    let a = env.json(&words(&format!(
        "action add --pair {pair} --meeting {m} --owner MENTOR 'Share the bug list'"
    )));
    let aid = id(&a);
    assert_eq!(a["pairId"], pair.as_str());
    assert_eq!(a["meetingId"], m.as_str());
    assert_eq!(a["owner"], "mentor");
    assert_eq!(a["dueDate"], Value::Null);
    assert!(a["createdAt"].is_string());

    let e = env.json(&words(&format!(
        "action edit {aid} --text 'Share the easy bugs' --due 2025-09-12"
    )));
    assert_eq!(id(&e), aid);
    assert_eq!(e["text"], "Share the easy bugs");
    assert_eq!(e["dueDate"], "2025-09-12");
    assert_eq!(e["owner"], "mentor");
    let e = env.json(&["action", "edit", &aid, "--due", "", "--owner", "mentee"]);
    assert_eq!(e["dueDate"], Value::Null);
    assert_eq!(e["owner"], "mentee");

    let done = env.json(&["action", "done", &aid]);
    assert_eq!(done["done"], true);
    assert!(done["doneOn"].is_string());
    assert!(env
        .ok(&["action", "done", &aid])
        .starts_with("[x] Share the easy bugs"));
    assert_eq!(
        action_texts(&env.json(&["action", "list", "--pair", &pair, "--open"])),
        ["Install DevStack"]
    );
    assert_eq!(
        arr(&env.json(&["action", "list", "--pair", &pair])).len(),
        2
    );
    assert_contains(
        &env.ok(&["action", "list", "--pair", &pair]),
        &[
            "[x]",
            "Share the easy bugs",
            "[ ]",
            "Install DevStack",
            "2025-09-10",
        ],
    );

    let undone = env.json(&["action", "undone", &aid]);
    assert_eq!(undone["done"], false);
    assert_eq!(undone["doneOn"], Value::Null);

    assert!(env
        .ok(&["action", "delete", &aid])
        .starts_with(&format!("Deleted action item {aid}. It is in the Trash")));
    let rest = env.json(&["action", "list", "--pair", &pair]);
    assert_eq!(action_texts(&rest), ["Install DevStack"]);
    let last = id(&rest[0]);
    assert_trashed(&env.json(&["action", "delete", &last]), &last);
}

#[test]
fn an_action_item_with_no_text_or_an_unknown_owner_or_a_bad_due_date_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["action", "add", "--pair", &pair, "--owner", "mentee", " "]),
        &["action item: must not be empty"],
    );
    assert_contains(
        &env.refused(&["action", "add", "--pair", &pair, "--owner", "boss", "Do it"]),
        &["owner: 'boss' is not a choice; use mentor or mentee"],
    );
    assert_contains(
        &env.refused(&words(&format!(
            "action add --pair {pair} --owner mentee --due 2025-02-30 'Do it'"
        ))),
        &["due date: '2025-02-30' is not a date"],
    );
}

#[test]
fn an_action_item_cannot_join_another_pairs_meeting() {
    let env = Env::new();
    let mine = env.pair("Ana Lopez");
    let theirs = env.pair("Bo Chen");
    let their_meeting = id(&meeting(&env, &theirs, "2025-09-03 17:00", &[]));
    let err = env.refused(&words(&format!(
        "action add --pair {mine} --meeting {their_meeting} --owner mentee 'Do it'"
    )));
    assert_contains(&err, &["meeting: belongs to another pair"]);
}
