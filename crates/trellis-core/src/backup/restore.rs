//! Putting a backup in place of the database ([`restore`]): the backup is
//! verified first, and the current database kept as a pre-restore backup
//! (as a raw copy of its file and WAL when it no longer reads cleanly).

use crate::error::Clash;
use crate::error::FileKind;
use std::fs;
use std::path::Path;

use rusqlite::OpenFlags;

use super::copy::{create, verify};
use super::{
    data_dir_of, dir, file_name, parse_name, shm_of, wal_of, Backup, BackupKind, Restored,
};
use crate::db::{DB_FILE, SCHEMA_VERSION};
use crate::encryption::Key;
use crate::{file, Error, Reason, Result};

/// Replace the database of `data_dir` with the backup `name`.
///
/// The backup is checked first (integrity and schema version) and a refusal
/// changes nothing. The current database is then kept as a `pre-restore`
/// backup — through the backup API when it is readable, else as a raw copy
/// of its files, so this works when the database is damaged — and the
/// backup is copied into place.
///
/// No Trellis may have the database open meanwhile: the desktop closes its
/// handle first and opens the data dir again afterwards.
pub fn restore(data_dir: &Path, name: &str) -> Result<Restored> {
    restore_with(data_dir, name, None)
}

/// [`restore`] in a data dir that may be encrypted: `key` is its key (see
/// [`crate::encryption::unlock`]); the backups of an encrypted data dir are
/// under the same key. Without it, an encrypted data dir is refused with
/// [`Error::Locked`] and nothing changes.
pub fn restore_with(data_dir: &Path, name: &str, key: Option<&Key>) -> Result<Restored> {
    if crate::encryption::is_encrypted(data_dir) && key.is_none() {
        return Err(crate::encryption::locked());
    }
    let Some((created_at, kind)) = parse_name(name) else {
        return Err(Error::invalid(
            "backup",
            Reason::NoSuchBackup {
                name: name.to_owned(),
            },
        ));
    };
    let dir = dir(data_dir);
    let src = dir.join(name);
    let bytes = match fs::metadata(&src) {
        Ok(m) if m.is_file() => m.len(),
        _ => return Err(Error::not_found("backup", name)),
    };
    let version = verify(&src, key).map_err(|e| Error::Format {
        file: FileKind::Backup,
        what: format!("backup {name}"),
        reason: format!("it is damaged ({e}); nothing was changed, choose another backup"),
    })?;
    if version > SCHEMA_VERSION as i64 {
        return Err(Error::Conflict(Clash::BackupFromNewer {
            name: name.to_owned(),
            version,
            known: SCHEMA_VERSION,
        }));
    }
    let db_path = data_dir.join(DB_FILE);
    let saved_current = save_current(&db_path, &dir, key)?;
    replace_db(&src, &db_path)?;
    Ok(Restored {
        restored: Backup {
            name: name.to_string(),
            kind,
            created_at,
            bytes,
        },
        saved_current,
    })
}

/// Keep the current database as a pre-restore backup: through the backup API
/// when it reads cleanly, else (damaged) as a raw copy of its file and WAL.
fn save_current(db_path: &Path, dir: &Path, key: Option<&Key>) -> Result<Option<Backup>> {
    match fs::metadata(db_path) {
        Ok(m) if m.len() > 0 => {}
        _ => return Ok(None),
    }
    let readable = crate::db::connect(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .and_then(|c| {
        let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok == "ok" {
            Ok(c)
        } else {
            Err(Error::Conflict(Clash::FailedCheck { detail: ok }))
        }
    });
    if let Ok(c) = readable {
        if let Ok(b) = create(&c, dir, BackupKind::PreRestore, crate::time::now(), key) {
            return Ok(Some(b));
        }
    }
    raw_copy(db_path, dir).map(Some)
}

fn raw_copy(db_path: &Path, dir: &Path) -> Result<Backup> {
    file::private_dir(dir)?;
    let mut at = crate::time::now();
    let mut name = file_name(at, BackupKind::PreRestore);
    while dir.join(&name).exists() {
        at += chrono::Duration::milliseconds(1);
        name = file_name(at, BackupKind::PreRestore);
    }
    let io = |e| {
        Error::io(
            crate::IoOp::Copy,
            format!("cannot keep a copy of {}", db_path.display()),
            e,
        )
    };
    let path = dir.join(&name);
    let wal = wal_of(db_path);
    // The WAL first: a copy whose WAL is missing would lose committed writes.
    if fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false) {
        file::copy_private(&wal, dir)?
            .persist(wal_of(&path))
            .map_err(|e| io(e.error))?;
    }
    file::copy_private(db_path, dir)?
        .persist(&path)
        .map_err(|e| io(e.error))?;
    file::sync_dir(dir)?;
    let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(Backup {
        name,
        kind: BackupKind::PreRestore,
        created_at: at,
        bytes,
    })
}

/// Put the (verified) backup `src` in place of the database file. The old
/// WAL and shared-memory files go first: a stale WAL left beside the new
/// file would be replayed onto it.
fn replace_db(src: &Path, db_path: &Path) -> Result<()> {
    let data_dir = data_dir_of(db_path);
    let io = |e| {
        Error::io(
            crate::IoOp::Replace,
            format!("cannot restore into {}", db_path.display()),
            e,
        )
    };
    // Removed when dropped, on any failure below.
    let tmp = file::copy_private(src, &data_dir)?;
    for side in [wal_of(db_path), shm_of(db_path)] {
        match fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
    }
    // A seal describes the file being replaced (the new one has another
    // inode anyway): the restored file is checked in full when opened.
    crate::db::break_seal(db_path);
    tmp.persist(db_path).map_err(|e| io(e.error))?;
    file::sync_dir(&data_dir)
}
