//! Making one backup file: a copy through SQLite's online backup API into
//! a private temporary file, checked in full with `integrity_check`, then
//! given its name ([`create`]); half-written copies a dead process left are
//! cleared away.

use crate::error::Clash;
use crate::error::FileKind;
use std::fs;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{file_name, Backup, BackupKind, STALE_TEMP};
use crate::encryption::Key;
use crate::{file, Error, Result};

/// The `what` of the error [`create`] gives when the copy it made fails its
/// integrity check.
pub(super) const COPY_DAMAGED: &str = "the copy of the database";

/// Copy the database behind `src` into a new verified backup in `dir`.
pub(super) fn create(
    src: &Connection,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
    key: Option<&Key>,
) -> Result<Backup> {
    file::private_dir(dir)?;
    remove_stale_temps(dir);
    let mut at = now;
    let mut name = file_name(at, kind);
    while dir.join(&name).exists() {
        at += chrono::Duration::milliseconds(1);
        name = file_name(at, kind);
    }
    let path = dir.join(&name);
    let made = file::private_temp(dir)
        .map_err(|e| {
            Error::io(
                crate::IoOp::Write,
                format!("cannot write a backup into {}", dir.display()),
                e,
            )
        })
        .and_then(|tmp| {
            write_copy(src, tmp.path(), key)?;
            verify(tmp.path(), key).map_err(|e| Error::Format {
                file: FileKind::Backup,
                what: COPY_DAMAGED.into(),
                reason: e.to_string(),
            })?;
            file::sync_file(tmp.path())?;
            // On failure the temporary file is removed when `tmp` is dropped.
            tmp.persist(&path).map_err(|e| {
                Error::io(
                    crate::IoOp::Replace,
                    format!("cannot name the backup {}", path.display()),
                    e.error,
                )
            })?;
            file::sync_dir(dir)
        });
    made.map_err(no_room)?;
    let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(Backup {
        name,
        kind,
        created_at: at,
        bytes,
    })
}

/// A full disk, said as it applies to a backup (the database's own message
/// speaks of a change not saved).
fn no_room(e: Error) -> Error {
    let full = match &e {
        Error::Storage(s) => s.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
        Error::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
        _ => false,
    };
    if full {
        Error::io(
            crate::IoOp::DiskFull,
            "no room on the disk for a backup; the database itself is unchanged, free some space",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        )
    } else {
        e
    }
}

/// The online backup API, all pages in one step (the source is not written
/// meanwhile: the caller holds the connection), then rollback-journal mode so
/// the copy is one self-contained file. `tmp` is an empty private file:
/// SQLite writes the database into it, and gives its journal files its mode.
fn write_copy(src: &Connection, tmp: &Path, key: Option<&Key>) -> Result<()> {
    // An encrypted database's backup is under the same key (SQLCipher's
    // backup API copies between databases with the same key only).
    let mut dst = crate::db::connect(tmp, OpenFlags::default(), key)?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                // Another process holds a lock for a moment: try again.
                _ if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => return Err(Error::Conflict(Clash::DatabaseBusy)),
            }
        }
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| Error::from(e))
}

/// Open a backup read-only and run the full integrity check; its schema
/// version on success.
pub(super) fn verify(path: &Path, key: Option<&Key>) -> Result<i64> {
    let c = crate::db::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )?;
    let rows: Vec<String> = {
        let mut st = c.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if rows != ["ok"] {
        return Err(Error::Format {
            file: FileKind::Backup,
            what: path.display().to_string(),
            reason: format!("integrity check failed: {}", rows.join("; ")),
        });
    }
    Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Half-written copies left by a process that died, with their logs (a
/// newer one may be in progress in another process, so only old ones go).
pub(super) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let base = ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .unwrap_or(&name);
        if !(name.starts_with(file::TEMP_PREFIX) && base.ends_with(file::TEMP_SUFFIX)) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}
