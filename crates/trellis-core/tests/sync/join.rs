//! Joining is a decision (issue 13): opening an invite shows who invites,
//! the program, cohort, what it adds and the safety code, and writes
//! nothing until the person joins.

use trellis_core::pair::Pair;
use trellis_core::{sync, Db, ErrorKind};

use super::{invite, two};
use crate::util::*;

/// Every file of a data dir, name and bytes (the shared-memory index of the
/// WAL aside: readers take read marks in it).
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-shm"))
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn previewing_an_invite_leaves_the_database_byte_for_byte_and_row_for_row_as_it_was() {
    let a = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    let (inv, code) = invite(&a, p.id, "Ada Mentee");
    let tmp = tempfile::tempdir().unwrap();
    let b = Db::open_data_dir(tmp.path()).unwrap();
    add_pair(&b, "Someone else");
    let rows = snapshot(&b);
    let bytes = files(tmp.path());
    let key = sync::JoinKey::new().unwrap();
    let prev = sync::preview_join(&b, &inv, &code, &key).unwrap();
    assert_eq!(prev.inviter_name, "Ada Mentee");
    assert!(
        prev.goals == 0 && prev.criteria > 0 && !prev.re_pair,
        "{prev:?}"
    );
    assert!(prev.safety_code.is_some());
    // A second look, and one without a key, write nothing either.
    sync::preview_join(&b, &inv, &code, &key).unwrap();
    sync::preview_invite(&b, &inv, &code).unwrap();
    assert_eq!(snapshot(&b), rows, "a preview wrote rows");
    assert!(
        files(tmp.path()) == bytes,
        "a preview changed the data dir's files"
    );
    // The pair is not there until joining.
    assert_eq!(count(&b, "pair"), 1);
}

#[test]
fn the_preview_shows_the_safety_code_that_joining_gives_on_both_screens() {
    let a = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    let (inv, code) = invite(&a, p.id, "Ada Mentee");
    let b = db();
    let key = sync::JoinKey::new().unwrap();
    let shown = sync::preview_join(&b, &inv, &code, &key)
        .unwrap()
        .safety_code
        .unwrap();
    let acc = sync::accept_with(&b, &inv, &code, &key).unwrap();
    assert_eq!(acc.safety_code, shown, "the joiner's screen after joining");
    let ans = sync::import_answer(&a, &acc.answer).unwrap();
    assert_eq!(ans.safety_code, shown, "the inviter's screen");
    assert_eq!(
        sync::status(&b, p.id).unwrap().safety_code.as_deref(),
        Some(shown.as_str())
    );
}

#[test]
fn the_safety_code_of_a_preview_depends_on_the_joiners_key() {
    // Someone who had the invite and its code and joined first with a key
    // of their own gives the inviter another code than the one this
    // preview showed: the comparison catches them.
    let a = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    let (inv, code) = invite(&a, p.id, "Ada Mentee");
    let (partner, stranger) = (db(), db());
    let key = sync::JoinKey::new().unwrap();
    let shown = sync::preview_join(&partner, &inv, &code, &key)
        .unwrap()
        .safety_code
        .unwrap();
    let first = sync::accept(&stranger, &inv, &code).unwrap();
    let ans = sync::import_answer(&a, &first.answer).unwrap();
    assert_ne!(ans.safety_code, shown);
}

#[test]
fn a_preview_with_the_wrong_code_is_refused_and_writes_nothing() {
    let t = two();
    let inv = sync::re_pair(&t.a, t.pair, "Ada Mentee").unwrap();
    let key = sync::JoinKey::new().unwrap();
    refused(&t.b, ErrorKind::Format, || {
        sync::preview_join(&t.b, &inv.file, "AAAA-AAAA-AAAA", &key)
    });
    // The right code: a re-pair, shown as such, still nothing written.
    let before = snapshot(&t.b);
    let prev = sync::preview_join(&t.b, &inv.file, &inv.code, &key).unwrap();
    assert!(prev.re_pair);
    assert_eq!(snapshot(&t.b), before);
}
