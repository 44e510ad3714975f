//! Errors the shell reports: to the UI as `{ kind, code, field, params,
//! message }` (the UI switches on `kind` and `code` and places the error by
//! `field`; it never reads the message's words), and at startup on stderr.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
pub use trellis_core::ErrorCode;

/// What went wrong, in a word the UI switches on.
///
/// Core's `ErrorKind` plus `internal`; named `CommandErrorKind` in TypeScript so
/// that its binding does not collide with core's `ErrorKind.ts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "CommandErrorKind")]
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

/// The error every command returns, as it crosses IPC: core's
/// [`trellis_core::ErrorReport`] with the shell's `internal` kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct CommandError {
    /// What went wrong, broadly.
    pub kind: ErrorKind,
    /// What went wrong, in a stable word (finer than `kind`).
    pub code: ErrorCode,
    /// The input at fault, for refused input.
    pub field: Option<String>,
    /// The details by name (see [`trellis_core::Error::params`]).
    pub params: BTreeMap<String, String>,
    /// For a person; never parsed.
    pub message: String,
}

impl CommandError {
    /// An error of the shell's own, coded by its kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let code = match kind {
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::Invalid => ErrorCode::Invalid,
            ErrorKind::Conflict => ErrorCode::Conflict,
            ErrorKind::Storage => ErrorCode::Storage,
            ErrorKind::Format => ErrorCode::Format,
            ErrorKind::Io => ErrorCode::Io,
            ErrorKind::Locked => ErrorCode::Locked,
            ErrorKind::Internal => ErrorCode::Internal,
        };
        Self {
            kind,
            code,
            field: None,
            params: BTreeMap::new(),
            message: message.into(),
        }
    }

    /// Refused input of the shell's own (a file token not chosen): placed by
    /// `field` and worded by its reason's `rule`, like core's `Error::Invalid`.
    pub fn invalid(field: &str, reason: trellis_core::Reason) -> Self {
        trellis_core::Error::invalid(field, reason).into()
    }

    /// The same error with one more detail in `params`.
    pub fn with_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// The same error with another code (a finer word for the same kind).
    pub fn with_code(self, code: ErrorCode) -> Self {
        Self { code, ..self }
    }
}

impl From<trellis_core::Error> for CommandError {
    fn from(error: trellis_core::Error) -> Self {
        use trellis_core::ErrorKind as Core;
        let report = error.report();
        let kind = match report.kind {
            Core::NotFound => ErrorKind::NotFound,
            Core::Invalid => ErrorKind::Invalid,
            Core::Conflict => ErrorKind::Conflict,
            Core::Format => ErrorKind::Format,
            Core::Storage => ErrorKind::Storage,
            Core::Io => ErrorKind::Io,
            Core::Locked => ErrorKind::Locked,
        };
        Self {
            kind,
            code: report.code,
            field: report.field,
            params: report.params,
            message: report.message,
        }
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
    fn a_command_error_crosses_ipc_as_kind_code_field_params_and_message() {
        let error = CommandError::new(ErrorKind::NotFound, "no goal 42");
        let json = serde_json::to_value(error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "not_found",
                "code": "not_found",
                "field": null,
                "params": {},
                "message": "no goal 42"
            })
        );
    }

    #[test]
    fn refused_input_keeps_its_field_rule_and_parameters_across_ipc() {
        let core = trellis_core::Error::invalid(
            "title",
            trellis_core::Reason::TooLong {
                length: 501,
                max: 500,
            },
        );
        let json = serde_json::to_value(CommandError::from(core)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "invalid",
                "code": "invalid",
                "field": "title",
                "params": {
                    "rule": "too_long",
                    "length": "501",
                    "max": "500",
                    "reason": "is 501 characters long; the limit is 500"
                },
                "message": "title: is 501 characters long; the limit is 500"
            })
        );
    }

    #[test]
    fn the_shells_own_refused_input_is_placed_like_cores() {
        let error = CommandError::invalid("file", trellis_core::Reason::FileNotChosen);
        assert_eq!(error.field.as_deref(), Some("file"));
        assert_eq!(error.params["rule"], "file_not_chosen");
        assert_eq!(error.code, ErrorCode::Invalid);
    }

    #[test]
    fn a_conflict_crosses_ipc_with_its_rule_and_parameters() {
        let core =
            trellis_core::Error::Conflict(trellis_core::Clash::CriteriaNotMet { met: 2, total: 5 });
        let json = serde_json::to_value(CommandError::from(core)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "conflict",
                "code": "conflict",
                "field": null,
                "params": { "rule": "criteria_not_met", "met": "2", "total": "5" },
                "message": "only 2 of 5 graduation criteria are met; mark the rest met first"
            })
        );
    }

    #[test]
    fn every_conflict_names_its_rule_across_ipc() {
        for clash in trellis_core::Clash::examples() {
            let rule = clash.rule();
            let error = CommandError::from(trellis_core::Error::Conflict(clash));
            assert_eq!(error.code, ErrorCode::Conflict);
            assert_eq!(error.params.get("rule"), Some(&rule));
        }
    }

    #[test]
    fn a_file_that_does_not_read_crosses_ipc_by_its_kind_with_its_detail() {
        let core = trellis_core::Error::format(
            trellis_core::FileKind::SurveyFile,
            "expected value at line 1",
        );
        let error = CommandError::from(core);
        assert_eq!(error.code, ErrorCode::Format);
        assert_eq!(error.params["what"], "survey_file");
        assert_eq!(error.params["reason"], "expected value at line 1");
    }

    #[test]
    fn what_was_not_found_crosses_ipc_by_name() {
        let core = trellis_core::Error::not_found("goal", "0190abcd");
        let error = CommandError::from(core);
        assert_eq!(error.code, ErrorCode::NotFound);
        assert_eq!(error.params["what"], "goal");
        assert_eq!(error.params["id"], "0190abcd");
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
            ErrorKind::Locked,
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
                "locked",
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
            "type CommandError = { \n/**\n * What went wrong, broadly.\n */\nkind: CommandErrorKind, \n/**\n * What went wrong, in a stable word (finer than `kind`).\n */\ncode: ErrorCode, \n/**\n * The input at fault, for refused input.\n */\nfield: string | null, \n/**\n * The details by name (see [`trellis_core::Error::params`]).\n */\nparams: { [key in string]: string }, \n/**\n * For a person; never parsed.\n */\nmessage: string, };"
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
