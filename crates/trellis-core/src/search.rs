//! Full-text search (SQLite FTS5) across goals, milestones, meetings, action
//! items and notes.

use serde::Serialize;

use crate::id::PairId;
use crate::{Db, Error, Reason, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HitKind {
    Goal,
    Milestone,
    Meeting,
    Action,
    Note,
}

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The id of the goal, milestone, meeting, action item or note.
    pub item_id: String,
    pub pair_id: PairId,
    pub partner_name: String,
    pub snippet: Vec<SnippetPart>,
}

impl SearchHit {
    /// The snippet with hits in [brackets], for plain-text output.
    pub fn snippet_text(&self) -> String {
        self.snippet
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

// Markers that cannot occur in stored text (control characters are refused on input).
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// Turn what a person typed into an FTS5 query: every word must occur, as a
/// prefix; FTS syntax characters are taken literally.
fn fts_query(q: &str) -> Option<String> {
    let terms: Vec<String> = q
        // Control characters (a NUL ends an FTS5 string early) separate words
        // too; stored text never contains them.
        .split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.replace('"', "\"\""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn split_snippet(s: &str) -> Vec<SnippetPart> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for ch in s.chars() {
        if ch == OPEN || ch == CLOSE {
            if !cur.is_empty() {
                out.push(SnippetPart {
                    text: std::mem::take(&mut cur),
                    hit,
                });
            }
            hit = ch == OPEN;
        } else if ch == '\n' || ch == '\r' {
            cur.push(' ');
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        out.push(SnippetPart { text: cur, hit });
    }
    out
}

/// Search everything, best matches first, at most `limit` hits.
pub fn query(db: &Db, q: &str, limit: u32) -> Result<Vec<SearchHit>> {
    query_in(db, q, limit, None)
}

/// [`query`], within one pair when `pair` is given (Ctrl+F on a pair's
/// screen, `trellis search --pair`): only its items, still best first.
pub fn query_in(db: &Db, q: &str, limit: u32, pair: Option<PairId>) -> Result<Vec<SearchHit>> {
    if let Some(id) = pair {
        db.read(|c| crate::pair::load(c, id).map(drop))?;
    }
    if q.chars().count() > 500 {
        return Err(Error::invalid(
            "search",
            Reason::TooLong {
                length: q.chars().count(),
                max: 500,
            },
        ));
    }
    let Some(fts) = fts_query(q) else {
        return Ok(Vec::new());
    };
    let limit = limit.clamp(1, MAX_HITS) as usize;
    db.read(|c| {
        // The LIMIT is written out, not bound: a bound LIMIT is offered to
        // FTS5's query planning, which marks the statement to be compiled
        // again whenever a value is bound — on every call (seen in a profile:
        // a fifth of a rare-word search was `sqlite3Reprepare`). Rows past
        // `limit` are never stepped to, so their snippets are not made.
        let mut st = c.prepare_cached(
            "SELECT s.kind, s.item_id, s.pair_id, p.partner_name,
                    snippet(search_index, -1, char(1), char(2), '…', 12)
             FROM search_index s JOIN pair p ON p.id = s.pair_id
             WHERE search_index MATCH ?1 AND (?2 IS NULL OR s.pair_id = ?2)
             ORDER BY rank LIMIT 200",
        )?;
        let rows = st.query_map(rusqlite::params![fts, pair], |r| {
            let kind: String = r.get(0)?;
            let snippet: String = r.get(4)?;
            Ok(SearchHit {
                kind: match kind.as_str() {
                    "goal" => HitKind::Goal,
                    "milestone" => HitKind::Milestone,
                    "meeting" => HitKind::Meeting,
                    "action" => HitKind::Action,
                    _ => HitKind::Note,
                },
                item_id: r.get(1)?,
                pair_id: r.get(2)?,
                partner_name: r.get(3)?,
                snippet: split_snippet(&snippet),
            })
        })?;
        Ok(rows.take(limit).collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

/// The most hits one search gives, whatever `limit` asks for (the LIMIT
/// written in the query above).
pub const MAX_HITS: u32 = 200;

/// Make deleted text leave the full-text index at once. FTS5 by default only
/// marks a deleted row and keeps its words in the index segments until a
/// later merge, so a deleted private note would linger in the file; with its
/// `secure-delete` option (SQLite 3.42+) a delete removes the entries
/// themselves, and SQLite's `secure_delete` pragma zeroes the freed bytes.
/// The first time (databases made before this existed), an `optimize`
/// rewrites the index without what earlier deletes left behind. Idempotent;
/// a no-op read on every later open.
pub(crate) fn keep_no_trace_of_deleted_text(c: &rusqlite::Connection) -> Result<()> {
    let has_index: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_index_config')",
        [],
        |r| r.get(0),
    )?;
    if !has_index {
        return Ok(());
    }
    let on: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM search_index_config WHERE k = 'secure-delete' AND v = 1)",
        [],
        |r| r.get(0),
    )?;
    if !on {
        // Rolled back on drop if either statement fails.
        let tx = c.unchecked_transaction()?;
        tx.execute_batch(
            "INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);
             INSERT INTO search_index (search_index) VALUES ('optimize');",
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_syntax_in_a_query_is_taken_literally() {
        assert_eq!(
            fts_query("gerrit AND \"x"),
            Some("\"gerrit\"* \"AND\"* \"\"\"x\"*".into())
        );
        assert_eq!(fts_query("  * ( "), None);
    }

    #[test]
    fn a_search_gives_at_most_the_hits_asked_for_and_never_more_than_max_hits() {
        use crate::note::{self, Attachment, NewNote, Visibility};
        use crate::pair::{self, NewPair, Role};
        let db = Db::open_in_memory().unwrap();
        let p = pair::add(
            &db,
            NewPair {
                my_role: Some(Role::Mentee),
                partner_name: "Ada".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2026-03-01".parse().unwrap(),
                my_tz: "UTC".parse().unwrap(),
                partner_tz: "UTC".parse().unwrap(),
                cadence_days: 14,
                own_criteria: vec![],
            },
        )
        .unwrap();
        for i in 0..MAX_HITS + 5 {
            note::add(
                &db,
                p.id,
                NewNote {
                    body: format!("keystone review number {i}"),
                    visibility: Visibility::Shared,
                    attach: Attachment::None,
                },
            )
            .unwrap();
        }
        assert_eq!(query(&db, "keystone", 7).unwrap().len(), 7);
        assert_eq!(query(&db, "keystone", 0).unwrap().len(), 1);
        assert_eq!(
            query(&db, "keystone", 10_000).unwrap().len(),
            MAX_HITS as usize
        );
        // The same statement serves every limit: a later, larger one is not
        // cut to an earlier one.
        assert_eq!(query(&db, "keystone", 60).unwrap().len(), 60);
        assert_eq!(query(&db, "number 42", 60).unwrap().len(), 1);
    }

    #[test]
    fn snippets_split_into_hits_and_context() {
        let parts = split_snippet("a \u{1}b\u{2} c");
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "a ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "b".into(),
                    hit: true
                },
                SnippetPart {
                    text: " c".into(),
                    hit: false
                },
            ]
        );
    }
}
