//! The CLI: graduation criteria.

use super::*;

#[test]
fn criteria_are_marked_met_with_a_date_and_evidence_and_unmarked() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let c = env.criteria(&pair)[0].clone();
    let out = env.ok(&words(&format!(
        "criterion met {c} --on 2025-10-01 \
         --evidence https://review.opendev.org/c/openstack/nova/+/912345"
    )));
    assert!(out.starts_with("[x] Submitted a change to Gerrit"), "{out}");
    assert_contains(
        &out,
        &[
            "met 2025-10-01, confirmed by the mentee",
            "evidence https://review.opendev.org/c/openstack/nova/+/912345",
        ],
    );
    let list = env.json(&["criterion", "list", "--pair", &pair]);
    let m = &list[0];
    assert_eq!(m["met"], true);
    assert_eq!(m["metOn"], "2025-10-01");
    assert_eq!(
        m["evidence"],
        "https://review.opendev.org/c/openstack/nova/+/912345"
    );
    assert_eq!(m["confirmedBy"], "mentee");
    assert_eq!(m["packCriterionId"], "submitted-change");
    assert_eq!(m["position"], 0);
    assert_contains(
        &env.ok(&["criterion", "list", "--pair", &pair]),
        &["1 of 4 met"],
    );

    let u = env.json(&["criterion", "unmet", &c]);
    assert_eq!(id(&u), c);
    assert_eq!(u["met"], false);
    assert_eq!(u["metOn"], Value::Null);
    assert_eq!(u["evidence"], Value::Null);
    assert_eq!(u["confirmedBy"], Value::Null);
    assert!(env
        .ok(&["criterion", "unmet", &c])
        .starts_with("[ ] Submitted"));
}

#[test]
fn a_pair_has_its_own_criteria_to_add_reword_and_delete_and_cannot_reword_the_packs() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let out = env.ok(&["criterion", "add", "--pair", &pair, "Gave a lightning talk"]);
    assert!(out.starts_with("[ ] Gave a lightning talk ("), "{out}");
    let own = env.json(&["criterion", "add", "--pair", &pair, "Reviewed five changes"]);
    assert_eq!(own["packCriterionId"], Value::Null);
    assert_eq!(own["position"], 5);
    let own_id = id(&own);
    let e = env.json(&["criterion", "edit", &own_id, "Reviewed ten changes"]);
    assert_eq!(id(&e), own_id);
    assert_eq!(e["text"], "Reviewed ten changes");
    assert_contains(
        &env.ok(&["criterion", "list", "--pair", &pair]),
        &["Reviewed ten changes", "own", "0 of 6 met"],
    );

    let pack_one = env.criteria(&pair)[0].clone();
    assert_contains(
        &env.refused(&["criterion", "edit", &pack_one, "Something easier"]),
        &["comes from the program pack; its wording cannot be changed"],
    );

    assert_trashed(&env.json(&["criterion", "delete", &own_id]), &own_id);
    let first_own = id(&env.json(&["criterion", "list", "--pair", &pair])[4]);
    assert!(env
        .ok(&["criterion", "delete", &first_own])
        .starts_with(&format!(
            "Deleted criterion {first_own}. It is in the Trash"
        )));
    assert_eq!(env.criteria(&pair).len(), 4);
}

#[test]
fn evidence_that_is_not_a_web_link_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let c = env.criteria(&pair)[0].clone();
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "review.opendev.org/c/1",
        "https://a b",
    ] {
        let err = env.refused(&["criterion", "met", &c, "--evidence", bad]);
        assert_contains(
            &err,
            &[
                "evidence:",
                "is not a web link; it must start with https:// or http://",
            ],
        );
    }
    assert_eq!(
        env.json(&["criterion", "list", "--pair", &pair])[0]["met"],
        false
    );
}

#[test]
fn a_criterion_met_on_a_malformed_or_future_day_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let c = env.criteria(&pair)[0].clone();
    assert_contains(
        &env.refused(&["criterion", "met", &c, "--on", "01.10.2025"]),
        &["met on: '01.10.2025' is not a date; write it as YYYY-MM-DD"],
    );
    assert_contains(
        &env.refused(&["criterion", "met", &c, "--on", "2999-01-01"]),
        &["met on: is in the future"],
    );
}
