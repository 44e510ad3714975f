//! Aggregating accepted survey files into the report's groups and published
//! tables: one function per table, each publishing its columns through
//! [`suppression::protect_line`] against a population the responses or
//! check-in table publishes.
//!
//! Every table is broken down by the same groups, each of at least K
//! respondents, and each group's column is published on its own against its
//! population (the group, or for a question only one role is asked, that
//! role in the group — published only when the responses table shows it).
//! No table publishes a sum across groups other than the total of all
//! respondents, so no column constrains another. Graduation criteria are
//! shown only for cohorts that are a group of their own.

use crate::checkin::{CriterionAnswer, PREFER_NOT_TO_SAY};
use crate::pack::{Pack, Prefill, Question, QuestionKind};
use crate::pair::Role;
use crate::survey::{Bucket, ClosedAnswer, SurveyFile, SurveyRole};

use super::words::{fill, Words};
use super::{percentages, suppression, Nps, ReportGroup, ReportTable};
use crate::lang::Lang;

/// Aggregate accepted files into the report's groups and published tables:
/// the responses by role, the check-in numbers, each closed question, the
/// graduation criteria and the activity from the log, in that order; the
/// fixed words in English.
pub fn aggregate(
    pk: &Pack,
    files: &[SurveyFile],
    k: u32,
) -> (Vec<ReportGroup>, Vec<ReportTable>, Option<Nps>) {
    aggregate_in(pk, files, k, Lang::En)
}

/// [`aggregate`] with the report's fixed words (titles, headings, the rows
/// that are not pack text) in `lang`; the pack's texts are `pk`'s.
pub fn aggregate_in(
    pk: &Pack,
    files: &[SurveyFile],
    k: u32,
    lang: Lang,
) -> (Vec<ReportGroup>, Vec<ReportTable>, Option<Nps>) {
    let w = Words::of(lang);
    let groups = groups_in(pk, files, k, lang);
    if groups.is_empty() {
        return (groups, Vec::new(), None);
    }
    let checkin = checkin_table(pk, &groups, files, k, w);
    let cols = Columns::new(&groups, files, &checkin, w);
    let responses = responses_table(&cols, k, w);
    let role_pops = role_populations(&responses, cols.len());
    let mut tables = vec![responses, checkin];
    let mut nps = None;
    for q in &pk.questions {
        if q.kind == QuestionKind::Criteria
            || matches!(q.prefill, Some(Prefill::Role | Prefill::Cohort))
        {
            continue;
        }
        let t = question_table(q, &cols, &role_pops, k, w);
        if is_nps(q) {
            nps = Some(nps_of(&t));
        }
        tables.push(t);
    }
    tables.extend(criteria_table(pk, files, &groups, &cols, k, w));
    tables.extend(activity_tables(files, &cols, k, w));
    for t in &mut tables {
        t.percents = percentages(t);
    }
    (groups, tables, nps)
}

/// The files of each group.
fn members<'a>(groups: &[ReportGroup], files: &'a [SurveyFile]) -> Vec<Vec<&'a SurveyFile>> {
    groups
        .iter()
        .map(|g| {
            files
                .iter()
                .filter(|f| f.cohort_id.as_ref().is_none_or(|c| g.cohorts.contains(c)))
                .collect()
        })
        .collect()
}

/// The check-in numbers per group: their counts are the populations of the
/// columns when check-ins are compared.
fn checkin_table(
    pk: &Pack,
    groups: &[ReportGroup],
    files: &[SurveyFile],
    k: u32,
    w: &Words,
) -> ReportTable {
    let sched = pk.checkin.days_after_match.len() as u32;
    let labels: Vec<String> = groups.iter().map(|g| g.label.clone()).collect();
    publish_by_group(
        Draft {
            id: "checkin".into(),
            title: w.checkin_title.into(),
            question: None,
            rows: (1..=sched)
                .map(|i| {
                    let days = pk.checkin.days_after_match[i as usize - 1].to_string();
                    fill(w.checkin_row, &[("i", &i.to_string()), ("days", &days)])
                })
                .collect(),
            muted: Vec::new(),
            columns: members(groups, files)
                .iter()
                .map(|m| {
                    (
                        (1..=sched)
                            .map(|i| m.iter().filter(|f| f.checkin_number == i).count() as u32)
                            .collect(),
                        Some(m.len() as u32),
                    )
                })
                .collect(),
        },
        &labels,
        k,
        w,
    )
}

/// The columns of every table but the check-in table: each group, or — when
/// two check-ins or more have respondents shown — each group at each of
/// them, side by side. A column's population is then the group at that
/// check-in, as the check-in table publishes it (the column is withheld
/// when it is hidden there); no table publishes a group across check-ins,
/// so a column constrains no other.
struct Columns<'a> {
    labels: Vec<String>,
    /// The report's fixed words.
    words: &'static Words,
    /// Each column's group label and check-in, when check-ins are compared.
    groups_of: Option<Vec<String>>,
    checkins: Option<Vec<u32>>,
    /// Each column's group (an index into the report's groups).
    group: Vec<usize>,
    members: Vec<Vec<&'a SurveyFile>>,
    sizes: Vec<Option<u32>>,
}

impl<'a> Columns<'a> {
    fn new(
        groups: &[ReportGroup],
        files: &'a [SurveyFile],
        checkin: &ReportTable,
        w: &'static Words,
    ) -> Self {
        let members = members(groups, files);
        let checkins = compared_checkins(checkin);
        if checkins.len() < 2 {
            return Columns {
                labels: groups.iter().map(|g| g.label.clone()).collect(),
                words: w,
                groups_of: None,
                checkins: None,
                group: (0..groups.len()).collect(),
                sizes: members.iter().map(|m| Some(m.len() as u32)).collect(),
                members,
            };
        }
        let (mut labels, mut groups_of, mut at, mut group, mut cols, mut sizes) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for (g, grp) in groups.iter().enumerate() {
            for i in &checkins {
                let n = i.to_string();
                labels.push(if groups.len() == 1 {
                    fill(w.checkin_column, &[("i", &n)])
                } else {
                    fill(w.group_at_checkin, &[("group", &grp.label), ("i", &n)])
                });
                groups_of.push(grp.label.clone());
                at.push(*i);
                group.push(g);
                cols.push(
                    members[g]
                        .iter()
                        .copied()
                        .filter(|f| f.checkin_number == *i)
                        .collect(),
                );
                sizes.push(checkin.cells[*i as usize - 1][g]);
            }
        }
        Columns {
            labels,
            words: w,
            groups_of: Some(groups_of),
            checkins: Some(at),
            group,
            members: cols,
            sizes,
        }
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    /// Each column's counts by `count`, beside its population.
    fn count(&self, count: impl Fn(&[&SurveyFile]) -> Vec<u32>) -> Vec<(Vec<u32>, Option<u32>)> {
        self.members
            .iter()
            .zip(&self.sizes)
            .map(|(m, n)| (count(m), *n))
            .collect()
    }

    /// Publish `d` over these columns, marked with their groups and check-ins.
    fn publish(&self, d: Draft, k: u32) -> ReportTable {
        let mut t = publish_by_group(d, &self.labels, k, self.words);
        t.column_groups = self.groups_of.clone();
        t.checkins = self.checkins.clone();
        t
    }
}

/// The responses by role, per column.
fn responses_table(cols: &Columns, k: u32, w: &Words) -> ReportTable {
    cols.publish(
        Draft {
            id: "responses".into(),
            title: w.responses.into(),
            question: None,
            rows: w.roles.iter().map(|l| l.to_string()).collect(),
            muted: Vec::new(),
            columns: cols.count(|m| {
                ROLE_ROWS
                    .iter()
                    .map(|r| m.iter().filter(|f| f.role == *r).count() as u32)
                    .collect()
            }),
        },
        k,
    )
}

/// Each role's population in each column: published in the responses
/// table, or withheld.
fn role_populations(responses: &ReportTable, ncols: usize) -> Vec<[Option<u32>; 2]> {
    (0..ncols)
        .map(|g| {
            [
                responses.cells[role_index(Role::Mentor)][g],
                responses.cells[role_index(Role::Mentee)][g],
            ]
        })
        .collect()
}

/// One closed question: its options (or scale values, or for the 0–10
/// `recommend` question its Net Promoter groups), "prefer not to say" and
/// "no answer", per column, against the column's population — or for a
/// question only one role is asked, that role's in the column.
fn question_table(
    q: &Question,
    cols: &Columns,
    role_pops: &[[Option<u32>; 2]],
    k: u32,
    w: &Words,
) -> ReportTable {
    let only = (q.roles.len() == 1).then(|| q.roles[0]);
    let mut rows: Vec<String> = Vec::new();
    type Pred<'a> = Box<dyn Fn(&ClosedAnswer) -> bool + 'a>;
    let mut preds: Vec<Pred> = Vec::new();
    let title = if is_nps(q) {
        for (label, lo, hi) in [
            (w.nps_rows[0], 0, 6),
            (w.nps_rows[1], 7, 8),
            (w.nps_rows[2], 9, 10),
        ] {
            rows.push(label.into());
            preds.push(Box::new(
                move |a| matches!(a, ClosedAnswer::Number(v) if (lo..=hi).contains(v)),
            ));
        }
        w.nps_title.to_string()
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
    let mut muted = vec![false; rows.len()];
    rows.push(w.prefer_not_to_say.into());
    preds.push(Box::new(
        |a| matches!(a, ClosedAnswer::Text(t) if t == PREFER_NOT_TO_SAY),
    ));
    rows.push(w.no_answer.into());
    muted.extend([true, true]);
    let columns = cols
        .members
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
                None => cols.sizes[g],
                Some(r) => role_pops[g][role_index(r)],
            };
            (counts, population)
        })
        .collect();
    cols.publish(
        Draft {
            id: format!("question:{}", q.id),
            title,
            question: Some(q.text.clone()),
            rows,
            muted,
            columns,
        },
        k,
    )
}

/// The Net Promoter figures of the `recommend` table as published: the
/// score only when all three groups are shown.
fn nps_of(t: &ReportTable) -> Nps {
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
    Nps {
        promoters: pr,
        passives: pa,
        detractors: d,
        score,
    }
}

/// Graduation criteria, only of cohorts that are a group of their own
/// (each row's population is its cohort, published as that group).
fn criteria_table(
    pk: &Pack,
    files: &[SurveyFile],
    groups: &[ReportGroup],
    cols: &Columns,
    k: u32,
    w: &Words,
) -> Option<ReportTable> {
    if !files.iter().any(|f| !f.criteria.is_empty()) {
        return None;
    }
    let [yes, no, not_applicable] = w.criterion_answers;
    let crit_cols = [yes, no, not_applicable, w.prefer_not_to_say, w.no_answer];
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut row_totals = Vec::new();
    let mut row_groups = Vec::new();
    let mut row_checkins = Vec::new();
    for (c, g) in cols.group.iter().enumerate() {
        let [cohort] = groups[*g].cohorts.as_slice() else {
            continue;
        };
        let Some(co) = pk.cohorts.iter().find(|c| c.id == *cohort) else {
            continue;
        };
        for d in &co.criteria {
            let mut row = vec![0u32; 5];
            for f in &cols.members[c] {
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
            let shown = match cols.sizes[c] {
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
            row_groups.push(match &cols.checkins {
                Some(ci) => fill(
                    w.group_at_checkin,
                    &[("group", &co.name), ("i", &ci[c].to_string())],
                ),
                None => co.name.clone(),
            });
            row_checkins.push(cols.checkins.as_ref().map(|ci| ci[c]));
            row_totals.push(cols.sizes[c]);
        }
    }
    if rows.is_empty() {
        return None;
    }
    let rates = cells
        .iter()
        .map(|row: &Vec<Option<u32>>| match (row[0], row[1]) {
            (Some(y), Some(n)) if y + n > 0 => Some(((y * 100 + (y + n) / 2) / (y + n)).min(100)),
            _ => None,
        })
        .collect();
    Some(ReportTable {
        id: "criteria".into(),
        title: w.criteria_title.into(),
        question: None,
        row_heading: w.criteria_row_heading.into(),
        not_an_option: vec![false; rows.len()],
        rows,
        row_groups: Some(row_groups),
        columns: crit_cols.iter().map(|c| c.to_string()).collect(),
        cells,
        row_totals: Some(row_totals),
        column_totals: None,
        total: None,
        shows_total: false,
        rates: Some(rates),
        rate_heading: Some(w.criteria_rate.into()),
        percents: Vec::new(),
        column_groups: None,
        checkins: row_checkins.into_iter().collect(),
    })
}

/// Activity from the log, in buckets; the program criteria the log marks
/// met only when files carry them.
fn activity_tables(files: &[SurveyFile], cols: &Columns, k: u32, w: &Words) -> Vec<ReportTable> {
    let buckets: Vec<String> = Bucket::ALL.iter().map(|b| b.as_str().to_string()).collect();
    let by_bucket = |get: fn(&SurveyFile) -> Bucket| {
        cols.count(|m| {
            Bucket::ALL
                .iter()
                .map(|b| m.iter().filter(|f| get(f) == *b).count() as u32)
                .collect()
        })
    };
    let mut tables = Vec::new();
    for (id, title, columns) in [
        ("meetings", w.meetings, by_bucket(|f| f.activity.meetings)),
        (
            "goals-set",
            w.goals_set,
            by_bucket(|f| f.activity.goals_set),
        ),
        (
            "goals-achieved",
            w.goals_achieved,
            by_bucket(|f| f.activity.goals_achieved),
        ),
    ] {
        tables.push(cols.publish(
            Draft {
                id: format!("activity:{id}"),
                title: title.into(),
                question: None,
                rows: buckets.clone(),
                muted: Vec::new(),
                columns,
            },
            k,
        ));
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
        tables.push(cols.publish(
            Draft {
                id: "activity:criteria-met".into(),
                title: w.criteria_met_title.into(),
                question: None,
                rows: w.criteria_met_rows.iter().map(|r| r.to_string()).collect(),
                muted: Vec::new(),
                columns: cols.count(|m| {
                    let mut c = vec![0u32; 5];
                    for f in m {
                        c[share(f)] += 1;
                    }
                    c
                }),
            },
            k,
        ));
    }
    tables
}

/// A table before suppression: rows of answers, one column per group.
struct Draft {
    id: String,
    title: String,
    question: Option<String>,
    rows: Vec<String>,
    /// The rows that are none of the question's own answers ("prefer not to
    /// say", "no answer"); empty when none is.
    muted: Vec<bool>,
    /// `counts[g][row]`, and each group's population (`None`: the whole
    /// column is withheld because its population is).
    columns: Vec<(Vec<u32>, Option<u32>)>,
}

/// Publish a table whose columns are the report's groups, each column on
/// its own: a column's population is known, so a column is safe exactly
/// when what its hidden cells add up to is 0 or at least K
/// ([`suppression::protect_line`]).
fn publish_by_group(d: Draft, labels: &[String], k: u32, w: &Words) -> ReportTable {
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
        row_heading: w.answer.into(),
        not_an_option: (0..rows).map(|r| d.muted.get(r) == Some(&true)).collect(),
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

/// The rows of the responses table, in the order of [`Words::roles`].
const ROLE_ROWS: [SurveyRole; 3] = [
    SurveyRole::Mentor,
    SurveyRole::Mentee,
    SurveyRole::PreferNotToSay,
];

/// The groups a report breaks its tables down by: each cohort with at least
/// `k` respondents on its own, the others together as "Other cohorts" — at
/// least `k` as well, or the smallest cohorts shown on their own join it
/// until it is. When no cohort stands on its own, or any file does not name
/// its cohort (the pack did not ask), one group of all respondents; when
/// there are fewer than `k` respondents, no group at all.
pub fn groups(pk: &Pack, files: &[SurveyFile], k: u32) -> Vec<ReportGroup> {
    groups_in(pk, files, k, Lang::En)
}

/// [`groups`], labelled in `lang` where a label is not a cohort's name.
pub fn groups_in(pk: &Pack, files: &[SurveyFile], k: u32, lang: Lang) -> Vec<ReportGroup> {
    let w = Words::of(lang);
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
                _ => w.all_respondents.into(),
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
            label: w.other_cohorts.into(),
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

fn role_index(r: Role) -> usize {
    match r {
        Role::Mentor => 0,
        Role::Mentee => 1,
    }
}
