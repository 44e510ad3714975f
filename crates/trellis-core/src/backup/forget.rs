//! Deleting permanently reaches the backups too: what the Trash forgets is
//! rewritten out of every backup ([`forget`]), each checked and renamed over
//! the old file so that none is left half-rewritten.

use crate::error::Clash;
use std::fs;
use std::path::Path;

use rusqlite::OpenFlags;

use super::copy::{remove_stale_temps, verify};
use super::{dir, list, wal_of};
use crate::encryption::Key;
use crate::{file, Error, Result};

/// [`crate::trash`]); the number rewritten. Each is rewritten in a private
/// copy, compacted so that no freed page keeps the text, checked in full,
/// and renamed over the old file: a backup is never left half-rewritten.
/// A backup that cannot be rewritten (a damaged one) is named in the error,
/// with what to do.
pub(crate) fn forget(data_dir: &Path, f: &crate::trash::Forget, key: Option<&Key>) -> Result<u32> {
    let dir = dir(data_dir);
    // Copies a Trellis that died left behind (a restore, a backup, a rewrite
    // like this one) may hold what is being forgotten.
    remove_stale_temps(data_dir);
    remove_stale_temps(&dir);
    let mut n = 0;
    for b in list(data_dir)? {
        forget_in_backup(&dir.join(&b.name), f, key).map_err(|e| {
            Error::Conflict(Clash::BackupNotRewritten {
                name: b.name.clone(),
                detail: e.to_string(),
            })
        })?;
        n += 1;
    }
    Ok(n)
}

fn forget_in_backup(path: &Path, f: &crate::trash::Forget, key: Option<&Key>) -> Result<()> {
    let dir = file::folder_of(path);
    let tmp = file::copy_private(path, dir)?;
    // A raw copy of a damaged database may have its WAL beside it.
    let wal = wal_of(path);
    let tmp_wal = wal_of(tmp.path());
    let had_wal = wal.exists();
    if had_wal {
        file::copy_private(&wal, dir)?
            .persist(&tmp_wal)
            .map_err(|e| Error::io(crate::IoOp::Copy, "cannot copy a backup's log", e.error))?;
    }
    let rewritten = (|| -> Result<()> {
        let mut c = crate::db::connect(tmp.path(), OpenFlags::default(), key)?;
        c.pragma_update(None, "secure_delete", "ON")?;
        c.pragma_update(None, "foreign_keys", "ON")?;
        c.pragma_update(None, "temp_store", "MEMORY")?;
        // No journal file beside it with the old pages: if this is
        // interrupted, the copy is a leftover temporary file, removed later.
        c.pragma_update(None, "journal_mode", "MEMORY")?;
        {
            let tx = c.transaction()?;
            let clock: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_clock')",
                [],
                |r| r.get(0),
            )?;
            if clock {
                // The deletes are not this backup's own edits: no clocks or
                // tombstones of its own; the live database's tombstones
                // are copied instead.
                tx.execute("UPDATE sync_clock SET applying = 1", [])?;
            }
            crate::trash::forget_in(&tx, f)?;
            if clock {
                for t in &f.tombstones {
                    tx.execute(
                        "INSERT OR IGNORE INTO tombstone (tbl, row_id, pair_id, hlc, replica)
                         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM pair WHERE id = ?3)",
                        rusqlite::params![t[0], t[1], t[2], t[3], t[4]],
                    )?;
                }
                tx.execute("UPDATE sync_clock SET applying = 0", [])?;
            }
            let has_draft: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'draft')",
                [],
                |r| r.get(0),
            )?;
            if has_draft {
                // A draft saved while the text was being typed: a part of it.
                let texts = serde_json::to_string(&f.texts).unwrap_or_else(|_| "[]".into());
                tx.execute(
                    "DELETE FROM draft WHERE length(trim(body)) > 0 AND EXISTS (
                         SELECT 1 FROM json_each(?1) WHERE instr(value, trim(body)) > 0)",
                    [texts],
                )?;
            }
            tx.commit()?;
        }
        // Rebuilt page by page: no freed page, no old cell keeps a byte.
        c.execute_batch("VACUUM")?;
        c.close().map_err(|(_, e)| Error::from(e))
    })();
    if let Err(e) = rewritten {
        let _ = fs::remove_file(&tmp_wal);
        return Err(e);
    }
    verify(tmp.path(), key)?;
    file::sync_file(tmp.path())?;
    tmp.persist(path).map_err(|e| {
        Error::io(
            crate::IoOp::Replace,
            format!("cannot rewrite {}", path.display()),
            e.error,
        )
    })?;
    if had_wal {
        fs::remove_file(&wal)
            .map_err(|e| Error::io(crate::IoOp::Remove, "cannot remove a backup's log", e))?;
    }
    file::sync_dir(dir)
}
