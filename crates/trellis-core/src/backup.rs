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

mod copy;
mod forget;
mod restore;
mod rotation;

use crate::error::Clash;
use crate::error::FileKind;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::encryption::Key;
use crate::{file, Db, Error, Reason, Result};

use copy::{create, COPY_DAMAGED};
pub(crate) use forget::forget;
pub use restore::{restore, restore_with};
use rotation::rotate;
pub use rotation::{delete, keep, prune};

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
    let entries = fs::read_dir(&dir).map_err(|e| {
        Error::io(
            crate::IoOp::List,
            format!("cannot list the backups in {}", dir.display()),
            e,
        )
    })?;
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
    let path = db.path().ok_or_else(|| {
        Error::invalid(
            "backup",
            Reason::usage("an in-memory database has no backups folder"),
        )
    })?;
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
        Error::Format { what, reason, .. } if what == COPY_DAMAGED => {
            db.mark_suspect();
            Error::Format {
                file: FileKind::Backup,
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
                crate::IoOp::List,
                format!("cannot list the backups in {}", dir.display()),
                e,
            ))
        }
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::io(
                crate::IoOp::List,
                format!("cannot list the backups in {}", dir.display()),
                e,
            )
        })?;
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
            Error::Conflict(Clash::BackupBeforeUpgradeFailed {
                detail: e.to_string(),
            })
        })
}

// ---- file names ----

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
