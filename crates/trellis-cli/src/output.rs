//! What a command prints: one JSON document, or text for people.

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
            what: "output".into(),
            reason: e.to_string(),
        })?;
        Ok(Output {
            json,
            text: text.into(),
        })
    }

    pub fn print(&self, json: bool) {
        if json {
            // Serialising a Value cannot fail.
            println!(
                "{}",
                serde_json::to_string_pretty(&self.json).unwrap_or_default()
            );
        } else if !self.text.is_empty() {
            println!("{}", self.text.trim_end());
        }
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

/// The first 18 characters of an id (its millisecond timestamp and 12 random
/// bits): unique in practice, and any unique prefix can be typed back.
pub fn short(id: impl std::fmt::Display) -> String {
    id.to_string().chars().take(18).collect()
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
