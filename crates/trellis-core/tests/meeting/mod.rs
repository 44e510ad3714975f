//! The core's `meeting` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use trellis_core::action::{self, ActionPatch};
use trellis_core::meeting::{self, MeetingMode, MeetingPatch, NewMeeting};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::{self, NewPair, Role};

#[test]
fn a_meeting_is_logged_with_its_action_items() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let m = meeting::log(
        &db,
        p.id,
        NewMeeting {
            mode: Some(MeetingMode::Chat),
            agenda: "Gerrit".into(),
            notes: "Went well".into(),
            actions: vec![
                action("Push the change", Role::Mentee, Some("2026-03-20")),
                action("Review it", Role::Mentor, None),
            ],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    assert_eq!(m.mode, MeetingMode::Chat);
    assert_eq!(m.duration_min, 60);
    let acts: Vec<(&str, Role, Option<chrono::NaiveDate>, bool)> = m
        .actions
        .iter()
        .map(|a| (a.text.as_str(), a.owner, a.due_date, a.done))
        .collect();
    assert_eq!(
        acts,
        [
            (
                "Push the change",
                Role::Mentee,
                Some(date("2026-03-20")),
                false
            ),
            ("Review it", Role::Mentor, None, false),
        ]
    );
    assert!(m.actions.iter().all(|a| a.meeting_id == Some(m.id)));
    assert_eq!(meeting::get(&db, m.id).unwrap(), m);
}

#[test]
fn the_duration_can_be_given_as_an_end_time() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let m = meeting::log(
        &db,
        p.id,
        NewMeeting {
            starts_at: when("2026-03-10 15:00"),
            ends_at: Some(when("2026-03-10 15:45")),
            ..NewMeeting::default()
        },
    )
    .unwrap();
    assert_eq!(m.duration_min, 45);
}

#[test]
fn a_meeting_that_ends_before_it_starts_is_refused() {
    let db = db();
    let p = add_pair(&db, "Ada");
    for end in ["2026-03-10 14:00", "2026-03-10 15:00"] {
        let e = refused(&db, ErrorKind::Invalid, || {
            meeting::log(
                &db,
                p.id,
                NewMeeting {
                    starts_at: when("2026-03-10 15:00"),
                    ends_at: Some(when(end)),
                    actions: vec![action("Never stored", Role::Mentee, None)],
                    ..NewMeeting::default()
                },
            )
        });
        assert!(e.to_string().starts_with("end"), "{e}");
    }
    let m = meeting::log(&db, p.id, meeting_at("2026-03-10 15:00")).unwrap();
    refused(&db, ErrorKind::Invalid, || {
        meeting::edit(
            &db,
            m.id,
            MeetingPatch {
                ends_at: Some(when("2026-03-10 14:59")),
                ..MeetingPatch::default()
            },
        )
    });
}

#[test]
fn bad_meeting_input_is_refused_and_nothing_is_written() {
    let db = db();
    let p = add_pair(&db, "Ada");
    for new in [
        NewMeeting {
            duration_min: Some(0),
            ..meeting_at("2026-03-10T15:00:00Z")
        },
        NewMeeting {
            duration_min: Some(1441),
            ..meeting_at("2026-03-10T15:00:00Z")
        },
        NewMeeting {
            ends_at: Some(when("2026-03-10T16:00:00Z")),
            ..meeting_at("2026-03-10T15:00:00Z")
        },
        NewMeeting {
            actions: vec![action("  ", Role::Mentor, None)],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    ] {
        refused(&db, ErrorKind::Invalid, || {
            meeting::log(&db, p.id, new.clone())
        });
    }
}

#[test]
fn a_local_time_the_clocks_skip_is_refused() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            my_tz: tz("Europe/Berlin"),
            ..new_pair("Ada")
        },
    )
    .unwrap();
    let e = refused(&db, ErrorKind::Invalid, || {
        meeting::log(&db, p.id, meeting_at("2026-03-29 02:30"))
    });
    assert!(e.to_string().contains("does not exist"), "{e}");
    // The same wall-clock time exists in the partner's zone, but the
    // start is read in mine.
    meeting::log(&db, p.id, meeting_at("2026-03-29 03:30")).unwrap();
}

#[test]
fn starts_are_stored_in_utc() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            my_tz: tz("Europe/Berlin"),
            partner_tz: tz("America/Chicago"),
            ..new_pair("Ada")
        },
    )
    .unwrap();
    let winter = meeting::log(&db, p.id, meeting_at("2026-03-14 16:00")).unwrap();
    let summer = meeting::log(&db, p.id, meeting_at("2026-07-14T16:00")).unwrap();
    let offset = meeting::log(&db, p.id, meeting_at("2026-07-15T09:00:00-05:00")).unwrap();
    assert_eq!(winter.starts_at, at("2026-03-14T15:00:00Z"));
    assert_eq!(summer.starts_at, at("2026-07-14T14:00:00Z"));
    assert_eq!(offset.starts_at, at("2026-07-15T14:00:00Z"));
    let stored: Vec<String> = db
        .read(|c| {
            let mut st = c.prepare("SELECT starts_at FROM meeting ORDER BY starts_at")?;
            let rows = st.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(
        stored,
        [
            "2026-03-14T15:00:00.000+00:00",
            "2026-07-14T14:00:00.000+00:00",
            "2026-07-15T14:00:00.000+00:00"
        ]
    );
}

#[test]
fn the_log_pages_newest_first_with_the_total() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    meeting::log(&db, other.id, meeting_at("2026-03-31T10:00:00Z")).unwrap();
    for day in [13, 11, 15, 12, 14] {
        meeting::log(&db, p.id, meeting_at(&format!("2026-03-{day}T10:00:00Z"))).unwrap();
    }
    let page = |offset| {
        let pg = meeting::list(&db, p.id, offset, 2).unwrap();
        assert_eq!(pg.total, 5);
        assert_eq!(pg.offset, offset);
        pg.items
            .into_iter()
            .map(|m| m.starts_at.format("%d").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(page(0), ["15", "14"]);
    assert_eq!(page(2), ["13", "12"]);
    assert_eq!(page(4), ["11"]);
    assert!(page(6).is_empty());
}

#[test]
fn the_next_meeting_carries_forward_every_open_action_item_soonest_due_first() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let first = meeting::log(
        &db,
        p.id,
        NewMeeting {
            actions: vec![
                action("Late item", Role::Mentee, Some("2026-07-10")),
                action("Undated item", Role::Mentor, None),
                action("Finished item", Role::Mentee, Some("2026-06-01")),
            ],
            ..meeting_at("2026-05-01T10:00:00Z")
        },
    )
    .unwrap();
    let loose = action::add(
        &db,
        p.id,
        None,
        action("Loose item", Role::Mentee, Some("2026-07-01")),
    )
    .unwrap();
    let second = meeting::log(
        &db,
        p.id,
        NewMeeting {
            actions: vec![action("Middle item", Role::Mentor, Some("2026-07-05"))],
            ..meeting_at("2026-05-15T10:00:00Z")
        },
    )
    .unwrap();
    action::set_done(&db, first.actions[2].id, true).unwrap();
    // Another pair's open items never show up here.
    let other = add_pair(&db, "Grace");
    action::add(&db, other.id, None, action("Not ours", Role::Mentee, None)).unwrap();

    let next = meeting::next(&db, p.id).unwrap();
    let ids: Vec<_> = next.open_actions.iter().map(|a| a.id).collect();
    assert_eq!(
        ids,
        [
            loose.id,
            second.actions[0].id,
            first.actions[0].id,
            first.actions[1].id
        ]
    );
    for text in ["Loose item", "Middle item", "Late item", "Undated item"] {
        assert!(next.agenda.contains(text), "{text} in {}", next.agenda);
    }
    assert!(!next.agenda.contains("Finished item"));
    assert!(!next.agenda.contains("Not ours"));
    assert_eq!(next.due_on, date("2026-05-29"), "last meeting + cadence");

    // Unticking brings an item back; editing its due date reorders it.
    action::set_done(&db, first.actions[2].id, false).unwrap();
    action::edit(
        &db,
        first.actions[1].id,
        ActionPatch {
            due_date: Some(Some(date("2026-06-15"))),
            ..ActionPatch::default()
        },
    )
    .unwrap();
    let ids: Vec<_> = meeting::next(&db, p.id)
        .unwrap()
        .open_actions
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        ids,
        [
            first.actions[2].id,
            first.actions[1].id,
            loose.id,
            second.actions[0].id,
            first.actions[0].id,
        ]
    );
}

#[test]
fn with_no_meeting_yet_the_next_is_due_a_cadence_after_the_match() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let next = meeting::next(&db, p.id).unwrap();
    assert_eq!(next.due_on, date("2026-03-15"));
    assert!(next.open_actions.is_empty() && next.notes.is_empty());
    assert_eq!(next.agenda, "");
}

#[test]
fn private_notes_set_aside_are_listed_but_never_in_the_agenda_text() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let shared = note::add(
        &db,
        p.id,
        note(
            "Ask about the CI failures\nand more detail",
            Visibility::Shared,
            Attachment::NextMeeting,
        ),
    )
    .unwrap();
    let private = note::add(
        &db,
        p.id,
        note(
            "PRIVATE-CANARY-41 nervous about reviews",
            Visibility::Private,
            Attachment::NextMeeting,
        ),
    )
    .unwrap();
    note::add(
        &db,
        p.id,
        note("Not for the meeting", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    action::add(&db, p.id, None, action("Open item", Role::Mentee, None)).unwrap();
    let next = meeting::next(&db, p.id).unwrap();
    let ids: Vec<_> = next.notes.iter().map(|n| n.id).collect();
    assert_eq!(ids, [shared.id, private.id]);
    assert!(next.agenda.contains("Ask about the CI failures"));
    assert!(next.agenda.contains("Open item"));
    assert!(
        !next.agenda.contains("PRIVATE-CANARY-41"),
        "{}",
        next.agenda
    );
    assert!(!next.agenda.contains("nervous"), "{}", next.agenda);
    assert!(!next.agenda.contains("Not for the meeting"));
}

#[test]
fn logging_a_meeting_takes_up_the_pending_notes_and_deleting_it_gives_them_back() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    let mine = note::add(
        &db,
        p.id,
        note("For next time", Visibility::Shared, Attachment::NextMeeting),
    )
    .unwrap();
    let theirs = note::add(
        &db,
        other.id,
        note("Other pair's", Visibility::Private, Attachment::NextMeeting),
    )
    .unwrap();
    let m = meeting::log(&db, p.id, meeting_at("2026-03-10T15:00:00Z")).unwrap();
    assert!(meeting::next(&db, p.id).unwrap().notes.is_empty());
    assert_eq!(note::get(&db, mine.id).unwrap().meeting_id, Some(m.id));
    assert_eq!(note::get(&db, theirs.id).unwrap().meeting_id, None);
    assert_eq!(meeting::next(&db, other.id).unwrap().notes.len(), 1);

    // A second meeting does not steal notes the first one took up.
    let later = meeting::log(&db, p.id, meeting_at("2026-03-24T15:00:00Z")).unwrap();
    assert_eq!(note::get(&db, mine.id).unwrap().meeting_id, Some(m.id));
    meeting::delete(&db, later.id).unwrap();
    assert!(meeting::next(&db, p.id).unwrap().notes.is_empty());

    meeting::delete(&db, m.id).unwrap();
    let back = meeting::next(&db, p.id).unwrap();
    assert_eq!(
        back.notes.iter().map(|n| n.id).collect::<Vec<_>>(),
        [mine.id]
    );
    let n = note::get(&db, mine.id).unwrap();
    assert!(n.for_next_meeting && n.meeting_id.is_none());
}

#[test]
fn deleting_a_meeting_keeps_its_action_items() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let m = meeting::log(
        &db,
        p.id,
        NewMeeting {
            actions: vec![
                action("Still to do", Role::Mentee, None),
                action("Already done", Role::Mentor, None),
            ],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    action::set_done(&db, m.actions[1].id, true).unwrap();
    meeting::delete(&db, m.id).unwrap();
    assert_eq!(err(meeting::get(&db, m.id)).kind(), ErrorKind::NotFound);
    let all = action::list(&db, p.id, false).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|a| a.meeting_id.is_none()));
    assert!(all[1].done, "a done item stays done");
    let open: Vec<_> = meeting::next(&db, p.id)
        .unwrap()
        .open_actions
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(open, [m.actions[0].id]);
}

#[test]
fn an_action_item_cannot_be_filed_under_another_pairs_meeting() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let other = add_pair(&db, "Grace");
    let theirs = meeting::log(&db, other.id, meeting_at("2026-03-10T15:00:00Z")).unwrap();
    refused(&db, ErrorKind::Invalid, || {
        action::add(&db, p.id, Some(theirs.id), action("x", Role::Mentee, None))
    });
}

#[test]
fn editing_a_meeting_changes_only_the_fields_given() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let m = meeting::log(
        &db,
        p.id,
        NewMeeting {
            agenda: "Agenda".into(),
            notes: "Notes".into(),
            mode: Some(MeetingMode::InPerson),
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    let e = meeting::edit(
        &db,
        m.id,
        MeetingPatch {
            notes: Some("Better notes".into()),
            ..MeetingPatch::default()
        },
    )
    .unwrap();
    assert_eq!(
        e,
        meeting::Meeting {
            notes: "Better notes".into(),
            updated_at: e.updated_at,
            ..m
        }
    );
}
