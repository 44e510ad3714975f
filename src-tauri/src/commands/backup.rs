//! Backups of the database: listing, making one now, and restoring one —
//! also while the database is damaged and nothing else works.

use serde::Deserialize;
use tauri::State;
use trellis_core::backup::{self, Backup, Restored};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreBackup {
    /// The backup's file name, as `list_backups` gives it.
    pub name: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PruneBackups {
    /// Backups made more than this many days ago are deleted (the newest
    /// backup always stays).
    pub older_than_days: u32,
}

/// Every backup in the data dir, newest first.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>, CommandError> {
    Ok(backup::list(state.data_dir())?)
}

/// A manual backup of the open database, kept until the person deletes it.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Result<Backup, CommandError> {
    Ok(backup::now(&*state.db()?)?)
}

/// Replaces the database with a backup (a copy of the current one is kept
/// first) and opens it again in place.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    input: RestoreBackup,
) -> Result<Restored, CommandError> {
    state.restore(&input.name)
}

/// Deletes one backup, whatever its kind.
#[tauri::command(async)]
pub fn delete_backup(
    state: State<'_, AppState>,
    input: RestoreBackup,
) -> Result<Backup, CommandError> {
    Ok(backup::delete(state.data_dir(), &input.name)?)
}

/// Deletes every backup older than some days but the newest one.
#[tauri::command(async)]
pub fn prune_backups(
    state: State<'_, AppState>,
    input: PruneBackups,
) -> Result<Vec<Backup>, CommandError> {
    Ok(backup::prune(
        state.data_dir(),
        input.older_than_days,
        trellis_core::time::now(),
    )?)
}
