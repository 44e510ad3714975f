//! The pair screen's test doubles (`ui/src/test/doubles/pair.ts`,
//! `checkin.ts`, `app.ts`) keep state but no rules: what they answer first —
//! the pair, its goals in the core's order, the meetings, the carried-forward
//! agenda, the summary with its attention, the check-in form with its default
//! questions, the survey file's text — and the refusals they throw when a test
//! asks for one, are what the core gave for the same data. This test builds
//! that data through the core at a fixed clock and writes it to
//! `ui/src/test/doubles/fixtures/`, as the reports beside it are written; the
//! test command fails when the committed files differ (`scripts/test.sh`,
//! "UI fixtures up to date"). Ids are renumbered in the order they first
//! appear, so the files do not change from run to run.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde_json::{json, Value};
use trellis_core::action::{self, NewAction};
use trellis_core::checkin::{self, Answer, Answers};
use trellis_core::criterion::{self, MarkMet};
use trellis_core::goal::{self, GoalStatus, NewGoal};
use trellis_core::id::PairId;
use trellis_core::lang::Lang;
use trellis_core::meeting::{self, MeetingMode, NewMeeting};
use trellis_core::note::{self, Attachment, NewNote, Visibility};
use trellis_core::pair::{self, NewPair, PairPatch, Role, StatusChange};
use trellis_core::time::When;
use trellis_core::{milestone, pack, schedule, status, survey, time, timeline, Db, Result};

use crate::util::db;

/// The doubles' today (the day the UI tests are written for).
const TODAY: &str = "2026-03-20";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

/// Nine in the morning (UTC) of a day: when the core is told "now".
fn morning(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn error_of<T: std::fmt::Debug>(r: Result<T>) -> Value {
    serde_json::to_value(r.expect_err("the core refuses this input").report()).unwrap()
}

/// What shapes the sample pair: when it was matched, every criterion met.
#[derive(Clone, Copy)]
struct Shape {
    matched_days_ago: u64,
    empty: bool,
    all_met: bool,
    status: Option<&'static str>,
    /// Weeks of older history (a meeting and two notes a week, every fourth
    /// week a goal achieved or, every twentieth, dropped).
    history: u32,
    /// Two open action items made long ago (folded under "Older items").
    older: bool,
}

const FULL: Shape = Shape {
    matched_days_ago: 68,
    empty: false,
    all_met: false,
    status: None,
    history: 0,
    older: false,
};

/// The OpenStack first-patch pair of the UI tests: I am the mentee, Amara
/// Okafor my mentor, every two weeks.
fn build(db: &Db, clock: &time::FixedClock, shape: Shape) -> PairId {
    let weeks = u64::from(shape.history);
    let matched = ago(shape.matched_days_ago + 7 * weeks);
    clock.set(morning(matched));
    let p = pair::add(
        db,
        NewPair {
            my_role: Some(Role::Mentee),
            partner_name: "Amara Okafor".into(),
            program_id: "openstack-mentoring".into(),
            cohort_id: "first-patch".into(),
            match_date: matched,
            my_tz: "Europe/Berlin".parse().unwrap(),
            partner_tz: "America/Chicago".parse().unwrap(),
            cadence_days: 14,
            own_criteria: vec![],
        },
    )
    .unwrap();
    for w in 0..weeks {
        let day = matched + Days::new(7 * w + 3);
        clock.set(morning(day));
        if w % 4 == 3 {
            let g = goal::add(
                db,
                p.id,
                NewGoal {
                    title: format!("Older goal of week {}", w + 1),
                    why: String::new(),
                    status: Some(GoalStatus::Active),
                    target_date: None,
                    milestones: vec![],
                    criterion_ids: vec![],
                },
            )
            .unwrap();
            let to = if w % 20 == 19 {
                GoalStatus::Dropped
            } else {
                GoalStatus::Achieved
            };
            goal::set_status(db, g.id, to).unwrap();
        }
        meeting::log(
            db,
            p.id,
            NewMeeting {
                starts_at: When::parse(&format!("{day} 16:00")).unwrap(),
                duration_min: Some(30),
                mode: Some(MeetingMode::Video),
                notes: format!("Week {}: went through the open reviews.", w + 1),
                ..NewMeeting::default()
            },
        )
        .unwrap();
        for (visibility, body) in [
            (Visibility::Shared, "a question for the next call"),
            (Visibility::Private, "a thought to keep to myself"),
        ] {
            note::add(
                db,
                p.id,
                NewNote {
                    body: format!("Week {}: {body}.", w + 1),
                    visibility,
                    attach: Attachment::None,
                },
            )
            .unwrap();
        }
    }
    if shape.empty {
        return p.id;
    }
    let criteria = criterion::list(db, p.id).unwrap();
    let by = |id: &str| {
        criteria
            .iter()
            .find(|c| c.pack_criterion_id.as_deref() == Some(id))
            .unwrap()
            .id
    };
    let (submitted, responded, merged) = (
        by("submitted-change"),
        by("responded-to-reviews"),
        by("merged-one-patch"),
    );
    clock.set(morning(ago(31)));
    criterion::mark_met(
        db,
        submitted,
        MarkMet {
            on: Some(ago(31)),
            evidence: Some("https://review.opendev.org/c/openstack/nova/+/912345".into()),
        },
    )
    .unwrap();
    let own = criterion::add(db, p.id, "Attended a Nova team meeting and offered input").unwrap();
    clock.set(morning(ago(9)));
    criterion::mark_met(
        db,
        own.id,
        MarkMet {
            on: Some(ago(9)),
            evidence: None,
        },
    )
    .unwrap();

    clock.set(morning(ago(66)));
    let env = goal::add(
        db,
        p.id,
        NewGoal {
            title: "Set up DevStack and a Gerrit account".into(),
            why: "Everything else depends on a working environment and being able to push for review.".into(),
            status: Some(GoalStatus::Active),
            target_date: Some(ago(45)),
            milestones: vec![
                "Sign the contributor agreement".into(),
                "Configure git-review".into(),
                "Run DevStack on a spare VM".into(),
            ],
            criterion_ids: vec![],
        },
    )
    .unwrap();
    clock.set(morning(ago(65)));
    let patch = goal::add(
        db,
        p.id,
        NewGoal {
            title: "Get my first patch merged in Nova".into(),
            why: "Learn the Gerrit workflow end to end and earn my first merged change.".into(),
            status: Some(GoalStatus::Active),
            target_date: Some(today() + Days::new(24)),
            milestones: vec![
                "Pick a low-hanging-fruit bug".into(),
                "Push a first draft to Gerrit".into(),
                "Answer every review comment with a new patch set".into(),
                "Get two +2 votes and a merge".into(),
            ],
            criterion_ids: vec![submitted, responded, merged],
        },
    )
    .unwrap();
    clock.set(morning(ago(40)));
    goal::add(
        db,
        p.id,
        NewGoal {
            title: "Join a Nova team meeting and offer input".into(),
            why: "Get to know the people who review my changes, and how decisions are made.".into(),
            status: Some(GoalStatus::Proposed),
            target_date: None,
            milestones: vec![
                "Find the meeting time on eavesdrop".into(),
                "Read the last two meeting logs".into(),
            ],
            criterion_ids: vec![own.id],
        },
    )
    .unwrap();
    clock.set(morning(ago(50)));
    for m in &env.milestones {
        milestone::set_done(db, m.id, true).unwrap();
    }
    goal::set_status(db, env.id, GoalStatus::Achieved).unwrap();
    clock.set(morning(ago(20)));
    for m in patch.milestones.iter().take(2) {
        milestone::set_done(db, m.id, true).unwrap();
    }

    let action = |text: &str, owner: Role, due: NaiveDate| NewAction {
        text: text.into(),
        owner,
        due_date: Some(due),
    };
    // Each meeting: when, minutes, mode, agenda, notes, goals, actions, and
    // how many of its actions were done five days later.
    let meetings = [
        (
            64,
            "17:00",
            45,
            MeetingMode::Video,
            "Introductions\nWhat I want from the next three months",
            "Agreed to meet every two weeks on Thursdays. Amara suggested starting with DevStack on a VM rather than my laptop.",
            vec![env.id],
            vec![
                action("Install DevStack on a spare VM", Role::Mentee, ago(57)),
                action("Share the list of low-hanging-fruit bugs", Role::Mentor, ago(58)),
            ],
            2,
        ),
        (
            50,
            "17:00",
            30,
            MeetingMode::Chat,
            "DevStack status\nChoosing a first bug",
            "DevStack works. Picked a small bug in the API reference docs (#2045117) to start with.",
            vec![env.id, patch.id],
            vec![action("Push a first draft of the fix to Gerrit", Role::Mentee, ago(40))],
            1,
        ),
        (
            36,
            "17:30",
            60,
            MeetingMode::Video,
            "Walk through the first review together",
            "Went through the reviewer comments line by line. Zuul failed on an unrelated job — recheck is fine.",
            vec![patch.id],
            vec![
                action("Address the two comments on patch set 2", Role::Mentee, ago(30)),
                action("Ask a core reviewer to take a look", Role::Mentor, ago(28)),
            ],
            2,
        ),
        (
            22,
            "16:00",
            90,
            MeetingMode::Event,
            "Meet at the Berlin OpenInfra user group",
            "Met in person after the talks. Talked about the Nova team meeting and how to offer input there.",
            vec![patch.id],
            vec![
                action("Add the unit test the reviewer asked for", Role::Mentee, ago(3)),
                action("Introduce me to the Nova PTL on IRC", Role::Mentor, today() + Days::new(4)),
            ],
            0,
        ),
    ];
    for (days, at, minutes, mode, agenda, notes, goal_ids, actions, done) in meetings {
        clock.set(morning(ago(days)) + chrono::Duration::hours(9));
        let m = meeting::log(
            db,
            p.id,
            NewMeeting {
                starts_at: When::parse(&format!("{} {at}", ago(days))).unwrap(),
                duration_min: Some(minutes),
                mode: Some(mode),
                agenda: agenda.into(),
                notes: notes.into(),
                goal_ids,
                actions,
                ..NewMeeting::default()
            },
        )
        .unwrap();
        clock.set(morning(ago(days - 5)));
        for a in m.actions.iter().take(done) {
            action::set_done(db, a.id, true).unwrap();
        }
    }
    let notes = [
        (
            4,
            "Ask Amara how to run only the unit tests my change touches — tox -e py3 takes forever.",
            Visibility::Shared,
            Attachment::NextMeeting,
        ),
        (
            33,
            "Feeling nervous about the first -1. Remember: reviews are about the code, not about me.",
            Visibility::Private,
            Attachment::None,
        ),
        (
            20,
            "Reviewer prefers small patch sets.\nSplit the refactor from the fix next time.",
            Visibility::Shared,
            Attachment::Goal { goal_id: patch.id },
        ),
        (
            2,
            "Maybe say I would like to try reviewing others’ changes too?",
            Visibility::Private,
            Attachment::NextMeeting,
        ),
    ];
    let mut notes = notes.to_vec();
    notes.sort_by_key(|n| std::cmp::Reverse(n.0));
    for (days, body, visibility, attach) in notes {
        clock.set(morning(ago(days)));
        note::add(
            db,
            p.id,
            NewNote {
                body: body.into(),
                visibility,
                attach,
            },
        )
        .unwrap();
    }
    if shape.older {
        for (text, days) in [
            ("Read the 2019 release notes", 400),
            ("Try the old CI dashboard", 120),
        ] {
            clock.set(morning(ago(days)));
            action::add(db, p.id, None, action(text, Role::Mentee, ago(days - 7))).unwrap();
        }
    }
    if shape.all_met {
        for (i, c) in criterion::list(db, p.id).unwrap().into_iter().enumerate() {
            if c.met {
                continue;
            }
            let on = ago(6 - i as u64);
            clock.set(morning(on));
            let evidence = (c.pack_criterion_id.as_deref() == Some("merged-one-patch"))
                .then(|| "https://review.opendev.org/c/openstack/nova/+/912345".to_string());
            criterion::mark_met(
                db,
                c.id,
                MarkMet {
                    on: Some(on),
                    evidence,
                },
            )
            .unwrap();
        }
    }
    clock.set(morning(ago(3)));
    match shape.status {
        Some("paused") => {
            pair::set_status(db, p.id, StatusChange::Pause).unwrap();
        }
        Some("ended") => {
            pair::set_status(
                db,
                p.id,
                StatusChange::End {
                    reason: "Amara changed jobs and no longer has the time.".into(),
                },
            )
            .unwrap();
        }
        Some("graduated") => {
            pair::set_status(db, p.id, StatusChange::Graduate).unwrap();
        }
        Some(other) => panic!("no such status here: {other}"),
        None => {}
    }
    p.id
}

/// Everything the pair screen reads of a pair, as the desktop commands give it.
fn state_of(db: &Db, id: PairId) -> Value {
    let now = morning(today());
    let mut timeline = vec![];
    let mut before = None;
    loop {
        let page = timeline::page(db, id, before, 100).unwrap();
        before = page.before;
        timeline.push(serde_json::to_value(&page).unwrap());
        if before.is_none() {
            break;
        }
    }
    let goals = goal::page_by_status(db, id, 0, 500).unwrap();
    let meetings = meeting::list(db, id, 0, 500).unwrap();
    let notes = note::page_of(db, id, None, 0, 500).unwrap();
    assert!(!goals.has_more && !notes.has_more && meetings.items.len() as u32 == meetings.total);
    json!({
        "pair": pair::get(db, id).unwrap(),
        "summary": status::for_pair(db, id, now).unwrap(),
        "goals": goals.items,
        "goalCounts": goal::counts(db, id).unwrap(),
        "goalLabels": goal::labels(db, id, &[]).unwrap(),
        "meetings": meetings.items,
        "actions": action::list(db, id, false).unwrap(),
        "openActions": action::list(db, id, true).unwrap(),
        "notes": notes.items,
        "criteria": criterion::list(db, id).unwrap(),
        "timeline": timeline,
        "nextMeeting": meeting::next_at(db, id, now).unwrap(),
        "schedule": schedule::get(db, id).unwrap(),
    })
}

/// The answers of the check-in tab's tests: what the form suggests, and the
/// rest as the tests click them.
fn answers(db: &Db, id: PairId) -> Answers {
    let form = checkin::form(db, id, Some(1), morning(today()), Lang::En).unwrap();
    let mut a = Answers::new();
    for q in &form.questions {
        if let Some(p) = &q.prefill {
            a.insert(q.id.clone(), p.clone());
        }
    }
    let t = |s: &str| Answer::Text(s.into());
    for (q, answer) in [
        ("checkin-frequency", t("weekly")),
        ("partner-response-time", t("one-day")),
        ("satisfaction", Answer::prefer_not_to_say()),
        ("clear-goals", Answer::Number(4)),
        ("action-items-followed-up", Answer::Number(5)),
        ("continue-after-program", t("yes")),
        ("recommend", Answer::Number(9)),
        ("more-confident", t("yes")),
        ("biggest-obstacle", t("time-zones")),
    ] {
        a.insert(q.into(), answer);
    }
    a
}

/// The check-in of a pair matched `days` ago: its summary and form before
/// answering, after, and the survey file's text with and without a comment.
fn checkin_of(days: u64) -> Value {
    let db = db();
    let clock = time::fix_clock(morning(today()));
    let id = build(
        &db,
        &clock,
        Shape {
            matched_days_ago: days,
            ..FULL
        },
    );
    clock.set(morning(today()));
    let now = morning(today());
    let form = checkin::form(&db, id, None, now, Lang::En).unwrap();
    let fresh = state_of(&db, id);
    let overview = (days == 88).then(|| {
        others(&db, &clock);
        clock.set(morning(today()));
        status::overview(&db, now).unwrap()
    });
    clock.set(morning(ago(1)) + chrono::Duration::hours(9));
    let saved = checkin::answer(&db, id, 1, answers(&db, id)).unwrap();
    clock.set(morning(today()));
    let preview = |comment: Option<&str>, name: Option<&str>| {
        String::from_utf8(survey::preview_as(&db, id, 1, comment.map(Into::into), name).unwrap())
            .unwrap()
    };
    let previews = json!({
        "": preview(None, None),
        "Weekly calls helped": preview(Some("Weekly calls helped"), Some("Ada Lovelace")),
    });
    let answered = checkin::form(&db, id, Some(1), now, Lang::En).unwrap();
    let answered_summary = status::for_pair(&db, id, now).unwrap();
    let file = std::env::temp_dir().join(format!(
        "trellis-ui-fixture-{}-{days}.json",
        std::process::id()
    ));
    let plain = preview(None, None);
    clock.set(morning(ago(1)) + chrono::Duration::minutes(9 * 60 + 9));
    survey::export_as(&db, id, 1, &file, plain.as_bytes(), None).unwrap();
    std::fs::remove_file(&file).unwrap();
    clock.set(morning(today()));
    let exported = json!({
        "form": checkin::form(&db, id, Some(1), now, Lang::En).unwrap(),
        "summary": status::for_pair(&db, id, now).unwrap(),
    });
    let refused = |comment: &str, name: &str| {
        error_of(survey::preview_as(
            &db,
            id,
            1,
            Some(comment.into()),
            Some(name),
        ))
    };
    let mut bad = answers(&db, id);
    bad.insert("recommend".into(), Answer::Number(11));
    let errors = json!({
        "commentNamesPartner": refused("Amara was great", "Ada Lovelace"),
        "commentNamesMe": refused("zoe here, thanks for the calls", "Zoë Ångström"),
        "commentHandle": refused("ask @amara on IRC", "Ada Lovelace"),
        "commentLink": refused("see https://example.org/me", "Ada Lovelace"),
        "answerOutsideScale": error_of(checkin::answer(&db, id, 1, bad)),
    });
    json!({
        "overview": overview,
        "state": fresh,
        "form": form,
        "saved": saved,
        "answered": { "form": answered, "summary": answered_summary },
        "exported": exported,
        "previews": previews,
        "errors": errors,
    })
}

/// The other pairs of the home screen: one whose meetings and action items
/// are late, one ready to graduate, one on track, one paused, one graduated.
fn others(db: &Db, clock: &time::FixedClock) {
    let add = |name: &str, role: Role, cohort: &str, tz: &str, cadence: u32, matched: u64| {
        clock.set(morning(ago(matched)));
        pair::add(
            db,
            NewPair {
                my_role: Some(role),
                partner_name: name.into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: cohort.into(),
                match_date: ago(matched),
                my_tz: "Europe/Berlin".parse().unwrap(),
                partner_tz: tz.parse().unwrap(),
                cadence_days: cadence,
                own_criteria: vec![],
            },
        )
        .unwrap()
        .id
    };
    let met = |id: PairId, n: usize, days: u64| {
        clock.set(morning(ago(days)));
        for c in criterion::list(db, id).unwrap().into_iter().take(n) {
            criterion::mark_met(
                db,
                c.id,
                MarkMet {
                    on: Some(ago(days)),
                    evidence: None,
                },
            )
            .unwrap();
        }
    };
    let meet = |id: PairId, days: u64, actions: Vec<NewAction>| {
        clock.set(morning(ago(days)) + chrono::Duration::hours(8));
        meeting::log(
            db,
            id,
            NewMeeting {
                starts_at: When::parse(&format!("{} 16:00", ago(days))).unwrap(),
                duration_min: Some(45),
                mode: Some(MeetingMode::Video),
                actions,
                ..NewMeeting::default()
            },
        )
        .unwrap()
    };
    let act = |text: &str, owner: Role, due: NaiveDate| NewAction {
        text: text.into(),
        owner,
        due_date: Some(due),
    };
    let priya = add(
        "Priya Raman",
        Role::Mentor,
        "first-cfp",
        "Asia/Kolkata",
        14,
        78,
    );
    met(priya, 1, 30);
    meet(
        priya,
        23,
        vec![
            act(
                "Send Priya two abstracts that were accepted last year",
                Role::Mentor,
                today() + Days::new(5),
            ),
            act("Draft the talk abstract", Role::Mentee, ago(2)),
            act(
                "Pick a Summit track for the talk",
                Role::Mentee,
                today() + Days::new(9),
            ),
        ],
    );
    let lin = add("Lin Chen", Role::Mentor, "coa", "Asia/Shanghai", 7, 85);
    met(lin, 4, 6);
    meet(
        lin,
        3,
        vec![act(
            "Book the exam slot",
            Role::Mentor,
            today() + Days::new(6),
        )],
    );
    let jonas = add(
        "Jonas Weber",
        Role::Mentor,
        "first-cloud",
        "Europe/Berlin",
        14,
        30,
    );
    met(jonas, 2, 10);
    meet(
        jonas,
        4,
        vec![
            act(
                "Launch an instance and reach it over the network",
                Role::Mentee,
                today() + Days::new(10),
            ),
            act(
                "Write up the Kolla-Ansible steps",
                Role::Mentee,
                today() + Days::new(12),
            ),
        ],
    );
    let mei = add(
        "Mei Tanaka",
        Role::Mentor,
        "first-patch",
        "Asia/Tokyo",
        14,
        40,
    );
    met(mei, 1, 25);
    meet(mei, 20, vec![]);
    clock.set(morning(ago(9)));
    pair::set_status(db, mei, StatusChange::Pause).unwrap();
    let tomas = add(
        "Tomás Silva",
        Role::Mentee,
        "first-patch",
        "America/Sao_Paulo",
        14,
        230,
    );
    meet(tomas, 112, vec![]);
    met(tomas, 10, 112);
    pair::set_status(db, tomas, StatusChange::Graduate).unwrap();
}

/// Refused input, as the core refuses it, by a name the UI tests use.
fn errors(db: &Db, id: PairId) -> Value {
    let new_goal = |title: &str| NewGoal {
        title: title.into(),
        why: String::new(),
        status: None,
        target_date: None,
        milestones: vec![],
        criterion_ids: vec![],
    };
    let crit = criterion::list(db, id).unwrap();
    let unmet = crit.iter().find(|c| !c.met).unwrap().id;
    let from_pack = crit
        .iter()
        .find(|c| c.pack_criterion_id.is_some())
        .unwrap()
        .id;
    let open: Vec<_> = action::list(db, id, true)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    json!({
        "goalTitleEmpty": error_of(goal::add(db, id, new_goal("  "))),
        "goalTitleLong": error_of(goal::add(db, id, new_goal(&"x".repeat(501)))),
        "evidenceNotLink": error_of(criterion::mark_met(db, unmet, MarkMet {
            on: None,
            evidence: Some("javascript:alert(1)".into()),
        })),
        "metOnFuture": error_of(criterion::mark_met(db, unmet, MarkMet {
            on: Some(today() + Days::new(3)),
            evidence: None,
        })),
        "criterionFromPack": error_of(criterion::edit(db, from_pack, "Merged a patch")),
        "graduateNotAllMet": error_of(pair::set_status(db, id, StatusChange::Graduate)),
        "cadenceOutOfRange": error_of(pair::edit(db, id, PairPatch {
            cadence_days: Some(0),
            ..PairPatch::default()
        })),
        "partnerNameEmpty": error_of(pair::edit(db, id, PairPatch {
            partner_name: Some(" ".into()),
            ..PairPatch::default()
        })),
        "noteEmpty": error_of(note::add(db, id, NewNote {
            body: " ".into(),
            visibility: Visibility::Shared,
            attach: Attachment::None,
        })),
        "meetingTooLong": error_of(meeting::log(db, id, NewMeeting {
            starts_at: When::parse(&format!("{TODAY} 10:00")).unwrap(),
            duration_min: Some(2000),
            ..NewMeeting::default()
        })),
        "meetingEndsBeforeStart": error_of(meeting::log(db, id, NewMeeting {
            starts_at: When::parse(&format!("{TODAY} 10:00")).unwrap(),
            ends_at: Some(When::parse(&format!("{TODAY} 09:00")).unwrap()),
            duration_min: None,
            ..NewMeeting::default()
        })),
        "snoozeNotAfterToday": error_of(action::snooze_many(db, id, &open, today())),
        "durationOutOfRange": error_of(schedule::propose(db, id, 0, 3, morning(today()))),
    })
}

/// Ids are UUIDs made from the system clock: renumber them in the order they
/// first appear (keeping the form), so the file is the same every run.
fn renumber(text: &str) -> String {
    let is_uuid = |s: &[u8]| {
        s.len() == 36
            && s.iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit() && !b.is_ascii_uppercase(),
            })
    };
    let bytes = text.as_bytes();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let id = &text[i..i + 36];
            let n = ids.len() + 1;
            let to = ids
                .entry(id.to_owned())
                .or_insert_with(|| format!("01960000-0000-7000-8000-{n:012x}"));
            out.push_str(to);
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn write(name: &str, value: &Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/doubles/fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let text = renumber(&(serde_json::to_string_pretty(value).unwrap() + "\n"));
    let path = dir.join(name);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn the_pair_doubles_answer_with_what_the_core_gives() {
    let scenario = |shape: Shape, with_errors: bool| {
        let db = db();
        let clock = time::fix_clock(morning(today()));
        let id = build(&db, &clock, shape);
        clock.set(morning(today()));
        let mut state = state_of(&db, id);
        if with_errors {
            state["errors"] = errors(&db, id);
        }
        state
    };
    let db = db();
    let pack = pack::get(&db, "openstack-mentoring").unwrap();
    write(
        "pair.json",
        &json!({
            "today": TODAY,
            "pack": pack,
            "full": scenario(FULL, true),
            "empty": scenario(Shape { empty: true, ..FULL }, false),
            "allMet": scenario(Shape { all_met: true, ..FULL }, false),
            "paused": scenario(Shape { status: Some("paused"), ..FULL }, false),
            "ended": scenario(Shape { status: Some("ended"), ..FULL }, false),
            "graduated": scenario(
                Shape {
                    all_met: true,
                    status: Some("graduated"),
                    ..FULL
                },
                false,
            ),
            "older": scenario(Shape { older: true, ..FULL }, false),
        }),
    );
    for weeks in [40, 240] {
        write(
            &format!("pair-history-{weeks}.json"),
            &scenario(
                Shape {
                    history: weeks,
                    ..FULL
                },
                false,
            ),
        );
    }
    // Check-in 1 (90 days after the match) due in two days, and in forty.
    write(
        "checkin.json",
        &json!({ "soon": checkin_of(88), "later": checkin_of(50) }),
    );
}
