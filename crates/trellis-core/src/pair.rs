//! Pairs: one mentorship, seen from my side (my role, my partner).

pub(crate) mod graduation;
mod role;
mod status;

use crate::error::{Clash, StatusChangeKind};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::id::PairId;
use crate::{criterion, pack, text, time, Db, Error, Reason, Result};

pub use role::Role;
pub use status::PairStatus;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Pair {
    pub id: PairId,
    pub my_role: Role,
    pub partner_name: String,
    pub program_id: String,
    pub pack_version: String,
    pub cohort_id: String,
    #[ts(type = "string")]
    pub match_date: NaiveDate,
    pub my_tz: String,
    pub partner_tz: String,
    pub cadence_days: u32,
    pub status: PairStatus,
    pub end_reason: Option<String>,
    #[ts(type = "string | null")]
    pub status_changed_on: Option<NaiveDate>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// What a person fills in to start a pair.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct NewPair {
    pub my_role: Option<Role>,
    pub partner_name: String,
    pub program_id: String,
    pub cohort_id: String,
    pub match_date: NaiveDate,
    /// An IANA zone name.
    #[serde(deserialize_with = "time::wire::zone")]
    #[ts(type = "string")]
    pub my_tz: Tz,
    #[serde(deserialize_with = "time::wire::zone")]
    #[ts(type = "string")]
    pub partner_tz: Tz,
    pub cadence_days: u32,
    /// The pair's own criteria, beside the cohort's.
    #[serde(default)]
    pub own_criteria: Vec<String>,
}

/// A change to a pair: only the fields given are changed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct PairPatch {
    pub my_role: Option<Role>,
    pub partner_name: Option<String>,
    pub match_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "time::wire::option_zone")]
    #[ts(type = "string", optional)]
    pub my_tz: Option<Tz>,
    #[serde(default, deserialize_with = "time::wire::option_zone")]
    #[ts(type = "string", optional)]
    pub partner_tz: Option<Tz>,
    pub cadence_days: Option<u32>,
}

const COLUMNS: &str = "id, my_role, partner_name, program_id, pack_version, cohort_id, match_date, \
     my_tz, partner_tz, cadence_days, status, end_reason, status_changed_on, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Pair> {
    Ok(Pair {
        id: r.get(0)?,
        my_role: r.get(1)?,
        partner_name: r.get(2)?,
        program_id: r.get(3)?,
        pack_version: r.get(4)?,
        cohort_id: r.get(5)?,
        match_date: r.get(6)?,
        my_tz: r.get(7)?,
        partner_tz: r.get(8)?,
        cadence_days: r.get(9)?,
        status: r.get(10)?,
        end_reason: r.get(11)?,
        status_changed_on: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

fn cadence(days: u32) -> Result<u32> {
    if (1..=365).contains(&days) {
        Ok(days)
    } else {
        Err(Error::invalid(
            "cadence",
            Reason::OutOfRange {
                min: 1,
                max: 365,
                unit: crate::Unit::Days,
            },
        ))
    }
}

fn match_date(d: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if d > today + chrono::Days::new(366) {
        return Err(Error::invalid("match date", Reason::TooFarAhead));
    }
    Ok(d)
}

/// Start a pair; the cohort's graduation criteria are copied into it.
pub fn add(db: &Db, new: NewPair) -> Result<Pair> {
    let now = time::now();
    let role = new
        .my_role
        .ok_or_else(|| Error::invalid("role", Reason::Required))?;
    let partner_name = text::required("partner name", &new.partner_name, 200)?;
    let pack = pack::get(db, new.program_id.trim())?;
    let cohort = pack.cohort(new.cohort_id.trim())?.clone();
    let match_date = match_date(new.match_date, now.date_naive())?;
    let my_tz = crate::zone::canonical(new.my_tz);
    let partner_tz = crate::zone::canonical(new.partner_tz);
    let cadence_days = cadence(new.cadence_days)?;
    let own = new
        .own_criteria
        .iter()
        .map(|c| text::required("criterion", c, text::MAX_LINE))
        .collect::<Result<Vec<_>>>()?;
    let pair = Pair {
        id: PairId::new(),
        my_role: role,
        partner_name,
        program_id: pack.program.id.clone(),
        pack_version: pack.program.version.clone(),
        cohort_id: cohort.id.clone(),
        match_date,
        my_tz: my_tz.name().to_string(),
        partner_tz: partner_tz.name().to_string(),
        cadence_days,
        status: PairStatus::Active,
        end_reason: None,
        status_changed_on: None,
        created_at: now,
        updated_at: now,
    };
    db.write(|tx| {
        tx.execute(
            &format!("INSERT INTO pair ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
            params![
                pair.id,
                pair.my_role.as_str(),
                pair.partner_name,
                pair.program_id,
                pair.pack_version,
                pair.cohort_id,
                pair.match_date,
                pair.my_tz,
                pair.partner_tz,
                pair.cadence_days,
                pair.status.as_str(),
                pair.end_reason,
                pair.status_changed_on,
                time::stamp(pair.created_at),
                time::stamp(pair.updated_at)
            ],
        )?;
        for (i, def) in cohort.criteria.iter().enumerate() {
            criterion::insert(tx, pair.id, Some(&def.id), &def.text, i as i64, now)?;
        }
        for (i, t) in own.iter().enumerate() {
            criterion::insert(tx, pair.id, None, t, (cohort.criteria.len() + i) as i64, now)?;
        }
        Ok(())
    })?;
    Ok(pair)
}

pub(crate) fn load(c: &Connection, id: PairId) -> Result<Pair> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM pair WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("pair", id))
}

pub fn get(db: &Db, id: PairId) -> Result<Pair> {
    db.read(|c| load(c, id))
}

/// Every pair, newest match first.
pub fn list(db: &Db) -> Result<Vec<Pair>> {
    db.read(|c| {
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pair ORDER BY match_date DESC, created_at DESC"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })
}

pub fn edit(db: &Db, id: PairId, patch: PairPatch) -> Result<Pair> {
    let mut p = get(db, id)?;
    let now = time::now();
    if let Some(r) = patch.my_role {
        p.my_role = r;
    }
    if let Some(n) = &patch.partner_name {
        p.partner_name = text::required("partner name", n, 200)?;
    }
    if let Some(d) = patch.match_date {
        p.match_date = match_date(d, now.date_naive())?;
    }
    if let Some(z) = patch.my_tz {
        p.my_tz = crate::zone::canonical(z).name().to_string();
    }
    if let Some(z) = patch.partner_tz {
        p.partner_tz = crate::zone::canonical(z).name().to_string();
    }
    if let Some(c) = patch.cadence_days {
        p.cadence_days = cadence(c)?;
    }
    p.updated_at = now;
    db.write(|tx| {
        tx.execute(
            "UPDATE pair SET my_role = ?2, partner_name = ?3, match_date = ?4, my_tz = ?5, partner_tz = ?6,
                 cadence_days = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                p.id,
                p.my_role.as_str(),
                p.partner_name,
                p.match_date,
                p.my_tz,
                p.partner_tz,
                p.cadence_days,
                time::stamp(p.updated_at)
            ],
        )?;
        Ok(())
    })?;
    crate::calendar::follow(db, id);
    Ok(p)
}

/// A change of a pair's status.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "to", rename_all = "snake_case")]
#[ts(export)]
pub enum StatusChange {
    Pause,
    Resume,
    End { reason: String },
    Graduate,
}

pub fn set_status(db: &Db, id: PairId, change: StatusChange) -> Result<Pair> {
    let now = time::now();
    db.write(|tx| {
        let mut p = load(tx, id)?;
        let (to, reason) = match (&change, p.status) {
            (StatusChange::Pause, PairStatus::Active) => (PairStatus::Paused, None),
            (StatusChange::Resume, PairStatus::Paused) => (PairStatus::Active, None),
            (StatusChange::End { reason }, PairStatus::Active | PairStatus::Paused) => {
                (PairStatus::Ended, Some(text::required("reason", reason, text::MAX_LINE)?))
            }
            (StatusChange::Graduate, PairStatus::Active | PairStatus::Paused) => {
                graduation::may_graduate(tx, id)?;
                (PairStatus::Graduated, None)
            }
            (change, from) => {
                let change = match change {
                    StatusChange::Pause => StatusChangeKind::Pause,
                    StatusChange::Resume => StatusChangeKind::Resume,
                    StatusChange::End { .. } => StatusChangeKind::End,
                    StatusChange::Graduate => StatusChangeKind::Graduate,
                };
                return Err(Error::Conflict(Clash::StatusForbids {
                    status: from.as_str().to_owned(),
                    change,
                }));
            }
        };
        p.status = to;
        p.end_reason = reason;
        p.status_changed_on = Some(time::today_in(time::parse_tz("my time zone", &p.my_tz)?, now));
        p.updated_at = now;
        tx.execute(
            "UPDATE pair SET status = ?2, end_reason = ?3, status_changed_on = ?4, updated_at = ?5 WHERE id = ?1",
            params![p.id, p.status.as_str(), p.end_reason, p.status_changed_on, time::stamp(p.updated_at)],
        )?;
        Ok(p)
    })
}

/// Delete a pair and everything in it.
pub fn delete(db: &Db, id: PairId) -> Result<()> {
    db.write(|tx| {
        let n = tx.execute("DELETE FROM pair WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found("pair", id.to_string()));
        }
        Ok(())
    })
}
