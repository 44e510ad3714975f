//! A full disk: on a 2 MiB tmpfs the write that does not fit returns a clear
//! error, nothing acknowledged is lost, and the database stays intact. Needs
//! permission to mount (root in CI); skips itself, saying so, without it.

use std::path::{Path, PathBuf};
use std::process::Command;

use trellis_core::backup;
use trellis_core::db::DB_FILE;
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::{Db, ErrorKind};

use crate::util::*;

/// A mounted tmpfs, unmounted when dropped (also when the test fails).
struct Tmpfs {
    path: PathBuf,
    _parent: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let parent = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = parent.path().join("small-disk");
        std::fs::create_dir(&path).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs {
            path,
            _parent: parent,
        })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

fn fill(path: &Path, bytes: usize) {
    std::fs::write(path, vec![0u8; bytes]).unwrap();
}

#[test]
fn a_full_disk_refuses_the_write_that_does_not_fit_and_loses_nothing() {
    let disk = match Tmpfs::mount("2m") {
        Ok(d) => d,
        Err(why) => {
            eprintln!("SKIPPED a_full_disk_…: cannot mount a 2 MiB tmpfs here ({why})");
            return;
        }
    };
    let dir = disk.path.join("data");
    let db = Db::open_data_dir(&dir).unwrap();
    let p = add_pair(&db, "Ada");
    // Room to free later, to show that writing works again.
    let ballast = disk.path.join("ballast");
    fill(&ballast, 256 * 1024);

    let body = "a paragraph someone cared about. ".repeat(600); // ~20 KB
    let mut acked = Vec::new();
    let failure = loop {
        match note::add(
            &db,
            p.id,
            note(
                &format!("{} {body}", acked.len()),
                Visibility::Private,
                Attachment::None,
            ),
        ) {
            Ok(n) => acked.push(n.id),
            Err(e) => break e,
        }
        assert!(acked.len() < 500, "a 2 MiB disk never filled up");
    };
    assert!(acked.len() > 10, "only {} notes fitted", acked.len());
    assert_eq!(failure.kind(), ErrorKind::Storage);
    let msg = failure.to_string();
    assert!(msg.contains("disk is full"), "{msg}");
    assert!(msg.contains("not saved"), "{msg}");
    // The same handle still reads everything it acknowledged.
    for id in &acked {
        note::get(&db, *id).unwrap();
    }
    drop(db);

    // Reopening on the full disk works; the daily backup cannot be made and says why.
    let db = Db::open_data_dir(&dir).unwrap();
    let warning = backup::daily(&db).err().map(|e| e.to_string());
    for id in &acked {
        note::get(&db, *id).unwrap();
    }
    assert_eq!(super::integrity_check(&dir.join(DB_FILE)), ["ok"]);
    super::search_index_check(&dir.join(DB_FILE));
    let leftovers: Vec<String> = super::files_in(&backup::dir(&dir))
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert_eq!(
        leftovers,
        Vec::<String>::new(),
        "a failed backup left its temporary file"
    );
    if let Some(w) = &warning {
        assert!(w.contains("no room on the disk for a backup"), "{w}");
    }

    // Free some space: writing works again.
    std::fs::remove_file(&ballast).unwrap();
    note::add(
        &db,
        p.id,
        note("after freeing space", Visibility::Shared, Attachment::None),
    )
    .unwrap();
    drop(db);
    assert_eq!(super::integrity_check(&dir.join(DB_FILE)), ["ok"]);
    eprintln!(
        "disk full: {} notes acknowledged before the disk filled; all present; backup at open: {}",
        acked.len(),
        warning.as_deref().unwrap_or("made")
    );
}
