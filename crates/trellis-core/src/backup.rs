//! Backups of the database: made with SQLite's online backup API into
//! `<data dir>/backups/`, each verified by reopening it and running
//! `PRAGMA integrity_check` before it is given its name.
//!
//! When they are made:
//! - **daily**: when the newest automatic backup is from an earlier UTC day
//!   than today, by [`daily`], which the shells call once the user has what
//!   they came for (the desktop on a thread of its own after the first
//!   screen, the CLI after printing), on a connection of its own: in WAL mode
//!   the copy does not block the app's writes. Its full `integrity_check` of
//!   the copy is also the regular full check of the database (see
//!   [`crate::db::Checked`]);
//! - **pre-migration**: before a schema upgrade of a database that holds data;
//! - **manual**: when someone asks (`backup::now`, `trellis backup now`);
//! - **pre-restore**: the current database, just before a restore replaces it.
//!
//! A database with no pair and no imported pack has nothing worth keeping, so
//! no automatic backup is made of it: opening a new database costs nothing.
//!
//! Rotation (after every automatic backup) applies to the automatic ones
//! (daily and pre-migration) only; see [`keep`] for the exact rule. Manual and
//! pre-restore backups are never deleted by Trellis.
//!
//! File names are `trellis-YYYY-MM-DDTHH-MM-SS.mmmZ-KIND.db` (UTC), so they
//! sort by time and say what they are; a backup is a plain SQLite file in
//! rollback-journal mode that any SQLite tool opens.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::db::{DB_FILE, SCHEMA_VERSION};
use crate::encryption::Key;
use crate::{file, Db, Error, Result};

/// The folder, inside the data dir, that holds the backups.
pub const DIR: &str = "backups";
/// How many days keep their newest automatic backup.
pub const KEEP_DAILY: usize = 7;
/// How many ISO weeks keep their newest automatic backup.
pub const KEEP_WEEKLY: usize = 4;

const PREFIX: &str = "trellis-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y-%m-%dT%H-%M-%S%.3fZ";
/// `2026-03-01T10-15-00.123Z`
const STAMP_LEN: usize = 24;
/// A half-written backup older than this was left by a process that died.
const STALE_TEMP: Duration = Duration::from_secs(600);

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupKind {
    Daily,
    PreMigration,
    Manual,
    PreRestore,
}

impl BackupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::PreMigration => "pre-migration",
            BackupKind::Manual => "manual",
            BackupKind::PreRestore => "pre-restore",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            BackupKind::Daily,
            BackupKind::PreMigration,
            BackupKind::Manual,
            BackupKind::PreRestore,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Made by Trellis on its own, and so rotated.
    pub fn is_automatic(self) -> bool {
        matches!(self, BackupKind::Daily | BackupKind::PreMigration)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Backup {
    /// The file name inside the backups folder: what `restore` takes.
    pub name: String,
    pub kind: BackupKind,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Restored {
    /// The backup that is now the database.
    pub restored: Backup,
    /// The copy of the database as it was before the restore (none when
    /// there was no database, or an empty one).
    pub saved_current: Option<Backup>,
}

/// The backups folder of a data dir.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR)
}

/// Close the backups folder of a data dir, and each backup in it, to other
/// accounts (0700, 0600): an older Trellis left them as the umask made them.
pub(crate) fn make_private(data_dir: &Path) -> Result<()> {
    let dir = dir(data_dir);
    if !dir.is_dir() {
        return Ok(());
    }
    file::private_dir(&dir)?;
    let entries = fs::read_dir(&dir)
        .map_err(|e| Error::io(format!("cannot list the backups in {}", dir.display()), e))?;
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_file()) {
            file::make_private(&e.path())?;
        }
    }
    Ok(())
}

/// The data dir of a database file: the folder it is in.
pub(crate) fn data_dir_of(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Back up the database now (a manual backup, never rotated away).
pub fn now(db: &Db) -> Result<Backup> {
    let path = db
        .path()
        .ok_or_else(|| Error::invalid("backup", "an in-memory database has no backups folder"))?;
    let dir = dir(&data_dir_of(path));
    db.read(|c| create(c, &dir, BackupKind::Manual, crate::time::now(), db.key()))
        .map_err(|e| suspect_if_damaged(db, e))
}

/// Today's automatic backup, if today (UTC) has none yet and the database
/// holds data; then rotation. `None` when none was due.
///
/// It reads the database through a read-only connection of its own, so it
/// may run on another thread while `db` serves reads and writes (in WAL
/// mode a reader does not block writers; the copy is one consistent
/// snapshot). The copy is verified with a full `integrity_check`: when the
/// copy fails it, the database itself is likely damaged, so its seal is
/// broken and the next open checks it in full (and refuses it if damaged).
pub fn daily(db: &Db) -> Result<Option<Backup>> {
    daily_at(db, crate::time::now())
}

/// [`daily`] as if it were `now` (tests of the once-a-day rule).
#[doc(hidden)]
pub fn daily_at(db: &Db, now: DateTime<Utc>) -> Result<Option<Backup>> {
    let Some(db_path) = db.path() else {
        return Ok(None);
    };
    let data_dir = data_dir_of(db_path);
    let today = now.date_naive();
    let newest = list(&data_dir)?
        .into_iter()
        .find(|b| b.kind.is_automatic())
        .map(|b| b.created_at.date_naive());
    if newest.is_some_and(|d| d >= today) {
        return Ok(None);
    }
    let src = crate::db::connect(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        db.key(),
    )?;
    src.busy_timeout(Duration::from_secs(5))?;
    if !has_data(&src)? {
        return Ok(None);
    }
    let made = create(&src, &dir(&data_dir), BackupKind::Daily, now, db.key())
        .map_err(|e| suspect_if_damaged(db, e))?;
    drop(src);
    rotate(&data_dir)?;
    Ok(Some(made))
}

/// A copy that fails its integrity check says the database is likely
/// damaged: make sure the next open checks it in full, and say so.
fn suspect_if_damaged(db: &Db, e: Error) -> Error {
    match e {
        Error::Format { what, reason } if what == COPY_DAMAGED => {
            db.mark_suspect();
            Error::Format {
                what: "backup".into(),
                reason: format!(
                    "the copy failed its integrity check ({reason}): the database itself may be \
                     damaged; it will be checked in full at the next start"
                ),
            }
        }
        other => other,
    }
}

/// Every backup in the data dir, newest first. Files that are not backups
/// (or half-written ones) are left out.
pub fn list(data_dir: &Path) -> Result<Vec<Backup>> {
    let dir = dir(data_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::io(
                format!("cannot list the backups in {}", dir.display()),
                e,
            ))
        }
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| Error::io(format!("cannot list the backups in {}", dir.display()), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((created_at, kind)) = parse_name(&name) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(Backup {
            name,
            kind,
            created_at,
            bytes,
        });
    }
    out.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.name.cmp(&a.name))
    });
    Ok(out)
}

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
            format!("'{name}' is not the name of a backup (see `trellis backup list`)"),
        ));
    };
    let dir = dir(data_dir);
    let src = dir.join(name);
    let bytes = match fs::metadata(&src) {
        Ok(m) if m.is_file() => m.len(),
        _ => return Err(Error::not_found("backup", name)),
    };
    let version = verify(&src, key).map_err(|e| Error::Format {
        what: format!("backup {name}"),
        reason: format!("it is damaged ({e}); nothing was changed, choose another backup"),
    })?;
    if version > SCHEMA_VERSION as i64 {
        return Err(Error::Conflict(format!(
            "backup {name} was made by a newer Trellis (schema {version}, this build knows up to \
             {SCHEMA_VERSION}); nothing was changed"
        )));
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

/// The rotation rule, on backups in any order: the names of the automatic
/// backups to keep. Like restic's `--keep-daily 7 --keep-weekly 4`:
/// - for each of the [`KEEP_DAILY`] most recent UTC days that have an
///   automatic backup, the newest backup of that day;
/// - for each of the [`KEEP_WEEKLY`] most recent ISO weeks that have an
///   automatic backup, the newest backup of that week (often one already
///   kept as a daily one).
///
/// Every other automatic backup is deleted. So at most 11 are kept (7 daily
/// plus up to 4 weekly, of which the newest week's, and often the one
/// before, are daily ones already), and the oldest kept is from about three
/// weeks back however often Trellis runs.
pub fn keep(backups: &[Backup]) -> HashSet<String> {
    let mut auto: Vec<&Backup> = backups.iter().filter(|b| b.kind.is_automatic()).collect();
    auto.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.name.cmp(&a.name))
    });
    let mut kept = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for b in auto {
        let day = b.created_at.date_naive();
        if days.len() < KEEP_DAILY && !days.contains(&day) {
            days.push(day);
            kept.insert(b.name.clone());
        }
        let iso = day.iso_week();
        let week = (iso.year(), iso.week());
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) {
            weeks.push(week);
            kept.insert(b.name.clone());
        }
    }
    kept
}

// ---- deleting permanently (the Trash) ----

/// Rewrite every backup of `data_dir` without what `f` names (see
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
            Error::Conflict(format!(
                "it is gone from the database, but backup {} could not be rewritten without it \
                 ({e}); delete that backup (`trellis backup delete {}`) to remove it there too",
                b.name, b.name
            ))
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
            .map_err(|e| Error::io("cannot copy a backup's log", e.error))?;
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
    tmp.persist(path)
        .map_err(|e| Error::io(format!("cannot rewrite {}", path.display()), e.error))?;
    if had_wal {
        fs::remove_file(&wal).map_err(|e| Error::io("cannot remove a backup's log", e))?;
    }
    file::sync_dir(dir)
}

/// Delete one backup (and the log beside it, if any).
pub fn delete(data_dir: &Path, name: &str) -> Result<Backup> {
    let Some((created_at, kind)) = parse_name(name) else {
        return Err(Error::invalid(
            "backup",
            format!("'{name}' is not the name of a backup (see `trellis backup list`)"),
        ));
    };
    let dir = dir(data_dir);
    let path = dir.join(name);
    let bytes = match fs::metadata(&path) {
        Ok(m) if m.is_file() => m.len(),
        _ => return Err(Error::not_found("backup", name)),
    };
    fs::remove_file(&path).map_err(|e| Error::io(format!("cannot delete {name}"), e))?;
    match fs::remove_file(wal_of(&path)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(format!("cannot delete the log of {name}"), e)),
    }
    file::sync_dir(&dir)?;
    Ok(Backup {
        name: name.to_string(),
        kind,
        created_at,
        bytes,
    })
}

/// Delete every backup made more than `days` days before `now`, whatever
/// its kind, except the newest backup of all (so one always remains). The
/// backups deleted.
pub fn prune(data_dir: &Path, days: u32, now: DateTime<Utc>) -> Result<Vec<Backup>> {
    let cutoff = now - chrono::Duration::days(i64::from(days));
    let all = list(data_dir)?;
    let mut gone = Vec::new();
    for b in all.iter().skip(1).filter(|b| b.created_at < cutoff) {
        gone.push(delete(data_dir, &b.name)?);
    }
    Ok(gone)
}

// ---- used when a database is opened ----

/// True when the database holds something worth a backup: a pair or an
/// imported pack. (Before the first migration there are no tables at all.)
fn has_data(c: &Connection) -> Result<bool> {
    let tables: i64 = c.query_row(
        "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('pair', 'pack')",
        [],
        |r| r.get(0),
    )?;
    if tables < 2 {
        return Ok(false);
    }
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM pair) OR EXISTS (SELECT 1 FROM pack)",
        [],
        |r| r.get(0),
    )?)
}

/// Before migrating the database at `db_path`: a verified backup, if it
/// holds data. An error here stops the migration.
pub(crate) fn before_migration(
    c: &Connection,
    db_path: &Path,
    key: Option<&Key>,
) -> Result<Option<Backup>> {
    if !has_data(c)? {
        return Ok(None);
    }
    let dir = dir(&data_dir_of(db_path));
    create(c, &dir, BackupKind::PreMigration, crate::time::now(), key)
        .map(Some)
        .map_err(|e| {
            Error::Conflict(format!(
                "could not back up the database before upgrading it ({e}); nothing was changed"
            ))
        })
}

/// Delete the automatic backups that [`keep`] does not keep.
fn rotate(data_dir: &Path) -> Result<()> {
    let all = list(data_dir)?;
    let kept = keep(&all);
    let dir = dir(data_dir);
    for b in all.iter().filter(|b| b.kind.is_automatic()) {
        if !kept.contains(&b.name) {
            match fs::remove_file(dir.join(&b.name)) {
                Ok(()) => {}
                // Another Trellis rotated it away first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(format!("cannot delete old backup {}", b.name), e)),
            }
        }
    }
    Ok(())
}

// ---- making, checking and restoring files ----

fn file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("{PREFIX}{}-{}{SUFFIX}", at.format(STAMP), kind.as_str())
}

/// The time and kind a backup's name says, or `None` for any other name
/// (including anything with a path in it).
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stamp = rest.get(..STAMP_LEN)?;
    let kind = BackupKind::parse(rest.get(STAMP_LEN..)?.strip_prefix('-')?)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    // Only names this module writes: one spelling per instant.
    (file_name(at, kind) == name).then_some((at, kind))
}

/// The `what` of the error [`create`] gives when the copy it made fails its
/// integrity check.
const COPY_DAMAGED: &str = "the copy of the database";

/// Copy the database behind `src` into a new verified backup in `dir`.
fn create(
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
        .map_err(|e| Error::io(format!("cannot write a backup into {}", dir.display()), e))
        .and_then(|tmp| {
            write_copy(src, tmp.path(), key)?;
            verify(tmp.path(), key).map_err(|e| Error::Format {
                what: COPY_DAMAGED.into(),
                reason: e.to_string(),
            })?;
            file::sync_file(tmp.path())?;
            // On failure the temporary file is removed when `tmp` is dropped.
            tmp.persist(&path).map_err(|e| {
                Error::io(
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
                _ => {
                    return Err(Error::Conflict(
                        "the database stayed busy; the backup was not made".into(),
                    ))
                }
            }
        }
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| Error::from(e))
}

/// Open a backup read-only and run the full integrity check; its schema
/// version on success.
fn verify(path: &Path, key: Option<&Key>) -> Result<i64> {
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
            what: path.display().to_string(),
            reason: format!("integrity check failed: {}", rows.join("; ")),
        });
    }
    Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?)
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
            Err(Error::Conflict(ok))
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
    let io = |e| Error::io(format!("cannot keep a copy of {}", db_path.display()), e);
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
    let io = |e| Error::io(format!("cannot restore into {}", db_path.display()), e);
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

fn wal_of(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

fn shm_of(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push("-shm");
    PathBuf::from(s)
}

/// Half-written copies left by a process that died, with their logs (a
/// newer one may be in progress in another process, so only old ones go).
fn remove_stale_temps(dir: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn b(at: &str, kind: BackupKind) -> Backup {
        let at = DateTime::parse_from_rfc3339(at)
            .unwrap()
            .with_timezone(&Utc);
        Backup {
            name: file_name(at, kind),
            kind,
            created_at: at,
            bytes: 0,
        }
    }

    #[test]
    fn names_round_trip_and_nothing_else_parses() {
        let x = b("2026-03-01T10:15:00.123Z", BackupKind::PreMigration);
        assert_eq!(x.name, "trellis-2026-03-01T10-15-00.123Z-pre-migration.db");
        assert_eq!(parse_name(&x.name), Some((x.created_at, x.kind)));
        for bad in [
            "trellis.db",
            "trellis-2026-03-01T10-15-00.123Z-weekly.db",
            "trellis-2026-03-01T10-15-00Z-daily.db",
            "../trellis-2026-03-01T10-15-00.123Z-daily.db",
            ".trellis-2026-03-01T10-15-00.123Z-daily.db.tmp",
            "trellis-2026-13-01T10-15-00.123Z-daily.db",
            "trellis-2026-03-01T10-15-00.123Z-daily.db-wal",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_seven_days_and_four_weeks() {
        // Two backups a day for 60 days, ending on Wednesday 2026-03-04.
        let end = DateTime::parse_from_rfc3339("2026-03-04T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut all = Vec::new();
        for d in 0..60 {
            for h in [8, 20] {
                let at = end - chrono::Duration::days(d) - chrono::Duration::hours(20 - h);
                all.push(Backup {
                    name: file_name(at, BackupKind::Daily),
                    kind: BackupKind::Daily,
                    created_at: at,
                    bytes: 0,
                });
            }
        }
        // Manual and pre-restore backups are never rotated away.
        let manual = b("2025-01-01T00:00:00Z", BackupKind::Manual);
        let pre = b("2025-01-02T00:00:00Z", BackupKind::PreRestore);
        all.push(manual.clone());
        all.push(pre.clone());
        let kept = keep(&all);
        let mut days: Vec<String> = all
            .iter()
            .filter(|b| kept.contains(&b.name))
            .map(|b| b.created_at.format("%Y-%m-%d %H").to_string())
            .collect();
        days.sort();
        // Seven days (Thu 26 Feb .. Wed 4 Mar), each at 20h; then the four
        // newest ISO weeks: this one (2–8 Mar) and the week of 23 Feb–1 Mar
        // are kept by their Wednesday and Sunday already; the weeks ending
        // Sunday 22 Feb and Sunday 15 Feb add their Sundays.
        assert_eq!(
            days,
            [
                "2026-02-15 20",
                "2026-02-22 20",
                "2026-02-26 20",
                "2026-02-27 20",
                "2026-02-28 20",
                "2026-03-01 20",
                "2026-03-02 20",
                "2026-03-03 20",
                "2026-03-04 20",
            ]
        );
        assert!(!kept.contains(&manual.name) && !kept.contains(&pre.name));
    }

    #[test]
    fn with_backups_on_few_days_each_of_them_is_kept() {
        let all = vec![
            b("2026-01-01T09:00:00Z", BackupKind::PreMigration),
            b("2026-02-01T09:00:00Z", BackupKind::Daily),
            b("2026-02-01T10:00:00Z", BackupKind::Daily),
        ];
        let kept = keep(&all);
        assert!(kept.contains(&all[0].name));
        assert!(!kept.contains(&all[1].name));
        assert!(kept.contains(&all[2].name));
    }
}
