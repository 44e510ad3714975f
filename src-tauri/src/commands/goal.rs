//! Goals.

use serde::Deserialize;
use tauri::State;
use trellis_core::goal::{
    self, Goal, GoalCounts, GoalLabel, GoalPage, GoalPatch, GoalStatus, NewGoal,
};
use trellis_core::id::{GoalId, PairId};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};
use trellis_core::trash::TrashItem;

/// A page of a pair's goals: active, proposed, achieved, then dropped.
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ListGoals {
    pub pair_id: PairId,
    pub offset: u32,
    pub limit: u32,
}

/// Some of the pair's goals by id, whole.
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GetGoals {
    pub pair_id: PairId,
    pub goal_ids: Vec<GoalId>,
}

/// The pair's goals in play, and also the goals `include` names.
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ListGoalLabels {
    pub pair_id: PairId,
    pub include: Vec<GoalId>,
}

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
pub fn list_goals(state: State<'_, AppState>, input: ListGoals) -> Result<GoalPage, CommandError> {
    let db = &*state.db()?;
    Ok(goal::page_by_status(
        db,
        input.pair_id,
        input.offset,
        input.limit,
    )?)
}

#[tauri::command(async)]
pub fn get_goals(state: State<'_, AppState>, input: GetGoals) -> Result<Vec<Goal>, CommandError> {
    Ok(goal::by_ids(&*state.db()?, input.pair_id, &input.goal_ids)?)
}

#[tauri::command(async)]
pub fn count_goals(state: State<'_, AppState>, input: PairRef) -> Result<GoalCounts, CommandError> {
    Ok(goal::counts(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn list_goal_labels(
    state: State<'_, AppState>,
    input: ListGoalLabels,
) -> Result<Vec<GoalLabel>, CommandError> {
    Ok(goal::labels(&*state.db()?, input.pair_id, &input.include)?)
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
pub fn delete_goal(state: State<'_, AppState>, input: GoalRef) -> Result<TrashItem, CommandError> {
    Ok(goal::delete(&*state.db()?, input.goal_id)?)
}
