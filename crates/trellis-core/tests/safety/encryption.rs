//! Issue 14, encryption at rest, from the side of someone who has the files
//! but not the passphrase (a stolen laptop, a backup copied to a USB stick):
//! with encryption on, a private note's text is in no file under the data
//! folder in any form; a copied backup does not open; a wrong passphrase is a
//! clear error and changes nothing; and turning encryption on or off,
//! interrupted at any moment by a kill, loses nothing.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use rusqlite::Connection;
use trellis_core::encryption::{self, Key, KeyStore, MemoryKeyStore, NoKeyStore};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::{backup, pair, Db, ErrorKind};

use crate::util::*;

const PASS: &str = "correct horse battery staple";
/// Mixed case on purpose: searched as typed, in lower case (the full-text
/// index folds it) and in base64 (as a sync body or JSON blob might hold it).
const CANARY: &str = "ZqxSecretCanary5521";

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in bytes.chunks(3) {
        let n = c
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=c.len() {
            s.push(char::from(A[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    s
}

/// The files under `dir` that hold the canary in any of its forms.
fn traces(dir: &Path) -> Vec<String> {
    // The base64 of the canary at each of the three alignments, without the
    // characters that depend on its neighbours.
    let mut forms = vec![CANARY.to_string(), CANARY.to_lowercase()];
    for pad in 0..3 {
        let shifted = format!("{}{CANARY}", "x".repeat(pad));
        let b = base64(shifted.as_bytes());
        forms.push(b[(pad * 4).div_ceil(3) + 1..b.len() - 2].to_string());
    }
    files_under(dir)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let lower = bytes.to_ascii_lowercase();
            let hit = forms.iter().find(|f| {
                let hay = if f.chars().any(|c| c.is_ascii_uppercase()) {
                    &bytes
                } else {
                    &lower
                };
                hay.windows(f.len()).any(|w| w == f.as_bytes())
            })?;
            Some(format!(
                "{} ({hit})",
                p.strip_prefix(dir).unwrap().display()
            ))
        })
        .collect()
}

fn hashes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// A data dir with a pair, a private note holding the canary, and a backup.
fn plain_data_dir(dir: &Path) {
    let db = Db::open_data_dir(dir).unwrap();
    let p = add_pair(&db, "Morgan Mentor");
    note::add(
        &db,
        p.id,
        note(
            &format!("I still find {CANARY} confusing"),
            Visibility::Private,
            Attachment::None,
        ),
    )
    .unwrap();
    backup::now(&db).unwrap();
}

fn unlock(dir: &Path) -> Key {
    encryption::unlock(dir, &NoKeyStore, Some(PASS), false)
        .unwrap()
        .unwrap()
}

#[test]
fn with_encryption_on_a_private_note_is_in_no_file_under_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    assert!(
        !traces(&dir).is_empty(),
        "the canary should be readable in the plain files (else this test proves nothing)"
    );
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();

    // Open and write more, with the app still open: its WAL and shared
    // memory file are on disk, and a daily and a manual backup are made.
    let key = unlock(&dir);
    let db = Db::open_data_dir_with(&dir, Some(&key)).unwrap();
    let p = pair::list(&db).unwrap()[0].id;
    note::add(
        &db,
        p,
        note(
            &format!("second {CANARY}"),
            Visibility::Private,
            Attachment::None,
        ),
    )
    .unwrap();
    backup::now(&db).unwrap();
    backup::daily_at(&db, trellis_core::time::now() + chrono::Duration::days(1)).unwrap();
    assert!(dir.join("trellis.db-wal").exists());
    assert_eq!(traces(&dir), Vec::<String>::new());
    assert!(backup::list(&dir).unwrap().len() >= 3);
    // And the notes are all there, searchable.
    assert_eq!(
        trellis_core::search::query(&db, &CANARY.to_lowercase(), 10)
            .unwrap()
            .len(),
        2
    );
    drop(db);
    assert_eq!(traces(&dir), Vec::<String>::new());
}

/// Leave `copy` (a plain database) under the name of a temporary file a
/// killed Trellis leaves (`encryption off` rewriting a file, a restore, a
/// backup), with the journal it was being written with.
fn leave_temp(folder: &Path, name: &str, copy: &[u8]) {
    std::fs::write(folder.join(format!(".trellis-{name}.tmp")), copy).unwrap();
    std::fs::write(folder.join(format!(".trellis-{name}.tmp-journal")), copy).unwrap();
}

#[test]
fn a_plain_copy_left_by_a_killed_trellis_does_not_outlive_encryption() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    let newest = backup::list(&dir).unwrap().remove(0).name;
    let copy = std::fs::read(backup::dir(&dir).join(newest)).unwrap();
    // Left before encryption is turned on (a killed restore or backup).
    leave_temp(&dir, "Rst0re", &copy);
    leave_temp(&backup::dir(&dir), "Bckup1", &copy);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    assert_eq!(traces(&dir), Vec::<String>::new());

    // Left after (an `encryption off` killed while it rewrote a file): gone
    // at the next open with the key, which finishes the interrupted change.
    leave_temp(&dir, "0ffDb1", &copy);
    leave_temp(&backup::dir(&dir), "0ffBk2", &copy);
    assert_eq!(traces(&dir).len(), 4, "{:?}", traces(&dir));
    let db = Db::open_data_dir_with(&dir, Some(&unlock(&dir))).unwrap();
    assert_eq!(traces(&dir), Vec::<String>::new());
    assert_eq!(count(&db, "note"), 1);
}

#[test]
fn a_copied_backup_does_not_open_without_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    let b = &backup::list(&dir).unwrap()[0];
    let stick = tmp.path().join("usb-stick.db");
    std::fs::copy(backup::dir(&dir).join(&b.name), &stick).unwrap();

    let c = Connection::open(&stick).unwrap();
    let read = c.query_row("SELECT count(*) FROM note", [], |r| r.get::<_, i64>(0));
    let e = read.unwrap_err();
    assert_eq!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase),
        "{e}"
    );
    drop(c);
    assert!(Db::open(&stick).is_err());
    // With the key it is a sound copy of the data.
    let key = unlock(&dir);
    let db = Db::open_with(&stick, Some(&key)).unwrap();
    assert_eq!(count(&db, "note"), 1);
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    let before = hashes(&dir);
    let wrong = "correct horse battery stapler";
    for e in [
        encryption::unlock(&dir, &NoKeyStore, Some(wrong), false).unwrap_err(),
        encryption::turn_off(&dir, &NoKeyStore, Some(wrong)).unwrap_err(),
        encryption::change_passphrase(&dir, wrong, "a new passphrase", &NoKeyStore, false)
            .unwrap_err(),
    ] {
        assert_eq!(e.kind(), ErrorKind::Invalid, "{e}");
        assert!(e.to_string().contains("not the passphrase"), "{e}");
    }
    assert_eq!(hashes(&dir), before, "a wrong passphrase changed a file");
    // Without any passphrase: locked, not a damaged database.
    assert_eq!(
        Db::open_data_dir(&dir).unwrap_err().kind(),
        ErrorKind::Locked
    );
    assert_eq!(
        encryption::unlock(&dir, &NoKeyStore, None, false)
            .unwrap_err()
            .kind(),
        ErrorKind::Locked
    );
    assert_eq!(hashes(&dir), before);
}

#[test]
fn encryption_is_not_turned_on_under_a_trellis_that_has_the_data_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    let open = Db::open_data_dir(&dir).unwrap();
    let before = hashes(&dir);
    let e = encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
    assert!(e.to_string().contains("close it"), "{e}");
    assert!(!encryption::is_encrypted(&dir));
    assert_eq!(hashes(&dir), before);
    drop(open);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
}

#[test]
fn changing_the_passphrase_keeps_the_data_and_retires_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    let db_before = std::fs::read(dir.join("trellis.db")).unwrap();
    encryption::change_passphrase(&dir, PASS, "a brand new passphrase", &NoKeyStore, false)
        .unwrap();
    // Only the header changed: the database file is untouched.
    assert_eq!(std::fs::read(dir.join("trellis.db")).unwrap(), db_before);
    assert!(encryption::unlock(&dir, &NoKeyStore, Some(PASS), false).is_err());
    let key = encryption::unlock(&dir, &NoKeyStore, Some("a brand new passphrase"), false)
        .unwrap()
        .unwrap();
    let db = Db::open_data_dir_with(&dir, Some(&key)).unwrap();
    assert_eq!(count(&db, "note"), 1);
}

/// The desktop's keyring on a headless machine (no D-Bus session, as seen
/// from `trellis` over SSH): it holds nothing, and writing to it fails.
#[derive(Debug)]
struct UnreachableKeyring;

impl KeyStore for UnreachableKeyring {
    fn get(&self, _: &str) -> trellis_core::Result<Option<Key>> {
        Ok(None)
    }
    fn set(&self, _: &str, _: &Key) -> trellis_core::Result<()> {
        Err(no_dbus())
    }
    fn delete(&self, _: &str) -> trellis_core::Result<()> {
        Err(no_dbus())
    }
}

fn no_dbus() -> trellis_core::Error {
    trellis_core::Error::Conflict(trellis_core::Clash::KeyringFailed {
        detail: "no D-Bus session".into(),
    })
}

#[test]
fn without_a_keyring_changing_the_passphrase_and_turning_off_succeed_and_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &UnreachableKeyring, false).unwrap();
    // Asking to remember the key where no keyring answers changes nothing.
    let header = std::fs::read_to_string(dir.join(encryption::HEADER_FILE)).unwrap();
    let e = encryption::change_passphrase(
        &dir,
        PASS,
        "a brand new passphrase",
        &UnreachableKeyring,
        true,
    )
    .unwrap_err();
    assert!(e.to_string().contains("keyring"), "{e}");
    assert_eq!(
        std::fs::read_to_string(dir.join(encryption::HEADER_FILE)).unwrap(),
        header
    );
    unlock(&dir);
    // Without --remember there is nothing to forget: the change is made and
    // reported as made (not an error after the header was rewritten).
    encryption::change_passphrase(
        &dir,
        PASS,
        "a brand new passphrase",
        &UnreachableKeyring,
        false,
    )
    .unwrap();
    assert!(encryption::unlock(&dir, &NoKeyStore, Some(PASS), false).is_err());
    encryption::turn_off(&dir, &UnreachableKeyring, Some("a brand new passphrase")).unwrap();
    assert!(!encryption::is_encrypted(&dir));
    assert_eq!(count(&Db::open_data_dir(&dir).unwrap(), "note"), 1);
}

#[test]
fn the_keyring_remembers_the_key_and_turning_off_forgets_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    let keyring = MemoryKeyStore::default();
    encryption::turn_on(&dir, PASS, &keyring, true).unwrap();
    let s = encryption::status(&dir, &keyring).unwrap();
    assert!(s.encrypted && s.in_keyring);
    // No passphrase needed while the keyring holds the key.
    let key = encryption::unlock(&dir, &keyring, None, false)
        .unwrap()
        .unwrap();
    drop(Db::open_data_dir_with(&dir, Some(&key)).unwrap());
    encryption::turn_off(&dir, &keyring, None).unwrap();
    // The schema came back whole (tables, indexes, triggers, the full-text
    // index and its shadow tables) through two `sqlcipher_export`s.
    let schema = |db: &Db| -> Vec<(String, String, Option<String>)> {
        db.read(|c| {
            let mut st = c.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap()
    };
    let fresh = tempfile::tempdir().unwrap();
    let expected = schema(&Db::open_data_dir(fresh.path()).unwrap());
    let s = encryption::status(&dir, &keyring).unwrap();
    assert!(!s.encrypted && !s.in_keyring);
    // Every file is plain again, and the data is whole.
    let db = Db::open_data_dir(&dir).unwrap();
    assert_eq!(count(&db, "note"), 1);
    assert_eq!(schema(&db), expected);
    db.read(|c| {
        c.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    assert!(!traces(&dir).is_empty());
    for b in backup::list(&dir).unwrap() {
        let c = Connection::open(backup::dir(&dir).join(&b.name)).unwrap();
        let n: i64 = c
            .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "{}", b.name);
    }
}

#[test]
fn an_encrypted_backup_restores_with_the_key_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    let key = unlock(&dir);
    let name = {
        let db = Db::open_data_dir_with(&dir, Some(&key)).unwrap();
        let b = backup::now(&db).unwrap();
        let p = pair::list(&db).unwrap()[0].id;
        note::add(
            &db,
            p,
            note(
                "written after the backup",
                Visibility::Private,
                Attachment::None,
            ),
        )
        .unwrap();
        assert_eq!(count(&db, "note"), 2);
        b.name
    };
    let before = hashes(&dir);
    assert_eq!(
        backup::restore(&dir, &name).unwrap_err().kind(),
        ErrorKind::Locked
    );
    assert_eq!(hashes(&dir), before);
    let restored = backup::restore_with(&dir, &name, Some(&key)).unwrap();
    assert!(restored.saved_current.is_some());
    let db = Db::open_data_dir_with(&dir, Some(&key)).unwrap();
    assert_eq!(count(&db, "note"), 1);
    drop(db);
    assert_eq!(traces(&dir), Vec::<String>::new());
}

#[test]
fn a_file_left_plain_by_an_interruption_is_encrypted_at_the_next_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    encryption::turn_on(&dir, PASS, &NoKeyStore, false).unwrap();
    // As if `off` had been killed after decrypting one backup: a plain copy
    // of the data beside the encrypted files, the header still there.
    let plain = tempfile::tempdir().unwrap();
    plain_data_dir(plain.path());
    let b = &backup::list(plain.path()).unwrap()[0];
    std::fs::copy(
        backup::dir(plain.path()).join(&b.name),
        backup::dir(&dir).join(&b.name),
    )
    .unwrap();
    assert!(!traces(&dir).is_empty());
    let key = unlock(&dir);
    drop(Db::open_data_dir_with(&dir, Some(&key)).unwrap());
    assert_eq!(traces(&dir), Vec::<String>::new());
    assert!(backup::restore_with(&dir, &b.name, Some(&key)).is_ok());
}

/// Turning encryption on and off over and over in a child process, killed
/// at a random moment: afterwards the data dir opens (with the passphrase
/// when its header says it is encrypted), every note is there, every
/// database file passes its check, and an encrypted data dir holds no plain
/// text.
#[test]
fn turning_encryption_on_and_off_survives_a_kill_at_a_random_moment() {
    const CHILD: &str = env!("CARGO_BIN_EXE_crash_child");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    plain_data_dir(&dir);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(7);
    eprintln!("encryption crash trials, seed {seed}");
    let mut r = u64::from(seed) | 1;
    for trial in 0..3 {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        let mut child = Command::new(CHILD)
            .arg(&dir)
            .arg("--toggle-encryption")
            .env(encryption::PASSPHRASE_ENV, PASS)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let acks = 1 + (r % 3) as usize;
        for _ in 0..acks {
            let line = lines.next().unwrap().unwrap();
            assert!(["ready", "on", "off"].contains(&line.as_str()), "{line}");
        }
        // Somewhere inside the next toggle (backup, header, re-encryption).
        std::thread::sleep(Duration::from_micros(r % 150_000));
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            let _ = std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err);
            panic!("the child exited by itself ({status}): {err}");
        }
        child.kill().unwrap();
        child.wait().unwrap();

        let how = format!("trial {trial}, seed {seed}");
        let key = encryption::unlock(&dir, &NoKeyStore, Some(PASS), false)
            .unwrap_or_else(|e| panic!("{how}: {e}"));
        let db =
            Db::open_data_dir_with(&dir, key.as_ref()).unwrap_or_else(|e| panic!("{how}: {e}"));
        assert_eq!(count(&db, "note"), 1, "{how}");
        drop(db);
        for b in backup::list(&dir).unwrap() {
            encryption::check_file(&backup::dir(&dir).join(&b.name), key.as_ref())
                .unwrap_or_else(|e| panic!("{how}: backup {}: {e}", b.name));
        }
        if key.is_some() {
            assert_eq!(traces(&dir), Vec::<String>::new(), "{how}");
        }
    }
}
