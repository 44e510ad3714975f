//! Check-ins: the pack's questions as one person of a pair sees them, answers
//! suggested from the log, the person's own answers (checked against each
//! question, kept on this machine only) and which check-in is due.
//!
//! The answers never leave the machine by themselves: they are not in a sync
//! file nor in the portable record. The anonymised survey file made from them
//! is the `survey` module's.

use crate::error::FileKind;
use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::lang::Lang;
use crate::pack::{Choice, Condition, CriterionDef, Pack, Prefill, Question, QuestionKind};
use crate::pair::{self, Pair, PairStatus, Role};
use crate::status::{self, CheckinDue, CheckinPhase};
use crate::{pack, time, Db, Error, Reason, Result};

/// The answer every question allows.
pub const PREFER_NOT_TO_SAY: &str = "prefer-not-to-say";

/// One graduation criterion in a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum CriterionAnswer {
    Yes,
    No,
    NotApplicable,
    PreferNotToSay,
}

impl CriterionAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionAnswer::Yes => "yes",
            CriterionAnswer::No => "no",
            CriterionAnswer::NotApplicable => "not-applicable",
            CriterionAnswer::PreferNotToSay => PREFER_NOT_TO_SAY,
        }
    }

    pub const ALL: [CriterionAnswer; 4] = [
        CriterionAnswer::Yes,
        CriterionAnswer::No,
        CriterionAnswer::NotApplicable,
        CriterionAnswer::PreferNotToSay,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// An answer to one question: a scale's number, a choice's option id (or
/// `prefer-not-to-say` for any question), or, for the criteria question, one
/// answer per pack criterion id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(untagged)]
#[ts(export)]
pub enum Answer {
    Number(i32),
    Text(String),
    Criteria(BTreeMap<String, CriterionAnswer>),
}

impl Answer {
    pub fn prefer_not_to_say() -> Self {
        Answer::Text(PREFER_NOT_TO_SAY.into())
    }

    pub fn is_prefer_not_to_say(&self) -> bool {
        matches!(self, Answer::Text(t) if t == PREFER_NOT_TO_SAY)
    }
}

/// A person's answers, by question id.
pub type Answers = BTreeMap<String, Answer>;

/// A question as this person of this pair sees it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinQuestion {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// The options of a choice question (`prefer-not-to-say` is always allowed besides).
    pub options: Vec<Choice>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    /// For the criteria question: the pair's pack criteria, by pack id.
    pub criteria: Vec<CriterionDef>,
    /// A suggestion filled in from the log, if the question has one.
    pub prefill: Option<Answer>,
    /// Where the suggestion comes from.
    pub prefill_from: Option<Prefill>,
    /// Asked only when an earlier question got one of some answers; see
    /// [`keep_applicable`].
    pub only_if: Option<Condition>,
}

/// Everything a check-in form needs: which check-in, the questions with their
/// suggestions, and what was answered and exported so far.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckinForm {
    pub pair_id: PairId,
    /// 1 for the first check-in of the pack's schedule.
    pub number: u32,
    /// How many check-ins the schedule has.
    pub scheduled: u32,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// Negative when the due date has passed.
    #[ts(type = "number")]
    pub days_until: i64,
    /// Where it stands, by the rule the home screen uses.
    pub phase: CheckinPhase,
    pub questions: Vec<CheckinQuestion>,
    /// The saved answers (empty when not answered yet).
    pub answers: Answers,
    #[ts(type = "string | null")]
    pub answered_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub exported_at: Option<DateTime<Utc>>,
}

/// A saved check-in.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Checkin {
    pub pair_id: PairId,
    pub number: u32,
    pub answers: Answers,
    #[ts(type = "string")]
    pub answered_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub exported_at: Option<DateTime<Utc>>,
}

/// The pair's pack criteria as the pack words them, in the cohort's order.
/// The pair's own criteria never appear; a pack criterion the pair removed
/// does not either.
pub(crate) fn pack_criteria(c: &Connection, p: &Pair, pk: &Pack) -> Result<Vec<CriterionDef>> {
    Ok(pack_criteria_met(c, p, pk)?.0)
}

/// The pair's criteria from its pack (in pack order), and how many of them
/// are met: one query.
pub(crate) fn pack_criteria_met(
    c: &Connection,
    p: &Pair,
    pk: &Pack,
) -> Result<(Vec<CriterionDef>, u32)> {
    let mine: Vec<(String, bool)> = c
        .prepare_cached(
            "SELECT pack_criterion_id, met FROM criterion WHERE pair_id = ?1 AND pack_criterion_id IS NOT NULL",
        )?
        .query_map([p.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let defs: Vec<CriterionDef> = pk
        .cohorts
        .iter()
        .find(|co| co.id == p.cohort_id)
        .map(|co| {
            co.criteria
                .iter()
                .filter(|d| mine.iter().any(|(id, _)| *id == d.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let met = defs
        .iter()
        .filter(|d| mine.iter().any(|(id, met)| *id == d.id && *met))
        .count() as u32;
    Ok((defs, met))
}

/// The questions of a pack that a person in `role` answers, in pack order.
pub fn questions_for(pk: &Pack, role: Role) -> impl Iterator<Item = &Question> {
    pk.questions.iter().filter(move |q| q.roles.contains(&role))
}

/// Meetings whose start lies in the four weeks up to `now`.
fn meetings_since(
    c: &Connection,
    pair_id: PairId,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u32> {
    Ok(c.prepare_cached(
        "SELECT COUNT(*) FROM meeting WHERE pair_id = ?1 AND starts_at > ?2 AND starts_at <= ?3",
    )?
    .query_row(
        params![pair_id, time::stamp(since), time::stamp(now)],
        |r| r.get(0),
    )?)
}

/// (goals that count — every goal not dropped — and those achieved).
pub(crate) fn goal_counts(c: &Connection, pair_id: PairId) -> Result<(u32, u32)> {
    Ok(c.prepare_cached(
        "SELECT COALESCE(SUM(status <> 'dropped'), 0), COALESCE(SUM(status = 'achieved'), 0)
             FROM goal WHERE pair_id = ?1",
    )?
    .query_row([pair_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// The option id a meeting count falls in: none / one / two-three / four-plus.
pub fn meetings_option(n: u32) -> &'static str {
    match n {
        0 => "none",
        1 => "one",
        2 | 3 => "two-three",
        _ => "four-plus",
    }
}

/// The option id of goal progress: of the goals not dropped, the share
/// achieved — none (no goal or none achieved), some (under 40 %), about-half
/// (40–60 %), most (over 60 %), all.
pub fn progress_option(counted: u32, achieved: u32) -> &'static str {
    if counted == 0 || achieved == 0 {
        return "none";
    }
    if achieved >= counted {
        return "all";
    }
    let pct = achieved * 100 / counted;
    match pct {
        0..=39 => "some",
        40..=60 => "about-half",
        _ => "most",
    }
}

/// The option id of a pair status.
pub fn status_option(s: PairStatus) -> &'static str {
    match s {
        PairStatus::Active => "active",
        PairStatus::Paused => "paused",
        PairStatus::Graduated => "graduated",
        PairStatus::Ended => "ended-early",
    }
}

fn suggest(
    c: &Connection,
    p: &Pair,
    q: &Question,
    criteria: &[CriterionDef],
    now: DateTime<Utc>,
) -> Result<Option<Answer>> {
    if q.kind == QuestionKind::Criteria {
        let met: Vec<(String, bool)> = c
            .prepare_cached(
                "SELECT pack_criterion_id, met FROM criterion WHERE pair_id = ?1 AND pack_criterion_id IS NOT NULL",
            )?
            .query_map([p.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let map = criteria
            .iter()
            .map(|d| {
                let yes = met.iter().any(|(id, m)| *id == d.id && *m);
                let a = if yes {
                    CriterionAnswer::Yes
                } else {
                    CriterionAnswer::No
                };
                (d.id.clone(), a)
            })
            .collect();
        return Ok(Some(Answer::Criteria(map)));
    }
    let option = match q.prefill {
        None => return Ok(None),
        Some(Prefill::Role) => p.my_role.as_str(),
        Some(Prefill::Cohort) => p.cohort_id.as_str(),
        Some(Prefill::MeetingsLast4Weeks) => {
            let since = now - Days::new(28);
            meetings_option(meetings_since(c, p.id, since, now)?)
        }
        Some(Prefill::GoalProgress) => {
            let (counted, achieved) = goal_counts(c, p.id)?;
            progress_option(counted, achieved)
        }
        Some(Prefill::PairStatus) => status_option(p.status),
    };
    // A pack may word its options differently: suggest only what it offers.
    Ok(q.options
        .iter()
        .any(|o| o.id == option)
        .then(|| Answer::Text(option.to_string())))
}

pub(crate) fn form_questions(
    c: &Connection,
    p: &Pair,
    pk: &Pack,
    now: DateTime<Utc>,
) -> Result<Vec<CheckinQuestion>> {
    let criteria = pack_criteria(c, p, pk)?;
    questions_with(c, p, pk, &criteria, Some(now))
}

/// The form's questions with the pair's `criteria`; with suggestions from
/// the log as of `suggest_at`, or none (a survey file is checked against the
/// questions only, and the suggestions cost a count of meetings and goals).
pub(crate) fn questions_with(
    c: &Connection,
    p: &Pair,
    pk: &Pack,
    criteria: &[CriterionDef],
    suggest_at: Option<DateTime<Utc>>,
) -> Result<Vec<CheckinQuestion>> {
    questions_for(pk, p.my_role)
        .map(|q| {
            Ok(CheckinQuestion {
                id: q.id.clone(),
                text: q.text.clone(),
                kind: q.kind,
                options: q.options.iter().filter(|o| !o.retired).cloned().collect(),
                min: q.min,
                max: q.max,
                min_label: q.min_label.clone(),
                max_label: q.max_label.clone(),
                criteria: if q.kind == QuestionKind::Criteria {
                    criteria.to_vec()
                } else {
                    Vec::new()
                },
                prefill: match suggest_at {
                    Some(now) => suggest(c, p, q, criteria, now)?,
                    None => None,
                },
                prefill_from: if q.kind == QuestionKind::Criteria {
                    None
                } else {
                    q.prefill
                },
                only_if: q.only_if.clone(),
            })
        })
        .collect()
}

fn schedule(pk: &Pack, p: &Pair, number: u32, today: NaiveDate) -> Result<(NaiveDate, i64)> {
    let n = pk.checkin.days_after_match.len() as u32;
    if number == 0 || number > n {
        return Err(Error::invalid(
            "check-in",
            Reason::NoSuchCheckin { number, count: n },
        ));
    }
    let days = pk.checkin.days_after_match[number as usize - 1];
    let due_on = p.match_date + Days::new(u64::from(days));
    Ok((due_on, (due_on - today).num_days()))
}

/// Numbers of the check-ins of a pair whose survey file was written.
pub(crate) fn exported_numbers(c: &Connection, pair_id: PairId) -> Result<Vec<u32>> {
    Ok(c.prepare_cached(
        "SELECT number FROM checkin WHERE pair_id = ?1 AND exported_at IS NOT NULL ORDER BY number",
    )?
    .query_map([pair_id], |r| r.get(0))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The check-in a form opens on when none is named: the one that matters
/// now, by the same rule as the home screen ([`status::current_checkin`]).
fn default_number(c: &Connection, p: &Pair, pk: &Pack, today: NaiveDate) -> Result<u32> {
    let exported = exported_numbers(c, p.id)?;
    Ok(status::current_checkin(p, pk, today, &exported).map_or(1, |d| d.number))
}

pub(crate) fn load(c: &Connection, pair_id: PairId, number: u32) -> Result<Option<Checkin>> {
    let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = c
        .prepare_cached(
            "SELECT answers, answered_at, exported_at FROM checkin WHERE pair_id = ?1 AND number = ?2",
        )?
        .query_row(params![pair_id, number], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    row.map(|(answers, answered_at, exported_at)| {
        let answers: Answers = serde_json::from_str(&answers).map_err(|e| Error::Format {
            file: FileKind::CheckinAnswers,
            what: "stored check-in answers".into(),
            reason: e.to_string(),
        })?;
        Ok(Checkin {
            pair_id,
            number,
            answers,
            answered_at,
            exported_at,
        })
    })
    .transpose()
}

fn today_of(p: &Pair, now: DateTime<Utc>) -> Result<NaiveDate> {
    Ok(time::today_in(
        time::parse_tz("my time zone", &p.my_tz)?,
        now,
    ))
}

/// The check-in form of a pair: check-in `number`, or when `None` the one
/// that is due. Suggestions are computed as of `now`; the questions, options
/// and criteria read in `lang` where the pack gives them (ids, and so the
/// answers and the survey file, are the same in every language).
pub fn form(
    db: &Db,
    pair_id: PairId,
    number: Option<u32>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<CheckinForm> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?.in_lang(lang);
    let today = today_of(&p, now)?;
    db.read(|c| {
        let number = match number {
            Some(n) => n,
            None => default_number(c, &p, &pk, today)?,
        };
        let (due_on, days_until) = schedule(&pk, &p, number, today)?;
        let saved = load(c, p.id, number)?;
        Ok(CheckinForm {
            pair_id: p.id,
            number,
            scheduled: pk.checkin.days_after_match.len() as u32,
            due_on,
            days_until,
            phase: CheckinPhase::of(
                days_until,
                saved.as_ref().is_some_and(|s| s.exported_at.is_some()),
            ),
            questions: form_questions(c, &p, &pk, now)?,
            answers: saved
                .as_ref()
                .map(|s| s.answers.clone())
                .unwrap_or_default(),
            answered_at: saved.as_ref().map(|s| s.answered_at),
            exported_at: saved.and_then(|s| s.exported_at),
        })
    })
}

/// The check-in of a pair that is due or coming up and not yet exported
/// (none when the last one was missed or done).
pub fn due(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<Option<CheckinDue>> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let today = today_of(&p, now)?;
    db.read(|c| {
        let exported = exported_numbers(c, p.id)?;
        Ok(status::current_checkin(&p, &pk, today, &exported)
            .filter(|d| !matches!(d.phase, CheckinPhase::Missed | CheckinPhase::Done)))
    })
}

/// A saved check-in, if it was answered.
pub fn get(db: &Db, pair_id: PairId, number: u32) -> Result<Option<Checkin>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        load(c, pair_id, number)
    })
}

/// Every saved check-in of a pair — answered, and perhaps exported — by number.
pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<Checkin>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let numbers: Vec<u32> = c
            .prepare_cached("SELECT number FROM checkin WHERE pair_id = ?1 ORDER BY number")?
            .query_map([pair_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        numbers
            .into_iter()
            .filter_map(|n| load(c, pair_id, n).transpose())
            .collect()
    })
}

/// Drop the answers to questions that do not apply: going through the
/// `questions` (id and `only_if`) in form order, a question whose condition
/// does not hold on the answers kept so far loses its answer. A question
/// that does not apply is not required and tells nobody anything.
pub fn keep_applicable<'a>(
    questions: impl IntoIterator<Item = (&'a str, Option<&'a Condition>)>,
    answers: &mut Answers,
) {
    for (id, only_if) in questions {
        let Some(c) = only_if else { continue };
        let given = match answers.get(&c.question) {
            Some(Answer::Text(t)) => Some(t.as_str()),
            _ => None,
        };
        if !c.holds(given) {
            answers.remove(id);
        }
    }
}

fn one_of(q: &Question) -> Vec<String> {
    let mut ids: Vec<String> = q
        .options
        .iter()
        .filter(|o| !o.retired)
        .map(|o| o.id.clone())
        .collect();
    ids.push(PREFER_NOT_TO_SAY.to_owned());
    ids
}

/// An answer as the person gave it, for a refusal that quotes it.
fn given(a: &Answer) -> String {
    match a {
        Answer::Text(t) => t.clone(),
        Answer::Number(n) => n.to_string(),
        Answer::Criteria(_) => serde_json::to_string(a).unwrap_or_default(),
    }
}

/// Check one answer against its question.
fn check_answer(q: &Question, p: &Pair, criteria: &[CriterionDef], a: &Answer) -> Result<()> {
    let field = format!("answers.{}", q.id);
    if a.is_prefer_not_to_say() {
        return Ok(());
    }
    match (q.kind, a) {
        (QuestionKind::Choice, Answer::Text(t)) => {
            if !q.options.iter().any(|o| o.id == *t && !o.retired) {
                return Err(Error::invalid(
                    field,
                    Reason::NotAChoice {
                        value: t.clone(),
                        choices: one_of(q),
                    },
                ));
            }
            if q.prefill == Some(Prefill::Role)
                && (t == "mentor" || t == "mentee")
                && t != p.my_role.as_str()
            {
                return Err(Error::invalid(
                    field,
                    Reason::NotYourRole {
                        role: p.my_role.as_str().to_owned(),
                    },
                ));
            }
            Ok(())
        }
        (QuestionKind::Choice, _) => Err(Error::invalid(
            field,
            Reason::NotAChoice {
                value: given(a),
                choices: one_of(q),
            },
        )),
        (QuestionKind::Scale, Answer::Number(n)) => {
            let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
            if (lo..=hi).contains(n) {
                Ok(())
            } else {
                Err(Error::invalid(
                    field,
                    Reason::OffScale {
                        value: n.to_string(),
                        min: lo,
                        max: hi,
                    },
                ))
            }
        }
        (QuestionKind::Scale, _) => Err(Error::invalid(
            field,
            Reason::OffScale {
                value: given(a),
                min: q.min.unwrap_or(0),
                max: q.max.unwrap_or(0),
            },
        )),
        (QuestionKind::Criteria, Answer::Criteria(map)) => {
            for id in map.keys() {
                if !criteria.iter().any(|d| d.id == *id) {
                    return Err(Error::invalid(
                        field,
                        Reason::NotOfThisPair { id: id.clone() },
                    ));
                }
            }
            Ok(())
        }
        (QuestionKind::Criteria, _) => Err(Error::invalid(field, Reason::NotCriteriaAnswers)),
    }
}

/// Save the answers to check-in `number` of a pair, replacing any saved
/// before. Every answer is checked against its question first; an unknown
/// question, option, criterion or a number off the scale is refused with
/// nothing written. Questions left out are simply unanswered; an answer to a
/// question that does not apply (its `only_if` does not hold) is not kept.
pub fn answer(db: &Db, pair_id: PairId, number: u32, mut answers: Answers) -> Result<Checkin> {
    let p = pair::get(db, pair_id)?;
    let pk = pack::get(db, &p.program_id)?;
    let now = time::now();
    schedule(&pk, &p, number, today_of(&p, now)?)?;
    db.write(|tx| {
        let criteria = pack_criteria(tx, &p, &pk)?;
        for (id, a) in &answers {
            let q = questions_for(&pk, p.my_role)
                .find(|q| q.id == *id)
                .ok_or_else(|| {
                    Error::invalid(
                        format!("answers.{id}"),
                        Reason::NotAQuestion {
                            id: id.clone(),
                            role: p.my_role.as_str().to_owned(),
                        },
                    )
                })?;
            check_answer(q, &p, &criteria, a)?;
        }
        keep_applicable(
            questions_for(&pk, p.my_role).map(|q| (q.id.as_str(), q.only_if.as_ref())),
            &mut answers,
        );
        let json = serde_json::to_string(&answers).map_err(|e| Error::Format {
            file: FileKind::CheckinAnswers,
            what: "check-in answers".into(),
            reason: e.to_string(),
        })?;
        // The respondent id is made once, with the first answers, from
        // nothing but randomness; answering again keeps it.
        tx.execute(
            "INSERT INTO checkin (pair_id, number, answers, answered_at, exported_at, respondent_id, revision)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5, 0)
             ON CONFLICT (pair_id, number) DO UPDATE SET answers = excluded.answers,
                 answered_at = excluded.answered_at",
            params![
                pair_id,
                number,
                json,
                time::stamp(now),
                uuid::Uuid::new_v4().to_string()
            ],
        )?;
        load(tx, pair_id, number)?.ok_or_else(|| Error::not_found("check-in", number.to_string()))
    })
}

/// Read answers written as a JSON object `{questionId: answer}` (a number, an
/// option id, `prefer-not-to-say`, or for the criteria question an object
/// `{criterionId: yes | no | not-applicable | prefer-not-to-say}`).
pub fn parse_answers(json: &str) -> Result<Answers> {
    let bad = |reason: String| Error::Format {
        file: FileKind::CheckinAnswers,
        what: "answers".into(),
        reason,
    };
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    let obj = v
        .as_object()
        .ok_or_else(|| bad("must be a JSON object {questionId: answer}".into()))?;
    let mut out = Answers::new();
    for (k, v) in obj {
        let a = match v {
            serde_json::Value::String(s) => Answer::Text(s.clone()),
            serde_json::Value::Number(n) => Answer::Number(
                n.as_i64()
                    .and_then(|i| i32::try_from(i).ok())
                    .ok_or_else(|| bad(format!("'{k}': {n} is not a whole number")))?,
            ),
            serde_json::Value::Object(m) => {
                let mut map = BTreeMap::new();
                for (cid, cv) in m {
                    let a = cv
                        .as_str()
                        .and_then(CriterionAnswer::parse)
                        .ok_or_else(|| {
                            bad(format!(
                                "'{k}'.'{cid}': use yes, no, not-applicable or {PREFER_NOT_TO_SAY}"
                            ))
                        })?;
                    map.insert(cid.clone(), a);
                }
                Answer::Criteria(map)
            }
            _ => {
                return Err(bad(format!(
                    "'{k}': an answer is a number, an option id or, for criteria, an object"
                )))
            }
        };
        out.insert(k.clone(), a);
    }
    Ok(out)
}

/// Mark a check-in's survey file written, as its `revision`-th file.
pub(crate) fn mark_exported(
    c: &Connection,
    pair_id: PairId,
    number: u32,
    at: DateTime<Utc>,
    revision: u32,
) -> Result<()> {
    c.execute(
        "UPDATE checkin SET exported_at = ?3, revision = ?4 WHERE pair_id = ?1 AND number = ?2",
        params![pair_id, number, time::stamp(at), revision],
    )?;
    Ok(())
}

/// A check-in's respondent id and how many survey files were written for
/// it; `None` when it was never answered.
pub(crate) fn respondent(
    c: &Connection,
    pair_id: PairId,
    number: u32,
) -> Result<Option<(String, u32)>> {
    let row: Option<(Option<String>, u32)> = c
        .prepare_cached(
            "SELECT respondent_id, revision FROM checkin WHERE pair_id = ?1 AND number = ?2",
        )?
        .query_row(params![pair_id, number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Ok(None),
        Some((Some(id), rev)) => Ok(Some((id, rev))),
        Some((None, _)) => Err(Error::Format {
            file: FileKind::CheckinAnswers,
            what: "stored check-in".into(),
            reason: "it has no respondent id".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::NewPair;

    fn pair(db: &Db) -> PairId {
        pair::add(
            db,
            NewPair {
                my_role: Some(Role::Mentee),
                partner_name: "Sam Rivera".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2026-01-05".parse().unwrap(),
                my_tz: "Europe/Berlin".parse().unwrap(),
                partner_tz: "America/Chicago".parse().unwrap(),
                cadence_days: 14,
                own_criteria: Vec::new(),
            },
        )
        .unwrap()
        .id
    }

    #[test]
    fn a_pair_lists_only_the_check_ins_it_answered() {
        let db = Db::open_in_memory().unwrap();
        let id = pair(&db);
        assert_eq!(list(&db, id).unwrap(), Vec::new());

        let mut a = Answers::new();
        a.insert("satisfaction".into(), Answer::Number(4));
        let saved = answer(&db, id, 1, a).unwrap();

        assert_eq!(list(&db, id).unwrap(), vec![saved]);
    }

    #[test]
    fn listing_the_check_ins_of_an_unknown_pair_is_not_found() {
        let db = Db::open_in_memory().unwrap();
        let err = list(&db, PairId::new()).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::NotFound);
    }
}
