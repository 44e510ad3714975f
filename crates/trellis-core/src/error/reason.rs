//! Why an input was refused, as a rule and its parameters rather than prose:
//! the UI words each rule itself (in the person's language) from `rule` and
//! the parameters; the CLI prints the English [`Display`](std::fmt::Display).

use std::fmt;

use serde::Serialize;

/// The answer that declines a check-in's question (also in `checkin`).
const PREFER_NOT_TO_SAY: &str = "prefer-not-to-say";

/// The unit of an [`Reason::OutOfRange`] bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Unit {
    Days,
    Minutes,
}

/// Why an input was refused: a stable `rule` (snake_case) and what the rule
/// needs to be worded. Never reworded: a program (the UI) switches on `rule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum Reason {
    /// Empty (or only white space) where something is needed.
    Required,
    /// Longer than the limit, in characters.
    TooLong { length: usize, max: usize },
    /// Shorter than the least, in characters (a passphrase).
    TooShort { min: usize },
    /// Holds control characters.
    ControlCharacters,
    /// Not an http(s) web link.
    NotALink { value: String },
    /// Not a calendar date (YYYY-MM-DD).
    NotADate { value: String },
    /// Not a date and time (YYYY-MM-DD HH:MM in the person's zone, or RFC 3339).
    NotATime { value: String },
    /// Not a time of day (HH:MM).
    NotAClockTime { value: String },
    /// Not an IANA time zone.
    NotAZone { value: String },
    /// A local time the clocks skip in that zone (a daylight-saving gap).
    SkippedByClocks { time: String, zone: String },
    /// Not a span of hours (HH:MM-HH:MM).
    NotASpan { value: String },
    /// Not a week's hours (DAYS HH:MM-HH:MM, …).
    NotWeeklyHours { value: String },
    /// A week's hours not given for exactly seven days.
    NotSevenDays,
    /// A span of hours that ends before it starts.
    EndsBeforeStart { value: String },
    /// A meeting's end before its start.
    BeforeStart,
    /// A duration outside 1 minute … 24 hours.
    DurationOutOfRange,
    /// A whole number outside `min` … `max` (in `unit`).
    OutOfRange { min: u32, max: u32, unit: Unit },
    /// A whole number below `min`.
    AtLeast { min: u32 },
    /// A start in the past, for a meeting planned ahead.
    InThePast,
    /// A day after today where it must have happened.
    InTheFuture,
    /// Today or before, where a day after today is needed.
    NotAfterToday,
    /// More than a year ahead.
    TooFarAhead,
    /// A duration and an end time both given.
    DurationAndEnd,
    /// Not one of a fixed set of words (`choices`, in the order to offer them).
    NotAChoice { value: String, choices: Vec<String> },
    /// A check-in answer naming the other role of the pair.
    NotYourRole { role: String },
    /// A check-in answer off its question's scale.
    OffScale { value: String, min: i32, max: i32 },
    /// A criteria answer that is not `{criterionId: yes | no | not-applicable}`.
    NotCriteriaAnswers,
    /// An answer to a question this check-in does not ask of the role.
    NotAQuestion { id: String, role: String },
    /// An id (goal, criterion, action item) that is not this pair's.
    NotOfThisPair { id: String },
    /// Something chosen (a meeting, a goal) that belongs to another pair.
    BelongsToAnotherPair,
    /// A carried-forward item closed that was not among those reviewed.
    NotReviewed { id: String },
    /// The same id twice in one list.
    ListedTwice { id: String },
    /// An action item done already.
    AlreadyDone { id: String },
    /// An empty choice where one or more is needed.
    NoneChosen,
    /// A check-in number the pair's program does not have (it has `count`).
    NoSuchCheckin { number: u32, count: u32 },
    /// A program whose pack was never imported.
    UnknownProgram { id: String },
    /// Not an id.
    NotAnId { value: String },
    /// Not an id or the start of one.
    NotAnIdPrefix { value: String },
    /// The start of more than one id of `what`.
    Ambiguous { value: String, what: String },
    /// Not a folder.
    NotAFolder { path: String },
    /// A folder that is, holds or lies inside Trellis's own data folder.
    DataFolder { path: String },
    /// A path Trellis cannot keep (not UTF-8).
    UnusablePath { path: String },
    /// A path with no file name.
    NotAFileName { path: String },
    /// A backup name that names no backup.
    NoSuchBackup { name: String },
    /// A comment holding an e-mail address.
    ContainsEmail { token: String },
    /// A comment holding a handle (`@name`).
    ContainsHandle { token: String },
    /// A comment holding a web address or domain.
    ContainsLink { token: String },
    /// A comment holding what looks like a nick, next to a word like "IRC".
    ContainsNick { token: String, near: String },
    /// A comment naming the partner.
    NamesPartner,
    /// A comment naming its writer.
    NamesYou,
    /// Not an invite code.
    NotAnInviteCode,
    /// The end of quiet hours equal to their start.
    SameAsStart,
    /// Not the passphrase of this data.
    WrongPassphrase,
    /// The passphrase and its repetition differ.
    PassphrasesDiffer,
    /// Not in a form Trellis can use.
    Malformed,
    /// A file the person did not choose (in the app, choose it again).
    FileNotChosen,
    /// No survey file of those given could be reported.
    NoneReportable { read: usize, refused: usize },
    /// How to call a command of the CLI (the CLI speaks English only).
    Usage { hint: String },
}

impl Reason {
    /// A CLI's hint on how to call it ([`Reason::Usage`]).
    pub fn usage(hint: impl Into<String>) -> Reason {
        Reason::Usage { hint: hint.into() }
    }

    /// The stable name of the rule (`too_long`), as serialised in `rule`.
    pub fn rule(&self) -> String {
        super::tagged_rule(self)
    }

    /// The rule and its parameters, each as text (`rule`, `max`, `value`;
    /// a list joined with ", "), as the desktop and `--json` carry them.
    pub fn params(&self) -> Vec<(String, String)> {
        super::tagged_params(self)
    }

    /// One reason of every rule (for tests that every rule is worded).
    pub fn examples() -> Vec<Reason> {
        let s = |x: &str| x.to_owned();
        vec![
            Reason::Required,
            Reason::TooLong {
                length: 201,
                max: 200,
            },
            Reason::TooShort { min: 8 },
            Reason::ControlCharacters,
            Reason::NotALink {
                value: s("ftp://x"),
            },
            Reason::NotADate {
                value: s("2026-13-01"),
            },
            Reason::NotATime { value: s("noon") },
            Reason::NotAClockTime { value: s("25:00") },
            Reason::NotAZone {
                value: s("Mars/Base"),
            },
            Reason::SkippedByClocks {
                time: s("2026-03-29 02:30"),
                zone: s("Europe/Berlin"),
            },
            Reason::NotASpan { value: s("9-5") },
            Reason::NotWeeklyHours {
                value: s("weekdays"),
            },
            Reason::NotSevenDays,
            Reason::EndsBeforeStart {
                value: s("17:00-09:00"),
            },
            Reason::BeforeStart,
            Reason::DurationOutOfRange,
            Reason::OutOfRange {
                min: 1,
                max: 365,
                unit: Unit::Days,
            },
            Reason::AtLeast { min: 1 },
            Reason::InThePast,
            Reason::InTheFuture,
            Reason::NotAfterToday,
            Reason::TooFarAhead,
            Reason::DurationAndEnd,
            Reason::NotAChoice {
                value: s("boss"),
                choices: vec![s("mentor"), s("mentee")],
            },
            Reason::NotYourRole { role: s("mentee") },
            Reason::OffScale {
                value: s("11"),
                min: 0,
                max: 10,
            },
            Reason::NotCriteriaAnswers,
            Reason::NotAQuestion {
                id: s("q9"),
                role: s("mentor"),
            },
            Reason::NotOfThisPair { id: s("0190") },
            Reason::BelongsToAnotherPair,
            Reason::NotReviewed { id: s("0190") },
            Reason::ListedTwice { id: s("0190") },
            Reason::AlreadyDone { id: s("0190") },
            Reason::NoneChosen,
            Reason::NoSuchCheckin {
                number: 9,
                count: 3,
            },
            Reason::UnknownProgram { id: s("cncf") },
            Reason::NotAnId { value: s("x y") },
            Reason::NotAnIdPrefix { value: s("x!") },
            Reason::Ambiguous {
                value: s("01"),
                what: s("pair"),
            },
            Reason::NotAFolder { path: s("/tmp/a") },
            Reason::DataFolder { path: s("/data") },
            Reason::UnusablePath { path: s("/x") },
            Reason::NotAFileName { path: s("/") },
            Reason::NoSuchBackup { name: s("b1") },
            Reason::ContainsEmail { token: s("a@b.c") },
            Reason::ContainsHandle { token: s("@ada") },
            Reason::ContainsLink {
                token: s("example.org"),
            },
            Reason::ContainsNick {
                token: s("ada42"),
                near: s("IRC"),
            },
            Reason::NamesPartner,
            Reason::NamesYou,
            Reason::NotAnInviteCode,
            Reason::SameAsStart,
            Reason::WrongPassphrase,
            Reason::PassphrasesDiffer,
            Reason::Malformed,
            Reason::FileNotChosen,
            Reason::NoneReportable {
                read: 2,
                refused: 2,
            },
            Reason::Usage {
                hint: s("give --out FILE"),
            },
        ]
    }
}

/// "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Required => write!(f, "must not be empty"),
            Reason::TooLong { length, max } => {
                write!(f, "is {length} characters long; the limit is {max}")
            }
            Reason::TooShort { min } => write!(f, "use at least {min} characters"),
            Reason::ControlCharacters => write!(f, "contains control characters"),
            Reason::NotALink { value } => write!(
                f,
                "'{value}' is not a web link; it must start with https:// or http://"
            ),
            Reason::NotADate { value } => write!(
                f,
                "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14"
            ),
            Reason::NotATime { value } => write!(
                f,
                "'{value}' is not a time; write YYYY-MM-DD HH:MM (in your zone) or RFC 3339"
            ),
            Reason::NotAClockTime { value } => write!(f, "'{value}' is not a time; write HH:MM"),
            Reason::NotAZone { value } => write!(
                f,
                "'{value}' is not a known time zone; use an IANA name such as Europe/Berlin or America/Chicago"
            ),
            Reason::SkippedByClocks { time, zone } => {
                write!(f, "{time} does not exist in {zone} (the clocks skip it)")
            }
            Reason::NotASpan { value } => write!(
                f,
                "'{value}' is not a span of hours; write HH:MM-HH:MM, e.g. 09:00-17:30"
            ),
            Reason::NotWeeklyHours { value } => write!(
                f,
                "'{value}' is not DAYS HH:MM-HH:MM (e.g. mon-fri 09:00-18:00, or sun off)"
            ),
            Reason::NotSevenDays => write!(f, "give seven days, Monday to Sunday"),
            Reason::EndsBeforeStart { value } => write!(
                f,
                "'{value}' ends before it starts; hours run within one day"
            ),
            Reason::BeforeStart => write!(
                f,
                "is before the start; a meeting must end after it starts"
            ),
            Reason::DurationOutOfRange => write!(f, "must be between 1 minute and 24 hours"),
            Reason::OutOfRange { min, max, unit } => {
                let unit = match unit {
                    Unit::Days => "days",
                    Unit::Minutes => "minutes",
                };
                write!(f, "must be between {min} and {max} {unit}")
            }
            Reason::AtLeast { min } => write!(f, "must be at least {min}"),
            Reason::InThePast => write!(
                f,
                "is in the past; log a meeting that happened instead"
            ),
            Reason::InTheFuture => write!(f, "is in the future"),
            Reason::NotAfterToday => write!(f, "must be a day after today"),
            Reason::TooFarAhead => write!(f, "is more than a year ahead"),
            Reason::DurationAndEnd => write!(f, "give a duration or an end time, not both"),
            Reason::NotAChoice { value, choices } => {
                write!(f, "'{value}' is not a choice; use {}", or_list(choices))
            }
            Reason::NotYourRole { role } => write!(
                f,
                "you are the {role} in this pair; answer {role} or {PREFER_NOT_TO_SAY}"
            ),
            Reason::OffScale { value, min, max } => write!(
                f,
                "{value} is outside the scale; give a whole number from {min} to {max} or {PREFER_NOT_TO_SAY}"
            ),
            Reason::NotCriteriaAnswers => write!(
                f,
                "must be {{criterionId: yes | no | not-applicable | {PREFER_NOT_TO_SAY}}} or {PREFER_NOT_TO_SAY}"
            ),
            Reason::NotAQuestion { id, role } => write!(
                f,
                "'{id}' is not a question of this check-in for a {role}"
            ),
            Reason::NotOfThisPair { id } => write!(f, "{id} is not one of this pair's"),
            Reason::BelongsToAnotherPair => write!(f, "belongs to another pair"),
            Reason::NotReviewed { id } => write!(
                f,
                "{id} is not one of the carried-forward items reviewed"
            ),
            Reason::ListedTwice { id } => write!(f, "{id} is listed twice"),
            Reason::AlreadyDone { id } => write!(f, "{id} is already done"),
            Reason::NoneChosen => write!(f, "none chosen"),
            Reason::NoSuchCheckin { number, count } => {
                let has = match count {
                    1 => "1 check-in (1)".to_owned(),
                    n => format!("{n} check-ins (1–{n})"),
                };
                write!(
                    f,
                    "{number} is not a check-in of this pair's program; it has {has}"
                )
            }
            Reason::UnknownProgram { id } => write!(
                f,
                "'{id}' is not a program this Trellis knows; import its pack first (trellis pack import FILE)"
            ),
            Reason::NotAnId { value } => write!(f, "'{value}' is not a valid id"),
            Reason::NotAnIdPrefix { value } => {
                write!(f, "'{value}' is not an id or id prefix")
            }
            Reason::Ambiguous { value, what } => write!(
                f,
                "'{value}' matches more than one {what}; type more of the id"
            ),
            Reason::NotAFolder { path } => write!(f, "{path} is not a folder"),
            Reason::DataFolder { path } => write!(
                f,
                "{path} is Trellis's own data folder, holds it or is inside it; choose another folder"
            ),
            Reason::UnusablePath { path } => {
                write!(f, "{path} is not a path Trellis can keep")
            }
            Reason::NotAFileName { path } => write!(f, "{path} is not a file name"),
            Reason::NoSuchBackup { name } => write!(
                f,
                "'{name}' is not the name of a backup (see `trellis backup list`)"
            ),
            Reason::ContainsEmail { token } => write!(
                f,
                "contains an e-mail address ('{token}'); remove it — the survey file must not say who you are"
            ),
            Reason::ContainsHandle { token } => write!(
                f,
                "contains a handle (an @name) ('{token}'); remove it — the survey file must not say who you are"
            ),
            Reason::ContainsLink { token } => write!(
                f,
                "contains a web address or domain ('{token}'); remove it — links can say who you are"
            ),
            Reason::ContainsNick { token, near } => write!(
                f,
                "contains what looks like a handle ('{token}' next to '{near}'); remove it — a nick says who you are"
            ),
            Reason::NamesPartner => write!(
                f,
                "mentions your partner's name (or part of it); remove it — the survey file names nobody"
            ),
            Reason::NamesYou => write!(
                f,
                "mentions your own name (or part of it); remove it — the survey file names nobody"
            ),
            Reason::NotAnInviteCode => write!(
                f,
                "is not an invite code (12 letters and digits, like 7K3M-Q9XD-2WPA)"
            ),
            Reason::SameAsStart => write!(f, "must differ from the start of quiet hours"),
            Reason::WrongPassphrase => write!(
                f,
                "this is not the passphrase of this data; nothing was changed"
            ),
            Reason::PassphrasesDiffer => {
                write!(f, "the two did not match; nothing was changed")
            }
            Reason::Malformed => write!(f, "is not in a form Trellis can use"),
            Reason::FileNotChosen => write!(
                f,
                "choose the file again (Trellis only writes and reads where you chose)"
            ),
            Reason::NoneReportable { read, refused } => write!(
                f,
                "no survey file could be reported ({read} file(s) read, {refused} refused); nothing was written"
            ),
            Reason::Usage { hint } => write!(f, "{hint}"),
        }
    }
}
