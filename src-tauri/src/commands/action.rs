//! Action items.

use serde::Deserialize;
use tauri::State;
use trellis_core::action::{self, ActionItem, ActionPatch, NewAction};
use trellis_core::id::{ActionId, MeetingId, PairId};

use crate::{AppState, CommandError};
use trellis_core::trash::TrashItem;

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ListActions {
    pub pair_id: PairId,
    pub open_only: bool,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddAction {
    pub pair_id: PairId,
    pub meeting_id: Option<MeetingId>,
    pub action: NewAction,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditAction {
    pub action_id: ActionId,
    pub patch: ActionPatch,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetActionDone {
    pub action_id: ActionId,
    pub done: bool,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionRef {
    pub action_id: ActionId,
}

/// Several open action items of one pair, for a bulk change (all or none).
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionsRef {
    pub pair_id: PairId,
    pub action_ids: Vec<ActionId>,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SnoozeActions {
    pub pair_id: PairId,
    pub action_ids: Vec<ActionId>,
    /// A day after today.
    pub until: chrono::NaiveDate,
}

#[tauri::command(async)]
pub fn list_actions(
    state: State<'_, AppState>,
    input: ListActions,
) -> Result<Vec<ActionItem>, CommandError> {
    Ok(action::list(&*state.db()?, input.pair_id, input.open_only)?)
}

#[tauri::command(async)]
pub fn add_action(
    state: State<'_, AppState>,
    input: AddAction,
) -> Result<ActionItem, CommandError> {
    Ok(action::add(
        &*state.db()?,
        input.pair_id,
        input.meeting_id,
        input.action,
    )?)
}

#[tauri::command(async)]
pub fn edit_action(
    state: State<'_, AppState>,
    input: EditAction,
) -> Result<ActionItem, CommandError> {
    Ok(action::edit(&*state.db()?, input.action_id, input.patch)?)
}

#[tauri::command(async)]
pub fn set_action_done(
    state: State<'_, AppState>,
    input: SetActionDone,
) -> Result<ActionItem, CommandError> {
    Ok(action::set_done(
        &*state.db()?,
        input.action_id,
        input.done,
    )?)
}

#[tauri::command(async)]
pub fn delete_action(
    state: State<'_, AppState>,
    input: ActionRef,
) -> Result<TrashItem, CommandError> {
    Ok(action::delete(&*state.db()?, input.action_id)?)
}

#[tauri::command(async)]
pub fn close_actions(state: State<'_, AppState>, input: ActionsRef) -> Result<u32, CommandError> {
    Ok(action::close_many(
        &*state.db()?,
        input.pair_id,
        &input.action_ids,
    )?)
}

#[tauri::command(async)]
pub fn drop_actions(
    state: State<'_, AppState>,
    input: ActionsRef,
) -> Result<Vec<TrashItem>, CommandError> {
    Ok(action::drop_many(
        &*state.db()?,
        input.pair_id,
        &input.action_ids,
    )?)
}

#[tauri::command(async)]
pub fn snooze_actions(
    state: State<'_, AppState>,
    input: SnoozeActions,
) -> Result<u32, CommandError> {
    let db = state.db()?;
    Ok(action::snooze_many(
        &db,
        input.pair_id,
        &input.action_ids,
        input.until,
    )?)
}
