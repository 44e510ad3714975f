use crate::flag;
use clap::{Args, Subcommand};
use trellis_core::action::NewAction;
use trellis_core::id::{GoalId, MeetingId, PairId};
use trellis_core::meeting::{self, Meeting, MeetingMode, MeetingPatch, NewMeeting};
use trellis_core::pair::{self, Pair, Role};
use trellis_core::{time, Db, Error, Resolve, Result};

use crate::output::{line, or_dash, short, table, tick, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Log a meeting, with its action items.
    Log(LogArgs),
    /// A page of a pair's meetings, newest first.
    List {
        #[arg(long)]
        pair: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show a meeting in full.
    Show { id: String },
    /// Change a meeting.
    Edit(EditArgs),
    /// Delete a meeting (its action items stay with the pair).
    Delete { id: String },
    /// The next meeting's agenda: open action items carried forward, notes set aside.
    Next {
        #[arg(long)]
        pair: String,
    },
    #[command(flatten)]
    Time(super::schedule::MeetingCmd),
}

#[derive(Args)]
pub struct LogArgs {
    #[arg(long)]
    pair: String,
    /// Start: YYYY-MM-DD HH:MM in my time zone, or RFC 3339.
    #[arg(long)]
    start: String,
    /// Duration in minutes (default 60).
    #[arg(long, conflicts_with = "end")]
    duration: Option<u32>,
    /// End time instead of a duration.
    #[arg(long)]
    end: Option<String>,
    /// video, chat, in-person or event.
    #[arg(long, default_value = "video")]
    mode: String,
    #[arg(long, default_value = "")]
    agenda: String,
    /// Shared meeting notes.
    #[arg(long, default_value = "")]
    notes: String,
    /// A goal discussed (repeatable).
    #[arg(long = "goal")]
    goals: Vec<String>,
    /// An action item as OWNER:TEXT or OWNER@YYYY-MM-DD:TEXT, OWNER mentor or mentee (repeatable).
    #[arg(long = "action")]
    actions: Vec<String>,
}

#[derive(Args)]
pub struct EditArgs {
    id: String,
    #[arg(long)]
    start: Option<String>,
    #[arg(long, conflicts_with = "end")]
    duration: Option<u32>,
    #[arg(long)]
    end: Option<String>,
    #[arg(long)]
    mode: Option<String>,
    #[arg(long)]
    agenda: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// Replace the goals discussed (repeatable).
    #[arg(long = "goal")]
    goals: Option<Vec<String>>,
}

/// `mentee@2026-03-01:Push the fix` → an action item.
fn parse_action(s: &str) -> Result<NewAction> {
    let bad = || {
        Error::invalid(
            "action",
            trellis_core::Reason::usage(format!(
                "'{s}' is not OWNER:TEXT or OWNER@YYYY-MM-DD:TEXT (OWNER is mentor or mentee)"
            )),
        )
    };
    let (head, text) = s.split_once(':').ok_or_else(bad)?;
    let (owner, due) = match head.split_once('@') {
        Some((o, d)) => (o, Some(d)),
        None => (head, None),
    };
    Ok(NewAction {
        text: text.to_string(),
        owner: Role::parse("action owner", owner).map_err(|_| bad())?,
        due_date: flag::opt_date("due date", due)?,
    })
}

fn goals(db: &Db, ids: &[String]) -> Result<Vec<GoalId>> {
    ids.iter().map(|g| GoalId::resolve(db, g)).collect()
}

pub fn describe(m: &Meeting, p: &Pair) -> Result<String> {
    let mine = time::parse_tz("my time zone", &p.my_tz)?;
    let theirs = time::parse_tz("partner's time zone", &p.partner_tz)?;
    let mut s = format!(
        "Meeting {} — {}, {} min, {}\n",
        short(m.id),
        time::both_zones(m.starts_at, mine, theirs),
        m.duration_min,
        m.mode.label()
    );
    if !m.agenda.is_empty() {
        s.push_str(&format!("Agenda:\n{}\n", indent(&m.agenda)));
    }
    if !m.notes.is_empty() {
        s.push_str(&format!("Notes:\n{}\n", indent(&m.notes)));
    }
    if !m.actions.is_empty() {
        s.push_str("Action items:\n");
        for a in &m.actions {
            s.push_str(&format!(
                "  {} {} ({}, due {}) {}\n",
                tick(a.done),
                a.text,
                a.owner.as_str(),
                or_dash(a.due_date),
                short(a.id)
            ));
        }
    }
    if !m.carried.is_empty() {
        s.push_str("Carried forward:\n");
        for c in &m.carried {
            s.push_str(&format!(
                "  {} {}{} {}\n",
                tick(c.action.done),
                c.action.text,
                if c.closed_here { " (closed here)" } else { "" },
                short(c.action.id)
            ));
        }
    }
    Ok(s)
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Time(c) => super::schedule::run_meeting(db, c),
        Cmd::Log(a) => {
            let pair_id = PairId::resolve(db, &a.pair)?;
            let actions = a
                .actions
                .iter()
                .map(|s| parse_action(s))
                .collect::<Result<Vec<_>>>()?;
            let goal_ids = goals(db, &a.goals)?;
            let m = meeting::log(
                db,
                pair_id,
                NewMeeting {
                    starts_at: flag::when("start", &a.start)?,
                    duration_min: a.duration,
                    ends_at: flag::opt_when("end", a.end.as_deref())?,
                    mode: Some(MeetingMode::parse(&a.mode)?),
                    agenda: a.agenda,
                    notes: a.notes,
                    goal_ids,
                    actions,
                    ..NewMeeting::default()
                },
            )?;
            let p = pair::get(db, pair_id)?;
            let text = format!("Logged {}", describe(&m, &p)?);
            Output::new(&m, text)
        }
        Cmd::List {
            pair,
            limit,
            offset,
        } => {
            let pair_id = PairId::resolve(db, &pair)?;
            let p = pair::get(db, pair_id)?;
            let page = meeting::list(db, pair_id, offset, limit)?;
            let mine = time::parse_tz("my time zone", &p.my_tz)?;
            let theirs = time::parse_tz("partner's time zone", &p.partner_tz)?;
            let rows = page
                .items
                .iter()
                .map(|m| {
                    vec![
                        short(m.id),
                        time::both_zones(m.starts_at, mine, theirs),
                        format!("{} min", m.duration_min),
                        m.mode.label().to_string(),
                        line(&m.agenda, 40),
                        m.actions.len().to_string(),
                    ]
                })
                .collect();
            let text = if page.total == 0 {
                "No meetings yet. Log one with: trellis meeting log --pair ID --start 'YYYY-MM-DD HH:MM'".to_string()
            } else {
                format!(
                    "{}\nShowing {}–{} of {}",
                    table(&["ID", "WHEN", "LENGTH", "MODE", "AGENDA", "ACTIONS"], rows),
                    offset + 1,
                    offset as usize + page.items.len(),
                    page.total
                )
            };
            Output::new(&page, text)
        }
        Cmd::Show { id } => {
            let m = meeting::get(db, MeetingId::resolve(db, &id)?)?;
            let p = pair::get(db, m.pair_id)?;
            let text = describe(&m, &p)?;
            Output::new(&m, text)
        }
        Cmd::Edit(a) => {
            let id = MeetingId::resolve(db, &a.id)?;
            let goal_ids = a.goals.as_deref().map(|g| goals(db, g)).transpose()?;
            let mode = a.mode.as_deref().map(MeetingMode::parse).transpose()?;
            let m = meeting::edit(
                db,
                id,
                MeetingPatch {
                    starts_at: flag::opt_when("start", a.start.as_deref())?,
                    duration_min: a.duration,
                    ends_at: flag::opt_when("end", a.end.as_deref())?,
                    mode,
                    agenda: a.agenda,
                    notes: a.notes,
                    goal_ids,
                },
            )?;
            let p = pair::get(db, m.pair_id)?;
            let text = format!("Updated {}", describe(&m, &p)?);
            Output::new(&m, text)
        }
        Cmd::Delete { id } => {
            let id = MeetingId::resolve(db, &id)?;
            let item = meeting::delete(db, id)?;
            super::trash::moved("meeting", id, &item)
        }
        Cmd::Next { pair } => {
            let pair_id = PairId::resolve(db, &pair)?;
            let n = meeting::next(db, pair_id)?;
            let mut text = format!("Next meeting due {}\n", n.due_on);
            if n.agenda.is_empty() {
                text.push_str(
                    "Nothing carried forward: no open action items or notes set aside.\n",
                );
            } else {
                text.push('\n');
                text.push_str(&n.agenda);
            }
            let private = n
                .notes
                .iter()
                .filter(|x| x.visibility == trellis_core::note::Visibility::Private)
                .count();
            if private > 0 {
                text.push_str(&format!(
                    "\n({private} private note(s) set aside for you, not in the agenda)\n"
                ));
            }
            if !n.older_actions.is_empty() {
                text.push_str(&format!(
                    "\nOlder items ({}), made more than {} days ago, not in the agenda.\n\
                     Close, drop or snooze them: trellis action close|drop|snooze --pair {pair} --older\n",
                    n.older_actions.len(),
                    n.older_after_days
                ));
            }
            if n.snoozed > 0 {
                text.push_str(&format!("({} snoozed)\n", n.snoozed));
            }
            Output::new(&n, text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_parse_with_and_without_due_dates() {
        let a = parse_action("mentee@2026-03-01:Push the fix: v2").unwrap();
        assert_eq!(a.owner, Role::Mentee);
        assert_eq!(a.due_date, chrono::NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(a.text, "Push the fix: v2");
        assert!(parse_action("someone:do it").is_err());
        assert!(parse_action("no colon").is_err());
    }
}
