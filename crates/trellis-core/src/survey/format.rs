//! The survey file's format: its keys, value types and limits, the reader
//! that refuses anything the schema does not allow ([`parse`]), and the
//! writer that gives its exact bytes ([`render`]). Nothing here reads the
//! database; composing a file from a check-in is the parent module's.

use crate::error::FileKind;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::checkin::{CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::pair::Role;
use crate::{Error, Result};

/// The format name inside every survey file.
pub const FORMAT: &str = "trellis-survey";
/// The format version this build writes.
pub const FORMAT_VERSION: &str = "1.2";
/// Version 1.1: `cohortId` always present.
pub const FORMAT_VERSION_1_1: &str = "1.1";
/// The first format version, still read.
pub const FORMAT_VERSION_1_0: &str = "1.0";
/// The major version this build reads.
pub const FORMAT_MAJOR: u32 = 1;
/// Largest survey file read, checked before parsing.
pub const MAX_FILE_BYTES: usize = 64 * 1024;
/// Longest optional comment, in characters.
pub const MAX_COMMENT: usize = 500;
/// Longest pack version carried.
pub const MAX_PACK_VERSION: usize = 100;

/// Every key a survey file of this version may have at its top level, in
/// file order (`revision`, `matchYear`, `matchTerm` new in 1.1; `matchMonth`
/// was 1.0's; `cohortId` only when the pack asks from 1.2).
pub const TOP_LEVEL_KEYS: [&str; 15] = [
    "format",
    "formatVersion",
    "respondentId",
    "revision",
    "programId",
    "packVersion",
    "cohortId",
    "role",
    "matchYear",
    "matchTerm",
    "checkinNumber",
    "answers",
    "criteria",
    "activity",
    "comment",
];
/// The keys every survey file of this version has.
pub const REQUIRED_KEYS: [&str; 10] = [
    "format",
    "formatVersion",
    "respondentId",
    "revision",
    "programId",
    "packVersion",
    "role",
    "checkinNumber",
    "answers",
    "activity",
];
/// Every key of `activity`.
pub const ACTIVITY_KEYS: [&str; 4] = ["meetings", "goalsSet", "goalsAchieved", "criteriaMet"];
/// Every key of `activity.criteriaMet`.
pub const CRITERIA_MET_KEYS: [&str; 2] = ["met", "of"];

/// A count in a bucket: 0 / 1–2 / 3–5 / 6–10 / 11 or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Bucket {
    #[serde(rename = "0")]
    None,
    #[serde(rename = "1-2")]
    OneTwo,
    #[serde(rename = "3-5")]
    ThreeFive,
    #[serde(rename = "6-10")]
    SixTen,
    #[serde(rename = "11+")]
    ElevenPlus,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [
        Bucket::None,
        Bucket::OneTwo,
        Bucket::ThreeFive,
        Bucket::SixTen,
        Bucket::ElevenPlus,
    ];

    pub fn of(n: u32) -> Self {
        match n {
            0 => Bucket::None,
            1..=2 => Bucket::OneTwo,
            3..=5 => Bucket::ThreeFive,
            6..=10 => Bucket::SixTen,
            _ => Bucket::ElevenPlus,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::None => "0",
            Bucket::OneTwo => "1-2",
            Bucket::ThreeFive => "3-5",
            Bucket::SixTen => "6-10",
            Bucket::ElevenPlus => "11+",
        }
    }
}

/// The role in a survey file: the person's, or that they preferred not to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SurveyRole {
    Mentor,
    Mentee,
    PreferNotToSay,
}

impl SurveyRole {
    pub const ALL: [SurveyRole; 3] = [
        SurveyRole::Mentor,
        SurveyRole::Mentee,
        SurveyRole::PreferNotToSay,
    ];

    pub fn role(self) -> Option<Role> {
        match self {
            SurveyRole::Mentor => Some(Role::Mentor),
            SurveyRole::Mentee => Some(Role::Mentee),
            SurveyRole::PreferNotToSay => None,
        }
    }
}

/// An answer to a closed question: an option id, a scale's number, or
/// `prefer-not-to-say`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClosedAnswer {
    Number(i64),
    Text(String),
}

/// `activity.criteriaMet`: of the pair's pack criteria, how many are met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaMet {
    pub met: u32,
    pub of: u32,
}

/// Figures from the log, in buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    /// Meetings logged so far.
    pub meetings: Bucket,
    /// Goals not dropped.
    pub goals_set: Bucket,
    pub goals_achieved: Bucket,
    /// Only when the pack asks for criteria (always in version 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria_met: Option<CriteriaMet>,
}

/// A JSON object kept in a given key order, refusing duplicate keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V_<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out: Vec<(String, V)> = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    if out.iter().any(|(o, _)| *o == k) {
                        return Err(serde::de::Error::custom(format!("key `{k}` appears twice")));
                    }
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(V_(PhantomData))
    }
}

/// One survey file, as written and as read (unknown keys are refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveyFile {
    pub format: String,
    pub format_version: String,
    pub respondent_id: String,
    /// 1 for the first file written for the check-in, then 2, … (from 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    pub program_id: String,
    pub pack_version: String,
    /// Only when the pack asks for it (always present before 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort_id: Option<String>,
    pub role: SurveyRole,
    /// `YYYY-MM`: version 1.0 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_month: Option<String>,
    /// The year of the match, when the pack asks for it (from 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_year: Option<i32>,
    /// The name of the program's term the match falls in, when the pack
    /// asks for it (from 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_term: Option<String>,
    pub checkin_number: u32,
    pub answers: OrderedMap<ClosedAnswer>,
    /// Only when the pack asks for criteria (always present in version 1.0).
    #[serde(default, skip_serializing_if = "OrderedMap::is_empty")]
    pub criteria: OrderedMap<CriterionAnswer>,
    pub activity: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Why a file cannot be read as a survey file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemKind {
    /// Larger than [`MAX_FILE_BYTES`].
    Oversized,
    /// Not UTF-8 JSON.
    Malformed,
    /// JSON, but not a Trellis survey file.
    NotSurvey,
    /// A survey file of a major format version this build does not read.
    UnknownVersion,
    /// A survey file that breaks the schema.
    Schema,
    /// A survey file of another program than the report's.
    OtherProgram,
    /// Could not be read at all.
    Unreadable,
}

/// A file refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub reason: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, reason: impl AsRef<str>) -> Self {
        Problem {
            kind,
            reason: printable(reason.as_ref(), 300),
        }
    }
}

/// Text from a file made safe to print: control characters replaced, cut to `max`.
pub fn printable(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .take(max)
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// An id as packs write them: 2–64 of a–z, 0–9 and '-', not starting with '-'.
pub fn is_id(s: &str) -> bool {
    (2..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().all(u8::is_ascii_digit)
        && matches!(
            &s[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

/// Parse survey file bytes: size, JSON, format and version, the strict
/// shape (unknown keys refused), then every value's range and pattern.
pub fn parse(bytes: &[u8]) -> std::result::Result<SurveyFile, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::new(
            ProblemKind::Oversized,
            format!("larger than {} KiB", MAX_FILE_BYTES / 1024),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Problem::new(ProblemKind::Malformed, "not UTF-8 text"))?;
    let schema = |r: String| {
        Problem::new(
            ProblemKind::Schema,
            format!("does not follow the schema ({r})"),
        )
    };
    // The common case first: a well-formed file is read once, straight into
    // its type (an organizer's report reads a hundred thousand). Only a file
    // that does not read so is read again as plain JSON, to say why; the
    // checks and their order are the same either way.
    if let Ok(file) = serde_json::from_str::<SurveyFile>(text) {
        header(Some(&file.format), Some(&file.format_version))?;
        check(&file).map_err(schema)?;
        return Ok(file);
    }
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Problem::new(ProblemKind::Malformed, format!("not valid JSON ({e})")))?;
    let obj = v.as_object().ok_or_else(|| {
        Problem::new(
            ProblemKind::NotSurvey,
            "not a Trellis survey file (not a JSON object)",
        )
    })?;
    header(
        obj.get("format").and_then(|f| f.as_str()),
        obj.get("formatVersion").and_then(|f| f.as_str()),
    )?;
    // Read the text again (not the Value) so that key order is kept.
    let file: SurveyFile = serde_json::from_str(text).map_err(|e| schema(e.to_string()))?;
    check(&file).map_err(schema)?;
    Ok(file)
}

/// The format and its version: a survey file, of a major version this
/// build reads.
fn header(format: Option<&str>, version: Option<&str>) -> std::result::Result<(), Problem> {
    match format {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(Problem::new(
                ProblemKind::NotSurvey,
                format!("not a Trellis survey file (format is \"{other}\", expected \"{FORMAT}\")"),
            ))
        }
        None => {
            return Err(Problem::new(
                ProblemKind::NotSurvey,
                format!("not a Trellis survey file (no \"format\": \"{FORMAT}\")"),
            ))
        }
    }
    let version =
        version.ok_or_else(|| Problem::new(ProblemKind::Schema, "formatVersion is missing"))?;
    let major = version
        .split_once('.')
        .filter(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
        .and_then(|(a, _)| a.parse::<u32>().ok())
        .ok_or_else(|| {
            Problem::new(
                ProblemKind::Schema,
                format!("formatVersion \"{version}\" is not MAJOR.MINOR"),
            )
        })?;
    if major != FORMAT_MAJOR {
        return Err(Problem::new(
            ProblemKind::UnknownVersion,
            format!(
                "format version {version} is not supported (this Trellis reads {FORMAT_MAJOR}.x); update Trellis"
            ),
        ));
    }
    Ok(())
}

/// Every value's range and pattern, as the JSON Schema states them.
fn check(f: &SurveyFile) -> std::result::Result<(), String> {
    let u =
        Uuid::parse_str(&f.respondent_id).map_err(|_| "respondentId is not a UUID".to_string())?;
    if u.get_version_num() != 4 || u.hyphenated().to_string() != f.respondent_id {
        return Err("respondentId is not a lowercase UUID version 4".into());
    }
    if !is_id(&f.program_id) {
        return Err("programId is not an id".into());
    }
    match &f.cohort_id {
        Some(c) if !is_id(c) => return Err("cohortId is not an id".into()),
        Some(_) => {}
        None if f.format_version == FORMAT_VERSION_1_0
            || f.format_version == FORMAT_VERSION_1_1 =>
        {
            return Err(format!(
                "cohortId is missing (version {})",
                f.format_version
            ));
        }
        None if !f.criteria.is_empty() || f.activity.criteria_met.is_some() => {
            return Err("criteria need cohortId (a cohort's criteria tell its cohort)".into());
        }
        None => {}
    }
    let pv = f.pack_version.chars().count();
    if pv == 0 || pv > MAX_PACK_VERSION || f.pack_version.chars().any(char::is_control) {
        return Err(format!(
            "packVersion must be 1–{MAX_PACK_VERSION} printable characters"
        ));
    }
    if f.format_version == FORMAT_VERSION_1_0 {
        match &f.match_month {
            Some(m) if is_month(m) => {}
            Some(_) => return Err("matchMonth is not YYYY-MM".into()),
            None => return Err("matchMonth is missing (version 1.0)".into()),
        }
        if f.revision.is_some() || f.match_year.is_some() || f.match_term.is_some() {
            return Err("revision, matchYear and matchTerm are not keys of version 1.0".into());
        }
        if f.activity.criteria_met.is_none() {
            return Err("activity.criteriaMet is missing (version 1.0)".into());
        }
    } else {
        if f.match_month.is_some() {
            return Err(format!(
                "matchMonth is not a key of version {} (a month is finer than any pack asks)",
                f.format_version
            ));
        }
        if !f.revision.is_some_and(|r| (1..=10_000).contains(&r)) {
            return Err("revision must be a whole number from 1 to 10000".into());
        }
        if f.match_year.is_some_and(|y| !(2000..=2200).contains(&y)) {
            return Err("matchYear must be between 2000 and 2200".into());
        }
        if let Some(t) = &f.match_term {
            let n = t.chars().count();
            if n == 0 || n > crate::pack::MAX_TERM_NAME || t.chars().any(char::is_control) {
                return Err(format!(
                    "matchTerm must be 1–{} printable characters",
                    crate::pack::MAX_TERM_NAME
                ));
            }
            if f.match_year.is_some() {
                return Err("a file has matchYear or matchTerm, never both".into());
            }
        }
    }
    if !(1..=100).contains(&f.checkin_number) {
        return Err("checkinNumber is not between 1 and 100".into());
    }
    for (k, v) in &f.answers.0 {
        if !is_id(k) {
            return Err(format!("answers: '{k}' is not a question id"));
        }
        match v {
            ClosedAnswer::Number(n) if (-1000..=1000).contains(n) => {}
            ClosedAnswer::Text(t) if is_id(t) => {}
            _ => return Err(format!("answers.{k} is not an option id, a whole number from -1000 to 1000 or {PREFER_NOT_TO_SAY}")),
        }
    }
    if let Some(k) = f.criteria.keys().find(|k| !is_id(k)) {
        return Err(format!("criteria: '{k}' is not a criterion id"));
    }
    if let Some(cm) = f.activity.criteria_met {
        if cm.of > 100 || cm.met > cm.of {
            return Err("activity.criteriaMet must have met ≤ of ≤ 100".into());
        }
    }
    if let Some(c) = &f.comment {
        let n = c.chars().count();
        if n == 0 || n > MAX_COMMENT {
            return Err(format!("comment must be 1–{MAX_COMMENT} characters"));
        }
        if c.chars().any(|ch| ch.is_control() && ch != '\n') {
            return Err("comment contains control characters".into());
        }
    }
    Ok(())
}

/// The bytes of a survey file: pretty JSON, keys in a fixed order, a final newline.
pub fn render(f: &SurveyFile) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(f).map_err(|e| Error::Format {
        file: FileKind::SurveyFile,
        what: "survey file".into(),
        reason: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}
