//! Milestones: a goal's checklist.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::{GoalId, MilestoneId};
use trellis_core::milestone::{self, Milestone};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddMilestone {
    pub goal_id: GoalId,
    pub text: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditMilestone {
    pub milestone_id: MilestoneId,
    pub text: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetMilestoneDone {
    pub milestone_id: MilestoneId,
    pub done: bool,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MilestoneRef {
    pub milestone_id: MilestoneId,
}

#[tauri::command(async)]
pub fn add_milestone(
    state: State<'_, AppState>,
    input: AddMilestone,
) -> Result<Milestone, CommandError> {
    Ok(milestone::add(&*state.db()?, input.goal_id, &input.text)?)
}

#[tauri::command(async)]
pub fn edit_milestone(
    state: State<'_, AppState>,
    input: EditMilestone,
) -> Result<Milestone, CommandError> {
    Ok(milestone::edit(
        &*state.db()?,
        input.milestone_id,
        &input.text,
    )?)
}

#[tauri::command(async)]
pub fn set_milestone_done(
    state: State<'_, AppState>,
    input: SetMilestoneDone,
) -> Result<Milestone, CommandError> {
    Ok(milestone::set_done(
        &*state.db()?,
        input.milestone_id,
        input.done,
    )?)
}

#[tauri::command(async)]
pub fn delete_milestone(
    state: State<'_, AppState>,
    input: MilestoneRef,
) -> Result<(), CommandError> {
    Ok(milestone::delete(&*state.db()?, input.milestone_id)?)
}
