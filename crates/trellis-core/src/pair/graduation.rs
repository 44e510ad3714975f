//! The graduation rule: a pair graduates when every graduation criterion is
//! met, and a pair shared with the partner only co-signed, every criterion
//! confirmed by both. [`may_graduate`] holds it for a change made here;
//! [`shortfall_for_partner`] for a partner's file that says the pair graduated.

use crate::error::Clash;
use rusqlite::Connection;

use crate::id::PairId;
use crate::{confirmation, criterion, Error, Result};

/// Whether the pair may graduate now, by a change made here: every
/// criterion met, and for a shared pair every one confirmed by both; else
/// what is missing.
pub(super) fn may_graduate(c: &Connection, id: PairId) -> Result<()> {
    let (met, total) = criterion::count_met(c, id)?;
    if met < total {
        return Err(Error::Conflict(Clash::CriteriaNotMet { met, total }));
    }
    // A pair shared with the partner graduates co-signed.
    if confirmation::is_shared(c, id)? {
        let (both, total) = confirmation::count_both(c, id)?;
        if both < total {
            return Err(Error::Conflict(Clash::CriteriaNotConfirmed {
                confirmed: both,
                total,
            }));
        }
    }
    Ok(())
}

/// What stands in the way of a partner's file that sets the pair
/// graduated, whatever the file says: `Some((confirmed by both, total))`
/// unless the pair has criteria and every one is confirmed by both.
pub(crate) fn shortfall_for_partner(c: &Connection, id: PairId) -> Result<Option<(u32, u32)>> {
    let (both, total) = confirmation::count_both(c, id)?;
    Ok((both < total || total == 0).then_some((both, total)))
}
