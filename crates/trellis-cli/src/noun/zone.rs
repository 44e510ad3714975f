use clap::Subcommand;
use trellis_core::{zone, Result};

use crate::output::Output;

#[derive(Subcommand)]
pub enum Cmd {
    /// The canonical IANA zone names (old names such as Asia/Calcutta map to
    /// the current one), and this computer's zone.
    List {
        /// Only names (or old names) containing this text.
        search: Option<String>,
    },
}

pub fn run(cmd: Cmd) -> Result<Output> {
    match cmd {
        Cmd::List { search } => {
            let list = zone::list();
            let q = search.unwrap_or_default().to_lowercase().replace(' ', "_");
            let mut lines: Vec<String> = list
                .names
                .iter()
                .filter(|n| n.to_lowercase().contains(&q))
                .cloned()
                .collect();
            for zone::ZoneAlias { alias, zone: name } in &list.aliases {
                if !q.is_empty() && alias.to_lowercase().contains(&q) {
                    lines.push(format!("{name} (formerly {alias})"));
                }
            }
            let text = if lines.is_empty() {
                format!("No zone matches '{q}'. Try part of a city, e.g. trellis zone list kolkata")
            } else {
                format!("{}\nThis computer: {}", lines.join("\n"), list.system)
            };
            Output::new(&list, text)
        }
    }
}
