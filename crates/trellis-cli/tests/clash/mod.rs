//! With `--json`, a clash with the stored state and a file that does not
//! read are JSON documents a program switches on: the clash's `rule` and
//! parameters, the file's kind and the detail; the English stays the message.

use crate::util::*;

#[test]
fn with_json_a_conflict_names_its_rule_and_parameters_beside_its_english() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    env.ok(&["pair", "end", &pair, "--reason", "Mentee changed jobs"]);
    let err = env.refused(&["--json", "pair", "pause", &pair]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["kind"], "conflict");
    assert_eq!(doc["error"]["code"], "conflict");
    assert_eq!(doc["error"]["field"], serde_json::Value::Null);
    assert_eq!(doc["error"]["params"]["rule"], "status_forbids");
    assert_eq!(doc["error"]["params"]["status"], "ended");
    assert_eq!(doc["error"]["params"]["change"], "pause");
    assert_eq!(
        doc["error"]["message"],
        "this pair is ended and cannot be paused"
    );
    let err = env.refused(&["pair", "pause", &pair]);
    assert_eq!(err.trim(), "error: this pair is ended and cannot be paused");
}

#[test]
fn with_json_a_pack_that_does_not_read_names_its_kind_and_keeps_the_detail() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let file = env.root().join("broken.toml");
    std::fs::write(&file, "this is = = not toml").unwrap();
    let err = env.refused(&["--json", "pack", "import", file.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["code"], "format");
    assert_eq!(doc["error"]["params"]["what"], "pack");
    assert!(!doc["error"]["params"]["reason"]
        .as_str()
        .unwrap()
        .is_empty());
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("pack: "));
}
