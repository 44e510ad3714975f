//! Pair sync through IPC on the mock runtime (issue 13): joining shows the
//! safety code before anything is written, re-pairing from the window makes
//! the old keys stop working, and a shared folder keeps two data dirs in step.

use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{App, WebviewWindow};

use crate::util::{invoke, mock_app, window};

/// The token a dialog run by the shell would give the page for `path`.
fn chosen(w: &WebviewWindow<MockRuntime>, path: &std::path::Path, to_write: bool) -> String {
    use tauri::Manager;
    w.state::<trellis_desktop_lib::AppState>()
        .remember_choice(path.to_path_buf(), to_write)
}

struct Side {
    _app: App<MockRuntime>,
    w: WebviewWindow<MockRuntime>,
}

fn side(dir: &std::path::Path) -> Side {
    let app = mock_app(dir);
    let w = window(&app, "main");
    Side { _app: app, w }
}

fn call(s: &Side, cmd: &str, input: Value) -> Value {
    invoke(&s.w, cmd, json!({ "input": input })).unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

/// A's invite of its pair, written to `dir`: (pair id, invite file, code).
fn invite(
    a: &Side,
    dir: &std::path::Path,
    pair: Option<&str>,
) -> (String, std::path::PathBuf, String) {
    let id = match pair {
        Some(id) => id.to_string(),
        None => call(
            a,
            "add_pair",
            json!({
                "myRole": "mentee", "partnerName": "Sam Rivera", "programId": "openstack-mentoring",
                "cohortId": "first-patch", "matchDate": "2026-09-01", "myTz": "Europe/Berlin",
                "partnerTz": "America/Chicago", "cadenceDays": 14, "ownCriteria": []
            }),
        )["id"]
            .as_str()
            .unwrap()
            .to_string(),
    };
    let file = dir.join(format!("{}.trellis-invite", uuid_ish()));
    let w = call(
        a,
        "invite_partner",
        json!({ "pairId": id, "myName": "Ana", "file": chosen(&a.w, &file, true), "rePair": pair.is_some() }),
    );
    (id, file, w["code"].as_str().unwrap().to_string())
}

fn uuid_ish() -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!("f{}", N.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// B previews and joins A's invite; A imports the answer. The safety code
/// the preview showed.
fn join(
    a: &Side,
    b: &Side,
    dir: &std::path::Path,
    invite_file: &std::path::Path,
    code: &str,
) -> String {
    let token = chosen(&b.w, invite_file, false);
    let preview = call(b, "preview_invite", json!({ "file": token, "code": code }));
    let shown = preview["safetyCode"].as_str().unwrap().to_string();
    let answer = dir.join(format!("{}.trellis-answer", uuid_ish()));
    let accepted = call(
        b,
        "accept_invite",
        json!({ "file": token, "code": code, "answerFile": chosen(&b.w, &answer, true) }),
    );
    assert_eq!(
        accepted["safetyCode"],
        shown.as_str(),
        "joined with the previewed key"
    );
    call(
        a,
        "receive_update",
        json!({ "file": chosen(&a.w, &answer, false) }),
    );
    shown
}

#[test]
fn the_join_preview_shows_the_safety_code_both_sides_then_show_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b) = (side(&temp.path().join("a")), side(&temp.path().join("b")));
    let (pair, file, code) = invite(&a, temp.path(), None);
    let token = chosen(&b.w, &file, false);
    let first = call(&b, "preview_invite", json!({ "file": token, "code": code }));
    let again = call(&b, "preview_invite", json!({ "file": token, "code": code }));
    assert_eq!(
        first["safetyCode"], again["safetyCode"],
        "one key per invite opened"
    );
    assert_eq!(first["inviterName"], "Ana");
    let pairs = invoke(&b.w, "get_status", json!({})).unwrap();
    assert_eq!(pairs, json!([]), "the preview wrote a pair");
    let shown = join(&a, &b, temp.path(), &file, &code);
    for s in [&a, &b] {
        let st = call(s, "get_sync_status", json!({ "pairId": pair }));
        assert_eq!(st["safetyCode"], shown.as_str());
    }
}

#[test]
fn re_pairing_from_the_window_makes_the_old_keys_stop_working() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b) = (side(&temp.path().join("a")), side(&temp.path().join("b")));
    let (pair, file, code) = invite(&a, temp.path(), None);
    let old = join(&a, &b, temp.path(), &file, &code);
    let old_update = temp.path().join("old.trellis-sync");
    call(
        &b,
        "send_update",
        json!({ "pairId": pair, "file": chosen(&b.w, &old_update, true) }),
    );
    // A re-pairs: the old keys are forgotten at once.
    let (_, file, code) = invite(&a, temp.path(), Some(&pair));
    let refused = invoke(
        &a.w,
        "receive_update",
        json!({ "input": { "file": chosen(&a.w, &old_update, false) } }),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "format", "{refused}");
    let token = chosen(&b.w, &file, false);
    let preview = call(&b, "preview_invite", json!({ "file": token, "code": code }));
    assert_eq!(preview["rePair"], true);
    let new = join(&a, &b, temp.path(), &file, &code);
    assert_ne!(new, old);
    let st = call(&a, "get_sync_status", json!({ "pairId": pair }));
    assert_eq!(st["safetyCode"], new.as_str());
}

#[test]
fn two_data_dirs_stay_in_step_through_a_shared_folder_chosen_in_the_window() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b) = (side(&temp.path().join("a")), side(&temp.path().join("b")));
    let (pair, file, code) = invite(&a, temp.path(), None);
    join(&a, &b, temp.path(), &file, &code);
    let shared = temp.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    for s in [&a, &b] {
        let f = call(
            s,
            "set_sync_folder",
            json!({ "pairId": pair, "folder": chosen(&s.w, &shared, false) }),
        );
        assert_eq!(
            f["path"],
            std::fs::canonicalize(&shared).unwrap().to_str().unwrap()
        );
    }
    call(
        &a,
        "add_goal",
        json!({ "pairId": pair, "goal": { "title": "Through the folder", "why": "", "milestones": [], "criterionIds": [] } }),
    );
    let sent = call(&a, "sync_folder_now", json!({ "pairId": pair }));
    assert!(sent["written"]["bytes"].as_i64().unwrap() > 0);
    // B's folder watcher may import A's new file the moment it lands, before
    // this exchange; either way the exchange reads it without refusing it,
    // and B then has A's goal.
    let all = invoke(&b.w, "sync_all_folders", json!({})).unwrap();
    let imported = &all[0]["imported"];
    assert!(
        imported["inserted"].as_i64().unwrap() > 0 || imported["upToDate"] == true,
        "{all}"
    );
    assert!(all[0]["refused"].is_null(), "{all}");
    let goals = call(
        &b,
        "list_goals",
        json!({ "pairId": pair, "offset": 0, "limit": 50 }),
    );
    assert!(goals.to_string().contains("Through the folder"), "{goals}");
    let st = call(&b, "get_sync_status", json!({ "pairId": pair }));
    assert!(st["folder"]["lastSyncAt"].is_string(), "{st}");
    // A folder the person did not choose is refused; clearing stops it.
    let e = invoke(
        &b.w,
        "set_sync_folder",
        json!({ "input": { "pairId": pair, "folder": "not-a-token" } }),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "invalid");
    invoke(
        &b.w,
        "clear_sync_folder",
        json!({ "input": { "pairId": pair } }),
    )
    .unwrap();
    let st = call(&b, "get_sync_status", json!({ "pairId": pair }));
    assert!(st["folder"].is_null());
}

#[test]
fn a_sync_clock_days_ahead_is_reported_through_ipc_and_one_command_repairs_it() {
    use tauri::Manager;
    let dir = tempfile::tempdir().unwrap();
    let s = side(dir.path());
    let fine = invoke(&s.w, "get_sync_clock", json!({})).unwrap();
    assert_eq!(fine["aheadMs"], Value::Null, "{fine}");

    // The clock as a machine whose date was set days ahead would leave it.
    let ahead = trellis_core::time::now().timestamp_millis() + 3 * 24 * 3600 * 1000;
    s.w.state::<trellis_desktop_lib::AppState>()
        .db()
        .unwrap()
        .write(|tx| {
            tx.execute("UPDATE sync_clock SET wall_ms = ?1, counter = 0", [ahead])?;
            Ok(())
        })
        .unwrap();
    let reported = invoke(&s.w, "get_sync_clock", json!({})).unwrap();
    let ms = reported["aheadMs"]
        .as_i64()
        .unwrap_or_else(|| panic!("{reported}"));
    assert!(ms > 2 * 24 * 3600 * 1000, "{reported}");

    let repaired = invoke(&s.w, "repair_sync_clock", json!({})).unwrap();
    assert!(
        repaired["wasAheadMs"].as_i64().unwrap() > 2 * 24 * 3600 * 1000,
        "{repaired}"
    );
    let after = invoke(&s.w, "get_sync_clock", json!({})).unwrap();
    assert_eq!(after["aheadMs"], Value::Null, "{after}");
}
