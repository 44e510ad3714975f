//! A damaged database at start: the window still opens, every domain command
//! answers with a `storage` error and writes nothing, and restoring a backup
//! brings the data back without a restart.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{Manager, WebviewWindow};
use trellis_desktop_lib::AppState;

use crate::util::{invoke, mock_app, window};

fn add_pair(w: &WebviewWindow<MockRuntime>, partner: &str) -> Value {
    invoke(
        w,
        "add_pair",
        json!({ "input": {
            "myRole": "mentee",
            "partnerName": partner,
            "programId": "openstack-mentoring",
            "cohortId": "first-patch",
            "matchDate": "2026-09-01",
            "myTz": "Europe/Berlin",
            "partnerTz": "America/Chicago",
            "cadenceDays": 14,
            "ownCriteria": []
        }}),
    )
    .unwrap()
}

fn partners(w: &WebviewWindow<MockRuntime>) -> Vec<String> {
    let status = invoke(w, "get_status", json!({})).unwrap();
    status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["pair"]["partnerName"].as_str().unwrap().to_owned())
        .collect()
}

/// Overwrites the middle third of `file` with bytes that are no SQLite page.
fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let (from, to) = (bytes.len() / 3, bytes.len() * 2 / 3);
    for (i, byte) in bytes[from..to].iter_mut().enumerate() {
        *byte = [0xA5, 0x5A, 0xFF, 0x00][i % 4];
    }
    std::fs::write(file, bytes).unwrap();
}

/// A data dir whose database is a damaged copy of a real one with the pair
/// "Sam Rivera" in it, and whose backups folder holds the good copy.
/// Returns the data dir and the backup's name.
fn damaged_data_dir(root: &Path) -> (PathBuf, String) {
    let made = root.join("made");
    let backup = {
        let app = mock_app(&made);
        let w = window(&app, "main");
        add_pair(&w, "Sam Rivera");
        invoke(&w, "backup_now", json!({})).unwrap()
    };
    let name = backup["name"].as_str().unwrap().to_owned();
    assert_eq!(backup["kind"], "manual");
    let good = made.join("backups").join(&name);

    let data_dir = root.join("damaged");
    std::fs::create_dir_all(data_dir.join("backups")).unwrap();
    std::fs::copy(&good, data_dir.join("backups").join(&name)).unwrap();
    std::fs::copy(&good, data_dir.join("trellis.db")).unwrap();
    damage(&data_dir.join("trellis.db"));
    (data_dir, name)
}

#[test]
fn a_damaged_database_opens_the_window_in_recovery_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let (data_dir, name) = damaged_data_dir(temp.path());
    let db_file = data_dir.join("trellis.db");
    let before = std::fs::read(&db_file).unwrap();

    let app = mock_app(&data_dir);
    let w = window(&app, "main");

    let health = invoke(&w, "get_health", json!({})).unwrap();
    assert_eq!(health["status"], "corrupt", "{health}");
    assert!(!health["reason"].as_str().unwrap().is_empty(), "{health}");
    assert_eq!(health["dataDir"], data_dir.to_str().unwrap());

    for (cmd, args) in [
        ("get_status", json!({})),
        ("list_packs", json!({})),
        ("create_sample_pair", json!({})),
        ("backup_now", json!({})),
        (
            "search",
            json!({ "input": { "query": "Sam", "limit": 10 } }),
        ),
    ] {
        let error = invoke(&w, cmd, args).unwrap_err();
        assert_eq!(error["kind"], "storage", "{cmd}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains("damaged") && message.contains("restore a backup"),
            "{cmd}: {message}"
        );
    }

    let backups = invoke(&w, "list_backups", json!({})).unwrap();
    assert_eq!(backups[0]["name"], name.as_str());

    assert_eq!(
        std::fs::read(&db_file).unwrap(),
        before,
        "not a byte written"
    );
    for extra in ["trellis.db-wal", "trellis.db-shm", "trellis.db-journal"] {
        assert!(!data_dir.join(extra).exists(), "{extra} was created");
    }
}

#[test]
fn restoring_a_backup_reopens_the_database_in_place() {
    let temp = tempfile::tempdir().unwrap();
    let (data_dir, name) = damaged_data_dir(temp.path());
    let app = mock_app(&data_dir);
    let w = window(&app, "main");

    let restored = invoke(&w, "restore_backup", json!({ "input": { "name": name } })).unwrap();

    assert_eq!(restored["restored"]["name"], name.as_str());
    let saved = restored["savedCurrent"]["name"].as_str().unwrap();
    assert_eq!(restored["savedCurrent"]["kind"], "pre_restore");
    assert!(
        data_dir.join("backups").join(saved).is_file(),
        "the damaged copy is kept"
    );
    let health = invoke(&w, "get_health", json!({})).unwrap();
    assert_eq!(health["status"], "ok", "{health}");
    assert_eq!(health["reason"], Value::Null);
    assert_eq!(partners(&w), ["Sam Rivera"]);
    // Writable again.
    add_pair(&w, "Lin Chen");
    assert_eq!(partners(&w).len(), 2);
}

#[test]
fn a_refused_restore_leaves_the_damaged_database_as_it_was() {
    let temp = tempfile::tempdir().unwrap();
    let (data_dir, _) = damaged_data_dir(temp.path());
    let before = std::fs::read(data_dir.join("trellis.db")).unwrap();
    let app = mock_app(&data_dir);
    let w = window(&app, "main");

    for name in ["../trellis.db", "trellis-2020-01-01T00-00-00.000Z-daily.db"] {
        let error = invoke(&w, "restore_backup", json!({ "input": { "name": name } })).unwrap_err();
        assert!(
            ["invalid", "not_found"].contains(&error["kind"].as_str().unwrap()),
            "{name}: {error}"
        );
    }

    let health = invoke(&w, "get_health", json!({})).unwrap();
    assert_eq!(health["status"], "corrupt");
    assert_eq!(std::fs::read(data_dir.join("trellis.db")).unwrap(), before);
}

#[test]
fn restoring_while_healthy_goes_back_to_the_backup_and_keeps_todays_data_aside() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    add_pair(&w, "Sam Rivera");
    let backup = invoke(&w, "backup_now", json!({})).unwrap();
    add_pair(&w, "Lin Chen");
    assert_eq!(invoke(&w, "get_health", json!({})).unwrap()["status"], "ok");

    let restored = invoke(
        &w,
        "restore_backup",
        json!({ "input": { "name": backup["name"] } }),
    )
    .unwrap();

    assert_eq!(partners(&w), ["Sam Rivera"]);
    let backups = invoke(&w, "list_backups", json!({})).unwrap();
    let kinds: Vec<&str> = backups
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"pre_restore"), "{kinds:?}");
    assert!(
        backups
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["name"] == restored["savedCurrent"]["name"]),
        "today's data is kept as a backup: {backups}"
    );
}

/// A data dir whose database holds the pair "Sam Rivera", closed, with no backup.
fn data_dir_with_a_pair(root: &Path) -> PathBuf {
    let dir = root.join("data");
    let app = mock_app(&dir);
    add_pair(&window(&app, "main"), "Sam Rivera");
    drop(app);
    std::fs::remove_dir_all(dir.join("backups")).ok();
    dir
}

#[test]
fn the_daily_backup_is_made_after_start_up_on_a_thread_of_its_own() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = data_dir_with_a_pair(temp.path());
    let app = mock_app(&data_dir);
    let w = window(&app, "main");
    let none = invoke(&w, "list_backups", json!({})).unwrap();
    assert_eq!(none, json!([]), "opening does not wait for a backup");

    trellis_desktop_lib::start_daily_backup(app.handle());
    // Once per run: a second page load starts nothing.
    trellis_desktop_lib::start_daily_backup(app.handle());
    app.state::<AppState>().finish_daily_backup();

    let backups = invoke(&w, "list_backups", json!({})).unwrap();
    assert_eq!(backups.as_array().unwrap().len(), 1, "{backups}");
    assert_eq!(backups[0]["kind"], "daily");
    let health = invoke(&w, "get_health", json!({})).unwrap();
    assert_eq!(health["backupWarning"], Value::Null, "{health}");
    assert_eq!(partners(&w), ["Sam Rivera"]);
}

#[test]
fn a_daily_backup_that_fails_is_reported_by_health_and_the_app_goes_on() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = data_dir_with_a_pair(temp.path());
    std::fs::write(data_dir.join("backups"), b"in the way").unwrap();
    let app = mock_app(&data_dir);
    let w = window(&app, "main");

    trellis_desktop_lib::start_daily_backup(app.handle());
    app.state::<AppState>().finish_daily_backup();

    let health = invoke(&w, "get_health", json!({})).unwrap();
    assert_eq!(health["status"], "ok", "{health}");
    let warning = health["backupWarning"].as_str().unwrap_or_default();
    assert!(warning.contains("daily backup was not made"), "{health}");
    add_pair(&w, "Lin Chen");
    assert_eq!(partners(&w).len(), 2);
}

#[test]
fn quitting_closes_the_database_sealed_so_the_next_start_skips_the_full_check() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = temp.path().join("data");
    let app = mock_app(&data_dir);
    let w = window(&app, "main");
    add_pair(&w, "Sam Rivera");

    // What the exit event does (Tauri ends the process without dropping state).
    app.state::<AppState>().close();

    assert!(
        data_dir.join("trellis.db-seal").is_file(),
        "a clean close seals the file"
    );
    assert!(
        !data_dir.join("trellis.db-wal").exists(),
        "and leaves no WAL to replay"
    );
    let refused = invoke(&w, "get_status", json!({})).unwrap_err();
    assert_eq!(refused["kind"], "storage", "{refused}");
    drop(app);

    let state = AppState::open(data_dir).unwrap();
    let db = state.db().unwrap();
    assert_eq!(db.checked(), trellis_core::db::Checked::Unchanged);
}
