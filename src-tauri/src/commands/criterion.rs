//! Graduation criteria.

use serde::Deserialize;
use tauri::State;
use trellis_core::criterion::{self, Criterion, MarkMet};
use trellis_core::id::{CriterionId, PairId};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};
use trellis_core::trash::TrashItem;

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddCriterion {
    pub pair_id: PairId,
    pub text: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditCriterion {
    pub criterion_id: CriterionId,
    pub text: String,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MarkCriterionMet {
    pub criterion_id: CriterionId,
    pub mark: MarkMet,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CriterionRef {
    pub criterion_id: CriterionId,
}

#[tauri::command(async)]
pub fn list_criteria(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Vec<Criterion>, CommandError> {
    Ok(criterion::list_in(
        &*state.db()?,
        input.pair_id,
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn add_criterion(
    state: State<'_, AppState>,
    input: AddCriterion,
) -> Result<Criterion, CommandError> {
    Ok(criterion::add(&*state.db()?, input.pair_id, &input.text)?)
}

#[tauri::command(async)]
pub fn edit_criterion(
    state: State<'_, AppState>,
    input: EditCriterion,
) -> Result<Criterion, CommandError> {
    Ok(criterion::edit(
        &*state.db()?,
        input.criterion_id,
        &input.text,
    )?)
}

#[tauri::command(async)]
pub fn mark_criterion_met(
    state: State<'_, AppState>,
    input: MarkCriterionMet,
) -> Result<Criterion, CommandError> {
    let db = state.db()?;
    let c = criterion::mark_met(&db, input.criterion_id, input.mark)?;
    Ok(criterion::get_in(&db, c.id, state.lang())?)
}

#[tauri::command(async)]
pub fn unmark_criterion(
    state: State<'_, AppState>,
    input: CriterionRef,
) -> Result<Criterion, CommandError> {
    let db = state.db()?;
    let c = criterion::unmark(&db, input.criterion_id)?;
    Ok(criterion::get_in(&db, c.id, state.lang())?)
}

#[tauri::command(async)]
pub fn delete_criterion(
    state: State<'_, AppState>,
    input: CriterionRef,
) -> Result<TrashItem, CommandError> {
    Ok(criterion::delete(&*state.db()?, input.criterion_id)?)
}
