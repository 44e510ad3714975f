//! The check-in, the anonymised survey file and the organizer's report: what
//! a participant answers, what leaves the machine (and what never does), and
//! that no small group can be singled out in a report.

#![allow(
    clippy::disallowed_methods,
    reason = "tests and benches write and open damaged or scratch files on purpose"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[allow(dead_code, reason = "shared helpers; this binary uses some of them")]
mod util;

mod audit;
mod comparison;
mod timing;
mod ui_fixtures;

use std::collections::BTreeMap;

use chrono::Days;
use trellis_core::checkin::{self, Answer, Answers, CriterionAnswer};
use trellis_core::id::PairId;
use trellis_core::pair::{self, NewPair, Role};
use trellis_core::time::When;
use trellis_core::{survey, Db};

use util::*;

/// Answers to the default questions that a mentee of first-patch may give.
fn full_answers(role: Role) -> Answers {
    let mut a = Answers::new();
    let t = |s: &str| Answer::Text(s.into());
    a.insert("role".into(), t(role.as_str()));
    a.insert("checkin-frequency".into(), t("weekly"));
    a.insert("meetings-last-4-weeks".into(), t("two-three"));
    a.insert("partner-response-time".into(), t("one-day"));
    a.insert("satisfaction".into(), Answer::Number(4));
    a.insert("clear-goals".into(), Answer::Number(5));
    a.insert("goal-progress".into(), t("some"));
    a.insert(
        "criteria-met".into(),
        Answer::Criteria(BTreeMap::from([
            ("merged-one-patch".to_string(), CriterionAnswer::Yes),
            ("submitted-change".to_string(), CriterionAnswer::Yes),
            ("responded-to-reviews".to_string(), CriterionAnswer::No),
            (
                "attended-wg-meeting".to_string(),
                CriterionAnswer::NotApplicable,
            ),
        ])),
    );
    a.insert("action-items-followed-up".into(), Answer::Number(3));
    a.insert("pair-status".into(), t("active"));
    a.insert("end-reason".into(), t("time"));
    a.insert("continue-after-program".into(), t("unsure"));
    a.insert("recommend".into(), Answer::Number(9));
    match role {
        Role::Mentor => a.insert("mentor-again".into(), t("yes")),
        Role::Mentee => a.insert("more-confident".into(), t("yes")),
    };
    a.insert("biggest-obstacle".into(), t("time-zones"));
    a
}

/// A pair matched `days` ago (so its 90-day check-in is due when days ≈ 90).
fn pair_matched_days_ago(db: &Db, partner: &str, role: Role, days: u64) -> PairId {
    pair::add(
        db,
        NewPair {
            my_role: Some(role),
            match_date: today() - Days::new(days),
            ..new_pair(partner)
        },
    )
    .unwrap()
    .id
}

fn answered_pair(db: &Db, partner: &str) -> PairId {
    let p = pair_matched_days_ago(db, partner, Role::Mentee, 90);
    checkin::answer(db, p, 1, full_answers(Role::Mentee)).unwrap();
    p
}

/// Import the built-in OpenStack pack so that it asks for criteria in
/// survey files (and, with `year`, for the year of the match).
fn ask_for_criteria(db: &Db, year: bool) {
    let extra = if year {
        "survey_criteria = true\nsurvey_timing = \"match-year\"\n"
    } else {
        "survey_criteria = true\n"
    };
    let src = include_str!("../packs/openstack.toml").replace(
        "min_group_size = 5\n",
        &format!("min_group_size = 5\n{extra}"),
    );
    trellis_core::pack::import(db, &src).unwrap();
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

mod checkin_form {
    use super::*;
    use trellis_core::criterion;
    use trellis_core::goal::{self, GoalStatus, NewGoal};
    use trellis_core::pack::QuestionKind;
    use trellis_core::pair::StatusChange;
    use trellis_core::{status, ErrorKind};

    #[test]
    fn each_role_gets_its_own_questions() {
        let db = db();
        let mentee = pair_matched_days_ago(&db, "A", Role::Mentee, 10);
        let mentor = pair_matched_days_ago(&db, "B", Role::Mentor, 10);
        let ids = |p| {
            checkin::form(
                &db,
                p,
                None,
                trellis_core::time::now(),
                trellis_core::lang::Lang::En,
            )
            .unwrap()
            .questions
            .into_iter()
            .map(|q| q.id)
            .collect::<Vec<_>>()
        };
        let (e, o) = (ids(mentee), ids(mentor));
        assert!(e.contains(&"more-confident".into()) && !e.contains(&"mentor-again".into()));
        assert!(o.contains(&"mentor-again".into()) && !o.contains(&"more-confident".into()));
        assert!(e.contains(&"recommend".into()) && o.contains(&"recommend".into()));
    }

    #[test]
    fn the_criteria_question_lists_the_pairs_pack_criteria_and_never_its_own() {
        let db = db();
        let p = pair::add(
            &db,
            NewPair {
                own_criteria: vec!["CANARY-OWN-CRITERION".into()],
                ..new_pair("A")
            },
        )
        .unwrap();
        let removed = criterion::list(&db, p.id).unwrap()[3].clone();
        criterion::delete(&db, removed.id).unwrap();
        let f = checkin::form(
            &db,
            p.id,
            Some(1),
            trellis_core::time::now(),
            trellis_core::lang::Lang::En,
        )
        .unwrap();
        let q = f
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Criteria)
            .unwrap();
        let ids: Vec<&str> = q.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "submitted-change",
                "responded-to-reviews",
                "merged-one-patch"
            ]
        );
        assert!(!serde_json::to_string(&f).unwrap().contains("CANARY"));
    }

    #[test]
    fn suggestions_come_from_the_log() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 60);
        let suggested = |id: &str| {
            checkin::form(
                &db,
                p,
                Some(1),
                trellis_core::time::now(),
                trellis_core::lang::Lang::En,
            )
            .unwrap()
            .questions
            .into_iter()
            .find(|q| q.id == id)
            .and_then(|q| q.prefill)
        };
        let text = |s: &str| Some(Answer::Text(s.into()));
        assert_eq!(suggested("role"), text("mentee"));
        assert_eq!(suggested("meetings-last-4-weeks"), text("none"));
        assert_eq!(suggested("goal-progress"), text("none"));
        assert_eq!(suggested("pair-status"), text("active"));
        // Meetings: one 40 days ago does not count; the four-week window does.
        for (days, expected) in [
            (40, "none"),
            (20, "one"),
            (10, "two-three"),
            (5, "two-three"),
            (2, "four-plus"),
        ] {
            let at = (trellis_core::time::now() - Days::new(days)).to_rfc3339();
            trellis_core::meeting::log(&db, p, meeting_at(&at)).unwrap();
            assert_eq!(
                suggested("meetings-last-4-weeks"),
                text(expected),
                "after {days}"
            );
        }
        // Goals: dropped ones do not count.
        let g = |title: &str, status| {
            goal::add(
                &db,
                p,
                NewGoal {
                    title: title.into(),
                    status: Some(status),
                    ..NewGoal::default()
                },
            )
            .unwrap()
        };
        g("a", GoalStatus::Achieved);
        assert_eq!(suggested("goal-progress"), text("all"));
        g("b", GoalStatus::Active);
        assert_eq!(suggested("goal-progress"), text("about-half"));
        g("c", GoalStatus::Proposed);
        assert_eq!(suggested("goal-progress"), text("some"));
        g("d", GoalStatus::Dropped);
        assert_eq!(suggested("goal-progress"), text("some"));
        // Criteria: met ones are suggested as yes.
        let c = criterion::list(&db, p).unwrap()[2].id;
        criterion::mark_met(&db, c, criterion::MarkMet::default()).unwrap();
        match suggested("criteria-met") {
            Some(Answer::Criteria(m)) => {
                assert_eq!(m["merged-one-patch"], CriterionAnswer::Yes);
                assert_eq!(m["submitted-change"], CriterionAnswer::No);
            }
            other => panic!("{other:?}"),
        }
        pair::set_status(&db, p, StatusChange::Pause).unwrap();
        assert_eq!(suggested("pair-status"), text("paused"));
        pair::set_status(
            &db,
            p,
            StatusChange::End {
                reason: "time".into(),
            },
        )
        .unwrap();
        assert_eq!(suggested("pair-status"), text("ended-early"));
    }

    #[test]
    fn goal_progress_buckets_the_share_achieved() {
        let cases = [
            ((0, 0), "none"),
            ((3, 0), "none"),
            ((3, 1), "some"),
            ((5, 2), "about-half"),
            ((2, 1), "about-half"),
            ((5, 3), "about-half"),
            ((4, 3), "most"),
            ((4, 4), "all"),
        ];
        for ((counted, achieved), want) in cases {
            assert_eq!(
                checkin::progress_option(counted, achieved),
                want,
                "{counted}/{achieved}"
            );
        }
    }

    #[test]
    fn every_answer_is_checked_against_its_question_with_nothing_written() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let one = |id: &str, a: Answer| Answers::from([(id.to_string(), a)]);
        let t = |s: &str| Answer::Text(s.into());
        let bad = [
            (one("no-such-question", t("yes")), "not_a_question"),
            (one("mentor-again", t("yes")), "not_a_question"),
            (one("biggest-obstacle", t("boredom")), "not_a_choice"),
            (one("biggest-obstacle", Answer::Number(1)), "not_a_choice"),
            (one("satisfaction", Answer::Number(6)), "off_scale"),
            (one("satisfaction", Answer::Number(0)), "off_scale"),
            (one("satisfaction", t("4")), "off_scale"),
            (one("recommend", Answer::Number(11)), "off_scale"),
            (one("role", t("mentor")), "not_your_role"),
            (
                one(
                    "criteria-met",
                    Answer::Criteria(BTreeMap::from([("gave-talk".into(), CriterionAnswer::Yes)])),
                ),
                "not_of_this_pair",
            ),
            (one("criteria-met", t("yes")), "not_criteria_answers"),
        ];
        for (answers, rule) in bad {
            let e = refused(&db, ErrorKind::Invalid, || {
                checkin::answer(&db, p, 1, answers.clone())
            });
            assert_eq!(e.report().params["rule"], rule, "{answers:?}: {e}");
        }
        let e = refused(&db, ErrorKind::Invalid, || {
            checkin::answer(&db, p, 2, Answers::new())
        });
        assert!(e.to_string().contains("has 1 check-in"), "{e}");
        assert_eq!(count(&db, "checkin"), 0);
    }

    #[test]
    fn prefer_not_to_say_is_always_allowed() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let all: Answers = full_answers(Role::Mentee)
            .into_keys()
            .map(|k| (k, Answer::prefer_not_to_say()))
            .collect();
        let saved = checkin::answer(&db, p, 1, all.clone()).unwrap();
        // Not saying the status says no early end: its reason is not kept.
        let mut kept = all;
        kept.remove("end-reason");
        assert_eq!(saved.answers, kept);
    }

    #[test]
    fn answering_again_replaces_the_answers() {
        let db = db();
        let p = answered_pair(&db, "A");
        let only = Answers::from([("satisfaction".to_string(), Answer::Number(2))]);
        checkin::answer(&db, p, 1, only.clone()).unwrap();
        assert_eq!(checkin::get(&db, p, 1).unwrap().unwrap().answers, only);
        assert_eq!(count(&db, "checkin"), 1);
        let all = checkin::list(&db, p).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].number, &all[0].answers), (1, &only));
    }

    #[test]
    fn answers_are_read_from_json_with_clear_errors() {
        let a = checkin::parse_answers(
            r#"{"satisfaction": 4, "role": "mentee", "criteria-met": {"merged-one-patch": "not-applicable"}}"#,
        )
        .unwrap();
        assert_eq!(a["satisfaction"], Answer::Number(4));
        assert_eq!(
            a["criteria-met"],
            Answer::Criteria(BTreeMap::from([(
                "merged-one-patch".into(),
                CriterionAnswer::NotApplicable
            )]))
        );
        for (src, reason) in [
            ("[1]", "JSON object"),
            (r#"{"satisfaction": 4.5}"#, "whole number"),
            (r#"{"criteria-met": {"x": "maybe"}}"#, "not-applicable"),
            (r#"{"a": true}"#, "an answer is"),
            ("{", "EOF"),
        ] {
            let e = checkin::parse_answers(src).unwrap_err().to_string();
            assert!(e.contains(reason), "{src}: {e}");
        }
    }

    #[test]
    fn a_due_check_in_shows_in_status_until_it_is_exported() {
        let db = db();
        let p = answered_pair(&db, "A");
        let due = |db: &Db| {
            status::for_pair(db, p, trellis_core::time::now())
                .unwrap()
                .next_checkin
        };
        assert_eq!(due(&db).unwrap().number, 1);
        assert_eq!(
            checkin::due(&db, p, trellis_core::time::now())
                .unwrap()
                .unwrap()
                .number,
            1
        );
        let dir = tempfile::tempdir().unwrap();
        let bytes = survey::preview(&db, p, 1, None).unwrap();
        assert_eq!(due(&db).unwrap().number, 1, "a preview exports nothing");
        survey::export(&db, p, 1, &dir.path().join("s.json"), &bytes).unwrap();
        let done = due(&db).unwrap();
        assert_eq!(
            (done.number, done.phase),
            (1, status::CheckinPhase::Done),
            "the last check-in shows as done"
        );
        assert_eq!(
            checkin::due(&db, p, trellis_core::time::now()).unwrap(),
            None
        );
        assert!(checkin::form(
            &db,
            p,
            Some(1),
            trellis_core::time::now(),
            trellis_core::lang::Lang::En
        )
        .unwrap()
        .exported_at
        .is_some());
    }

    #[test]
    fn the_end_reason_applies_only_after_an_early_end_and_is_not_kept_otherwise() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let f = checkin::form(
            &db,
            p,
            Some(1),
            trellis_core::time::now(),
            trellis_core::lang::Lang::En,
        )
        .unwrap();
        let q = f.questions.iter().find(|q| q.id == "end-reason").unwrap();
        let c = q.only_if.as_ref().unwrap();
        assert_eq!(
            (c.question.as_str(), &c.answers[..]),
            ("pair-status", &["ended-early".to_string()][..])
        );
        let t = |s: &str| Answer::Text(s.into());
        for status in ["active", "paused", "graduated", "prefer-not-to-say"] {
            let mut a = full_answers(Role::Mentee);
            a.insert("pair-status".into(), t(status));
            a.insert("end-reason".into(), t("mismatch"));
            let saved = checkin::answer(&db, p, 1, a).unwrap();
            assert!(!saved.answers.contains_key("end-reason"), "{status}");
            let read = checkin::get(&db, p, 1).unwrap().unwrap();
            assert!(!read.answers.contains_key("end-reason"), "{status}");
            assert_eq!(read.answers.get("pair-status"), Some(&t(status)));
        }
        // Without a status there is no early end either.
        let mut a = full_answers(Role::Mentee);
        a.remove("pair-status");
        a.insert("end-reason".into(), t("time"));
        assert!(!checkin::answer(&db, p, 1, a)
            .unwrap()
            .answers
            .contains_key("end-reason"));
        // Not applying does not make a bad answer acceptable.
        let mut a = full_answers(Role::Mentee);
        a.insert("end-reason".into(), t("bored"));
        let e = checkin::answer(&db, p, 1, a).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid);
        // After an early end it is asked and kept.
        let mut a = full_answers(Role::Mentee);
        a.insert("pair-status".into(), t("ended-early"));
        a.insert("end-reason".into(), t("mismatch"));
        let saved = checkin::answer(&db, p, 1, a).unwrap();
        assert_eq!(saved.answers.get("end-reason"), Some(&t("mismatch")));
        // "It did not end early" is never offered after "Ended early", nor
        // taken; files that carry it from before only_if still report.
        assert!(
            !q.options.iter().any(|o| o.id == "did-not-end-early"),
            "{:?}",
            q.options
        );
        let mut a = full_answers(Role::Mentee);
        a.insert("pair-status".into(), t("ended-early"));
        a.insert("end-reason".into(), t("did-not-end-early"));
        let e = checkin::answer(&db, p, 1, a).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid);
        assert_eq!(
            checkin::get(&db, p, 1)
                .unwrap()
                .unwrap()
                .answers
                .get("end-reason"),
            Some(&t("mismatch")),
            "the refused answer changed nothing"
        );
        let pk = trellis_core::pack::get(&db, "openstack-mentoring").unwrap();
        let mut old = survey::parse(&survey::preview(&db, p, 1, None).unwrap()).unwrap();
        old.answers.0.retain(|(k, _)| k != "end-reason");
        old.answers.0.push((
            "end-reason".into(),
            survey::ClosedAnswer::Text("did-not-end-early".into()),
        ));
        trellis_core::report::fits_pack(&old, &pk).unwrap();
    }

    #[test]
    fn the_answers_are_never_in_the_portable_record() {
        let db = db();
        let p = answered_pair(&db, "A");
        let r = trellis_core::record::export(
            &db,
            p,
            trellis_core::record::RecordFormat::Json,
            true,
            trellis_core::lang::Lang::En,
        )
        .unwrap();
        for word in ["time-zones", "checkin-frequency", "recommend", "answers"] {
            assert!(!r.contains(word), "{word} in the record");
        }
    }
}

mod survey_file {
    use super::*;
    use base64_lite::encode;
    use trellis_core::action::NewAction;
    use trellis_core::criterion::{self, MarkMet};
    use trellis_core::goal::{self, GoalStatus, NewGoal};
    use trellis_core::meeting::{self, NewMeeting};
    use trellis_core::note::{self, Attachment, Visibility};
    use trellis_core::ErrorKind;

    /// Base64 without a dependency: enough to look for encoded canaries.
    mod base64_lite {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        pub fn encode(b: &[u8]) -> String {
            let mut s = String::new();
            for c in b.chunks(3) {
                let n = (u32::from(c[0]) << 16)
                    | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*c.get(2).unwrap_or(&0));
                for i in 0..4 {
                    if i <= c.len() {
                        s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                    } else {
                        s.push('=');
                    }
                }
            }
            s
        }
    }

    #[test]
    fn no_text_of_the_pair_ever_reaches_the_survey_file() {
        let db = db();
        ask_for_criteria(&db, false);
        let made = std::cell::RefCell::new(Vec::<String>::new());
        let c = |what: &str| {
            let s = format!("Canary{}Zq{}", what, made.borrow().len());
            made.borrow_mut().push(s.clone());
            s
        };
        let mut canaries: Vec<String> = Vec::new();
        let partner = c("Partner");
        let own = c("OwnCriterion");
        let p = pair::add(
            &db,
            NewPair {
                own_criteria: vec![own],
                match_date: today() - Days::new(90),
                my_tz: tz("Pacific/Chatham"),
                partner_tz: tz("Asia/Kathmandu"),
                ..new_pair(&partner)
            },
        )
        .unwrap()
        .id;
        canaries.extend(["Chatham".into(), "Kathmandu".into(), p.to_string()]);
        let g = goal::add(
            &db,
            p,
            NewGoal {
                title: c("GoalTitle"),
                why: c("GoalWhy"),
                milestones: vec![c("Milestone")],
                ..NewGoal::default()
            },
        )
        .unwrap();
        let at = When::Instant(trellis_core::time::now() - Days::new(3));
        let m = meeting::log(
            &db,
            p,
            NewMeeting {
                starts_at: at,
                duration_min: Some(47),
                agenda: c("Agenda"),
                notes: c("MeetingNotes"),
                goal_ids: vec![g.id],
                actions: vec![NewAction {
                    text: c("ActionItem"),
                    owner: Role::Mentor,
                    due_date: None,
                }],
                ..NewMeeting::default()
            },
        )
        .unwrap();
        canaries.push(m.starts_at.format("%Y-%m-%d").to_string());
        trellis_core::action::add(&db, p, None, action(&c("LooseAction"), Role::Mentee, None))
            .unwrap();
        note::add(
            &db,
            p,
            note(&c("PrivateNote"), Visibility::Private, Attachment::None),
        )
        .unwrap();
        note::add(
            &db,
            p,
            note(
                &c("SharedNote"),
                Visibility::Shared,
                Attachment::NextMeeting,
            ),
        )
        .unwrap();
        let evidence = format!("https://review.example.org/{}", c("Evidence"));
        let first = criterion::list(&db, p).unwrap()[0].id;
        criterion::mark_met(
            &db,
            first,
            MarkMet {
                on: None,
                evidence: Some(evidence),
            },
        )
        .unwrap();
        canaries.push(
            criterion::get(&db, first)
                .unwrap()
                .met_on
                .unwrap()
                .to_string(),
        );
        canaries.push((today() - Days::new(90)).to_string());
        checkin::answer(&db, p, 1, full_answers(Role::Mentee)).unwrap();
        canaries.extend(made.into_inner());
        assert_eq!(canaries.len(), 18);
        let bytes = survey::preview(&db, p, 1, None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("survey.json");
        survey::export(&db, p, 1, &path, &bytes).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, bytes);
        let raw = String::from_utf8(written).unwrap();
        let lower = raw.to_lowercase();
        for canary in &canaries {
            let escaped = serde_json::to_string(canary).unwrap();
            let forms = [
                canary.clone(),
                escaped.trim_matches('"').to_string(),
                canary.to_lowercase(),
                encode(canary.as_bytes()),
                encode(canary.to_lowercase().as_bytes()),
            ];
            for f in forms {
                assert!(!raw.contains(&f), "{f} leaked into the survey file:\n{raw}");
                assert!(!lower.contains(&f.to_lowercase()), "{f} leaked (any case)");
            }
        }
        // The file is well formed and says what it should.
        let v = json(&bytes);
        assert_eq!(v["activity"]["meetings"], "1-2");
        assert_eq!(
            v["activity"]["criteriaMet"],
            serde_json::json!({"met": 1, "of": 4})
        );
        assert!(!raw.contains("Europe") && !raw.contains("UTC"));
    }

    /// Every key path of a JSON document, `a.b.c`.
    fn key_paths(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        if let serde_json::Value::Object(m) = v {
            for (k, child) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push(path.clone());
                key_paths(child, &path, out);
            }
        }
    }

    #[test]
    fn the_keys_of_a_survey_file_are_exactly_the_published_allowlist() {
        let db = db();
        // A pack that asks for everything a file may carry.
        ask_for_criteria(&db, true);
        let p = answered_pair(&db, "A");
        // Ended early, so that the reason is asked too.
        let mut ended = full_answers(Role::Mentee);
        ended.insert("pair-status".into(), Answer::Text("ended-early".into()));
        ended.insert("end-reason".into(), Answer::Text("mismatch".into()));
        checkin::answer(&db, p, 1, ended).unwrap();
        let bytes = survey::preview(&db, p, 1, Some("All good so far.".into())).unwrap();
        let mut keys = Vec::new();
        key_paths(&json(&bytes), "", &mut keys);
        // And a pack that names its terms: matchTerm in matchYear's place.
        let terms = include_str!("../packs/openstack.toml").replace(
            "min_group_size = 5\n",
            "min_group_size = 5\nsurvey_criteria = true\nsurvey_timing = \"term\"\nterms = [{ name = \"2020 Spring\", from = \"2020-01-01\" }]\n",
        );
        trellis_core::pack::import(&db, &terms).unwrap();
        let bytes = survey::preview(&db, p, 1, Some("All good so far.".into())).unwrap();
        key_paths(&json(&bytes), "", &mut keys);
        keys.sort();
        keys.dedup();
        let allowlist_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden/allowlist-survey-1.1.txt");
        let allowlist: Vec<String> = std::fs::read_to_string(&allowlist_file)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        assert_eq!(
            keys, allowlist,
            "update docs/survey-format.md and the allowlist together"
        );
        // The fixed keys are the ones the core publishes.
        let top: Vec<&str> = allowlist
            .iter()
            .filter(|k| !k.contains('.'))
            .map(String::as_str)
            .collect();
        let mut published = survey::TOP_LEVEL_KEYS.to_vec();
        published.sort();
        assert_eq!(top, published);
    }

    #[test]
    fn the_published_json_schema_says_what_the_reader_checks() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/schema/trellis-survey-1.2.schema.json");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let sorted = |a: &[&str]| {
            let mut v: Vec<String> = a.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(keys(&schema), sorted(&survey::TOP_LEVEL_KEYS));
        let activity = &schema["properties"]["activity"];
        assert_eq!(keys(activity), sorted(&survey::ACTIVITY_KEYS));
        assert_eq!(
            keys(&activity["properties"]["criteriaMet"]),
            sorted(&survey::CRITERIA_MET_KEYS)
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, survey::REQUIRED_KEYS);
        let buckets: Vec<&str> = schema["$defs"]["bucket"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let ours: Vec<&str> = survey::Bucket::ALL.iter().map(|b| b.as_str()).collect();
        assert_eq!(buckets, ours);
        // Every object of a fixed shape is closed.
        fn closed(v: &serde_json::Value, at: &str) {
            if let Some(m) = v.as_object() {
                if m.contains_key("properties") {
                    assert_eq!(
                        m.get("additionalProperties"),
                        Some(&serde_json::Value::Bool(false)),
                        "{at}"
                    );
                }
                for (k, child) in m {
                    closed(child, &format!("{at}.{k}"));
                }
            }
        }
        closed(&schema, "$");
    }

    #[test]
    fn regression_issue_12_no_time_finer_than_the_pack_asks_is_in_a_survey_file() {
        let db = db();
        let p = answered_pair(&db, "A");
        let raw = String::from_utf8(survey::preview(&db, p, 1, None).unwrap()).unwrap();
        let v = json(raw.as_bytes());
        // By default only the check-in number says when.
        assert!(
            v.get("matchMonth").is_none() && v.get("matchYear").is_none(),
            "{raw}"
        );
        assert_eq!(v["checkinNumber"], 1);
        // Criteria leave the machine only when the pack asks.
        assert!(v.get("criteria").is_none() && v["activity"].get("criteriaMet").is_none());
        ask_for_criteria(&db, true);
        let asked = json(&survey::preview(&db, p, 1, None).unwrap());
        let year = (today() - Days::new(90)).format("%Y").to_string();
        assert_eq!(asked["matchYear"].to_string(), year);
        assert!(asked.get("matchMonth").is_none());
        assert!(asked["criteria"].is_object());
        // Nothing else looks like a date or a time anywhere in the file
        // (the random respondent id's hex digits aside).
        let raw = raw.replace(v["respondentId"].as_str().unwrap(), "");
        let b = raw.as_bytes();
        for i in 0..b.len().saturating_sub(7) {
            let w = &b[i..i + 7];
            let dateish = w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b'-'
                && w[5..].iter().all(u8::is_ascii_digit);
            assert!(!dateish, "a date in the file: {}", &raw[i..i + 7]);
        }
        assert!(!raw.contains(&today().to_string()));
        assert!(!raw.contains('T') || !raw.contains(':'), "no times");
    }

    #[test]
    fn regression_issue_12_raw_files_do_not_tell_the_organizer_how_many_of_a_cohort_answered() {
        // The curious organizer holds every raw file. Two respondents of two
        // cohorts, answering alike: nothing but the random respondent id may
        // tell their files apart, or counting files per cohort gives the
        // size of a group below K.
        let db = db();
        let mut answers = full_answers(Role::Mentee);
        answers.insert(
            "criteria-met".into(),
            Answer::Text(checkin::PREFER_NOT_TO_SAY.into()),
        );
        let file_of = |db: &Db, cohort: &str| {
            let p = pair::add(
                db,
                NewPair {
                    my_role: Some(Role::Mentee),
                    cohort_id: cohort.into(),
                    match_date: today() - Days::new(90),
                    ..new_pair(cohort)
                },
            )
            .unwrap()
            .id;
            checkin::answer(db, p, 1, answers.clone()).unwrap();
            let raw = String::from_utf8(survey::preview(db, p, 1, None).unwrap()).unwrap();
            let id = json(raw.as_bytes())["respondentId"]
                .as_str()
                .unwrap()
                .to_string();
            (raw.replace(&id, "RESPONDENT"), raw)
        };
        let (patch, _) = file_of(&db, "first-patch");
        let (cfp, _) = file_of(&db, "first-cfp");
        assert_eq!(patch, cfp, "the files tell the cohorts apart");
        assert!(!patch.contains("first-patch") && !patch.contains("cohortId"));

        // A pack may ask for the cohort; then the file names it and the
        // preview says what that tells the organizer.
        let src = include_str!("../packs/openstack.toml").replace(
            "min_group_size = 5\n",
            "min_group_size = 5\nsurvey_cohort = true\n",
        );
        trellis_core::pack::import(&db, &src).unwrap();
        let (_, asked) = file_of(&db, "first-cfp");
        let f = survey::parse(asked.as_bytes()).unwrap();
        assert_eq!(f.cohort_id.as_deref(), Some("first-cfp"));
        let line = survey::explain(&f)
            .into_iter()
            .find(|l| l.key == "cohortId")
            .unwrap();
        assert!(
            line.meaning.contains("how many of your cohort"),
            "{}",
            line.meaning
        );

        // Criteria tell their cohort, so a pack cannot ask for them without it.
        let e = trellis_core::pack::parse(&include_str!("../packs/openstack.toml").replace(
            "min_group_size = 5\n",
            "min_group_size = 5\nsurvey_criteria = true\nsurvey_cohort = false\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("checkin.survey_cohort"), "{e}");
    }

    #[test]
    fn the_activity_figures_count_the_log_as_of_the_preview() {
        let db = db();
        ask_for_criteria(&db, false);
        let p = answered_pair(&db, "Ada");
        for (title, status) in [
            ("kept", GoalStatus::Active),
            ("done", GoalStatus::Achieved),
            ("dropped", GoalStatus::Dropped),
            ("dropped too", GoalStatus::Dropped),
            ("dropped as well", GoalStatus::Dropped),
        ] {
            goal::add(
                &db,
                p,
                NewGoal {
                    title: title.into(),
                    status: Some(status),
                    ..NewGoal::default()
                },
            )
            .unwrap();
        }
        // Two meetings up to now; one planned next week does not count.
        for days_from_now in [-10i64, -2, 7] {
            meeting::log(
                &db,
                p,
                NewMeeting {
                    starts_at: When::Instant(
                        trellis_core::time::now() + chrono::Duration::days(days_from_now),
                    ),
                    ..NewMeeting::default()
                },
            )
            .unwrap();
        }
        let first = criterion::list(&db, p).unwrap()[0].id;
        criterion::mark_met(
            &db,
            first,
            MarkMet {
                on: None,
                evidence: None,
            },
        )
        .unwrap();

        let v = json(&survey::preview(&db, p, 1, None).unwrap());
        // Each figure sits one bucket below what a miscount would give.
        assert_eq!(v["activity"]["meetings"], "1-2", "{v}");
        assert_eq!(v["activity"]["goalsSet"], "1-2", "two not dropped: {v}");
        assert_eq!(v["activity"]["goalsAchieved"], "1-2", "{v}");
        assert_eq!(
            v["activity"]["criteriaMet"],
            serde_json::json!({"met": 1, "of": 4})
        );
    }

    #[test]
    fn re_exports_of_one_check_in_carry_its_one_respondent_id_and_a_new_revision() {
        let db = db();
        let p = answered_pair(&db, "A");
        let dir = tempfile::tempdir().unwrap();
        let mut seen = Vec::new();
        for name in ["a.json", "b.json", "c.json"] {
            let bytes = survey::preview(&db, p, 1, None).unwrap();
            let path = dir.path().join(name);
            let done = survey::export(&db, p, 1, &path, &bytes).unwrap();
            let id = uuid::Uuid::parse_str(&done.respondent_id).unwrap();
            assert_eq!(id.get_version_num(), 4);
            let v = json(&std::fs::read(&path).unwrap());
            assert_eq!(v["respondentId"], done.respondent_id.as_str());
            seen.push((done.respondent_id, v["revision"].clone()));
        }
        assert!(seen.iter().all(|(id, _)| *id == seen[0].0), "{seen:?}");
        let revisions: Vec<_> = seen.iter().map(|(_, r)| r.clone()).collect();
        assert_eq!(revisions, [1, 2, 3].map(serde_json::Value::from));
        assert!(!seen[0].0.contains(&p.to_string()));
        // Another pair's check-in is another respondent.
        let q = answered_pair(&db, "B");
        let other = json(&survey::preview(&db, q, 1, None).unwrap());
        assert_ne!(other["respondentId"], seen[0].0.as_str());
        // The organizer's report counts the person once and says so.
        let files = trellis_core::report::survey_files(&[dir.path().to_path_buf()]).unwrap();
        let r = trellis_core::report::build(&db, &files, &Default::default(), &mut |_| {}).unwrap();
        assert_eq!(r.accepted, 1, "{:?}", r.refused);
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["folded"], 2, "{v}");
        assert!(
            r.refused.is_empty(),
            "older revisions are folded, not refused"
        );
    }

    #[test]
    fn each_check_in_of_a_pair_is_its_own_respondent() {
        let db = db();
        let src = include_str!("../packs/openstack.toml")
            .replace("days_after_match = [90]", "days_after_match = [90, 180]");
        trellis_core::pack::import(&db, &src).unwrap();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 200);
        checkin::answer(&db, p, 1, full_answers(Role::Mentee)).unwrap();
        checkin::answer(&db, p, 2, full_answers(Role::Mentee)).unwrap();
        let one = json(&survey::preview(&db, p, 1, None).unwrap());
        let two = json(&survey::preview(&db, p, 2, None).unwrap());
        assert_ne!(one["respondentId"], two["respondentId"]);
        // Previewing again does not make a new one.
        let again = json(&survey::preview(&db, p, 1, None).unwrap());
        assert_eq!(one["respondentId"], again["respondentId"]);
    }

    #[test]
    fn what_was_previewed_is_what_is_written_or_nothing_is() {
        let db = db();
        let p = answered_pair(&db, "A");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let bytes = survey::preview(&db, p, 1, None).unwrap();
        // Altered bytes are refused.
        let altered = String::from_utf8(bytes.clone())
            .unwrap()
            .replace("\"satisfaction\": 4", "\"satisfaction\": 5");
        let e = refused(&db, ErrorKind::Conflict, || {
            survey::export(&db, p, 1, &path, altered.as_bytes())
        });
        assert!(e.to_string().contains("differ from the preview"), "{e}");
        let junk = refused(&db, ErrorKind::Format, || {
            survey::export(&db, p, 1, &path, b"{}")
        });
        assert!(junk.to_string().contains("not a Trellis survey"), "{junk}");
        // A change of the answers after the preview is refused too.
        let mut changed = full_answers(Role::Mentee);
        changed.insert("satisfaction".into(), Answer::Number(1));
        checkin::answer(&db, p, 1, changed).unwrap();
        refused(&db, ErrorKind::Conflict, || {
            survey::export(&db, p, 1, &path, &bytes)
        });
        assert!(!path.exists());
        // A fresh preview is written byte for byte.
        let again = survey::preview(&db, p, 1, None).unwrap();
        survey::export(&db, p, 1, &path, &again).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), again);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unanswered_check_in_has_no_survey_file() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let e = err(survey::preview(&db, p, 1, None));
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.to_string().contains("answer it first"), "{e}");
    }

    #[test]
    fn a_comment_goes_in_only_when_given_and_never_with_contact_details() {
        let db = db();
        let p = answered_pair(&db, "Grace Hopper");
        let without = json(&survey::preview(&db, p, 1, None).unwrap());
        assert!(without.get("comment").is_none());
        let blank = json(&survey::preview(&db, p, 1, Some("   ".into())).unwrap());
        assert!(blank.get("comment").is_none());
        let with = json(
            &survey::preview(&db, p, 1, Some("  More time for reviews, please. ".into())).unwrap(),
        );
        assert_eq!(with["comment"], "More time for reviews, please.");
        for (comment, reason) in [
            ("write to me at ada@example.org", "e-mail address"),
            ("I am @ada_l on IRC", "handle"),
            ("see https://example.org/me", "web address"),
            ("my blog: www.example.org", "web address"),
            ("my site example.com has it", "web address"),
            ("github.io/someone/project", "web address"),
            ("Grace was great", "partner's name"),
            ("thanks to grace hopper", "partner's name"),
        ] {
            let e = refused(&db, ErrorKind::Invalid, || {
                survey::preview(&db, p, 1, Some(comment.into()))
            });
            assert!(e.to_string().contains(reason), "{comment}: {e}");
        }
        let long = "a".repeat(survey::MAX_COMMENT + 1);
        let e = err(survey::preview(&db, p, 1, Some(long)));
        assert!(e.to_string().contains("limit is 500"), "{e}");
        assert!(survey::preview(&db, p, 1, Some("e.g. more docs; 3.5 stars".into())).is_ok());
    }

    #[test]
    fn regression_issue_12_the_comment_filter_names_nobody_however_written() {
        let db = db();
        let p = answered_pair(&db, "Zoë Lin-Martínez");
        for (comment, reason) in [
            ("Zoe was very patient", "partner's name"),
            ("ZOË was very patient", "partner's name"),
            ("thanks to zoe lin", "partner's name"),
            ("Lin helped me a lot", "partner's name"),
            ("Martinez helped me a lot", "partner's name"),
            ("find me as jdoe42 on IRC", "handle"),
            ("my nick is jdoe42", "handle"),
            ("my handle: jdoe42", "handle"),
            ("ask jdoe42 on irc", "handle"),
            ("I am @jdoe", "handle"),
            ("my reviews are on opendev.org", "web address"),
            ("review.opendev.org had the change", "web address"),
            ("mail jdoe@example.org", "e-mail address"),
            ("http://localhost:8000/x", "web address"),
            ("github user jdoe-42 has my patches", "handle"),
        ] {
            let e = refused(&db, ErrorKind::Invalid, || {
                survey::preview(&db, p, 1, Some(comment.into()))
            });
            assert!(e.to_string().contains(reason), "{comment}: {e}");
            assert!(
                e.to_string().contains("remove"),
                "the refusal says what to do: {e}"
            );
        }
        // Ordinary words that only resemble a name or an address pass.
        for fine in [
            "More time for reviews, please.",
            "e.g. more docs; 3.5 stars",
            "The IRC channel was quiet at night.",
            "Linux docs were hard to find",
        ] {
            assert!(
                survey::preview(&db, p, 1, Some(fine.into())).is_ok(),
                "{fine}"
            );
        }
    }

    #[test]
    fn preferring_not_to_say_the_role_leaves_out_the_questions_that_would_tell() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentor, 90);
        let mut a = full_answers(Role::Mentor);
        a.insert("role".into(), Answer::prefer_not_to_say());
        checkin::answer(&db, p, 1, a).unwrap();
        let v = json(&survey::preview(&db, p, 1, None).unwrap());
        assert_eq!(v["role"], "prefer-not-to-say");
        assert!(v["answers"].get("mentor-again").is_none());
        assert!(v["answers"].get("role").is_none());
        assert_eq!(v["answers"]["recommend"], 9);
        // Answered as the mentor, the role is in the file once, as the envelope.
        checkin::answer(&db, p, 1, full_answers(Role::Mentor)).unwrap();
        let v = json(&survey::preview(&db, p, 1, None).unwrap());
        assert_eq!(v["role"], "mentor");
        assert_eq!(v["answers"]["mentor-again"], "yes");
    }

    #[test]
    fn a_packs_own_questions_are_asked_and_a_cohort_question_is_never_sent() {
        let db = db();
        trellis_core::pack::import(
            &db,
            r#"
format = "trellis-pack"
format_version = "1.0"
[program]
id = "tiny"
name = "Tiny"
version = "3"
[checkin]
days_after_match = [30, 60]
[[cohorts]]
id = "only"
name = "Only"
[[cohorts.criteria]]
id = "did-it"
text = "Did it"
[[questions]]
id = "which-cohort"
text = "Which cohort?"
kind = "choice"
options = [{ id = "only", label = "Only" }, { id = "other", label = "Other" }]
prefill = "cohort"
[[questions]]
id = "fun"
text = "Fun?"
kind = "scale"
min = 1
max = 3
"#,
        )
        .unwrap();
        let p = pair::add(
            &db,
            NewPair {
                program_id: "tiny".into(),
                cohort_id: "only".into(),
                match_date: today() - Days::new(61),
                ..new_pair("A")
            },
        )
        .unwrap()
        .id;
        let f = checkin::form(
            &db,
            p,
            None,
            trellis_core::time::now(),
            trellis_core::lang::Lang::En,
        )
        .unwrap();
        assert_eq!(
            f.number, 2,
            "the first is past its window; the second is due"
        );
        assert_eq!(f.questions[0].prefill, Some(Answer::Text("only".into())));
        let a = Answers::from([
            ("which-cohort".to_string(), Answer::Text("only".into())),
            ("fun".to_string(), Answer::Number(3)),
        ]);
        checkin::answer(&db, p, 2, a).unwrap();
        let v = json(&survey::preview(&db, p, 2, None).unwrap());
        assert_eq!(v["checkinNumber"], 2);
        assert!(
            v.get("cohortId").is_none(),
            "the pack did not ask for the cohort: {v}"
        );
        assert_eq!(v["answers"], serde_json::json!({"fun": 3}));
    }

    #[test]
    fn criteria_go_in_by_pack_id_with_prefer_not_to_say_for_all() {
        let db = db();
        ask_for_criteria(&db, false);
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let mut a = full_answers(Role::Mentee);
        a.insert("criteria-met".into(), Answer::prefer_not_to_say());
        checkin::answer(&db, p, 1, a).unwrap();
        let v = json(&survey::preview(&db, p, 1, None).unwrap());
        let c = v["criteria"].as_object().unwrap();
        assert_eq!(c.len(), 4);
        assert!(c.values().all(|x| x == "prefer-not-to-say"));
    }

    #[test]
    fn the_reader_refuses_what_the_schema_does_not_allow() {
        let db = db();
        let p = answered_pair(&db, "A");
        let good = String::from_utf8(survey::preview(&db, p, 1, None).unwrap()).unwrap();
        let f = survey::parse(good.as_bytes()).unwrap();
        assert_eq!(survey::render(&f).unwrap(), good.as_bytes(), "round trip");
        let v4 = json(good.as_bytes())["respondentId"]
            .as_str()
            .unwrap()
            .to_string();
        let mut v1 = v4.clone();
        v1.replace_range(14..15, "1");
        let cases: Vec<(String, survey::ProblemKind)> = vec![
            (
                good.replace(
                    "\"format\": \"trellis-survey\"",
                    "\"format\": \"trellis-record\"",
                ),
                survey::ProblemKind::NotSurvey,
            ),
            (
                good.replace("\"formatVersion\": \"1.2\"", "\"formatVersion\": \"2.0\""),
                survey::ProblemKind::UnknownVersion,
            ),
            (
                good.replace("\"formatVersion\": \"1.2\"", "\"formatVersion\": \"1.3\""),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"role\"", "\"partnerName\": \"Ada\",\n  \"role\""),
                survey::ProblemKind::Schema,
            ),
            (good.replace(&v4, &v1), survey::ProblemKind::Schema),
            (
                good.replace(&v4, &v4.to_uppercase()),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"role\"", "\"matchMonth\": \"2026-03\",\n  \"role\""),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"revision\": 1,", "\"revision\": 0,"),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"revision\": 1,\n", ""),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace(
                    "\"satisfaction\": 4",
                    "\"satisfaction\": 4,\n    \"satisfaction\": 5",
                ),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"meetings\": \"", "\"meetings\": \"7"),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"role\": \"mentee\"", "\"role\": \"boss\""),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"checkinNumber\": 1", "\"checkinNumber\": 0"),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"satisfaction\": 4", "\"satisfaction\": 4.5"),
                survey::ProblemKind::Schema,
            ),
            (
                good.replace("\"satisfaction\": 4", "\"satisfaction\": \"Very Good!\""),
                survey::ProblemKind::Schema,
            ),
            (
                good[..good.len() - 3].to_string(),
                survey::ProblemKind::Malformed,
            ),
            ("[]".into(), survey::ProblemKind::NotSurvey),
        ];
        for (i, (text, kind)) in cases.into_iter().enumerate() {
            match survey::parse(text.as_bytes()) {
                // A newer minor version with nothing new in it still reads.
                Ok(_) if i == 2 => {}
                Ok(_) => panic!("case {i} was accepted:\n{text}"),
                Err(e) => assert_eq!(e.kind, kind, "case {i}: {e:?}"),
            }
        }
        let e = survey::parse(&[0xff, 0xfe]).unwrap_err();
        assert_eq!(e.kind, survey::ProblemKind::Malformed);
        let e = survey::parse(
            b"{\"format\": \"trellis-survey\", \"formatVersion\": \"1.0\", \"x\x1b[31m\": 1}",
        )
        .unwrap_err();
        assert!(
            !e.reason.contains('\u{1b}'),
            "control characters are never echoed"
        );
    }

    #[test]
    fn a_question_that_does_not_apply_is_left_out_of_the_file_and_its_preview() {
        let db = db();
        let p = pair_matched_days_ago(&db, "A", Role::Mentee, 90);
        let t = |s: &str| Answer::Text(s.into());
        let file_with = |status: &str| {
            let mut a = full_answers(Role::Mentee);
            a.insert("pair-status".into(), t(status));
            a.insert("end-reason".into(), t("mismatch"));
            checkin::answer(&db, p, 1, a).unwrap();
            let bytes = survey::preview(&db, p, 1, None).unwrap();
            let lines: Vec<String> = survey::explain(&survey::parse(&bytes).unwrap())
                .into_iter()
                .map(|l| l.key)
                .collect();
            (json(&bytes), String::from_utf8(bytes).unwrap(), lines)
        };
        for status in ["active", "prefer-not-to-say"] {
            let (f, raw, lines) = file_with(status);
            assert_eq!(f["answers"]["pair-status"], status);
            assert!(f["answers"].get("end-reason").is_none(), "{raw}");
            assert!(
                !raw.contains("end-reason") && !raw.contains("mismatch"),
                "{raw}"
            );
            assert!(!lines.iter().any(|k| k.contains("end-reason")), "{lines:?}");
        }
        let (f, _, lines) = file_with("ended-early");
        assert_eq!(f["answers"]["end-reason"], "mismatch");
        assert!(lines.iter().any(|k| k == "answers.end-reason"), "{lines:?}");
    }

    #[test]
    fn an_answer_saved_by_an_older_build_to_a_question_that_does_not_apply_stays_out_of_the_file() {
        let db = db();
        let p = answered_pair(&db, "A");
        // As a build before only_if kept it: a reason beside an active status.
        db.write(|tx| {
            tx.execute(
                "UPDATE checkin SET answers = json_set(answers, '$.\"end-reason\"', 'mismatch')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let saved = checkin::get(&db, p, 1).unwrap().unwrap();
        assert_eq!(
            saved.answers.get("end-reason"),
            Some(&Answer::Text("mismatch".into()))
        );
        let raw = String::from_utf8(survey::preview(&db, p, 1, None).unwrap()).unwrap();
        assert!(raw.contains("\"pair-status\": \"active\""), "{raw}");
        assert!(
            !raw.contains("end-reason") && !raw.contains("mismatch"),
            "{raw}"
        );
    }
}

mod suppression {
    use proptest::prelude::*;
    use trellis_core::report::suppression::{
        protect, smallest_revealed_sum, CountTable, Fix, Published,
    };

    fn published_values_ok(t: &CountTable, p: &Published, k: u32) -> Result<(), String> {
        for (r, row) in t.cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if p.cells[r][c] && *v > 0 && *v < k {
                    return Err(format!("cell ({r},{c}) = {v} shown"));
                }
            }
            let rt = t.row_total(r);
            if p.row_totals[r] && t.row_totals[r] == Fix::Free && rt > 0 && rt < k {
                return Err(format!("row total {r} = {rt} shown"));
            }
        }
        for c in 0..t.col_totals.len() {
            let ct = t.col_total(c);
            if p.col_totals[c] && t.col_totals[c] == Fix::Free && ct > 0 && ct < k {
                return Err(format!("column total {c} = {ct} shown"));
            }
        }
        let g = t.grand();
        if p.grand_total && t.grand_total == Fix::Free && g > 0 && g < k {
            return Err(format!("grand total {g} shown"));
        }
        if let Some(s) = smallest_revealed_sum(t, p) {
            if s < k {
                return Err(format!("a sum of hidden cells, {s}, can be worked out"));
            }
        }
        Ok(())
    }

    fn table() -> impl Strategy<Value = (Vec<Vec<u32>>, u32)> {
        (1usize..=5, 1usize..=4, 1u32..=6).prop_flat_map(|(rows, cols, k)| {
            (
                prop::collection::vec(
                    prop::collection::vec(prop_oneof![3 => 0u32..4, 2 => 0u32..15], cols),
                    rows,
                ),
                Just(k),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn no_published_cell_nor_any_difference_reveals_a_group_smaller_than_k((cells, k) in table()) {
            let t = CountTable::free(cells);
            let p = protect(&t, k);
            prop_assert_eq!(published_values_ok(&t, &p, k), Ok(()));
        }

        #[test]
        fn the_rule_holds_with_totals_fixed_by_other_tables((cells, k) in table(), hide_rows in any::<bool>()) {
            let mut t = CountTable::free(cells);
            // As the report's one-column tables: totals known from elsewhere.
            if t.grand() >= k {
                t.grand_total = Fix::Shown;
            }
            if hide_rows {
                t.row_totals = vec![Fix::Hidden; t.cells.len()];
            }
            let p = protect(&t, k);
            prop_assert!(!hide_rows || p.row_totals.iter().all(|b| !b));
            prop_assert_eq!(published_values_ok(&t, &p, k), Ok(()));
        }
    }
}

mod report {
    use super::*;
    use proptest::prelude::*;
    use trellis_core::report::{self, ReportOptions};
    use trellis_core::survey::{
        Activity, Bucket, ClosedAnswer, CriteriaMet, OrderedMap, SurveyFile, SurveyRole,
    };
    use trellis_core::{pack, ErrorKind};

    pub(crate) fn respondent(i: u32, cohort: &str, role: SurveyRole, seed: u32) -> SurveyFile {
        let pk = pack::builtin()
            .unwrap()
            .into_iter()
            .find(|p| p.program.id == PROGRAM)
            .unwrap();
        let co = pk.cohorts.iter().find(|c| c.id == cohort).unwrap();
        let pick =
            |n: u32, salt: u32| (seed.wrapping_mul(2654435761).wrapping_add(salt * 40503) >> 7) % n;
        let mut answers = Vec::new();
        for (qi, q) in pk.questions.iter().enumerate() {
            let qi = qi as u32;
            if q.prefill == Some(trellis_core::pack::Prefill::Role)
                || q.kind == trellis_core::pack::QuestionKind::Criteria
            {
                continue;
            }
            if q.roles.len() == 1 && role.role().is_none_or(|r| !q.roles.contains(&r)) {
                continue;
            }
            match pick(10, qi) {
                0 => continue,
                1 => answers.push((q.id.clone(), ClosedAnswer::Text("prefer-not-to-say".into()))),
                _ => {}
            }
            if answers.last().is_some_and(|(id, _)| *id == q.id) {
                continue;
            }
            let a = match q.kind {
                trellis_core::pack::QuestionKind::Choice => ClosedAnswer::Text(
                    q.options[pick(q.options.len() as u32, qi + 100) as usize]
                        .id
                        .clone(),
                ),
                _ => {
                    let (lo, hi) = (q.min.unwrap(), q.max.unwrap());
                    ClosedAnswer::Number(
                        i64::from(lo) + i64::from(pick((hi - lo + 1) as u32, qi + 200)),
                    )
                }
            };
            answers.push((q.id.clone(), a));
        }
        let answers_for_criteria = [
            CriterionAnswer::Yes,
            CriterionAnswer::No,
            CriterionAnswer::NotApplicable,
            CriterionAnswer::PreferNotToSay,
        ];
        let criteria: Vec<_> = co
            .criteria
            .iter()
            .enumerate()
            .filter(|(ci, _)| pick(5, 300 + *ci as u32) != 0)
            .map(|(ci, d)| {
                (
                    d.id.clone(),
                    answers_for_criteria[pick(4, 400 + ci as u32) as usize],
                )
            })
            .collect();
        let met = pick(co.criteria.len() as u32 + 1, 500);
        SurveyFile {
            format: survey::FORMAT.into(),
            format_version: survey::FORMAT_VERSION.into(),
            respondent_id: format!("00000000-0000-4000-8000-{:012x}", i),
            revision: Some(1),
            program_id: PROGRAM.into(),
            pack_version: pk.program.version.clone(),
            cohort_id: Some(cohort.into()),
            role,
            match_month: None,
            match_year: None,
            match_term: None,
            checkin_number: 1,
            answers: OrderedMap(answers),
            criteria: OrderedMap(criteria),
            activity: Activity {
                meetings: Bucket::ALL[pick(5, 600) as usize],
                goals_set: Bucket::ALL[pick(5, 700) as usize],
                goals_achieved: Bucket::ALL[pick(3, 800) as usize],
                criteria_met: Some(CriteriaMet {
                    met,
                    of: co.criteria.len() as u32,
                }),
            },
            comment: None,
        }
    }

    fn respondents() -> impl Strategy<Value = (Vec<(usize, usize, u32)>, u32)> {
        (
            prop::collection::vec((0usize..4, 0usize..3, any::<u32>()), 0..40),
            1u32..=6,
        )
    }

    pub(crate) const COHORTS: [&str; 4] = ["first-patch", "first-cfp", "first-cloud", "coa"];

    pub(crate) fn openstack() -> trellis_core::pack::Pack {
        pack::builtin()
            .unwrap()
            .into_iter()
            .find(|p| p.program.id == PROGRAM)
            .unwrap()
    }

    /// What the curious organizer can pin down in a report of `files`.
    fn leaks(files: &[SurveyFile], k: u32) -> Vec<String> {
        leaks_in(&openstack(), files, k)
    }

    /// What the curious organizer can pin down in a report of `files` of `pk`.
    pub(crate) fn leaks_in(
        pk: &trellis_core::pack::Pack,
        files: &[SurveyFile],
        k: u32,
    ) -> Vec<String> {
        let (groups, tables, nps) = report::aggregate(pk, files, k);
        let r = report::Report {
            program_id: Some(PROGRAM.into()),
            program_name: None,
            pack_version: None,
            programs: vec![PROGRAM.into()],
            min_group: k,
            files: files.len() as u32,
            accepted: files.len() as u32,
            folded: 0,
            refused: vec![],
            groups,
            tables,
            nps,
            override_reason: None,
            respondents: vec![],
            lang: Default::default(),
        };
        super::audit::model(pk, &r).leaks(k)
    }

    #[test]
    fn regression_issue_12_a_small_cohort_beside_a_large_one_cannot_be_worked_out() {
        // As in the issue: every first-patch respondent answers "no" to
        // "Merged one patch".
        let mut files: Vec<SurveyFile> = (0..10)
            .map(|i| {
                let mut f = respondent(i, "first-patch", SurveyRole::Mentee, i * 7 + 1);
                f.criteria.0.retain(|(id, _)| id != "merged-one-patch");
                f.criteria
                    .0
                    .push(("merged-one-patch".into(), CriterionAnswer::No));
                f
            })
            .collect();
        files.extend((10..13).map(|i| respondent(i, "first-cfp", SurveyRole::Mentee, i * 7 + 1)));
        let found = leaks(&files, 5);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn regression_issue_12_criteria_all_answered_no_do_not_give_the_cohorts_away() {
        let mut files: Vec<SurveyFile> = (0..9)
            .map(|i| {
                let mut f = respondent(i, "first-patch", SurveyRole::Mentee, i * 3 + 2);
                for (_, a) in f.criteria.0.iter_mut() {
                    *a = CriterionAnswer::No;
                }
                let all: Vec<String> = openstack()
                    .cohort("first-patch")
                    .unwrap()
                    .criteria
                    .iter()
                    .map(|c| c.id.clone())
                    .collect();
                f.criteria =
                    OrderedMap(all.into_iter().map(|c| (c, CriterionAnswer::No)).collect());
                f
            })
            .collect();
        files.extend((9..12).map(|i| respondent(i, "first-cfp", SurveyRole::Mentor, i * 3 + 2)));
        let found = leaks(&files, 5);
        assert!(found.is_empty(), "{found:#?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn the_exact_audit_finds_no_group_below_k_in_any_report((people, k) in respondents()) {
            let files: Vec<SurveyFile> = people
                .iter()
                .enumerate()
                .map(|(i, (c, r, seed))| respondent(i as u32, COHORTS[*c], SurveyRole::ALL[*r], *seed))
                .collect();
            let found = leaks(&files, k);
            prop_assert!(found.is_empty(), "K = {}: {:#?}", k, found);
        }
    }

    fn golden_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report")
    }

    #[test]
    fn the_report_of_the_golden_files_is_the_golden_csv() {
        let db = db();
        let files = report::survey_files(&[golden_dir().join("in")]).unwrap();
        assert_eq!(files.len(), 20);
        let r = report::build(&db, &files, &ReportOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(r.accepted, 20, "{:?}", r.refused);
        let csv = String::from_utf8(report::csv(&r).unwrap()).unwrap();
        let expected_path = golden_dir().join("expected.csv");
        if std::env::var_os("TRELLIS_UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &csv).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        assert_eq!(
            csv, expected,
            "run with TRELLIS_UPDATE_GOLDEN=1 to accept a deliberate change"
        );
        assert!(
            csv.contains("suppressed"),
            "the golden set exercises suppression"
        );
        // The same files with K = 1 show every cell.
        let all = report::build(
            &db,
            &files,
            &ReportOptions {
                min_group: Some(1),
                program: None,
                ..ReportOptions::default()
            },
            &mut |_| {},
        )
        .unwrap();
        assert!(!String::from_utf8(report::csv(&all).unwrap())
            .unwrap()
            .contains("suppressed"));
    }

    #[test]
    fn the_html_report_is_self_contained_and_escapes_every_string() {
        let db = db();
        let src = include_str!("../packs/generic.toml")
            .replace("id = \"generic\"", "id = \"evil\"")
            .replace(
                "name = \"General mentoring\"",
                "name = \"<script>alert(1)</script> & <img src=x>\"",
            );
        pack::import(&db, &src).unwrap();
        let files: Vec<SurveyFile> = (0..6)
            .map(|i| {
                let mut f = respondent(i, "first-patch", SurveyRole::Mentee, i);
                f.program_id = "evil".into();
                f.cohort_id = Some("general".into());
                f.criteria = OrderedMap(vec![]);
                f.activity.criteria_met = Some(CriteriaMet { met: 0, of: 0 });
                f
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let p = dir.path().join(format!("{i}.json"));
            std::fs::write(&p, survey::render(f).unwrap()).unwrap();
            paths.push(p);
        }
        let r = report::build(&db, &paths, &ReportOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(r.accepted, 6, "{:?}", r.refused);
        let html = report::html::render(&r);
        assert!(!html.contains("<script") && !html.contains("<img"));
        let evil = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;";
        assert!(html.contains(evil), "{}", &html[..html.len().min(3000)]);
        let html = html.replace(evil, "");
        for external in ["src=", "href=", "url(", "@import", "<link", "<iframe"] {
            assert!(!html.contains(external), "{external} in the report");
        }
        assert!(html.contains("<svg"), "charts are inline SVG");
        // The only URL is the SVG namespace, which is never fetched.
        assert_eq!(
            html.matches("://").count(),
            html.matches("http://www.w3.org/2000/svg").count()
        );
    }

    #[test]
    fn refused_files_are_named_with_their_reason_and_the_rest_reported() {
        let db = db();
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
        };
        let good: Vec<SurveyFile> = (0..5)
            .map(|i| respondent(i, "first-patch", SurveyRole::Mentee, i))
            .collect();
        for (i, f) in good.iter().enumerate() {
            write(&format!("a{i}.json"), &survey::render(f).unwrap());
        }
        let text = String::from_utf8(survey::render(&good[0]).unwrap()).unwrap();
        write("b-duplicate.json", text.as_bytes());
        let mut other = respondent(90, "first-patch", SurveyRole::Mentee, 90);
        other.program_id = "generic".into();
        other.cohort_id = Some("general".into());
        other.criteria = OrderedMap(vec![]);
        other.activity.criteria_met = Some(CriteriaMet { met: 0, of: 0 });
        write("c-other.json", &survey::render(&other).unwrap());
        write("d-malformed.json", b"{\"format\": \"trellis-survey\",");
        let mut unfit = respondent(91, "first-patch", SurveyRole::Mentee, 91);
        unfit
            .answers
            .0
            .push(("favourite-colour".into(), ClosedAnswer::Text("blue".into())));
        write("e-unfit.json", &survey::render(&unfit).unwrap());
        let v2 = String::from_utf8(
            survey::render(&respondent(92, "first-patch", SurveyRole::Mentee, 92)).unwrap(),
        )
        .unwrap()
        .replace("\"1.2\"", "\"2.0\"");
        write("f-v2.json", v2.as_bytes());
        write("g-big.json", &vec![b' '; survey::MAX_FILE_BYTES + 1]);
        write("notes.txt", b"not read");
        let files = report::survey_files(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(files.len(), 11, "only *.json files of the folder");
        let mut seen = 0;
        let r = report::build(&db, &files, &ReportOptions::default(), &mut |n| seen = n).unwrap();
        assert_eq!(seen, 11);
        assert_eq!(r.accepted, 5);
        assert_eq!(r.folded, 1, "a copy of a file is its respondent once");
        let kinds: Vec<(String, survey::ProblemKind)> = r
            .refused
            .iter()
            .map(|f| {
                (
                    std::path::Path::new(&f.path)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    f.kind,
                )
            })
            .collect();
        use survey::ProblemKind::*;
        assert_eq!(
            kinds,
            [
                ("c-other.json".to_string(), OtherProgram),
                ("d-malformed.json".to_string(), Malformed),
                ("e-unfit.json".to_string(), Schema),
                ("f-v2.json".to_string(), UnknownVersion),
                ("g-big.json".to_string(), Oversized),
            ]
        );
        // Naming another program reports that one's files instead.
        let r = report::build(
            &db,
            &files,
            &ReportOptions {
                min_group: None,
                program: Some("generic".into()),
                ..ReportOptions::default()
            },
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.accepted, 1);
        let e = err(report::build(
            &db,
            &files,
            &ReportOptions {
                min_group: None,
                program: Some("nope".into()),
                ..ReportOptions::default()
            },
            &mut |_| {},
        ));
        assert_eq!(e.kind(), ErrorKind::Invalid);
        assert!(e.to_string().contains("import its pack"), "{e}");
    }
}

mod ledger {
    use super::*;
    use trellis_core::report::{self, ReportOptions};
    use trellis_core::ErrorKind;

    /// Twelve answered and exported pairs' files in `dir`, and a thirteenth apart.
    fn files(db: &Db, dir: &std::path::Path, n: usize) -> Vec<std::path::PathBuf> {
        (0..n)
            .map(|i| {
                let p = answered_pair(db, &format!("Partner {i}"));
                let path = dir.join(format!("s{i:02}.json"));
                survey::preview_and_export(db, p, 1, None, &path).unwrap();
                path
            })
            .collect()
    }

    fn made(
        db: &Db,
        f: &[std::path::PathBuf],
        why: Option<&str>,
    ) -> trellis_core::Result<report::Report> {
        let mut r = report::build(db, f, &ReportOptions::default(), &mut |_| {})?;
        report::ledger::check_and_record(db, &mut r, why)?;
        Ok(r)
    }

    #[test]
    fn regression_issue_12_reports_over_f_and_f_plus_one_cannot_both_be_made() {
        let db = db();
        let dir = tempfile::tempdir().unwrap();
        let all = files(&db, dir.path(), 13);
        let f = &all[..12];
        made(&db, f, None).unwrap();
        // Differencing F ∪ {f} against F would give f's answers away.
        let e = refused(&db, ErrorKind::Conflict, || made(&db, &all, None));
        assert!(e.to_string().contains("differs from"), "{e}");
        // The same set again is no difference; nor is a report of the set
        // made before, in another order.
        made(&db, f, None).unwrap();
        let mut shuffled = f.to_vec();
        shuffled.reverse();
        made(&db, &shuffled, None).unwrap();
        // Leaving one out is as bad as adding one.
        refused(&db, ErrorKind::Conflict, || made(&db, &f[..11], None));
        // An override must say why, and the report then carries the reason.
        refused(&db, ErrorKind::Invalid, || made(&db, &all, Some("  ")));
        let r = made(&db, &all, Some("late file, the board agreed")).unwrap();
        assert_eq!(
            r.override_reason.as_deref(),
            Some("late file, the board agreed")
        );
        let csv = String::from_utf8(report::csv(&r).unwrap()).unwrap();
        assert!(csv.contains("late file, the board agreed"), "{csv}");
        assert!(report::html::render(&r).contains("late file, the board agreed"));
    }

    #[test]
    fn a_new_revision_of_one_file_is_a_difference_too() {
        let db = db();
        let dir = tempfile::tempdir().unwrap();
        let f = files(&db, dir.path(), 6);
        made(&db, &f, None).unwrap();
        // The first pair exports again (other answers): a report over the
        // new revision would show how one person's answers changed.
        let p = pair::list(&db).unwrap()[0].id;
        let mut a = full_answers(Role::Mentee);
        a.insert("satisfaction".into(), Answer::Number(1));
        checkin::answer(&db, p, 1, a).unwrap();
        let again = dir.path().join("again.json");
        survey::preview_and_export(&db, p, 1, None, &again).unwrap();
        let mut next = f.clone();
        next.push(again);
        let e = refused(&db, ErrorKind::Conflict, || made(&db, &next, None));
        assert!(e.to_string().contains("by 1"), "{e}");
    }

    #[test]
    fn the_set_difference_counts_respondents_and_revisions() {
        use report::ledger::difference;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(difference(&s(&["a#1", "b#1"]), &s(&["b#1", "a#1"])), 0);
        assert_eq!(
            difference(&s(&["a#1", "b#1"]), &s(&["a#1", "b#1", "c#1"])),
            1
        );
        assert_eq!(difference(&s(&["a#1", "b#1"]), &s(&["a#2", "b#1"])), 1);
        assert_eq!(difference(&s(&["a#1"]), &s(&["b#1"])), 2);
    }

    #[test]
    fn check_ins_answered_before_the_upgrade_get_a_respondent_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trellis.db");
        let id = PairId::new();
        {
            let old = Db::open_at_version(&path, 6).unwrap();
            old.write(|tx| {
                tx.execute(
                    "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id,
                         match_date, my_tz, partner_tz, cadence_days, status, end_reason,
                         status_changed_on, created_at, updated_at)
                     VALUES (?1, 'mentee', 'Old Timer', 'openstack-mentoring', '2026.1', 'first-patch',
                         '2026-02-01', 'UTC', 'UTC', 14, 'active', NULL,
                         '2026-02-01', '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')",
                    [id.to_string()],
                )?;
                tx.execute(
                    "INSERT INTO checkin (pair_id, number, answers, answered_at, exported_at)
                     VALUES (?1, 1, '{\"satisfaction\": 4}', '2026-05-01T10:00:00.000Z', NULL)",
                    [id.to_string()],
                )?;
                Ok(())
            })
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let v = json(&survey::preview(&db, id, 1, None).unwrap());
        let rid = uuid::Uuid::parse_str(v["respondentId"].as_str().unwrap()).unwrap();
        assert_eq!(rid.get_version_num(), 4);
        assert_eq!(
            rid.hyphenated().to_string(),
            v["respondentId"].as_str().unwrap()
        );
        assert_eq!(v["revision"], 1);
    }
}
