//! The CLI: the status overview.

use super::*;

#[test]
fn status_lists_every_pair_most_urgent_first_with_what_needs_attention() {
    let env = Env::new();
    assert_contains(
        &env.ok(&["status"]),
        &["No pairs yet", "trellis pair sample"],
    );
    assert_eq!(env.json(&["status"]), serde_json::json!([]));

    let calm = env.pair("Calm Pair");
    env.ok(&["pair", "pause", &calm]);
    let busy = env.pair("Busy Pair");
    meeting(
        &env,
        &busy,
        "2025-09-03 17:00",
        &["mentee@2025-09-10:Overdue thing", "mentor:Open thing"],
    );
    env.ok(&words(&format!(
        "criterion met {} --on 2025-10-01",
        env.criteria(&busy)[0]
    )));

    let list = env.json(&["status"]);
    assert_eq!(arr(&list).len(), 2);
    let top = &list[0];
    assert_eq!(top["pair"]["id"], busy.as_str());
    assert_eq!(top["openActions"], 2);
    assert_eq!(top["overdueActions"], 1);
    // I am the mentee: the overdue item is mine, the open one my mentor's.
    assert_eq!(top["mine"], serde_json::json!({ "open": 1, "overdue": 1 }));
    assert_eq!(
        top["theirs"],
        serde_json::json!({ "open": 1, "overdue": 0 })
    );
    assert_eq!(top["criteriaMet"], 1);
    assert_eq!(top["criteriaTotal"], 4);
    assert_eq!(top["lastMeetingOn"], "2025-09-03");
    assert!(top["daysSinceMeeting"].as_i64().unwrap() > 14);
    let kinds: Vec<&str> = arr(&top["attention"])
        .iter()
        .map(|a| s(&a["kind"]))
        .collect();
    assert!(
        kinds.contains(&"meeting_overdue") && kinds.contains(&"actions_overdue"),
        "{kinds:?}"
    );
    assert!(top["urgency"].as_i64().unwrap() > list[1]["urgency"].as_i64().unwrap());
    assert_eq!(list[1]["pair"]["id"], calm.as_str());
    assert_eq!(list[1]["attention"], serde_json::json!([]));

    let out = env.ok(&["status"]);
    assert_contains(
        &out,
        &[
            "Busy Pair",
            "1 (1 overdue) / 1",
            "1/4",
            "1 action item overdue",
            "Calm Pair",
            "paused",
        ],
    );
    assert!(out.find("Busy Pair") < out.find("Calm Pair"), "{out}");
}
