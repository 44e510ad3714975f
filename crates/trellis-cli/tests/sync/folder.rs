//! `trellis sync folder set|clear|now` (issue 13): two data dirs in step
//! through a shared folder; the data folder itself is refused.

use super::{arr, paired, s};

#[test]
fn two_data_dirs_exchange_through_a_shared_folder() {
    let (a, b, pair) = paired();
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path().to_str().unwrap();
    let set = a.json(&["sync", "folder", "set", "--pair", &pair, dir]);
    assert!(s(&set["myFile"]).ends_with(".mentee.trellis-sync"));
    b.json(&["sync", "folder", "set", "--pair", &pair, dir]);
    a.json(&[
        "goal",
        "add",
        "--pair",
        &pair,
        "--title",
        "Through the folder",
    ]);
    let out = a.json(&["sync", "folder", "now"]);
    assert_eq!(arr(&out).len(), 1);
    let got = b.json(&["sync", "folder", "now", "--pair", &pair]);
    assert!(
        got[0]["imported"]["inserted"].as_i64().unwrap() > 0,
        "{got}"
    );
    let goals = b.ok(&["goal", "list", "--pair", &pair]);
    assert!(goals.contains("Through the folder"), "{goals}");
    let text = b.ok(&["sync", "status", "--pair", &pair]);
    assert!(text.contains("Shared folder: "), "{text}");
    b.json(&["sync", "folder", "clear", "--pair", &pair]);
    let none = b.ok(&["sync", "folder", "now"]);
    assert!(none.contains("No pair has a shared folder"), "{none}");
}

#[test]
fn the_data_folder_is_refused_as_a_shared_folder() {
    let (a, _b, pair) = paired();
    let err = a.refused(&[
        "sync",
        "folder",
        "set",
        "--pair",
        &pair,
        a.root().to_str().unwrap(),
    ]);
    assert!(err.contains("data folder"), "{err}");
}
