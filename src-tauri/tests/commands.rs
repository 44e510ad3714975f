//! Commands called the way the UI calls them, through IPC on the mock runtime.

use serde_json::json;

use crate::util::{invoke, invoke_from, mock_app, window};

/// What a dialog run by the shell would give the page for `path` (the
/// mock runtime has no dialogs): a token for it.
fn chosen(
    w: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    path: &dyn AsRef<std::path::Path>,
    to_write: bool,
) -> String {
    use tauri::Manager;
    w.state::<trellis_desktop_lib::AppState>()
        .remember_choice(path.as_ref().to_path_buf(), to_write)
}

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
fn open_action_items_close_drop_and_snooze_in_bulk_through_ipc() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let pair_id = pair["id"].as_str().unwrap();
    let ids: Vec<serde_json::Value> = ["one", "two", "three"]
        .into_iter()
        .map(|t| {
            invoke(
                &w,
                "add_action",
                json!({ "input": { "pairId": pair_id, "meetingId": null,
                    "action": { "text": t, "owner": "mentee" } } }),
            )
            .unwrap()["id"]
                .clone()
        })
        .collect();
    let closed = invoke(
        &w,
        "close_actions",
        json!({ "input": { "pairId": pair_id, "actionIds": [ids[0]] } }),
    )
    .unwrap();
    assert_eq!(closed, 1);
    let dropped = invoke(
        &w,
        "drop_actions",
        json!({ "input": { "pairId": pair_id, "actionIds": [ids[1]] } }),
    )
    .unwrap();
    assert_eq!(dropped.as_array().unwrap().len(), 1);
    let refused = invoke(
        &w,
        "snooze_actions",
        json!({ "input": { "pairId": pair_id, "actionIds": [ids[2]], "until": "2000-01-01" } }),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "invalid", "{refused}");
    let snoozed = invoke(
        &w,
        "snooze_actions",
        json!({ "input": { "pairId": pair_id, "actionIds": [ids[2]], "until": "2999-01-01" } }),
    )
    .unwrap();
    assert_eq!(snoozed, 1);
    let next = invoke(
        &w,
        "get_next_meeting",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(next["openActions"], json!([]));
    assert_eq!(next["snoozed"], 1);
}

#[test]
fn invalid_input_comes_back_with_its_code_and_field_and_changes_nothing() {
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
        json!({
            "kind": "invalid",
            "code": "invalid",
            "field": "title",
            "params": { "reason": "must not be empty", "rule": "required" },
            "message": "title: must not be empty"
        })
    );

    let goals = invoke(
        &w,
        "list_goals",
        json!({ "input": { "pairId": pair["id"], "offset": 0, "limit": 50 } }),
    )
    .unwrap();
    assert_eq!(goals["items"], json!([]));
}

#[test]
fn an_unknown_pair_is_not_found() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let error = invoke(
        &window(&app, "main"),
        "list_notes",
        json!({ "input": { "pairId": "01900000-0000-7000-8000-000000000000", "offset": 0, "limit": 50 } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not_found");
}

#[test]
fn notes_come_a_page_at_a_time_and_a_filter_pages_too() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair_id = new_pair(&w)["id"].clone();
    for (body, visibility) in [("one", "private"), ("two", "shared"), ("three", "private")] {
        invoke(
            &w,
            "add_note",
            json!({ "input": { "pairId": pair_id, "note": { "body": body, "visibility": visibility } } }),
        )
        .unwrap();
    }
    let list =
        |input: serde_json::Value| invoke(&w, "list_notes", json!({ "input": input })).unwrap();
    let bodies = |page: &serde_json::Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["body"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let first = list(json!({ "pairId": pair_id, "offset": 0, "limit": 2 }));
    assert_eq!(bodies(&first), ["three", "two"]);
    assert_eq!(first["hasMore"], true);
    let second = list(json!({ "pairId": pair_id, "offset": 2, "limit": 2 }));
    assert_eq!(bodies(&second), ["one"]);
    assert_eq!(second["hasMore"], false);
    let private =
        list(json!({ "pairId": pair_id, "visibility": "private", "offset": 0, "limit": 50 }));
    assert_eq!(bodies(&private), ["three", "one"]);
    let unfiltered =
        list(json!({ "pairId": pair_id, "visibility": null, "offset": 0, "limit": 1 }));
    assert_eq!(bodies(&unfiltered), ["three"], "null is no filter");
    assert_eq!(unfiltered["hasMore"], true);
}

#[test]
fn goals_page_in_play_first_with_counts_and_labels_beside_them() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair_id = new_pair(&w)["id"].clone();
    let mut ids = Vec::new();
    for (title, status) in [
        ("Old win", "achieved"),
        ("Now", "active"),
        ("Maybe", "proposed"),
    ] {
        let goal = invoke(
            &w,
            "add_goal",
            json!({ "input": { "pairId": pair_id, "goal": { "title": title, "status": status } } }),
        )
        .unwrap();
        ids.push(goal["id"].clone());
    }
    let page = invoke(
        &w,
        "list_goals",
        json!({ "input": { "pairId": pair_id, "offset": 0, "limit": 2 } }),
    )
    .unwrap();
    assert_eq!(page["items"][0]["title"], "Now");
    assert_eq!(page["items"][1]["title"], "Maybe");
    assert_eq!(page["hasMore"], true);
    let counts = invoke(&w, "count_goals", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(
        counts,
        json!({ "proposed": 1, "active": 1, "achieved": 1, "dropped": 0 })
    );
    let labels = |include: serde_json::Value| {
        invoke(
            &w,
            "list_goal_labels",
            json!({ "input": { "pairId": pair_id, "include": include } }),
        )
        .unwrap()
    };
    assert_eq!(
        labels(json!([])),
        json!([
            { "id": ids[1], "title": "Now", "status": "active" },
            { "id": ids[2], "title": "Maybe", "status": "proposed" }
        ])
    );
    assert_eq!(labels(json!([ids[0]]))[2]["title"], "Old win");
    let whole = invoke(
        &w,
        "get_goals",
        json!({ "input": { "pairId": pair_id, "goalIds": [ids[0], ids[2]] } }),
    )
    .unwrap();
    assert_eq!(whole[0]["title"], "Old win");
    assert_eq!(whole[0]["status"], "achieved");
    assert!(whole[0]["milestones"].is_array(), "whole goals, not labels");
    assert_eq!(whole[1]["title"], "Maybe");
}

#[test]
fn the_timeline_comes_newest_first_a_stretch_at_a_time() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair_id = new_pair(&w)["id"].clone();
    for at in ["2026-09-03 10:00", "2026-09-17 10:00", "2026-10-01 10:00"] {
        invoke(
            &w,
            "log_meeting",
            json!({ "input": { "pairId": pair_id, "meeting": { "startsAt": at, "durationMin": 30 } } }),
        )
        .unwrap();
    }
    let newest = invoke(
        &w,
        "get_timeline",
        json!({ "input": { "pairId": pair_id, "limit": 2 } }),
    )
    .unwrap();
    assert_eq!(newest["events"][0]["on"], "2026-10-01");
    assert_eq!(newest["events"][1]["on"], "2026-09-17");
    assert_eq!(newest["before"], "2026-09-17");
    assert_eq!(newest["meetingCount"], 3);
    let rest = invoke(
        &w,
        "get_timeline",
        json!({ "input": { "pairId": pair_id, "before": newest["before"], "limit": 2 } }),
    )
    .unwrap();
    assert_eq!(rest["events"][0]["on"], "2026-09-03");
    assert_eq!(rest["events"][1]["kind"], "match");
    assert_eq!(rest["before"], json!(null));
    let error = invoke(
        &w,
        "get_timeline",
        json!({ "input": { "pairId": pair_id, "before": "1 September", "limit": 2 } }),
    )
    .unwrap_err();
    // Refused at the door: a day that is not YYYY-MM-DD never reaches core,
    // and the UI can place it by its field and rule.
    assert_eq!(
        (&error["code"], &error["field"], &error["params"]["rule"]),
        (&json!("invalid"), &json!("before"), &json!("not_a_date")),
        "{error}"
    );
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

/// A pair matched `days_ago` days ago, in which I am the mentee of Sam Rivera.
fn pair_matched(
    app_window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    days_ago: u64,
) -> String {
    let matched = trellis_core::time::now().date_naive() - chrono::Days::new(days_ago);
    let pair = invoke(
        app_window,
        "add_pair",
        json!({ "input": {
            "myRole": "mentee",
            "partnerName": "Sam Rivera",
            "programId": "openstack-mentoring",
            "cohortId": "first-patch",
            "matchDate": matched.to_string(),
            "myTz": "UTC",
            "partnerTz": "America/Chicago",
            "cadenceDays": 14,
            "ownCriteria": []
        }}),
    )
    .unwrap();
    pair["id"].as_str().unwrap().to_string()
}

/// An answer to every question of `form`: a choice's first option (my role
/// for the role question), a scale's lowest value, the criteria as suggested.
fn answer_everything(form: &serde_json::Value) -> serde_json::Value {
    let mut answers = serde_json::Map::new();
    for q in form["questions"].as_array().unwrap() {
        let answer = match q["kind"].as_str().unwrap() {
            "choice" if q["prefillFrom"] == "role" => json!("mentee"),
            "choice" => q["options"][0]["id"].clone(),
            "scale" => q["min"].clone(),
            _ => q["prefill"].clone(),
        };
        answers.insert(q["id"].as_str().unwrap().to_string(), answer);
    }
    serde_json::Value::Object(answers)
}

/// A due check-in of a pair, answered through IPC; (pair id, check-in number).
fn answered_checkin(w: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> (String, u64) {
    let pair_id = pair_matched(w, 88);
    let form = invoke(
        w,
        "get_checkin_form",
        json!({ "input": { "pairId": pair_id, "number": null } }),
    )
    .unwrap();
    let number = form["number"].as_u64().unwrap();
    invoke(
        w,
        "answer_checkin",
        json!({ "input": { "pairId": pair_id, "number": number, "answers": answer_everything(&form) } }),
    )
    .unwrap();
    (pair_id, number)
}

#[test]
fn a_due_check_in_is_answered_and_exactly_the_previewed_bytes_are_written() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let pair_id = pair_matched(&w, 88);

    let form = invoke(
        &w,
        "get_checkin_form",
        json!({ "input": { "pairId": pair_id, "number": null } }),
    )
    .unwrap();
    assert_eq!(form["number"], 1);
    assert_eq!(form["daysUntil"], 2, "due 90 days after the match");
    assert_eq!(form["answers"], json!({}));
    let meetings = form["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "meetings-last-4-weeks")
        .unwrap();
    assert_eq!(meetings["prefill"], "none", "suggested from an empty log");
    assert_eq!(
        invoke(
            &w,
            "list_checkins",
            json!({ "input": { "pairId": pair_id } })
        )
        .unwrap(),
        json!([])
    );

    let saved = invoke(
        &w,
        "answer_checkin",
        json!({ "input": { "pairId": pair_id, "number": 1, "answers": answer_everything(&form) } }),
    )
    .unwrap();
    assert_eq!(saved["exportedAt"], json!(null));

    let preview = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": 1, "comment": null } }),
    )
    .unwrap();
    let text = preview.as_str().unwrap();
    assert!(text.contains("\"format\": \"trellis-survey\""), "{text}");
    assert!(!text.contains("Sam"), "no names in the survey file");

    let out = temp.path().join("survey.json");
    let exported = invoke(
        &w,
        "export_survey",
        json!({ "input": { "pairId": pair_id, "number": 1, "previewed": text, "file": chosen(&w, &out, true) } }),
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    assert_eq!(exported["bytes"], text.len());
    assert_eq!(exported["hasComment"], false);

    let listed = invoke(
        &w,
        "list_checkins",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(listed[0]["exportedAt"].is_string());
    let summary = invoke(
        &w,
        "get_pair_summary",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(
        summary["nextCheckin"]["phase"], "done",
        "an exported check-in is done, no longer due: {summary}"
    );
}

#[test]
fn an_altered_preview_is_refused_and_nothing_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let (pair_id, number) = answered_checkin(&w);
    let preview = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": null } }),
    )
    .unwrap();
    let altered = preview
        .as_str()
        .unwrap()
        .replace("\"satisfaction\": 1", "\"satisfaction\": 5");
    assert_ne!(altered, preview.as_str().unwrap());

    let out = temp.path().join("survey.json");
    let error = invoke(
        &w,
        "export_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "previewed": altered, "file": chosen(&w, &out, true) } }),
    )
    .unwrap_err();

    assert_eq!(error["kind"], "conflict", "{error}");
    assert!(!out.exists(), "nothing was written");
    let listed = invoke(
        &w,
        "list_checkins",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert_eq!(listed[0]["exportedAt"], json!(null));
}

#[test]
fn a_comment_goes_in_only_as_given_and_one_naming_the_partner_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let (pair_id, number) = answered_checkin(&w);

    let error = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": "Sam was great" } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "invalid");
    assert!(
        error["message"].as_str().unwrap().starts_with("comment: "),
        "{error}"
    );

    let preview = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": "Weekly calls helped" } }),
    )
    .unwrap();
    assert!(preview
        .as_str()
        .unwrap()
        .contains("\"comment\": \"Weekly calls helped\""));
}

#[test]
fn regression_issue_12_the_window_refuses_a_comment_with_the_persons_own_name() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let (pair_id, number) = answered_checkin(&w);
    let comment = "Zoe here: the weekly calls helped";

    let error = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": comment, "myName": "Zoë Ångström" } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "invalid");
    assert!(
        error["message"].as_str().unwrap().contains("your own name"),
        "{error}"
    );
    // Exporting the text previewed with the comment, but naming the person, is refused too.
    let previewed = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": comment } }),
    )
    .unwrap();
    let error = invoke(
        &w,
        "export_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "previewed": previewed,
            "file": chosen(&w, &temp.path().join("out.json"), true), "myName": "Zoë Ångström" } }),
    )
    .unwrap_err();
    assert!(
        error["message"].as_str().unwrap().contains("your own name"),
        "{error}"
    );
    assert!(!temp.path().join("out.json").exists());
}

#[test]
fn a_folder_of_survey_files_is_reported_with_each_refused_file_named() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let (pair_id, number) = answered_checkin(&w);
    let folder = temp.path().join("surveys");
    std::fs::create_dir(&folder).unwrap();
    let preview = invoke(
        &w,
        "preview_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "comment": null } }),
    )
    .unwrap();
    invoke(
        &w,
        "export_survey",
        json!({ "input": { "pairId": pair_id, "number": number, "previewed": preview, "file": chosen(&w, &folder.join("a.json"), true) } }),
    )
    .unwrap();
    std::fs::write(folder.join("broken.json"), "{ not json").unwrap();

    let report = invoke(
        &w,
        "build_report",
        json!({ "input": { "inputs": [chosen(&w, &folder, false)], "minGroup": 1 } }),
    )
    .unwrap();
    assert_eq!(report["programId"], "openstack-mentoring");
    assert_eq!(
        (report["files"].clone(), report["accepted"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(report["minGroup"], 1);
    let refused = report["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1);
    assert!(refused[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("broken.json"));
    assert_eq!(refused[0]["kind"], "malformed");
    let responses = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "responses")
        .unwrap();
    assert_eq!(responses["total"], 1);

    // The pack's minimum group (5) hides a single response.
    let hidden = invoke(
        &w,
        "build_report",
        json!({ "input": { "inputs": [chosen(&w, &folder, false)], "minGroup": null } }),
    )
    .unwrap();
    assert_eq!(hidden["minGroup"], 5);
    assert_eq!(hidden["tables"][0]["total"], json!(null));

    let html = temp.path().join("report.html");
    let csv = temp.path().join("report.csv");
    for (format, path) in [("html", &html), ("csv", &csv)] {
        let written = invoke(
            &w,
            "export_report",
            json!({ "input": { "inputs": [chosen(&w, &folder, false)], "minGroup": 1, "format": format, "file": chosen(&w, &path, true) } }),
        )
        .unwrap();
        assert_eq!(written["report"]["accepted"], 1);
        assert_eq!(
            written["bytes"],
            std::fs::metadata(path).unwrap().len(),
            "{format}"
        );
    }
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .starts_with("table,row,column,value"));
}

#[test]
fn a_report_of_no_readable_survey_file_is_refused_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let folder = temp.path().join("surveys");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notes.json"), "{}").unwrap();
    let out = temp.path().join("report.html");

    let error = invoke(
        &w,
        "export_report",
        json!({ "input": { "inputs": [chosen(&w, &folder, false)], "minGroup": null, "format": "html", "file": chosen(&w, &out, true) } }),
    )
    .unwrap_err();

    assert_eq!(error["kind"], "invalid", "{error}");
    assert!(!out.exists());
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
            json!({ "input": { "pairId": id, "myName": "Ana", "file": chosen(&w, &invite, true) } }),
        )
        .unwrap();
        assert_eq!(written["written"]["pairId"], id.as_str());
        std::fs::write(temp.path().join("code"), written["code"].as_str().unwrap()).unwrap();
        let status = invoke(&w, "get_sync_status", json!({ "input": { "pairId": id } })).unwrap();
        assert_eq!(status["shared"], true);
        id
    };
    {
        let w = window(&mock_app(&dir_b), "main");
        let code = std::fs::read_to_string(temp.path().join("code")).unwrap();
        let answer = temp.path().join("answer.trellis-answer");
        let accepted = invoke(
            &w,
            "accept_invite",
            json!({ "input": { "file": chosen(&w, &invite, false), "code": code, "answerFile": chosen(&w, &answer, true) } }),
        )
        .unwrap();
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
            json!({ "input": { "pairId": pair_id, "file": chosen(&w, &update, true) } }),
        )
        .unwrap();
    }
    let w = window(&mock_app(&dir_a), "main");
    let answer = temp.path().join("answer.trellis-answer");
    invoke(
        &w,
        "receive_update",
        json!({ "input": { "file": chosen(&w, &answer, false) } }),
    )
    .unwrap();
    let status = invoke(
        &w,
        "get_sync_status",
        json!({ "input": { "pairId": pair_id } }),
    )
    .unwrap();
    assert!(status["safetyCode"].is_string(), "{status}");
    let imported = invoke(
        &w,
        "receive_update",
        json!({ "input": { "file": chosen(&w, &update, false) } }),
    )
    .unwrap();
    assert_eq!(imported["inserted"], 1, "{imported}");
    assert_eq!(imported["upToDate"], false);
    let goals = invoke(
        &w,
        "list_goals",
        json!({ "input": { "pairId": pair_id, "offset": 0, "limit": 50 } }),
    )
    .unwrap();
    assert_eq!(goals["items"][0]["title"], "Review a patch upstream");
    let again = invoke(
        &w,
        "receive_update",
        json!({ "input": { "file": chosen(&w, &update, false) } }),
    )
    .unwrap();
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
        let written = invoke(
            &w,
            "invite_partner",
            json!({ "input": { "pairId": id, "myName": "Ana", "file": chosen(&w, &invite, true) } }),
        )
        .unwrap();
        std::fs::write(temp.path().join("code"), written["code"].as_str().unwrap()).unwrap();
        id
    };
    {
        let w = window(&mock_app(&dir_b), "main");
        let code = std::fs::read_to_string(temp.path().join("code")).unwrap();
        let answer = temp.path().join("answer.trellis-answer");
        invoke(
            &w,
            "accept_invite",
            json!({ "input": { "file": chosen(&w, &invite, false), "code": code, "answerFile": chosen(&w, &answer, true) } }),
        )
        .unwrap();
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
            json!({ "input": { "pairId": pair_id, "file": chosen(&w, &update, true) } }),
        )
        .unwrap();
    }
    // Someone on the way flips one byte of the (encrypted) file.
    let mut altered = std::fs::read(&update).unwrap();
    let at = altered.len() - 20;
    altered[at] ^= 0x40;
    std::fs::write(&update, altered).unwrap();

    let w = window(&mock_app(&dir_a), "main");
    let answer = temp.path().join("answer.trellis-answer");
    invoke(
        &w,
        "receive_update",
        json!({ "input": { "file": chosen(&w, &answer, false) } }),
    )
    .unwrap();
    let error = invoke(
        &w,
        "receive_update",
        json!({ "input": { "file": chosen(&w, &update, false) } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "format", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("altered"),
        "{error}"
    );
    let goals = invoke(
        &w,
        "list_goals",
        json!({ "input": { "pairId": pair_id, "offset": 0, "limit": 50 } }),
    )
    .unwrap();
    assert_eq!(goals["items"], json!([]));
    let error = invoke(
        &w,
        "resolve_conflict",
        json!({ "input": { "id": 999, "keep": "theirs" } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not_found", "{error}");
}

#[test]
fn a_deleted_note_goes_to_the_trash_comes_back_and_is_then_deleted_for_good() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair_id = new_pair(&w)["id"].clone();
    let note = invoke(
        &w,
        "add_note",
        json!({ "input": { "pairId": pair_id, "note": { "body": "Gerrit confuses me", "visibility": "private" } } }),
    )
    .unwrap();
    let notes = || {
        invoke(
            &w,
            "list_notes",
            json!({ "input": { "pairId": pair_id, "offset": 0, "limit": 50 } }),
        )
        .unwrap()["items"]
            .as_array()
            .unwrap()
            .len()
    };
    let trashed = invoke(
        &w,
        "delete_note",
        json!({ "input": { "noteId": note["id"] } }),
    )
    .unwrap();
    assert_eq!(trashed["kind"], "note");
    assert_eq!(trashed["label"], "Gerrit confuses me");
    assert_eq!(notes(), 0);
    let listed = invoke(&w, "list_trash", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let back = invoke(
        &w,
        "restore_trash_item",
        json!({ "input": { "trashId": trashed["id"] } }),
    )
    .unwrap();
    assert_eq!(back["itemId"], note["id"]);
    assert_eq!(notes(), 1);

    let again = invoke(
        &w,
        "delete_note",
        json!({ "input": { "noteId": note["id"] } }),
    )
    .unwrap();
    let purged = invoke(
        &w,
        "purge_trash_item",
        json!({ "input": { "trashId": again["id"] } }),
    )
    .unwrap();
    assert_eq!(purged["items"], 1);
    let refused = invoke(
        &w,
        "restore_trash_item",
        json!({ "input": { "trashId": again["id"] } }),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "not_found");
    let emptied = invoke(&w, "empty_trash", json!({ "input": { "pairId": pair_id } })).unwrap();
    assert_eq!(emptied["items"], 0);
}

#[test]
fn backups_are_deleted_one_by_one_or_pruned_through_ipc() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    new_pair(&w);
    let first = invoke(&w, "backup_now", json!({})).unwrap();
    let second = invoke(&w, "backup_now", json!({})).unwrap();
    let gone = invoke(
        &w,
        "delete_backup",
        json!({ "input": { "name": first["name"] } }),
    )
    .unwrap();
    assert_eq!(gone["name"], first["name"]);
    let refused = invoke(
        &w,
        "delete_backup",
        json!({ "input": { "name": "../trellis.db" } }),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "invalid");
    let pruned = invoke(
        &w,
        "prune_backups",
        json!({ "input": { "olderThanDays": 0 } }),
    )
    .unwrap();
    assert_eq!(pruned, json!([]), "the newest backup always stays");
    let left = invoke(&w, "list_backups", json!({})).unwrap();
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["name"], second["name"]);
}

#[test]
fn a_file_chosen_to_save_is_written_once_and_a_chosen_file_to_read_is_never_written() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair_id = new_pair(&w)["id"].clone();
    let out = temp.path().join("record.md");
    let token = chosen(&w, &out, true);
    let export = |file: &str| {
        invoke(
            &w,
            "export_record",
            json!({ "input": { "pairId": pair_id, "format": "markdown", "includePrivate": false, "file": file } }),
        )
    };
    let written = export(&token).unwrap();
    assert_eq!(written["path"], out.to_str().unwrap());
    std::fs::remove_file(&out).unwrap();
    assert_eq!(export(&token).unwrap_err()["kind"], "invalid", "spent");
    assert!(!out.exists());
    let read_only = chosen(&w, &out, false);
    assert_eq!(export(&read_only).unwrap_err()["kind"], "invalid");
    assert!(!out.exists());
}

#[test]
fn list_zones_gives_canonical_names_and_maps_old_ones() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let zones = invoke(&window(&app, "main"), "list_zones", json!({})).unwrap();
    let names = zones["names"].as_array().unwrap();
    assert!(names.iter().any(|n| n == "Asia/Kolkata"));
    assert!(!names.iter().any(|n| n == "Asia/Calcutta"));
    assert!(zones["aliases"]
        .as_array()
        .unwrap()
        .contains(&json!({ "alias": "Asia/Calcutta", "zone": "Asia/Kolkata" })));
    assert!(names.contains(&zones["system"]));
}

#[test]
fn a_meeting_is_scheduled_from_both_peoples_hours_with_warnings_and_cancelled() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let pair_ref = json!({ "input": { "pairId": pair["id"] } });

    let schedule = invoke(&w, "get_schedule", pair_ref.clone()).unwrap();
    assert_eq!(
        schedule["myHours"]["days"][0],
        json!({ "from": "09:00", "to": "18:00" })
    );
    assert_eq!(schedule["next"], json!(null));

    // Hours that end before they start are refused, and mine stay as they were.
    // Afternoons and evenings in Berlin: mornings in Chicago.
    let mut days = vec![json!({ "from": "12:00", "to": "20:00" }); 5];
    days.extend([json!(null), json!(null)]);
    let mut bad = days.clone();
    bad[2] = json!({ "from": "16:00", "to": "10:00" });
    let error = invoke(
        &w,
        "set_my_hours",
        json!({ "input": { "pairId": pair["id"], "hours": { "days": bad } } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "invalid");
    let schedule = invoke(&w, "get_schedule", pair_ref.clone()).unwrap();
    assert_eq!(schedule["myHours"]["days"][2]["from"], "09:00");
    let schedule = invoke(
        &w,
        "set_my_hours",
        json!({ "input": { "pairId": pair["id"], "hours": { "days": days } } }),
    )
    .unwrap();
    assert_eq!(schedule["myHours"]["days"][2]["from"], "12:00");

    let proposals = invoke(
        &w,
        "propose_meetings",
        json!({ "input": { "pairId": pair["id"], "minutes": 60, "count": 3 } }),
    )
    .unwrap();
    let proposals = proposals.as_array().unwrap();
    assert_eq!(proposals.len(), 3);
    assert!(proposals.iter().all(|p| p["warnings"] == json!([])));

    // Monday 13:00 in Berlin is 06:00 in Chicago: warnings, never a refusal.
    let early = invoke(
        &w,
        "check_meeting_time",
        json!({ "input": { "pairId": pair["id"], "startsAt": "2030-01-07T12:00:00Z", "minutes": 60 } }),
    )
    .unwrap();
    assert_eq!(
        early["warnings"],
        json!(["outside_partner_hours", "night_for_partner"])
    );

    let schedule = invoke(
        &w,
        "schedule_meeting",
        json!({ "input": { "pairId": pair["id"], "schedule": {
            "startsAt": "2030-01-07T15:00:00Z", "minutes": 45, "recurs": true
        }}}),
    )
    .unwrap();
    assert!(schedule["next"]["mine"].as_str().unwrap().contains("16:00"));
    assert!(schedule["next"]["theirs"]
        .as_str()
        .unwrap()
        .contains("09:00"));
    assert_eq!(schedule["next"]["minutes"], 45);
    assert_eq!(schedule["recurZone"], "Europe/Berlin");
    assert_eq!(
        invoke(&w, "get_schedule", pair_ref.clone()).unwrap()["next"],
        schedule["next"]
    );

    let schedule = invoke(&w, "cancel_meeting", pair_ref.clone()).unwrap();
    assert_eq!(schedule["next"], json!(null));
    assert_eq!(schedule["recurs"], false);
    let error = invoke(&w, "log_scheduled_meeting", pair_ref).unwrap_err();
    assert_eq!(error["kind"], "conflict");
}

#[test]
fn add_to_calendar_writes_the_scheduled_meeting_where_the_person_chose() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let out = temp.path().join("meeting.ics");
    let export = |token: &str| {
        invoke(
            &w,
            "export_meeting_ics",
            json!({ "input": { "pairId": pair["id"], "file": token } }),
        )
    };
    // Nothing scheduled: refused, and nothing written.
    assert_eq!(
        export(&chosen(&w, &out, true)).unwrap_err()["kind"],
        "conflict"
    );
    assert!(!out.exists());
    invoke(
        &w,
        "schedule_meeting",
        json!({ "input": { "pairId": pair["id"], "schedule": {
            "startsAt": "2030-01-07T15:00:00Z", "minutes": 45, "recurs": false
        }}}),
    )
    .unwrap();
    let written = export(&chosen(&w, &out, true)).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("DTSTART:20300107T150000Z\r\n"), "{text}");
    assert!(text.contains("BEGIN:VALARM\r\n"), "{text}");
    assert_eq!(written["bytes"], text.len());
}

/// Issue 16: the mentor's week, read in this computer's zone.
#[test]
fn the_week_splits_what_i_owe_from_what_my_partner_owes_through_ipc() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let pair_id = pair["id"].as_str().unwrap();
    for (text, owner, due) in [
        ("Install DevStack", "mentee", "2020-01-06"),
        ("Review the patch", "mentor", "2020-01-07"),
        ("Far ahead", "mentor", "2999-01-01"),
    ] {
        invoke(
            &w,
            "add_action",
            json!({ "input": { "pairId": pair_id, "action": { "text": text, "owner": owner, "dueDate": due } } }),
        )
        .unwrap();
    }
    let week = invoke(&w, "get_week", json!({})).unwrap();
    assert_eq!(week["pairs"], 1);
    assert_eq!(week["myTz"], trellis_core::zone::system().name());
    assert_eq!(week["iOwe"].as_array().unwrap().len(), 1);
    assert_eq!(week["iOwe"][0]["text"], "Install DevStack");
    assert_eq!(week["iOwe"][0]["overdue"], true);
    assert_eq!(week["theyOwe"].as_array().unwrap().len(), 1);
    assert_eq!(week["theyOwe"][0]["partnerName"], "Sam Rivera");
}

#[test]
fn add_to_calendar_writes_a_due_date_and_the_kept_calendar_file_follows_a_change() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let pair = new_pair(&w);
    let item = invoke(
        &w,
        "add_action",
        json!({ "input": { "pairId": pair["id"], "meetingId": null,
            "action": { "text": "Send the CFP", "owner": "mentee", "dueDate": "2030-02-03" } } }),
    )
    .unwrap();
    let out = temp.path().join("due.ics");
    invoke(
        &w,
        "export_action_ics",
        json!({ "input": { "actionId": item["id"], "file": chosen(&w, &out, true) } }),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20300203\r\n"), "{text}");

    let folder = temp.path().join("calendars");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(
        invoke(
            &w,
            "get_calendar_file",
            json!({ "input": { "pairId": pair["id"] } })
        )
        .unwrap(),
        serde_json::Value::Null
    );
    let kept = invoke(
        &w,
        "set_calendar_folder",
        json!({ "input": { "pairId": pair["id"], "folder": chosen(&w, &folder, false) } }),
    )
    .unwrap();
    let path = kept["path"].as_str().unwrap().to_string();
    assert!(kept["writtenAt"].is_string(), "{kept}");
    invoke(
        &w,
        "edit_action",
        json!({ "input": { "actionId": item["id"], "patch": { "dueDate": "2030-02-05" } } }),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20300205\r\n"), "{text}");
    invoke(
        &w,
        "clear_calendar_folder",
        json!({ "input": { "pairId": pair["id"] } }),
    )
    .unwrap();
    assert_eq!(
        invoke(
            &w,
            "get_calendar_file",
            json!({ "input": { "pairId": pair["id"] } })
        )
        .unwrap(),
        serde_json::Value::Null
    );
}
