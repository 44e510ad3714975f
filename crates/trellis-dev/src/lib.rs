//! A seeded, deterministic generator of realistic Trellis data, for
//! benchmarks and for developers who want to see the app after years of use
//! (`trellis-dev generate`). A crate of its own, with `rand`: neither
//! shipped binary (`trellis`, the desktop app) depends on it.
//!
//! The rows are written with SQL in one transaction, column for column what
//! the core's own `add`/`log` functions write (ids are UUID v7 stamped with
//! the row's creation time, instants RFC 3339 in milliseconds, dates
//! `YYYY-MM-DD`); the schema's triggers fill the search index as they do for
//! any write. The same seed, scale and end date give the same database, row
//! for row. `tests` in this file read a generated database back through the
//! core API to prove it is what the API would have produced.
//!
//! Survey files for the organizer's report are generated the same way
//! ([`survey_file`]), valid for the built-in OpenStack pack.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rusqlite::{params, Transaction};
use uuid::Uuid;

use trellis_core::checkin::CriterionAnswer;
use trellis_core::id::PairId;
use trellis_core::pack::{self, Pack, QuestionKind};
use trellis_core::survey::{
    self, Activity, Bucket, ClosedAnswer, CriteriaMet, OrderedMap, SurveyFile, SurveyRole,
};
use trellis_core::{time, Db, Error, Result};

/// The generator's version: bumped whenever the same seed would give other
/// data, so that cached databases are made again.
pub const VERSION: u32 = 1;

/// How much history to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A few pairs and a few hundred rows: for tests.
    Tiny,
    /// A heavy user after ten years: 50 pairs, 25,000 meetings, 60,000
    /// action items, 100,000 notes, 10,000 goals with milestones.
    Heavy,
}

impl Scale {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tiny" => Ok(Scale::Tiny),
            "heavy" => Ok(Scale::Heavy),
            _ => Err(Error::invalid(
                "scale",
                format!("'{s}' is not a scale; use tiny or heavy"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Tiny => "tiny",
            Scale::Heavy => "heavy",
        }
    }

    /// The row counts of this scale.
    pub fn spec(self) -> Spec {
        match self {
            Scale::Tiny => Spec {
                pairs: 3,
                years: 2,
                meetings: 60,
                actions: 140,
                notes: 240,
                goals: 24,
            },
            Scale::Heavy => Spec {
                pairs: 50,
                years: 10,
                meetings: 25_000,
                actions: 60_000,
                notes: 100_000,
                goals: 10_000,
            },
        }
    }
}

/// Row counts to generate (milestones, criteria and links follow from them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub pairs: u32,
    pub years: u32,
    pub meetings: u32,
    pub actions: u32,
    pub notes: u32,
    pub goals: u32,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Generated {
    pub seed: u64,
    pub scale: &'static str,
    pub until: NaiveDate,
    pub pairs: u32,
    pub meetings: u32,
    pub actions: u32,
    pub notes: u32,
    pub goals: u32,
    pub milestones: u32,
    pub criteria: u32,
    /// The pair with the longest history (most meetings): the worst case of
    /// every per-pair screen.
    pub heaviest_pair: PairId,
    pub heaviest_meetings: u32,
    pub heaviest_notes: u32,
    pub heaviest_goals: u32,
}

const PROGRAMS: [&str; 2] = ["openstack-mentoring", "generic"];
const ZONES: [&str; 10] = [
    "Europe/Berlin",
    "America/Chicago",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Europe/London",
    "Asia/Shanghai",
    "Africa/Lagos",
    "America/New_York",
    "Australia/Sydney",
    "UTC",
];
const FIRST: [&str; 24] = [
    "Ada", "Sam", "Priya", "Chen", "Amara", "Lukas", "Sofia", "Kwame", "Mei", "Diego", "Noor",
    "Ivan", "Aiko", "Tomás", "Fatima", "Jonas", "Leila", "Ravi", "Olu", "Hana", "Mateo", "Zara",
    "Emil", "Yuki",
];
const LAST: [&str; 20] = [
    "Rivera", "Okafor", "Sharma", "Wang", "Schmidt", "Costa", "Nakamura", "Mensah", "Ibrahim",
    "Petrov", "Silva", "Kowalski", "Haddad", "Fischer", "Tanaka", "Adeyemi", "Larsen", "Gupta",
    "Moreau", "Novak",
];
const PROJECTS: [&str; 16] = [
    "Nova",
    "Neutron",
    "Keystone",
    "Cinder",
    "Glance",
    "Swift",
    "Horizon",
    "Ironic",
    "Zuul",
    "Kolla",
    "Tempest",
    "Heat",
    "Octavia",
    "Manila",
    "Designate",
    "Placement",
];
const THINGS: [&str; 24] = [
    "patch",
    "review comments",
    "unit tests",
    "functional tests",
    "release notes",
    "docs page",
    "bug report",
    "blueprint",
    "spec",
    "CI job",
    "DevStack setup",
    "rebase",
    "gerrit workflow",
    "mailing list thread",
    "IRC meeting",
    "talk proposal",
    "slides",
    "deployment guide",
    "stable backport",
    "API reference",
    "tox environment",
    "contributor guide",
    "PTG session",
    "upgrade notes",
];
const VERBS: [&str; 16] = [
    "Finish",
    "Review",
    "Rework",
    "Draft",
    "Push",
    "Read",
    "Ask about",
    "Fix",
    "Write",
    "Rebase",
    "Test",
    "Share",
    "Update",
    "Split",
    "Present",
    "Summarise",
];
const FEELINGS: [&str; 10] = [
    "went well",
    "felt slow",
    "was confusing at first",
    "finally clicked",
    "needs another pass",
    "got good feedback",
    "is blocked on a reviewer",
    "took longer than planned",
    "was easier than expected",
    "raised new questions",
];

type Rng = Xoshiro256PlusPlus;

fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.random_range(0..xs.len())]
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = format!(
        "{} the {} {} for {}.",
        pick(rng, &VERBS),
        pick(rng, &THINGS),
        pick(rng, &FEELINGS),
        pick(rng, &PROJECTS)
    );
    // Now and then a bug number: the rare word a person searches for.
    if rng.random_bool(0.03) {
        s.push_str(&format!(
            " See bug {}.",
            rng.random_range(1_000_000..2_000_000)
        ));
    }
    s
}

fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.random_range(min..=max);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// A UUID v7 stamped with `at`, its random bits from the generator.
fn id_at(rng: &mut Rng, at: DateTime<Utc>) -> String {
    let bytes: [u8; 10] = rng.random();
    let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(ms, &bytes)
        .into_uuid()
        .to_string()
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

/// A random instant on day `d`, during working hours (UTC), to the minute.
fn during(rng: &mut Rng, d: NaiveDate) -> DateTime<Utc> {
    day_start(d) + Duration::minutes(rng.random_range(7 * 60..21 * 60))
}

/// A uniformly random day in `[from, to]`.
fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Days::new(rng.random_range(0..=span) as u64)
}

/// Split `total` into `weights.len()` whole parts in proportion to the
/// weights (largest remainders first), each at least `min` when it can be.
fn apportion(total: u32, weights: &[f64], min: u32) -> Vec<u32> {
    let n = weights.len() as u32;
    let floor = min.min(total / n.max(1));
    let rest = total - floor * n;
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| f64::from(rest) * w / sum).collect();
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let mut left = rest - out.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = exact[a] - exact[a].floor();
        let fb = exact[b] - exact[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out.iter().map(|x| x + floor).collect()
}

struct PairPlan {
    id: String,
    match_date: NaiveDate,
    /// Last day with activity (`until` for pairs still going).
    last_day: NaiveDate,
    status: &'static str,
    my_role: &'static str,
    zone: &'static str,
    cadence: u32,
    meetings: Vec<(String, DateTime<Utc>)>,
    goals: Vec<(String, DateTime<Utc>)>,
    criteria: Vec<String>,
}

/// Fill `db` (expected empty of pairs) with a generated history that ends on
/// `until`. Everything is written in one transaction.
pub fn generate(db: &Db, seed: u64, scale: Scale, until: NaiveDate) -> Result<Generated> {
    let spec = scale.spec();
    let existing: i64 =
        db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM pair", [], |r| r.get(0))?))?;
    if existing > 0 {
        return Err(Error::Conflict(format!(
            "this database already has {existing} pairs; generate into an empty data folder"
        )));
    }
    let packs: Vec<Pack> = PROGRAMS
        .iter()
        .map(|p| pack::get(db, p))
        .collect::<Result<_>>()?;
    let mut rng = Rng::seed_from_u64(seed);
    let start = until - Days::new(u64::from(spec.years) * 365);
    let span_days = (until - start).num_days();

    // Pairs: matched across the years; the first one is a long mentorship
    // still going after all of them (the heaviest history), the last few are
    // current; the rest ran their course.
    let mut plans: Vec<PairPlan> = Vec::new();
    let mut weights = Vec::new();
    for i in 0..spec.pairs {
        let frac = f64::from(i) / f64::from(spec.pairs.max(1));
        let offset = (frac * span_days as f64 * 0.97) as u64 + rng.random_range(0..10u64);
        let match_date = start + Days::new(offset);
        let current = i == 0 || i + 6 >= spec.pairs;
        let last_day = if current {
            until
        } else {
            (match_date + Days::new(rng.random_range(365..2500u64))).min(until - Days::new(30))
        };
        let status = if current {
            if i + 1 == spec.pairs && spec.pairs > 2 {
                "paused"
            } else {
                "active"
            }
        } else if rng.random_bool(0.65) {
            "graduated"
        } else {
            "ended"
        };
        let days = (last_day - match_date).num_days().max(1) as f64;
        let intensity = if i == 0 {
            1.5
        } else {
            rng.random_range(0.6..1.6)
        };
        weights.push(days * intensity);
        plans.push(PairPlan {
            id: {
                let at = during(&mut rng, match_date);
                id_at(&mut rng, at)
            },
            match_date,
            last_day,
            status,
            my_role: if rng.random_bool(0.5) {
                "mentor"
            } else {
                "mentee"
            },
            zone: pick(&mut rng, &ZONES),
            cadence: [7, 14, 14, 14, 21, 30][rng.random_range(0..6usize)],
            meetings: Vec::new(),
            goals: Vec::new(),
            criteria: Vec::new(),
        });
    }
    let meetings_per = apportion(spec.meetings, &weights, 2);
    let goals_per = apportion(spec.goals, &weights, 1);

    let mut out = Generated {
        seed,
        scale: scale.as_str(),
        until,
        pairs: spec.pairs,
        meetings: 0,
        actions: 0,
        notes: 0,
        goals: 0,
        milestones: 0,
        criteria: 0,
        heaviest_pair: PairId(Uuid::nil()),
        heaviest_meetings: 0,
        heaviest_notes: 0,
        heaviest_goals: 0,
    };

    db.write(|tx| {
        // One transaction: all of it or, on any error, none of it.
        insert_pairs(tx, &mut rng, &mut plans, &packs, &mut out)?;
        for (i, p) in plans.iter_mut().enumerate() {
            insert_goals(tx, &mut rng, p, goals_per[i], until, &mut out)?;
            insert_meetings(tx, &mut rng, p, meetings_per[i], &mut out)?;
        }
        insert_actions(tx, &mut rng, &plans, spec.actions, until, &mut out)?;
        insert_notes(tx, &mut rng, &plans, spec.notes, until, &mut out)?;
        Ok(())
    })?;
    let heaviest = plans
        .iter()
        .max_by_key(|p| p.meetings.len())
        .ok_or_else(|| Error::invalid("scale", "has no pairs"))?;
    out.heaviest_pair = heaviest.id.parse()?;
    out.heaviest_meetings = heaviest.meetings.len() as u32;
    out.heaviest_goals = heaviest.goals.len() as u32;
    out.heaviest_notes = db.read(|c| {
        Ok(c.query_row(
            "SELECT COUNT(*) FROM note WHERE pair_id = ?1",
            [&heaviest.id],
            |r| r.get(0),
        )?)
    })?;
    Ok(out)
}

/// Give an existing pair (made through the API) a generated history ending
/// on `until`: `meetings` meetings, `actions` action items, `notes` notes
/// and `goals` goals with milestones, linked to its criteria. For a sync
/// benchmark, whose partner accepted the pair before the history existed.
#[allow(clippy::too_many_arguments)]
pub fn fill_pair(
    db: &Db,
    seed: u64,
    pair_id: PairId,
    meetings: u32,
    actions: u32,
    notes: u32,
    goals: u32,
    until: NaiveDate,
) -> Result<Generated> {
    let mut rng = Rng::seed_from_u64(seed);
    let p = trellis_core::pair::get(db, pair_id)?;
    let criteria: Vec<String> = trellis_core::criterion::list(db, pair_id)?
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    let mut plan = PairPlan {
        id: pair_id.to_string(),
        match_date: p.match_date.min(until),
        last_day: until,
        status: p.status.as_str(),
        my_role: p.my_role.as_str(),
        zone: "UTC",
        cadence: p.cadence_days,
        meetings: Vec::new(),
        goals: Vec::new(),
        criteria,
    };
    let mut out = Generated {
        seed,
        scale: "custom",
        until,
        pairs: 1,
        meetings: 0,
        actions: 0,
        notes: 0,
        goals: 0,
        milestones: 0,
        criteria: plan.criteria.len() as u32,
        heaviest_pair: pair_id,
        heaviest_meetings: meetings,
        heaviest_notes: notes,
        heaviest_goals: goals,
    };
    db.write(|tx| {
        insert_goals(tx, &mut rng, &mut plan, goals, until, &mut out)?;
        insert_meetings(tx, &mut rng, &mut plan, meetings, &mut out)?;
        let plans = [plan];
        insert_actions(tx, &mut rng, &plans, actions, until, &mut out)?;
        insert_notes(tx, &mut rng, &plans, notes, until, &mut out)?;
        Ok(())
    })?;
    Ok(out)
}

fn insert_pairs(
    tx: &Transaction<'_>,
    rng: &mut Rng,
    plans: &mut [PairPlan],
    packs: &[Pack],
    out: &mut Generated,
) -> Result<()> {
    let mut pair_st = tx.prepare_cached(
        "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id, match_date,
             my_tz, partner_tz, cadence_days, status, end_reason, status_changed_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?;
    let mut crit_st = tx.prepare_cached(
        "INSERT INTO criterion (id, pair_id, pack_criterion_id, position, text, met, met_on, evidence,
             confirmed_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, p) in plans.iter_mut().enumerate() {
        let pk = &packs[usize::from(i % 4 == 3)];
        let cohort = &pk.cohorts[rng.random_range(0..pk.cohorts.len())];
        let created = during(rng, p.match_date);
        let name = format!("{} {}", pick(rng, &FIRST), pick(rng, &LAST));
        let ended = p.status != "active";
        let end_reason = (p.status == "ended").then_some("The program ended before we finished");
        let changed = ended.then_some(p.last_day);
        pair_st.execute(params![
            p.id,
            p.my_role,
            name,
            pk.program.id,
            pk.program.version,
            cohort.id,
            p.match_date,
            p.zone,
            pick(rng, &ZONES),
            p.cadence,
            p.status,
            end_reason,
            changed,
            time::stamp(created),
        ])?;
        let own: Vec<String> = (0..rng.random_range(0..=2))
            .map(|_| format!("{} the {}", pick(rng, &VERBS), pick(rng, &THINGS)))
            .collect();
        let defs = cohort
            .criteria
            .iter()
            .map(|d| (Some(d.id.as_str()), d.text.clone()))
            .chain(own.into_iter().map(|t| (None, t)));
        for (pos, (pack_id, text)) in defs.enumerate() {
            let id = id_at(rng, created);
            let met = p.status == "graduated" || rng.random_bool(0.4);
            let met_on = met.then(|| day_between(rng, p.match_date, p.last_day));
            let evidence = (met && rng.random_bool(0.5)).then(|| {
                format!(
                    "https://review.opendev.org/c/openstack/nova/+/{}",
                    rng.random_range(100_000..999_999)
                )
            });
            let updated = met_on.map_or(created, |d| during(rng, d).max(created));
            crit_st.execute(params![
                id,
                p.id,
                pack_id,
                pos as i64,
                text,
                met,
                met_on,
                evidence,
                met.then_some(p.my_role),
                time::stamp(created),
                time::stamp(updated),
            ])?;
            p.criteria.push(id);
            out.criteria += 1;
        }
    }
    Ok(())
}

fn insert_goals(
    tx: &Transaction<'_>,
    rng: &mut Rng,
    p: &mut PairPlan,
    n: u32,
    until: NaiveDate,
    out: &mut Generated,
) -> Result<()> {
    let mut goal_st = tx.prepare_cached(
        "INSERT INTO goal (id, pair_id, title, why, status, target_date, achieved_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut ms_st = tx.prepare_cached(
        "INSERT INTO milestone (id, goal_id, position, text, done, done_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut link_st = tx.prepare_cached(
        "INSERT OR IGNORE INTO goal_criterion (goal_id, criterion_id) VALUES (?1, ?2)",
    )?;
    let mut days: Vec<NaiveDate> = (0..n)
        .map(|_| day_between(rng, p.match_date, p.last_day))
        .collect();
    days.sort();
    for day in days {
        let created = during(rng, day);
        let id = id_at(rng, created);
        let age = (until - day).num_days();
        let status = if age < 60 {
            ["active", "active", "proposed"][rng.random_range(0..3usize)]
        } else {
            ["achieved", "achieved", "achieved", "dropped", "active"][rng.random_range(0..5usize)]
        };
        let target = rng
            .random_bool(0.6)
            .then(|| day + Days::new(rng.random_range(14..120u64)));
        let achieved_on = (status == "achieved")
            .then(|| (day + Days::new(rng.random_range(7..90u64))).min(p.last_day));
        let updated = achieved_on.map_or(created, |d| during(rng, d).max(created));
        let title = format!(
            "{} the {} in {}",
            pick(rng, &VERBS),
            pick(rng, &THINGS),
            pick(rng, &PROJECTS)
        );
        goal_st.execute(params![
            id,
            p.id,
            title,
            paragraph(rng, 0, 2),
            status,
            target,
            achieved_on,
            time::stamp(created),
            time::stamp(updated),
        ])?;
        for pos in 0..rng.random_range(1..=5i64) {
            let done = status == "achieved" || rng.random_bool(0.3);
            let done_on = done.then(|| achieved_on.unwrap_or(day).min(until));
            ms_st.execute(params![
                id_at(rng, created),
                id,
                pos,
                format!("{} the {}", pick(rng, &VERBS), pick(rng, &THINGS)),
                done,
                done_on,
                time::stamp(created),
                time::stamp(updated),
            ])?;
            out.milestones += 1;
        }
        if !p.criteria.is_empty() && rng.random_bool(0.25) {
            let c = &p.criteria[rng.random_range(0..p.criteria.len())];
            link_st.execute(params![id, c])?;
        }
        p.goals.push((id, created));
        out.goals += 1;
    }
    Ok(())
}

fn insert_meetings(
    tx: &Transaction<'_>,
    rng: &mut Rng,
    p: &mut PairPlan,
    n: u32,
    out: &mut Generated,
) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO meeting (id, pair_id, starts_at, duration_min, mode, agenda, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?;
    let mut link_st = tx.prepare_cached(
        "INSERT OR IGNORE INTO meeting_goal (meeting_id, goal_id) VALUES (?1, ?2)",
    )?;
    let span = (p.last_day - p.match_date).num_days().max(1) as f64;
    let end = day_start(p.last_day + Days::new(1)) - Duration::minutes(1);
    for k in 0..n {
        // Evenly spread with some jitter: a steady habit, not a schedule.
        let frac = (f64::from(k) + rng.random_range(0.1..0.9)) / f64::from(n);
        let day = p.match_date + Days::new((frac * span) as u64);
        let starts = during(rng, day);
        // Logged the same evening, or a day or two later.
        let logged = (starts + Duration::minutes(rng.random_range(60..3 * 24 * 60))).min(end);
        let id = id_at(rng, logged);
        let mode =
            ["video", "video", "video", "chat", "in_person", "event"][rng.random_range(0..6usize)];
        st.execute(params![
            id,
            p.id,
            time::stamp(starts),
            [30, 45, 60, 60, 90][rng.random_range(0..5usize)],
            mode,
            paragraph(rng, 0, 2),
            paragraph(rng, 1, 4),
            time::stamp(logged),
        ])?;
        // Goals discussed: among those set by then.
        let known = p.goals.partition_point(|(_, at)| *at <= starts);
        if known > 0 {
            for _ in 0..rng.random_range(0..=2) {
                let g = &p.goals[rng.random_range(known.saturating_sub(8)..known)].0;
                link_st.execute(params![id, g])?;
            }
        }
        p.meetings.push((id, starts));
        out.meetings += 1;
    }
    Ok(())
}

fn insert_actions(
    tx: &Transaction<'_>,
    rng: &mut Rng,
    plans: &[PairPlan],
    n: u32,
    until: NaiveDate,
    out: &mut Generated,
) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO action_item (id, pair_id, meeting_id, text, owner, due_date, done, done_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let all: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| (0..p.meetings.len()).map(move |mi| (pi, mi)))
        .collect();
    let mut rows: Vec<(usize, Option<usize>, DateTime<Utc>)> = (0..n)
        .map(|_| {
            let (pi, mi) = all[rng.random_range(0..all.len())];
            let at = plans[pi].meetings[mi].1 + Duration::minutes(rng.random_range(30..120));
            // One in ten is noted between meetings, not in one.
            let meeting = (!rng.random_bool(0.1)).then_some(mi);
            (pi, meeting, at)
        })
        .collect();
    rows.sort_by_key(|r| r.2);
    for (pi, mi, at) in rows {
        let p = &plans[pi];
        let created = at.min(day_start(until + Days::new(1)) - Duration::minutes(1));
        let day = created.date_naive();
        let due = rng
            .random_bool(0.8)
            .then(|| day + Days::new(rng.random_range(3..28u64)));
        // Old items were mostly done; some stay open for ever, as in life.
        let recent = (until - day).num_days() < 45;
        let done = if recent {
            rng.random_bool(0.3)
        } else {
            rng.random_bool(0.995)
        };
        let done_on =
            done.then(|| (due.unwrap_or(day) + Days::new(rng.random_range(0..5u64))).min(until));
        let updated = done_on.map_or(created, |d| during(rng, d).max(created));
        st.execute(params![
            id_at(rng, created),
            p.id,
            mi.map(|m| &p.meetings[m].0),
            format!(
                "{} the {} for {}",
                pick(rng, &VERBS),
                pick(rng, &THINGS),
                pick(rng, &PROJECTS)
            ),
            if rng.random_bool(0.7) {
                "mentee"
            } else {
                "mentor"
            },
            due,
            done,
            done_on,
            time::stamp(created),
            time::stamp(updated),
        ])?;
        out.actions += 1;
    }
    Ok(())
}

fn insert_notes(
    tx: &Transaction<'_>,
    rng: &mut Rng,
    plans: &[PairPlan],
    n: u32,
    until: NaiveDate,
    out: &mut Generated,
) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO note (id, pair_id, body, visibility, goal_id, for_next_meeting, meeting_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let end = day_start(until + Days::new(1)) - Duration::minutes(1);
    let weights: Vec<f64> = plans.iter().map(|p| p.meetings.len() as f64).collect();
    let per = apportion(n, &weights, 1);
    let mut rows: Vec<(usize, DateTime<Utc>)> = Vec::with_capacity(n as usize);
    for (pi, p) in plans.iter().enumerate() {
        let from = day_start(p.match_date);
        let to = day_start(p.last_day + Days::new(1)).min(end);
        let secs = (to - from).num_seconds().max(1);
        for _ in 0..per[pi] {
            rows.push((pi, from + Duration::seconds(rng.random_range(0..secs))));
        }
    }
    rows.sort_by_key(|r| r.1);
    for (pi, created) in rows {
        let p = &plans[pi];
        let next = p.meetings.partition_point(|(_, at)| *at <= created);
        let for_next = rng.random_bool(0.12);
        // Set aside for the next meeting: taken up by it once it is logged.
        let meeting_id = for_next
            .then(|| p.meetings.get(next).map(|m| &m.0))
            .flatten();
        let known = p.goals.partition_point(|(_, at)| *at <= created);
        let goal_id = (!for_next && known > 0 && rng.random_bool(0.1))
            .then(|| &p.goals[rng.random_range(known.saturating_sub(10)..known)].0);
        let edited = rng.random_bool(0.1);
        let updated = if edited {
            (created + Duration::minutes(rng.random_range(1..600))).min(end)
        } else {
            created
        };
        st.execute(params![
            id_at(rng, created),
            p.id,
            paragraph(rng, 1, 4),
            if rng.random_bool(0.55) {
                "private"
            } else {
                "shared"
            },
            goal_id,
            for_next,
            meeting_id,
            time::stamp(created),
            time::stamp(updated),
        ])?;
        out.notes += 1;
    }
    Ok(())
}

/// The survey file of one made-up respondent of the built-in OpenStack pack:
/// valid, fitting the pack, a fresh respondent id from the generator.
pub fn survey_file(pk: &Pack, rng_seed: u64) -> Result<Vec<u8>> {
    let mut rng = Rng::seed_from_u64(rng_seed);
    let cohort = &pk.cohorts[rng.random_range(0..pk.cohorts.len())];
    let role = [
        SurveyRole::Mentor,
        SurveyRole::Mentee,
        SurveyRole::Mentee,
        SurveyRole::PreferNotToSay,
    ][rng.random_range(0..4usize)];
    let mut answers = Vec::new();
    let mut criteria = Vec::new();
    for q in &pk.questions {
        let asked = match role.role() {
            Some(r) => q.roles.contains(&r),
            None => q.roles.len() > 1,
        };
        if !asked || q.prefill == Some(trellis_core::pack::Prefill::Role) || rng.random_bool(0.08) {
            continue;
        }
        match q.kind {
            QuestionKind::Criteria => {
                for d in &cohort.criteria {
                    criteria.push((
                        d.id.clone(),
                        CriterionAnswer::ALL[rng.random_range(0..4usize)],
                    ));
                }
            }
            QuestionKind::Choice if !q.options.is_empty() => {
                let o = &q.options[rng.random_range(0..q.options.len())];
                answers.push((q.id.clone(), ClosedAnswer::Text(o.id.clone())));
            }
            QuestionKind::Choice => {}
            QuestionKind::Scale => {
                let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
                answers.push((
                    q.id.clone(),
                    ClosedAnswer::Number(i64::from(rng.random_range(lo..=hi))),
                ));
            }
        }
    }
    let of = cohort.criteria.len() as u32;
    let random_bytes: [u8; 16] = rng.random();
    let f = SurveyFile {
        format: survey::FORMAT.into(),
        format_version: survey::FORMAT_VERSION.into(),
        respondent_id: uuid::Builder::from_random_bytes(random_bytes)
            .into_uuid()
            .to_string(),
        revision: Some(1),
        program_id: pk.program.id.clone(),
        pack_version: pk.program.version.clone(),
        cohort_id: Some(cohort.id.clone()),
        role,
        match_month: None,
        match_year: Some(rng.random_range(2017..2027)),
        match_term: None,
        checkin_number: 1,
        answers: OrderedMap(answers),
        criteria: OrderedMap(criteria),
        activity: Activity {
            meetings: Bucket::ALL[rng.random_range(0..5usize)],
            goals_set: Bucket::ALL[rng.random_range(0..5usize)],
            goals_achieved: Bucket::ALL[rng.random_range(0..5usize)],
            criteria_met: Some(CriteriaMet {
                met: rng.random_range(0..=of),
                of,
            }),
        },
        comment: None,
    };
    survey::render(&f)
}

/// Write `n` survey files (`survey-000001.json`, …) into `dir` for the
/// program `program_id`; returns the total bytes written.
pub fn write_survey_files(db: &Db, program_id: &str, dir: &Path, seed: u64, n: u32) -> Result<u64> {
    let pk = pack::get(db, program_id)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let mut total = 0u64;
    for i in 0..n {
        let bytes = survey_file(&pk, seed.wrapping_mul(1_000_003).wrapping_add(u64::from(i)))?;
        let path = dir.join(format!("survey-{i:06}.json"));
        std::fs::write(&path, &bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        total += bytes.len() as u64;
    }
    Ok(total)
}

/// Row counts of every table, for checks and for the generator's report.
pub fn counts(db: &Db) -> Result<BTreeMap<&'static str, i64>> {
    const TABLES: [&str; 9] = [
        "pair",
        "criterion",
        "goal",
        "milestone",
        "goal_criterion",
        "meeting",
        "meeting_goal",
        "action_item",
        "note",
    ];
    db.read(|c| {
        TABLES
            .iter()
            .map(|t| {
                // `t` is one of the fixed names above, never input.
                let n: i64 = c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
                Ok((*t, n))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use trellis_core::meeting::{self, NewMeeting};
    use trellis_core::note::{self, Attachment, NewNote, Visibility};
    use trellis_core::{criterion, goal, record, report, search, status};

    fn until() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn tiny(seed: u64) -> (Db, Generated) {
        let db = Db::open_in_memory().unwrap();
        let g = generate(&db, seed, Scale::Tiny, until()).unwrap();
        (db, g)
    }

    /// Every row of every generated table, in rowid order, as text.
    fn fingerprint(db: &Db) -> String {
        db.read(|c| {
            let mut out = String::new();
            for t in [
                "pair",
                "criterion",
                "goal",
                "milestone",
                "meeting",
                "action_item",
                "note",
            ] {
                let mut st = c.prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))?;
                let n = st.column_count();
                let mut rows = st.query([])?;
                while let Some(r) = rows.next()? {
                    for i in 0..n {
                        out.push_str(&format!("{:?}|", r.get_ref(i)?));
                    }
                    out.push('\n');
                }
            }
            Ok(out)
        })
        .unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_database_and_another_seed_another() {
        let (a, ga) = tiny(7);
        let (b, gb) = tiny(7);
        let (c, _) = tiny(8);
        assert_eq!(ga, gb);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }

    #[test]
    fn the_spec_s_row_counts_are_met_exactly() {
        let (db, g) = tiny(1);
        let spec = Scale::Tiny.spec();
        let n = counts(&db).unwrap();
        assert_eq!(n["pair"], i64::from(spec.pairs));
        assert_eq!(n["meeting"], i64::from(spec.meetings));
        assert_eq!(n["action_item"], i64::from(spec.actions));
        assert_eq!(n["note"], i64::from(spec.notes));
        assert_eq!(n["goal"], i64::from(spec.goals));
        assert_eq!(n["milestone"], i64::from(g.milestones));
        assert!(n["milestone"] >= n["goal"] && n["criterion"] >= 3 * n["pair"]);
        assert!(n["meeting_goal"] > 0 && n["goal_criterion"] > 0);
    }

    #[test]
    fn a_generated_database_reads_back_through_the_core_api() {
        let (db, g) = tiny(3);
        db.read(|c| {
            let fk: i64 =
                c.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            assert_eq!(fk, 0, "every reference points at a row");
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            assert_eq!(ok, "ok");
            Ok(())
        })
        .unwrap();
        let now = day_start(until()) + Duration::hours(23);
        let home = status::overview(&db, now).unwrap();
        assert_eq!(home.len(), 3);
        assert!(home
            .iter()
            .any(|s| s.last_meeting_on.is_some() && s.criteria_total > 0));
        let p = g.heaviest_pair;
        assert_eq!(goal::list(&db, p).unwrap().len() as u32, g.heaviest_goals);
        assert!(goal::list(&db, p)
            .unwrap()
            .iter()
            .all(|g| !g.milestones.is_empty()));
        let page = meeting::list(&db, p, 0, 20).unwrap();
        assert_eq!(page.total, g.heaviest_meetings);
        assert!(page.items.iter().any(|m| !m.actions.is_empty()));
        assert_eq!(note::list(&db, p).unwrap().len() as u32, g.heaviest_notes);
        let goals = goal::list(&db, p).unwrap();
        let newest = goal::page(&db, p, 0, 5).unwrap();
        let expected: Vec<_> = goals.iter().rev().take(5).cloned().collect();
        assert_eq!(
            newest.items, expected,
            "a page holds what list holds, newest first"
        );
        assert!(newest.has_more);
        assert!(
            !goal::page(&db, p, goals.len() as u32 - 1, 5)
                .unwrap()
                .has_more
        );
        let all = note::list(&db, p).unwrap();
        let first = note::page(&db, p, 0, 10).unwrap();
        assert_eq!(first.items, all[..10].to_vec());
        assert!(first.has_more);
        let last = note::page(&db, p, all.len() as u32 - 3, 10).unwrap();
        assert_eq!(last.items, all[all.len() - 3..].to_vec());
        assert!(!last.has_more);
        meeting::next(&db, p).unwrap();
        // The notes set aside for the next meeting are found through their
        // own index (migration 5), not by walking every note of the pair.
        let plan: String = db
            .read(|c| {
                let mut st = c.prepare(
                    "EXPLAIN QUERY PLAN SELECT id FROM note
                     WHERE pair_id = ?1 AND for_next_meeting = 1 AND meeting_id IS NULL ORDER BY created_at, id",
                )?;
                let rows = st.query_map([p], |r| r.get::<_, String>(3))?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("; "))
            })
            .unwrap();
        assert!(plan.contains("note_pending"), "{plan}");
        assert!(!search::query(&db, "gerrit", 50).unwrap().is_empty());
        let md = record::export(&db, p, record::RecordFormat::Markdown, true).unwrap();
        assert!(md.contains("## Meetings"));
        // And the API writes on top of it.
        let c = criterion::list(&db, p).unwrap()[0].id;
        criterion::mark_met(&db, c, criterion::MarkMet::default()).unwrap();
        note::add(
            &db,
            p,
            NewNote {
                body: "after the generator".into(),
                visibility: Visibility::Shared,
                attach: Attachment::NextMeeting,
            },
        )
        .unwrap();
        let m = meeting::log(
            &db,
            p,
            NewMeeting {
                starts_at: "2026-06-01 10:00".into(),
                duration_min: Some(30),
                ..NewMeeting::default()
            },
        )
        .unwrap();
        assert_eq!(
            meeting::list(&db, p, 0, 1).unwrap().total,
            g.heaviest_meetings + 1
        );
        assert_eq!(note::list(&db, p).unwrap()[0].meeting_id, Some(m.id));
    }

    #[test]
    fn generated_survey_files_are_valid_and_fit_the_pack() {
        let db = Db::open_in_memory().unwrap();
        let pk = pack::get(&db, "openstack-mentoring").unwrap();
        for seed in 0..200 {
            let bytes = survey_file(&pk, seed).unwrap();
            let f = survey::parse(&bytes).unwrap();
            report::fits_pack(&f, &pk).unwrap();
        }
        assert_ne!(survey_file(&pk, 1).unwrap(), survey_file(&pk, 2).unwrap());
        assert_eq!(survey_file(&pk, 1).unwrap(), survey_file(&pk, 1).unwrap());
    }
}
