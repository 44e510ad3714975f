//! Check-ins: the form of the pack's questions, the person's answers (kept on
//! this machine) and the check-ins answered so far.

use serde::Deserialize;
use tauri::State;
use trellis_core::checkin::{self, Answers, Checkin, CheckinForm};
use trellis_core::id::PairId;

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinRef {
    pub pair_id: PairId,
    /// Which check-in of the schedule; `null` for the one that is due.
    pub number: Option<u32>,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnswerCheckin {
    pub pair_id: PairId,
    pub number: u32,
    /// By question id; questions left out stay unanswered.
    pub answers: Answers,
}

/// The questions for my role, suggestions from the log, and what was saved.
#[tauri::command(async)]
pub fn get_checkin_form(
    state: State<'_, AppState>,
    input: CheckinRef,
) -> Result<CheckinForm, CommandError> {
    Ok(checkin::form(
        &*state.db()?,
        input.pair_id,
        input.number,
        trellis_core::time::now(),
        state.lang(),
    )?)
}

#[tauri::command(async)]
pub fn answer_checkin(
    state: State<'_, AppState>,
    input: AnswerCheckin,
) -> Result<Checkin, CommandError> {
    Ok(checkin::answer(
        &*state.db()?,
        input.pair_id,
        input.number,
        input.answers,
    )?)
}

#[tauri::command(async)]
pub fn list_checkins(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Vec<Checkin>, CommandError> {
    Ok(checkin::list(&*state.db()?, input.pair_id)?)
}
