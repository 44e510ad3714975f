use clap::Subcommand;
use trellis_core::id::{GoalId, MilestoneId};
use trellis_core::milestone::{self, Milestone};
use trellis_core::{Db, Resolve, Result};

use crate::output::{short, tick, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Add a milestone to a goal's checklist.
    Add {
        #[arg(long)]
        goal: String,
        text: String,
    },
    /// Reword a milestone.
    Edit { id: String, text: String },
    /// Tick a milestone.
    Done { id: String },
    /// Untick a milestone.
    Undone { id: String },
    /// Delete a milestone.
    Delete { id: String },
}

fn one(m: &Milestone) -> String {
    format!("{} {} ({})", tick(m.done), m.text, short(m.id))
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let m = match cmd {
        Cmd::Add { goal, text } => milestone::add(db, GoalId::resolve(db, &goal)?, &text)?,
        Cmd::Edit { id, text } => milestone::edit(db, MilestoneId::resolve(db, &id)?, &text)?,
        Cmd::Done { id } => milestone::set_done(db, MilestoneId::resolve(db, &id)?, true)?,
        Cmd::Undone { id } => milestone::set_done(db, MilestoneId::resolve(db, &id)?, false)?,
        Cmd::Delete { id } => {
            let id = MilestoneId::resolve(db, &id)?;
            milestone::delete(db, id)?;
            return Output::new(
                &serde_json::json!({ "id": id, "deleted": true }),
                format!("Deleted milestone {id}"),
            );
        }
    };
    let text = one(&m);
    Output::new(&m, text)
}
