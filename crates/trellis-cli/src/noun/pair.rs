use crate::flag;
use clap::{Args, Subcommand};
use trellis_core::pair::{self, NewPair, PairPatch, Role, StatusChange};
use trellis_core::{id::PairId, sample, status, Db, Resolve, Result};

use crate::output::{or_dash, short, table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Start a pair. The cohort's graduation criteria are copied into it.
    Add(AddArgs),
    /// List every pair.
    List,
    /// Show a pair with its attention summary.
    Show { id: String },
    /// Change a pair's details.
    Edit(EditArgs),
    /// Pause an active pair.
    Pause { id: String },
    /// Resume a paused pair.
    Resume { id: String },
    /// End a pair early, with a reason.
    End {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Graduate a pair (every criterion must be met).
    Graduate { id: String },
    /// Delete a pair and everything in it.
    Delete { id: String },
    /// Create a realistic sample pair to try Trellis with.
    Sample,
    #[command(flatten)]
    Time(super::schedule::PairCmd),
    #[command(flatten)]
    Calendar(super::calendar::PairCmd),
}

#[derive(Args)]
pub struct AddArgs {
    /// My role in this pair: mentor or mentee.
    #[arg(long)]
    role: String,
    /// The partner's display name.
    #[arg(long)]
    partner: String,
    /// Program pack id.
    #[arg(long, default_value = "openstack-mentoring")]
    program: String,
    /// Cohort id within the program (e.g. first-patch).
    #[arg(long)]
    cohort: String,
    /// Match date, YYYY-MM-DD (default: today).
    #[arg(long)]
    match_date: Option<String>,
    /// My time zone (IANA name, e.g. Europe/Berlin).
    #[arg(long, default_value = "UTC")]
    my_tz: String,
    /// The partner's time zone (IANA name).
    #[arg(long, default_value = "UTC")]
    partner_tz: String,
    /// Agreed meeting cadence in days.
    #[arg(long, default_value_t = 14)]
    cadence: u32,
    /// One of the pair's own graduation criteria (repeatable).
    #[arg(long = "criterion")]
    criteria: Vec<String>,
}

#[derive(Args)]
pub struct EditArgs {
    id: String,
    #[arg(long)]
    role: Option<String>,
    #[arg(long)]
    partner: Option<String>,
    #[arg(long)]
    match_date: Option<String>,
    #[arg(long)]
    my_tz: Option<String>,
    #[arg(long)]
    partner_tz: Option<String>,
    #[arg(long)]
    cadence: Option<u32>,
}

fn describe(p: &pair::Pair) -> String {
    format!(
        "{} — my {} {} ({} / {}), matched {}, status {}",
        short(p.id),
        p.my_role.partner().as_str(),
        p.partner_name,
        p.program_id,
        p.cohort_id,
        p.match_date,
        p.status.as_str()
    )
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Time(c) => super::schedule::run_pair(db, c),
        Cmd::Calendar(c) => super::calendar::run_pair(db, c),
        Cmd::Add(a) => {
            let role = Role::parse("role", &a.role)?;
            let p = pair::add(
                db,
                NewPair {
                    my_role: Some(role),
                    partner_name: a.partner,
                    program_id: a.program,
                    cohort_id: a.cohort,
                    match_date: flag::opt_date("match date", a.match_date.as_deref())?
                        .unwrap_or_else(|| chrono::Local::now().date_naive()),
                    my_tz: flag::zone("my time zone", &a.my_tz)?,
                    partner_tz: flag::zone("partner's time zone", &a.partner_tz)?,
                    cadence_days: a.cadence,
                    own_criteria: a.criteria,
                },
            )?;
            let text = format!("Created pair {}", describe(&p));
            Output::new(&p, text)
        }
        Cmd::List => {
            let list = pair::list(db)?;
            let rows = list
                .iter()
                .map(|p| {
                    vec![
                        short(p.id),
                        p.partner_name.clone(),
                        p.my_role.as_str().to_string(),
                        format!("{} / {}", p.program_id, p.cohort_id),
                        p.match_date.to_string(),
                        p.status.as_str().to_string(),
                    ]
                })
                .collect();
            let text = if list.is_empty() {
                "No pairs yet. Start one with: trellis pair add --role mentee --partner NAME --cohort first-patch".to_string()
            } else {
                table(
                    &[
                        "ID",
                        "PARTNER",
                        "MY ROLE",
                        "PROGRAM / COHORT",
                        "MATCHED",
                        "STATUS",
                    ],
                    rows,
                )
            };
            Output::new(&list, text)
        }
        Cmd::Show { id } => {
            let id = PairId::resolve(db, &id)?;
            let s = status::for_pair(db, id, trellis_core::time::now())?;
            let p = &s.pair;
            let mut text = format!(
                "{}\nPartner: {} (my {})\nProgram: {} — cohort {}\nMatched: {}   Cadence: every {} days   Status: {}{}\nZones: mine {}, partner's {}\n",
                p.id,
                p.partner_name,
                p.my_role.partner().as_str(),
                s.program_name,
                s.cohort_name,
                p.match_date,
                p.cadence_days,
                p.status.as_str(),
                p.end_reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default(),
                p.my_tz,
                p.partner_tz
            );
            text.push_str(&format!(
                "Last meeting: {}   Next due: {}\nOpen action items: I owe {} ({} overdue), my partner owes {} ({} overdue)   Criteria met: {} of {}\n",
                or_dash(s.last_meeting_on),
                s.next_meeting_due_on,
                s.mine.open,
                s.mine.overdue,
                s.theirs.open,
                s.theirs.overdue,
                s.criteria_met,
                s.criteria_total
            ));
            if let Some(c) = &s.next_checkin {
                text.push_str(&format!(
                    "Check-in {}: {} ({})\n",
                    c.number,
                    c.due_on,
                    c.describe()
                ));
            }
            for a in &s.attention {
                text.push_str(&format!("! {}\n", a.message));
            }
            Output::new(&s, text)
        }
        Cmd::Edit(a) => {
            let id = PairId::resolve(db, &a.id)?;
            let role = a
                .role
                .as_deref()
                .map(|r| Role::parse("role", r))
                .transpose()?;
            let p = pair::edit(
                db,
                id,
                PairPatch {
                    my_role: role,
                    partner_name: a.partner,
                    match_date: flag::opt_date("match date", a.match_date.as_deref())?,
                    my_tz: flag::opt_zone("my time zone", a.my_tz.as_deref())?,
                    partner_tz: flag::opt_zone("partner's time zone", a.partner_tz.as_deref())?,
                    cadence_days: a.cadence,
                },
            )?;
            let text = format!("Updated pair {}", describe(&p));
            Output::new(&p, text)
        }
        Cmd::Pause { id } => change(db, &id, StatusChange::Pause),
        Cmd::Resume { id } => change(db, &id, StatusChange::Resume),
        Cmd::End { id, reason } => change(db, &id, StatusChange::End { reason }),
        Cmd::Graduate { id } => change(db, &id, StatusChange::Graduate),
        Cmd::Delete { id } => {
            let id = PairId::resolve(db, &id)?;
            pair::delete(db, id)?;
            Output::new(
                &serde_json::json!({ "id": id, "deleted": true }),
                format!("Deleted pair {id}"),
            )
        }
        Cmd::Sample => {
            let p = sample::create(db, trellis_core::time::now())?;
            let text = format!("Created sample pair {}", describe(&p));
            Output::new(&p, text)
        }
    }
}

fn change(db: &Db, id: &str, to: StatusChange) -> Result<Output> {
    let id = PairId::resolve(db, id)?;
    let p = pair::set_status(db, id, to)?;
    let text = format!("Pair {} is now {}", short(p.id), p.status.as_str());
    Output::new(&p, text)
}
