//! The portable record: a whole pair as Markdown or JSON, the user's to keep.
//! Private notes are in it only when asked for.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::action::ActionItem;
use crate::criterion::Criterion;
use crate::goal::{Goal, GoalStatus};
use crate::id::PairId;
use crate::meeting::Meeting;
use crate::note::{Note, Visibility};
use crate::pair::Pair;
use crate::{action, criterion, goal, meeting, note, pack, pair, time, Db, Error, Reason, Result};

pub const FORMAT: &str = "trellis-record";
pub const FORMAT_VERSION: &str = "1.0";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordFormat {
    Markdown,
    Json,
}

impl RecordFormat {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(RecordFormat::Markdown),
            "json" => Ok(RecordFormat::Json),
            _ => Err(Error::invalid(
                "format",
                Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: ["markdown", "json"].map(String::from).to_vec(),
                },
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            RecordFormat::Markdown => "md",
            RecordFormat::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub format: &'static str,
    pub format_version: &'static str,
    pub exported_at: DateTime<Utc>,
    pub includes_private_notes: bool,
    pub program_name: String,
    pub cohort_name: String,
    pub pair: Pair,
    pub criteria: Vec<Criterion>,
    pub goals: Vec<Goal>,
    pub meetings: Vec<Meeting>,
    pub action_items: Vec<ActionItem>,
    pub notes: Vec<Note>,
}

/// Gather a pair's whole record.
pub fn collect(
    db: &Db,
    pair_id: PairId,
    include_private: bool,
    now: DateTime<Utc>,
) -> Result<Record> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let cohort_name = pk
        .cohorts
        .iter()
        .find(|c| c.id == p.cohort_id)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| p.cohort_id.clone());
    db.read(|c| {
        let mut meetings = meeting::load_page(c, pair_id, 0, u32::MAX)?;
        meetings.reverse();
        Ok(Record {
            format: FORMAT,
            format_version: FORMAT_VERSION,
            exported_at: now,
            includes_private_notes: include_private,
            program_name: pk.program.name.clone(),
            cohort_name,
            criteria: criterion::load_for_pair(c, pair_id)?,
            goals: goal::load_for_pair(c, pair_id)?,
            meetings,
            action_items: action::load_for_pair(c, pair_id)?,
            notes: note::load_for_pair(c, pair_id, include_private)?,
            pair: p,
        })
    })
}

/// Render a pair's record in a format.
pub fn export(
    db: &Db,
    pair_id: PairId,
    format: RecordFormat,
    include_private: bool,
) -> Result<String> {
    let r = collect(db, pair_id, include_private, crate::time::now())?;
    match format {
        RecordFormat::Json => serde_json::to_string_pretty(&r).map_err(|e| Error::Format {
            what: "record".into(),
            reason: e.to_string(),
        }),
        RecordFormat::Markdown => markdown(&r),
    }
}

fn check(done: bool) -> &'static str {
    if done {
        "[x]"
    } else {
        "[ ]"
    }
}

fn goal_status(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Proposed => "proposed",
        GoalStatus::Active => "active",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Dropped => "dropped",
    }
}

fn markdown(r: &Record) -> Result<String> {
    let p = &r.pair;
    let mine = time::parse_tz("my time zone", &p.my_tz)?;
    let theirs = time::parse_tz("partner's time zone", &p.partner_tz)?;
    let mut s = String::new();
    let role = p.my_role.as_str();
    let partner_role = p.my_role.partner().as_str();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        s,
        "# Mentorship with {} — {}",
        p.partner_name, r.cohort_name
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "- Program: {}", r.program_name);
    let _ = writeln!(s, "- Cohort: {}", r.cohort_name);
    let _ = writeln!(
        s,
        "- My role: {role}; {} is my {partner_role}",
        p.partner_name
    );
    let _ = writeln!(s, "- Matched on: {}", p.match_date);
    let _ = writeln!(
        s,
        "- Time zones: mine {}, partner's {}",
        p.my_tz, p.partner_tz
    );
    let _ = writeln!(s, "- Agreed cadence: every {} days", p.cadence_days);
    let mut status = p.status.as_str().to_string();
    if let Some(reason) = &p.end_reason {
        status.push_str(&format!(" ({reason})"));
    }
    let _ = writeln!(s, "- Status: {status}");
    let _ = writeln!(
        s,
        "- Exported: {}",
        r.exported_at.format("%Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(s);

    let met = r.criteria.iter().filter(|c| c.met).count();
    let _ = writeln!(
        s,
        "## Graduation criteria ({met} of {} met)",
        r.criteria.len()
    );
    let _ = writeln!(s);
    if r.criteria.is_empty() {
        let _ = writeln!(s, "_None._");
    }
    for c in &r.criteria {
        let mut line = format!("- {} {}", check(c.met), c.text);
        if let Some(on) = c.met_on {
            line.push_str(&format!(" — met {on}"));
        }
        if let Some(by) = c.confirmed_by {
            line.push_str(&format!(", confirmed by the {}", by.as_str()));
        }
        if let Some(e) = &c.evidence {
            line.push_str(&format!(" ([evidence](<{e}>))"));
        }
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Goals");
    let _ = writeln!(s);
    if r.goals.is_empty() {
        let _ = writeln!(s, "_None yet._");
        let _ = writeln!(s);
    }
    for g in &r.goals {
        let _ = writeln!(s, "### {} ({})", g.title, goal_status(g.status));
        let _ = writeln!(s);
        if !g.why.is_empty() {
            let _ = writeln!(s, "{}", g.why);
            let _ = writeln!(s);
        }
        if let Some(t) = g.target_date {
            let _ = writeln!(s, "Target: {t}");
        }
        if let Some(a) = g.achieved_on {
            let _ = writeln!(s, "Achieved: {a}");
        }
        for m in &g.milestones {
            let _ = writeln!(s, "- {} {}", check(m.done), m.text);
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## Meetings ({})", r.meetings.len());
    let _ = writeln!(s);
    for m in &r.meetings {
        let _ = writeln!(
            s,
            "### {} — {} min, {}",
            time::both_zones(m.starts_at, mine, theirs),
            m.duration_min,
            m.mode.label()
        );
        let _ = writeln!(s);
        let goals: Vec<&str> = m
            .goal_ids
            .iter()
            .filter_map(|id| {
                r.goals
                    .iter()
                    .find(|g| g.id == *id)
                    .map(|g| g.title.as_str())
            })
            .collect();
        if !goals.is_empty() {
            let _ = writeln!(s, "Goals discussed: {}", goals.join("; "));
            let _ = writeln!(s);
        }
        if !m.agenda.is_empty() {
            let _ = writeln!(s, "**Agenda**\n\n{}\n", m.agenda);
        }
        if !m.notes.is_empty() {
            let _ = writeln!(s, "**Notes**\n\n{}\n", m.notes);
        }
        if !m.actions.is_empty() {
            let _ = writeln!(s, "**Action items**\n");
            for a in &m.actions {
                let due = a.due_date.map(|d| format!(", due {d}")).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "- {} {} ({}{due})",
                    check(a.done),
                    a.text,
                    a.owner.as_str()
                );
            }
            let _ = writeln!(s);
        }
    }

    let loose: Vec<&ActionItem> = r
        .action_items
        .iter()
        .filter(|a| a.meeting_id.is_none())
        .collect();
    if !loose.is_empty() {
        let _ = writeln!(s, "## Other action items");
        let _ = writeln!(s);
        for a in loose {
            let due = a.due_date.map(|d| format!(", due {d}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "- {} {} ({}{due})",
                check(a.done),
                a.text,
                a.owner.as_str()
            );
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## Notes ({})", r.notes.len());
    let _ = writeln!(s);
    for n in &r.notes {
        let tag = match n.visibility {
            Visibility::Private => "private",
            Visibility::Shared => "shared",
        };
        let _ = writeln!(
            s,
            "### {} ({tag})",
            n.created_at.with_timezone(&mine).format("%Y-%m-%d %H:%M")
        );
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", n.body);
        let _ = writeln!(s);
    }
    Ok(s)
}
