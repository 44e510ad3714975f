//! Rules for text people type: trimmed, bounded, required where it must be.

use crate::{Error, Reason, Result};

/// Longest single-line text (titles, names).
pub const MAX_LINE: usize = 500;
/// Longest free text (notes, agendas).
pub const MAX_BODY: usize = 100_000;

/// Trim; refuse empty or over-long text.
pub fn required(field: &str, s: &str, max: usize) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, Reason::Required));
    }
    optional(field, t, max)
}

/// Trim; refuse over-long text; empty is fine.
pub fn optional(field: &str, s: &str, max: usize) -> Result<String> {
    let t = s.trim();
    let n = t.chars().count();
    if n > max {
        return Err(Error::invalid(field, Reason::TooLong { length: n, max }));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(field, Reason::ControlCharacters));
    }
    Ok(t.to_string())
}

/// An evidence link: http(s) only, so a saved link can never run code.
pub fn url(field: &str, s: &str) -> Result<String> {
    let t = optional(field, s, 2000)?;
    let lower = t.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://"))
        || t.contains(char::is_whitespace)
    {
        return Err(Error::invalid(field, Reason::NotALink { value: t }));
    }
    Ok(t)
}

/// `template` with each `{name}` replaced by its value. Only the template
/// is scanned, so a value that itself holds `{…}` (a partner's name, say)
/// is written as it is.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if values.iter().any(|(n, _)| *n == name) => {
                let v = values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
                out.push_str(v.unwrap_or_default());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a template asks for, sorted: every language of a word table
/// must ask for the same ones ([`fill`] fills them).
#[cfg(test)]
pub(crate) fn placeholders(template: &str) -> Vec<String> {
    let mut v: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
        .collect();
    v.sort();
    v
}
