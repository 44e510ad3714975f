//! What a command prints: one JSON document, or text for people.

use std::io::Write;

use comfy_table::{presets::UTF8_HORIZONTAL_ONLY, ContentArrangement, Table};
use serde::Serialize;
use trellis_core::{Error, Result};

pub struct Output {
    json: serde_json::Value,
    text: String,
}

impl Output {
    pub fn new(value: &impl Serialize, text: impl Into<String>) -> Result<Self> {
        let json = serde_json::to_value(value).map_err(|e| Error::Format {
            file: trellis_core::FileKind::Output,
            what: "output".into(),
            reason: e.to_string(),
        })?;
        Ok(Output {
            json,
            text: text.into(),
        })
    }

    /// Write to stdout. Unlike `println!`, a closed pipe (`trellis status |
    /// head`) is an error to handle, not a panic.
    pub fn print(&self, json: bool) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        if json {
            // Serialising a Value cannot fail.
            let doc = serde_json::to_string_pretty(&self.json).unwrap_or_default();
            writeln!(out, "{doc}")?;
        } else if !self.text.is_empty() {
            writeln!(out, "{}", self.text.trim_end())?;
        }
        out.flush()
    }
}

/// A plain table with a header row.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(|h| h.to_string()));
    for r in rows {
        t.add_row(r);
    }
    t.to_string()
}

/// The first 28 characters of an id: its millisecond timestamp and the whole
/// 42-bit counter that UUID v7 ids made in the same millisecond differ in
/// (criteria copied at once, a meeting's action items), so the shortened id
/// can be typed back. The first 18 were not enough for those.
pub fn short(id: impl std::fmt::Display) -> String {
    id.to_string().chars().take(28).collect()
}

/// A tick box.
pub fn tick(done: bool) -> &'static str {
    if done {
        "[x]"
    } else {
        "[ ]"
    }
}

/// Shorten text to one line of at most `n` characters.
pub fn line(s: &str, n: usize) -> String {
    let first = s.lines().next().unwrap_or_default();
    if first.chars().count() > n || s.lines().count() > 1 {
        let cut: String = first.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    }
}

pub fn or_dash<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
}
