//! The language setting through IPC: the system's until the person chooses,
//! remembered across starts, and the pack's texts in the language in use.

use serde_json::json;

use crate::util::{invoke, mock_app, window};

#[test]
fn the_chosen_language_is_remembered_and_the_packs_follow_it() {
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(temp.path());
    let w = window(&app, "main");

    let first = invoke(&w, "get_language", json!({})).unwrap();
    assert_eq!(first["chosen"], json!(null));
    assert_eq!(first["effective"], first["system"]);
    assert_eq!(
        first["available"],
        json!(["en", "en-GB", "zh-CN", "id", "ko", "es-MX", "de"])
    );

    let chosen = invoke(&w, "set_language", json!({ "input": { "language": "id" } })).unwrap();
    assert_eq!(
        (&chosen["chosen"], &chosen["effective"]),
        (&json!("id"), &json!("id"))
    );
    let pack = invoke(
        &w,
        "get_pack",
        json!({ "input": { "programId": "openstack-mentoring" } }),
    )
    .unwrap();
    assert_eq!(pack["program"]["name"], "Mentoring OpenStack");
    assert_eq!(pack["cohorts"][0]["id"], "first-patch");
    assert_eq!(pack["cohorts"][0]["name"], "Patch pertama Anda digabungkan");
    let listed = invoke(&w, "list_packs", json!({})).unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Mentoring OpenStack"));

    // Only the seven tags are accepted, exactly.
    assert!(invoke(
        &w,
        "set_language",
        json!({ "input": { "language": "id-ID" } })
    )
    .is_err());
    drop((w, app));

    // A new start remembers it.
    let app = mock_app(temp.path());
    let w = window(&app, "main");
    let again = invoke(&w, "get_language", json!({})).unwrap();
    assert_eq!(again["chosen"], "id");
    // Following the system again.
    let system = invoke(&w, "set_language", json!({ "input": { "language": null } })).unwrap();
    assert_eq!(system["chosen"], json!(null));
    assert_eq!(system["effective"], system["system"]);
}

#[test]
fn the_exported_html_report_follows_the_chosen_language() {
    use tauri::Manager;
    let temp = tempfile::tempdir().unwrap();
    let app = mock_app(&temp.path().join("data"));
    let w = window(&app, "main");
    let state = w.state::<trellis_desktop_lib::AppState>();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/trellis-core/tests/golden/report/in");
    let export = |language: &str| {
        invoke(
            &w,
            "set_language",
            json!({ "input": { "language": language } }),
        )
        .unwrap();
        let out = temp.path().join(format!("report-{language}.html"));
        let folder = state.remember_choice(golden.clone(), false);
        let file = state.remember_choice(out.clone(), true);
        let written = invoke(
            &w,
            "export_report",
            json!({ "input": { "inputs": [folder], "minGroup": null, "format": "html", "file": file } }),
        )
        .unwrap();
        assert_eq!(written["report"]["accepted"], 20);
        std::fs::read_to_string(out).unwrap()
    };
    let de = export("de");
    assert!(de.contains("<html lang=\"de\">"), "{}", &de[..300]);
    assert!(de.contains("<h1>Bericht der Check-in-Umfrage</h1>"));
    assert!(de.contains("Antworten nach Rolle"));
    assert!(!de.contains("Check-in survey report"));
    assert!(!de.contains("Made by Trellis"));
    let id = export("id");
    assert!(id.contains("<html lang=\"id\">"));
    assert!(id.contains("<h1>Laporan survei check-in</h1>"));
    let en = export("en");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<h1>Check-in survey report</h1>"));
    assert!(!en.contains("Bericht"));
}
