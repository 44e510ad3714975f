//! The SQLite store: one way to open it, read handles, write transactions,
//! compiled-in forward-only migrations.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::{Error, Result};

/// File name of the database inside a data dir.
pub const DB_FILE: &str = "trellis.db";

const MIGRATION_SQL: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_draft.sql"),
    include_str!("../migrations/0003_checkin.sql"),
    include_str!("../migrations/0004_sync.sql"),
    include_str!("../migrations/0005_bench_indexes.sql"),
];

/// The schema version this build writes (SQLite `user_version`).
pub const SCHEMA_VERSION: usize = MIGRATION_SQL.len();

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// A handle on one Trellis database. Cheap to share by reference across
/// threads: calls are serialised on one connection.
pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    backup_warning: Option<String>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

impl Db {
    /// Open (creating if needed) the database of a data dir.
    pub fn open_data_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create data folder {}", dir.display()), e))?;
        Self::open(&dir.join(DB_FILE))
    }

    /// Open (creating if needed) a database file and bring its schema up to date.
    ///
    /// An existing file is first checked (`PRAGMA quick_check`) through a
    /// read-only connection: a damaged one is refused with [`Error::Corrupt`]
    /// and nothing written. Then, for a database that holds data, a verified
    /// backup is made before any migration, and once a day (see
    /// [`crate::backup`]). A failed daily backup does not stop the opening;
    /// [`Db::backup_warning`] says what went wrong.
    pub fn open(path: &Path) -> Result<Self> {
        check_integrity(path)?;
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// Open at a given schema version (tests of migrations only).
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: usize) -> Result<Self> {
        let mut conn = Connection::open(path)?;
        migrations().to_version(&mut conn, version)?;
        Ok(Db {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            backup_warning: None,
        })
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION as i64 {
            return Err(Error::Conflict(format!(
                "this database was written by a newer Trellis (schema {found}, this build knows up to {SCHEMA_VERSION}); \
                 update Trellis to open it — nothing was changed"
            )));
        }
        if let Some(p) = &path {
            if found < SCHEMA_VERSION as i64 {
                crate::backup::before_migration(&conn, p)?;
            }
        }
        migrations().to_latest(&mut conn)?;
        crate::search::keep_no_trace_of_deleted_text(&conn)?;
        let backup_warning = match &path {
            Some(p) => crate::backup::daily(&conn, p, chrono::Utc::now())
                .err()
                .map(|e| format!("the daily backup was not made ({e})")),
            None => None,
        };
        Ok(Db {
            conn: Mutex::new(conn),
            path,
            backup_warning,
        })
    }

    /// Why the automatic backup at open failed, if it did (the database
    /// itself opened fine). Worth showing: backups are what a restore needs.
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
    }

    /// Where the database lives, if it is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done transaction
        // behind (rusqlite rolls back on drop), so the poisoned guard is safe.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run reads on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Run writes in one IMMEDIATE transaction: all of it, or (on any error) none of it.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The hybrid-logical-clock stamp of this transaction: the triggers
        // that record who changed which shared field read it (see `sync`).
        crate::sync::stamp(&tx)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// `PRAGMA quick_check` of an existing, non-empty database file through a
/// read-only connection, so that a damaged file is reported before anything
/// (journal mode, migrations, backups) writes to it.
fn check_integrity(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > 0 => {}
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    }
    // With no WAL beside it, the file alone is the whole database: read it
    // as immutable, which creates no -wal/-shm files either. A WAL-mode
    // writer only ever writes to the WAL first, so if the WAL is still empty
    // afterwards the answer stands; else the check is made the ordinary way.
    let wal_is_empty = || std::fs::metadata(wal_path(path)).map_or(true, |m| m.len() == 0);
    let mut outcome = None;
    if wal_is_empty() {
        if let Some(uri) = immutable_uri(path) {
            let o = quick_check(Path::new(&uri), OpenFlags::SQLITE_OPEN_URI);
            if matches!(o, Checked::Ok) || wal_is_empty() {
                outcome = Some(o);
            }
        }
    }
    let outcome = match outcome {
        Some(o) => o,
        None => quick_check(path, OpenFlags::empty()),
    };
    match outcome {
        Checked::Ok => Ok(()),
        Checked::Damaged(detail) => Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail,
        }),
        Checked::Failed(e) => Err(e.into()),
    }
}

enum Checked {
    Ok,
    Damaged(String),
    Failed(rusqlite::Error),
}

fn quick_check(target: &Path, extra: OpenFlags) -> Checked {
    let checked = Connection::open_with_flags(
        target,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | extra,
    )
    .and_then(|c| {
        let mut st = c.prepare("PRAGMA quick_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
    });
    match checked {
        Ok(rows) if rows == ["ok"] => Checked::Ok,
        Ok(rows) => {
            let all = rows.into_iter().take(3).collect::<Vec<_>>().join("; ");
            let mut detail: String = all.chars().take(300).collect();
            if detail.len() < all.len() {
                detail.push('…');
            }
            Checked::Damaged(format!("integrity check: {detail}"))
        }
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Checked::Damaged(e.to_string())
        }
        Err(e) => Checked::Failed(e),
    }
}

fn wal_path(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

/// `file:/abs/path?immutable=1`, percent-encoded (Unix paths only; elsewhere
/// the ordinary read-only check is used).
fn immutable_uri(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let abs = std::path::absolute(path).ok()?;
        let mut uri = String::from("file:");
        for &b in abs.as_os_str().as_bytes() {
            if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
                uri.push(char::from(b));
            } else {
                uri.push_str(&format!("%{b:02X}"));
            }
        }
        uri.push_str("?immutable=1");
        Some(uri)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn file_database_uses_wal_full_sync_foreign_keys_and_secure_delete() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_data_dir(dir.path()).unwrap();
        db.read(|c| {
            let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            assert_eq!(mode, "wal");
            let sync: i64 = c.pragma_query_value(None, "synchronous", |r| r.get(0))?;
            assert_eq!(sync, 2, "synchronous=FULL");
            let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
            assert_eq!(fk, 1);
            let sd: i64 = c.pragma_query_value(None, "secure_delete", |r| r.get(0))?;
            assert_eq!(sd, 1);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Db::open(&path).unwrap_err();
        assert!(err.to_string().contains("newer Trellis"), "{err}");
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 99);
    }
}
