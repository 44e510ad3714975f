//! A command's input, read before the command runs: one that does not read
//! (a date that is not a date, a zone no one has heard of) is refused as the
//! core refuses input, with code `invalid`, the field by the name the core's
//! errors give it (`due date`), `params.rule` (`not_a_date`, `not_a_time`,
//! `not_a_zone`) and `params.reason`, instead of Tauri's untyped message.
//! The command does not run, so nothing is written.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use tauri::ipc::InvokeBody;
use trellis_core::time::wire;

use crate::{CommandError, ErrorKind};

/// The argument every command's input arrives under (`input: T`).
const KEY: &str = "input";

/// Refuses `body` unless its input reads as `T`. A body without an input is
/// left to Tauri, which says what is missing.
pub(super) fn check<T: DeserializeOwned>(body: &InvokeBody) -> Result<(), CommandError> {
    let InvokeBody::Json(args) = body else {
        return Ok(());
    };
    let Some(input) = args.get(KEY) else {
        return Ok(());
    };
    serde_path_to_error::deserialize::<_, T>(input)
        .map(drop)
        .map_err(|e| refusal(input, e))
}

/// The refusal for a value that did not read at `path`: a typed field
/// (see [`wire::FIELDS`]) by its core name and rule, anything else by its
/// path in the input and serde's reason.
fn refusal(
    input: &serde_json::Value,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> CommandError {
    let key = match error.path().iter().next_back() {
        Some(Segment::Map { key }) => Some(key.as_str()),
        _ => None,
    };
    if let Some((field, expected)) = key.and_then(wire::field) {
        // The value as it came, for the refusal's `value` parameter.
        let mut at = input;
        for segment in error.path().iter() {
            at = match segment {
                Segment::Map { key } => at.get(key.as_str()).unwrap_or(&serde_json::Value::Null),
                Segment::Seq { index } => at.get(*index).unwrap_or(&serde_json::Value::Null),
                _ => &serde_json::Value::Null,
            };
        }
        let value = at.as_str().map_or_else(|| at.to_string(), str::to_owned);
        return expected.refusal(field, value).into();
    }
    let path = error.path().to_string();
    let reason = error.into_inner().to_string();
    if path == "." {
        CommandError::new(ErrorKind::Invalid, reason)
    } else {
        CommandError::invalid(&path, trellis_core::Reason::Malformed).with_param("detail", reason)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

    use crate::{app_builder, context, AppState};

    fn app(dir: &std::path::Path) -> App<MockRuntime> {
        let keys = Box::new(trellis_core::encryption::MemoryKeyStore::default());
        let state = AppState::open_with_keys(dir.to_path_buf(), keys).unwrap();
        app_builder(mock_builder(), state).build(context()).unwrap()
    }

    fn main_window(app: &App<MockRuntime>) -> WebviewWindow<MockRuntime> {
        app.get_webview_window("main").unwrap_or_else(|| {
            WebviewWindowBuilder::new(app, "main", Default::default())
                .build()
                .unwrap()
        })
    }

    /// Calls `cmd` as the UI does: `Ok` the value, `Err` what the UI receives.
    fn call(w: &WebviewWindow<MockRuntime>, cmd: &str, input: Value) -> Result<Value, Value> {
        let args = if input.is_null() {
            json!({})
        } else {
            json!({ "input": input })
        };
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(w, request).map(|body| body.deserialize().unwrap())
    }

    /// The field, code and rule of a refusal, as the UI places it.
    fn placed(error: &Value) -> (&str, &str, &str, &str) {
        (
            error["kind"].as_str().unwrap_or("?"),
            error["code"].as_str().unwrap_or("?"),
            error["field"].as_str().unwrap_or("?"),
            error["params"]["rule"].as_str().unwrap_or("?"),
        )
    }

    #[test]
    fn a_bad_date_reaches_the_ui_as_refused_input_naming_its_field_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let w = main_window(&app);
        let pair = call(&w, "create_sample_pair", Value::Null).unwrap();
        let pair_id = pair["id"].clone();
        let actions = || {
            call(
                &w,
                "list_actions",
                json!({ "pairId": pair_id, "openOnly": false }),
            )
        };
        let before = actions().unwrap();

        let error = call(
            &w,
            "add_action",
            json!({ "pairId": pair_id, "action": { "text": "Read the guide", "owner": "mentee", "dueDate": "2026-02-30" } }),
        )
        .unwrap_err();
        assert_eq!(
            placed(&error),
            ("invalid", "invalid", "due date", "not_a_date")
        );
        assert_eq!(error["params"]["value"], "2026-02-30");

        let first = before[0]["id"].clone();
        let error = call(
            &w,
            "edit_action",
            json!({ "actionId": first, "patch": { "text": "Changed", "dueDate": "next week" } }),
        )
        .unwrap_err();
        assert_eq!(
            placed(&error),
            ("invalid", "invalid", "due date", "not_a_date")
        );
        assert_eq!(actions().unwrap(), before, "nothing was added or changed");
    }

    #[test]
    fn a_bad_zone_or_time_is_refused_by_its_field_and_the_pair_stays_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let w = main_window(&app);
        let pair = call(&w, "create_sample_pair", Value::Null).unwrap();
        let pair_id = pair["id"].clone();

        let error = call(
            &w,
            "edit_pair",
            json!({ "pairId": pair_id, "patch": { "partnerName": "Someone else", "myTz": "Mars/Olympus_Mons" } }),
        )
        .unwrap_err();
        assert_eq!(
            placed(&error),
            ("invalid", "invalid", "my time zone", "not_a_zone")
        );
        let now = call(&w, "get_pair_summary", json!({ "pairId": pair_id })).unwrap();
        assert_eq!(now["pair"], pair, "the pair is unchanged");

        let meetings = || {
            call(
                &w,
                "list_meetings",
                json!({ "pairId": pair_id, "offset": 0, "limit": 50 }),
            )
        };
        let before = meetings().unwrap();
        let error = call(
            &w,
            "log_meeting",
            json!({ "pairId": pair_id, "meeting": { "startsAt": "yesterday", "durationMin": 30 } }),
        )
        .unwrap_err();
        assert_eq!(
            placed(&error),
            ("invalid", "invalid", "start", "not_a_time")
        );
        assert_eq!(meetings().unwrap(), before, "no meeting was logged");
    }

    #[test]
    fn a_value_of_another_shape_is_refused_by_its_path_in_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path());
        let w = main_window(&app);
        let pair = call(&w, "create_sample_pair", Value::Null).unwrap();

        let error = call(
            &w,
            "log_meeting",
            json!({ "pairId": pair["id"], "meeting": { "startsAt": "2026-03-14 16:00", "mode": "carrier-pigeon" } }),
        )
        .unwrap_err();
        assert_eq!(
            (error["code"].as_str(), error["field"].as_str()),
            (Some("invalid"), Some("meeting.mode"))
        );
    }
}
