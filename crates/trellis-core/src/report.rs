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
use suppression::{CountTable, Fix, Published};

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

/// The report: what was read, what was refused, and the published tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Report {
    pub program_id: Option<String>,
    pub program_name: Option<String>,
    pub pack_version: Option<String>,
    /// K.
    pub min_group: u32,
    /// Files considered.
    pub files: u32,
    /// Files reported (for the organizer; the published count is the
    /// responses table's total).
    pub accepted: u32,
    pub refused: Vec<RefusedFile>,
    pub tables: Vec<ReportTable>,
    pub nps: Option<Nps>,
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
    let cohort = pk
        .cohorts
        .iter()
        .find(|c| c.id == f.cohort_id)
        .ok_or_else(|| {
            format!(
                "cohort '{}' is not a cohort of {}",
                f.cohort_id, pk.program.id
            )
        })?;
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
    for id in f.criteria.keys() {
        if !cohort.criteria.iter().any(|c| c.id == id) {
            return Err(format!(
                "criterion '{id}' is not one of cohort {}'s",
                cohort.id
            ));
        }
    }
    if f.activity.criteria_met.of as usize > cohort.criteria.len() {
        return Err("activity.criteriaMet counts more criteria than the cohort has".into());
    }
    Ok(())
}

/// A table before suppression.
struct Draft {
    id: String,
    title: String,
    question: Option<String>,
    row_heading: String,
    rows: Vec<String>,
    row_groups: Option<Vec<String>>,
    columns: Vec<String>,
    counts: CountTable,
    show_row_totals: bool,
    show_column_totals: bool,
    show_total: bool,
    rate_heading: Option<String>,
}

fn publish(d: Draft, k: u32) -> (ReportTable, Published) {
    let p = suppression::protect(&d.counts, k);
    let t = &d.counts;
    let cells: Vec<Vec<Option<u32>>> = t
        .cells
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, v)| p.cells[r][c].then_some(*v))
                .collect()
        })
        .collect();
    let row_totals = d.show_row_totals.then(|| {
        (0..t.cells.len())
            .map(|r| p.row_totals[r].then(|| t.row_total(r)))
            .collect()
    });
    let column_totals = d.show_column_totals.then(|| {
        (0..d.columns.len())
            .map(|c| p.col_totals[c].then(|| t.col_total(c)))
            .collect()
    });
    let rates = d.rate_heading.as_ref().map(|_| {
        // Criteria: yes / (yes + no), from published cells only.
        cells
            .iter()
            .map(|row| {
                match (
                    row.first().copied().flatten(),
                    row.get(1).copied().flatten(),
                ) {
                    (Some(y), Some(n)) if y + n > 0 => {
                        Some(((y * 100 + (y + n) / 2) / (y + n)).min(100))
                    }
                    _ => None,
                }
            })
            .collect()
    });
    let table = ReportTable {
        id: d.id,
        title: d.title,
        question: d.question,
        row_heading: d.row_heading,
        rows: d.rows,
        row_groups: d.row_groups,
        columns: d.columns,
        cells,
        row_totals,
        column_totals,
        total: (d.show_total && p.grand_total).then(|| t.grand()),
        shows_total: d.show_total,
        rates,
        rate_heading: d.rate_heading,
    };
    (table, p)
}

fn fix(published: bool) -> Fix {
    if published {
        Fix::Shown
    } else {
        Fix::Hidden
    }
}

/// A one-column table over a population whose size another table decides.
fn column(
    id: String,
    title: String,
    question: Option<String>,
    rows: Vec<String>,
    counts: Vec<u32>,
    population: Fix,
) -> Draft {
    let n = counts.len();
    Draft {
        id,
        title,
        question,
        row_heading: "Answer".into(),
        rows,
        row_groups: None,
        columns: vec!["Respondents".into()],
        counts: CountTable {
            cells: counts.into_iter().map(|c| vec![c]).collect(),
            row_totals: vec![Fix::Hidden; n],
            col_totals: vec![population],
            grand_total: population,
        },
        show_row_totals: false,
        show_column_totals: false,
        show_total: true,
        rate_heading: None,
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

/// Build the report from survey files. `progress` is called after each file
/// with the number read so far.
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
    let program = match &opts.program {
        Some(p) => Some(p.trim().to_string()),
        None => read
            .iter()
            .find_map(|(_, r)| r.as_ref().ok().map(|f| f.program_id.clone())),
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
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
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
            if let Some(first) = seen.get(&f.respondent_id) {
                return Err(Problem::new(
                    ProblemKind::Duplicate,
                    format!(
                        "duplicate of {} (same respondentId); only the first is counted",
                        survey::printable(&first.display().to_string(), 200)
                    ),
                ));
            }
            seen.insert(f.respondent_id.clone(), path.clone());
            Ok(f)
        });
        match outcome {
            Ok(f) => accepted.push(f),
            Err(p) => refused.push(RefusedFile {
                path: survey::printable(&shown, 500),
                kind: p.kind,
                reason: p.reason,
            }),
        }
    }
    let (tables, nps) = match (&pk, accepted.is_empty()) {
        (Some(pk), false) => aggregate(pk, &accepted, k),
        _ => (Vec::new(), None),
    };
    Ok(Report {
        program_id: pk.as_ref().map(|p| p.program.id.clone()),
        program_name: pk.as_ref().map(|p| p.program.name.clone()),
        pack_version: pk.as_ref().map(|p| p.program.version.clone()),
        min_group: k,
        files: files.len() as u32,
        accepted: accepted.len() as u32,
        refused,
        tables,
        nps,
    })
}

const ROLE_COLUMNS: [(SurveyRole, &str); 3] = [
    (SurveyRole::Mentor, "Mentor"),
    (SurveyRole::Mentee, "Mentee"),
    (SurveyRole::PreferNotToSay, "Role not stated"),
];

/// Aggregate accepted files into published tables.
pub fn aggregate(pk: &Pack, files: &[SurveyFile], k: u32) -> (Vec<ReportTable>, Option<Nps>) {
    let n = files.len() as u32;
    let mut tables = Vec::new();

    // 1. Responses by cohort and role: the populations every other table uses.
    let cells: Vec<Vec<u32>> = pk
        .cohorts
        .iter()
        .map(|co| {
            ROLE_COLUMNS
                .iter()
                .map(|(r, _)| {
                    files
                        .iter()
                        .filter(|f| f.cohort_id == co.id && f.role == *r)
                        .count() as u32
                })
                .collect()
        })
        .collect();
    let mut counts = CountTable::free(cells);
    if n >= k {
        // How many files were read is no secret once it is K or more.
        counts.grand_total = Fix::Shown;
    }
    let (t, base) = publish(
        Draft {
            id: "responses".into(),
            title: "Responses by cohort and role".into(),
            question: None,
            row_heading: "Cohort".into(),
            rows: pk.cohorts.iter().map(|c| c.name.clone()).collect(),
            row_groups: None,
            columns: ROLE_COLUMNS.iter().map(|(_, l)| l.to_string()).collect(),
            counts,
            show_row_totals: true,
            show_column_totals: true,
            show_total: true,
            rate_heading: None,
        },
        k,
    );
    tables.push(t);
    let all = fix(base.grand_total);
    let role_pop = |r: Role| {
        let i = match r {
            Role::Mentor => 0,
            Role::Mentee => 1,
        };
        fix(base.col_totals[i])
    };

    // 2. Check-in numbers.
    let sched = pk.checkin.days_after_match.len() as u32;
    tables.push(
        publish(
            column(
                "checkin".into(),
                "Check-in".into(),
                None,
                (1..=sched)
                    .map(|i| {
                        format!(
                            "Check-in {i} ({} days after the match)",
                            pk.checkin.days_after_match[i as usize - 1]
                        )
                    })
                    .collect(),
                (1..=sched)
                    .map(|i| files.iter().filter(|f| f.checkin_number == i).count() as u32)
                    .collect(),
                all,
            ),
            k,
        )
        .0,
    );

    // 3. Each closed question.
    let mut nps = None;
    for q in &pk.questions {
        if q.kind == QuestionKind::Criteria
            || matches!(q.prefill, Some(Prefill::Role | Prefill::Cohort))
        {
            continue;
        }
        let (population, asked): (Fix, Vec<&SurveyFile>) = if q.roles.len() > 1 {
            (all, files.iter().collect())
        } else {
            let r = q.roles[0];
            (
                role_pop(r),
                files.iter().filter(|f| f.role.role() == Some(r)).collect(),
            )
        };
        // Each file's answer, looked up once per question (not once per
        // option, nor cloned): a report may read a hundred thousand files.
        let given: Vec<&ClosedAnswer> = asked.iter().filter_map(|f| f.answers.get(&q.id)).collect();
        let mut rows: Vec<String> = Vec::new();
        let mut values: Vec<u32> = Vec::new();
        let count =
            |pred: &dyn Fn(&ClosedAnswer) -> bool| given.iter().filter(|a| pred(a)).count() as u32;
        let title = if is_nps(q) {
            for (label, lo, hi) in [
                ("Detractors (0–6)", 0, 6),
                ("Passives (7–8)", 7, 8),
                ("Promoters (9–10)", 9, 10),
            ] {
                rows.push(label.into());
                values.push(count(
                    &|a| matches!(a, ClosedAnswer::Number(v) if (lo..=hi).contains(v)),
                ));
            }
            "Net Promoter groups".to_string()
        } else {
            match q.kind {
                QuestionKind::Choice => {
                    for o in &q.options {
                        rows.push(o.label.clone());
                        values.push(count(&|a| matches!(a, ClosedAnswer::Text(t) if *t == o.id)));
                    }
                }
                _ => {
                    for v in q.min.unwrap_or(0)..=q.max.unwrap_or(0) {
                        rows.push(scale_label(q, v));
                        values.push(count(
                            &|a| matches!(a, ClosedAnswer::Number(x) if *x == i64::from(v)),
                        ));
                    }
                }
            }
            q.id.clone()
        };
        rows.push(PNTS_LABEL.into());
        values.push(count(
            &|a| matches!(a, ClosedAnswer::Text(t) if t == PREFER_NOT_TO_SAY),
        ));
        let answered: u32 = values.iter().sum();
        rows.push(NO_ANSWER.into());
        values.push(asked.len() as u32 - answered);
        let (t, _) = publish(
            column(
                format!("question:{}", q.id),
                title,
                Some(q.text.clone()),
                rows,
                values,
                population,
            ),
            k,
        );
        if is_nps(q) {
            let (d, pa, pr) = (t.cells[0][0], t.cells[1][0], t.cells[2][0]);
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

    // 4. Graduation criteria, by cohort: each row's population is its
    // cohort's, whose total the responses table decided.
    let crit_cols = ["Yes", "No", "Not applicable", PNTS_LABEL, NO_ANSWER];
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut row_fix = Vec::new();
    let mut groups = Vec::new();
    for (ci, co) in pk.cohorts.iter().enumerate() {
        let members: Vec<&SurveyFile> = files.iter().filter(|f| f.cohort_id == co.id).collect();
        for d in &co.criteria {
            let mut row = [0u32; 5];
            for f in &members {
                let i = match f.criteria.get(&d.id) {
                    Some(CriterionAnswer::Yes) => 0,
                    Some(CriterionAnswer::No) => 1,
                    Some(CriterionAnswer::NotApplicable) => 2,
                    Some(CriterionAnswer::PreferNotToSay) => 3,
                    None => 4,
                };
                row[i] += 1;
            }
            rows.push(d.text.clone());
            groups.push(co.name.clone());
            cells.push(row.to_vec());
            row_fix.push(fix(base.row_totals[ci]));
        }
    }
    if !rows.is_empty() {
        tables.push(
            publish(
                Draft {
                    id: "criteria".into(),
                    title: "Graduation criteria met".into(),
                    question: None,
                    row_heading: "Cohort — criterion".into(),
                    rows,
                    row_groups: Some(groups),
                    columns: crit_cols.iter().map(|c| c.to_string()).collect(),
                    counts: CountTable {
                        row_totals: row_fix,
                        col_totals: vec![Fix::Hidden; crit_cols.len()],
                        grand_total: Fix::Hidden,
                        cells,
                    },
                    show_row_totals: true,
                    show_column_totals: false,
                    show_total: false,
                    rate_heading: Some("Met (of yes + no)".into()),
                },
                k,
            )
            .0,
        );
    }

    // 5. Activity from the log, in buckets.
    let buckets: Vec<String> = Bucket::ALL.iter().map(|b| b.as_str().to_string()).collect();
    let by_bucket = |get: &dyn Fn(&SurveyFile) -> Bucket| -> Vec<u32> {
        Bucket::ALL
            .iter()
            .map(|b| files.iter().filter(|f| get(f) == *b).count() as u32)
            .collect()
    };
    for (id, title, counts) in [
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
        tables.push(
            publish(
                column(
                    format!("activity:{id}"),
                    title.into(),
                    None,
                    buckets.clone(),
                    counts,
                    all,
                ),
                k,
            )
            .0,
        );
    }
    let share = |f: &SurveyFile| {
        let c = f.activity.criteria_met;
        match (c.met, c.of) {
            (_, 0) => 3,
            (0, _) => 0,
            (m, o) if m >= o => 2,
            _ => 1,
        }
    };
    let mut met = [0u32; 4];
    for f in files {
        met[share(f)] += 1;
    }
    tables.push(
        publish(
            column(
                "activity:criteria-met".into(),
                "Program criteria met (from the log)".into(),
                None,
                vec![
                    "None".into(),
                    "Some".into(),
                    "All".into(),
                    "The pair has no program criteria".into(),
                ],
                met.to_vec(),
                all,
            ),
            k,
        )
        .0,
    );
    (tables, nps)
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
    let meta = [
        ("program", r.program_id.clone().unwrap_or_default()),
        ("pack version", r.pack_version.clone().unwrap_or_default()),
        ("minimum group size", r.min_group.to_string()),
    ];
    for (k, val) in meta {
        w.write_record(["report", k, "", &val]).map_err(err)?;
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
