//! Why a valid request clashes with the stored state, as a rule and its
//! parameters rather than prose (as [`Reason`](super::Reason) is for refused
//! input): the UI words each clash itself (in the person's language) from
//! `rule` and the parameters; the CLI prints the English
//! [`Display`](std::fmt::Display). A technical `detail` (a library's words)
//! is carried verbatim.

use std::fmt;

use serde::Serialize;

/// A change of a pair's status that its status does not allow
/// ([`Clash::StatusForbids`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusChangeKind {
    Pause,
    Resume,
    End,
    Graduate,
}

/// Which side of a sync conflict to keep ([`Clash::ConflictItemGone`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeepSide {
    Mine,
    Theirs,
}

/// How a pair's sharing is not there yet ([`Clash::PairNotShared`]): the
/// CLI's English hint differs by where it was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ShareHint {
    /// No hint (a file name asked for).
    None,
    /// Invite the partner or join their invite (a shared folder).
    Invite,
    /// Write an invite or accept the partner's (an update file).
    WriteInvite,
}

/// Why a request clashes with the stored state: a stable `rule`
/// (snake_case) and what the rule needs to be worded. Never reworded: a
/// program (the UI) switches on `rule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum Clash {
    // ---- pairs and their progress ----
    /// The pair's status does not allow the change.
    StatusForbids {
        status: String,
        change: StatusChangeKind,
    },
    /// Graduation with criteria not yet met.
    CriteriaNotMet { met: u32, total: u32 },
    /// Graduation of a shared pair with criteria not confirmed by both.
    CriteriaNotConfirmed { confirmed: u32, total: u32 },
    /// A criterion of the program's pack, whose wording is fixed.
    CriterionFromPack,
    /// A criterion the partner confirmed, so it cannot be deleted.
    CriterionConfirmedByPartner,
    /// An item to put in the Trash that belongs to no pair.
    NoPair { what: String },
    /// The Trash could not save the item.
    TrashCannotKeep { detail: String },
    /// A stored column holding bytes the Trash cannot save.
    TrashCannotKeepBytes { column: String },
    // ---- meetings, check-ins and calendars ----
    /// No meeting scheduled (for a calendar file).
    NoMeetingScheduled,
    /// No meeting scheduled to log as held.
    NoMeetingToLog,
    /// No check-in due or coming up.
    NoCheckinDue,
    /// An action item done already (for a calendar file).
    ActionItemDone,
    /// An action item without a due date (for a calendar file).
    ActionItemUndated,
    /// A calendar folder that is not there.
    CalendarFolderMissing { folder: String },
    /// A check-in with no answers yet.
    CheckinUnanswered { number: u32 },
    /// The program's questions changed since the answers.
    QuestionsChanged,
    /// The survey file would differ from its preview.
    DiffersFromPreview,
    /// A report too close to an earlier one in its respondents.
    RespondentsTooClose {
        made_at: String,
        difference: usize,
        min_group: usize,
    },
    // ---- sync ----
    /// Paired already (re-pair to start over).
    PairedAlready,
    /// This invite was accepted here already.
    InviteAcceptedAlready,
    /// The pair is here already, not shared with this partner.
    PairHereAlready,
    /// The pair has another partner's key already.
    PartnerKeyDiffers,
    /// The pair is not shared yet.
    PairNotShared { hint: ShareHint },
    /// The pair has no shared folder.
    NoSharedFolder,
    /// A shared folder that is not there.
    SharedFolderMissing { folder: String },
    /// Shared with an older Trellis: re-pair.
    OldPairing,
    /// Waiting for the partner's answer to the invite.
    AwaitingAnswer,
    /// A stored pair key that is damaged.
    PairKeyDamaged,
    /// A sync conflict resolved already.
    ConflictResolved { id: String },
    /// A sync conflict of a kind this Trellis does not know.
    ConflictOfUnknownKind,
    /// Keeping the text would share what was private here.
    WouldShareText,
    /// What a sync conflict is about is gone; keep the other side to close it.
    ConflictItemGone { item: String, keep: KeepSide },
    /// The sync clock far ahead of the wall clock.
    ClockAhead {
        #[ts(type = "number")]
        hours: i64,
    },
    /// The shared data too large for one update file.
    UpdateTooLarge { size_mib: usize, max_mib: usize },
    /// An invite not joined (the CLI's question answered no).
    NotJoined,
    // ---- encryption and the keyring ----
    /// The keyring failed.
    KeyringFailed { detail: String },
    /// No keyring on this machine.
    NoKeyring,
    /// The data key could not be sealed.
    CannotSealKey,
    /// Encrypted already.
    AlreadyEncrypted,
    /// Not encrypted (to turn encryption off).
    NotEncrypted,
    /// Not encrypted (to change the passphrase).
    NotEncryptedYet,
    /// A key given for data that is not encrypted.
    KeyForPlainData,
    /// The data open elsewhere.
    OpenElsewhere,
    // ---- the database and its backups ----
    /// A database of a newer Trellis.
    NewerSchema {
        #[ts(type = "number")]
        found: i64,
        known: usize,
    },
    /// A backup made by a newer Trellis.
    BackupFromNewer {
        name: String,
        #[ts(type = "number")]
        version: i64,
        known: usize,
    },
    /// The backup before a migration failed.
    BackupBeforeUpgradeFailed { detail: String },
    /// A backup that could not be rewritten without what was forgotten.
    BackupNotRewritten { name: String, detail: String },
    /// The database stayed busy during a backup.
    DatabaseBusy,
    /// The database log could not be emptied (another Trellis reads it).
    LogInUse,
    /// A database that failed its check (`detail`: SQLite's words).
    FailedCheck { detail: String },
    /// A data folder that is not empty (the demo generator).
    NotEmpty {
        #[ts(type = "number")]
        pairs: i64,
    },
}

impl Clash {
    /// The stable name of the clash (`action_item_done`), as serialised in `rule`.
    pub fn rule(&self) -> String {
        super::tagged_rule(self)
    }

    /// The rule and its parameters, each as text, as the desktop and
    /// `--json` carry them.
    pub fn params(&self) -> Vec<(String, String)> {
        super::tagged_params(self)
    }

    /// One clash of every rule (for tests that every rule is worded).
    pub fn examples() -> Vec<Clash> {
        let s = |x: &str| x.to_owned();
        vec![
            Clash::StatusForbids {
                status: s("ended"),
                change: StatusChangeKind::Pause,
            },
            Clash::CriteriaNotMet { met: 2, total: 5 },
            Clash::CriteriaNotConfirmed {
                confirmed: 1,
                total: 3,
            },
            Clash::CriterionFromPack,
            Clash::CriterionConfirmedByPartner,
            Clash::NoPair { what: s("goal") },
            Clash::TrashCannotKeep {
                detail: s("key must be a string"),
            },
            Clash::TrashCannotKeepBytes {
                column: s("note.body"),
            },
            Clash::NoMeetingScheduled,
            Clash::NoMeetingToLog,
            Clash::NoCheckinDue,
            Clash::ActionItemDone,
            Clash::ActionItemUndated,
            Clash::CalendarFolderMissing {
                folder: s("/media/usb/calendar"),
            },
            Clash::CheckinUnanswered { number: 2 },
            Clash::QuestionsChanged,
            Clash::DiffersFromPreview,
            Clash::RespondentsTooClose {
                made_at: s("2026-03-14T09:30"),
                difference: 1,
                min_group: 5,
            },
            Clash::PairedAlready,
            Clash::InviteAcceptedAlready,
            Clash::PairHereAlready,
            Clash::PartnerKeyDiffers,
            Clash::PairNotShared {
                hint: ShareHint::Invite,
            },
            Clash::NoSharedFolder,
            Clash::SharedFolderMissing {
                folder: s("/media/usb/trellis"),
            },
            Clash::OldPairing,
            Clash::AwaitingAnswer,
            Clash::PairKeyDamaged,
            Clash::ConflictResolved { id: s("7") },
            Clash::ConflictOfUnknownKind,
            Clash::WouldShareText,
            Clash::ConflictItemGone {
                item: s("goal"),
                keep: KeepSide::Theirs,
            },
            Clash::ClockAhead { hours: 30 },
            Clash::UpdateTooLarge {
                size_mib: 9,
                max_mib: 8,
            },
            Clash::NotJoined,
            Clash::KeyringFailed {
                detail: s("no D-Bus session"),
            },
            Clash::NoKeyring,
            Clash::CannotSealKey,
            Clash::AlreadyEncrypted,
            Clash::NotEncrypted,
            Clash::NotEncryptedYet,
            Clash::KeyForPlainData,
            Clash::OpenElsewhere,
            Clash::NewerSchema {
                found: 99,
                known: 19,
            },
            Clash::BackupFromNewer {
                name: s("2026-03-14T093000Z-daily.db"),
                version: 99,
                known: 19,
            },
            Clash::BackupBeforeUpgradeFailed {
                detail: s("disk I/O error"),
            },
            Clash::BackupNotRewritten {
                name: s("2026-03-14T093000Z-daily.db"),
                detail: s("database disk image is malformed"),
            },
            Clash::DatabaseBusy,
            Clash::LogInUse,
            Clash::FailedCheck {
                detail: s("row 3 missing from index"),
            },
            Clash::NotEmpty { pairs: 3 },
        ]
    }
}

impl fmt::Display for Clash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clash::StatusForbids { status, change } => {
                let verb = match change {
                    StatusChangeKind::Pause => "paused",
                    StatusChangeKind::Resume => "resumed",
                    StatusChangeKind::End => "ended",
                    StatusChangeKind::Graduate => "graduated",
                };
                write!(f, "this pair is {status} and cannot be {verb}")
            }
            Clash::CriteriaNotMet { met, total } => write!(
                f,
                "only {met} of {total} graduation criteria are met; mark the rest met first"
            ),
            Clash::CriteriaNotConfirmed { confirmed, total } => write!(
                f,
                "only {confirmed} of {total} graduation criteria are confirmed by both of you; \
                 each marks them met, then sync"
            ),
            Clash::CriterionFromPack => write!(
                f,
                "this criterion comes from the program pack; its wording cannot be changed"
            ),
            Clash::CriterionConfirmedByPartner => write!(
                f,
                "your partner confirmed this criterion; ask them to unmark it before it is deleted"
            ),
            Clash::NoPair { what } => write!(f, "the {what} has no pair"),
            Clash::TrashCannotKeep { detail } => {
                write!(f, "cannot keep the item in the Trash ({detail})")
            }
            Clash::TrashCannotKeepBytes { column } => {
                write!(f, "{column} holds bytes the Trash cannot keep")
            }
            Clash::NoMeetingScheduled => write!(f, "no meeting is scheduled; schedule one first"),
            Clash::NoMeetingToLog => write!(
                f,
                "no meeting is scheduled; schedule one or log one by hand"
            ),
            Clash::NoCheckinDue => write!(f, "no check-in is due or coming up for this pair"),
            Clash::ActionItemDone => write!(f, "this action item is done already"),
            Clash::ActionItemUndated => {
                write!(f, "this action item has no due date; give it one first")
            }
            Clash::CalendarFolderMissing { folder } => write!(
                f,
                "the calendar folder {folder} is not there (a drive not mounted?); choose it again"
            ),
            Clash::CheckinUnanswered { number } => write!(
                f,
                "check-in {number} has no answers yet; answer it first (trellis checkin answer)"
            ),
            Clash::QuestionsChanged => write!(
                f,
                "the program's questions changed since you answered; answer the check-in again"
            ),
            Clash::DiffersFromPreview => write!(
                f,
                "the survey file would differ from the preview (the answers or the log changed since, \
                 or the preview was altered); preview it again — nothing was written"
            ),
            Clash::RespondentsTooClose {
                made_at,
                difference,
                min_group,
            } => write!(
                f,
                "this report's set of respondents differs from that of the report made {made_at} by \
                 {difference} (fewer than the smallest group, {min_group}): comparing the two would \
                 give their answers away. Wait until at least {min_group} respondents differ, or give \
                 --override REASON (the reason is printed in the report)"
            ),
            Clash::PairedAlready => write!(
                f,
                "this pair is paired already; to start over with new keys, re-pair \
                 (`trellis sync invite --re-pair`): files made with the old keys are then refused"
            ),
            Clash::InviteAcceptedAlready => write!(
                f,
                "this invite was accepted here already; import update files instead"
            ),
            Clash::PairHereAlready => write!(
                f,
                "this pair is here already (made here, or not shared with this partner); \
                 import update files instead"
            ),
            Clash::PartnerKeyDiffers => write!(
                f,
                "this pair has its partner's key already, from another answer; if this one is your \
                 partner's, compare safety codes and re-pair"
            ),
            Clash::PairNotShared { hint } => match hint {
                ShareHint::None => write!(f, "this pair is not shared yet"),
                ShareHint::Invite => write!(
                    f,
                    "this pair is not shared yet: invite your partner (or join their invite) first"
                ),
                ShareHint::WriteInvite => write!(
                    f,
                    "this pair is not shared yet: write an invite (`trellis sync invite`) or accept \
                     your partner's"
                ),
            },
            Clash::NoSharedFolder => {
                write!(f, "this pair has no shared folder; choose one first")
            }
            Clash::SharedFolderMissing { folder } => write!(
                f,
                "the shared folder {folder} is not there (a drive not mounted?); choose it again"
            ),
            Clash::OldPairing => write!(
                f,
                "this pair was shared with an older Trellis, whose files anyone on the way could read; \
                 re-pair: one of you writes a new invite (`trellis sync invite --re-pair`) and the \
                 other accepts it"
            ),
            Clash::AwaitingAnswer => write!(
                f,
                "waiting for your partner's answer to the invite: import the answer file they send back \
                 (`trellis sync import FILE`)"
            ),
            Clash::PairKeyDamaged => write!(f, "a stored pair key is damaged"),
            Clash::ConflictResolved { id } => write!(f, "conflict {id} is resolved already"),
            Clash::ConflictOfUnknownKind => write!(f, "this conflict is of an unknown kind"),
            Clash::WouldShareText => write!(
                f,
                "this text was written while the note was private here; keeping it in the note would \
                 share it. Copy it into a note yourself if you mean to share it, or keep theirs"
            ),
            Clash::ConflictItemGone { item, keep } => {
                let keep = match keep {
                    KeepSide::Mine => "mine",
                    KeepSide::Theirs => "theirs",
                };
                write!(
                    f,
                    "the {item} of this conflict is no longer here; there is nothing to keep \
                     (keep {keep} to close it)"
                )
            }
            Clash::ClockAhead { hours } => write!(
                f,
                "this machine's sync clock is {hours} hours ahead of its wall clock, and your partner \
                 would refuse the file; check the date and time, then run `trellis sync repair-clock` \
                 (Settings → Sync in the app)"
            ),
            Clash::UpdateTooLarge { size_mib, max_mib } => write!(
                f,
                "this pair's shared data ({size_mib} MiB) is more than one update file carries \
                 ({max_mib} MiB); delete goals, meetings or notes you no longer need, then export again"
            ),
            Clash::NotJoined => write!(
                f,
                "not joined: nothing was written (answer y to join, or give --yes)"
            ),
            Clash::KeyringFailed { detail } => {
                write!(f, "the keyring could not be used ({detail})")
            }
            Clash::NoKeyring => write!(
                f,
                "no keyring on this machine: the passphrase is asked at each start"
            ),
            Clash::CannotSealKey => write!(f, "cannot seal the key"),
            Clash::AlreadyEncrypted => write!(
                f,
                "this data is already encrypted (to change the passphrase: \
                 `trellis encryption change-passphrase`)"
            ),
            Clash::NotEncrypted => write!(f, "this data is not encrypted"),
            Clash::NotEncryptedYet => {
                write!(f, "this data is not encrypted (turn encryption on first)")
            }
            Clash::KeyForPlainData => {
                write!(f, "a key was given for data that is not encrypted")
            }
            Clash::OpenElsewhere => write!(
                f,
                "Trellis has this data open elsewhere (the app, or another command): close it, then \
                 try again; nothing was changed"
            ),
            Clash::NewerSchema { found, known } => write!(
                f,
                "this database was written by a newer Trellis (schema {found}, this build knows up to \
                 {known}); update Trellis to open it — nothing was changed"
            ),
            Clash::BackupFromNewer {
                name,
                version,
                known,
            } => write!(
                f,
                "backup {name} was made by a newer Trellis (schema {version}, this build knows up to \
                 {known}); nothing was changed"
            ),
            Clash::BackupBeforeUpgradeFailed { detail } => write!(
                f,
                "could not back up the database before upgrading it ({detail}); nothing was changed"
            ),
            Clash::BackupNotRewritten { name, detail } => write!(
                f,
                "it is gone from the database, but backup {name} could not be rewritten without it \
                 ({detail}); delete that backup (`trellis backup delete {name}`) to remove it there too"
            ),
            Clash::DatabaseBusy => write!(f, "the database stayed busy; the backup was not made"),
            Clash::LogInUse => write!(
                f,
                "another Trellis is reading the database, so its log could not be emptied; \
                 it is emptied when every Trellis has closed it"
            ),
            Clash::FailedCheck { detail } => write!(f, "{detail}"),
            Clash::NotEmpty { pairs } => write!(
                f,
                "this database already has {pairs} pairs; generate into an empty data folder"
            ),
        }
    }
}
