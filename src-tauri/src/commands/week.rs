//! A mentor's week across all pairs, read in this computer's zone.

use tauri::State;
use trellis_core::week::{self, Week};
use trellis_core::{time, zone};

use crate::{AppState, CommandError};

/// This week's meetings (from the first day of the week in the window's
/// language, here) and the action items due by its end, what I owe apart
/// from what my partners owe.
#[tauri::command(async)]
pub fn get_week(state: State<'_, AppState>) -> Result<Week, CommandError> {
    let first = week::first_day(state.lang());
    Ok(week::get_from(
        &*state.db()?,
        zone::system(),
        time::now(),
        first,
    )?)
}
