//! Meetings and the next meeting's carried-forward agenda.

use serde::Deserialize;
use tauri::State;
use trellis_core::id::{MeetingId, PairId};
use trellis_core::meeting::{self, Meeting, MeetingPage, MeetingPatch, NewMeeting, NextMeeting};

use crate::commands::pair::PairRef;
use crate::{AppState, CommandError};
use trellis_core::trash::TrashItem;

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ListMeetings {
    pub pair_id: PairId,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LogMeeting {
    pub pair_id: PairId,
    pub meeting: NewMeeting,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditMeeting {
    pub meeting_id: MeetingId,
    pub patch: MeetingPatch,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingRef {
    pub meeting_id: MeetingId,
}

#[tauri::command(async)]
pub fn list_meetings(
    state: State<'_, AppState>,
    input: ListMeetings,
) -> Result<MeetingPage, CommandError> {
    Ok(meeting::list(
        &*state.db()?,
        input.pair_id,
        input.offset,
        input.limit,
    )?)
}

#[tauri::command(async)]
pub fn log_meeting(state: State<'_, AppState>, input: LogMeeting) -> Result<Meeting, CommandError> {
    Ok(meeting::log(&*state.db()?, input.pair_id, input.meeting)?)
}

#[tauri::command(async)]
pub fn edit_meeting(
    state: State<'_, AppState>,
    input: EditMeeting,
) -> Result<Meeting, CommandError> {
    Ok(meeting::edit(&*state.db()?, input.meeting_id, input.patch)?)
}

#[tauri::command(async)]
pub fn delete_meeting(
    state: State<'_, AppState>,
    input: MeetingRef,
) -> Result<TrashItem, CommandError> {
    Ok(meeting::delete(&*state.db()?, input.meeting_id)?)
}

#[tauri::command(async)]
pub fn get_next_meeting(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<NextMeeting, CommandError> {
    Ok(meeting::next(&*state.db()?, input.pair_id)?)
}
