//! The CLI: program packs: list, show, import.

use super::*;

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
