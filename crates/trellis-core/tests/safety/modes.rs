//! Issue 14, from the side of another account on the same machine, while
//! Trellis runs: under the usual umask 022, the data folder and everything
//! in it — the database with its WAL and shared memory while they exist,
//! backups, the encryption header, files being rewritten — are its owner's
//! only (0700 folders, 0600 files). The CLI's test checks what each command
//! leaves behind; this one looks while a Trellis is at work.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use trellis_core::encryption;

const CHILD: &str = env!("CARGO_BIN_EXE_crash_child");

/// The crash harness's child under `umask 022`, as a login shell leaves it.
fn child_with_umask_022(dir: &Path, args: &[&str]) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(CHILD)
        .arg(dir)
        .args(args)
        .env(encryption::PASSPHRASE_ENV, "correct horse battery staple")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every folder and file under `dir`, itself included, with its mode;
/// a file gone between listing and looking is skipped.
fn modes_under(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(p) = todo.pop() {
        let Ok(m) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if m.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                todo.extend(entries.flatten().map(|e| e.path()));
            }
        }
        out.push((p, m.permissions().mode() & 0o777));
    }
    out.sort();
    out
}

/// What another account could read or list (each path and mode once).
fn open_to_others(seen: &[(PathBuf, u32)]) -> Vec<String> {
    let open: std::collections::BTreeSet<String> = seen
        .iter()
        .filter(|(p, m)| *m != if p.is_dir() { 0o700 } else { 0o600 })
        .map(|(p, m)| format!("{} {m:o}", p.display()))
        .collect();
    open.into_iter().collect()
}

fn names(seen: &[(PathBuf, u32)]) -> Vec<String> {
    seen.iter()
        .filter_map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect()
}

#[test]
fn with_umask_022_a_running_trellis_keeps_every_file_to_its_owner() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut child = child_with_umask_022(&dir, &[]);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Writes go on (and the day's backup is made) while we look.
    let mut seen = Vec::new();
    for _ in 0..60 {
        lines.next().unwrap().unwrap();
        seen.extend(modes_under(&dir));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let all = names(&seen);
    for expected in ["trellis.db", "trellis.db-wal", "trellis.db-shm", "backups"] {
        assert!(all.iter().any(|n| n == expected), "{expected} in {all:?}");
    }
    assert_eq!(open_to_others(&seen), Vec::<String>::new());

    // Encryption turned on and off again and again: the header and every
    // rewritten file too.
    let mut child = child_with_umask_022(&dir, &["--toggle-encryption"]);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    for _ in 0..4 {
        lines.next().unwrap().unwrap();
        seen.extend(modes_under(&dir));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    seen.extend(modes_under(&dir));
    let all = names(&seen);
    assert!(all.iter().any(|n| n == encryption::HEADER_FILE), "{all:?}");
    assert_eq!(open_to_others(&seen), Vec::<String>::new());
}
