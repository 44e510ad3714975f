use clap::{Args, Subcommand};
use trellis_core::id::{GoalId, NoteId, PairId};
use trellis_core::note::{self, Attachment, NewNote, Note, NotePatch, Visibility};
use trellis_core::{Db, Resolve, Result};

use crate::output::{line, short, table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Write a note (private unless --shared).
    Add(AddArgs),
    /// List a pair's notes, newest first.
    List {
        #[arg(long)]
        pair: String,
    },
    /// Show a note in full.
    Show { id: String },
    /// Change a note.
    Edit(EditArgs),
    /// Delete a note.
    Delete { id: String },
}

#[derive(Args)]
pub struct Attach {
    /// Attach to a goal.
    #[arg(long, conflicts_with_all = ["next_meeting", "detach"])]
    goal: Option<String>,
    /// Set aside for the next meeting's agenda.
    #[arg(long, conflicts_with = "detach")]
    next_meeting: bool,
    /// Remove any attachment (edit only).
    #[arg(long, hide = true)]
    detach: bool,
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    pair: String,
    /// Share with the partner (default: private, never leaves this machine).
    #[arg(long)]
    shared: bool,
    #[command(flatten)]
    attach: Attach,
    text: String,
}

#[derive(Args)]
pub struct EditArgs {
    id: String,
    /// New text.
    #[arg(long)]
    text: Option<String>,
    /// Make the note shared.
    #[arg(long, conflicts_with = "private")]
    shared: bool,
    /// Make the note private.
    #[arg(long)]
    private: bool,
    #[command(flatten)]
    attach: Attach,
}

fn attachment(db: &Db, a: &Attach) -> Result<Option<Attachment>> {
    Ok(if let Some(g) = &a.goal {
        Some(Attachment::Goal {
            goal_id: GoalId::resolve(db, g)?,
        })
    } else if a.next_meeting {
        Some(Attachment::NextMeeting)
    } else if a.detach {
        Some(Attachment::None)
    } else {
        None
    })
}

fn vis(n: &Note) -> &'static str {
    match n.visibility {
        Visibility::Private => "private",
        Visibility::Shared => "shared",
    }
}

fn one(n: &Note) -> String {
    let mut s = format!("Note {} ({})", short(n.id), vis(n));
    if let Some(g) = n.goal_id {
        s.push_str(&format!(", on goal {}", short(g)));
    }
    if n.for_next_meeting && n.meeting_id.is_none() {
        s.push_str(", for the next meeting");
    }
    s.push_str(&format!("\n{}", n.body));
    s
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let n = match cmd {
        Cmd::Add(a) => {
            let pair = PairId::resolve(db, &a.pair)?;
            let attach = attachment(db, &a.attach)?.unwrap_or_default();
            note::add(
                db,
                pair,
                NewNote {
                    body: a.text,
                    visibility: if a.shared {
                        Visibility::Shared
                    } else {
                        Visibility::Private
                    },
                    attach,
                },
            )?
        }
        Cmd::List { pair } => {
            let pair = PairId::resolve(db, &pair)?;
            let list = note::list(db, pair)?;
            let rows = list
                .iter()
                .map(|n| {
                    vec![
                        short(n.id),
                        n.created_at.format("%Y-%m-%d").to_string(),
                        vis(n).to_string(),
                        line(&n.body, 60),
                    ]
                })
                .collect();
            let text = if list.is_empty() {
                "No notes yet. Write one with: trellis note add --pair ID TEXT".to_string()
            } else {
                table(&["ID", "WRITTEN", "VISIBILITY", "NOTE"], rows)
            };
            return Output::new(&list, text);
        }
        Cmd::Show { id } => note::get(db, NoteId::resolve(db, &id)?)?,
        Cmd::Edit(a) => {
            let id = NoteId::resolve(db, &a.id)?;
            let visibility = match (a.shared, a.private) {
                (true, _) => Some(Visibility::Shared),
                (_, true) => Some(Visibility::Private),
                _ => None,
            };
            let attach = attachment(db, &a.attach)?;
            note::edit(
                db,
                id,
                NotePatch {
                    body: a.text,
                    visibility,
                    attach,
                },
            )?
        }
        Cmd::Delete { id } => {
            let id = NoteId::resolve(db, &id)?;
            let item = note::delete(db, id)?;
            return super::trash::moved("note", id, &item);
        }
    };
    let text = one(&n);
    Output::new(&n, text)
}
