//! The seal: a small file beside the database, written when Trellis closes it
//! cleanly, that lets the next open skip the full `PRAGMA quick_check` when
//! the file has provably not changed since.
//!
//! A database is checked in full at open unless all of these hold:
//! - a seal `trellis.db-seal` is there and in this format;
//! - there is no WAL (or an empty one) and no rollback journal beside the
//!   file: nothing left to replay;
//! - the file is the same file (device and inode on Unix), of the same size,
//!   with the same modification time to the nanosecond and the same 100-byte
//!   SQLite header as when the seal was written.
//!
//! A seal is only written by a clean close ([`seal`]): the last connection
//! is closed (so SQLite has checkpointed the WAL into the file and deleted
//! it), nothing during the session suggested damage, and the session began
//! with a full check or an intact seal. The chain "checked clean, then only
//! changed by SQLite's own committed transactions" is what the seal stands
//! for. It is removed before anything is written at the next open
//! ([`break_seal`]), and a session that dies (a crash, a kill) leaves none.
//!
//! **Same-tick writes.** File systems stamp writes with a coarse clock
//! (a few milliseconds on Linux), so a write right after the close could
//! leave the time unchanged. The seal therefore first sets the file's
//! modification time to one nanosecond before the time the close left; the
//! file system truncates that to its granularity, so the stored time is
//! strictly earlier than any time a later write can produce (unless the
//! system clock is set back meanwhile). Anything that writes to the file —
//! SQLite, a copy over it, a disk tool — changes the time, and a new file
//! (a restore, a copy of the data dir) has another inode.
//!
//! What a seal cannot see: damage that changes no metadata (a failing disk
//! rotting a sector in place). That is what the daily backup's full
//! `integrity_check` of its copy is for: it reads every page once a day, and
//! a copy that fails it breaks the seal (see `crate::backup::daily`), so the
//! next open checks in full and refuses a damaged file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &str = "trellis-seal 1";

/// The seal's file beside a database file.
pub(crate) fn seal_path(db: &Path) -> PathBuf {
    sibling(db, "-seal")
}

pub(crate) fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// What the seal records of the file.
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    mtime_ns: u128,
    dev: u64,
    ino: u64,
    header: String,
}

impl Stamp {
    fn of(db: &Path) -> Option<Stamp> {
        let meta = fs::metadata(db).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let mut header = [0u8; 100];
        fs::File::open(db).ok()?.read_exact(&mut header).ok()?;
        let (dev, ino) = identity(&meta);
        Some(Stamp {
            len: meta.len(),
            mtime_ns,
            dev,
            ino,
            header: header.iter().map(|b| format!("{b:02x}")).collect(),
        })
    }

    fn to_text(&self) -> String {
        format!(
            "{MAGIC}\nlen {}\nmtime_ns {}\ndev {}\nino {}\nheader {}\n",
            self.len, self.mtime_ns, self.dev, self.ino, self.header
        )
    }

    fn parse(text: &str) -> Option<Stamp> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let mut field = |name: &str| -> Option<String> {
            let line = lines.next()?;
            Some(line.strip_prefix(name)?.strip_prefix(' ')?.to_owned())
        };
        Some(Stamp {
            len: field("len")?.parse().ok()?,
            mtime_ns: field("mtime_ns")?.parse().ok()?,
            dev: field("dev")?.parse().ok()?,
            ino: field("ino")?.parse().ok()?,
            header: field("header")?,
        })
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Nothing to replay beside the file: no WAL with frames, no rollback journal.
fn nothing_to_replay(db: &Path) -> bool {
    let empty = |p: PathBuf| fs::metadata(p).map_or(true, |m| m.len() == 0);
    empty(sibling(db, "-wal")) && empty(sibling(db, "-journal"))
}

/// What an intact seal said of the file (see [`intact`]).
#[derive(Debug)]
pub(crate) struct Sealed(Stamp);

/// The seal, when the file has provably not changed since a clean close
/// sealed it.
pub(crate) fn intact(db: &Path) -> Option<Sealed> {
    let text = fs::read_to_string(seal_path(db)).ok()?;
    let sealed = Stamp::parse(&text)?;
    (nothing_to_replay(db) && Stamp::of(db)? == sealed).then_some(Sealed(sealed))
}

#[cfg(test)]
fn is_intact(db: &Path) -> bool {
    intact(db).is_some()
}

/// Remove the seal (before a session writes, or when the file is suspect).
pub(crate) fn break_seal(db: &Path) {
    // Missing already, or not removable: a seal that stays is stale the
    // moment the file is written, so this is belt and braces.
    let _ = fs::remove_file(seal_path(db));
}

/// Seal a database file that was just closed cleanly; `opened` is the seal
/// it was opened with, if any. Does nothing when another connection still
/// has it open (its WAL is still there) or when the file's time cannot be
/// set; the next open then checks in full.
///
/// A session that changed nothing in the file (reads only, or a refused
/// write) puts back the very seal it was opened with, file time untouched:
/// the data dir is then byte for byte as it was.
pub(crate) fn seal(db: &Path, opened: Option<&Sealed>) {
    let _ = try_seal(db, opened);
}

/// Put back the seal a file was opened with, if the file is unchanged (an
/// opening that was refused after the check).
pub(crate) fn reseal(db: &Path, opened: Option<&Sealed>) {
    if let Some(Sealed(before)) = opened {
        if !sibling(db, "-wal").exists() && Stamp::of(db).as_ref() == Some(before) {
            let _ = write_seal(db, before);
        }
    }
}

fn try_seal(db: &Path, opened: Option<&Sealed>) -> Option<()> {
    if sibling(db, "-wal").exists() || sibling(db, "-journal").exists() {
        return None;
    }
    if let Some(Sealed(before)) = opened {
        if Stamp::of(db).as_ref() == Some(before) {
            return write_seal(db, before);
        }
    }
    let closed_at = fs::metadata(db).ok()?.modified().ok()?;
    let earlier = closed_at.checked_sub(Duration::from_nanos(1))?;
    fs::OpenOptions::new()
        .write(true)
        .open(db)
        .ok()?
        .set_times(fs::FileTimes::new().set_modified(earlier))
        .ok()?;
    let stamp = Stamp::of(db)?;
    let set: SystemTime = UNIX_EPOCH + Duration::from_nanos(u64::try_from(stamp.mtime_ns).ok()?);
    if set >= closed_at {
        return None;
    }
    write_seal(db, &stamp)
}

fn write_seal(db: &Path, stamp: &Stamp) -> Option<()> {
    crate::file::write_private(&seal_path(db), stamp.to_text().as_bytes(), false).ok()
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests write and open damaged files on purpose"
)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_round_trips_through_its_text() {
        let s = Stamp {
            len: 4096,
            mtime_ns: 1_700_000_000_123_456_789,
            dev: 2049,
            ino: 77,
            header: "53514c69746520666f726d6174203300".into(),
        };
        assert_eq!(Stamp::parse(&s.to_text()), Some(s));
        assert_eq!(Stamp::parse("trellis-seal 2\nlen 1\n"), None);
        assert_eq!(Stamp::parse(""), None);
    }

    #[test]
    fn a_write_in_the_same_clock_tick_as_the_close_still_breaks_the_seal() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("trellis.db");
        let bytes = vec![7u8; 8192];
        fs::write(&db, &bytes).unwrap();
        let closed_at = fs::metadata(&db).unwrap().modified().unwrap();
        seal(&db, None);
        assert!(is_intact(&db));
        // Rewritten with the same size, and stamped with the very time the
        // close left (what a coarse clock gives a write in the same tick).
        let mut changed = bytes.clone();
        changed[5000] = 8;
        fs::write(&db, &changed).unwrap();
        fs::File::options()
            .write(true)
            .open(&db)
            .unwrap()
            .set_modified(closed_at)
            .unwrap();
        assert!(!is_intact(&db));
    }

    #[test]
    fn a_wal_or_journal_beside_the_file_breaks_the_seal() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("trellis.db");
        fs::write(&db, vec![7u8; 8192]).unwrap();
        seal(&db, None);
        assert!(is_intact(&db));
        for side in ["-wal", "-journal"] {
            fs::write(sibling(&db, side), b"frames").unwrap();
            assert!(!is_intact(&db), "{side}");
            fs::write(sibling(&db, side), b"").unwrap();
            assert!(is_intact(&db), "empty {side}");
        }
        // And no seal is written while one is there (another connection).
        break_seal(&db);
        seal(&db, None);
        assert!(!seal_path(&db).exists());
    }

    #[test]
    fn a_session_that_changed_nothing_puts_back_the_same_seal() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("trellis.db");
        fs::write(&db, vec![7u8; 8192]).unwrap();
        seal(&db, None);
        let first = fs::read(seal_path(&db)).unwrap();
        let opened = intact(&db);
        assert!(opened.is_some());
        break_seal(&db);
        seal(&db, opened.as_ref());
        assert_eq!(fs::read(seal_path(&db)).unwrap(), first);
        // A session that wrote: a new seal, for the new file.
        let opened = intact(&db);
        break_seal(&db);
        fs::write(&db, vec![8u8; 8192]).unwrap();
        seal(&db, opened.as_ref());
        assert_ne!(fs::read(seal_path(&db)).unwrap(), first);
        assert!(is_intact(&db));
    }
}
