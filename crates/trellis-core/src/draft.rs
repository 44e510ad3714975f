//! Quick-capture drafts: saved as they are typed, so closing the window or a
//! crash loses nothing; published as a note when the person is done.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::note::{self, Attachment, Note, Visibility};
use crate::{pair, text, time, Db, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Draft {
    pub pair_id: PairId,
    pub body: String,
    pub visibility: Visibility,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// Save what is typed so far (an empty body removes the draft).
pub fn save(db: &Db, pair_id: PairId, body: &str, visibility: Visibility) -> Result<Option<Draft>> {
    // Drafts keep the text exactly as typed (no trimming), within the limit.
    text::optional("note", body, text::MAX_BODY)?;
    let now = time::now();
    db.write(|tx| {
        pair::load(tx, pair_id)?;
        if body.trim().is_empty() {
            tx.execute("DELETE FROM draft WHERE pair_id = ?1", [pair_id])?;
            return Ok(None);
        }
        tx.prepare_cached(
            "INSERT INTO draft (pair_id, body, visibility, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (pair_id) DO UPDATE SET body = excluded.body, visibility = excluded.visibility,
                 updated_at = excluded.updated_at",
        )?
        .execute(params![pair_id, body, visibility.as_str(), time::stamp(now)])?;
        Ok(Some(Draft {
            pair_id,
            body: body.to_string(),
            visibility,
            updated_at: now,
        }))
    })
}

pub fn get(db: &Db, pair_id: PairId) -> Result<Option<Draft>> {
    db.read(|c| {
        Ok(c.prepare_cached(
            "SELECT pair_id, body, visibility, updated_at FROM draft WHERE pair_id = ?1",
        )?
        .query_row([pair_id], |r| {
            Ok(Draft {
                pair_id: r.get(0)?,
                body: r.get(1)?,
                visibility: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })
        .optional()?)
    })
}

/// Every pending draft, newest first.
pub fn list(db: &Db) -> Result<Vec<Draft>> {
    db.read(|c| {
        let mut st = c.prepare_cached(
            "SELECT pair_id, body, visibility, updated_at FROM draft ORDER BY updated_at DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Draft {
                pair_id: r.get(0)?,
                body: r.get(1)?,
                visibility: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

/// Turn the pair's draft into a note and remove the draft, in one step.
pub fn publish(db: &Db, pair_id: PairId, attach: Attachment) -> Result<Note> {
    let id = db.write(|tx| {
        let (body, vis): (String, Visibility) = tx
            .query_row(
                "SELECT body, visibility FROM draft WHERE pair_id = ?1",
                [pair_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| crate::Error::not_found("draft", pair_id.to_string()))?;
        let id = note::insert(tx, pair_id, &body, vis, attach)?;
        tx.execute("DELETE FROM draft WHERE pair_id = ?1", [pair_id])?;
        Ok(id)
    })?;
    note::get(db, id)
}

/// Throw the draft away.
pub fn discard(db: &Db, pair_id: PairId) -> Result<()> {
    db.write(|tx| {
        tx.execute("DELETE FROM draft WHERE pair_id = ?1", [pair_id])?;
        Ok(())
    })
}
