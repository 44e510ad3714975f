//! The CLI: search.

use super::*;

#[test]
fn search_finds_goals_milestones_meetings_action_items_and_notes_with_their_pair() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    env.ok(&words(&format!(
        "goal add --pair {pair} --title 'Learn zuulcraft basics' \
         --milestone 'Read the zuulcraft docs'"
    )));
    env.ok(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --notes 'We talked about zuulcraft jobs' \
         --action 'mentee:Write a zuulcraft job'"
    )));
    env.ok(&["note", "add", "--pair", &pair, "zuulcraft is confusing"]);

    let hits = env.json(&["search", "zuulcraft"]);
    let mut kinds: Vec<&str> = arr(&hits).iter().map(|h| s(&h["kind"])).collect();
    kinds.sort();
    assert_eq!(kinds, ["action", "goal", "meeting", "milestone", "note"]);
    for h in arr(&hits) {
        assert_eq!(h["pairId"], pair.as_str());
        assert_eq!(h["partnerName"], "Ana Lopez");
        assert_eq!(s(&h["itemId"]).len(), 36);
        assert!(
            arr(&h["snippet"])
                .iter()
                .any(|p| p["hit"] == true && p["text"] == "zuulcraft"),
            "{h}"
        );
    }

    let out = env.ok(&["search", "zuulcraft", "jobs"]);
    assert_contains(&out, &["meeting", "Ana Lopez", "[zuulcraft]", "[jobs]"]);
    let hits = env.json(&["search", "zuulcraft", "jobs"]);
    assert_eq!(arr(&hits).len(), 1, "every word must occur: {hits}");
    assert_eq!(hits[0]["kind"], "meeting");
    assert_eq!(
        arr(&env.json(&["search", "zuul"])).len(),
        5,
        "prefixes match"
    );
    assert_eq!(
        arr(&env.json(&["search", "zuulcraft", "--limit", "2"])).len(),
        2
    );
    assert_eq!(
        env.ok(&["search", "nonexistentword"]).trim(),
        "Nothing matches 'nonexistentword'."
    );
    assert_eq!(
        env.json(&["search", "nonexistentword"]),
        serde_json::json!([])
    );
    // FTS syntax is taken literally rather than failing.
    assert_eq!(
        env.json(&["search", "\"zuulcraft", "AND", "("]),
        serde_json::json!([])
    );
}
