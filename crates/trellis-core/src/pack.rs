//! Program packs: the organizer's TOML file that defines a program's cohorts,
//! suggested goals, graduation criteria, check-in schedule and questions.
//! See `docs/pack-format.md`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::pair::Role;
use crate::{Db, Error, Result};

/// The format name every pack file carries.
pub const FORMAT: &str = "trellis-pack";
/// The major format version this build reads.
pub const FORMAT_MAJOR: u32 = 1;
/// Largest pack file accepted, checked before parsing.
pub const MAX_PACK_BYTES: usize = 1024 * 1024;

const OPENSTACK: &str = include_str!("../packs/openstack.toml");
const GENERIC: &str = include_str!("../packs/generic.toml");
const DEFAULT_QUESTIONS: &str = include_str!("../packs/default-questions.toml");

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Pack {
    pub format_version: String,
    pub program: Program,
    pub checkin: CheckinSchedule,
    pub cohorts: Vec<Cohort>,
    pub questions: Vec<Question>,
    /// True when the pack lists no questions and the built-in ones apply.
    pub default_questions: bool,
    /// True for packs compiled into Trellis.
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Program {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinSchedule {
    pub days_after_match: Vec<u32>,
    pub min_group_size: u32,
    /// How finely a survey file says when the pair was matched.
    pub timing: SurveyTiming,
    /// Whether survey files carry the pair's answers per graduation
    /// criterion (and how many are met). Off unless the pack asks.
    pub survey_criteria: bool,
    /// The program's anonymous drop-off for survey files (a folder or an
    /// upload link the organizer runs), shown at export. Trellis sends nothing.
    pub drop_off: Option<String>,
    /// The program's named terms, oldest first, for `survey_timing = "term"`.
    pub terms: Vec<Term>,
}

/// A named term of a program ("2026 Spring"): the pairs matched from its
/// first day until the next term's.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Term {
    pub name: String,
    #[ts(type = "string")]
    pub from: chrono::NaiveDate,
}

/// Longest term name.
pub const MAX_TERM_NAME: usize = 40;

impl CheckinSchedule {
    /// The named term a pair matched on `date` belongs to: the last term
    /// that began on or before it (none before the first term).
    pub fn term_of(&self, date: chrono::NaiveDate) -> Option<&Term> {
        self.terms.iter().rev().find(|t| t.from <= date)
    }
}

/// How finely a survey file places the match in time: by default only the
/// check-in number; a pack may ask for the year of the match, or for the
/// name of the program's term the match falls in ("2026 Spring").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SurveyTiming {
    #[default]
    CheckinNumber,
    MatchYear,
    Term,
}

/// Longest drop-off text.
pub const MAX_DROP_OFF: usize = 300;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cohort {
    pub id: String,
    pub name: String,
    pub list_tag: Option<String>,
    pub description: String,
    pub suggested_goals: Vec<String>,
    pub criteria: Vec<CriterionDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CriterionDef {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionKind {
    Choice,
    Scale,
    Criteria,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Prefill {
    Role,
    Cohort,
    #[serde(rename = "meetings_last_4_weeks")]
    MeetingsLast4Weeks,
    GoalProgress,
    PairStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<Choice>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    pub roles: Vec<Role>,
    pub prefill: Option<Prefill>,
    /// Asked only when an earlier question got one of some answers (`None`:
    /// always asked).
    pub only_if: Option<Condition>,
}

/// When a question applies: the answer to the earlier choice question
/// `question` is one of `answers` (option ids). Any other answer, "prefer
/// not to say" or no answer at all, and the question is not asked, not
/// required, and no answer to it is kept or written to a survey file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct Condition {
    pub question: String,
    pub answers: Vec<String>,
}

impl Condition {
    /// Whether `answer`, the answer given to the condition's question, makes
    /// the question apply.
    pub fn holds(&self, answer: Option<&str>) -> bool {
        answer.is_some_and(|a| self.answers.iter().any(|x| x == a))
    }
}

/// One line of `pack list`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackSummary {
    pub id: String,
    pub name: String,
    pub version: String,
    pub builtin: bool,
    pub cohorts: Vec<String>,
}

impl Pack {
    pub fn cohort(&self, id: &str) -> Result<&Cohort> {
        self.cohorts.iter().find(|c| c.id == id).ok_or_else(|| {
            let known: Vec<&str> = self.cohorts.iter().map(|c| c.id.as_str()).collect();
            Error::invalid(
                "cohort",
                format!(
                    "'{id}' is not a cohort of {}; choose one of: {}",
                    self.program.id,
                    known.join(", ")
                ),
            )
        })
    }

    pub fn summary(&self) -> PackSummary {
        PackSummary {
            id: self.program.id.clone(),
            name: self.program.name.clone(),
            version: self.program.version.clone(),
            builtin: self.builtin,
            cohorts: self.cohorts.iter().map(|c| c.id.clone()).collect(),
        }
    }
}

// ---- the file as written, with spans so errors can name the line ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    format: Spanned<String>,
    format_version: Spanned<String>,
    program: RawProgram,
    #[serde(default)]
    checkin: Option<RawCheckin>,
    #[serde(default)]
    cohorts: Vec<RawCohort>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestions {
    format: Spanned<String>,
    format_version: Spanned<String>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    id: Spanned<String>,
    name: Spanned<String>,
    version: Spanned<String>,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckin {
    #[serde(default)]
    days_after_match: Option<Spanned<Vec<u32>>>,
    #[serde(default)]
    min_group_size: Option<Spanned<u32>>,
    #[serde(default)]
    survey_timing: Option<SurveyTiming>,
    #[serde(default)]
    survey_criteria: Option<bool>,
    #[serde(default)]
    drop_off: Option<Spanned<String>>,
    #[serde(default)]
    terms: Option<Spanned<Vec<RawTerm>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    name: String,
    from: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCohort {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    list_tag: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    suggested_goals: Vec<Spanned<String>>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    text: Spanned<String>,
    kind: Spanned<QuestionKind>,
    #[serde(default)]
    options: Option<Spanned<Vec<Choice>>>,
    #[serde(default)]
    min: Option<i32>,
    #[serde(default)]
    max: Option<i32>,
    #[serde(default)]
    min_label: Option<String>,
    #[serde(default)]
    max_label: Option<String>,
    #[serde(default)]
    roles: Option<Vec<Role>>,
    #[serde(default)]
    prefill: Option<Prefill>,
    #[serde(default)]
    only_if: Option<Spanned<Condition>>,
}

/// Validation context: the source, for turning spans into line numbers.
struct Check<'a> {
    src: &'a str,
    what: &'a str,
}

impl Check<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.src.len());
        self.src[..end].bytes().filter(|b| *b == b'\n').count() + 1
    }

    fn fail(&self, field: &str, span: Range<usize>, reason: impl std::fmt::Display) -> Error {
        Error::Format {
            what: self.what.to_string(),
            reason: format!("line {}: {field}: {reason}", self.line(span)),
        }
    }

    fn id(&self, field: &str, v: &Spanned<String>) -> Result<String> {
        let s = v.get_ref();
        let ok = (2..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-');
        if ok {
            Ok(s.clone())
        } else {
            Err(self.fail(
                field,
                v.span(),
                format!(
                    "'{s}' is not a valid id (2–64 of a–z, 0–9 and '-', not starting with '-')"
                ),
            ))
        }
    }

    fn text(&self, field: &str, v: &Spanned<String>) -> Result<String> {
        let s = v.get_ref().trim();
        if s.is_empty() {
            return Err(self.fail(field, v.span(), "must not be empty"));
        }
        if s.chars().count() > 2000 {
            return Err(self.fail(field, v.span(), "is longer than 2000 characters"));
        }
        Ok(s.to_string())
    }

    fn header(
        &self,
        format: &Spanned<String>,
        version: &Spanned<String>,
        expected: &str,
    ) -> Result<String> {
        if format.get_ref() != expected {
            return Err(self.fail(
                "format",
                format.span(),
                format!("expected \"{expected}\", found \"{}\"", format.get_ref()),
            ));
        }
        let v = version.get_ref();
        let major = v
            .split_once('.')
            .and_then(|(maj, min)| min.parse::<u32>().ok().and(maj.parse::<u32>().ok()))
            .ok_or_else(|| {
                self.fail(
                    "format_version",
                    version.span(),
                    format!("'{v}' is not MAJOR.MINOR"),
                )
            })?;
        if major != FORMAT_MAJOR {
            return Err(self.fail(
                "format_version",
                version.span(),
                format!("version {v} is not supported (this Trellis reads {FORMAT_MAJOR}.x); update Trellis"),
            ));
        }
        Ok(v.clone())
    }

    fn questions(&self, raw: Vec<RawQuestion>) -> Result<Vec<Question>> {
        let mut out: Vec<Question> = Vec::with_capacity(raw.len());
        // Sets, not scans: a 1 MiB file holds tens of thousands of entries,
        // and a quadratic check took seconds (found by the fuzzing work).
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(raw.len());
        let mut has_criteria = false;
        for q in raw {
            let id = self.id("questions.id", &q.id)?;
            if seen.insert(id.clone(), out.len()).is_some() {
                return Err(self.fail(
                    "questions.id",
                    q.id.span(),
                    format!("'{id}' appears twice"),
                ));
            }
            let text = self.text("questions.text", &q.text)?;
            let kind = *q.kind.get_ref();
            if kind == QuestionKind::Criteria && std::mem::replace(&mut has_criteria, true) {
                return Err(self.fail(
                    "questions.kind",
                    q.kind.span(),
                    "a pack has at most one criteria question",
                ));
            }
            let options = match (kind, q.options) {
                (QuestionKind::Choice, Some(opts)) => {
                    let span = opts.span();
                    let opts = opts.into_inner();
                    if opts.len() < 2 {
                        return Err(self.fail(
                            "questions.options",
                            span,
                            "a choice needs at least 2 options",
                        ));
                    }
                    let mut seen_options: HashSet<&str> = HashSet::with_capacity(opts.len());
                    for o in &opts {
                        let sid = Spanned::new(span.clone(), o.id.clone());
                        self.id("questions.options.id", &sid)?;
                        if !seen_options.insert(o.id.as_str()) {
                            return Err(self.fail(
                                "questions.options.id",
                                span,
                                format!("'{}' appears twice", o.id),
                            ));
                        }
                        if o.label.trim().is_empty() {
                            return Err(self.fail(
                                "questions.options.label",
                                span,
                                "must not be empty",
                            ));
                        }
                    }
                    opts
                }
                (QuestionKind::Choice, None) => {
                    return Err(self.fail(
                        "questions.options",
                        q.kind.span(),
                        "a choice question needs options",
                    ))
                }
                (_, Some(opts)) => {
                    return Err(self.fail(
                        "questions.options",
                        opts.span(),
                        "only choice questions have options",
                    ))
                }
                (_, None) => Vec::new(),
            };
            if kind == QuestionKind::Scale {
                match (q.min, q.max) {
                    (Some(lo), Some(hi)) if lo < hi && hi - lo <= 20 => {}
                    _ => {
                        return Err(self.fail(
                            "questions.min/max",
                            q.kind.span(),
                            "a scale needs integer min < max, at most 20 apart",
                        ))
                    }
                }
            }
            let roles = q.roles.unwrap_or_else(|| vec![Role::Mentor, Role::Mentee]);
            if roles.is_empty() {
                return Err(self.fail(
                    "questions.roles",
                    q.id.span(),
                    "must name at least one role",
                ));
            }
            let only_if = match q.only_if {
                Some(c) => Some(self.condition(&id, &roles, c, &seen, &out)?),
                None => None,
            };
            out.push(Question {
                id,
                text,
                kind,
                options,
                min: q.min,
                max: q.max,
                min_label: q.min_label,
                max_label: q.max_label,
                roles,
                prefill: q.prefill,
                only_if,
            });
        }
        Ok(out)
    }

    /// Check question `id`'s `only_if`: it names an earlier choice question
    /// asked of every role this one is, and some of that question's options.
    fn condition(
        &self,
        id: &str,
        roles: &[Role],
        c: Spanned<Condition>,
        index: &HashMap<String, usize>,
        earlier: &[Question],
    ) -> Result<Condition> {
        const FIELD: &str = "questions.only_if";
        let span = c.span();
        let c = c.into_inner();
        let Some(on) = index.get(&c.question).and_then(|i| earlier.get(*i)) else {
            return Err(self.fail(
                FIELD,
                span,
                format!(
                    "'{}' is not a question before '{id}'; only_if names an earlier question",
                    c.question
                ),
            ));
        };
        if on.kind != QuestionKind::Choice {
            return Err(self.fail(FIELD, span, format!("'{}' is not a choice question", on.id)));
        }
        if let Some(r) = roles.iter().find(|r| !on.roles.contains(r)) {
            return Err(self.fail(
                FIELD,
                span,
                format!(
                    "'{}' is not asked of a {}, to whom '{id}' is",
                    on.id,
                    r.as_str()
                ),
            ));
        }
        if c.answers.is_empty() {
            return Err(self.fail(FIELD, span, "answers must name at least one option"));
        }
        let mut seen_answers: HashSet<&str> = HashSet::with_capacity(c.answers.len());
        for a in &c.answers {
            if !on.options.iter().any(|o| o.id == *a) {
                let known: Vec<&str> = on.options.iter().map(|o| o.id.as_str()).collect();
                return Err(self.fail(
                    FIELD,
                    span,
                    format!(
                        "'{a}' is not an option of '{}'; use one of: {}",
                        on.id,
                        known.join(", ")
                    ),
                ));
            }
            if !seen_answers.insert(a.as_str()) {
                return Err(self.fail(FIELD, span, format!("'{a}' appears twice")));
            }
        }
        Ok(c)
    }
}

fn toml_error(what: &str, src: &str, e: &toml::de::Error) -> Error {
    let reason = match e.span() {
        Some(span) => {
            let line = src[..span.start.min(src.len())]
                .bytes()
                .filter(|b| *b == b'\n')
                .count()
                + 1;
            format!("line {line}: {}", e.message().trim())
        }
        None => e.message().trim().to_string(),
    };
    Error::Format {
        what: what.to_string(),
        reason,
    }
}

/// Parse and validate a pack file. Errors name the line and field at fault.
pub fn parse(src: &str) -> Result<Pack> {
    parse_as(src, "pack", false)
}

fn parse_as(src: &str, what: &str, builtin: bool) -> Result<Pack> {
    if src.len() > MAX_PACK_BYTES {
        return Err(Error::Format {
            what: what.into(),
            reason: format!("file is larger than {} KiB", MAX_PACK_BYTES / 1024),
        });
    }
    let raw: RawPack = toml::from_str(src).map_err(|e| toml_error(what, src, &e))?;
    let c = Check { src, what };
    let format_version = c.header(&raw.format, &raw.format_version, FORMAT)?;
    let program = Program {
        id: c.id("program.id", &raw.program.id)?,
        name: c.text("program.name", &raw.program.name)?,
        version: c.text("program.version", &raw.program.version)?,
        description: raw.program.description.trim().to_string(),
    };
    let mut checkin = CheckinSchedule {
        days_after_match: vec![90],
        min_group_size: 5,
        timing: SurveyTiming::default(),
        survey_criteria: false,
        drop_off: None,
        terms: Vec::new(),
    };
    if let Some(ch) = raw.checkin {
        if let Some(days) = ch.days_after_match {
            let span = days.span();
            let days = days.into_inner();
            if days.is_empty() {
                return Err(c.fail("checkin.days_after_match", span, "needs at least one day"));
            }
            if days.iter().any(|d| !(1..=730).contains(d)) {
                return Err(c.fail(
                    "checkin.days_after_match",
                    span,
                    "each day must be between 1 and 730",
                ));
            }
            if days.windows(2).any(|w| w[0] >= w[1]) {
                return Err(c.fail(
                    "checkin.days_after_match",
                    span,
                    "days must be strictly increasing",
                ));
            }
            checkin.days_after_match = days;
        }
        if let Some(k) = ch.min_group_size {
            if !(1..=100).contains(k.get_ref()) {
                return Err(c.fail(
                    "checkin.min_group_size",
                    k.span(),
                    "must be between 1 and 100",
                ));
            }
            checkin.min_group_size = *k.get_ref();
        }
        checkin.timing = ch.survey_timing.unwrap_or_default();
        checkin.survey_criteria = ch.survey_criteria.unwrap_or(false);
        if let Some(d) = ch.drop_off {
            let text = d.get_ref().trim();
            let n = text.chars().count();
            if n == 0 || n > MAX_DROP_OFF || text.chars().any(char::is_control) {
                return Err(c.fail(
                    "checkin.drop_off",
                    d.span(),
                    format!("must be 1–{MAX_DROP_OFF} printable characters"),
                ));
            }
            checkin.drop_off = Some(text.to_string());
        }
        if let Some(terms) = ch.terms {
            let span = terms.span();
            for t in terms.into_inner() {
                let name = t.name.trim();
                let n = name.chars().count();
                if n == 0 || n > MAX_TERM_NAME || name.chars().any(char::is_control) {
                    return Err(c.fail(
                        "checkin.terms",
                        span.clone(),
                        format!("a term's name must be 1–{MAX_TERM_NAME} printable characters"),
                    ));
                }
                let from =
                    chrono::NaiveDate::parse_from_str(t.from.trim(), "%Y-%m-%d").map_err(|_| {
                        c.fail(
                            "checkin.terms",
                            span.clone(),
                            format!("term '{name}': from must be a date, YYYY-MM-DD"),
                        )
                    })?;
                if checkin.terms.last().is_some_and(|l: &Term| l.from >= from) {
                    return Err(c.fail(
                        "checkin.terms",
                        span.clone(),
                        "terms must be listed oldest first, each beginning after the one before",
                    ));
                }
                if checkin.terms.iter().any(|l| l.name == name) {
                    return Err(c.fail(
                        "checkin.terms",
                        span.clone(),
                        format!("term '{name}' is listed twice"),
                    ));
                }
                checkin.terms.push(Term {
                    name: name.to_string(),
                    from,
                });
            }
        }
        if checkin.timing == SurveyTiming::Term && checkin.terms.is_empty() {
            return Err(Error::Format {
                what: what.into(),
                reason:
                    "checkin.survey_timing = \"term\" needs checkin.terms (each { name, from })"
                        .into(),
            });
        }
    }
    if raw.cohorts.is_empty() {
        return Err(Error::Format {
            what: what.into(),
            reason: "cohorts: a pack needs at least one [[cohorts]] entry".into(),
        });
    }
    let mut cohorts: Vec<Cohort> = Vec::with_capacity(raw.cohorts.len());
    let mut seen_cohorts: HashSet<String> = HashSet::with_capacity(raw.cohorts.len());
    for rc in raw.cohorts {
        let id = c.id("cohorts.id", &rc.id)?;
        if !seen_cohorts.insert(id.clone()) {
            return Err(c.fail("cohorts.id", rc.id.span(), format!("'{id}' appears twice")));
        }
        let mut criteria: Vec<CriterionDef> = Vec::with_capacity(rc.criteria.len());
        let mut seen_criteria: HashSet<String> = HashSet::with_capacity(rc.criteria.len());
        for cr in rc.criteria {
            let cid = c.id("cohorts.criteria.id", &cr.id)?;
            if !seen_criteria.insert(cid.clone()) {
                return Err(c.fail(
                    "cohorts.criteria.id",
                    cr.id.span(),
                    format!("'{cid}' appears twice"),
                ));
            }
            criteria.push(CriterionDef {
                id: cid,
                text: c.text("cohorts.criteria.text", &cr.text)?,
            });
        }
        let suggested_goals = rc
            .suggested_goals
            .iter()
            .map(|g| c.text("cohorts.suggested_goals", g))
            .collect::<Result<Vec<_>>>()?;
        cohorts.push(Cohort {
            id,
            name: c.text("cohorts.name", &rc.name)?,
            list_tag: rc
                .list_tag
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            description: rc.description.trim().to_string(),
            suggested_goals,
            criteria,
        });
    }
    let default_questions = raw.questions.is_empty();
    let questions = if default_questions {
        default_question_set()?
    } else {
        c.questions(raw.questions)?
    };
    Ok(Pack {
        format_version,
        program,
        checkin,
        cohorts,
        questions,
        default_questions,
        builtin,
    })
}

/// The built-in check-in questions, used by packs that list none.
pub fn default_question_set() -> Result<Vec<Question>> {
    let what = "built-in questions";
    let raw: RawQuestions =
        toml::from_str(DEFAULT_QUESTIONS).map_err(|e| toml_error(what, DEFAULT_QUESTIONS, &e))?;
    let c = Check {
        src: DEFAULT_QUESTIONS,
        what,
    };
    c.header(&raw.format, &raw.format_version, "trellis-questions")?;
    c.questions(raw.questions)
}

/// The packs compiled into Trellis.
pub fn builtin() -> Result<Vec<Pack>> {
    Ok(builtin_parsed()?.to_vec())
}

/// The built-in packs, parsed once per process: every screen that shows a
/// pair asks for its pack, and parsing the TOML each time cost more than
/// the screen's queries.
fn builtin_parsed() -> Result<&'static [Pack]> {
    static PARSED: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
    if let Some(p) = PARSED.get() {
        return Ok(p);
    }
    let parsed = [OPENSTACK, GENERIC]
        .iter()
        .map(|src| parse_as(src, "built-in pack", true))
        .collect::<Result<Vec<_>>>()?;
    Ok(PARSED.get_or_init(|| parsed))
}

/// Import (or replace) a pack from its TOML text. Nothing is stored when it is refused.
pub fn import(db: &Db, src: &str) -> Result<Pack> {
    let pack = parse(src)?;
    let now = chrono::Utc::now().to_rfc3339();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO pack (program_id, version, name, source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (program_id) DO UPDATE SET version = excluded.version, name = excluded.name,
                 source = excluded.source, imported_at = excluded.imported_at",
            params![pack.program.id, pack.program.version, pack.program.name, src, now],
        )?;
        Ok(())
    })?;
    // Its check-in schedule may have changed for every pair in the program.
    crate::calendar::follow_all(db);
    Ok(pack)
}

/// Every pack available: imported ones, then the built-in ones they do not replace.
pub fn list(db: &Db) -> Result<Vec<PackSummary>> {
    let mut out: Vec<PackSummary> = imported(db)?.iter().map(Pack::summary).collect();
    for p in builtin()? {
        if !out.iter().any(|s| s.id == p.program.id) {
            out.push(p.summary());
        }
    }
    Ok(out)
}

fn imported(db: &Db) -> Result<Vec<Pack>> {
    let sources: Vec<String> = db.read(|c| {
        let mut st = c.prepare_cached("SELECT source FROM pack ORDER BY name")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    })?;
    sources.iter().map(|s| parse(s)).collect()
}

/// One pack by program id: an imported pack wins over a built-in one of the same id.
pub fn get(db: &Db, program_id: &str) -> Result<Pack> {
    let src: Option<String> = db.read(|c| {
        Ok(c.query_row(
            "SELECT source FROM pack WHERE program_id = ?1",
            [program_id],
            |r| r.get(0),
        )
        .optional()?)
    })?;
    if let Some(src) = src {
        return parse(&src);
    }
    builtin_parsed()?
        .iter()
        .find(|p| p.program.id == program_id)
        .cloned()
        .ok_or_else(|| Error::not_found("program", program_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
format = "trellis-pack"
format_version = "1.0"
[program]
id = "tiny"
name = "Tiny program"
version = "1"
[[cohorts]]
id = "only"
name = "The only cohort"
[[cohorts.criteria]]
id = "did-it"
text = "Did it"
"#;

    #[test]
    fn builtin_packs_parse_with_the_four_openstack_cohorts() {
        let packs = builtin().unwrap();
        let os = packs
            .iter()
            .find(|p| p.program.id == "openstack-mentoring")
            .unwrap();
        let ids: Vec<&str> = os.cohorts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["first-patch", "first-cfp", "first-cloud", "coa"]);
        assert!(os
            .cohorts
            .iter()
            .all(|c| !c.criteria.is_empty() && c.list_tag.is_some()));
        assert!(os.default_questions);
        assert!(packs.iter().any(|p| p.program.id == "generic"));
    }

    #[test]
    fn default_questions_cover_both_roles_and_allow_criteria() {
        let qs = default_question_set().unwrap();
        assert!(qs.iter().any(|q| q.kind == QuestionKind::Criteria));
        assert!(qs.iter().any(|q| q.roles == [Role::Mentor]));
        assert!(qs.iter().any(|q| q.roles == [Role::Mentee]));
    }

    #[test]
    fn a_minimal_pack_gets_the_defaults() {
        let p = parse(MINIMAL).unwrap();
        assert_eq!(p.checkin.days_after_match, [90]);
        assert_eq!(p.checkin.min_group_size, 5);
        assert!(p.default_questions && !p.questions.is_empty());
    }

    #[test]
    fn a_missing_field_is_named_with_its_line() {
        let src = MINIMAL.replace("name = \"Tiny program\"\n", "");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("line") && e.contains("name"), "{e}");
    }

    #[test]
    fn a_bad_cohort_id_names_its_line() {
        let src = MINIMAL.replace("id = \"only\"", "id = \"Only Cohort\"");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("line 9") && e.contains("cohorts.id"), "{e}");
    }

    #[test]
    fn an_unknown_major_version_is_refused() {
        let src = MINIMAL.replace("\"1.0\"", "\"2.0\"");
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("not supported"), "{e}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let src = MINIMAL.replace("version = \"1\"", "version = \"1\"\nveriosn = 2");
        assert!(parse(&src).is_err());
    }

    #[test]
    fn importing_replaces_a_builtin_of_the_same_id_and_lists_once() {
        let db = Db::open_in_memory().unwrap();
        let src = MINIMAL.replace("\"tiny\"", "\"generic\"");
        import(&db, &src).unwrap();
        let list = list(&db).unwrap();
        assert_eq!(list.iter().filter(|p| p.id == "generic").count(), 1);
        assert_eq!(get(&db, "generic").unwrap().program.name, "Tiny program");
    }

    /// MINIMAL with its own questions: a status, then `extra` after it.
    fn with_questions(extra: &str) -> String {
        format!(
            r#"{MINIMAL}
[[questions]]
id = "status"
text = "Status?"
kind = "choice"
options = [{{ id = "on", label = "On" }}, {{ id = "ended", label = "Ended" }}]

[[questions]]
id = "happy"
text = "Happy?"
kind = "scale"
min = 1
max = 5
{extra}"#
        )
    }

    #[test]
    fn a_question_can_apply_only_after_some_answers_and_old_packs_stay_valid() {
        let p = parse(&with_questions(
            "\n[[questions]]\nid = \"why\"\ntext = \"Why?\"\nkind = \"choice\"\n\
             options = [{ id = \"aa\", label = \"A\" }, { id = \"bb\", label = \"B\" }]\n\
             only_if = { question = \"status\", answers = [\"ended\"] }\n",
        ))
        .unwrap();
        let why = p.questions.iter().find(|q| q.id == "why").unwrap();
        assert_eq!(
            why.only_if,
            Some(Condition {
                question: "status".into(),
                answers: vec!["ended".into()]
            })
        );
        assert!(p
            .questions
            .iter()
            .filter(|q| q.id != "why")
            .all(|q| q.only_if.is_none()));
        let end = default_question_set()
            .unwrap()
            .into_iter()
            .find(|q| q.id == "end-reason")
            .unwrap();
        assert_eq!(
            end.only_if.map(|c| (c.question, c.answers)),
            Some(("pair-status".to_string(), vec!["ended-early".to_string()]))
        );
    }

    #[test]
    fn only_if_must_name_an_earlier_choice_question_and_its_options() {
        let why = |cond: &str| {
            with_questions(&format!(
                "\n[[questions]]\nid = \"why\"\ntext = \"Why?\"\nkind = \"scale\"\nmin = 1\nmax = 3\nonly_if = {cond}\n"
            ))
        };
        for (cond, says) in [
            (
                "{ question = \"nope\", answers = [\"ended\"] }",
                "'nope' is not a question before 'why'",
            ),
            (
                "{ question = \"why\", answers = [\"ended\"] }",
                "'why' is not a question before 'why'",
            ),
            (
                "{ question = \"happy\", answers = [\"1\"] }",
                "'happy' is not a choice question",
            ),
            (
                "{ question = \"status\", answers = [\"over\"] }",
                "'over' is not an option of 'status'; use one of: on, ended",
            ),
            (
                "{ question = \"status\", answers = [] }",
                "at least one option",
            ),
            (
                "{ question = \"status\", answers = [\"on\", \"on\"] }",
                "'on' appears twice",
            ),
            ("{ question = \"status\" }", "answers"),
            (
                "{ question = \"status\", answers = [\"on\"], when = 1 }",
                "when",
            ),
        ] {
            let e = parse(&why(cond)).unwrap_err().to_string();
            assert!(e.contains(says), "{cond}: {e}");
        }
        // A later question is not "earlier", even though it exists.
        let src = with_questions("").replace(
            "max = 5\n",
            "max = 5\nonly_if = { question = \"later\", answers = [\"x\"] }\n\n[[questions]]\nid = \"later\"\ntext = \"Later?\"\nkind = \"choice\"\noptions = [{ id = \"xx\", label = \"X\" }, { id = \"yy\", label = \"Y\" }]\n",
        );
        let e = parse(&src).unwrap_err().to_string();
        assert!(
            e.contains("'later' is not a question before 'happy'")
                && e.contains("questions.only_if"),
            "{e}"
        );
        // The condition's question must be asked of everyone this one is.
        let src = with_questions("").replace(
            "options = [{ id = \"on\", label = \"On\" }, { id = \"ended\", label = \"Ended\" }]\n",
            "options = [{ id = \"on\", label = \"On\" }, { id = \"ended\", label = \"Ended\" }]\nroles = [\"mentor\"]\n",
        ) + "only_if = { question = \"status\", answers = [\"ended\"] }\n";
        let e = parse(&src).unwrap_err().to_string();
        assert!(e.contains("'status' is not asked of a mentee"), "{e}");
    }
}
