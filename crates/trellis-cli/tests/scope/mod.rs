//! `trellis search --pair` (issue 17): the search Ctrl+F runs on a pair's
//! screen, from the command line.

use serde_json::Value;

use super::util::{common_prefix, Env};

fn pairs_of(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap_or_else(|| panic!("not an array: {hits}"))
        .iter()
        .map(|h| h["pairId"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn search_with_pair_finds_only_that_pairs_items() {
    let env = Env::new();
    let ana = env.pair("Ana Lopez");
    let bo = env.pair("Bo Chen");
    env.ok(&["note", "add", "--pair", &ana, "zuulcraft for Ana"]);
    env.ok(&["note", "add", "--pair", &bo, "zuulcraft for Bo"]);
    env.ok(&["note", "add", "--pair", &bo, "more zuulcraft for Bo"]);

    assert_eq!(pairs_of(&env.json(&["search", "zuulcraft"])).len(), 3);
    assert_eq!(
        pairs_of(&env.json(&["search", "zuulcraft", "--pair", &ana])),
        vec![ana.as_str()]
    );
    let prefix = &bo[..common_prefix(&ana, &bo).len() + 1];
    assert_eq!(
        pairs_of(&env.json(&["search", "zuulcraft", "--pair", prefix])),
        vec![bo.as_str(), bo.as_str()],
        "an id prefix names the pair"
    );
    let out = env.ok(&["search", "zuulcraft", "--pair", &ana]);
    assert!(
        out.contains("Ana Lopez") && !out.contains("Bo Chen"),
        "{out}"
    );
}

#[test]
fn search_within_an_unknown_pair_fails() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let out = env
        .cmd(&["search", "zuulcraft", "--pair", "ffffffff"])
        .output()
        .expect("trellis runs");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
}
