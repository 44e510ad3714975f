//! The CLI: pairs: add, show, edit, pause, end, graduate, delete.

use super::*;

#[test]
fn adding_a_pair_prints_it_and_copies_the_cohort_criteria() {
    let env = Env::new();
    let out = env.ok(&words(
        "pair add --role mentee --partner 'Ana Lopez' --cohort first-patch \
         --match-date 2025-09-01 --criterion 'Gave a lightning talk'",
    ));
    assert!(out.starts_with("Created pair "), "{out}");
    assert_contains(
        &out,
        &[
            "my mentor Ana Lopez",
            "(openstack-mentoring / first-patch)",
            "matched 2025-09-01",
            "status active",
        ],
    );

    let pair = id(&env.json(&["pair", "list"])[0]);
    let crit = env.json(&["criterion", "list", "--pair", &pair]);
    let sources: Vec<Value> = arr(&crit)
        .iter()
        .map(|c| c["packCriterionId"].clone())
        .collect();
    assert_eq!(
        Value::Array(sources),
        serde_json::json!([
            "submitted-change",
            "responded-to-reviews",
            "merged-one-patch",
            "attended-wg-meeting",
            null
        ])
    );
    assert_eq!(crit[4]["text"], "Gave a lightning talk");
    assert!(arr(&crit)
        .iter()
        .all(|c| c["met"] == false && c["pairId"] == pair.as_str()));
}

#[test]
fn a_created_pair_in_json_has_its_id_and_camel_case_fields() {
    let env = Env::new();
    let p = env.json(&words(
        "pair add --role mentor --partner Bo --cohort coa --match-date 2025-09-01 \
         --my-tz Europe/Berlin --partner-tz America/Chicago --cadence 21",
    ));
    assert_eq!(id(&p).len(), 36);
    assert_eq!(p["myRole"], "mentor");
    assert_eq!(p["partnerName"], "Bo");
    assert_eq!(p["programId"], "openstack-mentoring");
    assert_eq!(p["cohortId"], "coa");
    assert_eq!(p["matchDate"], "2025-09-01");
    assert_eq!(p["myTz"], "Europe/Berlin");
    assert_eq!(p["partnerTz"], "America/Chicago");
    assert_eq!(p["cadenceDays"], 21);
    assert_eq!(p["status"], "active");
    assert_eq!(p["endReason"], Value::Null);
    assert!(p["createdAt"].is_string() && p["updatedAt"].is_string());
}

#[test]
fn pair_list_and_show_describe_the_pair_and_what_needs_attention() {
    let env = Env::new();
    assert_contains(
        &env.ok(&["pair", "list"]),
        &["No pairs yet", "trellis pair add"],
    );
    assert_eq!(env.json(&["pair", "list"]), serde_json::json!([]));

    let pair = env.pair("Ana Lopez");
    let list = env.ok(&["pair", "list"]);
    assert_contains(
        &list,
        &[
            "Ana Lopez",
            "mentee",
            "openstack-mentoring / first-patch",
            "2025-09-01",
            "active",
        ],
    );

    let show = env.ok(&["pair", "show", &pair]);
    assert!(show.starts_with(&pair), "{show}");
    assert_contains(
        &show,
        &[
            "Partner: Ana Lopez (my mentor)",
            "Program: OpenStack Mentoring — cohort Get your first patch merged",
            "Matched: 2025-09-01   Cadence: every 14 days   Status: active",
            "Zones: mine Europe/Berlin, partner's America/Chicago",
            "Last meeting: —",
            "Criteria met: 0 of 4",
            "! No meeting yet",
        ],
    );

    let summary = env.json(&["pair", "show", &pair]);
    assert_eq!(summary["pair"]["id"], pair.as_str());
    assert_eq!(summary["programName"], "OpenStack Mentoring");
    assert_eq!(summary["cohortName"], "Get your first patch merged");
    assert_eq!(summary["criteriaMet"], 0);
    assert_eq!(summary["criteriaTotal"], 4);
    assert_eq!(summary["lastMeetingOn"], Value::Null);
    assert_eq!(summary["nextMeetingDueOn"], "2025-09-15");
    assert_eq!(summary["attention"][0]["kind"], "meeting_overdue");
}

#[test]
fn editing_a_pair_changes_only_the_fields_given() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let out = env.ok(&["pair", "edit", &pair, "--partner", "Ana López"]);
    assert_contains(&out, &["Updated pair", "my mentor Ana López"]);

    let p = env.json(&words(&format!(
        "pair edit {pair} --cadence 7 --partner-tz Asia/Kolkata --role mentor"
    )));
    assert_eq!(id(&p), pair);
    assert_eq!(p["partnerName"], "Ana López");
    assert_eq!(p["cadenceDays"], 7);
    assert_eq!(p["partnerTz"], "Asia/Kolkata");
    assert_eq!(p["myRole"], "mentor");
    assert_eq!(p["myTz"], "Europe/Berlin");
    assert_eq!(p["matchDate"], "2025-09-01");
    let shown = env.json(&["pair", "show", &pair])["pair"].clone();
    for key in [
        "partnerName",
        "cadenceDays",
        "partnerTz",
        "myRole",
        "myTz",
        "matchDate",
    ] {
        assert_eq!(shown[key], p[key], "{key}");
    }
}

#[test]
fn a_pair_can_be_paused_resumed_and_ended_with_a_reason() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(&env.ok(&["pair", "pause", &pair]), &["is now paused"]);
    let p = env.json(&["pair", "resume", &pair]);
    assert_eq!(id(&p), pair);
    assert_eq!(p["status"], "active");
    assert_contains(
        &env.ok(&["pair", "end", &pair, "--reason", "Mentee changed jobs"]),
        &["is now ended"],
    );
    let shown = env.json(&["pair", "show", &pair]);
    assert_eq!(shown["pair"]["status"], "ended");
    assert_eq!(shown["pair"]["endReason"], "Mentee changed jobs");
    assert!(shown["pair"]["statusChangedOn"].is_string());
    assert_contains(
        &env.ok(&["pair", "show", &pair]),
        &["Status: ended (Mentee changed jobs)"],
    );

    let err = env.refused(&["pair", "pause", &pair]);
    assert_contains(&err, &["this pair is ended and cannot be paused"]);
}

#[test]
fn resuming_an_active_pair_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&["pair", "resume", &pair]);
    assert_contains(&err, &["this pair is active and cannot be resumed"]);
    assert_eq!(
        env.json(&["pair", "show", &pair])["pair"]["status"],
        "active"
    );
}

#[test]
fn ending_a_pair_without_a_reason_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&["pair", "end", &pair, "--reason", "  "]);
    assert_contains(&err, &["reason: must not be empty"]);
}

#[test]
fn graduating_with_unmet_criteria_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let first = &env.criteria(&pair)[0];
    env.ok(&["criterion", "met", first, "--on", "2025-10-01"]);
    let err = env.refused(&["pair", "graduate", &pair]);
    assert_contains(
        &err,
        &["only 1 of 4 graduation criteria are met; mark the rest met first"],
    );
    assert_eq!(
        env.json(&["pair", "show", &pair])["pair"]["status"],
        "active"
    );
}

#[test]
fn a_pair_with_every_criterion_met_is_ready_to_graduate_and_graduates() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    for c in env.criteria(&pair) {
        env.ok(&["criterion", "met", &c, "--on", "2025-10-01"]);
    }
    assert_contains(
        &env.ok(&["criterion", "list", "--pair", &pair]),
        &["4 of 4 met — ready to graduate"],
    );
    let status = env.json(&["status"]);
    assert_eq!(status[0]["readyToGraduate"], true);
    assert!(arr(&status[0]["attention"])
        .iter()
        .any(|a| a["kind"] == "ready_to_graduate"));
    assert_contains(
        &env.ok(&["status"]),
        &["Ready to graduate: all 4 criteria met"],
    );

    let p = env.json(&["pair", "graduate", &pair]);
    assert_eq!(id(&p), pair);
    assert_eq!(p["status"], "graduated");
    assert_contains(&env.ok(&["status"]), &["graduated"]);
}

#[test]
fn deleting_a_pair_removes_it_and_everything_in_it() {
    let env = Env::new();
    let keep = env.pair("Keep Me");
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee:Install DevStack"],
    );
    env.ok(&["note", "add", "--pair", &pair, "Remember DevStack"]);

    let out = env.ok(&["pair", "delete", &pair]);
    assert_eq!(out.trim(), format!("Deleted pair {pair}"));
    let list = env.json(&["pair", "list"]);
    assert_eq!(arr(&list).len(), 1);
    assert_eq!(id(&list[0]), keep);
    assert_contains(&env.refused(&["goal", "show", &g]), &["no goal matches"]);
    assert_eq!(env.json(&["search", "devstack"]), serde_json::json!([]));

    let d = env.json(&["pair", "delete", &keep]);
    assert_eq!(d, serde_json::json!({ "id": keep, "deleted": true }));
}

#[test]
fn pair_sample_creates_a_realistic_first_patch_pair_to_try() {
    let env = Env::new();
    let out = env.ok(&["pair", "sample"]);
    assert_contains(
        &out,
        &["Created sample pair", "Sam Rivera (sample)", "first-patch"],
    );
    let pair = id(&env.json(&["pair", "list"])[0]);
    assert_eq!(arr(&env.json(&["goal", "list", "--pair", &pair])).len(), 2);
    assert_eq!(env.json(&["meeting", "list", "--pair", &pair])["total"], 2);
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(
        action_texts(&next["openActions"]),
        ["Push a first draft of the fix to Gerrit"]
    );

    let again = env.json(&["pair", "sample"]);
    assert_eq!(again["partnerName"], "Sam Rivera (sample)");
    assert_ne!(id(&again), pair);
}
