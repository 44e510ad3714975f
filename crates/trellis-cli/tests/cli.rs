//! The `trellis` command-line contract, end to end: every noun and verb, the
//! `--json` shapes, exit codes, bad input refused with the database left
//! byte-for-byte alone, the data-dir rules, and the journey from issue #2.

mod checkin_survey;
mod present;
mod privacy;
mod reminder;
mod schedule;
mod sync;
mod util;

use serde_json::Value;
use util::{common_prefix, id, trellis, words, Env};

// ---------------------------------------------------------------- helpers --

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

fn assert_contains(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(haystack.contains(n), "expected {n:?} in:\n{haystack}");
    }
}

fn assert_lacks(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(
            !haystack.contains(n),
            "did not expect {n:?} in:\n{haystack}"
        );
    }
}

/// A goal with two milestones on a pair; returns the goal JSON.
fn goal(env: &Env, pair: &str, title: &str) -> Value {
    env.json(&words(&format!(
        "goal add --pair {pair} --title '{title}' --milestone 'Set up DevStack' \
         --milestone 'Push the change to Gerrit'"
    )))
}

/// A one-hour meeting on a pair, at a wall-clock time in my zone.
fn meeting(env: &Env, pair: &str, start: &str, actions: &[&str]) -> Value {
    let mut args = vec!["meeting", "log", "--pair", pair, "--start", start];
    for a in actions {
        args.push("--action");
        args.push(a);
    }
    env.json(&args)
}

/// What `… delete --json` prints: the item's id, and where it went.
fn assert_trashed(v: &Value, item: &str) {
    assert_eq!(s(&v["id"]), item);
    assert_eq!(v["deleted"], true);
    assert!(v["trashId"].as_str().is_some_and(|t| t.len() == 36), "{v}");
}

fn action_texts(v: &Value) -> Vec<&str> {
    arr(v).iter().map(|a| s(&a["text"])).collect()
}

const TINY_PACK: &str = r#"format = "trellis-pack"
format_version = "1.0"

[program]
id = "tiny-program"
name = "Tiny program"
version = "2026.2"

[checkin]
days_after_match = [30, 90]
min_group_size = 3

[[cohorts]]
id = "only"
name = "The only cohort"
list_tag = "[only]"

[[cohorts.criteria]]
id = "did-it"
text = "Did the one thing"
"#;

// ------------------------------------------------------------------ packs --

#[test]
fn pack_list_shows_the_built_in_openstack_and_generic_packs() {
    let env = Env::new();
    let out = env.ok(&["pack", "list"]);
    assert_contains(
        &out,
        &[
            "openstack-mentoring",
            "OpenStack Mentoring",
            "first-patch, first-cfp, first-cloud, coa",
            "generic",
            "built-in",
        ],
    );

    let list = env.json(&["pack", "list"]);
    let os = arr(&list)
        .iter()
        .find(|p| p["id"] == "openstack-mentoring")
        .expect("the OpenStack pack is listed");
    assert_eq!(os["builtin"], true);
    assert_eq!(
        os["cohorts"],
        serde_json::json!(["first-patch", "first-cfp", "first-cloud", "coa"])
    );
    assert!(arr(&list).iter().any(|p| p["id"] == "generic"));
}

#[test]
fn pack_show_gives_each_cohort_its_tag_criteria_and_the_checkin_schedule() {
    let env = Env::new();
    let out = env.ok(&["pack", "show", "openstack-mentoring"]);
    assert_contains(
        &out,
        &[
            "openstack-mentoring — OpenStack Mentoring",
            "Check-ins: 90 days after the match. Reports hide groups smaller than 5.",
            "Cohort first-patch — Get your first patch merged [first-patch]",
            "Cohort first-cfp",
            "Cohort first-cloud",
            "Cohort coa",
            "Merged one patch (merged-one-patch)",
            "(the built-in set)",
        ],
    );

    let p = env.json(&["pack", "show", "openstack-mentoring"]);
    assert_eq!(p["program"]["id"], "openstack-mentoring");
    assert_eq!(p["formatVersion"], "1.0");
    assert_eq!(p["checkin"]["daysAfterMatch"], serde_json::json!([90]));
    assert_eq!(p["checkin"]["minGroupSize"], 5);
    assert_eq!(p["defaultQuestions"], true);
    assert!(!arr(&p["questions"]).is_empty());
    let cohorts = arr(&p["cohorts"]);
    assert_eq!(cohorts.len(), 4);
    for c in cohorts {
        assert!(c["listTag"].is_string(), "{c}");
        assert!(!arr(&c["criteria"]).is_empty(), "{c}");
    }
}

#[test]
fn an_imported_pack_is_listed_shown_and_can_start_a_pair() {
    let env = Env::new();
    let file = env.root().join("tiny.toml");
    std::fs::write(&file, TINY_PACK).unwrap();
    let file = file.to_str().unwrap();

    let out = env.ok(&["pack", "import", file]);
    assert_contains(&out, &["Imported pack tiny-program (Tiny program 2026.2)"]);
    let imported = env.json(&["pack", "import", file]);
    assert_eq!(imported["program"]["id"], "tiny-program");
    assert_eq!(imported["builtin"], false);

    let list = env.ok(&["pack", "list"]);
    assert_contains(&list, &["tiny-program", "imported"]);
    let shown = env.json(&["pack", "show", "tiny-program"]);
    assert_eq!(
        shown["checkin"]["daysAfterMatch"],
        serde_json::json!([30, 90])
    );
    assert_eq!(shown["checkin"]["minGroupSize"], 3);

    let p = env.json(&words(
        "pair add --role mentor --partner Kim --program tiny-program --cohort only \
         --match-date 2025-09-01",
    ));
    assert_eq!(p["programId"], "tiny-program");
    assert_eq!(p["packVersion"], "2026.2");
    let crit = env.json(&["criterion", "list", "--pair", &id(&p)]);
    assert_eq!(action_texts(&crit), ["Did the one thing"]);
    assert_eq!(crit[0]["packCriterionId"], "did-it");
}

#[test]
fn a_pack_with_a_missing_field_is_refused_naming_the_field_and_its_line() {
    let env = Env::new();
    env.ok(&["pack", "list"]);

    let no_program_name = env.root().join("no-name.toml");
    std::fs::write(
        &no_program_name,
        TINY_PACK.replace("name = \"Tiny program\"\n", ""),
    )
    .unwrap();
    let err = env.refused(&["pack", "import", no_program_name.to_str().unwrap()]);
    assert_contains(&err, &["line 4", "missing field `name`"]);

    let no_cohort_name = env.root().join("no-cohort-name.toml");
    std::fs::write(
        &no_cohort_name,
        TINY_PACK.replace("name = \"The only cohort\"\n", ""),
    )
    .unwrap();
    let err = env.refused(&["pack", "import", no_cohort_name.to_str().unwrap()]);
    assert_contains(&err, &["line 13", "missing field `name`"]);

    assert_lacks(&env.ok(&["pack", "list"]), &["tiny-program"]);
}

#[test]
fn a_pack_with_a_bad_cohort_id_is_refused_naming_the_field_and_its_line() {
    let env = Env::new();
    env.ok(&["pack", "list"]);
    let file = env.root().join("bad-id.toml");
    std::fs::write(
        &file,
        TINY_PACK.replace("id = \"only\"", "id = \"Only One\""),
    )
    .unwrap();
    let err = env.refused(&["pack", "import", file.to_str().unwrap()]);
    assert_contains(
        &err,
        &["line 14", "cohorts.id", "'Only One' is not a valid id"],
    );
}

#[test]
fn importing_a_pack_file_that_does_not_exist_fails_naming_the_file() {
    let env = Env::new();
    env.ok(&["pack", "list"]);
    let before = env.digest();
    let missing = env.root().join("nowhere.toml");
    let out = env
        .cmd(&["pack", "import", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: cannot read "), "{err}");
    assert_contains(&err, &["nowhere.toml", "No such file"]);
    assert_eq!(env.digest(), before);
}

#[test]
fn showing_an_unknown_pack_is_refused() {
    let env = Env::new();
    env.ok(&["pack", "list"]);
    let err = env.refused(&["pack", "show", "no-such-program"]);
    assert_contains(&err, &["no program matches 'no-such-program'"]);
}

// ------------------------------------------------------------------ pairs --

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

// ------------------------------------------------------------------ goals --

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
        &["'finished' is not a goal status; use proposed, active, achieved or dropped"],
    );
    let err = env.refused(&words(&format!(
        "goal add --pair {pair} --title X --status done"
    )));
    assert_contains(&err, &["'done' is not a goal status"]);
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

// ------------------------------------------------------------- milestones --

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

// --------------------------------------------------------------- meetings --

#[test]
fn logging_a_meeting_shows_it_in_both_time_zones_with_its_action_items() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let out = env.ok(&words(&format!(
        "meeting log --pair {pair} --start '2026-03-10 17:00' --duration 45 \
         --mode chat --agenda 'DevStack status' --notes 'DevStack works now' \
         --goal {g} --action 'mentee@2026-03-17:Push a first draft' \
         --action 'mentor:Review the draft'"
    )));
    assert_contains(
        &out,
        &[
            "Logged Meeting",
            // 17:00 in Berlin (CET) is 11:00 in Chicago, already on daylight time.
            "2026-03-10 17:00 CET (partner: 11:00 CDT), 45 min, chat / IRC",
            "Agenda:\n  DevStack status",
            "Notes:\n  DevStack works now",
            "[ ] Push a first draft (mentee, due 2026-03-17)",
            "[ ] Review the draft (mentor, due —)",
        ],
    );

    let m = env.json(&words(&format!(
        "meeting log --pair {pair} --start 2026-03-24T09:00:00Z \
         --end 2026-03-24T10:30:00Z --mode in-person \
         --action 'mentee:Book the room'"
    )));
    assert_eq!(m["pairId"], pair.as_str());
    assert_eq!(m["startsAt"], "2026-03-24T09:00:00Z");
    assert_eq!(m["durationMin"], 90);
    assert_eq!(m["mode"], "in_person");
    assert_eq!(m["agenda"], "");
    assert_eq!(m["goalIds"], serde_json::json!([]));
    let a = &m["actions"][0];
    assert_eq!(a["text"], "Book the room");
    assert_eq!(a["owner"], "mentee");
    assert_eq!(a["meetingId"], id(&m).as_str());
    assert_eq!(a["dueDate"], Value::Null);
    assert_eq!(a["done"], false);
}

#[test]
fn logging_a_meeting_with_an_end_before_its_start_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --end '2025-09-03 16:00' --action 'mentee:Should not be saved'"
    )));
    assert_eq!(
        err.trim(),
        "error: end: is before the start; a meeting must end after it starts"
    );
    assert_eq!(env.json(&["meeting", "list", "--pair", &pair])["total"], 0);
    assert_eq!(
        env.json(&["action", "list", "--pair", &pair]),
        serde_json::json!([])
    );
}

#[test]
fn a_meeting_with_a_malformed_start_or_action_or_mode_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&["meeting", "log", "--pair", &pair, "--start", "yesterday"]);
    assert_contains(
        &err,
        &["start: 'yesterday' is not a time; write YYYY-MM-DD HH:MM"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --action 'somebody:do it'"
    )));
    assert_contains(
        &err,
        &["'somebody:do it' is not OWNER:TEXT or OWNER@YYYY-MM-DD:TEXT"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --action 'mentee@next week:do it'"
    )));
    assert_contains(
        &err,
        &["due date: 'next week' is not a date; write it as YYYY-MM-DD"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --mode carrier-pigeon"
    )));
    assert_contains(
        &err,
        &["'carrier-pigeon' is not a meeting mode; use video, chat, in-person or event"],
    );
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --duration 0"
    )));
    assert_contains(&err, &["duration: must be between 1 minute and 24 hours"]);
}

#[test]
fn a_wall_clock_time_the_clocks_skip_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(&format!(
        "meeting log --pair {pair} --start '2026-03-29 02:30'"
    )));
    assert_contains(&err, &["does not exist in Europe/Berlin"]);
}

#[test]
fn meeting_list_pages_newest_first() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.ok(&["meeting", "list", "--pair", &pair]),
        &["No meetings yet", "trellis meeting log"],
    );
    let older = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    let newer = id(&meeting(
        &env,
        &pair,
        "2025-09-17 17:00",
        &["mentee:A", "mentor:B"],
    ));

    let page = env.json(&["meeting", "list", "--pair", &pair]);
    assert_eq!(page["total"], 2);
    assert_eq!(page["offset"], 0);
    let ids: Vec<String> = arr(&page["items"]).iter().map(id).collect();
    assert_eq!(ids, [newer.clone(), older.clone()]);

    let second = env.json(&words(&format!(
        "meeting list --pair {pair} --limit 1 --offset 1"
    )));
    assert_eq!(arr(&second["items"]).len(), 1);
    assert_eq!(id(&second["items"][0]), older);
    assert_eq!(second["offset"], 1);

    let out = env.ok(&["meeting", "list", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "2025-09-17 17:00 CEST (partner: 10:00 CDT)",
            "60 min",
            "video call",
            "Showing 1–2 of 2",
        ],
    );
}

#[test]
fn meeting_show_prints_one_meeting_in_full() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee@2025-09-10:Install DevStack"],
    );
    let out = env.ok(&["meeting", "show", &id(&m)]);
    assert_contains(
        &out,
        &[
            "2025-09-03 17:00 CEST (partner: 10:00 CDT), 60 min, video call",
            "[ ] Install DevStack (mentee, due 2025-09-10)",
        ],
    );
    assert_eq!(env.json(&["meeting", "show", &id(&m)]), m);
}

#[test]
fn editing_a_meeting_changes_only_the_fields_given() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    let m = id(&env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --agenda Intro \
         --notes 'Met at last'"
    ))));
    let out = env.ok(&["meeting", "edit", &m, "--agenda", "Introductions"]);
    assert_contains(&out, &["Updated Meeting", "Introductions"]);
    let e = env.json(&words(&format!(
        "meeting edit {m} --end '2025-09-03 17:20' --mode event --goal {g}"
    )));
    assert_eq!(id(&e), m);
    assert_eq!(e["durationMin"], 20);
    assert_eq!(e["mode"], "event");
    assert_eq!(e["agenda"], "Introductions");
    assert_eq!(e["notes"], "Met at last");
    assert_eq!(e["startsAt"], "2025-09-03T15:00:00Z");
    assert_eq!(e["goalIds"], serde_json::json!([g]));

    let moved = env.json(&["meeting", "edit", &m, "--start", "2025-09-04 09:00"]);
    assert_eq!(moved["startsAt"], "2025-09-04T07:00:00Z");
    assert_eq!(moved["durationMin"], 20);

    let err = env.refused(&["meeting", "edit", &m, "--end", "2025-09-04 08:00"]);
    assert_contains(&err, &["end: is before the start"]);
}

#[test]
fn deleting_a_meeting_keeps_its_action_items_with_the_pair() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = id(&meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &["mentee:Install DevStack"],
    ));
    let out = env.ok(&["meeting", "delete", &m]);
    assert!(
        out.starts_with(&format!("Deleted meeting {m}. It is in the Trash")),
        "{out}"
    );
    let actions = env.json(&["action", "list", "--pair", &pair]);
    assert_eq!(action_texts(&actions), ["Install DevStack"]);
    assert_eq!(actions[0]["meetingId"], Value::Null);
    assert_contains(
        &env.refused(&["meeting", "show", &m]),
        &["no meeting matches"],
    );

    let m2 = id(&meeting(&env, &pair, "2025-09-17 17:00", &[]));
    assert_trashed(&env.json(&["meeting", "delete", &m2]), &m2);
}

#[test]
fn meeting_next_carries_forward_open_action_items_and_not_done_ones() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let empty = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &empty,
        &["Next meeting due 2025-09-15", "Nothing carried forward"],
    );

    let m = meeting(
        &env,
        &pair,
        "2025-09-03 17:00",
        &[
            "mentee@2025-09-10:Install DevStack",
            "mentor:Share the bug list",
        ],
    );
    let install = id(&m["actions"][0]);
    env.ok(&["action", "done", &install]);
    meeting(
        &env,
        &pair,
        "2025-09-17 17:00",
        &["mentee@2025-09-24:Push a first draft"],
    );

    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["pairId"], pair.as_str());
    assert_eq!(next["dueOn"], "2025-10-01");
    assert_eq!(
        action_texts(&next["openActions"]),
        ["Push a first draft", "Share the bug list"]
    );
    assert_eq!(
        s(&next["agenda"]),
        "Carried forward:\n- [ ] Push a first draft (mentee, due 2025-09-24)\n- [ ] Share the bug list (mentor)\n"
    );
    let out = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "Next meeting due 2025-10-01",
            "Carried forward:",
            "Share the bug list",
        ],
    );
    assert_lacks(&out, &["Install DevStack"]);
}

#[test]
fn notes_set_aside_for_the_next_meeting_join_its_agenda_but_private_ones_stay_out() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    env.ok(&words(&format!(
        "note add --pair {pair} --shared --next-meeting 'Ask about unit tests'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --next-meeting PRIVATE-CANARY-nervous"
    )));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(arr(&next["notes"]).len(), 2);
    assert_eq!(s(&next["agenda"]), "From notes:\n- Ask about unit tests\n");
    let out = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &out,
        &[
            "From notes:\n- Ask about unit tests",
            "(1 private note(s) set aside for you, not in the agenda)",
        ],
    );
    assert_lacks(&out, &["PRIVATE-CANARY"]);

    // The next meeting logged takes the notes up; they are no longer pending.
    let m = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["notes"], serde_json::json!([]));
    let notes = env.json(&["note", "list", "--pair", &pair]);
    assert!(
        arr(&notes).iter().all(|n| n["meetingId"] == m.as_str()),
        "{notes}"
    );
}

// ---------------------------------------------------------------- actions --

#[test]
fn action_items_are_added_listed_edited_ticked_unticked_and_deleted() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let m = id(&meeting(&env, &pair, "2025-09-03 17:00", &[]));
    assert_contains(
        &env.ok(&["action", "list", "--pair", &pair]),
        &["No action items."],
    );

    let out = env.ok(&words(&format!(
        "action add --pair {pair} --owner mentee \
         --due 2025-09-10 'Install DevStack'"
    )));
    assert!(
        out.starts_with("[ ] Install DevStack (mentee, due 2025-09-10) "),
        "{out}"
    );
    let a = env.json(&words(&format!(
        "action add --pair {pair} --meeting {m} --owner MENTOR 'Share the bug list'"
    )));
    let aid = id(&a);
    assert_eq!(a["pairId"], pair.as_str());
    assert_eq!(a["meetingId"], m.as_str());
    assert_eq!(a["owner"], "mentor");
    assert_eq!(a["dueDate"], Value::Null);
    assert!(a["createdAt"].is_string());

    let e = env.json(&words(&format!(
        "action edit {aid} --text 'Share the easy bugs' --due 2025-09-12"
    )));
    assert_eq!(id(&e), aid);
    assert_eq!(e["text"], "Share the easy bugs");
    assert_eq!(e["dueDate"], "2025-09-12");
    assert_eq!(e["owner"], "mentor");
    let e = env.json(&["action", "edit", &aid, "--due", "", "--owner", "mentee"]);
    assert_eq!(e["dueDate"], Value::Null);
    assert_eq!(e["owner"], "mentee");

    let done = env.json(&["action", "done", &aid]);
    assert_eq!(done["done"], true);
    assert!(done["doneOn"].is_string());
    assert!(env
        .ok(&["action", "done", &aid])
        .starts_with("[x] Share the easy bugs"));
    assert_eq!(
        action_texts(&env.json(&["action", "list", "--pair", &pair, "--open"])),
        ["Install DevStack"]
    );
    assert_eq!(
        arr(&env.json(&["action", "list", "--pair", &pair])).len(),
        2
    );
    assert_contains(
        &env.ok(&["action", "list", "--pair", &pair]),
        &[
            "[x]",
            "Share the easy bugs",
            "[ ]",
            "Install DevStack",
            "2025-09-10",
        ],
    );

    let undone = env.json(&["action", "undone", &aid]);
    assert_eq!(undone["done"], false);
    assert_eq!(undone["doneOn"], Value::Null);

    assert!(env
        .ok(&["action", "delete", &aid])
        .starts_with(&format!("Deleted action item {aid}. It is in the Trash")));
    let rest = env.json(&["action", "list", "--pair", &pair]);
    assert_eq!(action_texts(&rest), ["Install DevStack"]);
    let last = id(&rest[0]);
    assert_trashed(&env.json(&["action", "delete", &last]), &last);
}

#[test]
fn an_action_item_with_no_text_or_an_unknown_owner_or_a_bad_due_date_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["action", "add", "--pair", &pair, "--owner", "mentee", " "]),
        &["action item: must not be empty"],
    );
    assert_contains(
        &env.refused(&["action", "add", "--pair", &pair, "--owner", "boss", "Do it"]),
        &["owner: 'boss' is not a role; use mentor or mentee"],
    );
    assert_contains(
        &env.refused(&words(&format!(
            "action add --pair {pair} --owner mentee --due 2025-02-30 'Do it'"
        ))),
        &["due date: '2025-02-30' is not a date"],
    );
}

#[test]
fn an_action_item_cannot_join_another_pairs_meeting() {
    let env = Env::new();
    let mine = env.pair("Ana Lopez");
    let theirs = env.pair("Bo Chen");
    let their_meeting = id(&meeting(&env, &theirs, "2025-09-03 17:00", &[]));
    let err = env.refused(&words(&format!(
        "action add --pair {mine} --meeting {their_meeting} --owner mentee 'Do it'"
    )));
    assert_contains(&err, &["meeting: belongs to another pair"]);
}

// ------------------------------------------------------------------ notes --

#[test]
fn notes_are_private_unless_shared_and_can_be_listed_shown_edited_and_deleted() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let g = id(&goal(&env, &pair, "Get a first patch merged"));
    assert_contains(
        &env.ok(&["note", "list", "--pair", &pair]),
        &["No notes yet"],
    );

    let out = env.ok(&["note", "add", "--pair", &pair, "Feeling nervous"]);
    assert!(out.starts_with("Note "), "{out}");
    assert_contains(&out, &["(private)", "Feeling nervous"]);

    let n = env.json(&words(&format!(
        "note add --pair {pair} --shared --goal {g} 'Gerrit tips'"
    )));
    let nid = id(&n);
    assert_eq!(n["pairId"], pair.as_str());
    assert_eq!(n["visibility"], "shared");
    assert_eq!(n["goalId"], g.as_str());
    assert_eq!(n["forNextMeeting"], false);
    assert_eq!(n["meetingId"], Value::Null);
    assert_eq!(n["body"], "Gerrit tips");

    let list = env.json(&["note", "list", "--pair", &pair]);
    assert_eq!(arr(&list).len(), 2);
    assert_contains(
        &env.ok(&["note", "list", "--pair", &pair]),
        &["private", "Feeling nervous", "shared", "Gerrit tips"],
    );

    assert_eq!(env.json(&["note", "show", &nid]), n);
    assert_contains(
        &env.ok(&["note", "show", &nid]),
        &["(shared), on goal", "Gerrit tips"],
    );

    let e = env.json(&words(&format!(
        "note edit {nid} --text 'Gerrit tips, revised' --private --next-meeting"
    )));
    assert_eq!(id(&e), nid);
    assert_eq!(e["body"], "Gerrit tips, revised");
    assert_eq!(e["visibility"], "private");
    assert_eq!(e["goalId"], Value::Null);
    assert_eq!(e["forNextMeeting"], true);
    let e = env.json(&["note", "edit", &nid, "--shared"]);
    assert_eq!(e["visibility"], "shared");
    assert_eq!(e["body"], "Gerrit tips, revised");
    assert_contains(&env.ok(&["note", "edit", &nid, "--goal", &g]), &["on goal"]);

    assert!(env
        .ok(&["note", "delete", &nid])
        .starts_with(&format!("Deleted note {nid}. It is in the Trash")));
    let rest = env.json(&["note", "list", "--pair", &pair]);
    assert_eq!(arr(&rest).len(), 1);
    let last = id(&rest[0]);
    assert_trashed(&env.json(&["note", "delete", &last]), &last);
}

#[test]
fn an_empty_note_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["note", "add", "--pair", &pair, "  "]),
        &["note: must not be empty"],
    );
}

// --------------------------------------------------------------- criteria --

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

// ----------------------------------------------------------------- status --

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

// ----------------------------------------------------------------- search --

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

// ----------------------------------------------------------------- export --

/// A pair with a goal, a meeting, a shared and a private note.
fn recorded_pair(env: &Env) -> String {
    let pair = env.pair("Ana Lopez");
    goal(env, &pair, "Get a first patch merged");
    env.ok(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' \
         --agenda Introductions --notes 'Agreed to meet every two weeks' \
         --action 'mentee@2025-09-10:Install DevStack'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --shared 'Shared thought about Gerrit'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} 'PRIVATE-CANARY-7f3a nervous about reviews'"
    )));
    pair
}

const CANARY: &str = "PRIVATE-CANARY-7f3a";

#[test]
fn export_as_markdown_holds_the_whole_record_but_not_private_notes() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md = env.ok(&["export", "--pair", &pair]);
    assert!(
        md.starts_with("# Mentorship with Ana Lopez — Get your first patch merged\n"),
        "{md}"
    );
    assert_contains(
        &md,
        &[
            "- My role: mentee; Ana Lopez is my mentor",
            "## Graduation criteria (0 of 4 met)",
            "### Get a first patch merged (active)",
            "- [ ] Set up DevStack",
            "## Meetings (1)",
            "### 2025-09-03 17:00 CEST (partner: 10:00 CDT) — 60 min, video call",
            "Introductions",
            "Agreed to meet every two weeks",
            "- [ ] Install DevStack (mentee, due 2025-09-10)",
            "## Notes (1)",
            "Shared thought about Gerrit",
        ],
    );
    assert_lacks(&md, &[CANARY]);
    let again = env.ok(&["export", "--pair", &pair, "--format", "md"]);
    assert_eq!(
        without_export_time(&again),
        without_export_time(&md),
        "md is markdown"
    );

    let wrapped = env.json(&["export", "--pair", &pair, "--format", "markdown"]);
    assert_eq!(wrapped["pair"], pair.as_str());
    assert_eq!(wrapped["format"], "markdown");
    assert_contains(
        s(&wrapped["markdown"]),
        &["## Meetings (1)", "Shared thought about Gerrit"],
    );
    assert_lacks(s(&wrapped["markdown"]), &[CANARY]);
}

/// A Markdown record without the line that carries the export time.
fn without_export_time(md: &str) -> String {
    assert!(md.contains("\n- Exported: "), "{md}");
    md.lines()
        .filter(|l| !l.starts_with("- Exported: "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn export_includes_private_notes_only_when_asked() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md = env.ok(&["export", "--pair", &pair, "--include-private"]);
    assert_contains(
        &md,
        &[
            "## Notes (2)",
            CANARY,
            "(private)",
            "Shared thought about Gerrit",
        ],
    );

    let rec = env.json(&words(&format!(
        "export --pair {pair} --format json --include-private"
    )));
    assert_eq!(rec["includesPrivateNotes"], true);
    assert_eq!(arr(&rec["notes"]).len(), 2);
    assert!(rec.to_string().contains(CANARY));
}

#[test]
fn a_private_note_never_appears_in_an_export_without_include_private() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    // Also a private note attached to a goal and one set aside for the next meeting.
    let g = id(&env.json(&["goal", "list", "--pair", &pair])[0]);
    env.ok(&words(&format!(
        "note add --pair {pair} --goal {g} '{CANARY} on a goal'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --next-meeting '{CANARY} for next time'"
    )));
    meeting(&env, &pair, "2025-09-17 17:00", &[]);

    for format in ["markdown", "json"] {
        let plain = env.ok(&["export", "--pair", &pair, "--format", format]);
        assert_lacks(&plain, &[CANARY]);
        let json = env.ok(&["--json", "export", "--pair", &pair, "--format", format]);
        assert_lacks(&json, &[CANARY]);
        let file = env.root().join(format!("record.{format}"));
        env.ok(&[
            "export",
            "--pair",
            &pair,
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_lacks(&std::fs::read_to_string(&file).unwrap(), &[CANARY]);
        // The canary is really there to leak: asked for, it appears.
        let all = env.ok(&words(&format!(
            "export --pair {pair} --format {format} --include-private"
        )));
        assert_eq!(all.matches(CANARY).count(), 3, "{all}");
    }
}

#[test]
fn export_as_json_is_the_whole_record_in_one_document() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let rec = env.json(&["export", "--pair", &pair, "--format", "json"]);
    assert_eq!(rec["format"], "trellis-record");
    assert_eq!(rec["formatVersion"], "1.0");
    assert_eq!(rec["includesPrivateNotes"], false);
    assert_eq!(rec["programName"], "OpenStack Mentoring");
    assert_eq!(rec["cohortName"], "Get your first patch merged");
    assert_eq!(rec["pair"]["id"], pair.as_str());
    assert_eq!(arr(&rec["criteria"]).len(), 4);
    assert_eq!(rec["goals"][0]["title"], "Get a first patch merged");
    assert_eq!(
        rec["meetings"][0]["notes"],
        "Agreed to meet every two weeks"
    );
    assert_eq!(action_texts(&rec["actionItems"]), ["Install DevStack"]);
    assert_eq!(arr(&rec["notes"]).len(), 1);
    assert_eq!(rec["notes"][0]["visibility"], "shared");

    // Without --json the plain output is the same JSON record.
    let plain = util::one_json_document(&env.ok(&["export", "--pair", &pair, "--format", "json"]));
    assert_eq!(plain["pair"], rec["pair"]);
    assert_eq!(plain["notes"], rec["notes"]);
}

#[test]
fn export_with_out_writes_the_record_to_a_file_and_says_where() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let md_path = env.root().join("record.md");
    let md = md_path.to_str().unwrap();
    let out = env.ok(&["export", "--pair", &pair, "--out", md]);
    let written = std::fs::read_to_string(&md_path).unwrap();
    assert_eq!(out.trim(), format!("Wrote {md} ({} bytes)", written.len()));
    assert!(
        written.starts_with("# Mentorship with Ana Lopez"),
        "{written}"
    );
    assert_contains(
        &written,
        &["## Meetings (1)", "Shared thought about Gerrit"],
    );
    assert_lacks(&written, &[CANARY]);

    let json_path = env.root().join("record.json");
    let summary = env.json(&[
        "export",
        "--pair",
        &pair,
        "--format",
        "json",
        "--include-private",
        "--out",
        json_path.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&json_path).unwrap();
    assert_eq!(summary["pair"], pair.as_str());
    assert_eq!(summary["format"], "json");
    assert_eq!(summary["path"], json_path.to_str().unwrap());
    assert_eq!(summary["bytes"], written.len());
    assert_eq!(summary["includesPrivateNotes"], true);
    let rec: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(arr(&rec["notes"]).len(), 2);

    // Exporting again replaces the file; no temporary file is left behind.
    env.ok(&["export", "--pair", &pair, "--out", md]);
    let mut names: Vec<String> = std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["data", "record.json", "record.md"]);
}

#[test]
fn export_in_an_unknown_format_is_refused() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    assert_contains(
        &env.refused(&["export", "--pair", &pair, "--format", "pdf"]),
        &["format: 'pdf' is not a format; use markdown or json"],
    );
}

// --------------------------------------------------------------- data dir --

#[test]
fn trellis_data_dir_is_honoured_and_data_dir_overrides_it() {
    let env = Env::new();
    let from_env = env.root().join("from-env");
    let from_flag = env.root().join("from-flag");

    trellis()
        .env("TRELLIS_DATA_DIR", &from_env)
        .args([
            "pair",
            "add",
            "--role",
            "mentor",
            "--partner",
            "Env Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(from_env.join(util::DB_FILE).is_file());

    trellis()
        .env("TRELLIS_DATA_DIR", &from_env)
        .arg("--data-dir")
        .arg(&from_flag)
        .args([
            "pair",
            "add",
            "--role",
            "mentor",
            "--partner",
            "Flag Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(from_flag.join(util::DB_FILE).is_file());

    let list = |dir: Option<&std::path::Path>| -> String {
        let mut c = trellis();
        c.env("TRELLIS_DATA_DIR", &from_env);
        if let Some(d) = dir {
            c.arg("--data-dir").arg(d);
        }
        let out = c.args(["pair", "list"]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let via_env = list(None);
    assert_contains(&via_env, &["Env Pair"]);
    assert_lacks(&via_env, &["Flag Pair"]);
    let via_flag = list(Some(&from_flag));
    assert_contains(&via_flag, &["Flag Pair"]);
    assert_lacks(&via_flag, &["Env Pair"]);
}

#[cfg(target_os = "linux")]
#[test]
fn without_either_the_platform_data_folder_is_used() {
    let env = Env::new();
    let xdg = env.root().join("xdg-data");
    trellis()
        .env("HOME", env.root())
        .env("XDG_DATA_HOME", &xdg)
        .args([
            "pair",
            "add",
            "--role",
            "mentee",
            "--partner",
            "Home Pair",
            "--cohort",
            "coa",
        ])
        .assert()
        .success();
    assert!(xdg.join("trellis").join(util::DB_FILE).is_file());
}

#[test]
fn a_database_written_by_a_newer_trellis_is_refused_and_left_alone() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let db = env.dir().join(util::DB_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = env.digest();
    let out = env.cmd(&["pair", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: this database was written by a newer Trellis (schema 99"),
        "{err}"
    );
    assert_contains(&err, &["update Trellis to open it"]);
    assert_eq!(env.digest(), before, "the newer database was changed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

// -------------------------------------------------------------------- ids --

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

// ------------------------------------------------------------- bad input --

#[test]
fn adding_a_pair_in_an_unknown_cohort_is_refused_naming_the_cohorts() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort first-pach",
    ));
    assert_eq!(
        err.trim(),
        "error: cohort: 'first-pach' is not a cohort of openstack-mentoring; choose one of: first-patch, first-cfp, first-cloud, coa"
    );
    let err = env.refused(&words(
        "pair add --role mentee --partner X --program nope --cohort coa",
    ));
    assert_contains(&err, &["no program matches 'nope'"]);
}

#[test]
fn a_malformed_date_is_refused_with_how_to_write_it() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort coa --match-date 14/03/2026",
    ));
    assert_eq!(
        err.trim(),
        "error: match date: '14/03/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14"
    );
    assert_contains(
        &env.refused(&words(&format!(
            "goal add --pair {pair} --title X --target 'next year'"
        ))),
        &["target date: 'next year' is not a date"],
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--match-date", "2025-13-01"]),
        &["match date: '2025-13-01' is not a date"],
    );
}

#[test]
fn an_invalid_time_zone_is_refused_naming_a_valid_one() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let err = env.refused(&words(
        "pair add --role mentee --partner X --cohort coa --my-tz Mars/Olympus_Mons",
    ));
    assert_eq!(
        err.trim(),
        "error: my time zone: 'Mars/Olympus_Mons' is not a known time zone; use an IANA name such as Europe/Berlin or America/Chicago"
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--partner-tz", "CET+1"]),
        &["partner's time zone: 'CET+1' is not a known time zone"],
    );
}

#[test]
fn other_bad_pair_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let base = ["pair", "add", "--cohort", "coa"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        base.iter().chain(extra).copied().collect()
    };
    assert_contains(
        &env.refused(&with(&["--role", "boss", "--partner", "X"])),
        &["role: 'boss' is not a role; use mentor or mentee"],
    );
    assert_contains(
        &env.refused(&with(&["--role", "mentee", "--partner", " "])),
        &["partner name: must not be empty"],
    );
    assert_contains(
        &env.refused(&with(&[
            "--role",
            "mentee",
            "--partner",
            "X",
            "--cadence",
            "0",
        ])),
        &["cadence: must be between 1 and 365 days"],
    );
    assert_contains(
        &env.refused(&with(&[
            "--role",
            "mentee",
            "--partner",
            "X",
            "--match-date",
            "2999-01-01",
        ])),
        &["match date: is more than a year ahead"],
    );
    assert_contains(
        &env.refused(&["pair", "edit", &pair, "--partner", ""]),
        &["partner name: must not be empty"],
    );
    assert_eq!(arr(&env.json(&["pair", "list"])).len(), 1);
}

#[test]
fn errors_go_to_stderr_even_with_json() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&["goal", "show", "ffff"]);
    assert_eq!(err.trim(), "error: no goal matches 'ffff'");
}

#[test]
fn with_json_an_error_is_a_json_document_with_its_code_and_field() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let err = env.refused(&["--json", "goal", "show", "ffff"]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["error"]["code"], "not_found");
    assert_eq!(doc["error"]["params"]["what"], "goal");
    assert_eq!(doc["error"]["message"], "no goal matches 'ffff'");
    let pair = env.pair("Bo Chen");
    let err = env.refused(&["--json", "pair", "edit", &pair, "--partner", ""]);
    let doc: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(doc["error"]["code"], "invalid");
    assert_eq!(doc["error"]["field"], "partner name");
    assert_eq!(doc["error"]["params"]["reason"], "must not be empty");
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let env = Env::new();
    env.pair("Ana Lopez");
    let before = env.digest();
    let out = env
        .cmd(&["pair", "add", "--role", "mentee"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    assert_contains(&err, &["--partner", "--cohort"]);
    env.cmd(&["frobnicate"]).assert().code(2);
    env.cmd(&words(
        "meeting log --pair x --start y --duration 5 --end z",
    ))
    .assert()
    .code(2);
    assert_eq!(env.digest(), before);
}

#[test]
fn reading_commands_leave_the_database_byte_for_byte_alone() {
    let env = Env::new();
    let pair = recorded_pair(&env);
    let before = env.digest();
    for args in [
        vec!["status"],
        vec!["pair", "list"],
        vec!["pair", "show", &pair],
        vec!["meeting", "next", "--pair", &pair],
        vec!["search", "gerrit"],
        vec!["export", "--pair", &pair],
    ] {
        env.ok(&args);
    }
    assert_eq!(env.digest(), before);
    env.ok(&["note", "add", "--pair", &pair, "A change"]);
    assert_ne!(env.digest(), before, "the digest must see a write");
}

#[test]
fn output_into_a_pipe_closed_early_ends_quietly() {
    // `trellis note list --pair ID | head`: more output than a pipe holds, and
    // a reader that is gone, must not make trellis panic.
    let env = Env::new();
    let pair = env.pair("Ana Lopez");
    let long = "x".repeat(100_000);
    for _ in 0..4 {
        env.ok(&["note", "add", "--pair", &pair, &long]);
    }
    let mut child = std::process::Command::new(util::BIN)
        .arg("--data-dir")
        .arg(env.dir())
        .args(["--json", "note", "list", "--pair", &pair])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

// ------------------------------------------------------------ the journey --

#[test]
fn a_mentee_runs_a_first_patch_mentorship_from_match_to_exported_record() {
    let env = Env::new();

    // A pair in the OpenStack first-patch cohort.
    assert_contains(
        &env.ok(&["pack", "show", "openstack-mentoring"]),
        &["Cohort first-patch"],
    );
    let pair = id(&env.json(&words(
        "pair add --role mentee --partner 'Priya Natarajan' --cohort first-patch \
         --match-date 2025-09-01 --my-tz Europe/Berlin --partner-tz Asia/Kolkata \
         --cadence 14",
    )));
    let crit = env.criteria(&pair);
    assert_eq!(crit.len(), 4);

    // Two goals with milestones; the first serves the "merged one patch" criterion.
    let nova = env.json(&words(&format!(
        "goal add --pair {pair} --title 'Get my first patch merged in Nova' \
         --milestone 'Set up DevStack' --milestone 'Push the change to Gerrit' \
         --criterion {}",
        crit[2]
    )));
    let wg = env.json(&words(&format!(
        "goal add --pair {pair} --title 'Offer input at a working group meeting' \
         --milestone 'Find the WG meeting time'"
    )));
    env.ok(&["milestone", "done", &id(&nova["milestones"][0])]);

    // Three meetings with action items, carried forward while open.
    let first = env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-03 17:00' --duration 45 \
         --goal {} --agenda 'Introductions and goals' \
         --notes 'Agreed to meet every two weeks' \
         --action 'mentee@2025-09-10:Install DevStack on a VM' \
         --action 'mentor:Send a list of low-hanging-fruit bugs'",
        id(&nova)
    )));
    assert_contains(
        &env.ok(&["meeting", "show", &id(&first)]),
        &["2025-09-03 17:00 CEST (partner: 20:30 IST), 45 min, video call"],
    );
    env.ok(&["action", "done", &id(&first["actions"][0])]);
    env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-09-17 17:00' \
         --end '2025-09-17 17:30' --mode chat --goal {} --goal {} \
         --notes 'DevStack works; picked a docs bug' \
         --action 'mentee@2025-09-24:Push a first draft to Gerrit'",
        id(&nova),
        id(&wg)
    )));
    let next = env.ok(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        &next,
        &[
            "Next meeting due 2025-10-01",
            "Send a list of low-hanging-fruit bugs",
            "Push a first draft to Gerrit",
        ],
    );
    assert_lacks(&next, &["Install DevStack"]);

    // Private and shared notes; the shared one set aside for the next meeting.
    env.ok(&words(&format!(
        "note add \
         --pair {pair} 'PRIVATE-JOURNEY-CANARY worried about my first review'"
    )));
    env.ok(&words(&format!(
        "note add --pair {pair} --shared \
         --next-meeting 'Ask how to run only the unit tests I touched'"
    )));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_contains(
        s(&next["agenda"]),
        &["From notes:\n- Ask how to run only the unit tests I touched"],
    );
    assert_lacks(s(&next["agenda"]), &["PRIVATE-JOURNEY-CANARY"]);

    let bugs = arr(&env.json(&["action", "list", "--pair", &pair, "--open"]))
        .iter()
        .find(|a| a["text"] == "Send a list of low-hanging-fruit bugs")
        .map(id)
        .unwrap();
    env.ok(&["action", "done", &bugs]);
    env.json(&words(&format!(
        "meeting log --pair {pair} --start '2025-10-01 17:00' --mode video \
         --notes 'The change got two reviews' \
         --action 'mentee@2025-10-08:Answer the review comments'"
    )));
    let next = env.json(&["meeting", "next", "--pair", &pair]);
    assert_eq!(next["dueOn"], "2025-10-15");
    assert_eq!(
        action_texts(&next["openActions"]),
        ["Push a first draft to Gerrit", "Answer the review comments"]
    );
    assert_eq!(
        next["notes"],
        serde_json::json!([]),
        "the third meeting took the note up"
    );

    // Criteria met with evidence.
    env.ok(&words(&format!(
        "criterion met {} --on 2025-09-25 \
         --evidence https://review.opendev.org/c/openstack/nova/+/912345",
        crit[0]
    )));
    env.ok(&words(&format!(
        "criterion met {} --on 2025-10-02 \
         --evidence https://review.opendev.org/c/openstack/nova/+/912345/2",
        crit[1]
    )));

    // Status and search.
    let status = env.json(&["status"]);
    assert_eq!(status[0]["pair"]["id"], pair.as_str());
    assert_eq!(status[0]["criteriaMet"], 2);
    assert_eq!(status[0]["criteriaTotal"], 4);
    assert_eq!(status[0]["openActions"], 2);
    assert_eq!(status[0]["lastMeetingOn"], "2025-10-01");
    assert_contains(
        &env.ok(&["status"]),
        &["Priya Natarajan", "2/4", "2 (2 overdue) / 0"],
    );
    let hits = env.json(&["search", "devstack"]);
    let kinds: Vec<&str> = arr(&hits).iter().map(|h| s(&h["kind"])).collect();
    assert!(
        kinds.contains(&"milestone") && kinds.contains(&"action") && kinds.contains(&"meeting"),
        "{kinds:?}"
    );
    assert_contains(
        &env.ok(&["search", "unit", "tests"]),
        &["note", "Priya Natarajan", "[unit]", "[tests]"],
    );

    // The record, as Markdown.
    let path = env.root().join("priya.md");
    env.ok(&[
        "export",
        "--pair",
        &pair,
        "--format",
        "markdown",
        "--out",
        path.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&path).unwrap();
    assert_contains(
        &md,
        &[
            "# Mentorship with Priya Natarajan — Get your first patch merged",
            "## Graduation criteria (2 of 4 met)",
            "- [x] Submitted a change to Gerrit following the Developer's Guide — met 2025-09-25, confirmed by the mentee ([evidence](<https://review.opendev.org/c/openstack/nova/+/912345>))",
            "### Get my first patch merged in Nova (active)",
            "- [x] Set up DevStack",
            "- [ ] Push the change to Gerrit",
            "### Offer input at a working group meeting (active)",
            "## Meetings (3)",
            "Goals discussed: Get my first patch merged in Nova; Offer input at a working group meeting",
            "- [x] Install DevStack on a VM (mentee, due 2025-09-10)",
            "- [ ] Push a first draft to Gerrit (mentee, due 2025-09-24)",
            "The change got two reviews",
            "## Notes (1)",
            "Ask how to run only the unit tests I touched",
        ],
    );
    assert_lacks(&md, &["PRIVATE-JOURNEY-CANARY"]);
    assert!(
        md.find("2025-09-03 17:00").unwrap() < md.find("2025-10-01 17:00").unwrap(),
        "meetings oldest first"
    );
    let all = env.ok(&["export", "--pair", &pair, "--include-private"]);
    assert_contains(&all, &["## Notes (2)", "PRIVATE-JOURNEY-CANARY"]);
}

// ---------------------------------------------------------------- backups --

fn partner_names(env: &Env) -> Vec<String> {
    let v = env.json(&["pair", "list"]);
    let mut names: Vec<String> = arr(&v)
        .iter()
        .map(|p| s(&p["partnerName"]).to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_now_list_and_restore_bring_back_what_was_there() {
    let env = Env::new();
    env.pair("Ada");
    let made = env.json(&["backup", "now"]);
    assert_eq!(s(&made["kind"]), "manual");
    let name = s(&made["name"]).to_string();
    env.pair("Grace");

    let list = env.json(&["backup", "list"]);
    assert!(arr(&list).iter().any(|b| s(&b["name"]) == name), "{list}");
    let text = env.ok(&["backup", "list"]);
    assert_contains(&text, &[&name, "manual", "NAME", "KIND"]);

    let out = env.ok(&["backup", "restore", &name]);
    assert_contains(&out, &["Restored", &name, "kept as", "pre-restore"]);
    assert_eq!(partner_names(&env), ["Ada"]);
    let list = env.json(&["backup", "list"]);
    assert!(
        arr(&list).iter().any(|b| s(&b["kind"]) == "pre_restore"),
        "{list}"
    );
}

#[test]
fn restoring_a_backup_that_does_not_exist_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.pair("Ada");
    let err = env.refused(&[
        "backup",
        "restore",
        "trellis-2020-01-01T00-00-00.000Z-daily.db",
    ]);
    assert_contains(&err, &["no backup matches"]);
    let err = env.refused(&["backup", "restore", "../trellis.db"]);
    assert_contains(&err, &["not the name of a backup"]);
}

#[test]
fn a_damaged_database_is_refused_at_open_and_a_backup_restores_it() {
    let env = Env::new();
    env.pair("Ada");
    let name = s(&env.json(&["backup", "now"])["name"]).to_string();
    let db = env.dir().join(util::DB_FILE);
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[4096..3 * 4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();

    let out = env.cmd(&["pair", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_contains(
        &err,
        &["error: the database", "damaged", "trellis backup restore"],
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file was written to"
    );

    env.ok(&["backup", "restore", &name]);
    assert_eq!(partner_names(&env), ["Ada"]);
}

#[test]
fn the_days_backup_is_made_once_after_a_command_has_answered() {
    let env = Env::new();
    // The add leaves data worth keeping: today's backup follows its answer
    // (`ok` also checks that nothing was said on stderr).
    env.pair("Ada");
    let dailies = |env: &Env| {
        let list = env.json(&["backup", "list"]);
        arr(&list)
            .iter()
            .filter(|b| s(&b["kind"]) == "daily")
            .count()
    };
    assert_eq!(dailies(&env), 1);
    env.pair("Grace");
    assert_eq!(partner_names(&env), ["Ada", "Grace"]);
    assert_eq!(dailies(&env), 1, "one a day");
}

#[test]
fn a_new_data_dir_has_no_backups_and_says_how_to_make_one() {
    let env = Env::new();
    assert_eq!(env.json(&["backup", "list"]), serde_json::json!([]));
    assert_contains(
        &env.ok(&["backup", "list"]),
        &["No backups", "trellis backup now"],
    );
}
