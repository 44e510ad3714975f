//! Files that must be refused, with the database exactly as it was.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use trellis_core::goal::{self, NewGoal};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::ErrorKind;

/// B, with a goal and a meeting from A not yet imported, and A's valid file.
fn pending() -> (Two, Vec<u8>) {
    let t = two();
    goal::add(
        &t.a,
        t.pair,
        NewGoal {
            title: "Pending".into(),
            milestones: vec!["one".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    trellis_core::meeting::log(&t.a, t.pair, meeting_at("2026-03-10T15:00:00Z")).unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    (t, f)
}

#[test]
fn every_truncation_of_a_valid_file_is_refused_with_nothing_written() {
    let (t, f) = pending();
    let before = snapshot(&t.b);
    for n in 0..f.len() {
        let e = sync::import(&t.b, &f[..n]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Format, "cut at {n}: {e}");
    }
    assert_eq!(snapshot(&t.b), before);
    sync::import(&t.b, &f).unwrap();
}

#[test]
fn a_file_of_another_pair_is_refused() {
    let (t, _) = pending();
    let other = two();
    let f = sync::export(&other.a, other.pair).unwrap();
    let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &f));
    assert!(
        e.to_string()
            .contains("not for a pair shared on this machine"),
        "{e}"
    );
    // Relabelled with our pair's tag, it does not open with our keys.
    let ours = sync::export(&t.a, t.pair).unwrap();
    let head = "trellis-sync 2.0\n".len();
    let mut relabelled = f.clone();
    relabelled[head..head + 16].copy_from_slice(&ours[head..head + 16]);
    let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &relabelled));
    assert!(e.to_string().contains("altered"), "{e}");
}

#[test]
fn my_own_file_and_an_invite_are_not_updates() {
    let (t, _) = pending();
    let mine = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &mine));
    assert!(e.to_string().contains("this machine"), "{e}");
    let other = add_pair(&t.a, "Someone").id;
    let (inv, code) = invite(&t.a, other, "Ada");
    refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &inv));
    refused(&t.b, ErrorKind::Format, || accept(&t.b, &mine, &code));
}

#[test]
fn a_file_whose_clock_is_more_than_a_day_ahead_is_refused() {
    let (t, f) = pending();
    let mut body = body_of(&t.b, t.pair, &f);
    let ahead = trellis_core::time::now().timestamp_millis() + 25 * 3600 * 1000;
    body["clock"] = json!(format!("{ahead:015}-000000"));
    let e = refused(&t.b, ErrorKind::Format, || {
        sync::import(&t.b, &forge(&t.a, t.pair, &body))
    });
    assert!(e.to_string().contains("24 hours"), "{e}");
    // Within the day it is taken, and the clock moves past it.
    let soon = trellis_core::time::now().timestamp_millis() + 3600 * 1000;
    body["clock"] = json!(format!("{soon:015}-000000"));
    sync::import(&t.b, &forge(&t.a, t.pair, &body)).unwrap();
    assert!(sync::current_clock(&t.b).unwrap().ms >= soon);
}

/// A change to a file's body.
type Forge = Box<dyn Fn(&mut serde_json::Value)>;

/// Forged files (right key, wrong content) that validation refuses.
#[test]
fn a_signed_file_that_breaks_a_rule_is_refused_whole() {
    let (t, f) = pending();
    let body = body_of(&t.b, t.pair, &f);
    let goal_at = body["records"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["table"] == "goal")
        .unwrap();
    let note_id = trellis_core::id::NoteId::new().to_string();
    let other_pair = trellis_core::id::PairId::new().to_string();
    let forgeries: Vec<(&str, Forge)> = vec![
        (
            "control character",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["title"][0] = json!("bell\u{7}");
            }),
        ),
        (
            "blank title",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["title"][0] = json!("   ");
            }),
        ),
        (
            "bad status",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["status"][0] = json!("done-ish");
            }),
        ),
        (
            "too long",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["title"][0] = json!("x".repeat(501));
            }),
        ),
        (
            "another pair's goal",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["pair_id"][0] = json!(other_pair.clone());
            }),
        ),
        (
            "a missing field",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]
                    .as_object_mut()
                    .unwrap()
                    .remove("why");
            }),
        ),
        (
            "an unknown field",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["secret"] =
                    json!(["x", "000000000000000-000000", "0".repeat(32)]);
            }),
        ),
        (
            "an unknown table",
            Box::new(move |b| {
                b["records"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"table": "checkin", "id": "x", "fields": {}}));
            }),
        ),
        (
            "a change newer than the file",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["title"][1] = json!("999999999999999-000000");
            }),
        ),
        (
            "a private note",
            Box::new(move |b| {
                let mut rec = b["records"][goal_at].clone();
                rec["table"] = json!("note");
                rec["id"] = json!(note_id.clone());
                rec["fields"] = json!({"visibility": ["private", "000000000000000-000000", "0".repeat(32)],
                                   "body": ["leak", "000000000000000-000000", "0".repeat(32)]});
                b["records"].as_array_mut().unwrap().push(rec);
            }),
        ),
        (
            "a duplicate record",
            Box::new(move |b| {
                let rec = b["records"][goal_at].clone();
                b["records"].as_array_mut().unwrap().push(rec);
            }),
        ),
        (
            "a malformed id",
            Box::new(move |b| {
                b["records"][goal_at]["id"] = json!("not-a-uuid");
            }),
        ),
        (
            "a bad date",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["target_date"][0] = json!("2026-02-30");
            }),
        ),
        (
            "an object value",
            Box::new(move |b| {
                b["records"][goal_at]["fields"]["why"][0] = json!({"x": 1});
            }),
        ),
    ];
    let before = snapshot(&t.b);
    for (what, change) in forgeries {
        let mut b = body.clone();
        change(&mut b);
        let e = sync::import(&t.b, &forge(&t.a, t.pair, &b)).expect_err(what);
        assert_eq!(e.kind(), ErrorKind::Format, "{what}: {e}");
        assert_eq!(snapshot(&t.b), before, "{what} changed the database");
    }
    // The untouched body, resealed, is fine: the forgeries failed for their change.
    sync::import(&t.b, &forge(&t.a, t.pair, &body)).unwrap();
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let (t, _) = pending();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.trellis-sync");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(sync::MAX_FILE_BYTES as u64 + 10).unwrap();
    let e = refused(&t.b, ErrorKind::Format, || sync::import_file(&t.b, &p));
    assert!(e.to_string().contains("larger than 16 MiB"), "{e}");
}

#[test]
fn a_newer_major_version_is_refused_with_advice() {
    let (t, f) = pending();
    let mut newer = f.clone();
    newer[13] = b'3';
    assert!(newer.starts_with(b"trellis-sync 3."));
    let e = refused(&t.b, ErrorKind::Format, || sync::import(&t.b, &newer));
    assert!(e.to_string().contains("update Trellis"), "{e}");
    // A file of format 1 (readable by anyone on the way) is refused: re-pair.
    let old = format!("trellis-sync 1.0 {} {}\n{{}}", t.pair, "0".repeat(64));
    let e = refused(&t.b, ErrorKind::Format, || {
        sync::import(&t.b, old.as_bytes())
    });
    assert!(e.to_string().contains("Re-pair"), "{e}");
}

#[test]
fn a_private_note_of_a_file_written_after_many_edits_is_still_absent() {
    let t = two();
    let canary = "ÄLTERED-canary-0099";
    let n = note::add(
        &t.a,
        t.pair,
        note(canary, Visibility::Private, Attachment::None),
    )
    .unwrap();
    note::edit(
        &t.a,
        n.id,
        note::NotePatch {
            body: Some(format!("{canary} again")),
            attach: Some(Attachment::NextMeeting),
            ..note::NotePatch::default()
        },
    )
    .unwrap();
    trellis_core::meeting::log(&t.a, t.pair, meeting_at("2026-03-11T15:00:00Z")).unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    assert_absent(&f, canary);
    assert!(
        !String::from_utf8_lossy(&f).contains(&n.id.to_string()),
        "not even its id"
    );
    note::delete(&t.a, n.id).unwrap();
    let f = sync::export(&t.a, t.pair).unwrap();
    assert!(
        !String::from_utf8_lossy(&f).contains(&n.id.to_string()),
        "nor a tombstone"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any bit flipped anywhere in a valid file: refused, nothing written.
    #[test]
    fn a_flipped_bit_anywhere_is_refused_with_nothing_written(at in any::<prop::sample::Index>(), bit in 0u8..8) {
        thread_local! {
            static FIXTURE: (Two, Vec<u8>, String) = {
                let (t, f) = pending();
                let s = snapshot(&t.b);
                (t, f, s)
            };
        }
        FIXTURE.with(|(t, f, before)| {
            let mut bad = f.clone();
            let i = at.index(bad.len());
            bad[i] ^= 1 << bit;
            let e = sync::import(&t.b, &bad);
            prop_assert!(e.is_err(), "flipping bit {} of byte {} was accepted", bit, i);
            prop_assert_eq!(e.unwrap_err().kind(), ErrorKind::Format);
            prop_assert_eq!(&snapshot(&t.b), before);
            Ok(())
        })?;
    }
}
