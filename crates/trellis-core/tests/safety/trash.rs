//! Issue 14, from the side of someone who reads every file under the data
//! folder (a copied backup, another account, a stolen laptop): once a note
//! is deleted permanently its text is in no file — not the database, its
//! WAL, the full-text index, the sync conflict history, a draft, nor any
//! backup — and every backup stays verified and restorable.

use std::path::Path;

use trellis_core::backup;
use trellis_core::draft;
use trellis_core::note::{self, Attachment, NotePatch, Visibility};
use trellis_core::{sync, trash, Db};

use crate::util::*;

/// Lower case on purpose: the full-text index stores words folded to lower
/// case, the note table as typed. Both must go.
const CANARY: &str = "zqxcanary9913";

/// The files under `dir` that hold the canary, and how often.
fn traces(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).unwrap().to_ascii_lowercase();
            let hits = bytes
                .windows(CANARY.len())
                .filter(|w| *w == CANARY.as_bytes())
                .count();
            (hits > 0).then(|| format!("{}: {hits}×", p.strip_prefix(dir).unwrap().display()))
        })
        .collect()
}

fn edit_body(db: &Db, n: &note::Note, body: &str) {
    note::edit(
        db,
        n.id,
        NotePatch {
            body: Some(body.into()),
            ..NotePatch::default()
        },
    )
    .unwrap();
}

#[test]
fn a_permanently_deleted_note_is_in_no_file_under_the_data_folder_and_backups_stay_restorable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let a = Db::open_data_dir(&dir).unwrap();
    let p = add_pair(&a, "Morgan Mentor");
    let b = db();
    crate::sync::join(&a, &b, p.id);

    // Typed through quick capture (a draft saved per keystroke), published
    // as a shared note, then edited on both machines at once: the version
    // that lost is kept in the conflict history.
    let mut typed = String::new();
    for word in ["Gerrit", "still", "confuses", "me", CANARY] {
        typed.push_str(word);
        typed.push(' ');
        draft::save(&a, p.id, &typed, Visibility::Shared).unwrap();
    }
    let n = draft::publish(&a, p.id, Attachment::None).unwrap();
    for i in 0..20 {
        let body = format!("ordinary note {i}");
        note::add(&a, p.id, note(&body, Visibility::Shared, Attachment::None)).unwrap();
    }
    sync::import(&b, &sync::export(&a, p.id).unwrap()).unwrap();
    edit_body(&a, &n, &format!("{typed} (mine)"));
    let start = trellis_core::time::now().timestamp_millis();
    while trellis_core::time::now().timestamp_millis() < start + 2 {
        std::hint::spin_loop();
    }
    edit_body(&b, &n, &format!("{typed} (theirs)"));
    let imported = sync::import(&a, &sync::export(&b, p.id).unwrap()).unwrap();
    assert_eq!(imported.new_conflicts, 1);
    backup::now(&a).unwrap();
    backup::daily_at(&a, trellis_core::time::now())
        .unwrap()
        .unwrap();
    assert!(
        traces(&dir).len() >= 3,
        "the canary should be in the database and both backups first (else this test proves nothing): {:?}",
        traces(&dir)
    );

    // Deleted: in the Trash, restorable, still on this machine.
    let trashed = note::delete(&a, n.id).unwrap();
    assert!(trash::list(&a, p.id)
        .unwrap()
        .iter()
        .any(|t| t.id == trashed.id && t.label.contains(CANARY)));
    assert!(!traces(&dir).is_empty());

    // A Trellis killed an hour ago while it restored a backup, and another
    // while it rewrote one, left their copies (with their logs) behind.
    let newest = backup::list(&dir).unwrap().remove(0).name;
    for (folder, name) in [
        (dir.clone(), ".trellis-Rst0re.tmp"),
        (backup::dir(&dir), ".trellis-Fg3tBk.tmp"),
        (backup::dir(&dir), ".trellis-Fg3tBk.tmp-wal"),
    ] {
        let left = folder.join(name);
        std::fs::copy(backup::dir(&dir).join(&newest), &left).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&left)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
            .unwrap();
    }

    // Deleted permanently: gone from every file, while the app stays open.
    let purged = trash::purge(&a, trashed.id).unwrap();
    assert_eq!(purged.backups_rewritten, 2);
    assert_eq!(traces(&dir), Vec::<String>::new());
    assert!(trash::list(&a, p.id).unwrap().is_empty());
    assert_eq!(note::list(&a, p.id).unwrap().len(), 20);
    drop(a);
    assert_eq!(traces(&dir), Vec::<String>::new());

    // Each backup is still whole, and restores to the other notes.
    let made = backup::list(&dir).unwrap();
    assert_eq!(made.len(), 2);
    for bk in made {
        backup::restore(&dir, &bk.name).unwrap();
        let again = Db::open_data_dir(&dir).unwrap();
        assert_eq!(note::list(&again, p.id).unwrap().len(), 20, "{}", bk.name);
        drop(again);
        assert_eq!(
            traces(&dir),
            Vec::<String>::new(),
            "after restoring {}",
            bk.name
        );
    }
}
