//! The organizer's ledger: which respondents each report of a program
//! counted, kept in the organizer's own database, so that two reports
//! cannot be compared to give one person away.
//!
//! Two reports over sets of respondents that differ by a few — F and
//! F ∪ {f} — differ in their counts by exactly f's answers. So a report is
//! refused when its set differs from the set of an earlier report of the
//! same program by 1 … K−1 respondents (a respondent counts as different
//! when they are in one set only, or in both with another revision of
//! their file). The same set again is no difference. The organizer may
//! override the refusal by giving a reason in words; the reason is printed
//! in the report, so that whoever reads it knows.
//!
//! What it cannot do: an organizer who deletes the ledger, or reports from
//! another data folder, is not stopped. It protects against comparing the
//! reports Trellis made here, and says so in the report when overridden.

use crate::error::Clash;
use crate::error::FileKind;
use std::collections::BTreeMap;

use rusqlite::params;

use super::Report;
use crate::{time, Db, Error, Reason, Result};

/// Longest override reason.
pub const MAX_REASON: usize = 300;

fn keys(list: &[String]) -> BTreeMap<&str, &str> {
    list.iter()
        .map(|k| k.rsplit_once('#').unwrap_or((k.as_str(), "")))
        .collect()
}

/// How many respondents two sets differ by (in one only, or with another revision).
pub fn difference(a: &[String], b: &[String]) -> usize {
    let (a, b) = (keys(a), keys(b));
    let only_a = a
        .iter()
        .filter(|(id, rev)| b.get(*id) != Some(*rev))
        .count();
    let only_b = b.keys().filter(|id| !a.contains_key(*id)).count();
    only_a + only_b
}

/// Check `r` against every earlier report of its program and, when it may
/// be published, write it into the ledger (with `override_reason` if given,
/// which is also put into the report). Refused — with nothing recorded —
/// when its set of respondents differs from an earlier one by 1 … K−1 and
/// no reason is given.
pub fn check_and_record(db: &Db, r: &mut Report, override_reason: Option<&str>) -> Result<()> {
    let Some(program) = r.program_id.clone() else {
        return Ok(());
    };
    let reason = match override_reason.map(str::trim) {
        None => None,
        Some("") => return Err(Error::invalid("override", Reason::Required)),
        Some(t) if t.chars().count() > MAX_REASON => {
            return Err(Error::invalid(
                "override",
                Reason::TooLong {
                    length: t.chars().count(),
                    max: MAX_REASON,
                },
            ))
        }
        Some(t) if t.chars().any(char::is_control) => {
            return Err(Error::invalid("override", Reason::ControlCharacters))
        }
        Some(t) => Some(t.to_string()),
    };
    let k = r.min_group as usize;
    let json = serde_json::to_string(&r.respondents).map_err(|e| Error::Format {
        file: FileKind::ReportLedger,
        what: "report ledger".into(),
        reason: e.to_string(),
    })?;
    db.write(|tx| {
        let earlier: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT made_at, respondents FROM report_ledger WHERE program_id = ?1 ORDER BY id",
            )?
            .query_map([&program], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut same = false;
        for (made_at, set) in &earlier {
            let set: Vec<String> = serde_json::from_str(set).map_err(|e| Error::Format {
                file: FileKind::ReportLedger,
                what: "report ledger".into(),
                reason: e.to_string(),
            })?;
            let d = difference(&set, &r.respondents);
            same |= d == 0;
            if d > 0 && d < k && reason.is_none() {
                return Err(Error::Conflict(Clash::RespondentsTooClose {
                    made_at: made_at.get(..16).unwrap_or(made_at).to_owned(),
                    difference: d,
                    min_group: k,
                }));
            }
        }
        if !same || reason.is_some() {
            tx.execute(
                "INSERT INTO report_ledger (program_id, made_at, min_group, respondents, override)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![program, time::stamp(time::now()), r.min_group, json, reason],
            )?;
        }
        Ok(())
    })?;
    r.override_reason = reason;
    Ok(())
}
