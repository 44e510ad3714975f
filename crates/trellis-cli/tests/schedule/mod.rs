//! Time together across two zones (issue 16): zone names, each person's
//! hours, a next meeting at a time, calendar files and the mentor's week.

use serde_json::Value;

use crate::util::{id, words, Env};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn an_old_zone_name_is_stored_as_its_current_one() {
    let env = Env::new();
    let pair = id(&env.json(&words(
        "pair add --role mentee --partner Priya --cohort first-patch --match-date 2025-09-01 \
         --my-tz Asia/Calcutta --partner-tz US/Central",
    )));
    let p = &env.json(&["pair", "show", &pair])["pair"];
    assert_eq!(s(&p["myTz"]), "Asia/Kolkata");
    assert_eq!(s(&p["partnerTz"]), "America/Chicago");
}

#[test]
fn zone_list_finds_a_zone_by_its_old_name() {
    let env = Env::new();
    let out = env.ok(&["zone", "list", "calcutta"]);
    assert!(
        out.starts_with("Asia/Kolkata (formerly Asia/Calcutta)\n"),
        "{out}"
    );
    assert!(out.contains("This computer: "), "{out}");
    let list = env.json(&["zone", "list"]);
    let kiev = list["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["alias"] == "Europe/Kiev");
    assert_eq!(s(&kiev.unwrap()["zone"]), "Europe/Kyiv");
    assert!(list["names"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == "Europe/Oslo"));
}
