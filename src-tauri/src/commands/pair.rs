//! Pairs, their attention summaries and the sample pair.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::PairId;
use trellis_core::pair::{self, NewPair, Pair, PairPatch, StatusChange};
use trellis_core::sample;
use trellis_core::status::{self, PairSummary};
use trellis_core::timeline::{self, TimelinePage};

use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PairRef {
    pub pair_id: PairId,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditPair {
    pub pair_id: PairId,
    pub patch: PairPatch,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangePairStatus {
    pub pair_id: PairId,
    pub change: StatusChange,
}

/// A stretch of the pair's timeline, newest first, ending before the day
/// `before` (YYYY-MM-DD; none for the newest).
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GetTimeline {
    pub pair_id: PairId,
    #[ts(type = "string | null")]
    pub before: Option<chrono::NaiveDate>,
    pub limit: u32,
}

/// Every pair with what needs attention, most urgent first (the home screen).
#[tauri::command(async)]
pub fn get_status(state: State<'_, AppState>) -> Result<Vec<PairSummary>, CommandError> {
    let db = state.db()?;
    let mut all = status::overview(&db, trellis_core::time::now())?;
    status::in_lang(&db, state.lang(), &mut all)?;
    Ok(all)
}

#[tauri::command(async)]
pub fn get_pair_summary(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<PairSummary, CommandError> {
    let db = state.db()?;
    let mut one = [status::for_pair(
        &db,
        input.pair_id,
        trellis_core::time::now(),
    )?];
    status::in_lang(&db, state.lang(), &mut one)?;
    let [one] = one;
    Ok(one)
}

#[tauri::command(async)]
pub fn add_pair(state: State<'_, AppState>, input: NewPair) -> Result<Pair, CommandError> {
    Ok(pair::add(&*state.db()?, input)?)
}

#[tauri::command(async)]
pub fn edit_pair(state: State<'_, AppState>, input: EditPair) -> Result<Pair, CommandError> {
    Ok(pair::edit(&*state.db()?, input.pair_id, input.patch)?)
}

#[tauri::command(async)]
pub fn change_pair_status(
    state: State<'_, AppState>,
    input: ChangePairStatus,
) -> Result<Pair, CommandError> {
    Ok(pair::set_status(
        &*state.db()?,
        input.pair_id,
        input.change,
    )?)
}

#[tauri::command(async)]
pub fn delete_pair(state: State<'_, AppState>, input: PairRef) -> Result<(), CommandError> {
    Ok(pair::delete(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn create_sample_pair(state: State<'_, AppState>) -> Result<Pair, CommandError> {
    Ok(sample::create(&*state.db()?, trellis_core::time::now())?)
}

#[tauri::command(async)]
pub fn get_timeline(
    state: State<'_, AppState>,
    input: GetTimeline,
) -> Result<TimelinePage, CommandError> {
    let db = &*state.db()?;
    Ok(timeline::page(
        db,
        input.pair_id,
        input.before,
        input.limit,
    )?)
}
