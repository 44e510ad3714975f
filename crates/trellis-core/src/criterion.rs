//! Graduation criteria: copied from the pack's cohort when a pair starts, or
//! the pair's own; marked met with a date, evidence and who confirmed it.

use crate::error::Clash;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::id::{CriterionId, PairId};
use crate::lang::Lang;
use crate::pair::{self, Role};
use crate::trash::{self, TrashItem, TrashKind};
use crate::{text, time, Db, Error, Reason, Result};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Criterion {
    pub id: CriterionId,
    pub pair_id: PairId,
    /// The pack's id for this criterion; `None` for the pair's own.
    pub pack_criterion_id: Option<String>,
    #[ts(type = "number")]
    pub position: i64,
    pub text: String,
    pub met: bool,
    #[ts(type = "string | null")]
    pub met_on: Option<NaiveDate>,
    pub evidence: Option<String>,
    pub confirmed_by: Option<Role>,
}

/// Marking a criterion met: the day (default today) and optional evidence link.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct MarkMet {
    #[serde(default)]
    pub on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

const COLUMNS: &str =
    "id, pair_id, pack_criterion_id, position, text, met, met_on, evidence, confirmed_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Criterion> {
    Ok(Criterion {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        pack_criterion_id: r.get(2)?,
        position: r.get(3)?,
        text: r.get(4)?,
        met: r.get(5)?,
        met_on: r.get(6)?,
        evidence: r.get(7)?,
        confirmed_by: r.get(8)?,
    })
}

pub(crate) fn insert(
    c: &Connection,
    pair_id: PairId,
    pack_id: Option<&str>,
    text: &str,
    position: i64,
    now: DateTime<Utc>,
) -> Result<CriterionId> {
    let id = CriterionId::new();
    let at = time::stamp(now);
    c.prepare_cached(
        "INSERT INTO criterion (id, pair_id, pack_criterion_id, position, text, met, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)",
    )?
    .execute(params![id, pair_id, pack_id, position, text, at])?;
    Ok(id)
}

/// (met, total) for a pair.
pub(crate) fn count_met(c: &Connection, pair_id: PairId) -> Result<(u32, u32)> {
    Ok(c.prepare_cached(
        "SELECT COALESCE(SUM(met), 0), COUNT(*) FROM criterion WHERE pair_id = ?1",
    )?
    .query_row([pair_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub(crate) fn load_for_pair(c: &Connection, pair_id: PairId) -> Result<Vec<Criterion>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM criterion WHERE pair_id = ?1 ORDER BY position, id"
    ))?;
    let rows = st.query_map([pair_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load(c: &Connection, id: CriterionId) -> Result<Criterion> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM criterion WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("criterion", id))
}

pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<Criterion>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        load_for_pair(c, pair_id)
    })
}

pub fn get(db: &Db, id: CriterionId) -> Result<Criterion> {
    db.read(|c| load(c, id))
}

/// The pair's criteria as read in `lang`: a criterion from the pack in the
/// pack's words for that language where it gives them, else as stored (the
/// pair's own criteria are the pair's words, in any language).
pub fn list_in(db: &Db, pair_id: PairId, lang: Lang) -> Result<Vec<Criterion>> {
    let mut all = list(db, pair_id)?;
    in_lang(db, pair_id, lang, &mut all)?;
    Ok(all)
}

/// One criterion as read in `lang` (see [`list_in`]).
pub fn get_in(db: &Db, id: CriterionId, lang: Lang) -> Result<Criterion> {
    let mut one = [get(db, id)?];
    let pair_id = one[0].pair_id;
    in_lang(db, pair_id, lang, &mut one)?;
    let [one] = one;
    Ok(one)
}

/// Put the pack's words in `lang` on the pair's criteria from the pack.
pub fn in_lang(db: &Db, pair_id: PairId, lang: Lang, criteria: &mut [Criterion]) -> Result<()> {
    if criteria.iter().all(|c| c.pack_criterion_id.is_none()) {
        return Ok(());
    }
    let p = pair::get(db, pair_id)?;
    let pk = crate::pack::get(db, &p.program_id)?;
    let Some(texts) = pk
        .translations
        .get(&lang)
        .and_then(|t| t.cohorts.get(&p.cohort_id))
    else {
        return Ok(());
    };
    for c in criteria.iter_mut() {
        if let Some(t) = c
            .pack_criterion_id
            .as_ref()
            .and_then(|id| texts.criteria.get(id))
        {
            c.text.clone_from(t);
        }
    }
    Ok(())
}

/// Add one of the pair's own criteria.
pub fn add(db: &Db, pair_id: PairId, text: &str) -> Result<Criterion> {
    let t = text::required("criterion", text, text::MAX_LINE)?;
    let id = db.write(|tx| {
        pair::load(tx, pair_id)?;
        let next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM criterion WHERE pair_id = ?1",
            [pair_id],
            |r| r.get(0),
        )?;
        insert(tx, pair_id, None, &t, next, crate::time::now())
    })?;
    get(db, id)
}

/// Reword one of the pair's own criteria (the pack's wording is the program's).
pub fn edit(db: &Db, id: CriterionId, text: &str) -> Result<Criterion> {
    let t = text::required("criterion", text, text::MAX_LINE)?;
    db.write(|tx| {
        let c = load(tx, id)?;
        if c.pack_criterion_id.is_some() {
            return Err(Error::Conflict(Clash::CriterionFromPack));
        }
        tx.execute(
            "UPDATE criterion SET text = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, t, time::stamp(crate::time::now())],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn mark_met(db: &Db, id: CriterionId, mark: MarkMet) -> Result<Criterion> {
    let evidence = match mark.evidence.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(text::url("evidence", e)?),
    };
    let now = crate::time::now();
    db.write(|tx| {
        let c = load(tx, id)?;
        let p = pair::load(tx, c.pair_id)?;
        let today = time::today_in(time::parse_tz("my time zone", &p.my_tz)?, now);
        let on = mark.on.unwrap_or(today);
        if on > today {
            return Err(Error::invalid("met on", Reason::InTheFuture));
        }
        tx.execute(
            "UPDATE criterion SET met = 1, met_on = ?2, evidence = ?3, confirmed_by = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, on, evidence, p.my_role.as_str(), time::stamp(now)],
        )?;
        Ok(())
    })?;
    get(db, id)
}

pub fn unmark(db: &Db, id: CriterionId) -> Result<Criterion> {
    db.write(|tx| {
        load(tx, id)?;
        tx.execute(
            "UPDATE criterion SET met = 0, met_on = NULL, evidence = NULL, confirmed_by = NULL, updated_at = ?2
             WHERE id = ?1",
            params![id, time::stamp(crate::time::now())],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Delete a criterion. A pack criterion that does not apply to this pair may
/// be removed too (it then counts as not applicable).
///
/// It goes to the Trash with its confirmations (see [`crate::trash`]).
pub fn delete(db: &Db, id: CriterionId) -> Result<TrashItem> {
    db.write(|tx| {
        let c = load(tx, id)?;
        // The partner's confirmation is theirs: a shared pair's criterion
        // they confirmed is not deleted from here (their Trellis would
        // refuse the file that deletes it).
        let me = pair::load(tx, c.pair_id)?.my_role;
        let theirs: bool = tx
            .prepare_cached(
                "SELECT 1 FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2 AND met_on IS NOT NULL",
            )?
            .query_row(params![id, me.partner().as_str()], |_| Ok(()))
            .optional()?
            .is_some();
        if theirs && crate::confirmation::is_shared(tx, c.pair_id)? {
            return Err(Error::Conflict(Clash::CriterionConfirmedByPartner));
        }
        trash::put(tx, TrashKind::Criterion, &id.to_string())
    })
}
