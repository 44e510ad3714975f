//! Identifier newtypes over UUID v7, stored as TEXT.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Find the one stored id that starts with a prefix the user typed.
pub trait Resolve: Sized {
    fn resolve(db: &crate::Db, prefix: &str) -> crate::Result<Self>;
}

fn resolve_in(
    db: &crate::Db,
    table: &str,
    what: &'static str,
    prefix: &str,
) -> crate::Result<Uuid> {
    let p = prefix.trim().to_ascii_lowercase();
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return Err(crate::Error::invalid(
            what,
            crate::Reason::NotAnIdPrefix {
                value: prefix.to_owned(),
            },
        ));
    }
    // `table` is one of the fixed names in this file, never user input.
    let sql =
        format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2");
    let found: Vec<String> = db.read(|c| {
        let mut st = c.prepare_cached(&sql)?;
        let rows = st.query_map([&p], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })?;
    match found.as_slice() {
        [one] => Uuid::parse_str(one).map_err(|_| {
            crate::Error::invalid(what, crate::Reason::NotAnId { value: one.clone() })
        }),
        [] => Err(crate::Error::not_found(what, prefix)),
        _ => Err(crate::Error::invalid(
            what,
            crate::Reason::Ambiguous {
                value: prefix.to_owned(),
                what: what.to_owned(),
            },
        )),
    }
}

macro_rules! id_type {
    ($name:ident, $what:literal, $table:literal) => {
        #[doc = concat!("Identifier of a ", $what, ".")]
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            Serialize,
            Deserialize,
            ts_rs::TS,
        )]
        #[serde(transparent)]
        #[ts(export, type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            pub const WHAT: &'static str = $what;
            const TABLE: &'static str = $table;

            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Resolve for $name {
            fn resolve(db: &crate::Db, prefix: &str) -> crate::Result<Self> {
                resolve_in(db, Self::TABLE, $what, prefix).map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| {
                    crate::Error::invalid(
                        $what,
                        crate::Reason::NotAnId {
                            value: s.to_owned(),
                        },
                    )
                })
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.0.to_string()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let s = value.as_str()?;
                Uuid::parse_str(s)
                    .map(Self)
                    .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

id_type!(PairId, "pair", "pair");
id_type!(GoalId, "goal", "goal");
id_type!(MilestoneId, "milestone", "milestone");
id_type!(MeetingId, "meeting", "meeting");
id_type!(ActionId, "action item", "action_item");
id_type!(NoteId, "note", "note");
id_type!(CriterionId, "criterion", "criterion");
id_type!(TrashId, "item in the Trash", "trash");
