//! Time zones: the canonical names, their aliases and this computer's zone.

use trellis_core::zone::{self, ZoneList};

/// What the zone pickers offer (the same list and aliases the core accepts).
#[tauri::command(async)]
pub fn list_zones() -> ZoneList {
    zone::list()
}
