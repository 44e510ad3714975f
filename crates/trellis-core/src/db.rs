//! The SQLite store: one way to open it, read handles, write transactions,
//! compiled-in forward-only migrations. What other modules must do at the
//! store's seams (a backup before a migration, the search index's hygiene
//! after an open, the sync stamp of each write) comes in as [`Hooks`],
//! registered at the crate root (`crate::STORE_HOOKS`): the store names no
//! feature.

use crate::error::Clash;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::{Error, Result};

mod seal;

pub(crate) use seal::{break_seal, sibling};

/// File name of the database inside a data dir.
pub const DB_FILE: &str = "trellis.db";

const MIGRATION_SQL: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_draft.sql"),
    include_str!("../migrations/0003_checkin.sql"),
    include_str!("../migrations/0004_sync.sql"),
    include_str!("../migrations/0005_bench_indexes.sql"),
    include_str!("../migrations/0006_row_clock.sql"),
    include_str!("../migrations/0007_respondent.sql"),
    include_str!("../migrations/0008_pair_keys.sql"),
    include_str!("../migrations/0009_trash.sql"),
    include_str!("../migrations/0010_schedule.sql"),
    include_str!("../migrations/0011_sync_folder.sql"),
    include_str!("../migrations/0013_action_snooze.sql"),
    include_str!("../migrations/0015_calendar_file.sql"),
    include_str!("../migrations/0016_reminder.sql"),
    include_str!("../migrations/0017_meeting_action.sql"),
    include_str!("../migrations/0018_setting.sql"),
    include_str!("../migrations/0019_meeting_action_sync.sql"),
];

/// The schema version this build writes (SQLite `user_version`).
pub const SCHEMA_VERSION: usize = MIGRATION_SQL.len();

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// What the store runs at its seams. The crate root registers the one set
/// (`crate::STORE_HOOKS`), so that what runs is named in one place.
pub(crate) struct Hooks {
    /// A data dir about to be opened (its folders made private).
    pub on_data_dir: fn(&Path) -> Result<()>,
    /// Before a database file that has data is migrated to a newer schema.
    pub before_migration: fn(&Connection, &Path, Option<&crate::encryption::Key>) -> Result<()>,
    /// After every open, once the schema is current.
    pub after_open: fn(&Connection) -> Result<()>,
    /// At the start of every write transaction, before the caller's writes.
    pub on_write: fn(&Transaction<'_>) -> Result<()>,
}

const HOOKS: &Hooks = &crate::STORE_HOOKS;

/// A handle on one Trellis database. Cheap to share by reference across
/// threads: calls are serialised on one connection.
pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    checked: Checked,
    /// The key of an encrypted data dir (see [`crate::encryption`]).
    key: Option<crate::encryption::Key>,
    /// Declared after `conn`, so dropped after the connection is closed:
    /// then it seals the file (see [`seal`]).
    closer: Option<Box<Closer>>,
}

/// How the integrity of a database file was established when it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// `PRAGMA quick_check` read the whole file and found it sound (or there
    /// was no file yet, or it was empty).
    InFull,
    /// The file was sealed by a clean close and has provably not changed
    /// since (same file, size, time and header, nothing to replay); its
    /// schema was read, the full check skipped.
    Unchanged,
    /// Not a file, or opened at a given version by a test.
    NotApplicable,
}

/// Seals the file when the `Db` is dropped, unless the session found it suspect.
struct Closer {
    path: PathBuf,
    /// The seal the file was opened with, when it was intact.
    opened: Option<seal::Sealed>,
    /// The database opened: a clean close may seal it. Until then (an
    /// opening refused after the check), only the seal it was opened with
    /// is put back, if the file is unchanged.
    armed: bool,
    suspect: AtomicBool,
}

impl Drop for Closer {
    fn drop(&mut self) {
        if self.suspect.load(Ordering::SeqCst) {
            return;
        }
        if self.armed {
            seal::seal(&self.path, self.opened.as_ref());
        } else {
            seal::reseal(&self.path, self.opened.as_ref());
        }
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

impl Db {
    /// Open (creating if needed) the database of a plain data dir. An
    /// encrypted one is refused with [`Error::Locked`]: see
    /// [`Db::open_data_dir_with`].
    pub fn open_data_dir(dir: &Path) -> Result<Self> {
        Self::open_data_dir_with(dir, None)
    }

    /// Open the database of a data dir with its key (`None` for a plain
    /// one; see [`crate::encryption::unlock`]). A file that an interrupted
    /// `encryption on` or `off` left plain in an encrypted data dir is
    /// encrypted first.
    pub fn open_data_dir_with(dir: &Path, key: Option<&crate::encryption::Key>) -> Result<Self> {
        crate::file::private_dir(dir)?;
        (HOOKS.on_data_dir)(dir)?;
        match (crate::encryption::is_encrypted(dir), key) {
            (true, None) => return Err(crate::encryption::locked()),
            (false, Some(_)) => return Err(Error::Conflict(Clash::KeyForPlainData)),
            (true, Some(k)) => crate::encryption::converge(dir, k)?,
            (false, None) => {}
        }
        Self::open_with(&dir.join(DB_FILE), key)
    }

    /// Open (creating if needed) a database file and bring its schema up to date.
    ///
    /// An existing file is first checked through a read-only connection: in
    /// full (`PRAGMA quick_check`) unless a clean close sealed it and it has
    /// provably not changed since (see [`Checked`]). A damaged one is
    /// refused with [`Error::Corrupt`] and nothing written. Then, for a
    /// database that holds data, a verified backup is made before any
    /// migration (see [`crate::backup`]).
    ///
    /// The daily backup is not made here: the caller runs
    /// [`crate::backup::daily`] once the user has what they came for (the
    /// desktop on a thread of its own after the first screen, the CLI after
    /// printing). Its full check of the copy is also the regular full check
    /// of a database whose opens were all [`Checked::Unchanged`].
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, None)
    }

    /// [`Db::open`] of a database file under `key`.
    pub fn open_with(path: &Path, key: Option<&crate::encryption::Key>) -> Result<Self> {
        let (checked, opened) = check_integrity(path, key)?;
        if opened.is_some() {
            // From here on the session may write: the seal would be stale.
            // (A seal that no longer matches is left alone: it says nothing.)
            seal::break_seal(path);
        }
        // Declared before the connection, so dropped after it: when the
        // opening fails below, the seal it was opened with is put back.
        let mut closer = Closer {
            path: path.to_path_buf(),
            opened,
            armed: false,
            suspect: AtomicBool::new(false),
        };
        make_private(path)?;
        let conn = connect(path, OpenFlags::default(), key)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let mut db = Self::prepare(conn, Some(path.to_path_buf()), checked, key)?;
        closer.armed = true;
        db.closer = Some(Box::new(closer));
        Ok(db)
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(
            Connection::open_in_memory()?,
            None,
            Checked::NotApplicable,
            None,
        )
    }

    /// Open at a given schema version (tests of migrations only).
    #[doc(hidden)]
    #[allow(
        clippy::disallowed_methods,
        reason = "a schema at a given version, for tests of migrations"
    )]
    pub fn open_at_version(path: &Path, version: usize) -> Result<Self> {
        let mut conn = Connection::open(path)?;
        migrations().to_version(&mut conn, version)?;
        Ok(Db {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            checked: Checked::NotApplicable,
            key: None,
            closer: None,
        })
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        checked: Checked,
        key: Option<&crate::encryption::Key>,
    ) -> Result<Self> {
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION as i64 {
            return Err(Error::Conflict(Clash::NewerSchema {
                found,
                known: SCHEMA_VERSION,
            }));
        }
        if let Some(p) = &path {
            if found < SCHEMA_VERSION as i64 {
                (HOOKS.before_migration)(&conn, p, key)?;
            }
        }
        migrations().to_latest(&mut conn)?;
        (HOOKS.after_open)(&conn)?;
        Ok(Db {
            conn: Mutex::new(conn),
            path,
            checked,
            key: key.cloned(),
            closer: None,
        })
    }

    /// The key of an encrypted database (`None` when plain).
    pub(crate) fn key(&self) -> Option<&crate::encryption::Key> {
        self.key.as_ref()
    }

    /// How the file's integrity was established at open.
    pub fn checked(&self) -> Checked {
        self.checked
    }

    /// Something (the daily backup's check of its copy) suggests the file is
    /// damaged: break its seal now and do not seal it at close, so that the
    /// next open checks it in full.
    pub(crate) fn mark_suspect(&self) {
        if let Some(c) = &self.closer {
            c.suspect.store(true, Ordering::SeqCst);
            seal::break_seal(&c.path);
        }
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

    /// Move everything in the WAL into the database file and truncate the
    /// WAL to zero bytes, so that no older image of a page (with text since
    /// deleted) remains in it. Waits for readers of other connections (the
    /// daily backup) up to the busy timeout; an error when they still hold
    /// it. Nothing to do for an in-memory database.
    pub fn truncate_wal(&self) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        let conn = self.lock();
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(Error::Conflict(Clash::LogInUse));
        }
        Ok(())
    }

    /// Run writes in one IMMEDIATE transaction: all of it, or (on any error) none of it.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        (HOOKS.on_write)(&tx)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Create the database file readable by its owner only (0600), or make an
/// existing one (and its WAL and shared-memory files) so. SQLite gives the
/// `-wal`, `-shm` and `-journal` files it creates the mode of the database
/// file, so they are private too whatever the umask.
fn make_private(path: &Path) -> Result<()> {
    let mut new = std::fs::OpenOptions::new();
    new.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        new.mode(0o600);
    }
    match new.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            for p in [path.to_path_buf(), wal_path(path), sibling(path, "-shm")] {
                crate::file::make_private(&p)?;
            }
            Ok(())
        }
        Err(e) => Err(Error::io(
            crate::IoOp::Write,
            format!("cannot create {}", path.display()),
            e,
        )),
    }
}

/// `PRAGMA quick_check` of an existing, non-empty database file through a
/// read-only connection, so that a damaged file is reported before anything
/// (journal mode, migrations, backups) writes to it. A file sealed at a clean
/// close and unchanged since gets a light check instead: its header and
/// schema are read (a file that is no longer a database is still refused).
fn check_integrity(
    path: &Path,
    key: Option<&crate::encryption::Key>,
) -> Result<(Checked, Option<seal::Sealed>)> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > 0 => {}
        Ok(_) => return Ok((Checked::InFull, None)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Checked::InFull, None)),
        Err(e) => {
            return Err(Error::io(
                crate::IoOp::Read,
                format!("cannot read {}", path.display()),
                e,
            ))
        }
    }
    if let Some(sealed) = seal::intact(path) {
        if let Some(uri) = immutable_uri(path) {
            if let Outcome::Ok = check(
                Path::new(&uri),
                OpenFlags::SQLITE_OPEN_URI,
                SCHEMA_ONLY,
                key,
            ) {
                return Ok((Checked::Unchanged, Some(sealed)));
            }
        }
        // Anything unexpected: the full check decides.
    }
    // With no WAL beside it, the file alone is the whole database: read it
    // as immutable, which creates no -wal/-shm files either. A WAL-mode
    // writer only ever writes to the WAL first, so if the WAL is still empty
    // afterwards the answer stands; else the check is made the ordinary way.
    let wal_is_empty = || std::fs::metadata(wal_path(path)).map_or(true, |m| m.len() == 0);
    let mut outcome = None;
    if wal_is_empty() {
        if let Some(uri) = immutable_uri(path) {
            let o = check(
                Path::new(&uri),
                OpenFlags::SQLITE_OPEN_URI,
                QUICK_CHECK,
                key,
            );
            if matches!(o, Outcome::Ok) || wal_is_empty() {
                outcome = Some(o);
            }
        }
    }
    let outcome = match outcome {
        Some(o) => o,
        None => check(path, OpenFlags::empty(), QUICK_CHECK, key),
    };
    match outcome {
        Outcome::Ok => Ok((Checked::InFull, None)),
        Outcome::Damaged(detail) => Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail,
        }),
        Outcome::Failed(e) => Err(e.into()),
        Outcome::Refused(e) => Err(e),
    }
}

enum Outcome {
    Ok,
    Damaged(String),
    Failed(rusqlite::Error),
    /// The key does not open the file.
    Refused(Error),
}

/// Every page of every table and index (O(file size)).
const QUICK_CHECK: &str = "PRAGMA quick_check";
/// The header and the schema only (page 1 and what `sqlite_schema` spans).
const SCHEMA_ONLY: &str =
    "SELECT CASE WHEN count(*) > 0 THEN 'ok' ELSE 'no schema' END FROM sqlite_schema";

fn check(
    target: &Path,
    extra: OpenFlags,
    sql: &str,
    key: Option<&crate::encryption::Key>,
) -> Outcome {
    let c = match connect(
        target,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | extra,
        key,
    ) {
        Ok(c) => c,
        Err(Error::Storage(e)) => return Outcome::Failed(e),
        Err(e) => return Outcome::Refused(e),
    };
    let checked = (|| {
        let mut st = c.prepare(sql)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
    })();
    match checked {
        Ok(rows) if rows == ["ok"] => Outcome::Ok,
        Ok(rows) => {
            let all = rows.into_iter().take(3).collect::<Vec<_>>().join("; ");
            let mut detail: String = all.chars().take(300).collect();
            if detail.len() < all.len() {
                detail.push('…');
            }
            Outcome::Damaged(format!("integrity check: {detail}"))
        }
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            Outcome::Damaged(e.to_string())
        }
        Err(e) => Outcome::Failed(e),
    }
}

/// Open a connection to a database file with the given flags (`default()`:
/// read-write, create) and give it its key before its first statement. The
/// one door for every connection to a file of a data dir.
pub(crate) fn connect(
    path: &Path,
    flags: OpenFlags,
    key: Option<&crate::encryption::Key>,
) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    crate::encryption::apply(&conn, key)?;
    Ok(conn)
}

fn wal_path(p: &Path) -> PathBuf {
    sibling(p, "-wal")
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
#[allow(
    clippy::disallowed_methods,
    reason = "tests write and open damaged files on purpose"
)]
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
