//! Goals.

use serde::Deserialize;
use tauri::State;
use trellis_core::goal::{self, Goal, GoalPatch, GoalStatus, NewGoal};
use trellis_core::id::{GoalId, PairId};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddGoal {
    pub pair_id: PairId,
    pub goal: NewGoal,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditGoal {
    pub goal_id: GoalId,
    pub patch: GoalPatch,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetGoalStatus {
    pub goal_id: GoalId,
    pub status: GoalStatus,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GoalRef {
    pub goal_id: GoalId,
}

#[tauri::command(async)]
pub fn list_goals(state: State<'_, AppState>, input: PairRef) -> Result<Vec<Goal>, CommandError> {
    Ok(goal::list(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn add_goal(state: State<'_, AppState>, input: AddGoal) -> Result<Goal, CommandError> {
    Ok(goal::add(&*state.db()?, input.pair_id, input.goal)?)
}

#[tauri::command(async)]
pub fn edit_goal(state: State<'_, AppState>, input: EditGoal) -> Result<Goal, CommandError> {
    Ok(goal::edit(&*state.db()?, input.goal_id, input.patch)?)
}

#[tauri::command(async)]
pub fn set_goal_status(
    state: State<'_, AppState>,
    input: SetGoalStatus,
) -> Result<Goal, CommandError> {
    Ok(goal::set_status(
        &*state.db()?,
        input.goal_id,
        input.status,
    )?)
}

#[tauri::command(async)]
pub fn delete_goal(state: State<'_, AppState>, input: GoalRef) -> Result<(), CommandError> {
    Ok(goal::delete(&*state.db()?, input.goal_id)?)
}
