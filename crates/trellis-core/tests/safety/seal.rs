//! The seal of a clean close: an unchanged database is not checked in full
//! again at open; a changed, replaced or damaged one is; and damage that no
//! file metadata shows is found by the daily backup's check of its copy.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use trellis_core::backup;
use trellis_core::db::{Checked, DB_FILE};
use trellis_core::note::{Attachment, Visibility};
use trellis_core::{note, pair, Db};

use crate::util::*;

fn seal_of(dir: &Path) -> PathBuf {
    dir.join(format!("{DB_FILE}-seal"))
}

fn checked_at_open(dir: &Path) -> Checked {
    Db::open_data_dir(dir).unwrap().checked()
}

/// A data dir with a pair and `notes` notes, closed cleanly.
fn sealed_data_dir(dir: &Path, notes: usize) {
    let db = Db::open_data_dir(dir).unwrap();
    let p = add_pair(&db, "Ada");
    for i in 0..notes {
        let body = format!("note {i}: {}", "a sentence about the week. ".repeat(30));
        note::add(&db, p.id, note(&body, Visibility::Shared, Attachment::None)).unwrap();
    }
    drop(db);
    assert!(seal_of(dir).is_file(), "a clean close seals the file");
}

/// Overwrite the page `pageno` (1-based) of the file, keeping its size.
fn scribble_page(path: &Path, pageno: u64) {
    let mut bytes = fs::read(path).unwrap();
    let page = 4096;
    let from = ((pageno - 1) * page) as usize;
    for b in &mut bytes[from..from + page as usize] {
        *b = 0xA5;
    }
    fs::write(path, bytes).unwrap();
}

/// A leaf page of the notes table, which opening the database does not read.
fn a_note_leaf_page(path: &Path) -> u64 {
    let c = Connection::open(path).unwrap();
    c.query_row(
        "SELECT pageno FROM dbstat WHERE name = 'note' AND pagetype = 'leaf'
         ORDER BY pageno LIMIT 1 OFFSET 5",
        [],
        |r| r.get::<_, i64>(0),
    )
    .unwrap() as u64
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_unchanged_database_is_not_checked_in_full_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(db.checked(), Checked::InFull, "a new database");
    add_pair(&db, "Ada");
    assert!(!seal_of(dir).exists(), "no seal while a session may write");
    drop(db);

    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(db.checked(), Checked::Unchanged);
    assert!(!seal_of(dir).exists(), "the seal is broken at open");
    // Writes in this session, then a clean close: sealed again, unchanged again.
    add_pair(&db, "Grace");
    drop(db);
    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(db.checked(), Checked::Unchanged);
    assert_eq!(pair::list(&db).unwrap().len(), 2);
}

#[test]
fn a_database_changed_since_its_seal_is_checked_in_full() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    sealed_data_dir(dir, 0);
    // Another program writes to it (same size is likely: a page rewritten).
    let c = Connection::open(dir.join(DB_FILE)).unwrap();
    c.execute("UPDATE pair SET partner_name = 'Ada L.'", [])
        .unwrap();
    drop(c);
    assert_eq!(checked_at_open(dir), Checked::InFull);
}

#[test]
fn a_copied_or_restored_database_is_checked_in_full() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a");
    sealed_data_dir(&dir, 0);
    // A copy of the data dir, seal and all: another file.
    let copy = tmp.path().join("b");
    fs::create_dir_all(&copy).unwrap();
    for f in [DB_FILE.to_string(), format!("{DB_FILE}-seal")] {
        fs::copy(dir.join(&f), copy.join(&f)).unwrap();
    }
    assert_eq!(checked_at_open(&copy), Checked::InFull);

    let db = Db::open_data_dir(&dir).unwrap();
    let b = backup::now(&db).unwrap();
    drop(db);
    assert!(seal_of(&dir).is_file());
    backup::restore(&dir, &b.name).unwrap();
    assert!(!seal_of(&dir).exists(), "a restore breaks the seal");
    assert_eq!(checked_at_open(&dir), Checked::InFull);
}

#[test]
fn a_session_that_dies_leaves_no_seal_and_its_wal_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    sealed_data_dir(dir, 0);
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Grace");
    // As if killed: the connection is never closed, the WAL stays.
    std::mem::forget(db);
    assert!(!seal_of(dir).exists());
    let wal = dir.join(format!("{DB_FILE}-wal"));
    assert!(fs::metadata(&wal).unwrap().len() > 0);
    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(db.checked(), Checked::InFull);
    assert_eq!(pair::list(&db).unwrap().len(), 2);
}

#[test]
fn a_damaged_database_with_a_stale_seal_is_still_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    sealed_data_dir(dir, 60);
    let path = dir.join(DB_FILE);
    let page = a_note_leaf_page(&path);
    let sealed_at = modified(&path);
    let seal = fs::read(seal_of(dir)).unwrap();
    // Right after the close, same size, header untouched (a write in the
    // close's clock tick is covered by `db::seal`'s own tests).
    scribble_page(&path, page);
    assert_ne!(modified(&path), sealed_at);
    let before = fs::read(&path).unwrap();

    let e = err(Db::open_data_dir(dir));
    assert!(e.is_corrupt(), "{e}");
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written");
    assert_eq!(
        fs::read(seal_of(dir)).unwrap(),
        seal,
        "nor the seal touched"
    );
}

#[test]
fn damage_no_metadata_shows_is_found_by_the_daily_backup_and_refused_at_the_next_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    sealed_data_dir(dir, 60);
    let path = dir.join(DB_FILE);
    let page = a_note_leaf_page(&path);
    let sealed_at = modified(&path);
    // A sector rots in place: the bytes change, the file's time does not.
    scribble_page(&path, page);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(sealed_at)
        .unwrap();

    // The seal cannot see it (this is the limit of a seal)...
    let db = Db::open_data_dir(dir).unwrap();
    assert_eq!(db.checked(), Checked::Unchanged);
    // ...the day's backup reads every page of its copy and can.
    let e = err(backup::daily(&db));
    let msg = e.to_string();
    assert!(msg.contains("integrity check"), "{msg}");
    assert!(msg.contains("checked in full at the next start"), "{msg}");
    assert!(
        backup::list(dir).unwrap().is_empty(),
        "no damaged backup kept"
    );
    drop(db);
    assert!(!seal_of(dir).exists(), "a suspect file is not sealed");

    let e = err(Db::open_data_dir(dir));
    assert!(e.is_corrupt(), "{e}");
}
