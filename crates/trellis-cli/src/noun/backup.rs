//! `trellis backup now|list|restore NAME|delete NAME|prune --older-than DAYS`. `list` and `restore` work on the
//! data dir without opening the database, so they work when it is damaged.

use std::path::Path;

use clap::Subcommand;
use trellis_core::backup::{self, Backup};
use trellis_core::{Db, Result};

use crate::output::{table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Back up the database now (kept until you delete it).
    Now,
    /// List the backups, newest first.
    List,
    /// Replace the database with a backup (the current one is kept as a backup first).
    /// Close the Trellis app before restoring.
    Restore {
        /// The backup's name, as `backup list` shows it.
        name: String,
    },
    /// Delete one backup (any kind: daily, manual, …).
    Delete {
        /// The backup's name, as `backup list` shows it.
        name: String,
    },
    /// Delete every backup older than some days, whatever its kind; the
    /// newest backup always stays.
    Prune {
        /// Keep the backups of the last DAYS days.
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
    },
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

fn describe(b: &Backup) -> String {
    format!(
        "{} ({}, {}, {})",
        b.name,
        b.kind.as_str(),
        b.created_at.format("%Y-%m-%d %H:%M UTC"),
        size(b.bytes)
    )
}

pub fn run(data_dir: &Path, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Now => {
            let key = super::encryption::key(data_dir)?;
            let db = Db::open_data_dir_with(data_dir, key.as_ref())?;
            let b = backup::now(&db)?;
            let text = format!(
                "Backed up to {}",
                backup::dir(data_dir).join(&b.name).display()
            );
            Output::new(&b, text)
        }
        Cmd::List => {
            let list = backup::list(data_dir)?;
            let text = if list.is_empty() {
                format!(
                    "No backups in {} yet: one is made each day Trellis opens a database with a pair in it, \
                     or run `trellis backup now`.",
                    backup::dir(data_dir).display()
                )
            } else {
                let rows = list
                    .iter()
                    .map(|b| {
                        vec![
                            b.name.clone(),
                            b.kind.as_str().to_string(),
                            b.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                            size(b.bytes),
                        ]
                    })
                    .collect();
                table(&["NAME", "KIND", "MADE", "SIZE"], rows)
            };
            Output::new(&list, text)
        }
        Cmd::Restore { name } => {
            let key = match trellis_core::encryption::is_encrypted(data_dir) {
                true => super::encryption::key(data_dir)?,
                false => None,
            };
            let r = backup::restore_with(data_dir, name.trim(), key.as_ref())?;
            let mut text = format!("Restored {}.", describe(&r.restored));
            if let Some(saved) = &r.saved_current {
                text.push_str(&format!(
                    "\nThe database as it was is kept as {}.",
                    describe(saved)
                ));
            }
            Output::new(&r, text)
        }
        Cmd::Delete { name } => {
            let b = backup::delete(data_dir, name.trim())?;
            let text = format!("Deleted backup {}", describe(&b));
            Output::new(&b, text)
        }
        Cmd::Prune { older_than } => {
            let gone = backup::prune(data_dir, older_than, trellis_core::time::now())?;
            let text = if gone.is_empty() {
                format!("No backup is older than {older_than} day(s); nothing was deleted.")
            } else {
                let names: Vec<String> = gone.iter().map(describe).collect();
                format!("Deleted {} backup(s):\n{}", gone.len(), names.join("\n"))
            };
            Output::new(&gone, text)
        }
    }
}
