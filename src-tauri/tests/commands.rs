//! Commands called the way the UI calls them, through IPC on the mock runtime.

use serde_json::json;

use crate::util::{invoke, invoke_from, mock_app, window};

#[test]
fn app_info_reports_the_version_and_the_data_dir() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = temp.path().join("trellis-data");
    let app = mock_app(&data_dir);

    let info = invoke(&window(&app, "main"), "app_info", json!({})).unwrap();

    assert_eq!(
        info,
        json!({
            "version": env!("CARGO_PKG_VERSION"),
            "dataDir": data_dir.to_str().unwrap(),
        })
    );
    assert!(data_dir.is_dir(), "the data dir is created at start");
}

#[test]
fn a_window_the_capability_does_not_name_cannot_call_app_info() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());

    let error = invoke(&window(&app, "intruder"), "app_info", json!({})).unwrap_err();

    assert!(
        error.to_string().contains("not allowed on window"),
        "unexpected error: {error}"
    );
}

#[test]
fn a_remote_page_cannot_call_app_info() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());

    let error = invoke_from(
        &window(&app, "main"),
        "https://example.com",
        "app_info",
        json!({}),
    )
    .unwrap_err();

    assert!(
        error.to_string().contains("not allowed"),
        "unexpected error: {error}"
    );
}

#[test]
fn a_core_command_that_is_not_granted_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());

    // `core:window:default` is not granted, so the window cannot even read its own title.
    let error = invoke(
        &window(&app, "main"),
        "plugin:window|title",
        json!({ "label": "main" }),
    )
    .unwrap_err();

    assert!(
        error.to_string().contains("not allowed"),
        "unexpected error: {error}"
    );
}

#[test]
fn an_unknown_command_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());

    let error = invoke(&window(&app, "main"), "drop_all_tables", json!({})).unwrap_err();

    assert!(
        error.to_string().contains("not found"),
        "unexpected error: {error}"
    );
}

fn new_pair(app_window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> serde_json::Value {
    invoke(
        app_window,
        "add_pair",
        json!({ "input": {
            "myRole": "mentee",
            "partnerName": "Sam Rivera",
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

#[test]
fn a_pair_goal_and_meeting_made_through_ipc_carry_the_open_action_forward() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let pair_id = pair["id"].as_str().unwrap();

    let goal = invoke(
        &w,
        "add_goal",
        json!({ "input": { "pairId": pair_id, "goal": {
            "title": "Merge a first patch", "why": "", "milestones": ["Set up DevStack"], "criterionIds": []
        }}}),
    )
    .unwrap();
    assert_eq!(goal["milestones"][0]["text"], "Set up DevStack");

    let meeting = invoke(
        &w,
        "log_meeting",
        json!({ "input": { "pairId": pair_id, "meeting": {
            "startsAt": "2026-09-10 17:00", "durationMin": 45, "mode": "video",
            "agenda": "Kick-off", "notes": "", "goalIds": [goal["id"]],
            "actions": [{ "text": "Install DevStack", "owner": "mentee", "dueDate": "2026-09-17" }]
        }}}),
    )
    .unwrap();
    assert_eq!(meeting["startsAt"], "2026-09-10T15:00:00Z", "stored in UTC");

    let next = invoke(
        &w,
        "get_next_meeting",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(next["openActions"][0]["text"], "Install DevStack");
    assert!(next["agenda"]
        .as_str()
        .unwrap()
        .contains("Install DevStack"));

    let status = invoke(&w, "get_status", json!({})).unwrap();
    assert_eq!(status[0]["pair"]["partnerName"], "Sam Rivera");
}

#[test]
fn invalid_input_comes_back_as_kind_and_message_and_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);

    let error = invoke(
        &w,
        "add_goal",
        json!({ "input": { "pairId": pair["id"], "goal": {
            "title": "   ", "why": "", "milestones": [], "criterionIds": []
        }}}),
    )
    .unwrap_err();
    assert_eq!(
        error,
        json!({ "kind": "invalid", "message": "title: must not be empty" })
    );

    let goals = invoke(
        &w,
        "list_goals",
        json!({ "input": { "pairId": pair["id"] } }),
    )
    .unwrap();
    assert_eq!(goals, json!([]));
}

#[test]
fn an_unknown_pair_is_not_found() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let error = invoke(
        &window(&app, "main"),
        "list_notes",
        json!({ "input": { "pairId": "01900000-0000-7000-8000-000000000000" } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not_found");
}

#[test]
fn quick_capture_drafts_survive_a_restart_and_publish_as_a_note() {
    let temp = tempfile::tempdir().unwrap();
    let pair_id = {
        let app = mock_app(temp.path());
        let w = window(&app, "main");
        let pair = new_pair(&w);
        invoke(
            &w,
            "save_draft",
            json!({ "input": { "pairId": pair["id"], "body": "half a thought", "visibility": "private" } }),
        )
        .unwrap();
        pair["id"].as_str().unwrap().to_string()
    };
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let draft = invoke(&w, "get_draft", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(draft["body"], "half a thought");
    let note = invoke(
        &w,
        "publish_draft",
        json!({ "input": { "pairId": pair_id, "attach": { "to": "next_meeting" } } }),
    )
    .unwrap();
    assert_eq!(note["forNextMeeting"], true);
    let draft = invoke(&w, "get_draft", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(draft, json!(null));
}

#[test]
fn an_invite_accepted_in_a_second_data_dir_brings_its_partners_goal_back_by_update_file() {
    let temp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (temp.path().join("a"), temp.path().join("b"));
    let invite = temp.path().join("pair.trellis-invite");
    let update = temp.path().join("from-b.trellis-sync");
    let pair_id = {
        let w = window(&mock_app(&dir_a), "main");
        let pair = new_pair(&w);
        let id = pair["id"].as_str().unwrap().to_string();
        let written = invoke(
            &w,
            "invite_partner",
            json!({ "input": { "pairId": id, "myName": "Ana", "path": invite } }),
        )
        .unwrap();
        assert_eq!(written["pairId"], id.as_str());
        let status = invoke(&w, "get_sync_status", json!({ "input": { "pairId": id } })).unwrap();
        assert_eq!(status["shared"], true);
        id
    };
    {
        let w = window(&mock_app(&dir_b), "main");
        let accepted = invoke(&w, "accept_invite", json!({ "input": { "path": invite } })).unwrap();
        assert_eq!(accepted["pair"]["id"], pair_id.as_str());
        assert_eq!(accepted["pair"]["myRole"], "mentor", "roles mirrored");
        assert_eq!(accepted["pair"]["partnerName"], "Ana");
        invoke(
            &w,
            "add_goal",
            json!({ "input": { "pairId": pair_id, "goal": {
                "title": "Review a patch upstream", "why": "", "milestones": [], "criterionIds": []
            }}}),
        )
        .unwrap();
        invoke(
            &w,
            "send_update",
            json!({ "input": { "pairId": pair_id, "path": update } }),
        )
        .unwrap();
    }
    let w = window(&mock_app(&dir_a), "main");
    let imported = invoke(&w, "receive_update", json!({ "input": { "path": update } })).unwrap();
    assert_eq!(imported["inserted"], 1, "{imported}");
    assert_eq!(imported["upToDate"], false);
    let goals = invoke(&w, "list_goals", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(goals[0]["title"], "Review a patch upstream");
    let again = invoke(&w, "receive_update", json!({ "input": { "path": update } })).unwrap();
    assert_eq!(
        again["upToDate"], true,
        "the same file twice changes nothing"
    );
    let conflicts = invoke(
        &w,
        "list_conflicts",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(conflicts, json!([]));
    let status = invoke(
        &w,
        "get_sync_status",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert!(status["lastImportAt"].is_string(), "{status}");
    let confirmations = invoke(
        &w,
        "list_confirmations",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert!(confirmations.is_array());
}

#[test]
fn an_altered_update_file_is_refused_with_nothing_changed() {
    let temp = tempfile::tempdir().unwrap();
    let (dir_a, dir_b) = (temp.path().join("a"), temp.path().join("b"));
    let invite = temp.path().join("pair.trellis-invite");
    let update = temp.path().join("from-b.trellis-sync");
    let pair_id = {
        let w = window(&mock_app(&dir_a), "main");
        let id = new_pair(&w)["id"].as_str().unwrap().to_string();
        invoke(
            &w,
            "invite_partner",
            json!({ "input": { "pairId": id, "myName": "Ana", "path": invite } }),
        )
        .unwrap();
        id
    };
    {
        let w = window(&mock_app(&dir_b), "main");
        invoke(&w, "accept_invite", json!({ "input": { "path": invite } })).unwrap();
        invoke(
            &w,
            "add_goal",
            json!({ "input": { "pairId": pair_id, "goal": {
                "title": "Review a patch upstream", "why": "", "milestones": [], "criterionIds": []
            }}}),
        )
        .unwrap();
        invoke(
            &w,
            "send_update",
            json!({ "input": { "pairId": pair_id, "path": update } }),
        )
        .unwrap();
    }
    let altered = std::fs::read_to_string(&update)
        .unwrap()
        .replace("Review a patch upstream", "Review a patch elsewhere");
    std::fs::write(&update, altered).unwrap();

    let w = window(&mock_app(&dir_a), "main");
    let error = invoke(&w, "receive_update", json!({ "input": { "path": update } })).unwrap_err();
    assert_eq!(error["kind"], "format", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("altered"),
        "{error}"
    );
    let goals = invoke(&w, "list_goals", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(goals, json!([]));
    let error = invoke(
        &w,
        "resolve_conflict",
        json!({ "input": { "id": 999, "keep": "theirs" } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not_found", "{error}");
}
