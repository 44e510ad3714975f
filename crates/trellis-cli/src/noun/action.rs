use clap::{Args, Subcommand};
use trellis_core::action::{self, ActionItem, ActionPatch, NewAction};
use trellis_core::id::{ActionId, MeetingId, PairId};
use trellis_core::pair::Role;
use trellis_core::{Db, Resolve, Result};

use crate::output::{or_dash, short, table, tick, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Add an action item to a pair (optionally to a meeting).
    Add(AddArgs),
    /// List a pair's action items.
    List {
        #[arg(long)]
        pair: String,
        /// Only the open ones.
        #[arg(long)]
        open: bool,
    },
    /// Change an action item.
    Edit {
        id: String,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// YYYY-MM-DD; an empty value clears it.
        #[arg(long)]
        due: Option<String>,
    },
    /// Tick an action item.
    Done { id: String },
    /// Untick an action item.
    Undone { id: String },
    /// Delete an action item.
    Delete { id: String },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    pair: String,
    /// The meeting where it was agreed.
    #[arg(long)]
    meeting: Option<String>,
    /// mentor or mentee.
    #[arg(long)]
    owner: String,
    /// Due date, YYYY-MM-DD.
    #[arg(long)]
    due: Option<String>,
    text: String,
}

fn one(a: &ActionItem) -> String {
    format!(
        "{} {} ({}, due {}) {}",
        tick(a.done),
        a.text,
        a.owner.as_str(),
        or_dash(a.due_date),
        short(a.id)
    )
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let a = match cmd {
        Cmd::Add(a) => {
            let pair = PairId::resolve(db, &a.pair)?;
            let meeting = a
                .meeting
                .as_deref()
                .map(|m| MeetingId::resolve(db, m))
                .transpose()?;
            action::add(
                db,
                pair,
                meeting,
                NewAction {
                    text: a.text,
                    owner: Role::parse("owner", &a.owner)?,
                    due_date: a.due,
                },
            )?
        }
        Cmd::List { pair, open } => {
            let pair = PairId::resolve(db, &pair)?;
            let list = action::list(db, pair, open)?;
            let rows = list
                .iter()
                .map(|a| {
                    vec![
                        short(a.id),
                        tick(a.done).to_string(),
                        a.text.clone(),
                        a.owner.as_str().to_string(),
                        or_dash(a.due_date),
                    ]
                })
                .collect();
            let text = if list.is_empty() {
                "No action items.".to_string()
            } else {
                table(&["ID", "DONE", "ACTION", "OWNER", "DUE"], rows)
            };
            return Output::new(&list, text);
        }
        Cmd::Edit {
            id,
            text,
            owner,
            due,
        } => {
            let id = ActionId::resolve(db, &id)?;
            let owner = owner
                .as_deref()
                .map(|o| Role::parse("owner", o))
                .transpose()?;
            action::edit(
                db,
                id,
                ActionPatch {
                    text,
                    owner,
                    due_date: due,
                },
            )?
        }
        Cmd::Done { id } => action::set_done(db, ActionId::resolve(db, &id)?, true)?,
        Cmd::Undone { id } => action::set_done(db, ActionId::resolve(db, &id)?, false)?,
        Cmd::Delete { id } => {
            let id = ActionId::resolve(db, &id)?;
            let item = action::delete(db, id)?;
            return super::trash::moved("action item", id, &item);
        }
    };
    let text = one(&a);
    Output::new(&a, text)
}
