//! The CLI: goals.

use super::*;

#[test]
fn a_goal_is_added_with_milestones_a_target_and_the_criteria_it_serves() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let merged = env.criteria(&pair)[2].clone();
    let out = env.ok(&words(&format!(
        "goal add --pair {pair} --title 'Get a first patch merged' \
         --why 'Learn Gerrit end to end' --target 2025-12-01 \
         --milestone 'Set up DevStack' --milestone 'Push the change' \
         --criterion {merged}"
    )));
    assert!(out.starts_with("Added goal "), "{out}");
    assert_contains(
        &out,
        &[
            "Get a first patch merged [active] target 2025-12-01 — milestones 0/2",
            "Why: Learn Gerrit end to end",
            "[ ] Set up DevStack",
            "[ ] Push the change",
        ],
    );

    let g = env.json(&words(&format!(
        "goal add --pair {pair} --title 'Attend a WG meeting' --status proposed \
         --milestone 'Find the meeting time'"
    )));
    assert_eq!(g["pairId"], pair.as_str());
    assert_eq!(g["status"], "proposed");
    assert_eq!(g["targetDate"], Value::Null);
    assert_eq!(g["milestones"][0]["text"], "Find the meeting time");
    assert_eq!(g["milestones"][0]["goalId"], id(&g).as_str());
    assert_eq!(g["milestones"][0]["done"], false);
    assert_eq!(g["criterionIds"], serde_json::json!([]));

    let list = env.json(&["goal", "list", "--pair", &pair]);
    assert_eq!(arr(&list).len(), 2);
    assert_eq!(list[0]["title"], "Get a first patch merged");
    assert_eq!(list[0]["criterionIds"], serde_json::json!([merged]));
    assert_eq!(list[0]["why"], "Learn Gerrit end to end");
    assert_contains(
        &env.ok(&["goal", "list", "--pair", &pair]),
        &[
            "Get a first patch merged",
            "active",
            "2025-12-01",
            "0/2",
            "Attend a WG meeting",
            "proposed",
            "0/1",
        ],
    );

    let shown = env.json(&["goal", "show", &id(&g)]);
    assert_eq!(shown, g);
    assert_contains(
        &env.ok(&["goal", "show", &id(&g)]),
        &["Attend a WG meeting [proposed]"],
    );
}

#[test]
fn a_pair_without_goals_says_how_to_add_one() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.ok(&["goal", "list", "--pair", &pair]),
        &["No goals yet", "trellis goal add"],
    );
}

#[test]
fn editing_a_goal_changes_only_the_fields_given_and_an_empty_target_clears_it() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let crit = env.criteria(&pair);
    let g = id(&env.json(&words(&format!(
        "goal add --pair {pair} --title 'Old title' --why Because \
         --target 2025-12-01 --criterion {}",
        crit[0]
    ))));

    let out = env.ok(&["goal", "edit", &g, "--title", "New title"]);
    assert_contains(
        &out,
        &["Updated goal", "New title [active] target 2025-12-01"],
    );

    let edited = env.json(&words(&format!(
        "goal edit {g} --target '' --criterion {} --criterion {}",
        crit[1], crit[2]
    )));
    assert_eq!(id(&edited), g);
    assert_eq!(edited["title"], "New title");
    assert_eq!(edited["why"], "Because");
    assert_eq!(edited["targetDate"], Value::Null);
    assert_eq!(
        edited["criterionIds"],
        serde_json::json!([crit[1], crit[2]])
    );
}

#[test]
fn a_goal_moves_through_its_statuses_and_records_when_it_was_achieved() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    assert_contains(
        &env.ok(&["goal", "status", &g, "proposed"]),
        &["is now proposed"],
    );
    let achieved = env.json(&["goal", "status", &g, "achieved"]);
    assert_eq!(id(&achieved), g);
    assert_eq!(achieved["status"], "achieved");
    assert!(achieved["achievedOn"].is_string(), "{achieved}");
    let dropped = env.json(&["goal", "status", &g, "DROPPED"]);
    assert_eq!(dropped["status"], "dropped");
    assert_eq!(dropped["achievedOn"], Value::Null);
    assert_eq!(
        env.json(&["goal", "status", &g, "active"])["status"],
        "active"
    );
}

#[test]
fn an_unknown_goal_status_is_refused_with_the_ones_to_use() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let err = env.refused(&["goal", "status", &g, "finished"]);
    assert_contains(
        &err,
        &["status: 'finished' is not a choice; use proposed, active, achieved or dropped"],
    );
    let err = env.refused(&words(&format!(
        "goal add --pair {pair} --title X --status done"
    )));
    assert_contains(&err, &["'done' is not a choice"]);
}

#[test]
fn adding_a_goal_with_an_empty_title_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&["goal", "add", "--pair", &pair, "--title", "   "]);
    assert_eq!(err.trim(), "error: title: must not be empty");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let err = env.refused(&["goal", "edit", &g, "--title", ""]);
    assert_contains(&err, &["title: must not be empty"]);
    assert_eq!(arr(&env.json(&["goal", "list", "--pair", &pair])).len(), 1);
}

#[test]
fn a_goal_cannot_serve_another_pairs_criterion() {
    let env = Env::new();
    let mine = env.pair("Ana Lopez");
    let theirs = env.pair("Bo Chen");
    let their_crit = env.criteria(&theirs)[0].clone();
    let err = env.refused(&words(&format!(
        "goal add --pair {mine} --title Borrowed --criterion {their_crit}"
    )));
    assert_contains(&err, &["is not one of this pair's"]);
}

#[test]
fn deleting_a_goal_keeps_its_meetings() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let m = id(&env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --goal {g}"
    ))));
    assert_eq!(
        env.json(&["meeting", "show", &m])["goalIds"],
        serde_json::json!([g])
    );

    let out = env.ok(&["goal", "delete", &g]);
    assert!(
        out.starts_with(&format!("Deleted goal {g}. It is in the Trash until ")),
        "{out}"
    );
    let after = env.json(&["meeting", "show", &m]);
    assert_eq!(after["goalIds"], serde_json::json!([]));
    assert_eq!(
        env.json(&["goal", "list", "--pair", &pair]),
        serde_json::json!([])
    );

    let g2 = id(&goal(&env, &pair, "Another"));
    assert_trashed(&env.json(&["goal", "delete", &g2]), &g2);
}
