//! The CLI: milestones of goals.

use super::*;

#[test]
fn milestones_are_added_reworded_ticked_unticked_and_deleted() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = goal(&env, &pair, "Get a first patch merged");
    let gid = id(&g);
    let first = id(&g["milestones"][0]);

    let out = env.ok(&["milestone", "add", "--goal", &gid, "Answer the reviews"]);
    assert!(out.starts_with("[ ] Answer the reviews ("), "{out}");
    let added = env.json(&["milestone", "add", "--goal", &gid, "Celebrate"]);
    assert_eq!(added["goalId"], gid.as_str());
    assert_eq!(added["position"], 3);
    let added = id(&added);

    let edited = env.json(&["milestone", "edit", &first, "Set up DevStack on a VM"]);
    assert_eq!(id(&edited), first);
    assert_eq!(edited["text"], "Set up DevStack on a VM");

    let out = env.ok(&["milestone", "done", &first]);
    assert!(out.starts_with("[x] Set up DevStack on a VM"), "{out}");
    let shown = env.json(&["goal", "show", &gid]);
    assert_eq!(shown["milestones"][0]["done"], true);
    assert!(shown["milestones"][0]["doneOn"].is_string());
    assert_contains(
        &env.ok(&["goal", "show", &gid]),
        &["milestones 1/4", "[x] Set up DevStack on a VM"],
    );

    let undone = env.json(&["milestone", "undone", &first]);
    assert_eq!(undone["done"], false);
    assert_eq!(undone["doneOn"], Value::Null);

    assert_eq!(
        env.json(&["milestone", "delete", &added]),
        serde_json::json!({ "id": added, "deleted": true })
    );
    let texts: Vec<String> = arr(&env.json(&["goal", "show", &gid])["milestones"])
        .iter()
        .map(|m| s(&m["text"]).to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "Set up DevStack on a VM",
            "Push the change to Gerrit",
            "Answer the reviews"
        ]
    );
    let last = id(&env.json(&["goal", "show", &gid])["milestones"][2]);
    assert_eq!(
        env.ok(&["milestone", "delete", &last]).trim(),
        format!("Deleted milestone {last}")
    );
}

#[test]
fn an_empty_milestone_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = goal(&env, &pair, "Get a first patch merged");
    assert_contains(
        &env.refused(&["milestone", "add", "--goal", &id(&g), " "]),
        &["milestone: must not be empty"],
    );
    assert_contains(
        &env.refused(&["milestone", "edit", &id(&g["milestones"][0]), ""]),
        &["milestone: must not be empty"],
    );
}
