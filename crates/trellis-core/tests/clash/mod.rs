//! A clash with the stored state travels as a rule and its parameters (a
//! `Clash`), and a file that could not be read names its kind (a
//! `FileKind`), so the UI can word both in the person's language; the CLI
//! keeps its English words, exactly as before.

use std::collections::BTreeSet;

use trellis_core::{
    calendar, pack, pair, pair::Role, Clash, Error, ErrorCode, ErrorKind, FileKind,
};

use crate::util::*;

#[test]
fn every_clash_has_a_stable_rule_english_words_and_its_parameters() {
    let examples = Clash::examples();
    let rules: BTreeSet<String> = examples.iter().map(Clash::rule).collect();
    assert_eq!(rules.len(), examples.len(), "one example per rule");
    assert_eq!(
        rules,
        rules_in_binding("Clash"),
        "Clash::examples() and ui/src/bindings/Clash.ts name the same rules \
         (regenerate the bindings: cargo test -p trellis-core --lib)"
    );
    for clash in examples {
        let rule = clash.rule();
        assert!(
            !rule.is_empty() && rule.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{clash:?}: rule {rule:?} is not snake_case"
        );
        let words = clash.to_string();
        assert!(!words.trim().is_empty(), "{clash:?} has no English words");
        assert!(!words.contains("{}"), "{clash:?}: {words}");
        let error = Error::Conflict(clash.clone());
        let report = error.report();
        assert_eq!(report.kind, ErrorKind::Conflict);
        assert_eq!(report.code, ErrorCode::Conflict);
        assert_eq!(report.params.get("rule"), Some(&rule), "{clash:?}");
        assert_eq!(report.message, words, "the message is the clash's English");
        for (name, value) in &report.params {
            assert!(!value.is_empty(), "{clash:?}: {name} is empty");
        }
    }
}

#[test]
fn a_done_action_item_clashes_by_rule_with_its_english_unchanged() {
    let db = db();
    let p = add_pair(&db, "Ada Mentee");
    let a = trellis_core::action::add(
        &db,
        p.id,
        None,
        action("Send the patch", Role::Mentee, Some("2030-01-10")),
    )
    .unwrap();
    trellis_core::action::set_done(&db, a.id, true).unwrap();
    let e = err(calendar::action_ics(&db, a.id, at("2029-12-01T10:00:00Z")));
    assert_eq!(e.clash(), Some(&Clash::ActionItemDone));
    assert_eq!(e.report().params["rule"], "action_item_done");
    assert_eq!(e.to_string(), "this action item is done already");
}

#[test]
fn no_meeting_scheduled_clashes_by_rule_with_its_english_unchanged() {
    let db = db();
    let p = add_pair(&db, "Ada Mentee");
    let e = err(calendar::meeting_ics(&db, p.id, at("2029-12-01T10:00:00Z")));
    assert_eq!(e.clash(), Some(&Clash::NoMeetingScheduled));
    assert_eq!(e.to_string(), "no meeting is scheduled; schedule one first");
}

#[test]
fn a_status_change_the_status_forbids_names_the_status_and_the_change() {
    let db = db();
    let p = add_pair(&db, "Ada Mentee");
    pair::set_status(
        &db,
        p.id,
        pair::StatusChange::End {
            reason: "moved on".into(),
        },
    )
    .unwrap();
    let e = refused(&db, ErrorKind::Conflict, || {
        pair::set_status(&db, p.id, pair::StatusChange::Pause)
    });
    let params = e.report().params;
    assert_eq!(params["rule"], "status_forbids");
    assert_eq!(params["status"], "ended");
    assert_eq!(params["change"], "pause");
    assert_eq!(e.to_string(), "this pair is ended and cannot be paused");
}

#[test]
fn a_pack_that_does_not_read_names_its_kind_and_keeps_the_detail() {
    let e = pack::parse("this is = = not toml").unwrap_err();
    let report = e.report();
    assert_eq!(report.code, ErrorCode::Format);
    assert_eq!(report.params["what"], "pack");
    assert!(!report.params["reason"].is_empty());
    assert!(
        e.to_string().starts_with("pack: "),
        "the CLI's English names the file as before: {e}"
    );
    assert!(matches!(
        e,
        Error::Format {
            file: FileKind::Pack,
            ..
        }
    ));
}

#[test]
fn every_kind_of_file_has_a_stable_name_and_an_english_label() {
    let kinds = [
        FileKind::Output,
        FileKind::SurveyFile,
        FileKind::SurveyPreview,
        FileKind::Record,
        FileKind::Trash,
        FileKind::EncryptionHeader,
        FileKind::Database,
        FileKind::CheckinAnswers,
        FileKind::ReportLedger,
        FileKind::ReportCsv,
        FileKind::Backup,
        FileKind::InviteFile,
        FileKind::SyncFile,
        FileKind::SyncConflict,
        FileKind::Pack,
    ];
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/bindings/FileKind.ts"
    );
    let ts = std::fs::read_to_string(path).unwrap();
    let union = &ts[ts.find("export type FileKind =").unwrap()..];
    let declared = union.matches('"').count() / 2;
    assert_eq!(declared, kinds.len(), "every FileKind is listed here");
    for kind in kinds {
        let name = kind.name();
        assert!(
            union.contains(&format!("\"{name}\"")),
            "{name} in FileKind.ts"
        );
        assert!(!kind.label().is_empty());
        assert_eq!(Error::format(kind, "x").report().params["what"], name);
    }
}

#[test]
fn a_file_system_failure_carries_its_detail_verbatim() {
    let source = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied");
    let e = Error::io(trellis_core::IoOp::Read, "cannot read /tmp/x", source);
    let params = e.report().params;
    assert_eq!(params["op"], "read");
    assert_eq!(params["context"], "cannot read /tmp/x");
    assert_eq!(params["detail"], "cannot read /tmp/x (Permission denied)");
    assert_eq!(e.to_string(), "cannot read /tmp/x (Permission denied)");
}
