//! The core's `criterion` rules, on in-memory databases.

use super::util::*;
use super::ErrorKind;
use chrono::Days;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::status;

const EVIDENCE: &str = "https://review.opendev.org/c/openstack/nova/+/912345";

#[test]
fn a_criterion_is_marked_met_with_a_date_and_a_web_link() {
    let db = db();
    let p = pair::add(
        &db,
        NewPair {
            my_role: Some(Role::Mentor),
            ..new_pair("Ada")
        },
    )
    .unwrap();
    let c = &criterion::list(&db, p.id).unwrap()[0];
    let met = criterion::mark_met(
        &db,
        c.id,
        MarkMet {
            on: Some(date("2026-04-02")),
            evidence: Some(format!(" {EVIDENCE} ")),
        },
    )
    .unwrap();
    assert!(met.met);
    assert_eq!(met.met_on, Some(date("2026-04-02")));
    assert_eq!(met.evidence.as_deref(), Some(EVIDENCE));
    assert_eq!(met.confirmed_by, Some(Role::Mentor));
    assert_eq!(criterion::get(&db, c.id).unwrap(), met);
}

#[test]
fn evidence_that_is_not_a_web_link_is_refused() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let c = criterion::list(&db, p.id).unwrap()[0].id;
    for evidence in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "see the merged change",
        "review.opendev.org/c/912345",
        "https://example.org/a b",
    ] {
        refused(&db, ErrorKind::Invalid, || {
            criterion::mark_met(
                &db,
                c,
                MarkMet {
                    on: None,
                    evidence: Some(evidence.into()),
                },
            )
        });
    }
}

#[test]
fn a_criterion_cannot_be_met_in_the_future() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let c = criterion::list(&db, p.id).unwrap()[0].id;
    for on in [today() + Days::new(2), date("2999-01-01")] {
        refused(&db, ErrorKind::Invalid, || {
            criterion::mark_met(
                &db,
                c,
                MarkMet {
                    on: Some(on),
                    evidence: None,
                },
            )
        });
    }
}

#[test]
fn unmarking_a_criterion_clears_date_evidence_and_confirmation() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let c = criterion::list(&db, p.id).unwrap()[0].clone();
    criterion::mark_met(
        &db,
        c.id,
        MarkMet {
            on: None,
            evidence: Some(EVIDENCE.into()),
        },
    )
    .unwrap();
    let un = criterion::unmark(&db, c.id).unwrap();
    assert_eq!(un, c, "exactly as before it was marked");
}

#[test]
fn pack_criteria_keep_their_wording_but_can_be_removed_when_they_do_not_apply() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let before = criterion::list(&db, p.id).unwrap();
    let c = before[0].id;
    refused(&db, ErrorKind::Conflict, || {
        criterion::edit(&db, c, "Something easier")
    });
    criterion::delete(&db, c).unwrap();
    let after = criterion::list(&db, p.id).unwrap();
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|x| x.id != c));
}

#[test]
fn own_criteria_can_be_reworded_and_deleted() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let n = criterion::list(&db, p.id).unwrap().len();
    let own = criterion::add(&db, p.id, "Wrote a blog post").unwrap();
    assert_eq!(own.pack_criterion_id, None);
    assert_eq!(own.position, n as i64);
    let e = criterion::edit(&db, own.id, "Wrote two blog posts").unwrap();
    assert_eq!(e.text, "Wrote two blog posts");
    refused(&db, ErrorKind::Invalid, || {
        criterion::edit(&db, own.id, " ")
    });
    criterion::delete(&db, own.id).unwrap();
    assert_eq!(criterion::list(&db, p.id).unwrap().len(), n);
}

#[test]
fn a_pair_with_every_criterion_met_is_ready_to_graduate() {
    let db = db();
    let p = add_pair(&db, "Ada");
    let now = trellis_core::time::now();
    let criteria = criterion::list(&db, p.id).unwrap();
    for c in &criteria {
        let s = status::for_pair(&db, p.id, now).unwrap();
        assert!(!s.ready_to_graduate);
        criterion::mark_met(&db, c.id, MarkMet::default()).unwrap();
    }
    let s = status::for_pair(&db, p.id, now).unwrap();
    assert_eq!((s.criteria_met, s.criteria_total), (4, 4));
    assert!(s.ready_to_graduate);
    assert!(s
        .attention
        .iter()
        .any(|a| a.kind == status::AttentionKind::ReadyToGraduate));
    criterion::unmark(&db, criteria[0].id).unwrap();
    assert!(!status::for_pair(&db, p.id, now).unwrap().ready_to_graduate);
}
