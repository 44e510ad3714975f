//! Co-signed graduation: who confirmed which criterion. Each side marks a
//! criterion met on its own machine (`criterion::mark_met` records my role's
//! confirmation); sync brings the partner's. A criterion counts as confirmed
//! by both only when each side has marked it met.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::id::{CriterionId, PairId};
use crate::pair::{self, Role};
use crate::{Db, Result};

/// One side's confirmation of a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Confirmation {
    pub role: Role,
    #[ts(type = "string")]
    pub met_on: NaiveDate,
    pub evidence: Option<String>,
}

/// Who confirmed a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CriterionConfirmations {
    pub criterion_id: CriterionId,
    pub text: String,
    pub mentor: Option<Confirmation>,
    pub mentee: Option<Confirmation>,
    pub confirmed_by_both: bool,
}

fn one(c: &Connection, id: CriterionId, role: Role) -> Result<Option<Confirmation>> {
    let row: Option<(Option<NaiveDate>, Option<String>)> = c
        .prepare_cached(
            "SELECT met_on, evidence FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2",
        )?
        .query_row(rusqlite::params![id, role.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(met_on, evidence)| {
        met_on.map(|met_on| Confirmation {
            role,
            met_on,
            evidence,
        })
    }))
}

/// Every criterion of a pair with each side's confirmation, in order.
pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<CriterionConfirmations>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        let crits: Vec<(CriterionId, String)> = {
            let mut st = c.prepare_cached(
                "SELECT id, text FROM criterion WHERE pair_id = ?1 ORDER BY position, id",
            )?;
            let rows = st.query_map([pair_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        crits
            .into_iter()
            .map(|(id, text)| {
                let mentor = one(c, id, Role::Mentor)?;
                let mentee = one(c, id, Role::Mentee)?;
                Ok(CriterionConfirmations {
                    criterion_id: id,
                    text,
                    confirmed_by_both: mentor.is_some() && mentee.is_some(),
                    mentor,
                    mentee,
                })
            })
            .collect()
    })
}

/// Whether the pair is shared with the partner (an invite was made or accepted).
pub(crate) fn is_shared(c: &Connection, pair_id: PairId) -> Result<bool> {
    Ok(
        c.prepare_cached("SELECT 1 FROM sync_peer WHERE pair_id = ?1")?
            .query_row([pair_id], |_| Ok(()))
            .optional()?
            .is_some(),
    )
}

/// (confirmed by both, total) criteria of a pair.
pub(crate) fn count_both(c: &Connection, pair_id: PairId) -> Result<(u32, u32)> {
    Ok(c.prepare_cached(
        "SELECT (SELECT COUNT(*) FROM criterion c WHERE c.pair_id = ?1
                 AND (SELECT COUNT(*) FROM criterion_confirmation cc
                      WHERE cc.criterion_id = c.id AND cc.met_on IS NOT NULL) = 2),
                (SELECT COUNT(*) FROM criterion WHERE pair_id = ?1)",
    )?
    .query_row([pair_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
