//! Integrity at open: a damaged database is refused before anything writes
//! to it, with an error the desktop can tell apart, and a backup restores it.

use std::fs;
use std::path::Path;

use trellis_core::backup::{self, BackupKind};
use trellis_core::db::DB_FILE;
use trellis_core::{pair, Db, ErrorKind};

use super::files_in;
use crate::util::*;

/// A closed database file with one pair in it (and so a daily backup).
fn database_with_a_pair(dir: &Path) {
    let db = Db::open_data_dir(dir).unwrap();
    add_pair(&db, "Ada");
    drop(db);
    // The shells make today's backup once the database holds data.
    let db = Db::open_data_dir(dir).unwrap();
    assert!(backup::daily(&db).unwrap().is_some(), "today's backup");
    drop(db);
}

/// Overwrite `len` bytes of the file at `offset`.
fn scribble(path: &Path, offset: usize, len: usize) {
    let mut bytes = fs::read(path).unwrap();
    for b in &mut bytes[offset..offset + len] {
        *b = 0xA5;
    }
    fs::write(path, bytes).unwrap();
}

fn refused_as_corrupt(dir: &Path) -> trellis_core::Error {
    let path = dir.join(DB_FILE);
    let before = fs::read(&path).unwrap();
    let files_before = files_in(dir);
    let e = err(Db::open_data_dir(dir));
    assert!(e.is_corrupt(), "not reported as damaged: {e}");
    assert_eq!(e.kind(), ErrorKind::Storage);
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the damaged file was written to"
    );
    assert_eq!(files_in(dir), files_before, "files appeared or went");
    e
}

#[test]
fn a_file_that_is_not_a_database_is_refused_as_damaged_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(DB_FILE), vec![0x42; 8192]).unwrap();
    let e = refused_as_corrupt(tmp.path());
    let msg = e.to_string();
    assert!(msg.contains("damaged"), "{msg}");
    assert!(msg.contains("changed nothing"), "{msg}");
    assert!(msg.contains("trellis backup restore"), "{msg}");
}

#[test]
fn a_damaged_page_is_refused_and_the_newest_backup_restores_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    database_with_a_pair(dir);
    let path = dir.join(DB_FILE);
    // Page 2 onwards: the first tables' b-tree pages.
    let page = 4096;
    scribble(&path, page, 2 * page);
    refused_as_corrupt(dir);

    let backups = backup::list(dir).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].kind, BackupKind::Daily);
    let r = backup::restore(dir, &backups[0].name).unwrap();
    // The damaged file was kept, as it was, beside the good backups.
    let saved = r.saved_current.unwrap();
    assert_eq!(saved.kind, BackupKind::PreRestore);
    let kept = fs::read(backup::dir(dir).join(&saved.name)).unwrap();
    assert_eq!(
        kept.len(),
        fs::metadata(backup::dir(dir).join(&backups[0].name))
            .unwrap()
            .len() as usize
    );

    let db = Db::open_data_dir(dir).unwrap();
    let pairs = pair::list(&db).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].partner_name, "Ada");
}

#[test]
fn a_truncated_database_is_refused_as_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    database_with_a_pair(dir);
    let path = dir.join(DB_FILE);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    refused_as_corrupt(dir);
}

#[test]
fn an_empty_or_missing_file_is_a_new_database() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(DB_FILE), b"").unwrap();
    let db = Db::open_data_dir(tmp.path()).unwrap();
    assert!(pair::list(&db).unwrap().is_empty());
}
