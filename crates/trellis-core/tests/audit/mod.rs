//! The exact audit of a published report, from the curious organizer's side.
//!
//! The organizer knows the published values and how the tables hang together:
//! every respondent has one cohort and one role; every table of a question
//! (or of the check-in number, or of an activity figure) counts each
//! respondent of its population once in one of its rows; a question only one
//! role is asked has that role's respondents as its population; a criteria
//! row counts each respondent of its cohort once. Nothing else links the
//! tables: answers to different questions are free of each other, so any
//! set of one-way tables over one population is the tally of some set of
//! respondents.
//!
//! With check-ins compared, the organizer knows more: each respondent
//! answered one check-in, the check-in table counts them per group and
//! check-in, and every other table's columns are a group at one check-in
//! (its criteria rows a cohort at one check-in).
//!
//! The audit writes that knowledge as an integer linear programme. Its base
//! unknowns are `n[c][r][i]`, the respondents of cohort `c` in role `r` at
//! check-in `i` (`n[c][r]` is their sum over the check-ins); every
//! published value is an equation, every hidden value an unknown. For each
//! hidden value — every suppressed cell and total, every cohort's and every
//! role's size, every `n[c][r]`, and the sum of the hidden cells of each line
//! — it finds the minimum and the maximum over all non-negative integer
//! solutions. A report is safe for `k` when each of them is 0 or at least
//! `k`: no group of 1 … k−1 can be pinned down, bounded above, or bounded
//! below.

use good_lp::{constraint, microlp, variable, Expression, ProblemVariables, Solution, SolverModel};
use trellis_core::pack::{Pack, Prefill, QuestionKind};
use trellis_core::pair::Role;
use trellis_core::report::Report;

/// No count in a report comes near this; it keeps every programme bounded.
const CAP: f64 = 1_000_000.0;

/// A linear expression over the model's unknowns: (coefficient, unknown) and a constant.
#[derive(Debug, Clone, Default)]
struct Lin {
    terms: Vec<(f64, usize)>,
    constant: f64,
}

impl Lin {
    fn var(i: usize) -> Self {
        Lin {
            terms: vec![(1.0, i)],
            constant: 0.0,
        }
    }
    fn num(v: u32) -> Self {
        Lin {
            terms: vec![],
            constant: f64::from(v),
        }
    }
    fn add(&mut self, o: &Lin) {
        self.terms.extend(o.terms.iter().copied());
        self.constant += o.constant;
    }
    fn sum<'a>(items: impl IntoIterator<Item = &'a Lin>) -> Lin {
        let mut s = Lin::default();
        for i in items {
            s.add(i);
        }
        s
    }
    fn is_known(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The organizer's model of one report.
pub struct Model {
    vars: usize,
    equations: Vec<(Lin, Lin)>,
    /// What is audited: a name and the hidden quantity.
    targets: Vec<(String, Lin)>,
}

impl Model {
    fn unknown(&mut self) -> usize {
        self.vars += 1;
        self.vars - 1
    }

    /// A published value (`Some`) or a new unknown (`None`), named for the audit.
    fn value(&mut self, v: Option<u32>, name: String) -> Lin {
        match v {
            Some(v) => Lin::num(v),
            None => {
                let x = Lin::var(self.unknown());
                self.targets.push((name, x.clone()));
                x
            }
        }
    }

    fn equal(&mut self, a: Lin, b: Lin) {
        self.equations.push((a, b));
    }

    fn bound(&self, target: &Lin, maximise: bool) -> Option<f64> {
        let mut pv = ProblemVariables::new();
        let xs: Vec<_> = (0..self.vars)
            .map(|_| pv.add(variable().integer().min(0).max(CAP)))
            .collect();
        let expr = |l: &Lin| -> Expression {
            let mut e = Expression::from(l.constant);
            for (c, i) in &l.terms {
                e += *c * xs[*i];
            }
            e
        };
        let obj = expr(target);
        let mut p = if maximise {
            pv.maximise(obj.clone())
        } else {
            pv.minimise(obj.clone())
        }
        .using(microlp);
        for (a, b) in &self.equations {
            p.add_constraint(constraint!(expr(a) == expr(b)));
        }
        let s = p.solve().ok()?;
        Some(s.eval(&obj).round())
    }

    /// Every audited quantity whose minimum or maximum is 1 … k−1, with its
    /// bounds. An infeasible model (the published report contradicts
    /// itself) is reported too.
    pub fn leaks(&self, k: u32) -> Vec<String> {
        let k = f64::from(k);
        let small = |v: f64| v >= 0.5 && v < k - 0.5;
        let mut out = Vec::new();
        for (name, t) in &self.targets {
            if t.is_known() {
                continue;
            }
            match (self.bound(t, false), self.bound(t, true)) {
                (Some(lo), Some(hi)) if !small(lo) && !small(hi) => {}
                (Some(lo), Some(hi)) => out.push(format!("{name} lies in {lo}…{hi}")),
                _ => out.push(format!("{name}: no table fits the report")),
            }
        }
        out
    }
}

/// The roles (indices of `n`) a table's population is made of.
fn roles_of(pack: &Pack, id: &str) -> Vec<usize> {
    match id.strip_prefix("question:") {
        Some(q) => {
            let q = pack
                .questions
                .iter()
                .find(|x| x.id == q)
                .expect("a question of the pack");
            assert!(q.kind != QuestionKind::Criteria && q.prefill != Some(Prefill::Role));
            if q.roles.len() == 1 {
                vec![role_index(q.roles[0])]
            } else {
                vec![0, 1, 2]
            }
        }
        None => vec![0, 1, 2],
    }
}

fn role_index(r: Role) -> usize {
    match r {
        Role::Mentor => 0,
        Role::Mentee => 1,
    }
}

/// The organizer's model of `report`, a report of `pack`.
pub fn model(pack: &Pack, report: &Report) -> Model {
    let mut m = Model {
        vars: 0,
        equations: Vec::new(),
        targets: Vec::new(),
    };
    let cohorts: Vec<&str> = pack.cohorts.iter().map(|c| c.id.as_str()).collect();
    let sched = pack.checkin.days_after_match.len();
    // n_at[c][r][i]: mentor, mentee, role not stated; check-in i + 1.
    let n_at: Vec<Vec<Vec<Lin>>> = cohorts
        .iter()
        .map(|_| {
            (0..3)
                .map(|_| (0..sched).map(|_| Lin::var(m.unknown())).collect())
                .collect()
        })
        .collect();
    let n: Vec<Vec<Lin>> = n_at
        .iter()
        .map(|row| row.iter().map(Lin::sum).collect())
        .collect();
    if sched > 1 {
        for (ci, c) in cohorts.iter().enumerate() {
            for i in 0..sched {
                m.targets.push((
                    format!("respondents of cohort {c} at check-in {}", i + 1),
                    Lin::sum(n_at[ci].iter().map(|r| &r[i])),
                ));
                for (r, label) in ["mentor", "mentee", "role not stated"].iter().enumerate() {
                    m.targets.push((
                        format!("{label}s of cohort {c} at check-in {}", i + 1),
                        n_at[ci][r][i].clone(),
                    ));
                }
            }
        }
    }
    let cohort_size: Vec<Lin> = n.iter().map(Lin::sum).collect();
    let role_size: Vec<Lin> = (0..3)
        .map(|r| Lin::sum(n.iter().map(|row| &row[r])))
        .collect();
    let all = Lin::sum(&cohort_size);
    for (ci, c) in cohorts.iter().enumerate() {
        m.targets.push((
            format!("respondents of cohort {c}"),
            cohort_size[ci].clone(),
        ));
        for (r, label) in ["mentor", "mentee", "role not stated"].iter().enumerate() {
            m.targets
                .push((format!("{label}s of cohort {c}"), n[ci][r].clone()));
        }
    }
    for (r, label) in ["mentor", "mentee", "role not stated"].iter().enumerate() {
        m.targets
            .push((format!("{label}s in all"), role_size[r].clone()));
    }
    m.targets.push(("all respondents".into(), all.clone()));

    // A cohort in no group is published as having no respondents.
    if !report.groups.is_empty() {
        for (ci, c) in cohorts.iter().enumerate() {
            if !report
                .groups
                .iter()
                .any(|g| g.cohorts.iter().any(|x| x == c))
            {
                m.equal(cohort_size[ci].clone(), Lin::num(0));
            }
        }
    }
    for t in &report.tables {
        let id = t.id.as_str();
        // Every cell: published, or an unknown.
        let cells: Vec<Vec<Lin>> = t
            .cells
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, v)| {
                        m.value(*v, format!("{id}: '{}' × '{}'", t.rows[r], t.columns[c]))
                    })
                    .collect()
            })
            .collect();
        // The sum of the hidden cells of each row and each column.
        for (r, row) in cells.iter().enumerate() {
            let hidden: Vec<&Lin> = row.iter().filter(|l| !l.is_known()).collect();
            if hidden.len() > 1 {
                m.targets.push((
                    format!("{id}: hidden cells of row '{}'", t.rows[r]),
                    Lin::sum(hidden),
                ));
            }
        }
        for c in 0..t.columns.len() {
            let hidden: Vec<&Lin> = cells
                .iter()
                .map(|row| &row[c])
                .filter(|l| !l.is_known())
                .collect();
            if hidden.len() > 1 {
                m.targets.push((
                    format!("{id}: hidden cells of column '{}'", t.columns[c]),
                    Lin::sum(hidden),
                ));
            }
        }
        let row_sum = |r: usize| Lin::sum(&cells[r]);
        let col_sum = |c: usize| Lin::sum(cells.iter().map(|row| &row[c]));
        // Published totals are equations on the cells.
        if let Some(rt) = &t.row_totals {
            for (r, v) in rt.iter().enumerate() {
                if let Some(v) = v {
                    m.equal(row_sum(r), Lin::num(*v));
                }
            }
        }
        if let Some(ct) = &t.column_totals {
            for (c, v) in ct.iter().enumerate() {
                if let Some(v) = v {
                    m.equal(col_sum(c), Lin::num(*v));
                }
            }
        }
        let grand = Lin::sum(cells.iter().flatten());
        if let Some(v) = t.total {
            m.equal(grand.clone(), Lin::num(v));
        }
        // How the table hangs on the respondents: its columns are the
        // report's groups (the criteria table's rows are cohorts).
        let in_group = |g: usize| -> Vec<usize> {
            let group = &report.groups[g];
            cohorts
                .iter()
                .enumerate()
                .filter(|(_, c)| group.cohorts.iter().any(|x| x == *c))
                .map(|(i, _)| i)
                .collect()
        };
        if id == "criteria" {
            let groups = t
                .row_groups
                .as_ref()
                .expect("criteria rows name their cohort");
            for (r, g) in groups.iter().enumerate() {
                let at = t.checkins.as_ref().map(|c| c[r]);
                let ci = pack
                    .cohorts
                    .iter()
                    .position(|c| match at {
                        None => c.name == *g,
                        Some(i) => format!("{} · check-in {i}", c.name) == *g,
                    })
                    .expect("a cohort of the pack");
                let population = match at {
                    None => cohort_size[ci].clone(),
                    Some(i) => Lin::sum(n_at[ci].iter().map(|r| &r[i as usize - 1])),
                };
                m.equal(row_sum(r), population);
            }
            continue;
        }
        // Each column: a group, or (check-ins compared) a group at one check-in.
        let column_of = |c: usize| -> (usize, Option<usize>) {
            match (&t.column_groups, &t.checkins) {
                (Some(cg), Some(ci)) => (
                    report
                        .groups
                        .iter()
                        .position(|g| g.label == cg[c])
                        .expect("a group of the report"),
                    Some(ci[c] as usize - 1),
                ),
                _ => (c, None),
            }
        };
        if t.column_groups.is_none() {
            assert_eq!(
                t.columns.len(),
                report.groups.len(),
                "{id}: one column per group"
            );
        }
        let roles = roles_of(pack, id);
        #[allow(
            clippy::needless_range_loop,
            reason = "g indexes the groups, the cells and the column sums alike"
        )]
        for col in 0..t.columns.len() {
            let (g, at) = if id == "checkin" {
                (col, None)
            } else {
                column_of(col)
            };
            let members = in_group(g);
            // n of cohort c in role r, in this column.
            let nc = |c: usize, r: usize| -> Lin {
                match at {
                    None => n[c][r].clone(),
                    Some(i) => n_at[c][r][i].clone(),
                }
            };
            if id == "responses" {
                for r in 0..3 {
                    let n_r = Lin::sum(&members.iter().map(|ci| nc(*ci, r)).collect::<Vec<_>>());
                    m.equal(cells[r][col].clone(), n_r);
                }
            } else if id == "checkin" {
                // Each row is the group's respondents at that check-in.
                for (i, row) in cells.iter().enumerate() {
                    let at = Lin::sum(
                        members
                            .iter()
                            .flat_map(|ci| n_at[*ci].iter().map(move |r| &r[i])),
                    );
                    m.equal(row[g].clone(), at);
                }
            } else {
                let population = Lin::sum(
                    &members
                        .iter()
                        .flat_map(|ci| roles.iter().map(move |r| (*ci, *r)))
                        .map(|(ci, r)| nc(ci, r))
                        .collect::<Vec<_>>(),
                );
                m.equal(col_sum(col), population);
            }
        }
    }
    m
}
