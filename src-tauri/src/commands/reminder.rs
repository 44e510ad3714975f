//! Reminders: which kinds the desktop shows as OS notifications, quiet
//! hours, and starting at login minimised to the tray.

use tauri::{AppHandle, Runtime, State};
use trellis_core::reminder::{self, ReminderSettings};

use crate::{AppState, CommandError};

/// This machine's reminder settings.
#[tauri::command(async)]
pub fn reminder_settings(state: State<'_, AppState>) -> Result<ReminderSettings, CommandError> {
    Ok(reminder::settings(&*state.db()?)?)
}

/// Change the reminder settings; starting at login follows at once.
#[tauri::command(async)]
pub fn set_reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ReminderSettings,
) -> Result<ReminderSettings, CommandError> {
    let saved = reminder::set_settings(&*state.db()?, input)?;
    crate::reminder::start_at_login(&app, saved.start_at_login);
    Ok(saved)
}
