//! Calendars: "Add to calendar" for the check-in window and an action
//! item's due date, and the pair's calendar file kept up to date in a
//! folder the person chose.

use serde::Deserialize;
use tauri::State;
use trellis_core::calendar::{self, CalendarFile};
use trellis_core::id::{ActionId, PairId};
use trellis_core::time;

use crate::commands::pair::PairRef;
use crate::commands::record::Exported;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportCheckinIcs {
    pub pair_id: PairId,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportActionIcs {
    pub action_id: ActionId,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetCalendarFolder {
    pub pair_id: PairId,
    /// The token `choose_folder` gave for the folder.
    pub folder: String,
}

fn write(state: &AppState, token: &str, body: &str) -> Result<Exported, CommandError> {
    let path = state.file_to_write(token)?;
    trellis_core::file::write_atomic(&path, body.as_bytes())?;
    Ok(Exported {
        bytes: u32::try_from(body.len()).unwrap_or(u32::MAX),
        path: path.display().to_string(),
    })
}

/// The window of the check-in due or coming up, as an `.ics` file.
#[tauri::command(async)]
pub fn export_checkin_ics(
    state: State<'_, AppState>,
    input: ExportCheckinIcs,
) -> Result<Exported, CommandError> {
    let body = calendar::checkin_ics(&*state.db()?, input.pair_id, time::now())?;
    write(&state, &input.file, &body)
}

/// An open action item's due date, as an `.ics` file.
#[tauri::command(async)]
pub fn export_action_ics(
    state: State<'_, AppState>,
    input: ExportActionIcs,
) -> Result<Exported, CommandError> {
    let body = calendar::action_ics(&*state.db()?, input.action_id, time::now())?;
    write(&state, &input.file, &body)
}

/// The pair's kept calendar file, if it keeps one.
#[tauri::command(async)]
pub fn get_calendar_file(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Option<CalendarFile>, CommandError> {
    Ok(calendar::kept_file(&*state.db()?, input.pair_id)?)
}

/// Keep the pair's calendar file up to date in the chosen folder (written now).
#[tauri::command(async)]
pub fn set_calendar_folder(
    state: State<'_, AppState>,
    input: SetCalendarFolder,
) -> Result<CalendarFile, CommandError> {
    let dir = state.file_to_read(&input.folder)?;
    Ok(calendar::keep_file(
        &*state.db()?,
        input.pair_id,
        &dir,
        time::now(),
    )?)
}

/// Stop keeping the pair's calendar file up to date (the file stays).
#[tauri::command(async)]
pub fn clear_calendar_folder(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<(), CommandError> {
    Ok(calendar::stop_keeping(&*state.db()?, input.pair_id)?)
}
