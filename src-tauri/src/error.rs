//! Errors the shell reports: to the UI as `{ kind, message }`, and at startup on stderr.

use std::path::PathBuf;

use serde::Serialize;

/// What went wrong, in a word the UI switches on.
///
/// Core's `ErrorKind` plus `internal`; named `CommandErrorKind` in TypeScript so
/// that its binding does not collide with core's `ErrorKind.ts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "CommandErrorKind")]
pub enum ErrorKind {
    /// The thing asked for does not exist.
    NotFound,
    /// The input was refused before anything was written.
    Invalid,
    /// The change clashes with the current state (a duplicate, a stale edit).
    Conflict,
    /// The database failed.
    Storage,
    /// A file could not be read or written in its format.
    Format,
    /// The file system failed.
    Io,
    /// The data is encrypted and not unlocked: the passphrase is needed.
    Locked,
    /// A bug: the shell reached a state it should not.
    Internal,
}

/// The error every command returns; it crosses IPC as `{ "kind": "...", "message": "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl From<trellis_core::Error> for CommandError {
    fn from(error: trellis_core::Error) -> Self {
        use trellis_core::ErrorKind as Core;
        let kind = match error.kind() {
            Core::NotFound => ErrorKind::NotFound,
            Core::Invalid => ErrorKind::Invalid,
            Core::Conflict => ErrorKind::Conflict,
            Core::Format => ErrorKind::Format,
            Core::Storage => ErrorKind::Storage,
            Core::Io => ErrorKind::Io,
            Core::Locked => ErrorKind::Locked,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<std::io::Error> for CommandError {
    fn from(error: std::io::Error) -> Self {
        let kind = match error.kind() {
            std::io::ErrorKind::NotFound => ErrorKind::NotFound,
            _ => ErrorKind::Io,
        };
        Self::new(kind, error.to_string())
    }
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("--data-dir needs a directory (--data-dir DIR)")]
    MissingDataDirValue,
    #[error(
        "no data directory: no home directory found (pass --data-dir DIR or set TRELLIS_DATA_DIR)"
    )]
    NoPlatformDataDir,
    #[error("cannot use the data directory {} ({source})", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset; on a headless machine run it under xvfb-run -a)")]
    NoDisplay,
    #[error("cannot start the window ({0})")]
    Tauri(#[source] tauri::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_error_crosses_ipc_as_kind_and_message() {
        let error = CommandError::new(ErrorKind::NotFound, "no goal 42");
        let json = serde_json::to_value(error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "kind": "not_found", "message": "no goal 42" })
        );
    }

    #[test]
    fn every_kind_has_its_snake_case_name() {
        let names: Vec<_> = [
            ErrorKind::NotFound,
            ErrorKind::Invalid,
            ErrorKind::Conflict,
            ErrorKind::Storage,
            ErrorKind::Format,
            ErrorKind::Io,
            ErrorKind::Internal,
        ]
        .into_iter()
        .map(|kind| serde_json::to_value(kind).unwrap())
        .collect();
        assert_eq!(
            names,
            [
                "not_found",
                "invalid",
                "conflict",
                "storage",
                "format",
                "io",
                "internal"
            ]
        );
    }

    #[test]
    fn the_typescript_types_match_what_crosses_ipc() {
        use ts_rs::TS;
        let cfg = ts_rs::Config::new();
        assert_eq!(
            CommandError::decl(&cfg),
            "type CommandError = { kind: CommandErrorKind, message: string, };"
        );
        assert_eq!(
            ErrorKind::decl(&cfg),
            r#"type CommandErrorKind = "not_found" | "invalid" | "conflict" | "storage" | "format" | "io" | "locked" | "internal";"#
        );
    }

    #[test]
    fn a_missing_file_becomes_not_found() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(CommandError::from(io).kind, ErrorKind::NotFound);
    }
}
