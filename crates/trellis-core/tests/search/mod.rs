//! The core's `search` rules, on in-memory databases.

use super::util::*;
use trellis_core::action::{self, ActionPatch};
use trellis_core::goal::{self, GoalPatch, NewGoal};
use trellis_core::meeting::{self, MeetingPatch, NewMeeting};
use trellis_core::milestone;
use trellis_core::note::{self, Attachment, NotePatch, Visibility};
use trellis_core::pair::{self, Role};
use trellis_core::search::{self, HitKind};
use trellis_core::Db;

struct Seeded {
    db: Db,
    pair: pair::Pair,
    goal: goal::Goal,
    meeting: meeting::Meeting,
    note: note::Note,
}

fn seeded() -> Seeded {
    let db = db();
    let pair = add_pair(&db, "Ada");
    let goal = goal::add(
        &db,
        pair.id,
        NewGoal {
            title: "Zanzibar harbour survey".into(),
            why: "Because of the ferries".into(),
            milestones: vec!["Quokka census".into()],
            ..NewGoal::default()
        },
    )
    .unwrap();
    let meeting = meeting::log(
        &db,
        pair.id,
        NewMeeting {
            agenda: "Xylophone tuning".into(),
            notes: "Marzipan recipe".into(),
            actions: vec![action("Pelican feeding", Role::Mentee, None)],
            ..meeting_at("2026-03-10T15:00:00Z")
        },
    )
    .unwrap();
    let note = note::add(
        &db,
        pair.id,
        note("Tangerine harvest", Visibility::Private, Attachment::None),
    )
    .unwrap();
    Seeded {
        db,
        pair,
        goal,
        meeting,
        note,
    }
}

fn hits(db: &Db, q: &str) -> Vec<(HitKind, String)> {
    search::query(db, q, 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.item_id))
        .collect()
}

#[test]
fn search_finds_every_kind_of_text_by_prefix() {
    let s = seeded();
    let db = &s.db;
    let ms = s.goal.milestones[0].id.to_string();
    let act = s.meeting.actions[0].id.to_string();
    assert_eq!(hits(db, "zanz"), [(HitKind::Goal, s.goal.id.to_string())]);
    assert_eq!(
        hits(db, "FERRIES"),
        [(HitKind::Goal, s.goal.id.to_string())]
    );
    assert_eq!(hits(db, "quok"), [(HitKind::Milestone, ms)]);
    assert_eq!(
        hits(db, "xylo"),
        [(HitKind::Meeting, s.meeting.id.to_string())]
    );
    assert_eq!(
        hits(db, "marzi"),
        [(HitKind::Meeting, s.meeting.id.to_string())]
    );
    assert_eq!(hits(db, "pelic"), [(HitKind::Action, act)]);
    assert_eq!(hits(db, "tanger"), [(HitKind::Note, s.note.id.to_string())]);
    assert!(hits(db, "zanzibarx").is_empty());
    assert!(hits(db, "anzibar").is_empty(), "prefixes, not infixes");
    let hit = &search::query(db, "zanzibar survey", 10).unwrap()[0];
    assert_eq!(hit.pair_id, s.pair.id);
    assert_eq!(hit.partner_name, "Ada");
    assert!(hit.snippet.iter().any(|p| p.hit && p.text == "Zanzibar"));
    assert!(hit.snippet_text().contains("[Zanzibar]"));
}

#[test]
fn every_word_of_a_query_must_match() {
    let s = seeded();
    assert_eq!(hits(&s.db, "zanz harb").len(), 1);
    assert!(hits(&s.db, "zanz quokka").is_empty());
}

#[test]
fn edited_text_is_found_by_its_new_words_only() {
    let s = seeded();
    let db = &s.db;
    goal::edit(
        db,
        s.goal.id,
        GoalPatch {
            title: Some("Kilimanjaro climb".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    milestone::edit(db, s.goal.milestones[0].id, "Wombat census").unwrap();
    meeting::edit(
        db,
        s.meeting.id,
        MeetingPatch {
            agenda: Some("Harpsichord tuning".into()),
            notes: Some("Nougat recipe".into()),
            ..MeetingPatch::default()
        },
    )
    .unwrap();
    action::edit(
        db,
        s.meeting.actions[0].id,
        ActionPatch {
            text: Some("Flamingo feeding".into()),
            ..ActionPatch::default()
        },
    )
    .unwrap();
    note::edit(
        db,
        s.note.id,
        NotePatch {
            body: Some("Clementine harvest".into()),
            ..NotePatch::default()
        },
    )
    .unwrap();
    for gone in ["zanz", "quok", "xylo", "marzi", "pelic", "tanger"] {
        assert!(hits(db, gone).is_empty(), "{gone} is still found");
    }
    for (word, kind) in [
        ("kilim", HitKind::Goal),
        ("ferries", HitKind::Goal),
        ("wombat", HitKind::Milestone),
        ("harpsi", HitKind::Meeting),
        ("nougat", HitKind::Meeting),
        ("flamin", HitKind::Action),
        ("clemen", HitKind::Note),
    ] {
        let found: Vec<HitKind> = hits(db, word).into_iter().map(|(k, _)| k).collect();
        assert_eq!(found, [kind], "{word}");
    }
}

#[test]
fn deleted_text_is_no_longer_found() {
    let s = seeded();
    let db = &s.db;
    action::delete(db, s.meeting.actions[0].id).unwrap();
    assert!(hits(db, "pelic").is_empty());
    note::delete(db, s.note.id).unwrap();
    assert!(hits(db, "tanger").is_empty());
    meeting::delete(db, s.meeting.id).unwrap();
    assert!(hits(db, "xylo").is_empty() && hits(db, "marzi").is_empty());
    goal::delete(db, s.goal.id).unwrap();
    assert!(hits(db, "zanz").is_empty());
    assert!(hits(db, "quok").is_empty(), "its milestones go with it");
    assert_eq!(indexed_rows(db, s.pair.id), 0);
}

#[test]
fn deleting_a_pair_leaves_none_of_its_text_in_the_index() {
    let s = seeded();
    let other = add_pair(&s.db, "Grace");
    note::add(
        &s.db,
        other.id,
        note("Tangerine too", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    // The goal, its milestone, the meeting, its action item and the note.
    assert_eq!(indexed_rows(&s.db, s.pair.id), 5);
    pair::delete(&s.db, s.pair.id).unwrap();
    assert_eq!(indexed_rows(&s.db, s.pair.id), 0);
    assert_eq!(count(&s.db, "search_index"), 1);
    assert_eq!(hits(&s.db, "tanger").len(), 1);
}

#[test]
fn fts_syntax_in_a_query_does_not_error() {
    let s = seeded();
    for q in [
        "\"zanz",
        "zanz\"",
        "zanz*",
        "(zanz",
        "zanz)",
        "zanz AND",
        "OR zanz",
        "NOT",
        "NEAR(zanz harbour)",
        "NEAR/2",
        "-zanz",
        "+zanz",
        "^zanz",
        "title:zanz",
        "{title body}: zanz",
        "*",
        "\"\"",
        "'",
        ":",
        "",
        "   ",
    ] {
        search::query(&s.db, q, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    // Punctuation around a word is ignored, so the word is still found.
    for q in ["\"zanz", "(zanz", "zanz)", "zanz*", "^zanz", "-zanz"] {
        assert_eq!(hits(&s.db, q).len(), 1, "{q}");
    }
    // A column filter is not one: it is read as the two words.
    assert!(hits(&s.db, "title:zanz").is_empty());
}

#[test]
fn control_characters_in_a_query_separate_words() {
    let s = seeded();
    for q in ["\0NEAR", "\0", "zanz\0", "\u{1}zanz\u{2}", "zanz\tharb"] {
        search::query(&s.db, q, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert_eq!(hits(&s.db, "zanz\0harb").len(), 1);
    assert_eq!(hits(&s.db, "\u{1}zanz\u{2}").len(), 1);
}
