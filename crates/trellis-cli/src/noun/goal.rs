use crate::flag;
use clap::{Args, Subcommand};
use trellis_core::goal::{self, Goal, GoalPatch, GoalStatus, NewGoal};
use trellis_core::id::{CriterionId, GoalId, PairId};
use trellis_core::{Db, Resolve, Result};

use crate::output::{or_dash, short, table, tick, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Add a goal to a pair.
    Add(AddArgs),
    /// List a pair's goals.
    List {
        #[arg(long)]
        pair: String,
    },
    /// Show a goal with its milestones.
    Show { id: String },
    /// Change a goal's title, why, target date or criteria.
    Edit(EditArgs),
    /// Set a goal's status: proposed, active, achieved or dropped.
    Status { id: String, status: String },
    /// Delete a goal and its milestones.
    Delete { id: String },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    pair: String,
    #[arg(long)]
    title: String,
    /// Why the goal matters.
    #[arg(long, default_value = "")]
    why: String,
    /// proposed, active (default), achieved or dropped.
    #[arg(long)]
    status: Option<String>,
    /// Target date, YYYY-MM-DD.
    #[arg(long)]
    target: Option<String>,
    /// A milestone (repeatable, in order).
    #[arg(long = "milestone")]
    milestones: Vec<String>,
    /// A criterion id (or prefix) this goal serves (repeatable).
    #[arg(long = "criterion")]
    criteria: Vec<String>,
}

#[derive(Args)]
pub struct EditArgs {
    id: String,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    why: Option<String>,
    /// Target date, YYYY-MM-DD; an empty value clears it.
    #[arg(long)]
    target: Option<String>,
    /// Replace the linked criteria (repeatable).
    #[arg(long = "criterion")]
    criteria: Option<Vec<String>>,
}

fn criteria(db: &Db, ids: &[String]) -> Result<Vec<CriterionId>> {
    ids.iter().map(|c| CriterionId::resolve(db, c)).collect()
}

pub fn describe(g: &Goal) -> String {
    let done = g.milestones.iter().filter(|m| m.done).count();
    let mut s = format!(
        "{} {} [{}] target {} — milestones {done}/{}\n",
        short(g.id),
        g.title,
        g.status.as_str(),
        or_dash(g.target_date),
        g.milestones.len()
    );
    if !g.why.is_empty() {
        s.push_str(&format!("  Why: {}\n", g.why));
    }
    for m in &g.milestones {
        s.push_str(&format!(
            "  {} {} ({})\n",
            tick(m.done),
            m.text,
            short(m.id)
        ));
    }
    s
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Add(a) => {
            let pair = PairId::resolve(db, &a.pair)?;
            let status = a.status.as_deref().map(GoalStatus::parse).transpose()?;
            let criterion_ids = criteria(db, &a.criteria)?;
            let g = goal::add(
                db,
                pair,
                NewGoal {
                    title: a.title,
                    why: a.why,
                    status,
                    target_date: flag::opt_date(
                        "target date",
                        a.target.as_deref().filter(|d| !d.trim().is_empty()),
                    )?,
                    milestones: a.milestones,
                    criterion_ids,
                },
            )?;
            let text = format!("Added goal {}", describe(&g));
            Output::new(&g, text)
        }
        Cmd::List { pair } => {
            let pair = PairId::resolve(db, &pair)?;
            let list = goal::list(db, pair)?;
            let rows = list
                .iter()
                .map(|g| {
                    let done = g.milestones.iter().filter(|m| m.done).count();
                    vec![
                        short(g.id),
                        g.title.clone(),
                        g.status.as_str().to_string(),
                        or_dash(g.target_date),
                        format!("{done}/{}", g.milestones.len()),
                    ]
                })
                .collect();
            let text = if list.is_empty() {
                "No goals yet. Add one with: trellis goal add --pair ID --title TEXT".to_string()
            } else {
                table(&["ID", "GOAL", "STATUS", "TARGET", "MILESTONES"], rows)
            };
            Output::new(&list, text)
        }
        Cmd::Show { id } => {
            let g = goal::get(db, GoalId::resolve(db, &id)?)?;
            Output::new(&g, describe(&g))
        }
        Cmd::Edit(a) => {
            let id = GoalId::resolve(db, &a.id)?;
            let criterion_ids = a.criteria.as_deref().map(|c| criteria(db, c)).transpose()?;
            let g = goal::edit(
                db,
                id,
                GoalPatch {
                    title: a.title,
                    why: a.why,
                    target_date: flag::clearable_date("target date", a.target.as_deref())?,
                    criterion_ids,
                },
            )?;
            let text = format!("Updated goal {}", describe(&g));
            Output::new(&g, text)
        }
        Cmd::Status { id, status } => {
            let id = GoalId::resolve(db, &id)?;
            let g = goal::set_status(db, id, GoalStatus::parse(&status)?)?;
            let text = format!("Goal {} is now {}", short(g.id), g.status.as_str());
            Output::new(&g, text)
        }
        Cmd::Delete { id } => {
            let id = GoalId::resolve(db, &id)?;
            let item = goal::delete(db, id)?;
            super::trash::moved("goal", id, &item)
        }
    }
}
