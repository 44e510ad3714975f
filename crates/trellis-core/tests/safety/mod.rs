//! Nothing lost, nothing let in: integrity at open, backups and restore,
//! deleted text leaving no trace, the crash harness, a full disk, and the
//! readers of every file Trellis takes in (golden fixtures, random input).
//! These tests use database files in temporary folders, not in-memory ones.

mod backup;
mod crash;
mod disk_full;
mod encryption;
mod formats;
mod golden;
mod integrity;
mod modes;
mod no_trace;
mod seal;
mod trash;

use std::path::Path;

use rusqlite::Connection;

/// `PRAGMA integrity_check` of a database file, through its own connection.
pub fn integrity_check(path: &Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut st = c.prepare("PRAGMA integrity_check").unwrap();
    let rows = st.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// The FTS5 index agrees with its content (an error names the damage).
pub fn search_index_check(path: &Path) {
    let c = Connection::open(path).unwrap();
    c.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
}

/// The names of the files in a folder, sorted (none when it does not exist).
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(e) => e
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}
