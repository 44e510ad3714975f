//! The CLI: notes.

use super::*;

#[test]
fn notes_are_private_unless_shared_and_can_be_listed_shown_edited_and_deleted() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    assert_contains(
        &env.ok(&["note", "list", "--pair", &pair]),
        &["No notes yet"],
    );

    let out = env.ok(&["note", "add", "--pair", &pair, "Feeling nervous"]);
    assert!(out.starts_with("Note "), "{out}");
    assert_contains(&out, &["(private)", "Feeling nervous"]);

    let n = env.json(&words(&format!(
        "note add --pair {pair} --shared --goal {g} 'Gerrit tips'"
    )));
    let nid = id(&n);
    assert_eq!(n["pairId"], pair.as_str());
    assert_eq!(n["visibility"], "shared");
    assert_eq!(n["goalId"], g.as_str());
    assert_eq!(n["forNextMeeting"], false);
    assert_eq!(n["meetingId"], Value::Null);
    assert_eq!(n["body"], "Gerrit tips");

    let list = env.json(&["note", "list", "--pair", &pair]);
    assert_eq!(arr(&list).len(), 2);
    assert_contains(
        &env.ok(&["note", "list", "--pair", &pair]),
        &["private", "Feeling nervous", "shared", "Gerrit tips"],
    );

    assert_eq!(env.json(&["note", "show", &nid]), n);
    assert_contains(
        &env.ok(&["note", "show", &nid]),
        &["(shared), on goal", "Gerrit tips"],
    );

    let e = env.json(&words(&format!(
        "note edit {nid} --text 'Gerrit tips, revised' --private --next-meeting"
    )));
    assert_eq!(id(&e), nid);
    assert_eq!(e["body"], "Gerrit tips, revised");
    assert_eq!(e["visibility"], "private");
    assert_eq!(e["goalId"], Value::Null);
    assert_eq!(e["forNextMeeting"], true);
    let e = env.json(&["note", "edit", &nid, "--shared"]);
    assert_eq!(e["visibility"], "shared");
    assert_eq!(e["body"], "Gerrit tips, revised");
    assert_contains(&env.ok(&["note", "edit", &nid, "--goal", &g]), &["on goal"]);

    assert!(env
        .ok(&["note", "delete", &nid])
        .starts_with(&format!("Deleted note {nid}. It is in the Trash")));
    let rest = env.json(&["note", "list", "--pair", &pair]);
    assert_eq!(arr(&rest).len(), 1);
    let last = id(&rest[0]);
    assert_trashed(&env.json(&["note", "delete", &last]), &last);
}

#[test]
fn an_empty_note_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["note", "add", "--pair", &pair, "  "]),
        &["note: must not be empty"],
    );
}
