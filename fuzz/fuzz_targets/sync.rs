#![no_main]
//! Invite, answer and update files, as `sync::accept`, `sync::import_answer`
//! and `sync::import` read them, and the rules of who may change what. Files
//! are encrypted and authenticated, which random bytes never get right, so
//! the first input byte picks what the harness does:
//!
//! - `0`: the rest as a whole file, to `import`, `import_answer` and `accept`
//!   (header and decryption checks);
//! - `1`: the rest as the body of an update file, sealed with the partner's
//!   keys (what a partner who changed their Trellis can write), to `import`
//!   (body parser, limits, rules, merge);
//! - `2`: the rest as the body of an invite sealed under a known code, to
//!   `accept` on a fresh database.
//!
//! After every input, whatever was accepted, the receiver's own state is
//! checked: its confirmations and marks, its private note, its other pair
//! and its role are as they were, and the pair is not graduated unless
//! every criterion is confirmed by both (issue 13).
//!
//! Seeds (`seeds/sync/`) are bodies of a sample pair whose id is
//! [`SEED_PAIR`]; the harness puts its own pair's id in its place.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trellis_core::criterion::{self, MarkMet};
use trellis_core::note::{self, Attachment, NewNote, Visibility};
use trellis_core::pair::{self, NewPair, PairStatus, Role};
use trellis_core::{confirmation, goal, sync, Db};

const SEED_PAIR: &str = "01a20410-7e5b-7131-bde5-089b88d83fb0";
const CODE: &str = "7K3M-Q9XD-2WPA";

struct Shared {
    /// The receiver (the mentee), with its own marks and a private note.
    db: Db,
    /// The partner (the mentor), whose keys seal the fuzzed bodies.
    partner: Db,
    pair: pair::Pair,
    other: trellis_core::id::PairId,
    /// The receiver's own state, as it must stay.
    own: String,
}

fn new_pair(db: &Db) -> pair::Pair {
    pair::add(
        db,
        NewPair {
            my_role: Some(Role::Mentee),
            partner_name: "Ada".into(),
            program_id: "openstack-mentoring".into(),
            cohort_id: "first-patch".into(),
            match_date: "2026-03-01".parse().unwrap(),
            my_tz: "UTC".parse().unwrap(),
            partner_tz: "UTC".parse().unwrap(),
            cadence_days: 14,
            own_criteria: vec![],
        },
    )
    .expect("a pair")
}

fn join(a: &Db, b: &Db, pair: trellis_core::id::PairId) {
    let inv = sync::invite(a, pair, "Grace").expect("an invite");
    let acc = sync::accept(b, &inv.file, &inv.code).expect("accepted");
    sync::import_answer(a, &acc.answer).expect("the answer");
}

/// What is the receiver's alone.
fn own(s: &Shared) -> String {
    own_of(&s.db, s.pair.id, s.other)
}

fn own_of(db: &Db, pair: trellis_core::id::PairId, other: trellis_core::id::PairId) -> String {
    let mine: Vec<_> = confirmation::list(db, pair)
        .expect("confirmations")
        .into_iter()
        .map(|c| (c.criterion_id, c.mentee))
        .collect();
    let marks: Vec<_> = criterion::list(db, pair)
        .expect("criteria")
        .into_iter()
        .filter(|c| c.met)
        .map(|c| (c.id, c.met_on, c.evidence, c.confirmed_by))
        .collect();
    let mut private: Vec<String> = note::list(db, pair)
        .expect("notes")
        .into_iter()
        .filter(|n| n.visibility == Visibility::Private)
        .map(|n| n.body)
        .collect();
    private.sort();
    let p = pair::get(db, pair).expect("the pair");
    let o = pair::get(db, other).expect("the other pair");
    let other_goals = goal::list(db, other).expect("goals");
    format!("{mine:?}\n{marks:?}\n{private:?}\n{:?}\n{o:?}\n{other_goals:?}", p.my_role)
}

fn shared() -> &'static Shared {
    static S: OnceLock<Shared> = OnceLock::new();
    S.get_or_init(|| {
        let db = Db::open_in_memory().expect("a database");
        let partner = Db::open_in_memory().expect("a database");
        let p = new_pair(&db);
        let other = new_pair(&db).id;
        join(&db, &partner, p.id);
        join(&db, &partner, other);
        let c = criterion::list(&db, p.id).expect("criteria")[0].id;
        criterion::mark_met(
            &db,
            c,
            MarkMet {
                evidence: Some("https://review.opendev.org/1".into()),
                ..MarkMet::default()
            },
        )
        .expect("marked");
        note::add(
            &db,
            p.id,
            NewNote {
                body: "private words".into(),
                visibility: Visibility::Private,
                attach: Attachment::None,
            },
        )
        .expect("a note");
        let mut s = Shared {
            db,
            partner,
            pair: p,
            other,
            own: String::new(),
        };
        s.own = own(&s);
        s
    })
}

fn replace(haystack: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fn check(s: &Shared) {
    assert_eq!(own(s), s.own, "a file changed what is the receiver's own");
    let p = pair::get(&s.db, s.pair.id).expect("the pair");
    if p.status == PairStatus::Graduated {
        let c = confirmation::list(&s.db, s.pair.id).expect("confirmations");
        assert!(
            !c.is_empty() && c.iter().all(|c| c.confirmed_by_both),
            "graduated without every criterion confirmed by both"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let s = shared();
    match mode % 3 {
        0 => {
            let _ = sync::import(&s.db, rest);
            let _ = sync::import_answer(&s.db, rest);
            let _ = sync::accept(&s.db, rest, CODE);
        }
        1 => {
            let body = replace(rest, SEED_PAIR, &s.pair.id.to_string());
            if let Ok(file) = sync::forge::seal(&s.partner, s.pair.id, &body) {
                let _ = sync::import(&s.db, &file);
            }
        }
        _ => {
            if let (Ok(file), Ok(db)) = (sync::forge::seal_invite(CODE, rest), Db::open_in_memory()) {
                let _ = sync::accept(&db, &file, CODE);
            }
        }
    }
    check(s);
});
