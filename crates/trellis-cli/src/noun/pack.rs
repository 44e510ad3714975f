use std::path::PathBuf;

use clap::Subcommand;
use trellis_core::lang::Lang;
use trellis_core::{pack, Db, Result};

use crate::output::{table, Output};

#[derive(Subcommand)]
pub enum Cmd {
    /// Import (or replace) a program pack from a TOML file.
    Import { file: PathBuf },
    /// List the packs available (built-in and imported).
    List,
    /// Show a pack: cohorts, criteria, check-in schedule, questions.
    Show { id: String },
}

pub fn run(db: &Db, cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::Import { file } => {
            let src = trellis_core::file::read_text(
                &file,
                pack::MAX_PACK_BYTES,
                trellis_core::FileKind::Pack,
            )?;
            let p = pack::import(db, &src)?;
            let text = format!(
                "Imported pack {} ({} {}) with {} cohort(s).",
                p.program.id,
                p.program.name,
                p.program.version,
                p.cohorts.len()
            );
            Output::new(&p, text)
        }
        Cmd::List => {
            let list = pack::list(db, Lang::En)?;
            let rows = list
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        p.name.clone(),
                        p.version.clone(),
                        if p.builtin { "built-in" } else { "imported" }.to_string(),
                        p.cohorts.join(", "),
                    ]
                })
                .collect();
            Output::new(
                &list,
                table(&["ID", "NAME", "VERSION", "SOURCE", "COHORTS"], rows),
            )
        }
        Cmd::Show { id } => {
            let p = pack::get(db, id.trim())?;
            let mut s = format!(
                "{} — {} (version {})\n",
                p.program.id, p.program.name, p.program.version
            );
            if !p.program.description.is_empty() {
                s.push_str(&format!("{}\n", p.program.description));
            }
            let days: Vec<String> = p
                .checkin
                .days_after_match
                .iter()
                .map(u32::to_string)
                .collect();
            s.push_str(&format!(
                "Check-ins: {} days after the match. Reports hide groups smaller than {}.\n",
                days.join(", "),
                p.checkin.min_group_size
            ));
            for c in &p.cohorts {
                s.push_str(&format!("\nCohort {} — {}", c.id, c.name));
                if let Some(tag) = &c.list_tag {
                    s.push_str(&format!(" {tag}"));
                }
                s.push('\n');
                if !c.description.is_empty() {
                    s.push_str(&format!("  {}\n", c.description));
                }
                if !c.suggested_goals.is_empty() {
                    s.push_str("  Suggested goals:\n");
                    for g in &c.suggested_goals {
                        s.push_str(&format!("    - {g}\n"));
                    }
                }
                s.push_str("  Graduation criteria:\n");
                for cr in &c.criteria {
                    s.push_str(&format!("    - {} ({})\n", cr.text, cr.id));
                }
            }
            s.push_str(&format!(
                "\n{} check-in questions{}.\n",
                p.questions.len(),
                if p.default_questions {
                    " (the built-in set)"
                } else {
                    ""
                }
            ));
            Output::new(&p, s)
        }
    }
}
