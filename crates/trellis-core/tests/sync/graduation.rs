//! Both partners see the same graduation (issue 13): a criterion marked
//! met on one side shows on the other with its evidence and who confirmed
//! it, both Homes count the same, and the partner confirms it in turn.
//! From the attacker's side: a partner's file (made by their own Trellis
//! from a database they edited) never confirms, withdraws or rewords a
//! confirmation in my name, and never graduates the pair before every
//! criterion is confirmed by both.

use serde_json::json;

use trellis_core::confirmation::{self, CriterionConfirmations};
use trellis_core::criterion::{self, MarkMet};
use trellis_core::id::CriterionId;
use trellis_core::pair::{self, PairStatus, Role, StatusChange};
use trellis_core::{Error, ErrorKind};

use super::*;

/// What a Home shows of a pair's graduation: (met, total, ready).
fn home(db: &Db, pair: PairId) -> (u32, u32, bool) {
    let s = trellis_core::status::for_pair(db, pair, trellis_core::time::now()).unwrap();
    (s.criteria_met, s.criteria_total, s.ready_to_graduate)
}

fn first(list: &[CriterionConfirmations]) -> &CriterionConfirmations {
    &list[0]
}

/// Run SQL on a database the way its owner could, outside Trellis: the
/// triggers stamp the change as this side's edit, so the next export carries
/// it through the normal path.
fn edit_db(db: &Db, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    db.write(|tx| {
        tx.execute(sql, params)?;
        Ok(())
    })
    .unwrap();
}

fn mark(db: &Db, c: CriterionId, evidence: &str) {
    criterion::mark_met(
        db,
        c,
        MarkMet {
            on: Some(date("2026-03-02")),
            evidence: Some(evidence.into()),
        },
    )
    .unwrap();
}

fn ids(t: &Two) -> Vec<CriterionId> {
    criterion::list(&t.a, t.pair)
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect()
}

/// A refusal a person can read: it names what was refused, in one sentence
/// without the indentation of the source it was written in.
fn readable(e: &Error, names: &str) {
    let m = e.to_string();
    assert!(m.contains(names), "{m}");
    assert!(!m.contains("  "), "a run of spaces in the message: {m:?}");
}

#[test]
fn a_criterion_met_on_one_side_is_shown_and_confirmed_on_the_other_and_both_see_the_same() {
    let t = two(); // A is the mentee, B the mentor.
    let c = ids(&t)[0];
    mark(&t.a, c, "https://review.opendev.org/c/42");
    t.a_to_b();
    // The mentor sees the mentee's confirmation: who, when, the evidence.
    let on_b = confirmation::list(&t.b, t.pair).unwrap();
    let mentee = first(&on_b)
        .mentee
        .as_ref()
        .expect("the mentee's mark arrived");
    assert_eq!(mentee.role, Role::Mentee);
    assert_eq!(mentee.met_on.to_string(), "2026-03-02");
    assert_eq!(
        mentee.evidence.as_deref(),
        Some("https://review.opendev.org/c/42")
    );
    assert!(first(&on_b).mentor.is_none() && !first(&on_b).confirmed_by_both);
    assert_eq!(home(&t.a, t.pair), home(&t.b, t.pair));
    assert_eq!(home(&t.b, t.pair).0, 1);
    // The mentor confirms, starting from the mentee's evidence.
    criterion::mark_met(
        &t.b,
        c,
        MarkMet {
            on: Some(date("2026-03-02")),
            evidence: mentee.evidence.clone(),
        },
    )
    .unwrap();
    t.b_to_a();
    let (on_a, on_b) = (
        confirmation::list(&t.a, t.pair).unwrap(),
        confirmation::list(&t.b, t.pair).unwrap(),
    );
    assert!(first(&on_a).confirmed_by_both);
    assert_eq!(on_a, on_b, "both see the same confirmations");
    assert_eq!(home(&t.a, t.pair), home(&t.b, t.pair));
    // The mentee's own mark is the mentee's, untouched by the mentor's.
    let mine = criterion::get(&t.a, c).unwrap();
    assert_eq!(mine.confirmed_by, Some(Role::Mentee));
    assert_eq!(
        mine.evidence.as_deref(),
        Some("https://review.opendev.org/c/42")
    );
}

#[test]
fn a_partners_file_cannot_withdraw_my_confirmation() {
    let t = two();
    let c = ids(&t)[0];
    mark(&t.a, c, "https://review.opendev.org/ada");
    t.a_to_b();
    let (mine, seen) = (
        confirmation::list(&t.a, t.pair).unwrap(),
        home(&t.a, t.pair),
    );
    // B "unconfirms" for A in B's own database.
    edit_db(
        &t.b,
        "UPDATE criterion_confirmation SET met_on = NULL, evidence = NULL
         WHERE criterion_id = ?1 AND role = 'mentee'",
        &[&c.to_string()],
    );
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    readable(&e, "your own confirmation");
    assert_eq!(confirmation::list(&t.a, t.pair).unwrap(), mine);
    assert_eq!(home(&t.a, t.pair), seen);
    assert!(criterion::get(&t.a, c).unwrap().met);
}

#[test]
fn a_partners_file_cannot_confirm_for_me_what_i_never_marked_nor_graduate_with_it() {
    let t = two();
    for c in ids(&t) {
        mark(&t.b, c, "https://review.opendev.org/morgan");
    }
    // What B may send: B's own confirmations.
    let honest = sync::export(&t.b, t.pair).unwrap();
    // What B then forges in B's database: A's confirmations, and graduation.
    edit_db(
        &t.b,
        "INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence)
         SELECT id, 'mentee', '2026-03-02', 'https://evil.example/x' FROM criterion WHERE pair_id = ?1",
        &[&t.pair.to_string()],
    );
    edit_db(
        &t.b,
        "UPDATE pair SET status = 'graduated', status_changed_on = '2026-03-02' WHERE id = ?1",
        &[&t.pair.to_string()],
    );
    let forged = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &forged));
    readable(&e, "your own confirmation");
    // B's honest file arrives: B's confirmations, none in A's name.
    sync::import(&t.a, &honest).unwrap();
    let on_a = confirmation::list(&t.a, t.pair).unwrap();
    assert!(on_a
        .iter()
        .all(|c| c.mentor.is_some() && c.mentee.is_none() && !c.confirmed_by_both));
    assert!(criterion::list(&t.a, t.pair)
        .unwrap()
        .iter()
        .all(|c| !c.met && c.evidence.is_none()));
    assert_eq!(pair::get(&t.a, t.pair).unwrap().status, PairStatus::Active);
    // A cannot graduate on B's word alone either.
    let e = refused(&t.a, ErrorKind::Conflict, || {
        pair::set_status(&t.a, t.pair, StatusChange::Graduate)
    });
    assert!(e.to_string().contains("0 of 4"), "{e}");
}

#[test]
fn my_partners_marks_on_every_criterion_do_not_graduate_the_pair_until_i_confirm() {
    let t = two();
    let crits = ids(&t);
    for &c in &crits {
        mark(&t.b, c, "https://review.opendev.org/morgan");
    }
    edit_db(
        &t.b,
        "UPDATE pair SET status = 'graduated', status_changed_on = '2026-03-02' WHERE id = ?1",
        &[&t.pair.to_string()],
    );
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    readable(&e, "0 of 4 graduation criteria are confirmed by both");
    assert_eq!(pair::get(&t.a, t.pair).unwrap().status, PairStatus::Active);
    // Once A confirms every criterion too, the same status is welcome.
    for &c in &crits {
        mark(&t.a, c, "https://review.opendev.org/ada");
    }
    sync::import(&t.a, &f).unwrap();
    assert_eq!(
        pair::get(&t.a, t.pair).unwrap().status,
        PairStatus::Graduated
    );
    t.a_to_b();
    assert_eq!(
        confirmation::list(&t.a, t.pair).unwrap(),
        confirmation::list(&t.b, t.pair).unwrap()
    );
    assert_eq!(home(&t.a, t.pair), home(&t.b, t.pair));
    assert_eq!(
        pair::get(&t.b, t.pair).unwrap().status,
        PairStatus::Graduated
    );
}

#[test]
fn a_file_that_deletes_a_criterion_i_confirmed_is_refused() {
    let t = two();
    let crits = ids(&t);
    mark(&t.a, crits[0], "https://review.opendev.org/ada");
    t.a_to_b();
    for &c in &crits[1..] {
        mark(&t.b, c, "https://review.opendev.org/morgan");
    }
    // B drops the one criterion only A confirmed (the Trash refuses it in
    // B's window; the database does not).
    edit_db(
        &t.b,
        "DELETE FROM criterion_confirmation WHERE criterion_id = ?1",
        &[&crits[0].to_string()],
    );
    edit_db(
        &t.b,
        "DELETE FROM criterion WHERE id = ?1",
        &[&crits[0].to_string()],
    );
    let f = sync::export(&t.b, t.pair).unwrap();
    let e = refused(&t.a, ErrorKind::Format, || sync::import(&t.a, &f));
    readable(&e, "which you confirmed");
    assert_eq!(criterion::list(&t.a, t.pair).unwrap().len(), 4);
}

#[test]
fn a_conflict_about_my_confirmation_in_a_file_is_refused() {
    let t = two();
    let c = ids(&t)[0];
    mark(&t.a, c, "https://review.opendev.org/ada");
    t.a_to_b();
    mark(&t.b, c, "https://review.opendev.org/morgan");
    let f = sync::export(&t.b, t.pair).unwrap();
    let mut body = body_of(&t.a, t.pair, &f);
    // A conflict record whose losing value is "mine", to be kept by a
    // "keep theirs": a way round the refusal of a changed confirmation.
    let cell = body["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["table"] == "criterion_confirmation")
        .unwrap()["fields"]["met_on"]
        .clone();
    if body["conflicts"].is_null() {
        body["conflicts"] = json!([]);
    }
    body["conflicts"].as_array_mut().unwrap().push(json!({
        "table": "criterion_confirmation",
        "id": format!("{c}/mentee"),
        "field": "evidence",
        "lost": ["https://evil.example/x", cell[1], cell[2]],
    }));
    let e = refused(&t.a, ErrorKind::Format, || {
        sync::import(&t.a, &forge(&t.b, t.pair, &body))
    });
    readable(&e, "your own confirmation");
    // The file without the conflict is B's honest one, and is welcome.
    sync::import(&t.a, &f).unwrap();
    assert!(first(&confirmation::list(&t.a, t.pair).unwrap()).confirmed_by_both);
}

#[test]
fn one_partners_marks_alone_never_make_either_screen_say_ready_to_graduate() {
    let t = two();
    let crits = ids(&t);
    for &c in &crits {
        mark(&t.b, c, "https://review.opendev.org/morgan");
    }
    t.b_to_a();
    // Both Homes count the four met, and neither says "ready": the status
    // change would be refused until A confirms them too.
    assert_eq!(home(&t.a, t.pair), (4, 4, false));
    assert_eq!(home(&t.b, t.pair), (4, 4, false));
    let now = trellis_core::time::now();
    let summary = trellis_core::status::for_pair(&t.a, t.pair, now).unwrap();
    assert!(!summary
        .attention
        .iter()
        .any(|a| a.kind == trellis_core::status::AttentionKind::ReadyToGraduate));
    refused(&t.a, ErrorKind::Conflict, || {
        pair::set_status(&t.a, t.pair, StatusChange::Graduate)
    });
    for &c in &crits {
        mark(&t.a, c, "https://review.opendev.org/ada");
    }
    t.a_to_b();
    assert_eq!(home(&t.a, t.pair), (4, 4, true));
    assert_eq!(home(&t.b, t.pair), (4, 4, true));
    let summary = trellis_core::status::for_pair(&t.a, t.pair, now).unwrap();
    assert!(summary.attention.iter().any(|a| a.kind
        == trellis_core::status::AttentionKind::ReadyToGraduate
        && a.message.contains("confirmed by both")));
    pair::set_status(&t.a, t.pair, StatusChange::Graduate).unwrap();
}
