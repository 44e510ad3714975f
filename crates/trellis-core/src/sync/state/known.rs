//! What the store already holds for the records of an incoming file, read
//! in a few statements per table before they are merged ([`Known`],
//! [`KnownLinks`]).

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use super::{clock_from, columns, json_rows, read_vals, spread, Clock, Record};
use crate::id::PairId;
use crate::sync::schema::{Table, Ty, Val};
use crate::Result;

/// Whether a row of an id-keyed table exists and belongs to the pair.
pub(super) fn in_pair(c: &Connection, table: Table, id: &str, pair: PairId) -> Result<bool> {
    let sql = match table {
        Table::Milestone => {
            "SELECT 1 FROM milestone m JOIN goal g ON g.id = m.goal_id WHERE m.id = ?1 AND g.pair_id = ?2"
                .to_string()
        }
        Table::Pair => "SELECT 1 FROM pair WHERE id = ?1 AND id = ?2".to_string(),
        t => format!("SELECT 1 FROM {} WHERE id = ?1 AND pair_id = ?2", t.name()),
    };
    Ok(c.prepare_cached(&sql)?
        .query_row(params![id, pair], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `ids` as one parameter: a JSON array, for `IN (SELECT value FROM json_each(?1))`.
pub(super) fn json_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Result<String> {
    json_rows(&ids.collect::<Vec<_>>())
}

/// The first column of the rows `sql` returns.
fn ids_among(c: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<HashSet<String>> {
    let mut st = c.prepare_cached(sql)?;
    let rows = st.query_map(args, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which of `ids` are rows of an id-keyed table that belong to the pair.
fn in_pair_among(c: &Connection, table: Table, ids: &str, pair: PairId) -> Result<HashSet<String>> {
    let sql = match table {
        Table::Milestone => "SELECT m.id FROM milestone m JOIN goal g ON g.id = m.goal_id
             WHERE m.id IN (SELECT value FROM json_each(?1)) AND g.pair_id = ?2"
            .to_string(),
        t => format!(
            "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1)) AND pair_id = ?2",
            t.name()
        ),
    };
    ids_among(c, &sql, params![ids, pair])
}

/// The field clocks of the rows `ids` of a table, by row.
fn clocks_among(
    c: &Connection,
    table: Table,
    ids: &str,
) -> Result<HashMap<String, HashMap<String, Clock>>> {
    let stamped = {
        let mut st = c.prepare_cached(
            "SELECT row_id, field, hlc, replica FROM field_clock
             WHERE row_id IN (SELECT value FROM json_each(?1)) AND tbl = ?2",
        )?;
        let rows = st.query_map(params![ids, table.name()], |r| {
            let hlc: String = r.get(2)?;
            Ok(((r.get(0)?, r.get(1)?), clock_from(&hlc, r.get(3)?)))
        })?;
        spread(table, rows)?
    };
    let mut clocks: HashMap<String, HashMap<String, Clock>> = HashMap::new();
    for ((id, field), clock) in stamped {
        clocks.entry(id).or_default().insert(field, clock);
    }
    Ok(clocks)
}

/// What the store holds for the incoming records of a link table (`a/b`
/// ids), read before they are merged, like [`Known`].
pub(super) struct KnownLinks {
    /// Ends that are rows of this pair, of the first and the second table.
    pub(super) a: HashSet<String>,
    pub(super) b: HashSet<String>,
    /// Links present, as `a/b`, with their fields after `present`.
    pub(super) present: HashMap<String, Vec<Val>>,
    pub(super) clocks: HashMap<String, HashMap<String, Clock>>,
}

impl KnownLinks {
    /// `key`: the table's [`Key::Link`] columns and tables.
    pub(super) fn read(
        c: &Connection,
        table: Table,
        key: (&str, &str, Table, Table),
        records: &[&Record],
        pair: PairId,
    ) -> Result<KnownLinks> {
        let (a, b, ta, tb) = key;
        let ends: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|r| r.id.split_once('/'))
            .collect();
        let xs = json_ids(ends.iter().map(|e| e.0))?;
        let ys = json_ids(ends.iter().map(|e| e.1))?;
        let more = &table.fields()[1..];
        let extra: String = more.iter().map(|f| format!(", {}", f.name)).collect();
        let present = {
            let mut st = c.prepare_cached(&format!(
                "SELECT {a} || '/' || {b}{extra} FROM {} WHERE {a} IN (SELECT value FROM json_each(?1))",
                table.name()
            ))?;
            let rows = st.query_map(params![xs], |r| {
                Ok((r.get(0)?, read_vals(r, 1, more.len())?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(KnownLinks {
            a: in_pair_among(c, ta, &xs, pair)?,
            b: in_pair_among(c, tb, &ys, pair)?,
            present,
            clocks: clocks_among(c, table, &json_ids(records.iter().map(|r| r.id.as_str()))?)?,
        })
    }
}

/// What the store holds for the incoming records of one id-keyed table,
/// read in a few statements before they are merged rather than in several
/// per record. It stays true for the whole table: merging one record
/// changes none of it for another (new rows and clocks are written after
/// the table, and a note that leaves is not looked at again).
pub(super) struct Known {
    pub(super) tombstoned: HashSet<String>,
    /// The pair's rows among them, with their values ([`columns`] order).
    pub(super) local: HashMap<String, Vec<Val>>,
    /// Rows that exist, of this pair or another.
    pub(super) existing: HashSet<String>,
    pub(super) clocks: HashMap<String, HashMap<String, Clock>>,
    /// Rows of this pair the records refer to, by table.
    pub(super) refs: HashMap<Table, HashSet<String>>,
}

impl Known {
    pub(super) fn read(
        c: &Connection,
        table: Table,
        records: &[&Record],
        pair: PairId,
    ) -> Result<Known> {
        let ids = json_ids(records.iter().map(|r| r.id.as_str()))?;
        let tombstoned = ids_among(
            c,
            "SELECT row_id FROM tombstone WHERE row_id IN (SELECT value FROM json_each(?1)) AND tbl = ?2",
            params![ids, table.name()],
        )?;
        let existing = ids_among(
            c,
            &format!(
                "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?1))",
                table.name()
            ),
            params![ids],
        )?;
        let n = table.fields().len();
        let sql = match table {
            Table::Milestone => format!(
                "SELECT m.id, {} FROM milestone m JOIN goal g ON g.id = m.goal_id
                 WHERE m.id IN (SELECT value FROM json_each(?1)) AND g.pair_id = ?2",
                columns(table, "m.")
            ),
            t => format!(
                "SELECT id, {} FROM {} WHERE id IN (SELECT value FROM json_each(?1)) AND pair_id = ?2",
                columns(t, ""),
                t.name()
            ),
        };
        let local = {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(params![ids, pair], |r| {
                Ok((r.get::<_, String>(0)?, read_vals(r, 1, n)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let clocks = clocks_among(c, table, &ids)?;
        let mut refs = HashMap::new();
        for f in table.fields() {
            if let Ty::Ref(t) = f.ty {
                let ids: std::collections::BTreeSet<&str> = records
                    .iter()
                    .filter_map(|r| r.fields.get(f.name).and_then(|c| c.value.as_str()))
                    .collect();
                let ids = json_ids(ids.into_iter())?;
                let found = in_pair_among(c, t, &ids, pair)?;
                refs.entry(t).or_insert_with(HashSet::new).extend(found);
            }
        }
        Ok(Known {
            tombstoned,
            local,
            existing,
            clocks,
            refs,
        })
    }
}
