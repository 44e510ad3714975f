//! The portable record: a whole pair as Markdown or JSON, the user's to keep.
//! Private notes are in it only when asked for.

use crate::error::FileKind;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::action::ActionItem;
use crate::criterion::Criterion;
use crate::goal::Goal;
use crate::id::PairId;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::note::{Note, Visibility};
use crate::pair::Pair;
use crate::{action, criterion, goal, meeting, note, pack, pair, time, Db, Error, Reason, Result};

pub(crate) mod words;

use words::{fill, Words};

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

/// Gather a pair's whole record; the pack's names and criteria in `lang`
/// where the pack gives them.
pub fn collect(
    db: &Db,
    pair_id: PairId,
    include_private: bool,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Record> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?.in_lang(lang);
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

/// Render a pair's record in a format. The Markdown is written for the
/// person to read, in `lang`: its headings and labels, and the pack's names
/// and criteria where the pack gives them. The JSON is data: its keys and
/// values are the same in every language (the pack's own texts).
pub fn export(
    db: &Db,
    pair_id: PairId,
    format: RecordFormat,
    include_private: bool,
    lang: Lang,
) -> Result<String> {
    match format {
        RecordFormat::Json => {
            let r = collect(db, pair_id, include_private, crate::time::now(), Lang::En)?;
            serde_json::to_string_pretty(&r).map_err(|e| Error::Format {
                file: FileKind::Record,
                what: "record".into(),
                reason: e.to_string(),
            })
        }
        RecordFormat::Markdown => {
            let mut r = collect(db, pair_id, include_private, crate::time::now(), lang)?;
            criterion::in_lang(db, pair_id, lang, &mut r.criteria)?;
            markdown(&r, lang)
        }
    }
}

fn check(done: bool) -> &'static str {
    if done {
        "[x]"
    } else {
        "[ ]"
    }
}

fn markdown(r: &Record, lang: Lang) -> Result<String> {
    let w = Words::of(lang);
    let p = &r.pair;
    let mine = time::parse_tz("my time zone", &p.my_tz)?;
    let theirs = time::parse_tz("partner's time zone", &p.partner_tz)?;
    let mut s = String::new();
    let role = w.role(p.my_role);
    let partner_role = w.role(p.my_role.partner());
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        s,
        "# {}",
        fill(
            w.title,
            &[("partner", &p.partner_name), ("cohort", &r.cohort_name)]
        )
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "- {}: {}", w.program, r.program_name);
    let _ = writeln!(s, "- {}: {}", w.cohort, r.cohort_name);
    let _ = writeln!(
        s,
        "- {}",
        fill(
            w.my_role,
            &[
                ("role", role),
                ("partner", &p.partner_name),
                ("partner_role", partner_role)
            ]
        )
    );
    let _ = writeln!(s, "- {}: {}", w.matched_on, p.match_date);
    let _ = writeln!(
        s,
        "- {}",
        fill(
            w.time_zones,
            &[("mine", &p.my_tz), ("theirs", &p.partner_tz)]
        )
    );
    let _ = writeln!(
        s,
        "- {}",
        fill(w.cadence, &[("days", &p.cadence_days.to_string())])
    );
    let mut status = w.pair_status(p.status).to_string();
    if let Some(reason) = &p.end_reason {
        status.push_str(&format!(" ({reason})"));
    }
    let _ = writeln!(s, "- {}: {status}", w.status);
    let _ = writeln!(
        s,
        "- {}: {}",
        w.exported,
        r.exported_at.format("%Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(s);

    let met = r.criteria.iter().filter(|c| c.met).count();
    let _ = writeln!(
        s,
        "## {}",
        fill(
            w.criteria,
            &[
                ("met", &met.to_string()),
                ("total", &r.criteria.len().to_string())
            ]
        )
    );
    let _ = writeln!(s);
    if r.criteria.is_empty() {
        let _ = writeln!(s, "{}", w.none);
    }
    for c in &r.criteria {
        let mut line = format!("- {} {}", check(c.met), c.text);
        if let Some(on) = c.met_on {
            line.push_str(&format!(
                " — {}",
                fill(w.met_on, &[("on", &on.to_string())])
            ));
        }
        if let Some(by) = c.confirmed_by {
            line.push_str(&format!(
                ", {}",
                fill(w.confirmed_by, &[("role", w.role(by))])
            ));
        }
        if let Some(e) = &c.evidence {
            line.push_str(&format!(" ([{}](<{e}>))", w.evidence));
        }
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## {}", w.goals);
    let _ = writeln!(s);
    if r.goals.is_empty() {
        let _ = writeln!(s, "{}", w.none_yet);
        let _ = writeln!(s);
    }
    for g in &r.goals {
        let _ = writeln!(s, "### {} ({})", g.title, w.goal_status(g.status));
        let _ = writeln!(s);
        if !g.why.is_empty() {
            let _ = writeln!(s, "{}", g.why);
            let _ = writeln!(s);
        }
        if let Some(t) = g.target_date {
            let _ = writeln!(s, "{}: {t}", w.target);
        }
        if let Some(a) = g.achieved_on {
            let _ = writeln!(s, "{}: {a}", w.achieved);
        }
        for m in &g.milestones {
            let _ = writeln!(s, "- {} {}", check(m.done), m.text);
        }
        let _ = writeln!(s);
    }

    let count = |n: usize| n.to_string();
    let _ = writeln!(
        s,
        "## {}",
        fill(w.meetings, &[("count", &count(r.meetings.len()))])
    );
    let _ = writeln!(s);
    let due = |d: Option<chrono::NaiveDate>| {
        d.map(|d| format!(", {}", fill(w.due, &[("date", &d.to_string())])))
            .unwrap_or_default()
    };
    // Mine first, the partner's beside it, in the record's words.
    let when = |at| {
        let (mine, theirs) = time::zone_times(at, mine, theirs, w.partner_day, lang.locale());
        fill(w.partner_time, &[("mine", &mine), ("theirs", &theirs)])
    };
    for m in &r.meetings {
        let _ = writeln!(
            s,
            "### {} — {}, {}",
            when(m.starts_at),
            fill(w.minutes, &[("minutes", &m.duration_min.to_string())]),
            w.mode(m.mode)
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
            let _ = writeln!(s, "{}: {}", w.goals_discussed, goals.join("; "));
            let _ = writeln!(s);
        }
        if !m.agenda.is_empty() {
            let _ = writeln!(s, "**{}**\n\n{}\n", w.agenda, m.agenda);
        }
        if !m.notes.is_empty() {
            let _ = writeln!(s, "**{}**\n\n{}\n", w.meeting_notes, m.notes);
        }
        if !m.actions.is_empty() {
            let _ = writeln!(s, "**{}**\n", w.action_items);
            for a in &m.actions {
                let _ = writeln!(
                    s,
                    "- {} {} ({}{})",
                    check(a.done),
                    a.text,
                    w.role(a.owner),
                    due(a.due_date)
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
        let _ = writeln!(s, "## {}", w.other_action_items);
        let _ = writeln!(s);
        for a in loose {
            let _ = writeln!(
                s,
                "- {} {} ({}{})",
                check(a.done),
                a.text,
                w.role(a.owner),
                due(a.due_date)
            );
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(
        s,
        "## {}",
        fill(w.notes, &[("count", &count(r.notes.len()))])
    );
    let _ = writeln!(s);
    for n in &r.notes {
        let tag = match n.visibility {
            Visibility::Private => w.private,
            Visibility::Shared => w.shared,
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
