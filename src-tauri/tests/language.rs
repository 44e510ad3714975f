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
