//! Reading a pack file: the TOML as written (with spans, so that an error
//! names its line) and the checks that turn it into a [`Pack`], or refuse
//! it with every problem found. See `docs/pack-format.md`.

use crate::error::FileKind;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::translation::{RawTranslation, Texts};
use super::{
    CheckinSchedule, Choice, Cohort, Condition, CriterionDef, Pack, Prefill, Program, Question,
    QuestionKind, SurveyTiming, Term, DEFAULT_QUESTIONS, FORMAT, FORMAT_MAJOR, MAX_DROP_OFF,
    MAX_PACK_BYTES, MAX_TERM_NAME,
};
use crate::lang::Lang;
use crate::pair::Role;
use crate::{Error, Result};

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
    #[serde(default)]
    translations: BTreeMap<Spanned<String>, RawTranslation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestions {
    format: Spanned<String>,
    format_version: Spanned<String>,
    questions: Vec<RawQuestion>,
    #[serde(default)]
    translations: BTreeMap<Spanned<String>, RawTranslation>,
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
    survey_cohort: Option<Spanned<bool>>,
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
pub(super) struct Check<'a> {
    src: &'a str,
    what: &'a str,
}

impl Check<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.src.len());
        self.src[..end].bytes().filter(|b| *b == b'\n').count() + 1
    }

    pub(super) fn fail(
        &self,
        field: &str,
        span: Range<usize>,
        reason: impl std::fmt::Display,
    ) -> Error {
        Error::Format {
            file: FileKind::Pack,
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

    pub(super) fn text(&self, field: &str, v: &Spanned<String>) -> Result<String> {
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
                    if opts.iter().filter(|o| !o.retired).count() < 2 {
                        return Err(self.fail(
                            "questions.options",
                            span,
                            "a choice needs at least 2 options that are not retired",
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
        file: FileKind::Pack,
        what: what.to_string(),
        reason,
    }
}

/// Parse and validate a pack file. Errors name the line and field at fault.
pub fn parse(src: &str) -> Result<Pack> {
    parse_as(src, "pack", false)
}

pub(super) fn parse_as(src: &str, what: &str, builtin: bool) -> Result<Pack> {
    if src.len() > MAX_PACK_BYTES {
        return Err(Error::Format {
            file: FileKind::Pack,
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
        survey_cohort: false,
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
        checkin.survey_cohort = match ch.survey_cohort {
            Some(sc) if !*sc.get_ref() && checkin.survey_criteria => {
                return Err(c.fail(
                    "checkin.survey_cohort",
                    sc.span(),
                    "cannot be false while survey_criteria = true: a cohort's criteria tell its cohort",
                ));
            }
            Some(sc) => *sc.get_ref(),
            None => checkin.survey_criteria,
        };
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
                file: FileKind::Pack,
                what: what.into(),
                reason:
                    "checkin.survey_timing = \"term\" needs checkin.terms (each { name, from })"
                        .into(),
            });
        }
    }
    if raw.cohorts.is_empty() {
        return Err(Error::Format {
            file: FileKind::Pack,
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
    let mut pack = Pack {
        format_version,
        program,
        checkin,
        cohorts,
        questions,
        default_questions,
        builtin,
        translations: BTreeMap::new(),
    };
    let own = c.translations(raw.translations, Some(&pack), &pack.questions)?;
    // The built-in questions come with their own translations; the pack's
    // texts for one of them win.
    if default_questions {
        pack.translations = defaults()?.1.clone();
    }
    for (lang, texts) in own {
        let t = pack.translations.entry(lang).or_default();
        t.program_name = texts.program_name;
        t.program_description = texts.program_description;
        t.cohorts = texts.cohorts;
        t.questions.extend(texts.questions);
    }
    Ok(pack)
}

/// The built-in check-in questions, used by packs that list none.
pub fn default_question_set() -> Result<Vec<Question>> {
    Ok(defaults()?.0.clone())
}

/// The built-in questions and their translations, parsed once per process.
#[allow(clippy::type_complexity)]
fn defaults() -> Result<&'static (Vec<Question>, BTreeMap<Lang, Texts>)> {
    static PARSED: std::sync::OnceLock<(Vec<Question>, BTreeMap<Lang, Texts>)> =
        std::sync::OnceLock::new();
    if let Some(p) = PARSED.get() {
        return Ok(p);
    }
    let what = "built-in questions";
    let raw: RawQuestions =
        toml::from_str(DEFAULT_QUESTIONS).map_err(|e| toml_error(what, DEFAULT_QUESTIONS, &e))?;
    let c = Check {
        src: DEFAULT_QUESTIONS,
        what,
    };
    c.header(&raw.format, &raw.format_version, "trellis-questions")?;
    let questions = c.questions(raw.questions)?;
    let translations = c.translations(raw.translations, None, &questions)?;
    Ok(PARSED.get_or_init(|| (questions, translations)))
}
