//! The CLI: meetings.

use super::*;

#[test]
fn logging_a_meeting_shows_it_in_both_time_zones_with_its_action_items() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let out = env.ok(&words(&format!(
        "meeting log --pair {pair} --start '2026-03-10 17:00' --duration 45 \
         --mode chat --agenda 'DevStack status' --notes 'DevStack works now' \
         --goal {g} --action 'mentee@2026-03-17:Push a first draft' \
         --action 'mentor:Review the draft'"
    )));
    assert_contains(
        &out,
        &[
            "Logged Meeting",
            // 17:00 in Berlin (CET) is 11:00 in Chicago, already on daylight time.
            "2026-03-10 17:00 CET (partner: 11:00 CDT), 45 min, chat / IRC",
            "Agenda:\n  DevStack status",
            "Notes:\n  DevStack works now",
            "[ ] Push a first draft (mentee, due 2026-03-17)",
            "[ ] Review the draft (mentor, due —)",
        ],
    );

    let m = env.json(&words(&format!(
        "meeting log --pair {pair} --start 2026-03-24T09:00:00Z \
         --end 2026-03-24T10:30:00Z --mode in-person \
         --action 'mentee:Book the room'"
    )));
    assert_eq!(m["pairId"], pair.as_str());
    assert_eq!(m["startsAt"], "2026-03-24T09:00:00Z");
    assert_eq!(m["durationMin"], 90);
    assert_eq!(m["mode"], "in_person");
    assert_eq!(m["agenda"], "");
    assert_eq!(m["goalIds"], serde_json::json!([]));
    let a = &m["actions"][0];
    assert_eq!(a["text"], "Book the room");
    assert_eq!(a["owner"], "mentee");
    assert_eq!(a["meetingId"], id(&m).as_str());
    assert_eq!(a["dueDate"], Value::Null);
    assert_eq!(a["done"], false);
}

#[test]
fn logging_a_meeting_with_an_end_before_its_start_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --end '2025-09-03 16:00' --action 'mentee:Should not be saved'"
    )));
    assert_eq!(
        err.trim(),
        "error: end: is before the start; a meeting must end after it starts"
    );
    assert_eq!(env.json(&["meeting", "list", "--pair", &pair])["total"], 0);
    assert_eq!(
        env.json(&["action", "list", "--pair", &pair]),
        serde_json::json!([])
    );
}

#[test]
fn a_meeting_with_a_malformed_start_or_action_or_mode_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&["meeting", "log", "--pair", &pair, "--start", "yesterday"]);
    assert_contains(
        &err,
        &["start: 'yesterday' is not a time; write YYYY-MM-DD HH:MM"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --action 'somebody:do it'"
    )));
    assert_contains(
        &err,
        &["'somebody:do it' is not OWNER:TEXT or OWNER@YYYY-MM-DD:TEXT"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --action 'mentee@next week:do it'"
    )));
    assert_contains(
        &err,
        &["due date: 'next week' is not a date; write it as YYYY-MM-DD"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --mode carrier-pigeon"
    )));
    assert_contains(
        &err,
        &["mode: 'carrier-pigeon' is not a choice; use video, chat, in-person or event"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --duration 0"
    )));
    assert_contains(&err, &["duration: must be between 1 minute and 24 hours"]);
}

#[test]
fn a_wall_clock_time_the_clocks_skip_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2026-03-29 02:30'"
    )));
    assert_contains(&err, &["does not exist in Europe/Berlin"]);
}

#[test]
fn meeting_list_pages_newest_first() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.ok(&["meeting", "list", "--pair", &pair]),
        &["No meetings yet", "trellis meeting log"],
    );
    let older = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    let newer = id(&meeting(
        &env,
        &pair,
        "2025-09-17 17:00",
        &["mentee:A", "mentor:B"],
    ));

    let page = env.json(&["meeting", "list", "--pair", &pair]);
    assert_eq!(page["total"], 2);
    assert_eq!(page["offset"], 0);
    let ids: Vec<String> = arr(&page["items"]).iter().map(id).collect();
    assert_eq!(ids, [newer.clone(), older.clone()]);

    let second = env.json(&words(&format!(
        "meeting list --pair {pair} --limit 1 --offset 1"
    )));
    assert_eq!(arr(&second["items"]).len(), 1);
    assert_eq!(id(&second["items"][0]), older);
    assert_eq!(second["offset"], 1);

    let out = env.ok(&["meeting", "list", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "2025-09-17 17:00 CEST (partner: 10:00 CDT)",
            "60 min",
            "video call",
            "Showing 1–2 of 2",
        ],
    );
}

#[test]
fn meeting_show_prints_one_meeting_in_full() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee@2025-09-10:Install DevStack"],
    );
    let out = env.ok(&["meeting", "show", &id(&m)]);
    assert_contains(
        &out,
        &[
            "2025-09-03 17:00 CEST (partner: 10:00 CDT), 60 min, video call",
            "[ ] Install DevStack (mentee, due 2025-09-10)",
        ],
    );
    assert_eq!(env.json(&["meeting", "show", &id(&m)]), m);
}

#[test]
fn editing_a_meeting_changes_only_the_fields_given() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let m = id(&env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --agenda Intro \
         --notes 'Met at last'"
    ))));
    let out = env.ok(&["meeting", "edit", &m, "--agenda", "Introductions"]);
    assert_contains(&out, &["Updated Meeting", "Introductions"]);
    let e = env.json(&words(&format!(
        "meeting edit {m} --end '2025-09-03 17:20' --mode event --goal {g}"
    )));
    assert_eq!(id(&e), m);
    assert_eq!(e["durationMin"], 20);
    assert_eq!(e["mode"], "event");
    assert_eq!(e["agenda"], "Introductions");
    assert_eq!(e["notes"], "Met at last");
    assert_eq!(e["startsAt"], "2025-09-03T15:00:00Z");
    assert_eq!(e["goalIds"], serde_json::json!([g]));

    let moved = env.json(&["meeting", "edit", &m, "--start", "2025-09-04 09:00"]);
    assert_eq!(moved["startsAt"], "2025-09-04T07:00:00Z");
    assert_eq!(moved["durationMin"], 20);

    let err = env.refused(&["meeting", "edit", &m, "--end", "2025-09-04 08:00"]);
    assert_contains(&err, &["end: is before the start"]);
}

#[test]
fn deleting_a_meeting_keeps_its_action_items_with_the_pair() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = id(&meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee:Install DevStack"],
    ));
    let out = env.ok(&["meeting", "delete", &m]);
    assert!(
        out.starts_with(&format!("Deleted meeting {m}. It is in the Trash")),
        "{out}"
    );
    let actions = env.json(&["action", "list", "--pair", &pair]);
    assert_eq!(action_texts(&actions), ["Install DevStack"]);
    assert_eq!(actions[0]["meetingId"], Value::Null);
    assert_contains(
        &env.refused(&["meeting", "show", &m]),
        &["no meeting matches"],
    );

    let m2 = id(&meeting(&env, &pair, "2025-09-17 17:00", &[]));
    assert_trashed(&env.json(&["meeting", "delete", &m2]), &m2);
}

#[test]
fn meeting_next_carries_forward_open_action_items_and_not_done_ones() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let empty = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &empty,
        &["Next meeting due 2025-09-15", "Nothing carried forward"],
    );

    let m = meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &[
            "mentee@2025-09-10:Install DevStack",
            "mentor:Share the bug list",
        ],
    );
    let install = id(&m["actions"][0]);
    env.ok(&["action", "done", &install]);
    meeting(
        &env,
        &pair,
        "2025-09-17 17:00",
        &["mentee@2025-09-24:Push a first draft"],
    );

    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["pairId"], pair.as_str());
    assert_eq!(next["dueOn"], "2025-10-01");
    assert_eq!(
        action_texts(&next["openActions"]),
        ["Push a first draft", "Share the bug list"]
    );
    assert_eq!(
        s(&next["agenda"]),
        "Carried forward:\n- [ ] Push a first draft (mentee, due 2025-09-24)\n- [ ] Share the bug list (mentor)\n"
    );
    let out = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "Next meeting due 2025-10-01",
            "Carried forward:",
            "Share the bug list",
        ],
    );
    assert_lacks(&out, &["Install DevStack"]);
}

#[test]
fn notes_set_aside_for_the_next_meeting_join_its_agenda_but_private_ones_stay_out() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    env.ok(&words(&format!(
        "note add --pair {pair} --shared --next-meeting 'Ask about unit tests'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --next-meeting PRIVATE-CANARY-nervous"
    )));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(arr(&next["notes"]).len(), 2);
    assert_eq!(s(&next["agenda"]), "From notes:\n- Ask about unit tests\n");
    let out = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "From notes:\n- Ask about unit tests",
            "(1 private note(s) set aside for you, not in the agenda)",
        ],
    );
    assert_lacks(&out, &["PRIVATE-CANARY"]);

    // The next meeting logged takes the notes up; they are no longer pending.
    let m = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["notes"], serde_json::json!([]));
    let notes = env.json(&["note", "list", "--pair", &pair]);
    assert!(
        arr(&notes).iter().all(|n| n["meetingId"] == m.as_str()),
        "{notes}"
    );
}
