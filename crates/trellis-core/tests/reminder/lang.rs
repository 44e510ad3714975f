//! Reminders in the person's language (issue 18): the same due reminder
//! reads in German and in Indonesian, names the partner, shows no note, and
//! keeps no English fixed word; English stays as it was.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use trellis_core::action;
use trellis_core::lang::Lang;
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::pair::Role;
use trellis_core::reminder::{self, Reminder, ReminderKind};
use trellis_core::Db;

use super::super::util::*;

const SECRET: &str = "quokkasecret";

fn due_in(db: &Db, now: DateTime<Utc>, lang: Lang) -> Vec<Reminder> {
    let mut all = reminder::pending_in(db, now, Tz::UTC, lang)
        .unwrap()
        .reminders;
    all.sort_by_key(|r| r.key.clone());
    all
}

/// The words of a text, lowercased, without the partner's name and numbers.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && *w != "Morgan")
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_same_due_reminder_reads_in_german_and_in_indonesian() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    // Matched 1 March, every 14 days, never met: drifting on 16 March; two
    // action items due the next day, one of them mine.
    let now = at("2026-03-16T12:00:00Z");
    for (title, owner) in [("Rebase", Role::Mentee), ("Review", Role::Mentor)] {
        action::add(&db, p.id, None, action(title, owner, Some("2026-03-17"))).unwrap();
    }
    note::add(
        &db,
        p.id,
        note(
            &format!("{SECRET} for the meeting"),
            Visibility::Private,
            Attachment::None,
        ),
    )
    .unwrap();

    let en = due_in(&db, now, Lang::En);
    let de = due_in(&db, now, Lang::De);
    let id = due_in(&db, now, Lang::Id);
    let kinds = |rs: &[Reminder]| rs.iter().map(|r| r.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&en), [ReminderKind::Actions, ReminderKind::Drift]);
    assert_eq!(kinds(&de), kinds(&en));
    assert_eq!(kinds(&id), kinds(&en));
    // English is as it always was (the CLI and `pending` speak it).
    assert_eq!(en, reminder::pending(&db, now, Tz::UTC).unwrap().reminders);
    assert_eq!(en[1].title, "No meeting with Morgan for 15 days");

    assert_eq!(de[1].title, "Kein Treffen mit Morgan seit 15 Tagen");
    assert_eq!(
        id[1].title,
        "Belum ada pertemuan dengan Morgan selama 15 hari"
    );
    assert_eq!(de[0].title, "2 Aufgaben mit Morgan morgen fällig");
    assert_eq!(
        id[0].title,
        "2 butir tindakan dengan Morgan jatuh tempo besok"
    );

    for ((e, d), i) in en.iter().zip(&de).zip(&id) {
        // Same occasion, so shown once whatever the language.
        assert_eq!((&e.key, &e.pair_id), (&d.key, &d.pair_id));
        assert_eq!((&e.key, &e.pair_id), (&i.key, &i.pair_id));
        for r in [d, i] {
            assert!(r.title.contains("Morgan"), "{r:?}");
            assert_ne!((&r.title, &r.body), (&e.title, &e.body), "{r:?}");
            for text in [&r.title, &r.body] {
                assert!(!text.to_lowercase().contains(SECRET), "{r:?}");
            }
        }
        assert_ne!((&d.title, &d.body), (&i.title, &i.body));
        let english: Vec<String> = [&e.title, &e.body].iter().flat_map(|t| words(t)).collect();
        for text in [&d.title, &d.body] {
            for w in words(text) {
                assert!(
                    !english.contains(&w),
                    "English word {w:?} left in German: {text} (English: {} / {})",
                    e.title,
                    e.body
                );
            }
        }
    }
}

#[test]
fn every_language_words_every_kind_with_the_name_the_counts_and_nothing_left_to_fill() {
    let db = db();
    reminders_at_any_hour(&db);
    let p = add_pair(&db, "Morgan");
    let now = at("2026-05-20T12:00:00Z");
    // Every kind applies: a meeting in ten minutes, the check-in open, an
    // action item due tomorrow; and a drift (and its check-in) on a second
    // pair.
    schedule_at(&db, p.id, "2026-05-20T12:10:00Z", now);
    action::add(
        &db,
        p.id,
        None,
        action("Rebase", Role::Mentee, Some("2026-05-21")),
    )
    .unwrap();
    add_pair(&db, "Morgan");
    let en = due_in(&db, now, Lang::En);
    assert_eq!(en.len(), 5, "{en:?}");
    for lang in Lang::ALL {
        let all = due_in(&db, now, lang);
        assert_eq!(all.len(), en.len(), "{lang}: {all:?}");
        for (r, e) in all.iter().zip(&en) {
            assert_eq!(r.key, e.key);
            assert!(r.title.contains("Morgan"), "{lang}: {r:?}");
            for text in [&r.title, &r.body] {
                assert!(!text.contains(['{', '}']), "{lang}: {text}");
            }
            let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count();
            assert!(digits(&r.title) > 0, "{lang}: a count or number: {r:?}");
            if !matches!(lang, Lang::En | Lang::EnGb) {
                assert_ne!(r.title, e.title, "{lang}: {r:?}");
            }
        }
    }
}
