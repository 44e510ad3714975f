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

mod aggregate;
pub mod html;
pub mod ledger;
pub mod suppression;
pub mod words;

pub use aggregate::{aggregate, aggregate_in, groups, groups_in};

use crate::error::FileKind;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::checkin::PREFER_NOT_TO_SAY;
use crate::pack::{Pack, Prefill, QuestionKind};
use crate::survey::{self, ClosedAnswer, Problem, ProblemKind, SurveyFile};
use crate::{pack, Db, Error, Reason, Result};

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
    /// The language of the report (the organizer's; the shell sets it): the
    /// questions' and options' labels from the pack, and the fixed words
    /// (titles, headings, roles, "no answer" …) from [`words`]. The counts
    /// and ids do not depend on it.
    #[serde(skip)]
    #[ts(skip)]
    pub lang: crate::lang::Lang,
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
    /// Per row, whether it counts answers that are none of the question's
    /// own ("prefer not to say", "no answer"): a screen mutes those rows,
    /// whatever language their labels are in.
    pub not_an_option: Vec<bool>,
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
    /// The language its tables' fixed words are in ([`ReportOptions::lang`]),
    /// and its HTML page's.
    #[serde(skip)]
    #[ts(skip)]
    pub lang: crate::lang::Lang,
}

/// The survey files named by `inputs`: files as given, and each folder's
/// `*.json` files by name (not its subfolders).
pub fn survey_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| {
            Error::io(
                crate::IoOp::Read,
                format!("cannot read {}", input.display()),
                e,
            )
        })?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| {
                    Error::io(
                        crate::IoOp::List,
                        format!("cannot list {}", input.display()),
                        e,
                    )
                })?
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
        Some(id) => Some(
            pack::get(db, id)
                .map_err(|e| match e {
                    Error::NotFound { .. } => {
                        Error::invalid("program", Reason::UnknownProgram { id: id.clone() })
                    }
                    e => e,
                })?
                .in_lang(opts.lang),
        ),
        None => None,
    };
    let k = opts
        .min_group
        .or(pk.as_ref().map(|p| p.checkin.min_group_size))
        .unwrap_or(DEFAULT_MIN_GROUP);
    if k == 0 {
        return Err(Error::invalid("min group", Reason::AtLeast { min: 1 }));
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
        (Some(pk), false) => aggregate_in(pk, &accepted, k, opts.lang),
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
        lang: opts.lang,
    })
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

/// The CSV of a report: one line per published value, `suppressed` where a
/// value is hidden. Columns: table, row, column, value.
pub fn csv(r: &Report) -> Result<Vec<u8>> {
    let err = |e: csv::Error| Error::Format {
        file: FileKind::ReportCsv,
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
        file: FileKind::ReportCsv,
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
