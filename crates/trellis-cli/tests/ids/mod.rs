//! The CLI: ids and their prefixes.

use super::*;

#[test]
fn ids_may_be_given_as_any_unique_prefix_in_either_case() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let upper = pair[..13].to_uppercase();
    for prefix in [&pair[..1], &pair[..8], upper.as_str(), pair.as_str()] {
        let shown = env.json(&["pair", "show", prefix]);
        assert_eq!(shown["pair"]["id"], pair.as_str(), "prefix {prefix}");
    }
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    assert_eq!(id(&env.json(&["goal", "show", &g[..1]])), g);
}

#[test]
fn an_ambiguous_prefix_is_refused_and_changes_nothing() {
    let env = Env::new();
    let a = env.pair("Ana Lopez");
    let b = env.pair("Bo Chen");
    let shared = common_prefix(&a, &b);
    assert!(!shared.is_empty() && shared.len() < 36);
    let err = env.refused(&["pair", "pause", &shared]);
    assert_eq!(
        err.trim(),
        format!("error: pair: '{shared}' matches more than one pair; type more of the id")
    );
    let longer = &a[..shared.len() + 1];
    assert_eq!(
        env.json(&["pair", "show", longer])["pair"]["id"],
        a.as_str()
    );

    // Criteria copied from the pack in one go share a long prefix.
    let crit = env.criteria(&a);
    let shared = common_prefix(&crit[1], &crit[2]);
    let err = env.refused(&["criterion", "met", &shared]);
    assert_contains(
        &err,
        &["matches more than one criterion; type more of the id"],
    );
}

#[test]
fn an_unknown_id_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let unknown = "ffffffff-ffff-7fff-bfff-ffffffffffff";
    for (args, what) in [
        (vec!["pair", "show", unknown], "pair"),
        (vec!["pair", "graduate", unknown], "pair"),
        (
            vec!["goal", "add", "--pair", unknown, "--title", "X"],
            "pair",
        ),
        (vec!["goal", "status", unknown, "active"], "goal"),
        (vec!["milestone", "done", unknown], "milestone"),
        (vec!["meeting", "delete", unknown], "meeting"),
        (vec!["action", "done", unknown], "action item"),
        (vec!["note", "delete", unknown], "note"),
        (vec!["criterion", "met", unknown], "criterion"),
        (vec!["export", "--pair", unknown], "pair"),
    ] {
        let err = env.refused(&args);
        assert_eq!(
            err.trim(),
            format!("error: no {what} matches '{unknown}'"),
            "{args:?}"
        );
    }
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --goal ffff"
    )));
    assert_eq!(err.trim(), "error: no goal matches 'ffff'");
    let err = env.refused(&["pair", "show", "not-an-id!"]);
    assert_contains(&err, &["'not-an-id!' is not an id or id prefix"]);
}

#[test]
fn the_short_ids_printed_in_tables_can_be_typed_back() {
    // Criteria copied at once, and a meeting's action items, are made in the
    // same millisecond; their shortened ids must still tell them apart.
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let table = env.ok(&["criterion", "list", "--pair", &pair]);
    let full = env.criteria(&pair);
    let shown: Vec<&str> = table
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.len() > 8 && w.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
        .collect();
    assert_eq!(shown.len(), 4, "{table}");
    for (short, id) in shown.iter().zip(&full) {
        assert!(id.starts_with(short), "{short} is not a prefix of {id}");
        let met = env.json(&["criterion", "met", short, "--on", "2025-10-01"]);
        assert_eq!(util::id(&met), *id);
    }

    meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee:One", "mentee:Two", "mentor:Three"],
    );
    let table = env.ok(&["action", "list", "--pair", &pair]);
    for line in table
        .lines()
        .filter(|l| l.contains("mentee") || l.contains("mentor"))
    {
        let short = line.split_whitespace().next().unwrap();
        env.ok(&["action", "done", short]);
    }
    assert_eq!(
        env.json(&["action", "list", "--pair", &pair, "--open"]),
        serde_json::json!([])
    );
}
