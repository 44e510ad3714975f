//! `secure_delete`: a private note deleted permanently leaves no trace in the database
//! files — not in the note table, not in the full-text index, not in the WAL.

use std::path::Path;

use rusqlite::Connection;
use trellis_core::db::DB_FILE;
use trellis_core::draft;
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::{trash, Db};

use crate::util::*;

/// Lower case on purpose: the full-text index stores words folded to lower
/// case, the note table as typed. Both must go.
const CANARY: &str = "zqxcanary7741";

/// Move everything from the WAL into the database file and empty the WAL.
fn checkpoint(db: &Db) {
    db.read(|c| {
        let busy: i64 = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        assert_eq!(busy, 0, "checkpoint blocked");
        Ok(())
    })
    .unwrap();
}

/// Where the canary's bytes are, among the database files.
fn traces(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("{DB_FILE}{suffix}");
        let Ok(bytes) = std::fs::read(dir.join(&name)) else {
            continue;
        };
        let lower: Vec<u8> = bytes.to_ascii_lowercase();
        let hits = lower
            .windows(CANARY.len())
            .filter(|w| *w == CANARY.as_bytes())
            .count();
        if hits > 0 {
            found.push(format!("{name}: {hits}×"));
        }
    }
    found
}

#[test]
fn a_deleted_private_note_leaves_no_trace_in_the_database_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    let p = add_pair(&db, "Ada");
    // Typed through quick capture (a draft saved per keystroke), published,
    // edited, then deleted: every path the text takes.
    let mut typed = String::new();
    for word in ["My", "private", "worry:", CANARY, "is", "hard"] {
        typed.push_str(word);
        typed.push(' ');
        draft::save(&db, p.id, &typed, Visibility::Private).unwrap();
    }
    let n = draft::publish(&db, p.id, Attachment::None).unwrap();
    note::edit(
        &db,
        n.id,
        note::NotePatch {
            body: Some(format!("{typed} (edited)")),
            ..Default::default()
        },
    )
    .unwrap();
    // Other notes, so the pages are shared with text that stays.
    for i in 0..20 {
        note::add(
            &db,
            p.id,
            note(
                &format!("ordinary note {i}"),
                Visibility::Shared,
                Attachment::None,
            ),
        )
        .unwrap();
    }
    checkpoint(&db);
    assert!(
        !traces(dir).is_empty(),
        "the canary should be in the file before it is deleted (else this test proves nothing)"
    );

    // Deleted, then deleted permanently from the Trash.
    let trashed = note::delete(&db, n.id).unwrap();
    trash::purge(&db, trashed.id).unwrap();
    assert_eq!(traces(dir), Vec::<String>::new());
    drop(db);
    assert_eq!(traces(dir), Vec::<String>::new());
    assert_eq!(super::integrity_check(&dir.join(DB_FILE)), ["ok"]);
    super::search_index_check(&dir.join(DB_FILE));
}

#[test]
fn opening_an_older_database_clears_what_earlier_deletes_left_in_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let db = Db::open_data_dir(dir).unwrap();
    let p = add_pair(&db, "Ada");
    // As a database made before FTS secure-delete was turned on.
    db.read(|c| {
        c.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 0)",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    for i in 0..5 {
        note::add(
            &db,
            p.id,
            note(&format!("keep {i}"), Visibility::Shared, Attachment::None),
        )
        .unwrap();
    }
    let n = note::add(
        &db,
        p.id,
        note(
            &format!("secret {CANARY}"),
            Visibility::Private,
            Attachment::None,
        ),
    )
    .unwrap();
    for i in 0..5 {
        note::add(
            &db,
            p.id,
            note(&format!("more {i}"), Visibility::Shared, Attachment::None),
        )
        .unwrap();
    }
    let trashed = note::delete(&db, n.id).unwrap();
    trash::purge(&db, trashed.id).unwrap();
    checkpoint(&db);
    assert!(
        !traces(dir).is_empty(),
        "without FTS secure-delete the index keeps deleted words (else this test proves nothing)"
    );
    drop(db);

    let db = Db::open_data_dir(dir).unwrap();
    checkpoint(&db);
    assert_eq!(traces(dir), Vec::<String>::new());
    let on: i64 = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT v FROM search_index_config WHERE k = 'secure-delete'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(on, 1);
}

#[test]
fn secure_delete_is_on_for_every_connection_trellis_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Db::open_data_dir(tmp.path()).unwrap();
    let sd: i64 = db
        .read(|c| Ok(c.pragma_query_value(None, "secure_delete", |r| r.get(0))?))
        .unwrap();
    assert_eq!(sd, 1);
    drop(db);
    // The FTS option is stored in the file, so other tools honour it too.
    let c = Connection::open(tmp.path().join(DB_FILE)).unwrap();
    let v: i64 = c
        .query_row(
            "SELECT v FROM search_index_config WHERE k = 'secure-delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, 1);
}
