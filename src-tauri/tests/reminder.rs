//! Reminders through IPC (issue 16): the settings round-trip and refusals,
//! and the page cannot reach the notification or login-entry plugins the
//! shell uses on its own.

use serde_json::json;

use crate::util::{invoke, mock_app, window};

#[test]
fn reminder_settings_are_read_and_changed_through_ipc() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let s = invoke(&w, "reminder_settings", json!({})).unwrap();
    assert_eq!(s["leadMinutes"], 15);
    assert_eq!(s["quietFrom"], "22:00");
    assert_eq!(s["quietTo"], "08:00");
    assert_eq!(s["startAtLogin"], false);

    let mut changed = s.clone();
    changed["leadMinutes"] = json!(30);
    changed["drift"] = json!(false);
    changed["quietFrom"] = json!("23:15");
    let back = invoke(&w, "set_reminder_settings", json!({ "input": changed })).unwrap();
    assert_eq!(back, changed);
    assert_eq!(invoke(&w, "reminder_settings", json!({})).unwrap(), changed);

    let mut bad = changed.clone();
    bad["leadMinutes"] = json!(0);
    let refused = invoke(&w, "set_reminder_settings", json!({ "input": bad })).unwrap_err();
    assert_eq!(refused["kind"], "invalid");
    assert_eq!(refused["field"], "lead");
    assert_eq!(invoke(&w, "reminder_settings", json!({})).unwrap(), changed);
}

#[test]
fn the_page_cannot_show_notifications_or_change_the_login_entry_itself() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    // The notification plugin is there (the shell shows reminders with it),
    // but nothing of it is granted to the page.
    for (cmd, args) in [
        (
            "plugin:notification|notify",
            json!({ "options": { "title": "Your bank", "body": "Click here" } }),
        ),
        ("plugin:notification|request_permission", json!({})),
        ("plugin:notification|is_permission_granted", json!({})),
    ] {
        let refused = invoke(&w, cmd, args).unwrap_err();
        assert!(
            refused.to_string().contains("not allowed"),
            "{cmd}: {refused}"
        );
    }
    // The login entry's plugin runs only in the real app, and is granted to
    // no page either.
    let refused = invoke(&w, "plugin:autostart|enable", json!({})).unwrap_err();
    let words = refused.to_string().to_lowercase();
    assert!(
        words.contains("not allowed") || words.contains("not found"),
        "plugin:autostart|enable: {refused}"
    );
}
