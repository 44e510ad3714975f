//! The anonymised check-in survey file: what leaves a participant's machine
//! for the program's organizers. See `docs/survey-format.md` and the JSON
//! Schema `docs/schema/trellis-survey-1.0.schema.json`.
//!
//! It is composed from the check-in answers and coarse figures of the log,
//! and from nothing else: no names, notes, goal or meeting text, evidence
//! links, own criteria, time zones, exact dates or times, pair or device ids,
//! app or OS versions. The respondent id is a fresh random UUID v4 per file.
//! [`preview`] gives the exact bytes; [`export`] writes those bytes and only
//! those — it refuses bytes that are not what a preview of the check-in
//! gives now.

use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::checkin::{self, Answer, CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::id::PairId;
use crate::pack::{Pack, Prefill, QuestionKind};
use crate::pair::{self, Pair, Role};
use crate::{file, pack, time, Db, Error, Result};

/// The format name inside every survey file.
pub const FORMAT: &str = "trellis-survey";
/// The format version this build writes.
pub const FORMAT_VERSION: &str = "1.0";
/// The major version this build reads.
pub const FORMAT_MAJOR: u32 = 1;
/// Largest survey file read, checked before parsing.
pub const MAX_FILE_BYTES: usize = 64 * 1024;
/// Longest optional comment, in characters.
pub const MAX_COMMENT: usize = 500;
/// Longest pack version carried.
pub const MAX_PACK_VERSION: usize = 100;

/// Every key a survey file may have at its top level, in file order.
pub const TOP_LEVEL_KEYS: [&str; 13] = [
    "format",
    "formatVersion",
    "respondentId",
    "programId",
    "packVersion",
    "cohortId",
    "role",
    "matchMonth",
    "checkinNumber",
    "answers",
    "criteria",
    "activity",
    "comment",
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
    pub criteria_met: CriteriaMet,
}

/// A JSON object kept in a given key order, refusing duplicate keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> OrderedMap<V> {
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
    pub program_id: String,
    pub pack_version: String,
    pub cohort_id: String,
    pub role: SurveyRole,
    /// `YYYY-MM`.
    pub match_month: String,
    pub checkin_number: u32,
    pub answers: OrderedMap<ClosedAnswer>,
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
    /// The same respondent id as a file read before.
    Duplicate,
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
    if !is_month(&f.match_month) {
        return Err("matchMonth is not YYYY-MM".into());
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
    let cm = f.activity.criteria_met;
    if cm.of > 100 || cm.met > cm.of {
        return Err("activity.criteriaMet must have met ≤ of ≤ 100".into());
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

const TLDS: [&str; 24] = [
    "com", "org", "net", "io", "dev", "me", "info", "edu", "gov", "co", "ly", "app", "ai", "de",
    "uk", "fr", "in", "cn", "jp", "br", "ru", "eu", "us", "xyz",
];

/// Check an optional comment: trimmed; at most [`MAX_COMMENT`] characters; no
/// e-mail address, @handle, web address or the partner's name.
pub fn check_comment(comment: Option<&str>, partner_name: &str) -> Result<Option<String>> {
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
    for token in t.split_whitespace() {
        let w = token
            .trim_matches(|c: char| "()[]{}<>\"'`,;:!?.".contains(c))
            .to_lowercase();
        if w.contains('@') {
            let (user, host) = w.split_once('@').unwrap_or_default();
            let what = if !user.is_empty() && host.contains('.') {
                "an e-mail address"
            } else {
                "an @handle"
            };
            return Err(Error::invalid(
                field,
                format!(
                    "contains {what} ('{}'); remove it — the survey file must not say who you are",
                    printable(token, 60)
                ),
            ));
        }
        let hostish = w.split('/').next().unwrap_or_default();
        let tld = hostish.rsplit_once('.');
        let looks_like_site = matches!(tld, Some((a, b)) if !a.is_empty()
            && (TLDS.contains(&b) || (w.contains('/') && b.len() >= 2 && b.chars().all(|c| c.is_ascii_alphabetic()))));
        if w.contains("://") || w.starts_with("www.") || looks_like_site {
            return Err(Error::invalid(
                field,
                format!(
                    "contains a web address ('{}'); remove it — links can say who you are",
                    printable(token, 60)
                ),
            ));
        }
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let set: BTreeSet<&str> = words.iter().copied().collect();
    let name = partner_name.to_lowercase();
    let name_words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The whole name as consecutive words (when it is not a mere initial),
    // or any part of it of three letters or more.
    let whole = name_words.iter().map(|w| w.chars().count()).sum::<usize>() >= 3
        && words
            .windows(name_words.len().max(1))
            .any(|w| w == name_words.as_slice());
    if whole
        || name_words
            .iter()
            .any(|p| p.chars().count() >= 3 && set.contains(p))
    {
        return Err(Error::invalid(
            field,
            "mentions your partner's name; remove it — the survey file names nobody",
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
    pub has_comment: bool,
}

/// Compose the survey file of check-in `number` from the saved answers and
/// the log as of `now`.
fn compose(
    c: &Connection,
    p: &Pair,
    pk: &Pack,
    number: u32,
    respondent_id: String,
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
    let mut answers = Vec::new();
    let mut criteria = Vec::new();
    for q in &questions {
        let Some(a) = saved.answers.get(&q.id) else {
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
        program_id: pk.program.id.clone(),
        pack_version: printable(&pk.program.version, MAX_PACK_VERSION - 1),
        cohort_id: p.cohort_id.clone(),
        role,
        match_month: p.match_date.format("%Y-%m").to_string(),
        checkin_number: number,
        answers: OrderedMap(answers),
        criteria: OrderedMap(criteria),
        activity: Activity {
            meetings: Bucket::of(meetings),
            goals_set: Bucket::of(goals_set),
            goals_achieved: Bucket::of(goals_achieved),
            criteria_met: CriteriaMet {
                met,
                of: defs.len() as u32,
            },
        },
        comment,
    })
}

/// The exact bytes the survey file of check-in `number` would have, with a
/// fresh random respondent id. `comment` goes in only when given, which a
/// caller does only after the person ticked consent; it is checked first.
pub fn preview(db: &Db, pair_id: PairId, number: u32, comment: Option<String>) -> Result<Vec<u8>> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let comment = check_comment(comment.as_deref(), &p.partner_name)?;
    let f = db.read(|c| {
        compose(
            c,
            &p,
            &pk,
            number,
            Uuid::new_v4().to_string(),
            comment,
            time::now(),
        )
    })?;
    render(&f)
}

/// Write `previewed` — bytes [`preview`] gave — to `path` and mark the
/// check-in exported. Refused, with nothing written, when the bytes are not
/// exactly what a preview of this check-in gives now (the answers or the log
/// changed, or the bytes were altered): what was shown is what is written.
pub fn export(
    db: &Db,
    pair_id: PairId,
    number: u32,
    path: &Path,
    previewed: &[u8],
) -> Result<ExportedSurvey> {
    let shown = parse(previewed).map_err(|pr| Error::Format {
        what: "previewed survey".into(),
        reason: pr.reason,
    })?;
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let comment = check_comment(shown.comment.as_deref(), &p.partner_name)?;
    let now = time::now();
    db.write(|tx| {
        let f = compose(tx, &p, &pk, number, shown.respondent_id.clone(), comment, now)?;
        let bytes = render(&f)?;
        if bytes != previewed {
            return Err(Error::Conflict(
                "the survey file would differ from the preview (the answers or the log changed since, or the preview was altered); preview it again — nothing was written".into(),
            ));
        }
        file::write_atomic(path, &bytes)?;
        checkin::mark_exported(tx, p.id, number, now)?;
        Ok(ExportedSurvey {
            pair_id: p.id,
            number,
            path: path.display().to_string(),
            bytes: bytes.len() as u32,
            respondent_id: f.respondent_id,
            has_comment: f.comment.is_some(),
        })
    })
}

/// Preview and write in one step (for callers that show the bytes after).
pub fn preview_and_export(
    db: &Db,
    pair_id: PairId,
    number: u32,
    comment: Option<String>,
    path: &Path,
) -> Result<(Vec<u8>, ExportedSurvey)> {
    let bytes = preview(db, pair_id, number, comment)?;
    let done = export(db, pair_id, number, path, &bytes)?;
    Ok((bytes, done))
}
