//! `trellis trash list|restore|delete|empty`: what was deleted, for 30 days;
//! and deleting it permanently, from every file under the data folder.

use clap::Subcommand;
use trellis_core::id::{PairId, TrashId};
use trellis_core::trash::{self, Purged, TrashItem};
use trellis_core::{Db, Resolve, Result};

use crate::output::{short, table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// What is in the Trash, most recently deleted first.
    List {
        /// Only this pair's.
        #[arg(long)]
        pair: Option<String>,
    },
    /// Put an item back where it was.
    Restore { id: String },
    /// Delete an item permanently: its text is removed from the database,
    /// its log and every backup. This cannot be undone.
    Delete { id: String },
    /// Delete everything in a pair's Trash permanently (as `delete`).
    Empty {
        #[arg(long)]
        pair: String,
    },
}

/// What a `… delete` of a note, goal, meeting, action item or criterion
/// prints: it is in the Trash, and how to get it back.
pub fn moved(what: &str, id: impl std::fmt::Display, item: &TrashItem) -> Result<Output> {
    Output::new(
        &serde_json::json!({ "id": id.to_string(), "deleted": true, "trashId": item.id }),
        format!(
            "Deleted {what} {id}. It is in the Trash until {}: `trellis trash restore {}` brings it back.",
            item.purge_after.format("%Y-%m-%d"),
            short(item.id)
        ),
    )
}

fn purged_text(p: &Purged) -> String {
    format!(
        "Deleted {} item(s) permanently: their text is gone from the database and from {} backup(s).",
        p.items, p.backups_rewritten
    )
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::List { pair } => {
            let items = match pair {
                Some(p) => trash::list(db, PairId::resolve(db, &p)?)?,
                None => trash::list_all(db)?,
            };
            let text = if items.is_empty() {
                "The Trash is empty.".to_string()
            } else {
                let rows = items
                    .iter()
                    .map(|t| {
                        vec![
                            short(t.id),
                            t.kind.as_str().to_string(),
                            t.label.clone(),
                            t.deleted_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                            t.purge_after.format("%Y-%m-%d").to_string(),
                        ]
                    })
                    .collect();
                table(&["ID", "KIND", "WHAT", "DELETED", "GONE AFTER"], rows)
            };
            Output::new(&items, text)
        }
        Cmd::Restore { id } => {
            let r = trash::restore(db, TrashId::resolve(db, &id)?)?;
            let text = format!("Restored {} {}", r.kind.as_str(), r.item_id);
            Output::new(&r, text)
        }
        Cmd::Delete { id } => {
            let p = trash::purge(db, TrashId::resolve(db, &id)?)?;
            let text = purged_text(&p);
            Output::new(&p, text)
        }
        Cmd::Empty { pair } => {
            let p = trash::empty(db, PairId::resolve(db, &pair)?)?;
            let text = purged_text(&p);
            Output::new(&p, text)
        }
    }
}
