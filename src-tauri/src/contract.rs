//! The contract between the UI and the shell, declared once in
//! `contract/list.rs`: each command's name, input and output.
//!
//! From that list come the Tauri handler ([`handler`]), the names the
//! build script turns into `allow-<command>` permissions (`build.rs`
//! includes the same file), the TypeScript map of every command's input and
//! output (`ui/src/bindings/commands.ts`, written by this module's test
//! like the ts-rs bindings), and the names the security tests compare the
//! capability file with ([`NAMES`]). The compiler checks every line of the
//! list against its function: a command whose input or output type differs
//! from its line does not build.

use tauri::ipc::Invoke;
use tauri::{Runtime, State};

#[allow(unused_imports)]
use crate::commands::{
    action::*, app::*, backup::*, calendar::*, checkin::*, criterion::*, draft::*, encryption::*,
    file::*, goal::*, language::*, meeting::*, milestone::*, note::*, pack::*, pair::*, record::*,
    reminder::*, report::*, schedule::*, search::*, survey::*, sync::*, trash::*, week::*, zone::*,
};
use crate::state::Health;
use crate::{AppState, CommandError};
use trellis_core::action::ActionItem;
use trellis_core::backup::{Backup, Restored};
use trellis_core::calendar::CalendarFile;
use trellis_core::checkin::{Checkin, CheckinForm};
use trellis_core::confirmation::CriterionConfirmations;
use trellis_core::criterion::Criterion;
use trellis_core::draft::Draft;
use trellis_core::encryption::EncryptionStatus;
use trellis_core::goal::{Goal, GoalCounts, GoalLabel, GoalPage};
use trellis_core::lang::Language;
use trellis_core::meeting::{Meeting, MeetingPage, NextMeeting};
use trellis_core::milestone::Milestone;
use trellis_core::note::{Note, NotePage};
use trellis_core::pack::{Pack, PackSummary};
use trellis_core::pair::{NewPair, Pair};
use trellis_core::reminder::ReminderSettings;
use trellis_core::report::Report;
use trellis_core::schedule::{PairSchedule, Slot};
use trellis_core::search::SearchHit;
use trellis_core::status::PairSummary;
use trellis_core::survey::ExportedSurvey;
use trellis_core::sync::{
    Accepted, ClockRepair, FolderSync, Imported, InvitePreview, SyncConflict, SyncFolder,
    SyncStatus, Written,
};
use trellis_core::timeline::TimelinePage;
use trellis_core::trash::{Purged, RestoredItem, TrashItem};
use trellis_core::week::Week;
use trellis_core::zone::ZoneList;

/// A command function's shape, read by the compiler: its last argument (the
/// IPC input, or the state for a command without one) and what it returns.
/// `Args` tells the arities apart, as a function has only one.
pub trait Signature<Args> {
    type Last;
    type Output;
}

impl<F, A, R> Signature<(A,)> for F
where
    F: Fn(A) -> R,
{
    type Last = A;
    type Output = R;
}

impl<F, A, B, R> Signature<(A, B)> for F
where
    F: Fn(A, B) -> R,
{
    type Last = B;
    type Output = R;
}

impl<F, A, B, C, R> Signature<(A, B, C)> for F
where
    F: Fn(A, B, C) -> R,
{
    type Last = C;
    type Output = R;
}

/// Compiles only when `f` takes `I` last and returns `Result<O, CommandError>`.
fn check<F, Args, I, O>(_: &F)
where
    F: Signature<Args, Last = I, Output = Result<O, CommandError>>,
{
}

/// One command as the TypeScript map names it.
#[cfg(test)]
struct Entry {
    name: &'static str,
    /// The input's TypeScript type; `null` for a command without one.
    input: String,
    output: String,
    /// Every exported type that `input` or `output` may name.
    dependencies: Vec<ts_rs::Dependency>,
}

#[cfg(test)]
fn entry<I: ts_rs::TS + 'static, O: ts_rs::TS + 'static>(
    name: &'static str,
    cfg: &ts_rs::Config,
) -> Entry {
    Entry {
        name,
        input: I::name(cfg),
        output: O::name(cfg),
        dependencies: bindings::dependencies::<I>(cfg)
            .into_iter()
            .chain(bindings::dependencies::<O>(cfg))
            .collect(),
    }
}

macro_rules! contract {
    (@input) => { State<'static, AppState> };
    (@input $input:ty) => { $input };
    (@ts_input) => { () };
    (@ts_input $input:ty) => { $input };
    (@runtime $r:ident) => { tauri::Wry };
    ($($module:ident :: $name:ident $(<$r:ident>)? ( $($input:ty)? ) -> $output:ty ;)*) => {
        /// Every command's name, in the order of `contract/list.rs`.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The handler for every command of the list.
        pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$module::$name),*]
        }

        #[allow(dead_code)]
        fn every_line_matches_its_function() {
            $(
                check::<_, _, contract!(@input $($input)?), $output>(
                    &crate::commands::$module::$name $(::<contract!(@runtime $r)>)?,
                );
            )*
        }

        #[cfg(test)]
        fn entries(cfg: &ts_rs::Config) -> Vec<Entry> {
            vec![$(entry::<contract!(@ts_input $($input)?), $output>(stringify!($name), cfg)),*]
        }
    };
}

include!("contract/list.rs");

#[cfg(test)]
mod bindings {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use ts_rs::{Config, Dependency, TypeVisitor, TS};

    /// The exported types `T`'s TypeScript name may mention: itself, its
    /// generic arguments (`Vec<Goal>` names `Goal`) and their dependencies.
    pub(super) fn dependencies<T: TS + 'static>(cfg: &Config) -> Vec<Dependency> {
        struct Visit<'a>(&'a Config, &'a mut Vec<Dependency>);
        impl TypeVisitor for Visit<'_> {
            fn visit<U: TS + 'static + ?Sized>(&mut self) {
                if let Some(dependency) = Dependency::from_ty::<U>(self.0) {
                    self.1.push(dependency);
                }
            }
        }
        let mut out = Vec::new();
        Visit(cfg, &mut out).visit::<T>();
        T::visit_generics(&mut Visit(cfg, &mut out));
        out.extend(T::dependencies(cfg));
        out
    }

    fn is_word_in(word: &str, text: &str) -> bool {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|token| token == word)
    }

    /// `ui/src/bindings/commands.ts`: every command's input and output.
    pub(super) fn commands_ts(entries: &[super::Entry]) -> String {
        let mut imports: BTreeMap<String, PathBuf> = BTreeMap::new();
        for entry in entries {
            for dependency in &entry.dependencies {
                let used = is_word_in(&dependency.ts_name, &entry.input)
                    || is_word_in(&dependency.ts_name, &entry.output);
                if used {
                    imports.insert(dependency.ts_name.clone(), dependency.output_path.clone());
                }
            }
        }
        let mut out = String::from(
            "// Written by `cargo test` from src-tauri/src/contract/list.rs: do not edit.\n\
             // Every desktop command: its input (null: it takes none) and its output.\n\n",
        );
        for (name, path) in &imports {
            let module = Path::new(path).with_extension("");
            out.push_str(&format!(
                "import type {{ {name} }} from './{}';\n",
                module.display()
            ));
        }
        out.push_str("\nexport type Commands = {\n");
        for entry in entries {
            out.push_str(&format!(
                "  {}: {{ input: {}; output: {} }};\n",
                entry.name, entry.input, entry.output
            ));
        }
        out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where ts-rs writes the bindings (`.cargo/config.toml`).
    fn bindings_dir() -> std::path::PathBuf {
        let dir = std::env::var("TS_RS_EXPORT_DIR")
            .expect("TS_RS_EXPORT_DIR is set by .cargo/config.toml");
        std::path::PathBuf::from(dir)
    }

    #[test]
    #[allow(
        clippy::disallowed_methods,
        reason = "a generated source file of the repository, like ts-rs's own"
    )]
    fn the_typescript_command_map_is_fresh() {
        let cfg = ts_rs::Config::from_env();
        let text = bindings::commands_ts(&entries(&cfg));
        let path = bindings_dir().join("commands.ts");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old != text {
            std::fs::write(&path, &text).unwrap();
            panic!(
                "{} was stale and is rewritten now: commit it (a command's input or output changed)",
                path.display()
            );
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a command is listed twice");
    }

    #[test]
    fn a_command_without_input_is_null_in_typescript() {
        let cfg = ts_rs::Config::new();
        let entries = entries(&cfg);
        let get_status = entries.iter().find(|e| e.name == "get_status").unwrap();
        assert_eq!(get_status.input, "null");
        assert_eq!(get_status.output, "Array<PairSummary>");
        let add_goal = entries.iter().find(|e| e.name == "add_goal").unwrap();
        assert_eq!(
            (add_goal.input.as_str(), add_goal.output.as_str()),
            ("AddGoal", "Goal")
        );
    }
}
