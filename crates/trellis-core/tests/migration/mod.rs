//! The core's `migration` rules, on in-memory databases.

use super::util::*;
use trellis_core::db::{Db, SCHEMA_VERSION};
use trellis_core::draft;
use trellis_core::goal;
use trellis_core::id::PairId;
use trellis_core::note::Visibility;
use trellis_core::pair::{self, PairStatus, Role};
use trellis_core::search;

fn schema(db: &Db) -> Vec<(String, String)> {
    db.read(|c| {
        let mut st = c.prepare(
            "SELECT name, COALESCE(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'
                 ORDER BY name",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    })
    .unwrap()
}

#[test]
fn a_database_of_the_first_schema_is_migrated_with_its_data_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.db");
    let id = PairId::new();
    let goal_id = trellis_core::id::GoalId::new();
    {
        let old = Db::open_at_version(&path, 1).unwrap();
        let version: i64 = old
            .read(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
            .unwrap();
        assert_eq!(version, 1);
        old.write(|tx| {
                tx.execute(
                    "INSERT INTO pair (id, my_role, partner_name, program_id, pack_version, cohort_id,
                         match_date, my_tz, partner_tz, cadence_days, status, end_reason,
                         status_changed_on, created_at, updated_at)
                     VALUES (?1, 'mentor', 'Old Timer', 'openstack-mentoring', '2026.1', 'first-patch',
                         '2026-02-01', 'Europe/Berlin', 'America/Chicago', 21, 'paused', NULL,
                         '2026-02-20', '2026-02-01T10:00:00.000Z', '2026-02-20T10:00:00.000Z')",
                    [id.to_string()],
                )?;
                tx.execute(
                    "INSERT INTO goal (id, pair_id, title, why, status, created_at, updated_at)
                     VALUES (?1, ?2, 'Venerable goal', '', 'active',
                         '2026-02-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z')",
                    [goal_id.to_string(), id.to_string()],
                )?;
                Ok(())
            })
            .unwrap();
        let no_draft: i64 = old
            .read(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'draft'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(no_draft, 0, "version 1 has no draft table");
    }

    let db = Db::open(&path).unwrap();
    let version: i64 = db
        .read(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION as i64);
    assert_eq!(schema(&db), schema(&Db::open_in_memory().unwrap()));

    let p = pair::get(&db, id).unwrap();
    assert_eq!(p.partner_name, "Old Timer");
    assert_eq!(p.my_role, Role::Mentor);
    assert_eq!(p.status, PairStatus::Paused);
    assert_eq!(p.cadence_days, 21);
    assert_eq!(p.match_date, date("2026-02-01"));
    assert_eq!(p.status_changed_on, Some(date("2026-02-20")));
    assert_eq!(p.created_at, at("2026-02-01T10:00:00Z"));
    assert_eq!(goal::get(&db, goal_id).unwrap().title, "Venerable goal");
    assert_eq!(search::query(&db, "venerab", 10).unwrap().len(), 1);

    let d = draft::save(&db, id, "typed after the upgrade", Visibility::Shared).unwrap();
    assert!(d.is_some());
    assert_eq!(
        draft::get(&db, id).unwrap().unwrap().body,
        "typed after the upgrade"
    );
    drop(db);
    // Opening again is a no-op.
    let again = Db::open(&path).unwrap();
    assert_eq!(pair::list(&again).unwrap().len(), 1);
    assert!(draft::get(&again, id).unwrap().is_some());
}
