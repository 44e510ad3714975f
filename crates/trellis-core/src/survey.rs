//! The anonymised check-in survey file: what leaves a participant's machine
//! for the program's organizers. See `docs/survey-format.md` and the JSON
//! Schema `docs/schema/trellis-survey-1.1.schema.json` (version 1.0 files
//! still read: `docs/schema/trellis-survey-1.0.schema.json`).
//!
//! It is composed from the check-in answers and coarse figures of the log,
//! and from nothing else: no names, notes, goal or meeting text, evidence
//! links, own criteria, time zones, exact dates or times, pair or device ids,
//! app or OS versions. Timing is no finer than the pack asks (the check-in
//! number, or the match year); criteria answers only when the pack asks. The
//! respondent id is a random UUID v4 made once per check-in and kept on this
//! machine; each file written for the check-in carries it with a revision
//! number, so that a report counts the person once.
//! [`preview`] gives the exact bytes; [`export`] writes those bytes and only
//! those — it refuses bytes that are not what a preview of the check-in
//! gives now.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use rusqlite::Connection;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::checkin::{self, Answer, CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::id::PairId;
use crate::pack::{Pack, Prefill, QuestionKind, SurveyTiming};
use crate::pair::{self, Pair, Role};
use crate::{file, pack, time, Db, Error, Result};

/// The format name inside every survey file.
pub const FORMAT: &str = "trellis-survey";
/// The format version this build writes.
pub const FORMAT_VERSION: &str = "1.1";
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
/// was 1.0's).
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
pub const REQUIRED_KEYS: [&str; 11] = [
    "format",
    "formatVersion",
    "respondentId",
    "revision",
    "programId",
    "packVersion",
    "cohortId",
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
    pub cohort_id: String,
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
    if !is_id(&f.cohort_id) {
        return Err("cohortId is not an id".into());
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
        what: "survey file".into(),
        reason: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Endings of bare domains ("opendev.org") that the comment filter refuses.
const TLDS: [&str; 49] = [
    "com",
    "org",
    "net",
    "io",
    "dev",
    "me",
    "info",
    "edu",
    "gov",
    "co",
    "ly",
    "app",
    "ai",
    "de",
    "uk",
    "fr",
    "in",
    "cn",
    "jp",
    "br",
    "ru",
    "eu",
    "us",
    "xyz",
    "ca",
    "au",
    "nl",
    "se",
    "es",
    "it",
    "pl",
    "ch",
    "at",
    "be",
    "kr",
    "tw",
    "mx",
    "id",
    "no",
    "fi",
    "cz",
    "site",
    "page",
    "tech",
    "cloud",
    "social",
    "link",
    "blog",
    "foundation",
];

/// Words next to which a word is someone's handle.
const HANDLE_PLACES: [&str; 19] = [
    "irc",
    "nick",
    "nickname",
    "handle",
    "username",
    "user",
    "login",
    "account",
    "github",
    "gitlab",
    "gerrit",
    "launchpad",
    "matrix",
    "slack",
    "discord",
    "twitter",
    "mastodon",
    "oftc",
    "libera",
];
/// Of those, the ones a name follows ("my nick is ada").
const NAME_FOLLOWS: [&str; 7] = [
    "nick", "nickname", "handle", "username", "user", "login", "account",
];
/// Small words skipped when looking for the handle next to such a word.
const GLUE: [&str; 22] = [
    "is", "my", "me", "as", "on", "at", "the", "a", "an", "in", "called", "named", "was", "are",
    "by", "i", "and", "or", "to", "am", "via", "under",
];
/// Particles of names that are ordinary words on their own.
const PARTICLES: [&str; 16] = [
    "de", "la", "le", "van", "von", "der", "den", "da", "di", "du", "del", "dos", "bin", "al",
    "el", "y",
];

/// A letter without its diacritics, lowercased ("Ë" → "e", "ß" → "ss").
fn fold_char(c: char, out: &mut String) {
    let lower: String = c.to_lowercase().collect();
    for c in lower.chars() {
        let s = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
}

/// Text lowercased and without diacritics.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The words of a text, folded: runs of letters and digits.
fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Does a name appear in the words: the whole name, or any part of it on
/// its own (a first or a last name), with or without diacritics, in any case?
fn mentions(words: &[String], name: &str) -> bool {
    let parts: Vec<String> = folded_words(name);
    if parts.is_empty() {
        return false;
    }
    let whole = parts.iter().map(|w| w.chars().count()).sum::<usize>() >= 2
        && words.windows(parts.len()).any(|w| w == parts.as_slice());
    whole
        || parts.iter().any(|p| {
            p.chars().count() >= 2 && !PARTICLES.contains(&p.as_str()) && words.contains(p)
        })
}

/// A word that reads as a handle rather than a word: letters with digits,
/// or joined by `-` or `_` ("jdoe42", "jdoe-42", "j_doe").
fn handle_like(token: &str) -> bool {
    let has_letter = token.chars().any(char::is_alphabetic);
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let joined = token
        .trim_matches(|c| c == '-' || c == '_')
        .contains(['-', '_']);
    has_letter && (has_digit || joined || token.contains('_'))
}

fn refuse(what: impl AsRef<str>) -> Error {
    Error::invalid("comment", what.as_ref().to_string())
}

/// Check an optional comment: trimmed; at most [`MAX_COMMENT`] characters;
/// no e-mail address, web address or bare domain, no handle (`@name`, a nick
/// next to "IRC", "nick", "handle", "GitHub" …), and neither the partner's
/// name nor the person's own (`my_name`, when given) — whole or any part,
/// with or without diacritics, in any case. A refusal says why.
pub fn check_comment(
    comment: Option<&str>,
    partner_name: &str,
    my_name: Option<&str>,
) -> Result<Option<String>> {
    let Some(raw) = comment else { return Ok(None) };
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let field = "comment";
    let n = t.chars().count();
    if n > MAX_COMMENT {
        return Err(Error::invalid(
            field,
            format!("is {n} characters long; the limit is {MAX_COMMENT}"),
        ));
    }
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(field, "contains control characters"));
    }
    // Tokens as written (split on white space, outer punctuation trimmed).
    let tokens: Vec<(String, String)> = t
        .split_whitespace()
        .map(|token| {
            let w = fold(token.trim_matches(|c: char| "()[]{}<>\"'`,;:!?.".contains(c)));
            (token.to_string(), w)
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    for (token, w) in &tokens {
        if w.contains('@') {
            let (user, host) = w.split_once('@').unwrap_or_default();
            let what = if !user.is_empty() && host.contains('.') {
                "an e-mail address"
            } else {
                "a handle (an @name)"
            };
            return Err(refuse(format!(
                "contains {what} ('{}'); remove it — the survey file must not say who you are",
                printable(token, 60)
            )));
        }
        let hostish = w
            .split("://")
            .last()
            .unwrap_or_default()
            .split(['/', ':', '?', '#'])
            .next()
            .unwrap_or_default();
        let labels: Vec<&str> = hostish.split('.').collect();
        let domain = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| {
                TLDS.contains(tld)
                    || (w.contains('/')
                        && tld.len() >= 2
                        && tld.chars().all(|c| c.is_ascii_alphabetic()))
            });
        if w.contains("://") || w.starts_with("www.") || domain {
            return Err(refuse(format!(
                "contains a web address or domain ('{}'); remove it — links can say who you are",
                printable(token, 60)
            )));
        }
    }
    // Handles: a handle-like word anywhere near a place where people have
    // handles, or any word right after "nick", "handle", "user" ….
    let plain: Vec<&str> = tokens.iter().map(|(_, w)| w.as_str()).collect();
    for (i, w) in plain.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !HANDLE_PLACES.contains(&bare) {
            continue;
        }
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(plain.len());
        for (j, other) in plain.iter().enumerate().take(hi).skip(lo) {
            let o = other.trim_matches(|c: char| !c.is_alphanumeric());
            if j == i || o.is_empty() || GLUE.contains(&o) || HANDLE_PLACES.contains(&o) {
                continue;
            }
            let follows = j > i
                && NAME_FOLLOWS.contains(&bare)
                && plain[i + 1..j]
                    .iter()
                    .all(|g| GLUE.contains(&g.trim_matches(|c: char| !c.is_alphanumeric())));
            if handle_like(o) || follows {
                return Err(refuse(format!(
                    "contains what looks like a handle ('{}' next to '{}'); remove it — a nick says who you are",
                    printable(tokens[j].0.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_'), 60),
                    printable(&tokens[i].0, 30)
                )));
            }
        }
    }
    let words = folded_words(t);
    if mentions(&words, partner_name) {
        return Err(refuse(
            "mentions your partner's name (or part of it); remove it — the survey file names nobody",
        ));
    }
    if my_name.is_some_and(|m| mentions(&words, m)) {
        return Err(refuse(
            "mentions your own name (or part of it); remove it — the survey file names nobody",
        ));
    }
    Ok(Some(t.to_string()))
}

/// A survey file written.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExportedSurvey {
    pub pair_id: PairId,
    pub number: u32,
    pub path: String,
    pub bytes: u32,
    pub respondent_id: String,
    /// 1 for the first file of this check-in, then 2, …
    pub revision: u32,
    pub has_comment: bool,
    /// What the person should know about sending it.
    pub channel: Channel,
}

/// How a survey file reaches the organizer: Trellis sends nothing. Sending
/// it from one's own e-mail address tells the organizer who sent it; the
/// program's anonymous drop-off, when the pack names one, does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Channel {
    /// The program's anonymous drop-off (a folder or an upload link), if any.
    pub drop_off: Option<String>,
}

/// The words the CLI prints about the channel (the window words its own).
pub fn channel_text(ch: &Channel) -> String {
    let mut s = String::from(
        "Trellis sends nothing. If you e-mail this file from your own address, the organizer knows who sent it, whatever it contains.",
    );
    match &ch.drop_off {
        Some(d) => s.push_str(&format!(
            "\nThe program's anonymous drop-off: {}",
            printable(d, crate::pack::MAX_DROP_OFF)
        )),
        None => s.push_str(
            "\nThis program names no anonymous drop-off; ask the organizer for one, or hand the file on in a way that does not name you.",
        ),
    }
    s
}

/// The channel notice of a pair's program.
pub fn channel(db: &Db, pair_id: PairId) -> Result<Channel> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    Ok(Channel {
        drop_off: pk.checkin.drop_off.clone(),
    })
}

/// Compose the survey file of check-in `number` from the saved answers and
/// the log as of `now`.
#[allow(clippy::too_many_arguments, reason = "one private composer")]
fn compose(
    c: &Connection,
    p: &Pair,
    pk: &Pack,
    number: u32,
    respondent_id: String,
    revision: u32,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<SurveyFile> {
    let n = pk.checkin.days_after_match.len() as u32;
    if number == 0 || number > n {
        return Err(Error::invalid(
            "check-in",
            format!("{number} is not a check-in of this pair's program (it has {n})"),
        ));
    }
    let saved = checkin::load(c, p.id, number)?.ok_or_else(|| {
        Error::Conflict(format!(
            "check-in {number} has no answers yet; answer it first (trellis checkin answer)"
        ))
    })?;
    // The pair's criteria and how many are met, and the questions without
    // the form's suggestions (the file carries the answers given): the log
    // is counted once, below.
    let (defs, met) = checkin::pack_criteria_met(c, p, pk)?;
    let questions = checkin::questions_with(c, p, pk, &defs, None)?;
    let stale = || {
        Error::Conflict(
            "the program's questions changed since you answered; answer the check-in again".into(),
        )
    };
    // The role: the answer to the role question when there is one (so that
    // "prefer not to say" is honoured), else the pair's.
    let role_q = questions
        .iter()
        .find(|q| q.prefill_from == Some(Prefill::Role));
    let role = match role_q.and_then(|q| saved.answers.get(&q.id)) {
        Some(a) if a.is_prefer_not_to_say() => SurveyRole::PreferNotToSay,
        _ => match p.my_role {
            Role::Mentor => SurveyRole::Mentor,
            Role::Mentee => SurveyRole::Mentee,
        },
    };
    // A question that does not apply leaves nothing in the file, even when
    // an answer was saved before its condition changed.
    let mut kept = saved.answers.clone();
    checkin::keep_applicable(
        questions
            .iter()
            .map(|q| (q.id.as_str(), q.only_if.as_ref())),
        &mut kept,
    );
    let mut answers = Vec::new();
    let mut criteria = Vec::new();
    for q in &questions {
        let Some(a) = kept.get(&q.id) else {
            continue;
        };
        let for_everyone = pk
            .questions
            .iter()
            .find(|pq| pq.id == q.id)
            .is_some_and(|pq| pq.roles.len() > 1);
        if role == SurveyRole::PreferNotToSay && !for_everyone {
            // Answering a question only one role is asked would say the role.
            continue;
        }
        if Some(q) == role_q || q.prefill_from == Some(Prefill::Cohort) {
            continue; // carried by `role` and `cohortId`
        }
        match (q.kind, a) {
            // Criteria leave the machine only when the pack asks for them.
            (QuestionKind::Criteria, _) if !pk.checkin.survey_criteria => {}
            (QuestionKind::Criteria, Answer::Criteria(map)) => {
                for d in &q.criteria {
                    if let Some(v) = map.get(&d.id) {
                        criteria.push((d.id.clone(), *v));
                    }
                }
                if map.keys().any(|k| !q.criteria.iter().any(|d| d.id == *k)) {
                    return Err(stale());
                }
            }
            (QuestionKind::Criteria, a) if a.is_prefer_not_to_say() => {
                for d in &q.criteria {
                    criteria.push((d.id.clone(), CriterionAnswer::PreferNotToSay));
                }
            }
            (QuestionKind::Choice, Answer::Text(t))
                if t == PREFER_NOT_TO_SAY || q.options.iter().any(|o| o.id == *t) =>
            {
                answers.push((q.id.clone(), ClosedAnswer::Text(t.clone())));
            }
            (QuestionKind::Scale, Answer::Text(t)) if t == PREFER_NOT_TO_SAY => {
                answers.push((q.id.clone(), ClosedAnswer::Text(t.clone())));
            }
            (QuestionKind::Scale, Answer::Number(v))
                if (q.min.unwrap_or(0)..=q.max.unwrap_or(0)).contains(v) =>
            {
                answers.push((q.id.clone(), ClosedAnswer::Number(i64::from(*v))));
            }
            _ => return Err(stale()),
        }
    }
    if saved
        .answers
        .keys()
        .any(|k| !questions.iter().any(|q| q.id == *k))
    {
        return Err(stale());
    }
    // The activity figures in one statement (the pair's goals read once).
    let (meetings, goals_set, goals_achieved): (u32, u32, u32) = c
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM meeting WHERE pair_id = ?1 AND starts_at <= ?2),
                    COALESCE(SUM(status <> 'dropped'), 0), COALESCE(SUM(status = 'achieved'), 0)
             FROM goal WHERE pair_id = ?1",
        )?
        .query_row(rusqlite::params![p.id, time::stamp(now)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(SurveyFile {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION.into(),
        respondent_id,
        revision: Some(revision),
        program_id: pk.program.id.clone(),
        pack_version: printable(&pk.program.version, MAX_PACK_VERSION - 1),
        cohort_id: p.cohort_id.clone(),
        role,
        match_month: None,
        match_year: match pk.checkin.timing {
            SurveyTiming::MatchYear => Some(p.match_date.year()),
            SurveyTiming::CheckinNumber | SurveyTiming::Term => None,
        },
        match_term: match pk.checkin.timing {
            SurveyTiming::Term => pk
                .checkin
                .term_of(p.match_date)
                .map(|t| printable(&t.name, crate::pack::MAX_TERM_NAME)),
            SurveyTiming::CheckinNumber | SurveyTiming::MatchYear => None,
        },
        checkin_number: number,
        answers: OrderedMap(answers),
        criteria: OrderedMap(criteria),
        activity: Activity {
            meetings: Bucket::of(meetings),
            goals_set: Bucket::of(goals_set),
            goals_achieved: Bucket::of(goals_achieved),
            criteria_met: pk.checkin.survey_criteria.then_some(CriteriaMet {
                met,
                of: defs.len() as u32,
            }),
        },
        comment,
    })
}

/// The exact bytes the survey file of check-in `number` would have: the
/// check-in's one respondent id and the next revision. `comment` goes in
/// only when given, which a caller does only after the person ticked
/// consent; it is checked first.
pub fn preview(db: &Db, pair_id: PairId, number: u32, comment: Option<String>) -> Result<Vec<u8>> {
    preview_as(db, pair_id, number, comment, None)
}

/// [`preview`], checking the comment against the person's own name too.
pub fn preview_as(
    db: &Db,
    pair_id: PairId,
    number: u32,
    comment: Option<String>,
    my_name: Option<&str>,
) -> Result<Vec<u8>> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let comment = check_comment(comment.as_deref(), &p.partner_name, my_name)?;
    let f = db.read(|c| {
        let (id, revision) = respondent(c, &p, number)?;
        compose(c, &p, &pk, number, id, revision + 1, comment, time::now())
    })?;
    render(&f)
}

/// The check-in's respondent id and how many files were written for it.
fn respondent(c: &Connection, p: &Pair, number: u32) -> Result<(String, u32)> {
    checkin::respondent(c, p.id, number)?.ok_or_else(|| {
        Error::Conflict(format!(
            "check-in {number} has no answers yet; answer it first (trellis checkin answer)"
        ))
    })
}

/// Write `previewed` — bytes [`preview`] gave — to `path` and mark the
/// check-in exported (its revision counts one more file). Refused, with
/// nothing written, when the bytes are not exactly what a preview of this
/// check-in gives now (the answers or the log changed, or the bytes were
/// altered): what was shown is what is written.
pub fn export(
    db: &Db,
    pair_id: PairId,
    number: u32,
    path: &Path,
    previewed: &[u8],
) -> Result<ExportedSurvey> {
    export_as(db, pair_id, number, path, previewed, None)
}

/// [`export`], checking the comment against the person's own name too.
pub fn export_as(
    db: &Db,
    pair_id: PairId,
    number: u32,
    path: &Path,
    previewed: &[u8],
    my_name: Option<&str>,
) -> Result<ExportedSurvey> {
    let shown = parse(previewed).map_err(|pr| Error::Format {
        what: "previewed survey".into(),
        reason: pr.reason,
    })?;
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let comment = check_comment(shown.comment.as_deref(), &p.partner_name, my_name)?;
    let now = time::now();
    let exported = db.write(|tx| {
        let (id, revision) = respondent(tx, &p, number)?;
        let f = compose(tx, &p, &pk, number, id, revision + 1, comment, now)?;
        let bytes = render(&f)?;
        if bytes != previewed {
            return Err(Error::Conflict(
                "the survey file would differ from the preview (the answers or the log changed since, or the preview was altered); preview it again — nothing was written".into(),
            ));
        }
        file::write_atomic(path, &bytes)?;
        checkin::mark_exported(tx, p.id, number, now, revision + 1)?;
        Ok(ExportedSurvey {
            pair_id: p.id,
            number,
            path: path.display().to_string(),
            bytes: bytes.len() as u32,
            respondent_id: f.respondent_id,
            revision: revision + 1,
            has_comment: f.comment.is_some(),
            channel: Channel {
                drop_off: pk.checkin.drop_off.clone(),
            },
        })
    })?;
    // The check-in is sent: its window leaves the pair's calendar.
    crate::calendar::follow(db, p.id);
    Ok(exported)
}

/// Preview and write in one step (for callers that show the bytes after).
pub fn preview_and_export(
    db: &Db,
    pair_id: PairId,
    number: u32,
    comment: Option<String>,
    path: &Path,
) -> Result<(Vec<u8>, ExportedSurvey)> {
    preview_and_export_as(db, pair_id, number, comment, path, None)
}

/// [`preview_and_export`], checking the comment against the person's own name too.
pub fn preview_and_export_as(
    db: &Db,
    pair_id: PairId,
    number: u32,
    comment: Option<String>,
    path: &Path,
    my_name: Option<&str>,
) -> Result<(Vec<u8>, ExportedSurvey)> {
    let bytes = preview_as(db, pair_id, number, comment, my_name)?;
    let done = export_as(db, pair_id, number, path, &bytes, my_name)?;
    Ok((bytes, done))
}

/// One line of a survey file, and what it tells the organizer, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewLine {
    /// The key (`answers.satisfaction`, `activity.meetings`, …).
    pub key: String,
    pub meaning: String,
}

fn closed_text(a: &ClosedAnswer) -> String {
    match a {
        ClosedAnswer::Number(n) => n.to_string(),
        ClosedAnswer::Text(t) if t == PREFER_NOT_TO_SAY => "you preferred not to say".into(),
        ClosedAnswer::Text(t) => format!("\"{t}\""),
    }
}

/// What each line of a survey file tells the organizer, for the preview.
pub fn explain(f: &SurveyFile) -> Vec<PreviewLine> {
    let mut out = Vec::new();
    let mut line = |key: &str, meaning: String| {
        out.push(PreviewLine {
            key: key.to_string(),
            meaning,
        })
    };
    line(
        "format",
        "that this is a Trellis check-in survey file and its version; nothing about you".into(),
    );
    line(
        "respondentId",
        "a random number made once for this check-in on your machine: if you send the file again, the organizer counts you once. It is linked to nothing else, not even your other check-ins".into(),
    );
    if let Some(r) = f.revision {
        line(
            "revision",
            format!(
                "that this is file number {r} you wrote for this check-in; only the latest counts"
            ),
        );
    }
    line(
        "programId",
        format!(
            "your program ({}) and the version of its questions",
            printable(&f.program_id, 64)
        ),
    );
    line(
        "cohortId",
        format!(
            "your cohort ({}). In a small cohort this narrows down who you may be; reports show a cohort on its own only when it has enough people",
            printable(&f.cohort_id, 64)
        ),
    );
    line(
        "role",
        match f.role {
            SurveyRole::Mentor => "that you are the mentor in your pair".into(),
            SurveyRole::Mentee => "that you are the mentee in your pair".into(),
            SurveyRole::PreferNotToSay => {
                "that you preferred not to say your role (questions for one role are left out too)"
                    .into()
            }
        },
    );
    if let Some(m) = &f.match_month {
        line("matchMonth", format!("the month you were matched ({m})"));
    }
    if let Some(y) = f.match_year {
        line(
            "matchYear",
            format!("the year you were matched ({y}), because the program asks for it"),
        );
    }
    if let Some(t) = &f.match_term {
        line(
            "matchTerm",
            format!(
                "the program's term you were matched in ({}), because the program asks for it — not the month or day",
                printable(t, 40)
            ),
        );
    }
    line(
        "checkinNumber",
        format!(
            "that this is check-in {} of the program's schedule — roughly when, never a date",
            f.checkin_number
        ),
    );
    for (id, a) in &f.answers.0 {
        line(
            &format!("answers.{id}"),
            format!("your answer to question '{id}': {}", closed_text(a)),
        );
    }
    for (id, a) in &f.criteria.0 {
        let said = match a {
            CriterionAnswer::Yes => "yes",
            CriterionAnswer::No => "no",
            CriterionAnswer::NotApplicable => "not applicable",
            CriterionAnswer::PreferNotToSay => "you preferred not to say",
        };
        line(
            &format!("criteria.{id}"),
            format!("whether you met the program's criterion '{id}' ({said}), because the program asks for criteria"),
        );
    }
    line(
        "activity.meetings",
        format!(
            "how many meetings your pair logged, as a range ({})",
            f.activity.meetings.as_str()
        ),
    );
    line(
        "activity.goalsSet",
        format!(
            "how many goals your pair set, as a range ({})",
            f.activity.goals_set.as_str()
        ),
    );
    line(
        "activity.goalsAchieved",
        format!(
            "how many goals your pair achieved, as a range ({})",
            f.activity.goals_achieved.as_str()
        ),
    );
    if let Some(c) = f.activity.criteria_met {
        line(
            "activity.criteriaMet",
            format!(
                "that your log marks {} of your {} program criteria met",
                c.met, c.of
            ),
        );
    }
    if f.comment.is_some() {
        line(
            "comment",
            "your comment, word for word: the organizer reads it as you wrote it".into(),
        );
    }
    out
}
