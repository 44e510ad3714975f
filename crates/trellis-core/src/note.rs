//! Notes: written any time between meetings. Private notes never leave this
//! machine; shared ones go to the partner. A note may be attached to a goal or
//! set aside for the next meeting's agenda.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::id::{GoalId, MeetingId, NoteId, PairId};
use crate::trash::{self, TrashItem, TrashKind};
use crate::{goal, pair, text, time, Db, Error, Reason, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Visibility {
    Private,
    Shared,
}

crate::sql_enum::sql_enum!(Visibility {
    Private => "private",
    Shared => "shared",
});

/// Where a note belongs besides its pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "to", rename_all = "snake_case")]
#[ts(export)]
pub enum Attachment {
    #[default]
    None,
    Goal {
        #[serde(rename = "goalId")]
        #[ts(rename = "goalId")]
        goal_id: GoalId,
    },
    NextMeeting,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Note {
    pub id: NoteId,
    pub pair_id: PairId,
    pub body: String,
    pub visibility: Visibility,
    pub goal_id: Option<GoalId>,
    /// Set aside for the next meeting's agenda.
    pub for_next_meeting: bool,
    /// The meeting it was set aside for, once that meeting is logged.
    pub meeting_id: Option<MeetingId>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewNote {
    pub body: String,
    pub visibility: Visibility,
    #[serde(default)]
    pub attach: Attachment,
}

/// Only the fields given change.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct NotePatch {
    pub body: Option<String>,
    pub visibility: Option<Visibility>,
    pub attach: Option<Attachment>,
}

const COLUMNS: &str =
    "id, pair_id, body, visibility, goal_id, for_next_meeting, meeting_id, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        body: r.get(2)?,
        visibility: r.get(3)?,
        goal_id: r.get(4)?,
        for_next_meeting: r.get(5)?,
        meeting_id: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

fn load(c: &Connection, id: NoteId) -> Result<Note> {
    c.prepare_cached(&format!("SELECT {COLUMNS} FROM note WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("note", id))
}

/// Notes of a pair, newest first; private ones only when asked for.
pub(crate) fn load_for_pair(
    c: &Connection,
    pair_id: PairId,
    include_private: bool,
) -> Result<Vec<Note>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note WHERE pair_id = ?1 AND (?2 OR visibility = 'shared')
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = st.query_map(params![pair_id, include_private], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Notes set aside for the next meeting and not yet taken up by one.
pub(crate) fn load_pending(c: &Connection, pair_id: PairId) -> Result<Vec<Note>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note WHERE pair_id = ?1 AND for_next_meeting = 1 AND meeting_id IS NULL
         ORDER BY created_at, id"
    ))?;
    let rows = st.query_map([pair_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn attach_pending_to_meeting(
    c: &Connection,
    pair_id: PairId,
    meeting: MeetingId,
) -> Result<()> {
    c.prepare_cached(
        "UPDATE note SET meeting_id = ?2 WHERE pair_id = ?1 AND for_next_meeting = 1 AND meeting_id IS NULL",
    )?
    .execute(params![pair_id, meeting])?;
    Ok(())
}

fn check_attachment(
    c: &Connection,
    pair_id: PairId,
    a: Attachment,
) -> Result<(Option<GoalId>, bool)> {
    match a {
        Attachment::None => Ok((None, false)),
        Attachment::NextMeeting => Ok((None, true)),
        Attachment::Goal { goal_id } => {
            let g = goal::load(c, goal_id)?;
            if g.pair_id != pair_id {
                return Err(Error::invalid("goal", Reason::BelongsToAnotherPair));
            }
            Ok((Some(goal_id), false))
        }
    }
}

pub fn get(db: &Db, id: NoteId) -> Result<Note> {
    db.read(|c| load(c, id))
}

pub fn list(db: &Db, pair_id: PairId) -> Result<Vec<Note>> {
    db.read(|c| {
        pair::load(c, pair_id)?;
        load_for_pair(c, pair_id, true)
    })
}

pub(crate) fn insert(
    c: &Connection,
    pair_id: PairId,
    body: &str,
    visibility: Visibility,
    attach: Attachment,
) -> Result<NoteId> {
    let body = text::required("note", body, text::MAX_BODY)?;
    pair::load(c, pair_id)?;
    let (goal_id, next) = check_attachment(c, pair_id, attach)?;
    let id = NoteId::new();
    c.execute(
        &format!("INSERT INTO note ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?7)"),
        params![
            id,
            pair_id,
            body,
            visibility.as_str(),
            goal_id,
            next,
            time::stamp(crate::time::now())
        ],
    )?;
    Ok(id)
}

pub fn add(db: &Db, pair_id: PairId, new: NewNote) -> Result<Note> {
    let id = db.write(|tx| insert(tx, pair_id, &new.body, new.visibility, new.attach))?;
    get(db, id)
}

pub fn edit(db: &Db, id: NoteId, patch: NotePatch) -> Result<Note> {
    let body = patch
        .body
        .as_deref()
        .map(|b| text::required("note", b, text::MAX_BODY))
        .transpose()?;
    db.write(|tx| {
        let n = load(tx, id)?;
        let (goal_id, next, meeting_id) = match patch.attach {
            Some(a) => {
                let (g, nx) = check_attachment(tx, n.pair_id, a)?;
                (g, nx, None)
            }
            None => (n.goal_id, n.for_next_meeting, n.meeting_id),
        };
        tx.execute(
            "UPDATE note SET body = ?2, visibility = ?3, goal_id = ?4, for_next_meeting = ?5, meeting_id = ?6,
                 updated_at = ?7 WHERE id = ?1",
            params![
                id,
                body.unwrap_or(n.body),
                patch.visibility.unwrap_or(n.visibility).as_str(),
                goal_id,
                next,
                meeting_id,
                time::stamp(crate::time::now())
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Move a note to the Trash (see [`crate::trash`]).
pub fn delete(db: &Db, id: NoteId) -> Result<TrashItem> {
    db.write(|tx| {
        load(tx, id)?;
        trash::put(tx, TrashKind::Note, &id.to_string())
    })
}

/// One page of a pair's notes, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NotePage {
    pub items: Vec<Note>,
    pub offset: u32,
    /// True when older notes follow this page. (No total: counting every
    /// note would make the page cost grow with the pair's history.)
    pub has_more: bool,
}

/// A page of a pair's notes, newest first (the order of [`list`]): what a
/// screen shows, at a cost that does not grow with the pair's history.
/// `limit` is clamped to 1–500.
pub fn page(db: &Db, pair_id: PairId, offset: u32, limit: u32) -> Result<NotePage> {
    page_of(db, pair_id, None, offset, limit)
}

/// [`page`] of only the private or only the shared notes when `visibility`
/// is given: a filter on a long history must page too, or the first page of
/// private notes would be whatever few happen to be among the newest fifty.
pub fn page_of(
    db: &Db,
    pair_id: PairId,
    visibility: Option<Visibility>,
    offset: u32,
    limit: u32,
) -> Result<NotePage> {
    let limit = limit.clamp(1, 500);
    db.read(|c| {
        pair::load(c, pair_id)?;
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM note WHERE pair_id = ?1 AND (?4 IS NULL OR visibility = ?4)
             ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = st.query_map(
            params![
                pair_id,
                limit + 1,
                offset,
                visibility.map(Visibility::as_str)
            ],
            from_row,
        )?;
        let mut items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let has_more = items.len() > limit as usize;
        items.truncate(limit as usize);
        Ok(NotePage {
            items,
            offset,
            has_more,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::{NewPair, Role};

    fn pair_with_notes(db: &Db, n: usize) -> PairId {
        let p = pair::add(
            db,
            NewPair {
                my_role: Some(Role::Mentor),
                partner_name: "Ada".into(),
                program_id: "openstack-mentoring".into(),
                cohort_id: "first-patch".into(),
                match_date: "2025-01-06".parse().unwrap(),
                my_tz: "UTC".parse().unwrap(),
                partner_tz: "UTC".parse().unwrap(),
                cadence_days: 14,
                own_criteria: vec![],
            },
        )
        .unwrap();
        for i in 0..n {
            let visibility = if i % 3 == 0 {
                Visibility::Shared
            } else {
                Visibility::Private
            };
            let body = format!("note {i}");
            db.write(|tx| insert(tx, p.id, &body, visibility, Attachment::None))
                .unwrap();
        }
        p.id
    }

    #[test]
    fn filtered_pages_hold_only_that_visibility_and_end_to_end_give_all_of_it() {
        let db = Db::open_in_memory().unwrap();
        let pair = pair_with_notes(&db, 20);
        let all = list(&db, pair).unwrap();
        for vis in [Visibility::Private, Visibility::Shared] {
            let want: Vec<_> = all
                .iter()
                .filter(|n| n.visibility == vis)
                .cloned()
                .collect();
            let mut got = Vec::new();
            let mut offset = 0;
            loop {
                let p = page_of(&db, pair, Some(vis), offset, 4).unwrap();
                assert!(p.items.len() <= 4);
                offset += p.items.len() as u32;
                got.extend(p.items);
                if !p.has_more {
                    break;
                }
            }
            assert_eq!(got, want, "{vis:?}");
        }
        let p = page_of(&db, pair, None, 0, 100).unwrap();
        assert_eq!(p.items, all);
        assert!(!p.has_more);
    }

    #[test]
    fn a_page_that_ends_exactly_at_the_last_note_says_nothing_more() {
        let db = Db::open_in_memory().unwrap();
        let pair = pair_with_notes(&db, 6);
        // Two of the six are shared (0 and 3).
        let p = page_of(&db, pair, Some(Visibility::Shared), 0, 2).unwrap();
        assert_eq!(p.items.len(), 2);
        assert!(!p.has_more);
        let p = page_of(&db, pair, Some(Visibility::Private), 2, 2).unwrap();
        assert_eq!(p.items.len(), 2);
        assert!(!p.has_more);
        assert!(
            page_of(&db, pair, Some(Visibility::Private), 0, 3)
                .unwrap()
                .has_more
        );
    }
}
