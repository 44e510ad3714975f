//! Writing a generated history: the pairs and then, per pair, its goals
//! with milestones, meetings, action items and notes, with SQL that writes
//! column for column what the core's own functions write.

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use rand::RngExt;
use rusqlite::{params, Transaction};
use trellis_core::pack::Pack;
use trellis_core::{time, Result};

use super::random::{
    day_between, day_start, during, id_at, paragraph, pick, Rng, FIRST, LAST, PROJECTS, THINGS,
    VERBS, ZONES,
};
use super::{apportion, Generated, PairPlan};

pub(super) fn insert_pairs(
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

pub(super) fn insert_goals(
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

pub(super) fn insert_meetings(
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

pub(super) fn insert_actions(
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

pub(super) fn insert_notes(
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
