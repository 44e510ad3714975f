//! Encryption at rest through IPC (issue 14): turned on from Settings, the
//! next start is locked until the passphrase is given (a wrong one changes
//! nothing), a backup of the encrypted data restores, and it turns off again.

use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

use crate::util::{invoke, mock_app_with_keys, window};

const PASS: &str = "correct horse battery staple";

fn partners(w: &WebviewWindow<MockRuntime>) -> Result<Vec<String>, Value> {
    let status = invoke(w, "get_status", json!({}))?;
    Ok(status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["pair"]["partnerName"].as_str().unwrap().to_owned())
        .collect())
}

fn no_keyring() -> Box<dyn trellis_core::encryption::KeyStore> {
    Box::new(trellis_core::encryption::NoKeyStore)
}

#[test]
fn encrypted_data_is_locked_at_start_until_its_passphrase_is_given() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    {
        let app = mock_app_with_keys(&dir, no_keyring());
        let w = window(&app, "main");
        invoke(
            &w,
            "add_pair",
            json!({ "input": {
                "myRole": "mentee", "partnerName": "Sam Rivera",
                "programId": "openstack-mentoring", "cohortId": "first-patch",
                "matchDate": "2026-09-01", "myTz": "UTC", "partnerTz": "UTC",
                "cadenceDays": 14, "ownCriteria": []
            }}),
        )
        .unwrap();
        let short = invoke(
            &w,
            "turn_on_encryption",
            json!({ "input": { "passphrase": "short", "remember": false } }),
        )
        .unwrap_err();
        assert_eq!(short["kind"], "invalid");
        let health = invoke(
            &w,
            "turn_on_encryption",
            json!({ "input": { "passphrase": PASS, "remember": false } }),
        )
        .unwrap();
        assert_eq!(health["status"], "ok");
        // Still open in this run, on the encrypted file.
        assert_eq!(partners(&w).unwrap(), ["Sam Rivera"]);
        let status = invoke(&w, "encryption_status", json!({})).unwrap();
        assert_eq!(status, json!({ "encrypted": true, "inKeyring": false }));
        invoke(&w, "backup_now", json!({})).unwrap();
    }

    let app = mock_app_with_keys(&dir, no_keyring());
    let w = window(&app, "main");
    assert_eq!(
        invoke(&w, "get_health", json!({})).unwrap()["status"],
        "locked"
    );
    assert_eq!(partners(&w).unwrap_err()["kind"], "locked");
    let wrong = invoke(
        &w,
        "unlock_data",
        json!({ "input": { "passphrase": "not it, sorry", "remember": false } }),
    )
    .unwrap_err();
    assert_eq!(wrong["kind"], "invalid");
    assert!(
        wrong["message"]
            .as_str()
            .unwrap()
            .contains("not the passphrase"),
        "{wrong}"
    );
    assert_eq!(
        invoke(&w, "get_health", json!({})).unwrap()["status"],
        "locked"
    );

    let health = invoke(
        &w,
        "unlock_data",
        json!({ "input": { "passphrase": PASS, "remember": false } }),
    )
    .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(partners(&w).unwrap(), ["Sam Rivera"]);

    // A backup of encrypted data restores with the key the app holds.
    let backups = invoke(&w, "list_backups", json!({})).unwrap();
    let name = backups[0]["name"].as_str().unwrap();
    invoke(&w, "restore_backup", json!({ "input": { "name": name } })).unwrap();
    assert_eq!(partners(&w).unwrap(), ["Sam Rivera"]);

    let health = invoke(
        &w,
        "turn_off_encryption",
        json!({ "input": { "passphrase": PASS } }),
    )
    .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(partners(&w).unwrap(), ["Sam Rivera"]);
    assert_eq!(
        invoke(&w, "encryption_status", json!({})).unwrap(),
        json!({ "encrypted": false, "inKeyring": false })
    );
}

#[test]
fn a_key_remembered_in_the_keyring_opens_without_a_passphrase() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let keyring = std::sync::Arc::new(trellis_core::encryption::MemoryKeyStore::default());
    #[derive(Debug)]
    struct Shared(std::sync::Arc<trellis_core::encryption::MemoryKeyStore>);
    impl trellis_core::encryption::KeyStore for Shared {
        fn get(&self, id: &str) -> trellis_core::Result<Option<trellis_core::encryption::Key>> {
            self.0.get(id)
        }
        fn set(&self, id: &str, key: &trellis_core::encryption::Key) -> trellis_core::Result<()> {
            self.0.set(id, key)
        }
        fn delete(&self, id: &str) -> trellis_core::Result<()> {
            self.0.delete(id)
        }
    }
    {
        let app = mock_app_with_keys(&dir, Box::new(Shared(keyring.clone())));
        let w = window(&app, "main");
        invoke(
            &w,
            "turn_on_encryption",
            json!({ "input": { "passphrase": PASS, "remember": true } }),
        )
        .unwrap();
    }
    let app = mock_app_with_keys(&dir, Box::new(Shared(keyring.clone())));
    let w = window(&app, "main");
    assert_eq!(invoke(&w, "get_health", json!({})).unwrap()["status"], "ok");
    assert_eq!(
        invoke(&w, "encryption_status", json!({})).unwrap(),
        json!({ "encrypted": true, "inKeyring": true })
    );
    // Without the keyring, the same data is locked.
    drop((w, app));
    let app = mock_app_with_keys(&dir, no_keyring());
    assert_eq!(
        invoke(&window(&app, "main"), "get_health", json!({})).unwrap()["status"],
        "locked"
    );
}
