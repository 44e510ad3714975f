//! The CLI: a whole journey through the CLI.

use super::*;

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
