//! Time together across two zones: each person's hours, times that suit
//! both, and the next meeting at a time.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tauri::State;
use trellis_core::id::PairId;
use trellis_core::meeting::Meeting;
use trellis_core::schedule::{self, Hours, NewSchedule, PairSchedule, Slot};
use trellis_core::{calendar, time};

use crate::commands::pair::PairRef;
use crate::commands::record::Exported;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetMyHours {
    pub pair_id: PairId,
    pub hours: Hours,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProposeMeetings {
    pub pair_id: PairId,
    pub minutes: u32,
    pub count: u32,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScheduleMeeting {
    pub pair_id: PairId,
    pub schedule: NewSchedule,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckMeetingTime {
    pub pair_id: PairId,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportMeetingIcs {
    pub pair_id: PairId,
    /// The token `choose_save_file` gave for where to write.
    pub file: String,
}

#[tauri::command(async)]
pub fn get_schedule(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<PairSchedule, CommandError> {
    Ok(schedule::get(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn set_my_hours(
    state: State<'_, AppState>,
    input: SetMyHours,
) -> Result<PairSchedule, CommandError> {
    Ok(schedule::set_my_hours(
        &*state.db()?,
        input.pair_id,
        input.hours,
    )?)
}

#[tauri::command(async)]
pub fn propose_meetings(
    state: State<'_, AppState>,
    input: ProposeMeetings,
) -> Result<Vec<Slot>, CommandError> {
    let count = input.count.clamp(1, 20) as usize;
    Ok(schedule::propose(
        &*state.db()?,
        input.pair_id,
        input.minutes,
        count,
        time::now(),
    )?)
}

#[tauri::command(async)]
pub fn schedule_meeting(
    state: State<'_, AppState>,
    input: ScheduleMeeting,
) -> Result<PairSchedule, CommandError> {
    Ok(schedule::schedule(
        &*state.db()?,
        input.pair_id,
        input.schedule,
        time::now(),
    )?)
}

#[tauri::command(async)]
pub fn cancel_meeting(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<PairSchedule, CommandError> {
    Ok(schedule::cancel(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn log_scheduled_meeting(
    state: State<'_, AppState>,
    input: PairRef,
) -> Result<Meeting, CommandError> {
    Ok(schedule::log_scheduled(&*state.db()?, input.pair_id)?)
}

#[tauri::command(async)]
pub fn check_meeting_time(
    state: State<'_, AppState>,
    input: CheckMeetingTime,
) -> Result<Slot, CommandError> {
    Ok(schedule::check(
        &*state.db()?,
        input.pair_id,
        input.starts_at,
        input.minutes,
    )?)
}

/// "Add to calendar": the scheduled meeting as an `.ics` file where the
/// person chose (the token first: a page cannot name a path).
#[tauri::command(async)]
pub fn export_meeting_ics(
    state: State<'_, AppState>,
    input: ExportMeetingIcs,
) -> Result<Exported, CommandError> {
    let path = state.file_to_write(&input.file)?;
    let body = calendar::meeting_ics(&*state.db()?, input.pair_id, time::now())?;
    trellis_core::file::write_atomic(&path, body.as_bytes())?;
    Ok(Exported {
        bytes: u32::try_from(body.len()).unwrap_or(u32::MAX),
        path: path.display().to_string(),
    })
}
