use crate::flag;
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
    /// Tick several open action items of a pair at once.
    Close(Bulk),
    /// Move several open action items of a pair to the Trash at once.
    Drop(Bulk),
    /// Set several open action items aside until a day: they leave the next
    /// meeting's list and are not late until then (on this machine only).
    Snooze {
        #[command(flatten)]
        bulk: Bulk,
        /// The day they come back, YYYY-MM-DD (after today).
        #[arg(long)]
        until: String,
    },
    #[command(flatten)]
    Calendar(super::calendar::ActionCmd),
}

/// Which open action items a bulk verb acts on.
#[derive(Args)]
pub struct Bulk {
    #[arg(long)]
    pair: String,
    /// The older items: open ones made (or back from a snooze) more than
    /// 60 days ago, as the next meeting's "Older items" lists them.
    #[arg(long, conflicts_with = "ids")]
    older: bool,
    /// Action item ids (or unique prefixes).
    #[arg(required_unless_present = "older")]
    ids: Vec<String>,
}

impl Bulk {
    fn resolve(&self, db: &Db) -> Result<(PairId, Vec<ActionId>)> {
        let pair = PairId::resolve(db, &self.pair)?;
        let ids = if self.older {
            let older = trellis_core::meeting::next(db, pair)?.older_actions;
            if older.is_empty() {
                return Err(trellis_core::Error::invalid(
                    "older",
                    trellis_core::Reason::usage("this pair has no older open action items"),
                ));
            }
            older.iter().map(|a| a.id).collect()
        } else {
            self.ids
                .iter()
                .map(|i| ActionId::resolve(db, i))
                .collect::<Result<_>>()?
        };
        Ok((pair, ids))
    }
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

fn items(n: u32) -> String {
    if n == 1 {
        "1 action item".into()
    } else {
        format!("{n} action items")
    }
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let a = match cmd {
        Cmd::Calendar(c) => return super::calendar::run_action(db, c),
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
                    due_date: flag::opt_date("due date", a.due.as_deref())?,
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
                    due_date: flag::clearable_date("due date", due.as_deref())?,
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
        Cmd::Close(b) => {
            let (pair, ids) = b.resolve(db)?;
            let n = action::close_many(db, pair, &ids)?;
            return Output::new(&n, format!("Ticked {}.", items(n)));
        }
        Cmd::Drop(b) => {
            let (pair, ids) = b.resolve(db)?;
            let moved = action::drop_many(db, pair, &ids)?;
            let text = format!(
                "Moved {} to the Trash (trellis trash list --pair {} to restore).",
                items(moved.len() as u32),
                short(pair)
            );
            return Output::new(&moved, text);
        }
        Cmd::Snooze { bulk, until } => {
            let (pair, ids) = bulk.resolve(db)?;
            let until = flag::date("snooze until", &until)?;
            let n = action::snooze_many(db, pair, &ids, until)?;
            return Output::new(&n, format!("Snoozed {} until {until}.", items(n)));
        }
    };
    let text = one(&a);
    Output::new(&a, text)
}
