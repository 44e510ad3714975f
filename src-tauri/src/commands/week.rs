//! A mentor's week across all pairs, read in this computer's zone.

use tauri::State;
use trellis_core::week::{self, Week};
use trellis_core::{time, zone};

use crate::{AppState, CommandError};

/// This week's meetings (Monday to Sunday here) and the action items due
/// by Sunday, what I owe apart from what my partners owe.
#[tauri::command(async)]
pub fn get_week(state: State<'_, AppState>) -> Result<Week, CommandError> {
    Ok(week::get(&*state.db()?, zone::system(), time::now())?)
}
