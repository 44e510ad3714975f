//! The core's `record` rules, on in-memory databases.

use super::util::*;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, NewGoal};
use trellis_core::lang::Lang;
use trellis_core::meeting::{self, NewMeeting};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::Role;
use trellis_core::record::{self, RecordFormat};

const CANARY: &str = "CANARY-PRIVATE-7f3a";
const EVIDENCE: &str = "https://review.opendev.org/c/openstack/nova/+/912345";

fn seeded() -> (trellis_core::Db, trellis_core::id::PairId) {
    let db = db();
    let p = add_pair(&db, "Ada");
    let g = goal::add(
        &db,
        p.id,
        NewGoal {
            title: "Record goal alpha".into(),
            milestones: vec!["Record milestone bravo".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    note::add(
        &db,
        p.id,
        note(
            &format!("{CANARY} on a goal"),
            Visibility::Private,
            Attachment::Goal { goal_id: g.id },
        ),
    )
    .unwrap();
    note::add(
        &db,
        p.id,
        note(
            &format!("{CANARY} for the meeting"),
            Visibility::Private,
            Attachment::NextMeeting,
        ),
    )
    .unwrap();
    note::add(
        &db,
        p.id,
        note(
            "Shared note charlie",
            Visibility::Shared,
            Attachment::NextMeeting,
        ),
    )
    .unwrap();
    meeting::log(
        &db,
        p.id,
        NewMeeting {
            agenda: "Record agenda delta".into(),
            goal_ids: vec![g.id],
            actions: vec![action("Record action echo", Role::Mentee, None)],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    let c = criterion::list(&db, p.id).unwrap()[0].id;
    criterion::mark_met(
        &db,
        c,
        MarkMet {
            on: Some(date("2026-04-01")),
            evidence: Some(EVIDENCE.into()),
        },
    )
    .unwrap();
    (db, p.id)
}

#[test]
fn the_markdown_record_holds_goals_meetings_and_criteria() {
    let (db, p) = seeded();
    let md = record::export(&db, p, RecordFormat::Markdown, false, Lang::En).unwrap();
    for text in [
        "Ada",
        "Record goal alpha",
        "Record milestone bravo",
        "Record agenda delta",
        "Record action echo",
        "Shared note charlie",
        "Merged one patch",
        EVIDENCE,
        "2026-04-01",
        "(1 of 4 met)",
    ] {
        assert!(md.contains(text), "{text} missing from\n{md}");
    }
    assert!(!md.contains(CANARY), "a private note leaked:\n{md}");
    let md = record::export(&db, p, RecordFormat::Markdown, true, Lang::En).unwrap();
    assert_eq!(md.matches(CANARY).count(), 2);
}

#[test]
fn the_json_record_holds_goals_meetings_and_criteria() {
    let (db, p) = seeded();
    let text = record::export(&db, p, RecordFormat::Json, false, Lang::En).unwrap();
    assert!(!text.contains(CANARY), "a private note leaked:\n{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "trellis-record");
    assert_eq!(v["includesPrivateNotes"], false);
    assert_eq!(v["pair"]["partnerName"], "Ada");
    assert_eq!(v["goals"][0]["title"], "Record goal alpha");
    assert_eq!(
        v["goals"][0]["milestones"][0]["text"],
        "Record milestone bravo"
    );
    assert_eq!(v["meetings"][0]["agenda"], "Record agenda delta");
    assert_eq!(v["meetings"][0]["actions"][0]["text"], "Record action echo");
    assert_eq!(v["criteria"].as_array().unwrap().len(), 4);
    assert_eq!(v["criteria"][0]["evidence"], EVIDENCE);
    assert_eq!(v["notes"].as_array().unwrap().len(), 1);

    let text = record::export(&db, p, RecordFormat::Json, true, Lang::En).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["includesPrivateNotes"], true);
    assert_eq!(v["notes"].as_array().unwrap().len(), 3);
    assert_eq!(text.matches(CANARY).count(), 2);
}
