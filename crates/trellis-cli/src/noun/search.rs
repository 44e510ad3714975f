use trellis_core::id::PairId;
use trellis_core::{search, Db, Resolve, Result};

use crate::output::{short, table, Output};

#[derive(clap::Args)]
pub struct Args {
    /// Words to look for (every word must occur; prefixes match).
    query: Vec<String>,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Only within this pair (its id, or the start of it).
    #[arg(long)]
    pair: Option<String>,
}

pub fn run(db: &Db, a: Args) -> Result<Output> {
    let q = a.query.join(" ");
    let pair = a
        .pair
        .as_deref()
        .map(|p| PairId::resolve(db, p))
        .transpose()?;
    let hits = search::query_in(db, &q, a.limit, pair)?;
    let text = if hits.is_empty() {
        format!("Nothing matches '{q}'.")
    } else {
        let rows = hits
            .iter()
            .map(|h| {
                vec![
                    format!("{:?}", h.kind).to_lowercase(),
                    short(&h.item_id),
                    h.partner_name.clone(),
                    h.snippet_text(),
                ]
            })
            .collect();
        table(&["KIND", "ID", "PAIR", "MATCH"], rows)
    };
    Output::new(&hits, text)
}
