//! Where a pair is in its life: active, paused, graduated or ended. The
//! changes between them are [`super::set_status`]'s.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PairStatus {
    Active,
    Paused,
    Graduated,
    Ended,
}

crate::sql_enum::sql_enum!(PairStatus {
    Active => "active",
    Paused => "paused",
    Graduated => "graduated",
    Ended => "ended",
});
