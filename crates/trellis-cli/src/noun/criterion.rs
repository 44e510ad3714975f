use crate::flag;
use clap::Subcommand;
use trellis_core::criterion::{self, Criterion, MarkMet};
use trellis_core::id::{CriterionId, PairId};
use trellis_core::{Db, Resolve, Result};

use crate::output::{or_dash, short, table, tick, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Add one of the pair's own criteria.
    Add {
        #[arg(long)]
        pair: String,
        text: String,
    },
    /// List a pair's criteria.
    List {
        #[arg(long)]
        pair: String,
    },
    /// Reword one of the pair's own criteria.
    Edit { id: String, text: String },
    /// Mark a criterion met.
    Met {
        id: String,
        /// The day it was met, YYYY-MM-DD (default today).
        #[arg(long)]
        on: Option<String>,
        /// A link to the evidence (https://…).
        #[arg(long)]
        evidence: Option<String>,
    },
    /// Mark a criterion not met.
    Unmet { id: String },
    /// Delete one of the pair's own criteria.
    Delete { id: String },
}

fn one(c: &Criterion) -> String {
    let mut s = format!("{} {} ({})", tick(c.met), c.text, short(c.id));
    if let Some(on) = c.met_on {
        s.push_str(&format!(" — met {on}"));
    }
    if let Some(by) = c.confirmed_by {
        s.push_str(&format!(", confirmed by the {}", by.as_str()));
    }
    if let Some(e) = &c.evidence {
        s.push_str(&format!(", evidence {e}"));
    }
    s
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    let c = match cmd {
        Cmd::Add { pair, text } => criterion::add(db, PairId::resolve(db, &pair)?, &text)?,
        Cmd::List { pair } => {
            let list = criterion::list(db, PairId::resolve(db, &pair)?)?;
            let met = list.iter().filter(|c| c.met).count();
            let rows = list
                .iter()
                .map(|c| {
                    vec![
                        short(c.id),
                        tick(c.met).to_string(),
                        c.text.clone(),
                        or_dash(c.met_on),
                        c.evidence.clone().unwrap_or_else(|| "—".into()),
                        c.pack_criterion_id.clone().unwrap_or_else(|| "own".into()),
                    ]
                })
                .collect();
            let mut text = table(
                &["ID", "MET", "CRITERION", "MET ON", "EVIDENCE", "SOURCE"],
                rows,
            );
            text.push_str(&format!("\n{met} of {} met", list.len()));
            if !list.is_empty() && met == list.len() {
                text.push_str(" — ready to graduate");
            }
            return Output::new(&list, text);
        }
        Cmd::Edit { id, text } => criterion::edit(db, CriterionId::resolve(db, &id)?, &text)?,
        Cmd::Met { id, on, evidence } => {
            let on = flag::opt_date("met on", on.as_deref().filter(|d| !d.trim().is_empty()))?;
            criterion::mark_met(db, CriterionId::resolve(db, &id)?, MarkMet { on, evidence })?
        }
        Cmd::Unmet { id } => criterion::unmark(db, CriterionId::resolve(db, &id)?)?,
        Cmd::Delete { id } => {
            let id = CriterionId::resolve(db, &id)?;
            let item = criterion::delete(db, id)?;
            return super::trash::moved("criterion", id, &item);
        }
    };
    let text = one(&c);
    Output::new(&c, text)
}
