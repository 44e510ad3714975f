use std::path::PathBuf;

use trellis_core::id::PairId;
use trellis_core::lang::Lang;
use trellis_core::record::{self, RecordFormat};
use trellis_core::{Db, Error, Resolve, Result};

use crate::output::Output;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    pair: String,
    /// markdown or json.
    #[arg(long, default_value = "markdown")]
    format: String,
    /// Include private notes (they are left out by default).
    #[arg(long)]
    include_private: bool,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(db: &Db, a: Args) -> Result<Output> {
    let pair = PairId::resolve(db, &a.pair)?;
    let format = RecordFormat::parse(&a.format)?;
    let body = record::export(db, pair, format, a.include_private, Lang::En)?;
    match a.out {
        Some(path) => {
            trellis_core::file::write_atomic(&path, body.as_bytes())?;
            let summary = serde_json::json!({
                "pair": pair,
                "format": format,
                "path": path,
                "bytes": body.len(),
                "includesPrivateNotes": a.include_private,
            });
            Output::new(
                &summary,
                format!("Wrote {} ({} bytes)", path.display(), body.len()),
            )
        }
        None => {
            // With --json the document is the record itself (JSON format) or wraps the Markdown.
            let value = match format {
                RecordFormat::Json => {
                    serde_json::from_str::<serde_json::Value>(&body).map_err(|e| Error::Format {
                        file: trellis_core::FileKind::Record,
                        what: "record".into(),
                        reason: e.to_string(),
                    })?
                }
                RecordFormat::Markdown => {
                    serde_json::json!({ "pair": pair, "format": format, "markdown": body })
                }
            };
            Output::new(&value, body)
        }
    }
}
