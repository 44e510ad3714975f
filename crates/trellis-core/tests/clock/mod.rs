//! The core's one clock (`time::now`): a test fixes it, and every write
//! records and every rule reads the fixed instant, not the system's.

use chrono::{Duration, TimeZone, Utc};
use trellis_core::note::{self, Attachment, Visibility};
use trellis_core::{time, trash};

use super::util::*;

#[test]
fn writes_record_and_rules_read_the_fixed_clock() {
    let at = Utc.with_ymd_and_hms(2031, 5, 6, 7, 8, 9).unwrap();
    let clock = time::fix_clock(at);
    assert_eq!(time::now(), at);
    let db = db();
    let p = add_pair(&db, "Ada");
    let n = note::add(&db, p.id, note("one", Visibility::Shared, Attachment::None)).unwrap();
    assert_eq!(n.created_at, at, "a write records the clock's now");

    // A deleted note stays in the Trash for its 30 days of the clock's
    // time, then the daily expiry removes it.
    note::delete(&db, n.id).unwrap();
    clock.set(at + Duration::days(29));
    trash::expire(&db).unwrap();
    assert_eq!(trash::list(&db, p.id).unwrap().len(), 1, "day 29: kept");
    clock.set(at + Duration::days(31));
    trash::expire(&db).unwrap();
    assert!(
        trash::list(&db, p.id).unwrap().is_empty(),
        "day 31: expired"
    );
    drop(clock);
    assert!(
        time::now() < at,
        "dropping the guard gives the system clock back"
    );
}
