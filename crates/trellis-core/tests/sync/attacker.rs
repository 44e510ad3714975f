//! Issue 13, from the attacker's side: someone on the way who reads and
//! alters every file that travels, and a partner who edits their own
//! database and exports through the normal path. Each test is one of the
//! issue's cases; each fails on the Trellis before the fix.

use serde_json::json;

use super::*;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, GoalPatch, NewGoal};
use trellis_core::note::{self, Attachment, NotePatch, Visibility};
use trellis_core::pair::{self, PairStatus};
use trellis_core::sync::Side;
use trellis_core::ErrorKind;

/// `secret` in none of the forms of [`assert_absent`], nor lowercased.
fn assert_hidden(file: &[u8], secret: &str) {
    assert_absent(file, secret);
    let hay = String::from_utf8_lossy(file).to_lowercase();
    assert!(
        !hay.contains(&secret.to_lowercase()),
        "{secret:?} is in a file, lowercased"
    );
    if let Ok(u) = uuid::Uuid::parse_str(secret) {
        assert!(
            !hay.contains(&u.simple().to_string()),
            "{secret:?} is in a file without its dashes"
        );
        assert_absent(file, &u.simple().to_string());
    }
}

/// Run SQL on a database the way its owner could, outside Trellis: the
/// triggers stamp what changes as this side's edit, so the next export
/// carries it through the normal path.
fn edit_db(db: &Db, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    db.write(|tx| {
        tx.execute(sql, params)?;
        Ok(())
    })
    .unwrap();
}

fn goal(db: &Db, pair: PairId, title: &str) -> trellis_core::goal::Goal {
    goal::add(
        db,
        pair,
        NewGoal {
            title: title.into(),
            ..NewGoal::default()
        },
    )
    .unwrap()
}

#[test]
fn no_name_text_or_id_is_in_any_file_that_travels() {
    let a = db();
    let p = add_pair(&a, "Morgan Mentor");
    let g = goal(&a, p.id, "Canary-Goal-Tïtle-7781");
    let mut m = meeting_at("2026-03-10T15:00:00Z");
    m.notes = "canary meeting notes 4242".into();
    trellis_core::meeting::log(&a, p.id, m).unwrap();
    note::add(
        &a,
        p.id,
        note(
            "Shared-Canary-Note-99",
            Visibility::Shared,
            Attachment::None,
        ),
    )
    .unwrap();
    let (inv, code) = invite(&a, p.id, "Ada Canary-Mentee");
    let b = db();
    let acc = accept(&b, &inv, &code).unwrap();
    let answer = acc.answer.clone();
    sync::import_answer(&a, &answer).unwrap();
    goal(&b, p.id, "Mentor-Canary-Goal-31");
    let from_b = sync::export(&b, p.id).unwrap();
    sync::import(&a, &from_b).unwrap();
    let from_a = sync::export(&a, p.id).unwrap();
    let secrets = [
        "Canary-Goal-Tïtle-7781",
        "canary meeting notes 4242",
        "Shared-Canary-Note-99",
        "Ada Canary-Mentee",
        "Mentor-Canary-Goal-31",
        "openstack-mentoring",
        "first-patch",
        &p.id.to_string(),
        &g.id.to_string(),
    ];
    for (what, file) in [
        ("invite", &inv),
        ("answer", &answer),
        ("A's update", &from_a),
        ("B's update", &from_b),
    ] {
        for s in secrets {
            let r = std::panic::catch_unwind(|| assert_hidden(file, s));
            assert!(r.is_ok(), "{s:?} can be read in the {what}");
        }
    }
}

#[test]
fn an_intercepted_invite_lets_no_one_read_or_write_a_later_file() {
    let a = db();
    let p = add_pair(&a, "Morgan Mentor");
    let (inv, code) = invite(&a, p.id, "Ada Mentee");
    let b = db();
    let acc = accept(&b, &inv, &code).unwrap();
    // Someone on the way kept a copy of the invite, and even heard the code.
    let eve = db();
    let eves = accept(&eve, &inv, &code);
    sync::import_answer(&a, &acc.answer).unwrap();
    if let Ok(eves) = &eves {
        // Eve's answer comes second: A is paired with B already.
        refused(&a, ErrorKind::Conflict, || {
            sync::import_answer(&a, &eves.answer)
        });
        assert_ne!(eves.safety_code, acc.safety_code, "the codes would tell");
    }
    goal(&a, p.id, "Written after the invite");
    let later = sync::export(&a, p.id).unwrap();
    sync::import(&b, &later).unwrap();
    let e = refused(&eve, ErrorKind::Format, || sync::import(&eve, &later));
    assert!(!e.to_string().is_empty());
    assert!(!String::from_utf8_lossy(&later).contains("Written after the invite"));
    // Nor can the copy write for the inviter: a file made with what the
    // invite holds, claiming to be the mentee's, is refused by both.
    if let Ok(f) = sync::export(&eve, p.id) {
        let mut body = body_of(&eve, p.id, &f);
        body["from"]["role"] = json!("mentee");
        let forged = forge(&eve, p.id, &body);
        refused(&b, ErrorKind::Format, || sync::import(&b, &forged));
        refused(&a, ErrorKind::Format, || sync::import(&a, &forged));
    }
}

/// The mentee A with her own evidence on one criterion, and the mentor B
/// who has A's update.
fn mentee_with_evidence() -> (Two, Vec<trellis_core::criterion::Criterion>) {
    let t = two();
    let crits = criterion::list(&t.a, t.pair).unwrap();
    criterion::mark_met(
        &t.a,
        crits[0].id,
        MarkMet {
            evidence: Some("https://review.opendev.org/ada".into()),
            ..MarkMet::default()
        },
    )
    .unwrap();
    t.a_to_b();
    (t, crits)
}

#[test]
fn regression_13_2_a_mentor_cannot_confirm_in_the_mentees_name() {
    let (t, crits) = mentee_with_evidence();
    for c in &crits {
        criterion::mark_met(&t.b, c.id, MarkMet::default()).unwrap();
    }
    edit_db(
        &t.b,
        "INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence)
         SELECT id, 'mentee', '2026-03-02', 'https://evil.example/x' FROM criterion WHERE pair_id = ?1
         ON CONFLICT (criterion_id, role) DO UPDATE SET met_on = excluded.met_on, evidence = excluded.evidence",
        &[&t.pair.to_string()],
    );
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    assert!(e.to_string().contains("confirmation"), "{e}");
    let mine = criterion::get(&t.a, crits[0].id).unwrap();
    assert_eq!(
        mine.evidence.as_deref(),
        Some("https://review.opendev.org/ada")
    );
}

#[test]
fn regression_13_2_a_file_cannot_graduate_a_pair_with_nothing_met() {
    let t = two();
    edit_db(
        &t.b,
        "UPDATE pair SET status = 'graduated', status_changed_on = '2026-03-02' WHERE id = ?1",
        &[&t.pair.to_string()],
    );
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    assert!(e.to_string().contains("graduated"), "{e}");
    assert_eq!(pair::get(&t.a, t.pair).unwrap().status, PairStatus::Active);
}

#[test]
fn regression_13_3_a_partners_file_and_keep_mine_never_share_a_private_note() {
    let t = two();
    // B's note, shared; A has it.
    let n = note::add(
        &t.b,
        t.pair,
        note("shared words", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    t.b_to_a();
    // A takes it back and writes private text into it.
    note::edit(
        &t.a,
        n.id,
        NotePatch {
            visibility: Some(Visibility::Private),
            ..NotePatch::default()
        },
    )
    .unwrap();
    let secret = "Aprivate-canary-5150";
    note::edit(
        &t.a,
        n.id,
        NotePatch {
            body: Some(secret.into()),
            ..NotePatch::default()
        },
    )
    .unwrap();
    t.a_to_b();
    // B edits and shares its note again.
    note::edit(
        &t.b,
        n.id,
        NotePatch {
            body: Some("B's new words".into()),
            visibility: Some(Visibility::Shared),
            ..NotePatch::default()
        },
    )
    .unwrap();
    t.b_to_a();
    // A's text is private on A, whatever A picks in a conflict.
    for k in sync::conflicts(&t.a, t.pair, false).unwrap() {
        let _ = sync::resolve(&t.a, k.id, Side::Mine);
    }
    let f = sync::export(&t.a, t.pair).unwrap();
    let r = std::panic::catch_unwind(|| assert_hidden(&f, secret));
    assert!(r.is_ok(), "A's private text is in A's update file");
    let kept: Vec<_> = note::list(&t.a, t.pair)
        .unwrap()
        .into_iter()
        .filter(|x| x.body == secret)
        .collect();
    assert_eq!(kept.len(), 1, "A's private text is kept");
    assert_eq!(kept[0].visibility, Visibility::Private);
}

/// A (the victim) with two pairs, both shared with the same partner M, who
/// knows the ids of both: pair 1 and pair 2 with a goal of pair 2.
fn two_pairs_one_partner() -> (Db, Db, PairId, PairId, trellis_core::goal::Goal) {
    let a = db();
    let m = db();
    let p1 = add_pair(&a, "Morgan Mentor").id;
    let p2 = add_pair(&a, "Morgan Mentor").id;
    join(&a, &m, p1);
    join(&a, &m, p2);
    let g2 = goal(&a, p2, "Pair two's goal");
    sync::import(&m, &sync::export(&a, p2).unwrap()).unwrap();
    (a, m, p1, p2, g2)
}

#[test]
fn regression_13_4_a_tombstone_of_another_pairs_row_is_refused() {
    let (a, m, p1, p2, g2) = two_pairs_one_partner();
    edit_db(
        &m,
        "INSERT INTO tombstone (tbl, row_id, pair_id, hlc, replica)
         SELECT 'goal', ?1, ?2, now, replica FROM sync_clock",
        &[&g2.id.to_string(), &p1.to_string()],
    );
    let f = sync::export(&m, p1).unwrap();
    let e = refused(&a, ErrorKind::Format, || sync::import(&a, &f));
    assert!(e.to_string().contains("another pair"), "{e}");
    assert_eq!(goal::get(&a, g2.id).unwrap().pair_id, p2);
}

#[test]
fn regression_13_4_a_conflict_of_another_pairs_row_is_refused() {
    let (a, m, p1, _p2, g2) = two_pairs_one_partner();
    edit_db(
        &m,
        "INSERT INTO sync_conflict (pair_id, tbl, row_id, field, value, hlc, replica, lost, detected_at)
         SELECT ?2, 'goal', ?1, 'title', '\"Renamed by M\"', now, replica, 'mine', '2026-03-02T00:00:00Z'
         FROM sync_clock",
        &[&g2.id.to_string(), &p1.to_string()],
    );
    let f = sync::export(&m, p1).unwrap();
    let e = refused(&a, ErrorKind::Format, || sync::import(&a, &f));
    assert!(e.to_string().contains("another pair"), "{e}");
    for k in sync::conflicts(&a, p1, false).unwrap() {
        let _ = sync::resolve(&a, k.id, Side::Theirs);
    }
    assert_eq!(goal::get(&a, g2.id).unwrap().title, "Pair two's goal");
}

/// `n` goals with a `why` of `len` characters, added straight into the
/// database (stamped as this side's edits).
fn many_goals(db: &Db, pair: PairId, n: i64, len: i64) {
    edit_db(
        db,
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
         INSERT INTO goal (id, pair_id, title, why, status, created_at, updated_at)
         SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2)
                || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                ?1, 'bulk ' || i, substr(printf('%.*c', ?3, 'w'), 1, ?3), 'active',
                '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z'
         FROM k",
        &[&pair.to_string(), &n, &len],
    );
}

#[test]
fn regression_13_5_no_file_can_grow_a_pair_past_what_its_partner_accepts() {
    let t = two();
    // Two large files from B, each acceptable on its own: B drops the
    // first batch from its database without a trace before adding the next.
    many_goals(&t.b, t.pair, 3_000, 1_800);
    let first = sync::export(&t.b, t.pair).unwrap();
    t.b.write(|tx| {
        tx.execute_batch(
            "UPDATE sync_clock SET applying = 1;
             DELETE FROM goal WHERE title LIKE 'bulk %';
             UPDATE sync_clock SET applying = 0;",
        )?;
        Ok(())
    })
    .unwrap();
    many_goals(&t.b, t.pair, 3_000, 1_800);
    let second = sync::export(&t.b, t.pair).unwrap();
    sync::import(&t.a, &first).unwrap();
    let _ = sync::import(&t.a, &second);
    // Whatever A took, A's own next file is one B accepts.
    let back = sync::export(&t.a, t.pair).unwrap();
    sync::import(&t.b, &back).unwrap();
}

#[test]
fn regression_13_5_one_import_adds_a_bounded_number_of_rows() {
    let t = two();
    many_goals(&t.b, t.pair, 10_001, 1);
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    assert!(e.to_string().contains("new"), "{e}");
}

#[test]
fn every_field_edit_still_reaches_the_partner() {
    // The rules above refuse what a sender may not change; what it may
    // change (shared fields, its own marks) still travels.
    let (t, crits) = mentee_with_evidence();
    let g = goal(&t.b, t.pair, "Mentor's goal");
    goal::edit(
        &t.b,
        g.id,
        GoalPatch {
            why: Some("because".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    criterion::mark_met(&t.b, crits[0].id, MarkMet::default()).unwrap();
    t.b_to_a();
    assert_eq!(goal::get(&t.a, g.id).unwrap().why, "because");
    let c = &trellis_core::confirmation::list(&t.a, t.pair).unwrap()[0];
    assert!(c.confirmed_by_both);
    assert_eq!(
        c.mentee.as_ref().unwrap().evidence.as_deref(),
        Some("https://review.opendev.org/ada")
    );
}

#[test]
fn regression_13_5_a_clock_days_ahead_is_reported_and_one_call_repairs_it() {
    let t = two();
    let ahead = trellis_core::time::now().timestamp_millis() + 3 * 24 * 3600 * 1000;
    t.a.write(|tx| {
        tx.execute("UPDATE sync_clock SET wall_ms = ?1, counter = 0", [ahead])?;
        Ok(())
    })
    .unwrap();
    let g = goal(&t.a, t.pair, "Written under a wrong clock");
    assert!(sync::clock_ahead(&t.a).unwrap().is_some());
    // The export says what to do rather than write a file B refuses.
    let e = refused(&t.a, ErrorKind::Conflict, || sync::export(&t.a, t.pair));
    assert!(e.to_string().contains("repair-clock"), "{e}");
    let r = sync::repair_clock(&t.a).unwrap();
    assert!(
        r.restamped > 0 && r.was_ahead_ms > 2 * 24 * 3600 * 1000,
        "{r:?}"
    );
    assert_eq!(sync::clock_ahead(&t.a).unwrap(), None);
    t.a_to_b();
    assert_eq!(goal::get(&t.b, g.id).unwrap().title, g.title);
    // Edits after the repair still win on both sides.
    goal::edit(
        &t.b,
        g.id,
        GoalPatch {
            title: Some("Renamed by B".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    t.b_to_a();
    assert_eq!(goal::get(&t.a, g.id).unwrap().title, "Renamed by B");
    goal::edit(
        &t.a,
        g.id,
        GoalPatch {
            title: Some("Renamed by A".into()),
            ..GoalPatch::default()
        },
    )
    .unwrap();
    t.a_to_b();
    assert_eq!(goal::get(&t.b, g.id).unwrap().title, "Renamed by A");
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn re_pairing_makes_new_keys_and_files_made_with_the_old_ones_are_refused() {
    let t = two();
    let old_code = sync::status(&t.a, t.pair).unwrap().safety_code.unwrap();
    let old_file = sync::export(&t.b, t.pair).unwrap();
    let inv = sync::re_pair(&t.a, t.pair, "Ada Mentee").unwrap();
    // From now on A reads no file made with the old keys.
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &old_file));
    assert!(e.to_string().contains("no longer uses"), "{e}");
    let prev = sync::preview_invite(&t.b, &inv.file, &inv.code).unwrap();
    assert!(prev.re_pair);
    assert_eq!(prev.inviter_name, "Ada Mentee");
    let acc = sync::accept(&t.b, &inv.file, &inv.code).unwrap();
    assert!(acc.re_paired);
    let ans = sync::import_answer(&t.a, &acc.answer).unwrap();
    assert_eq!(ans.safety_code, acc.safety_code);
    assert_ne!(ans.safety_code, old_code);
    goal(&t.b, t.pair, "After the re-pair");
    t.b_to_a();
    refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &old_file));
    assert_eq!(digest(&t.a, t.pair), digest(&t.b, t.pair));
}

#[test]
fn a_criterion_met_on_one_side_counts_the_same_on_both_homes() {
    let t = two();
    let c = criterion::list(&t.a, t.pair).unwrap()[0].id;
    criterion::mark_met(
        &t.a,
        c,
        MarkMet {
            evidence: Some("https://review.opendev.org/42".into()),
            ..MarkMet::default()
        },
    )
    .unwrap();
    t.a_to_b();
    let now = trellis_core::time::now();
    let home_a = trellis_core::status::for_pair(&t.a, t.pair, now).unwrap();
    let home_b = trellis_core::status::for_pair(&t.b, t.pair, now).unwrap();
    assert_eq!(home_a.criteria_met, 1);
    assert_eq!(
        (home_b.criteria_met, home_b.criteria_total),
        (home_a.criteria_met, home_a.criteria_total),
        "both Homes count the same"
    );
    // B sees who confirmed it and A's evidence.
    let seen = &trellis_core::confirmation::list(&t.b, t.pair).unwrap()[0];
    assert_eq!(
        seen.mentee.as_ref().unwrap().evidence.as_deref(),
        Some("https://review.opendev.org/42")
    );
}
