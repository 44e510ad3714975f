//! Encryption at rest: its status, unlocking an encrypted data dir with its
//! passphrase, turning encryption on and off, and changing the passphrase.
//! Core does the work; the state closes and reopens the database around it.

use serde::Deserialize;
use tauri::State;
use trellis_core::encryption::EncryptionStatus;

use crate::state::Health;
use crate::{AppState, CommandError};

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Passphrase {
    pub passphrase: String,
    /// Keep the key in this account's keyring: no passphrase at the next start.
    pub remember: bool,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TurnOffEncryption {
    /// Not needed when the keyring holds the key.
    pub passphrase: Option<String>,
}

#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangePassphrase {
    pub current: String,
    pub new: String,
    pub remember: bool,
}

/// Whether the data is encrypted, and whether the keyring holds its key.
#[tauri::command(async)]
pub fn encryption_status(state: State<'_, AppState>) -> Result<EncryptionStatus, CommandError> {
    state.encryption_status()
}

/// Opens encrypted data with its passphrase (a wrong one changes nothing).
#[tauri::command(async)]
pub fn unlock_data(state: State<'_, AppState>, input: Passphrase) -> Result<Health, CommandError> {
    state.unlock(&input.passphrase, input.remember)
}

/// Encrypts the database and its backups, after a verified backup.
#[tauri::command(async)]
pub fn turn_on_encryption(
    state: State<'_, AppState>,
    input: Passphrase,
) -> Result<Health, CommandError> {
    state.turn_on_encryption(&input.passphrase, input.remember)
}

/// Decrypts the database and its backups, after a verified backup.
#[tauri::command(async)]
pub fn turn_off_encryption(
    state: State<'_, AppState>,
    input: TurnOffEncryption,
) -> Result<Health, CommandError> {
    state.turn_off_encryption(input.passphrase.as_deref())
}

/// A new passphrase for the same key.
#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    input: ChangePassphrase,
) -> Result<EncryptionStatus, CommandError> {
    state.change_passphrase(&input.current, &input.new, input.remember)
}
