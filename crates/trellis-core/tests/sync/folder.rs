//! Sync through a shared folder (issue 13): two data dirs keep one pair in
//! step through a third folder, each writing only its own file there; a
//! file altered or planted in the folder is refused and changes nothing;
//! the live database never goes into a synced folder.

use std::path::Path;

use trellis_core::goal::{self, NewGoal};
use trellis_core::id::PairId;
use trellis_core::pair::Pair;
use trellis_core::{sync, Db, ErrorKind};

use super::{digest, join};
use crate::util::*;

fn goal(db: &Db, pair: PairId, title: &str) {
    goal::add(
        db,
        pair,
        NewGoal {
            title: title.into(),
            ..NewGoal::default()
        },
    )
    .unwrap();
}

/// Two data dirs (files, as the app keeps them) sharing a pair, both with
/// the same shared folder chosen.
struct Folder {
    a: Db,
    b: Db,
    pair: PairId,
    shared: tempfile::TempDir,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

fn paired_through_a_folder() -> Folder {
    let (da, db_) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Db::open_data_dir(da.path()).unwrap();
    let b = Db::open_data_dir(db_.path()).unwrap();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    join(&a, &b, p.id);
    let shared = tempfile::tempdir().unwrap();
    sync::set_folder(&a, p.id, shared.path()).unwrap();
    sync::set_folder(&b, p.id, shared.path()).unwrap();
    Folder {
        a,
        b,
        pair: p.id,
        shared,
        _dirs: (da, db_),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn two_data_dirs_stay_in_step_through_a_shared_folder_each_writing_only_its_own_file() {
    let f = paired_through_a_folder();
    goal(&f.a, f.pair, "Written on A");
    let first = sync::sync_folder(&f.a, f.pair).unwrap();
    assert!(
        first.imported.is_none() && first.refused.is_none(),
        "{first:?}"
    );
    assert!(first.written.is_some());
    let got = sync::sync_folder(&f.b, f.pair).unwrap();
    assert!(got.imported.as_ref().unwrap().inserted > 0, "{got:?}");
    goal(&f.b, f.pair, "Written on B");
    sync::sync_folder(&f.b, f.pair).unwrap();
    let back = sync::sync_folder(&f.a, f.pair).unwrap();
    assert!(back.imported.unwrap().inserted > 0);
    assert_eq!(digest(&f.a, f.pair), digest(&f.b, f.pair));
    // Two files, one per side, whose names say nothing about the pair.
    let a_file = sync::folder(&f.a, f.pair).unwrap().unwrap();
    let b_file = sync::folder(&f.b, f.pair).unwrap().unwrap();
    assert_eq!(a_file.my_file, b_file.partner_file);
    assert_eq!(a_file.partner_file, b_file.my_file);
    let files = names(f.shared.path());
    assert_eq!(files.len(), 2, "{files:?}");
    for n in &files {
        assert!(!n.contains(&f.pair.to_string()), "{n}");
        assert!(!n.to_lowercase().contains("morgan") && !n.to_lowercase().contains("ada"));
    }
    // The same names every time: an exchange replaces, never adds.
    sync::sync_folder(&f.a, f.pair).unwrap();
    sync::sync_folder(&f.b, f.pair).unwrap();
    assert_eq!(names(f.shared.path()), files);
    let st = sync::status(&f.a, f.pair).unwrap();
    let shown = st.folder.unwrap();
    assert!(shown.last_sync_at.is_some() && shown.last_error.is_none());
}

#[test]
fn an_altered_file_in_the_shared_folder_is_refused_and_changes_nothing() {
    let f = paired_through_a_folder();
    goal(&f.a, f.pair, "Written on A");
    sync::sync_folder(&f.a, f.pair).unwrap();
    let theirs = sync::folder(&f.b, f.pair).unwrap().unwrap().partner_file;
    let path = f.shared.path().join(&theirs);
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    let before = digest(&f.b, f.pair);
    let goals = count(&f.b, "goal");
    let r = sync::sync_folder(&f.b, f.pair).unwrap();
    assert!(r.imported.is_none());
    assert!(r.refused.is_some(), "{r:?}");
    assert_eq!(
        digest(&f.b, f.pair),
        before,
        "an altered file changed the pair"
    );
    assert_eq!(count(&f.b, "goal"), goals);
    assert_eq!(
        r.refused.as_ref().map(|e| e.code),
        Some(trellis_core::ErrorCode::FileAltered)
    );
    // The refusal is kept as the error a program reads, so the window words
    // it in its language when the pair's sync is shown again.
    let shown = sync::folder(&f.b, f.pair).unwrap().unwrap();
    assert_eq!(shown.last_error, r.refused, "the refusal is shown");
}

#[test]
fn a_failure_kept_by_an_older_version_reads_as_its_words() {
    let f = paired_through_a_folder();
    f.b.write(|c| {
        c.execute(
            "UPDATE sync_folder SET last_error = 'the folder /x is not there' WHERE pair_id = ?1",
            [f.pair],
        )?;
        Ok(())
    })
    .unwrap();
    let e = sync::folder(&f.b, f.pair)
        .unwrap()
        .unwrap()
        .last_error
        .unwrap();
    assert_eq!(e.code, trellis_core::ErrorCode::Io);
    assert_eq!(
        e.params.get("detail").map(String::as_str),
        Some("the folder /x is not there")
    );
}

#[test]
fn a_file_planted_under_the_partners_name_by_someone_else_is_refused() {
    // A third installation with a pair of its own writes its update file
    // under the name the partner's file has.
    let f = paired_through_a_folder();
    let (x, y) = (db(), db());
    let other: Pair = add_pair(&x, "Someone");
    join(&x, &y, other.id);
    let theirs = sync::folder(&f.b, f.pair).unwrap().unwrap().partner_file;
    std::fs::write(
        f.shared.path().join(&theirs),
        sync::export(&x, other.id).unwrap(),
    )
    .unwrap();
    let before = digest(&f.b, f.pair);
    let r = sync::sync_folder(&f.b, f.pair).unwrap();
    assert!(r.refused.is_some() && r.imported.is_none(), "{r:?}");
    assert_eq!(digest(&f.b, f.pair), before);
}

#[test]
fn the_shared_folder_cannot_be_the_data_folder_or_hold_it_or_be_inside_it() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let a = Db::open_data_dir(&data).unwrap();
    let b = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    join(&a, &b, p.id);
    let inside = data.join("shared");
    std::fs::create_dir(&inside).unwrap();
    let before = snapshot(&a);
    for dir in [data.clone(), root.path().to_path_buf(), inside] {
        let e = err(sync::set_folder(&a, p.id, &dir));
        assert_eq!(e.kind(), ErrorKind::Invalid, "{}: {e}", dir.display());
        assert!(e.to_string().contains("data folder"), "{e}");
    }
    let e = err(sync::set_folder(&a, p.id, &root.path().join("missing")));
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert_eq!(snapshot(&a), before);
    assert!(sync::folder(&a, p.id).unwrap().is_none());
}

#[test]
fn a_pair_not_paired_yet_cannot_choose_a_shared_folder() {
    let a = db();
    let p: Pair = add_pair(&a, "Morgan Mentor");
    let shared = tempfile::tempdir().unwrap();
    let e = refused(&a, ErrorKind::Conflict, || {
        sync::set_folder(&a, p.id, shared.path())
    });
    assert!(e.to_string().contains("not shared yet"), "{e}");
}

#[test]
fn clearing_the_folder_stops_the_exchange_and_leaves_the_files() {
    let f = paired_through_a_folder();
    sync::sync_folder(&f.a, f.pair).unwrap();
    sync::clear_folder(&f.a, f.pair).unwrap();
    assert!(sync::folder(&f.a, f.pair).unwrap().is_none());
    assert!(sync::sync_folders(&f.a).unwrap().is_empty());
    let e = err(sync::sync_folder(&f.a, f.pair));
    assert_eq!(e.kind(), ErrorKind::Conflict);
    assert_eq!(names(f.shared.path()).len(), 1);
}

#[test]
fn a_watcher_learns_which_pair_a_changed_file_is_the_partner_file_of() {
    let f = paired_through_a_folder();
    let on_b = sync::folder(&f.b, f.pair).unwrap().unwrap();
    let theirs = f.shared.path().join(&on_b.partner_file);
    let mine = f.shared.path().join(&on_b.my_file);
    assert_eq!(
        sync::pair_of_partner_file(&f.b, &theirs).unwrap(),
        Some(f.pair)
    );
    assert_eq!(sync::pair_of_partner_file(&f.b, &mine).unwrap(), None);
    let elsewhere = tempfile::tempdir().unwrap();
    assert_eq!(
        sync::pair_of_partner_file(&f.b, &elsewhere.path().join(&on_b.partner_file)).unwrap(),
        None
    );
}

#[test]
fn a_data_folder_inside_a_nextcloud_or_syncthing_folder_is_warned_about() {
    for marker in [".nextcloud", ".owncloudsync.log", ".stfolder", ".dropbox"] {
        let root = tempfile::tempdir().unwrap();
        let p = root.path().join(marker);
        if marker.ends_with(".log") {
            std::fs::write(&p, "").unwrap();
        } else {
            std::fs::create_dir(&p).unwrap();
        }
        let data = root.path().join("trellis");
        std::fs::create_dir(&data).unwrap();
        assert!(
            sync::synced_folder_warning(&data).is_some(),
            "{marker} not noticed"
        );
    }
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("Syncthing").join("trellis");
    std::fs::create_dir_all(&data).unwrap();
    assert!(sync::synced_folder_warning(&data).is_some());
    let plain = tempfile::tempdir().unwrap();
    assert!(sync::synced_folder_warning(plain.path()).is_none());
}
