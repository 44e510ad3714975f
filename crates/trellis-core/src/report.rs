//! The organizer's report: survey files read, checked and aggregated into
//! tables in which no group smaller than the minimum (K) can be seen or
//! worked out; written as one self-contained HTML file and a CSV beside it.
//!
//! Reading: inputs are files and folders (a folder's `*.json` files, not its
//! subfolders), each file at most [`survey::MAX_FILE_BYTES`] and read that
//! far only. A file is refused — named, with its reason, while the rest is
//! reported — when it is oversized, malformed, not a survey file, of an
//! unknown major version, breaks the schema or does not fit the program's
//! pack, is of another program, or repeats a respondent id already read.
//! The report's program is `--program` when given, else the program of the
//! first file (in the order given; a folder's files by name) that reads as a
//! survey file; its pack must be known to this Trellis (built in or
//! imported), and K is its `min_group_size` unless the caller gives one.
//!
//! Publishing: every table goes through [`suppression::protect`], and tables
//! that share a total are linked — the totals of the responses table (all
//! respondents, each role, each cohort) are the populations of the other
//! tables, so a total hidden there is hidden everywhere and one shown there
//! is never hidden elsewhere. Question tables count "prefer not to say" and
//! "no answer" as rows so that every table adds up to a population the
//! responses table has. The 0–10 `recommend` question is published only in
//! its Net Promoter groups (its eleven values and the groups together would
//! give away hidden values). Comments in files are never copied into the
//! report.

pub mod html;
pub mod ledger;
pub mod suppression;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::checkin::{CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::pack::{Pack, Prefill, Question, QuestionKind};
use crate::pair::Role;
use crate::survey::{self, Bucket, ClosedAnswer, Problem, ProblemKind, SurveyFile, SurveyRole};
use crate::{pack, Db, Error, Result};

/// K when neither the caller nor the pack says.
pub const DEFAULT_MIN_GROUP: u32 = 5;

/// What a report is asked for.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct ReportOptions {
    /// K: the smallest group shown (default: the pack's minimum group size).
    pub min_group: Option<u32>,
    /// The program reported on (default: the first readable file's).
    pub program: Option<String>,
}

/// A file left out of the report, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RefusedFile {
    pub path: String,
    pub kind: ProblemKind,
    pub reason: String,
}

/// One published table. `None` marks a suppressed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportTable {
    /// Stable id: `responses`, `question:<id>`, `criteria`, `activity:<name>`, `checkin`.
    pub id: String,
    pub title: String,
    /// The question's wording, for question tables.
    pub question: Option<String>,
    pub row_heading: String,
    pub rows: Vec<String>,
    /// The group of each row (the cohort, for criteria), when rows are grouped.
    pub row_groups: Option<Vec<String>>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<Option<u32>>>,
    /// Per row, when the table shows row totals.
    pub row_totals: Option<Vec<Option<u32>>>,
    /// Per column, when the table shows column totals.
    pub column_totals: Option<Vec<Option<u32>>>,
    /// The table's population, when shown and not suppressed.
    pub total: Option<u32>,
    pub shows_total: bool,
    /// Per row, a percentage worked out from published cells only.
    pub rates: Option<Vec<Option<u32>>>,
    pub rate_heading: Option<String>,
    /// Per cell, its whole percentage of its published population (the
    /// column's total, or for rows of one cohort each the row's): worked out
    /// by [`percentages`] from the published table alone, `None` where the
    /// cell or its population is hidden.
    pub percents: Vec<Vec<Option<u32>>>,
    /// When the report compares check-ins: the group each column belongs to
    /// (each column is that group at one check-in).
    pub column_groups: Option<Vec<String>>,
    /// When the report compares check-ins: the check-in of each column (of
    /// each row, for the criteria table, whose rows are the populations).
    pub checkins: Option<Vec<u32>>,
}

/// The Net Promoter Score of the `recommend` question, when its groups are published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Nps {
    pub promoters: Option<u32>,
    pub passives: Option<u32>,
    pub detractors: Option<u32>,
    /// −100 … 100; `None` unless all three groups are published.
    pub score: Option<i32>,
}

/// A group the report's tables are broken down by: one cohort of at least
/// K respondents, the other cohorts together, or all respondents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportGroup {
    pub label: String,
    /// The cohort ids it holds. A cohort in no group has no respondents.
    pub cohorts: Vec<String>,
}

/// The report: what was read, what was refused, and the published tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Report {
    pub program_id: Option<String>,
    pub program_name: Option<String>,
    pub pack_version: Option<String>,
    /// Every program the readable files belong to, in the order first met:
    /// more than one means the organizer should choose.
    pub programs: Vec<String>,
    /// K.
    pub min_group: u32,
    /// Files considered.
    pub files: u32,
    /// Respondents reported, each once (for the organizer; the published
    /// count is the responses table's total).
    pub accepted: u32,
    /// Files of a respondent already counted (re-exports, copies): only the
    /// latest revision of each respondent is counted.
    pub folded: u32,
    pub refused: Vec<RefusedFile>,
    /// The groups every table is broken down by (none when fewer than K
    /// respondents were read: then nothing is published).
    pub groups: Vec<ReportGroup>,
    pub tables: Vec<ReportTable>,
    pub nps: Option<Nps>,
    /// Why the organizer overrode the ledger's refusal, in their words.
    pub override_reason: Option<String>,
    /// The respondents counted (`respondentId#revision`), for the ledger;
    /// never published.
    #[serde(skip)]
    #[ts(skip)]
    pub respondents: Vec<String>,
}

/// The survey files named by `inputs`: files as given, and each folder's
/// `*.json` files by name (not its subfolders).
pub fn survey_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .map_err(|e| Error::io(format!("cannot read {}", input.display()), e))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| Error::io(format!("cannot list {}", input.display()), e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// Read one file, at most [`survey::MAX_FILE_BYTES`] of it, and parse it.
pub fn read_file(path: &Path) -> std::result::Result<SurveyFile, Problem> {
    let unreadable =
        |e: std::io::Error| Problem::new(ProblemKind::Unreadable, format!("cannot be read ({e})"));
    let f = std::fs::File::open(path).map_err(unreadable)?;
    let mut buf = Vec::new();
    f.take(survey::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(unreadable)?;
    survey::parse(&buf)
}

/// Does a survey file fit the program's pack? Every answer must be to one of
/// its questions (one the respondent's role is asked), with one of its
/// options or on its scale; every criterion one of the cohort's.
pub fn fits_pack(f: &SurveyFile, pk: &Pack) -> std::result::Result<(), String> {
    let cohort = match &f.cohort_id {
        Some(id) => Some(
            pk.cohorts
                .iter()
                .find(|c| c.id == *id)
                .ok_or_else(|| format!("cohort '{id}' is not a cohort of {}", pk.program.id))?,
        ),
        None => None,
    };
    let n = pk.checkin.days_after_match.len() as u32;
    if f.checkin_number > n {
        return Err(format!(
            "check-in {} is not in the program's schedule (it has {n})",
            f.checkin_number
        ));
    }
    for (id, a) in &f.answers.0 {
        let q = pk.questions.iter().find(|q| q.id == *id).ok_or_else(|| {
            format!(
                "answers '{id}', which is not a question of {} {}",
                pk.program.id, pk.program.version
            )
        })?;
        if q.kind == QuestionKind::Criteria
            || matches!(q.prefill, Some(Prefill::Role | Prefill::Cohort))
        {
            return Err(format!("answers '{id}' in answers, where it never goes"));
        }
        match f.role.role() {
            Some(r) if !q.roles.contains(&r) => {
                return Err(format!(
                    "answers '{id}', which a {} is not asked",
                    r.as_str()
                ))
            }
            None if q.roles.len() < 2 => {
                return Err(format!(
                    "answers '{id}', which only one role is asked, without a role"
                ))
            }
            _ => {}
        }
        let ok = match (q.kind, a) {
            (_, ClosedAnswer::Text(t)) if t == PREFER_NOT_TO_SAY => true,
            (QuestionKind::Choice, ClosedAnswer::Text(t)) => q.options.iter().any(|o| o.id == *t),
            (QuestionKind::Scale, ClosedAnswer::Number(v)) => {
                i64::from(q.min.unwrap_or(0)) <= *v && *v <= i64::from(q.max.unwrap_or(0))
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "the answer to '{id}' is not one the question allows"
            ));
        }
    }
    // `survey::check` has made sure criteria come with their cohort.
    if let Some(cohort) = cohort {
        for id in f.criteria.keys() {
            if !cohort.criteria.iter().any(|c| c.id == id) {
                return Err(format!(
                    "criterion '{id}' is not one of cohort {}'s",
                    cohort.id
                ));
            }
        }
        if f.activity
            .criteria_met
            .is_some_and(|c| c.of as usize > cohort.criteria.len())
        {
            return Err("activity.criteriaMet counts more criteria than the cohort has".into());
        }
    }
    Ok(())
}

/// A table before suppression: rows of answers, one column per group.
struct Draft {
    id: String,
    title: String,
    question: Option<String>,
    rows: Vec<String>,
    /// `counts[g][row]`, and each group's population (`None`: the whole
    /// column is withheld because its population is).
    columns: Vec<(Vec<u32>, Option<u32>)>,
}

/// Publish a table whose columns are the report's groups, each column on
/// its own: a column's population is known, so a column is safe exactly
/// when what its hidden cells add up to is 0 or at least K
/// ([`suppression::protect_line`]).
fn publish_by_group(d: Draft, labels: &[String], k: u32) -> ReportTable {
    let rows = d.rows.len();
    let mut cells = vec![vec![None; d.columns.len()]; rows];
    let mut totals = Vec::with_capacity(d.columns.len());
    for (g, (counts, population)) in d.columns.iter().enumerate() {
        match population {
            Some(n) if *n == 0 || *n >= k => {
                let shown = suppression::protect_line(counts, k);
                for r in 0..rows {
                    cells[r][g] = shown[r].then_some(counts[r]);
                }
                totals.push(Some(*n));
            }
            _ => totals.push(None),
        }
    }
    let total = totals.iter().copied().sum::<Option<u32>>();
    ReportTable {
        id: d.id,
        title: d.title,
        question: d.question,
        row_heading: "Answer".into(),
        rows: d.rows,
        row_groups: None,
        columns: labels.to_vec(),
        cells,
        row_totals: None,
        column_totals: Some(totals),
        total,
        shows_total: true,
        rates: None,
        rate_heading: None,
        percents: Vec::new(),
        column_groups: None,
        checkins: None,
    }
}

const NO_ANSWER: &str = "No answer";
const PNTS_LABEL: &str = "Prefer not to say";

fn is_nps(q: &Question) -> bool {
    q.id == "recommend" && q.kind == QuestionKind::Scale && q.min == Some(0) && q.max == Some(10)
}

fn scale_label(q: &Question, v: i32) -> String {
    match (Some(v) == q.min, Some(v) == q.max) {
        (true, _) => match &q.min_label {
            Some(l) => format!("{v} — {l}"),
            None => v.to_string(),
        },
        (_, true) => match &q.max_label {
            Some(l) => format!("{v} — {l}"),
            None => v.to_string(),
        },
        _ => v.to_string(),
    }
}

/// The revision a file counts as: version 1.0 files have none (0).
fn revision(f: &SurveyFile) -> u32 {
    f.revision.unwrap_or(0)
}

/// Build the report from survey files. `progress` is called after each file
/// with the number read so far. Each respondent counts once: of several
/// files with one respondent id, the latest revision (the first read, of
/// equal ones) is reported and the others are folded.
pub fn build(
    db: &Db,
    files: &[PathBuf],
    opts: &ReportOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Report> {
    let mut read: Vec<(PathBuf, std::result::Result<SurveyFile, Problem>)> =
        Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        read.push((path.clone(), read_file(path)));
        progress(i + 1);
    }
    let mut programs: Vec<String> = Vec::new();
    for f in read.iter().filter_map(|(_, r)| r.as_ref().ok()) {
        if !programs.contains(&f.program_id) {
            programs.push(f.program_id.clone());
        }
    }
    let program = match &opts.program {
        Some(p) => Some(p.trim().to_string()),
        None => programs.first().cloned(),
    };
    let pk = match &program {
        Some(id) => Some(pack::get(db, id).map_err(|e| match e {
            Error::NotFound { .. } => Error::invalid(
                "program",
                format!("'{id}' is not a program this Trellis knows; import its pack first (trellis pack import FILE)"),
            ),
            e => e,
        })?),
        None => None,
    };
    let k = opts
        .min_group
        .or(pk.as_ref().map(|p| p.checkin.min_group_size))
        .unwrap_or(DEFAULT_MIN_GROUP);
    if k == 0 {
        return Err(Error::invalid("min group", "must be at least 1"));
    }
    let mut refused = Vec::new();
    let mut accepted: Vec<SurveyFile> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut folded = 0u32;
    for (path, r) in read {
        let shown = path.display().to_string();
        let outcome = r.and_then(|f| {
            let pk = pk
                .as_ref()
                .ok_or_else(|| Problem::new(ProblemKind::Schema, "no program"))?;
            if f.program_id != pk.program.id {
                return Err(Problem::new(
                    ProblemKind::OtherProgram,
                    format!(
                        "belongs to program '{}', not '{}', which this report is for",
                        f.program_id, pk.program.id
                    ),
                ));
            }
            fits_pack(&f, pk).map_err(|r| {
                Problem::new(
                    ProblemKind::Schema,
                    format!("does not fit the program's pack ({r})"),
                )
            })?;
            Ok(f)
        });
        match outcome {
            Ok(f) => match at.get(&f.respondent_id) {
                Some(&i) => {
                    folded += 1;
                    if revision(&f) > revision(&accepted[i]) {
                        accepted[i] = f;
                    }
                }
                None => {
                    at.insert(f.respondent_id.clone(), accepted.len());
                    accepted.push(f);
                }
            },
            Err(p) => refused.push(RefusedFile {
                path: survey::printable(&shown, 500),
                kind: p.kind,
                reason: p.reason,
            }),
        }
    }
    let (groups, tables, nps) = match (&pk, accepted.is_empty()) {
        (Some(pk), false) => aggregate(pk, &accepted, k),
        _ => (Vec::new(), Vec::new(), None),
    };
    let mut respondents: Vec<String> = accepted
        .iter()
        .map(|f| format!("{}#{}", f.respondent_id, revision(f)))
        .collect();
    respondents.sort();
    Ok(Report {
        program_id: pk.as_ref().map(|p| p.program.id.clone()),
        program_name: pk.as_ref().map(|p| p.program.name.clone()),
        pack_version: pk.as_ref().map(|p| p.program.version.clone()),
        programs,
        min_group: k,
        files: files.len() as u32,
        accepted: accepted.len() as u32,
        folded,
        refused,
        groups,
        tables,
        nps,
        override_reason: None,
        respondents,
    })
}

const ROLE_ROWS: [(SurveyRole, &str); 3] = [
    (SurveyRole::Mentor, "Mentor"),
    (SurveyRole::Mentee, "Mentee"),
    (SurveyRole::PreferNotToSay, "Role not stated"),
];

/// The groups a report breaks its tables down by: each cohort with at least
/// `k` respondents on its own, the others together as "Other cohorts" — at
/// least `k` as well, or the smallest cohorts shown on their own join it
/// until it is. When no cohort stands on its own, or any file does not name
/// its cohort (the pack did not ask), one group of all respondents; when
/// there are fewer than `k` respondents, no group at all.
pub fn groups(pk: &Pack, files: &[SurveyFile], k: u32) -> Vec<ReportGroup> {
    let n = files.len() as u32;
    if n == 0 || n < k {
        return Vec::new();
    }
    let size = |id: &str| {
        files
            .iter()
            .filter(|f| f.cohort_id.as_deref() == Some(id))
            .count() as u32
    };
    let every_file_names_its_cohort = files.iter().all(|f| f.cohort_id.is_some());
    let mut own: Vec<(usize, u32)> = pk
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| (i, size(&c.id)))
        .filter(|(_, s)| every_file_names_its_cohort && *s >= k)
        .collect();
    let mut other = n - own.iter().map(|(_, s)| s).sum::<u32>();
    while other > 0 && other < k {
        // Fold the smallest cohort shown on its own (the last of equal ones).
        let Some(pos) = own
            .iter()
            .enumerate()
            .min_by_key(|(pos, (_, s))| (*s, std::cmp::Reverse(*pos)))
            .map(|(pos, _)| pos)
        else {
            break;
        };
        other += own.remove(pos).1;
    }
    if own.is_empty() || (own.len() == 1 && other == 0) {
        return vec![ReportGroup {
            label: match pk.cohorts.as_slice() {
                [only] => only.name.clone(),
                _ => "All respondents".into(),
            },
            cohorts: pk.cohorts.iter().map(|c| c.id.clone()).collect(),
        }];
    }
    let mut out: Vec<ReportGroup> = own
        .iter()
        .map(|(i, _)| ReportGroup {
            label: pk.cohorts[*i].name.clone(),
            cohorts: vec![pk.cohorts[*i].id.clone()],
        })
        .collect();
    if other > 0 {
        out.push(ReportGroup {
            label: "Other cohorts".into(),
            cohorts: pk
                .cohorts
                .iter()
                .enumerate()
                .filter(|(i, _)| !own.iter().any(|(j, _)| j == i))
                .map(|(_, c)| c.id.clone())
                .collect(),
        });
    }
    out
}

/// Aggregate accepted files into the report's groups and published tables.
///
/// Every table is broken down by the same groups, each of at least K
/// respondents, and each group's column is published on its own against
/// its population (the group, or for a question only one role is asked,
/// that role in the group — published only when the responses table shows
/// it). No table publishes a sum across groups other than the total of
/// all respondents, so no column constrains another. Graduation criteria
/// are shown only for cohorts that are a group of their own.
pub fn aggregate(
    pk: &Pack,
    files: &[SurveyFile],
    k: u32,
) -> (Vec<ReportGroup>, Vec<ReportTable>, Option<Nps>) {
    let groups = groups(pk, files, k);
    if groups.is_empty() {
        return (groups, Vec::new(), None);
    }
    let members: Vec<Vec<&SurveyFile>> = groups
        .iter()
        .map(|g| {
            files
                .iter()
                .filter(|f| f.cohort_id.as_ref().is_none_or(|c| g.cohorts.contains(c)))
                .collect()
        })
        .collect();
    let sizes: Vec<Option<u32>> = members.iter().map(|m| Some(m.len() as u32)).collect();
    let mut tables = Vec::new();
    let labels: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();

    // The check-in numbers per group: their counts are the populations of
    // the columns when check-ins are compared.
    let sched = pk.checkin.days_after_match.len() as u32;
    let checkin_table = publish_by_group(
        Draft {
            id: "checkin".into(),
            title: "Check-in".into(),
            question: None,
            rows: (1..=sched)
                .map(|i| {
                    format!(
                        "Check-in {i} ({} days after the match)",
                        pk.checkin.days_after_match[i as usize - 1]
                    )
                })
                .collect(),
            columns: members
                .iter()
                .zip(&sizes)
                .map(|(m, n)| {
                    (
                        (1..=sched)
                            .map(|i| m.iter().filter(|f| f.checkin_number == i).count() as u32)
                            .collect(),
                        *n,
                    )
                })
                .collect(),
        },
        &labels,
        k,
    );
    // The columns of every other table: each group, or — when two check-ins
    // or more have respondents shown — each group at each of them, side by
    // side. A column's population is then the group at that check-in, as
    // the check-in table publishes it (the column is withheld when it is
    // hidden there); no table publishes a group across check-ins, so a
    // column constrains no other.
    let checkins = compared_checkins(&checkin_table);
    let compare = checkins.len() >= 2;
    let (labels, col_groups, col_checkins, col_group, members, sizes) = if compare {
        let mut gi = Vec::new();
        let mut l = Vec::new();
        let mut cg = Vec::new();
        let mut ci = Vec::new();
        let mut m = Vec::new();
        let mut n = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for i in &checkins {
                l.push(if groups.len() == 1 {
                    format!("Check-in {i}")
                } else {
                    format!("{} · check-in {i}", group.label)
                });
                cg.push(group.label.clone());
                ci.push(*i);
                gi.push(g);
                m.push(
                    members[g]
                        .iter()
                        .copied()
                        .filter(|f| f.checkin_number == *i)
                        .collect::<Vec<_>>(),
                );
                n.push(checkin_table.cells[*i as usize - 1][g]);
            }
        }
        (l, Some(cg), Some(ci), gi, m, n)
    } else {
        let gi = (0..groups.len()).collect();
        (labels, None, None, gi, members, sizes)
    };
    let ncols = labels.len();
    let mark = |mut t: ReportTable| {
        t.column_groups = col_groups.clone();
        t.checkins = col_checkins.clone();
        t
    };

    // 1. Responses by role, per group.
    let responses = publish_by_group(
        Draft {
            id: "responses".into(),
            title: "Responses by role".into(),
            question: None,
            rows: ROLE_ROWS.iter().map(|(_, l)| l.to_string()).collect(),
            columns: members
                .iter()
                .zip(&sizes)
                .map(|(m, n)| {
                    (
                        ROLE_ROWS
                            .iter()
                            .map(|(r, _)| m.iter().filter(|f| f.role == *r).count() as u32)
                            .collect(),
                        *n,
                    )
                })
                .collect(),
        },
        &labels,
        k,
    );
    let responses = mark(responses);
    // A role's population in a column: published in the responses table, or withheld.
    let role_pop = |r: Role, g: usize| -> Option<u32> {
        let row = match r {
            Role::Mentor => 0,
            Role::Mentee => 1,
        };
        responses.cells[row][g]
    };
    let role_pops: Vec<[Option<u32>; 2]> = (0..ncols)
        .map(|g| [role_pop(Role::Mentor, g), role_pop(Role::Mentee, g)])
        .collect();
    tables.push(responses);

    // 2. Check-in numbers.
    tables.push(checkin_table);

    // 3. Each closed question.
    let mut nps = None;
    for q in &pk.questions {
        if q.kind == QuestionKind::Criteria
            || matches!(q.prefill, Some(Prefill::Role | Prefill::Cohort))
        {
            continue;
        }
        let only = (q.roles.len() == 1).then(|| q.roles[0]);
        let mut rows: Vec<String> = Vec::new();
        type Pred<'a> = Box<dyn Fn(&ClosedAnswer) -> bool + 'a>;
        let mut preds: Vec<Pred> = Vec::new();
        let title = if is_nps(q) {
            for (label, lo, hi) in [
                ("Detractors (0–6)", 0, 6),
                ("Passives (7–8)", 7, 8),
                ("Promoters (9–10)", 9, 10),
            ] {
                rows.push(label.into());
                preds.push(Box::new(
                    move |a| matches!(a, ClosedAnswer::Number(v) if (lo..=hi).contains(v)),
                ));
            }
            "Net Promoter groups".to_string()
        } else {
            match q.kind {
                QuestionKind::Choice => {
                    for o in &q.options {
                        rows.push(o.label.clone());
                        let id = o.id.clone();
                        preds.push(Box::new(
                            move |a| matches!(a, ClosedAnswer::Text(t) if *t == id),
                        ));
                    }
                }
                _ => {
                    for v in q.min.unwrap_or(0)..=q.max.unwrap_or(0) {
                        rows.push(scale_label(q, v));
                        preds.push(Box::new(
                            move |a| matches!(a, ClosedAnswer::Number(x) if *x == i64::from(v)),
                        ));
                    }
                }
            }
            q.id.clone()
        };
        rows.push(PNTS_LABEL.into());
        preds.push(Box::new(
            |a| matches!(a, ClosedAnswer::Text(t) if t == PREFER_NOT_TO_SAY),
        ));
        rows.push(NO_ANSWER.into());
        let columns = members
            .iter()
            .enumerate()
            .map(|(g, m)| {
                let asked: Vec<&&SurveyFile> = m
                    .iter()
                    .filter(|f| only.is_none_or(|r| f.role.role() == Some(r)))
                    .collect();
                let given: Vec<&ClosedAnswer> =
                    asked.iter().filter_map(|f| f.answers.get(&q.id)).collect();
                let mut counts: Vec<u32> = preds
                    .iter()
                    .map(|p| given.iter().filter(|a| p(a)).count() as u32)
                    .collect();
                let answered: u32 = counts.iter().sum();
                counts.push(asked.len() as u32 - answered);
                let population = match only {
                    None => sizes[g],
                    Some(r) => role_pops[g][role_index(r)],
                };
                (counts, population)
            })
            .collect();
        let t = mark(publish_by_group(
            Draft {
                id: format!("question:{}", q.id),
                title,
                question: Some(q.text.clone()),
                rows,
                columns,
            },
            &labels,
            k,
        ));
        if is_nps(q) {
            let sum = |r: usize| t.cells[r].iter().copied().sum::<Option<u32>>();
            let (d, pa, pr) = (sum(0), sum(1), sum(2));
            let score = match (d, pa, pr) {
                (Some(d), Some(pa), Some(pr)) if d + pa + pr > 0 => {
                    let num = (i64::from(pr) - i64::from(d)) * 100;
                    let den = i64::from(d + pa + pr);
                    Some(((num as f64) / (den as f64)).round() as i32)
                }
                _ => None,
            };
            nps = Some(Nps {
                promoters: pr,
                passives: pa,
                detractors: d,
                score,
            });
        }
        tables.push(t);
    }

    // 4. Graduation criteria, only of cohorts that are a group of their own
    // (each row's population is its cohort, published as that group).
    let crit_cols = ["Yes", "No", "Not applicable", PNTS_LABEL, NO_ANSWER];
    let carries_criteria = files.iter().any(|f| !f.criteria.is_empty());
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut row_totals = Vec::new();
    let mut row_groups = Vec::new();
    let mut row_checkins = Vec::new();
    for (c, g) in col_group.iter().enumerate() {
        let [cohort] = groups[*g].cohorts.as_slice() else {
            continue;
        };
        let Some(co) = pk.cohorts.iter().find(|c| c.id == *cohort) else {
            continue;
        };
        if !carries_criteria {
            continue;
        }
        for d in &co.criteria {
            let mut row = vec![0u32; 5];
            for f in &members[c] {
                let i = match f.criteria.get(&d.id) {
                    Some(CriterionAnswer::Yes) => 0,
                    Some(CriterionAnswer::No) => 1,
                    Some(CriterionAnswer::NotApplicable) => 2,
                    Some(CriterionAnswer::PreferNotToSay) => 3,
                    None => 4,
                };
                row[i] += 1;
            }
            // A row whose population is withheld shows nothing.
            let shown = match sizes[c] {
                Some(_) => suppression::protect_line(&row, k),
                None => vec![false; row.len()],
            };
            cells.push(
                row.iter()
                    .zip(&shown)
                    .map(|(v, s)| s.then_some(*v))
                    .collect::<Vec<_>>(),
            );
            rows.push(d.text.clone());
            row_groups.push(match &col_checkins {
                Some(ci) => format!("{} · check-in {}", co.name, ci[c]),
                None => co.name.clone(),
            });
            row_checkins.push(col_checkins.as_ref().map(|ci| ci[c]));
            row_totals.push(sizes[c]);
        }
    }
    if !rows.is_empty() {
        let rates = cells
            .iter()
            .map(|row: &Vec<Option<u32>>| match (row[0], row[1]) {
                (Some(y), Some(n)) if y + n > 0 => {
                    Some(((y * 100 + (y + n) / 2) / (y + n)).min(100))
                }
                _ => None,
            })
            .collect();
        tables.push(ReportTable {
            id: "criteria".into(),
            title: "Graduation criteria met".into(),
            question: None,
            row_heading: "Cohort — criterion".into(),
            rows,
            row_groups: Some(row_groups),
            columns: crit_cols.iter().map(|c| c.to_string()).collect(),
            cells,
            row_totals: Some(row_totals),
            column_totals: None,
            total: None,
            shows_total: false,
            rates: Some(rates),
            rate_heading: Some("Met (of yes + no)".into()),
            percents: Vec::new(),
            column_groups: None,
            checkins: row_checkins.into_iter().collect(),
        });
    }

    // 5. Activity from the log, in buckets.
    let buckets: Vec<String> = Bucket::ALL.iter().map(|b| b.as_str().to_string()).collect();
    let by_bucket = |get: &dyn Fn(&SurveyFile) -> Bucket| -> Vec<(Vec<u32>, Option<u32>)> {
        members
            .iter()
            .zip(&sizes)
            .map(|(m, n)| {
                (
                    Bucket::ALL
                        .iter()
                        .map(|b| m.iter().filter(|f| get(f) == *b).count() as u32)
                        .collect(),
                    *n,
                )
            })
            .collect()
    };
    for (id, title, columns) in [
        (
            "meetings",
            "Meetings logged",
            by_bucket(&|f| f.activity.meetings),
        ),
        (
            "goals-set",
            "Goals set",
            by_bucket(&|f| f.activity.goals_set),
        ),
        (
            "goals-achieved",
            "Goals achieved",
            by_bucket(&|f| f.activity.goals_achieved),
        ),
    ] {
        tables.push(mark(publish_by_group(
            Draft {
                id: format!("activity:{id}"),
                title: title.into(),
                question: None,
                rows: buckets.clone(),
                columns,
            },
            &labels,
            k,
        )));
    }
    if files.iter().any(|f| f.activity.criteria_met.is_some()) {
        let share = |f: &SurveyFile| match f.activity.criteria_met {
            None => 4,
            Some(c) => match (c.met, c.of) {
                (_, 0) => 3,
                (0, _) => 0,
                (m, o) if m >= o => 2,
                _ => 1,
            },
        };
        tables.push(mark(publish_by_group(
            Draft {
                id: "activity:criteria-met".into(),
                title: "Program criteria met (from the log)".into(),
                question: None,
                rows: vec![
                    "None".into(),
                    "Some".into(),
                    "All".into(),
                    "The pair has no program criteria".into(),
                    "Not in the file".into(),
                ],
                columns: members
                    .iter()
                    .zip(&sizes)
                    .map(|(m, n)| {
                        let mut c = vec![0u32; 5];
                        for f in m {
                            c[share(f)] += 1;
                        }
                        (c, *n)
                    })
                    .collect(),
            },
            &labels,
            k,
        )));
    }

    for t in &mut tables {
        t.percents = percentages(t);
    }
    (groups, tables, nps)
}

/// The check-ins compared: those the check-in table shows a positive count
/// of, in some group — decided from published values only, so that which
/// columns there are says nothing a reader cannot see anyway.
fn compared_checkins(checkin: &ReportTable) -> Vec<u32> {
    checkin
        .cells
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|v| v.is_some_and(|n| n > 0)))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// Each published cell's whole percentage of its published population: the
/// column's total, else the row's (rows of one cohort each). Worked out
/// from `t` as published and nothing else — a hidden cell, or a cell whose
/// population is hidden, gets none — so a percentage tells no more than
/// the counts beside it do.
pub fn percentages(t: &ReportTable) -> Vec<Vec<Option<u32>>> {
    t.cells
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, v)| {
                    let of = match (&t.column_totals, &t.row_totals) {
                        (Some(ct), _) => ct.get(c).copied().flatten(),
                        (None, Some(rt)) => rt.get(r).copied().flatten(),
                        (None, None) => None,
                    };
                    match (*v, of) {
                        (Some(v), Some(of)) if of > 0 => Some(
                            ((u64::from(v) * 200 + u64::from(of)) / (2 * u64::from(of))) as u32,
                        ),
                        _ => None,
                    }
                })
                .collect()
        })
        .collect()
}

fn role_index(r: Role) -> usize {
    match r {
        Role::Mentor => 0,
        Role::Mentee => 1,
    }
}

/// The CSV of a report: one line per published value, `suppressed` where a
/// value is hidden. Columns: table, row, column, value.
pub fn csv(r: &Report) -> Result<Vec<u8>> {
    let err = |e: csv::Error| Error::Format {
        what: "report CSV".into(),
        reason: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["table", "row", "column", "value"])
        .map_err(err)?;
    let v = |x: Option<u32>| x.map_or_else(|| "suppressed".to_string(), |n| n.to_string());
    let mut meta = vec![
        ("program", r.program_id.clone().unwrap_or_default()),
        ("pack version", r.pack_version.clone().unwrap_or_default()),
        ("minimum group size", r.min_group.to_string()),
    ];
    if let Some(reason) = &r.override_reason {
        meta.push(("made despite the ledger", reason.clone()));
    }
    for (k, val) in meta {
        w.write_record(["report", k, "", &val]).map_err(err)?;
    }
    for g in &r.groups {
        w.write_record(["groups", &g.label, "cohorts", &g.cohorts.join(" ")])
            .map_err(err)?;
    }
    for t in &r.tables {
        for (ri, row) in t.rows.iter().enumerate() {
            let row = &match &t.row_groups {
                Some(g) => format!("{} — {row}", g[ri]),
                None => row.clone(),
            };
            for (ci, col) in t.columns.iter().enumerate() {
                w.write_record([&t.id, row, col, &v(t.cells[ri][ci])])
                    .map_err(err)?;
            }
            if let Some(rt) = &t.row_totals {
                w.write_record([&t.id, row, "Total", &v(rt[ri])])
                    .map_err(err)?;
            }
            if let (Some(rates), Some(h)) = (&t.rates, &t.rate_heading) {
                let rate = rates[ri].map_or_else(|| "suppressed".to_string(), |p| format!("{p}%"));
                w.write_record([&t.id, row, h, &rate]).map_err(err)?;
            }
        }
        if let Some(ct) = &t.column_totals {
            for (ci, col) in t.columns.iter().enumerate() {
                w.write_record([&t.id, "Total", col, &v(ct[ci])])
                    .map_err(err)?;
            }
        }
        if t.shows_total {
            w.write_record([&t.id, "Total", "Total", &v(t.total)])
                .map_err(err)?;
        }
    }
    if let Some(n) = &r.nps {
        w.write_record([
            "nps",
            "Net Promoter Score",
            "score",
            &n.score
                .map_or_else(|| "suppressed".into(), |s| s.to_string()),
        ])
        .map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::Format {
        what: "report CSV".into(),
        reason: e.to_string(),
    })
}

/// The check-ins a report compares side by side (none, or two or more).
pub fn compared(r: &Report) -> Vec<u32> {
    let mut out: Vec<u32> = r
        .tables
        .iter()
        .find(|t| t.id == "responses")
        .and_then(|t| t.checkins.clone())
        .unwrap_or_default();
    out.sort_unstable();
    out.dedup();
    out
}

/// Tables by id, for callers that look one up.
pub fn table<'a>(r: &'a Report, id: &str) -> Option<&'a ReportTable> {
    r.tables.iter().find(|t| t.id == id)
}

/// Published counts of a one-column table, by row label.
pub fn column_values(t: &ReportTable) -> BTreeMap<String, Option<u32>> {
    t.rows
        .iter()
        .zip(&t.cells)
        .map(|(r, c)| (r.clone(), c.first().copied().flatten()))
        .collect()
}
