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

mod insert;
mod random;
mod respondent;

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rand::{RngExt, SeedableRng};
use trellis_core::id::PairId;
use trellis_core::pack::{self, Pack};
use trellis_core::{Db, Error, Result};
use uuid::Uuid;

use insert::{insert_actions, insert_goals, insert_meetings, insert_notes, insert_pairs};
use random::{during, id_at, pick, Rng, PROGRAMS, ZONES};
pub use respondent::{survey_file, write_survey_files};

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
                trellis_core::Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: vec!["tiny".to_owned(), "heavy".to_owned()],
                },
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
        return Err(Error::Conflict(trellis_core::Clash::NotEmpty {
            pairs: existing,
        }));
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
        .ok_or_else(|| Error::invalid("scale", trellis_core::Reason::usage("has no pairs")))?;
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
    use super::random::day_start;
    use super::*;
    use chrono::Duration;
    use trellis_core::meeting::{self, NewMeeting};
    use trellis_core::note::{self, Attachment, NewNote, Visibility};
    use trellis_core::{criterion, goal, record, report, search, status, survey};

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
        let md = record::export(
            &db,
            p,
            record::RecordFormat::Markdown,
            true,
            trellis_core::lang::Lang::En,
        )
        .unwrap();
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
                starts_at: trellis_core::time::When::parse("2026-06-01 10:00")
                    .expect("a wall-clock time"),
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
