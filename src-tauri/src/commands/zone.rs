//! Time zones: the canonical names, their aliases and this computer's zone.

use tauri::State;
use trellis_core::zone::{self, ZoneList};

use crate::{AppState, CommandError};

/// What the zone pickers offer (the same list and aliases the core accepts).
#[tauri::command(async)]
pub fn list_zones(_state: State<'_, AppState>) -> Result<ZoneList, CommandError> {
    Ok(zone::list())
}
