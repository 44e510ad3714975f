//! The anonymised check-in survey file: what leaves a participant's machine
//! for the program's organizers. See `docs/survey-format.md` and the JSON
//! Schema `docs/schema/trellis-survey-1.2.schema.json` (version 1.1 and 1.0 files
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
//!
//! The file's format is in [`format`] (re-exported here), the comment filter
//! in [`comment`]; this module composes a file from a check-in.

mod comment;
mod format;

pub use comment::{check_comment, fold};
pub use format::*;

use crate::error::Clash;
use crate::error::FileKind;
use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::checkin::{self, Answer, CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::id::PairId;
use crate::pack::{Pack, Prefill, QuestionKind, SurveyTiming};
use crate::pair::{self, Pair, Role};
use crate::{file, pack, time, Db, Error, Reason, Result};

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
            Reason::NoSuchCheckin { number, count: n },
        ));
    }
    let saved = checkin::load(c, p.id, number)?
        .ok_or_else(|| Error::Conflict(Clash::CheckinUnanswered { number }))?;
    // The pair's criteria and how many are met, and the questions without
    // the form's suggestions (the file carries the answers given): the log
    // is counted once, below.
    let (defs, met) = checkin::pack_criteria_met(c, p, pk)?;
    let questions = checkin::questions_with(c, p, pk, &defs, None)?;
    let stale = || Error::Conflict(Clash::QuestionsChanged);
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
        cohort_id: pk.checkin.survey_cohort.then(|| p.cohort_id.clone()),
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
    checkin::respondent(c, p.id, number)?
        .ok_or_else(|| Error::Conflict(Clash::CheckinUnanswered { number }))
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
        file: FileKind::SurveyPreview,
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
            return Err(Error::Conflict(Clash::DiffersFromPreview));
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
    if let Some(c) = &f.cohort_id {
        line(
            "cohortId",
            format!(
                "your cohort ({}), because the program asks for it. The organizer can count how many of your cohort sent a file, and in a small cohort this narrows down who you may be",
                printable(c, 64)
            ),
        );
    }
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
