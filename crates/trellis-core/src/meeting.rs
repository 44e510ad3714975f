//! Meetings: when (UTC, shown in both zones), how long, how, what was on the
//! agenda, shared notes, goals discussed, and the action items agreed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::action::{self, ActionItem, NewAction};
use crate::id::{ActionId, GoalId, MeetingId, PairId};
use crate::note::{self, Note, Visibility};
use crate::pair::{self, Pair};
use crate::trash::{self, TrashItem, TrashKind};
use crate::{text, time, Db, Error, Reason, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingMode {
    Video,
    Chat,
    InPerson,
    Event,
}

crate::sql_enum::sql_enum!(MeetingMode {
    Video => "video",
    Chat => "chat",
    InPerson => "in_person",
    Event => "event",
});

impl MeetingMode {
    pub fn label(self) -> &'static str {
        match self {
            MeetingMode::Video => "video call",
            MeetingMode::Chat => "chat / IRC",
            MeetingMode::InPerson => "in person",
            MeetingMode::Event => "at an event",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "video" => Ok(MeetingMode::Video),
            "chat" | "irc" => Ok(MeetingMode::Chat),
            "in_person" => Ok(MeetingMode::InPerson),
            "event" => Ok(MeetingMode::Event),
            _ => Err(Error::invalid(
                "mode",
                Reason::NotAChoice {
                    value: s.to_owned(),
                    choices: ["video", "chat", "in-person", "event"]
                        .map(String::from)
                        .to_vec(),
                },
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Meeting {
    pub id: MeetingId,
    pub pair_id: PairId,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub duration_min: u32,
    pub mode: MeetingMode,
    pub agenda: String,
    pub notes: String,
    pub goal_ids: Vec<GoalId>,
    pub actions: Vec<ActionItem>,
    /// Carried-forward action items reviewed at this meeting: linked items,
    /// not text pasted into the agenda. Kept on this machine (the link does
    /// not sync; the items do).
    pub carried: Vec<CarriedItem>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// An open action item a meeting went over, as it is now, and whether it was
/// closed at that meeting.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CarriedItem {
    pub action: ActionItem,
    pub closed_here: bool,
}

/// Logging a meeting. `starts_at` and `ends_at` are RFC 3339, or
/// `YYYY-MM-DD HH:MM` in my zone ([`time::When`]); give either
/// `duration_min` or `ends_at`.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct NewMeeting {
    pub starts_at: time::When,
    pub duration_min: Option<u32>,
    #[serde(default)]
    pub ends_at: Option<time::When>,
    pub mode: Option<MeetingMode>,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub goal_ids: Vec<GoalId>,
    #[serde(default)]
    pub actions: Vec<NewAction>,
    /// The open action items carried forward and reviewed at this meeting:
    /// linked to it (see [`Meeting::carried`]).
    #[serde(default)]
    pub carried: Vec<ActionId>,
    /// Those of `carried` done by this meeting: closed when it is logged.
    #[serde(default)]
    pub closed: Vec<ActionId>,
}

/// Only the fields given change.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, optional_fields)]
pub struct MeetingPatch {
    /// In my zone, as [`NewMeeting::starts_at`].
    #[serde(default)]
    pub starts_at: Option<time::When>,
    pub duration_min: Option<u32>,
    #[serde(default)]
    pub ends_at: Option<time::When>,
    pub mode: Option<MeetingMode>,
    pub agenda: Option<String>,
    pub notes: Option<String>,
    pub goal_ids: Option<Vec<GoalId>>,
}

/// One page of a pair's meeting log, newest first.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingPage {
    pub items: Vec<Meeting>,
    pub total: u32,
    pub offset: u32,
}

/// What the next meeting should cover: open action items carried forward and
/// the notes set aside for it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NextMeeting {
    pub pair_id: PairId,
    /// The day the agreed cadence puts the next meeting on.
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// Open action items of the present: made (or back from a snooze)
    /// within [`action::OLDER_AFTER_DAYS`]. They go into the agenda.
    pub open_actions: Vec<ActionItem>,
    /// Open action items older than that, folded away under "Older items"
    /// to close, drop or snooze in bulk; same order.
    pub older_actions: Vec<ActionItem>,
    /// How many open items are snoozed (left out of both lists until then).
    pub snoozed: u32,
    /// [`action::OLDER_AFTER_DAYS`], for the words.
    pub older_after_days: u32,
    pub notes: Vec<Note>,
    /// A ready-to-use agenda text built from the above.
    pub agenda: String,
}

const COLUMNS: &str =
    "id, pair_id, starts_at, duration_min, mode, agenda, notes, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        pair_id: r.get(1)?,
        starts_at: r.get(2)?,
        duration_min: r.get(3)?,
        mode: r.get(4)?,
        agenda: r.get(5)?,
        notes: r.get(6)?,
        goal_ids: Vec::new(),
        actions: Vec::new(),
        carried: Vec::new(),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

fn hydrate(c: &Connection, mut m: Meeting) -> Result<Meeting> {
    let mut st = c.prepare_cached(
        "SELECT mg.goal_id FROM meeting_goal mg JOIN goal g ON g.id = mg.goal_id
         WHERE mg.meeting_id = ?1 ORDER BY g.created_at",
    )?;
    let rows = st.query_map([m.id], |r| r.get(0))?;
    m.goal_ids = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    m.actions = action::load_for_meeting(c, m.id)?;
    let ids = serde_json::Value::from(vec![m.id.to_string()]).to_string();
    m.carried = action::load_reviewed(c, &ids)?
        .into_iter()
        .map(|(_, closed_here, action)| CarriedItem {
            action,
            closed_here,
        })
        .collect();
    Ok(m)
}

/// The pair a meeting belongs to.
pub(crate) fn pair_of(c: &Connection, id: MeetingId) -> Result<PairId> {
    c.prepare_cached("SELECT pair_id FROM meeting WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .map_err(Error::or_not_found("meeting", id))
}

fn load(c: &Connection, id: MeetingId) -> Result<Meeting> {
    let m = c
        .prepare_cached(&format!("SELECT {COLUMNS} FROM meeting WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(Error::or_not_found("meeting", id))?;
    hydrate(c, m)
}

pub(crate) fn load_page(
    c: &Connection,
    pair_id: PairId,
    offset: u32,
    limit: u32,
) -> Result<Vec<Meeting>> {
    let mut ms = {
        let mut st = c.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM meeting WHERE pair_id = ?1 ORDER BY starts_at DESC, id DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = st.query_map(params![pair_id, limit, offset], from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    // The page's goals and action items in one query each (not two per
    // meeting). The goals by the page's ids (a JSON array), the action
    // items by the same page again as a subquery.
    let at: std::collections::HashMap<MeetingId, usize> =
        ms.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let ids = serde_json::Value::from(
        ms.iter()
            .map(|m| serde_json::Value::from(m.id.to_string()))
            .collect::<Vec<_>>(),
    )
    .to_string();
    let mut st = c.prepare_cached(
        "SELECT mg.meeting_id, mg.goal_id FROM meeting_goal mg JOIN goal g ON g.id = mg.goal_id
         WHERE mg.meeting_id IN (SELECT value FROM json_each(?1))
         ORDER BY g.created_at",
    )?;
    let rows = st.query_map([&ids], |r| {
        Ok((r.get::<_, MeetingId>(0)?, r.get::<_, GoalId>(1)?))
    })?;
    for row in rows {
        let (m, g) = row?;
        if let Some(&i) = at.get(&m) {
            ms[i].goal_ids.push(g);
        }
    }
    for a in action::load_for_page(c, pair_id, offset, limit)? {
        if let Some(i) = a.meeting_id.and_then(|m| at.get(&m)) {
            ms[*i].actions.push(a);
        }
    }
    for (m, closed_here, action) in action::load_reviewed(c, &ids)? {
        if let Some(&i) = at.get(&m) {
            ms[i].carried.push(CarriedItem {
                action,
                closed_here,
            });
        }
    }
    Ok(ms)
}

/// The start of the latest meeting of a pair.
pub(crate) fn last_start(c: &Connection, pair_id: PairId) -> Result<Option<DateTime<Utc>>> {
    Ok(
        c.prepare_cached("SELECT MAX(starts_at) FROM meeting WHERE pair_id = ?1")?
            .query_row([pair_id], |r| r.get(0))?,
    )
}

pub fn get(db: &Db, id: MeetingId) -> Result<Meeting> {
    db.read(|c| load(c, id))
}

/// A page of a pair's meetings, newest first.
pub fn list(db: &Db, pair_id: PairId, offset: u32, limit: u32) -> Result<MeetingPage> {
    db.read(|c| {
        // The count, and NotFound for an unknown pair, in one statement.
        let total: u32 = c
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM meeting WHERE pair_id = ?1) FROM pair WHERE id = ?1",
            )?
            .query_row([pair_id], |r| r.get(0))
            .map_err(Error::or_not_found("pair", pair_id))?;
        Ok(MeetingPage {
            items: load_page(c, pair_id, offset, limit.clamp(1, 500))?,
            total,
            offset,
        })
    })
}

fn check_goals(c: &Connection, pair_id: PairId, ids: &[GoalId]) -> Result<()> {
    let mut st = c.prepare_cached("SELECT COUNT(*) FROM goal WHERE id = ?1 AND pair_id = ?2")?;
    for id in ids {
        let n: i64 = st.query_row(params![id, pair_id], |r| r.get(0))?;
        if n == 0 {
            return Err(Error::invalid(
                "goals",
                Reason::NotOfThisPair { id: id.to_string() },
            ));
        }
    }
    Ok(())
}

fn link_goals(c: &Connection, meeting: MeetingId, ids: &[GoalId]) -> Result<()> {
    c.execute("DELETE FROM meeting_goal WHERE meeting_id = ?1", [meeting])?;
    let mut st = c.prepare_cached(
        "INSERT OR IGNORE INTO meeting_goal (meeting_id, goal_id) VALUES (?1, ?2)",
    )?;
    for id in ids {
        st.execute(params![meeting, id])?;
    }
    Ok(())
}

fn duration(
    p: &Pair,
    start: DateTime<Utc>,
    minutes: Option<u32>,
    ends_at: Option<time::When>,
) -> Result<u32> {
    let m = match (minutes, ends_at) {
        (Some(_), Some(_)) => return Err(Error::invalid("duration", Reason::DurationAndEnd)),
        (Some(m), None) => m,
        (None, Some(end)) => {
            let end = end.at("end", time::parse_tz("my time zone", &p.my_tz)?)?;
            if end <= start {
                return Err(Error::invalid("end", Reason::BeforeStart));
            }
            u32::try_from((end - start).num_minutes()).unwrap_or(u32::MAX)
        }
        (None, None) => 60,
    };
    if !(1..=1440).contains(&m) {
        return Err(Error::invalid("duration", Reason::DurationOutOfRange));
    }
    Ok(m)
}

/// Log a meeting with its action items. Notes set aside for the next meeting
/// are attached to this one.
pub fn log(db: &Db, pair_id: PairId, new: NewMeeting) -> Result<Meeting> {
    let p = get_pair(db, pair_id)?;
    let zone = time::parse_tz("my time zone", &p.my_tz)?;
    let start = new.starts_at.at("start", zone)?;
    let minutes = duration(&p, start, new.duration_min, new.ends_at)?;
    let agenda = text::optional("agenda", &new.agenda, text::MAX_BODY)?;
    let notes = text::optional("notes", &new.notes, text::MAX_BODY)?;
    let actions = new
        .actions
        .iter()
        .map(action::validate)
        .collect::<Result<Vec<_>>>()?;
    if let Some(stray) = new.closed.iter().find(|c| !new.carried.contains(c)) {
        return Err(Error::invalid(
            "closed",
            Reason::NotReviewed {
                id: stray.to_string(),
            },
        ));
    }
    let now = crate::time::now();
    let today = time::today_in(zone, now);
    let id = MeetingId::new();
    db.write(|tx| {
        check_goals(tx, pair_id, &new.goal_ids)?;
        action::check_open(tx, pair_id, &new.carried, "carried")?;
        tx.execute(
            &format!("INSERT INTO meeting ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"),
            params![
                id,
                pair_id,
                time::stamp(start),
                minutes,
                new.mode.unwrap_or(MeetingMode::Video).as_str(),
                agenda,
                notes,
                time::stamp(now)
            ],
        )?;
        link_goals(tx, id, &new.goal_ids)?;
        for a in &actions {
            action::insert(tx, pair_id, Some(id), a, now)?;
        }
        let mut link = tx.prepare_cached(
            "INSERT INTO meeting_action (meeting_id, action_id, closed_here) VALUES (?1, ?2, ?3)",
        )?;
        let mut close = tx.prepare_cached(
            "UPDATE action_item SET done = 1, done_on = ?2, updated_at = ?3 WHERE id = ?1",
        )?;
        for a in &new.carried {
            let closed = new.closed.contains(a);
            link.execute(params![id, a, closed])?;
            if closed {
                close.execute(params![a, today, time::stamp(now)])?;
            }
        }
        note::attach_pending_to_meeting(tx, pair_id, id)?;
        // The scheduled meeting, if this is it, has happened.
        crate::schedule::logged(tx, pair_id, start)?;
        Ok(())
    })?;
    crate::calendar::follow(db, pair_id);
    get(db, id)
}

fn get_pair(db: &Db, id: PairId) -> Result<Pair> {
    pair::get(db, id)
}

pub fn edit(db: &Db, id: MeetingId, patch: MeetingPatch) -> Result<Meeting> {
    let m = get(db, id)?;
    let p = get_pair(db, m.pair_id)?;
    let zone = time::parse_tz("my time zone", &p.my_tz)?;
    let start = patch
        .starts_at
        .map(|s| s.at("start", zone))
        .transpose()?
        .unwrap_or(m.starts_at);
    let minutes = if patch.duration_min.is_some() || patch.ends_at.is_some() {
        duration(&p, start, patch.duration_min, patch.ends_at)?
    } else {
        m.duration_min
    };
    let agenda = patch
        .agenda
        .as_deref()
        .map(|a| text::optional("agenda", a, text::MAX_BODY))
        .transpose()?
        .unwrap_or(m.agenda);
    let notes = patch
        .notes
        .as_deref()
        .map(|a| text::optional("notes", a, text::MAX_BODY))
        .transpose()?
        .unwrap_or(m.notes);
    db.write(|tx| {
        if let Some(goals) = &patch.goal_ids {
            check_goals(tx, m.pair_id, goals)?;
            link_goals(tx, id, goals)?;
        }
        tx.execute(
            "UPDATE meeting SET starts_at = ?2, duration_min = ?3, mode = ?4, agenda = ?5, notes = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                time::stamp(start),
                minutes,
                patch.mode.unwrap_or(m.mode).as_str(),
                agenda,
                notes,
                time::stamp(crate::time::now())
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Delete a meeting. Its action items stay with the pair (unlinked), so
/// nothing agreed is lost; notes that were set aside for it become pending
/// for the next meeting again (the foreign key clears their link).
///
/// It goes to the Trash (see [`crate::trash`]); a restore links them again.
pub fn delete(db: &Db, id: MeetingId) -> Result<TrashItem> {
    db.write(|tx| {
        pair_of(tx, id)?;
        trash::put(tx, TrashKind::Meeting, &id.to_string())
    })
}

/// The next meeting's carried-forward agenda.
pub fn next(db: &Db, pair_id: PairId) -> Result<NextMeeting> {
    next_at(db, pair_id, time::now())
}

/// [`next`] as of `now`: which items are older or still snoozed depends on the day.
pub fn next_at(db: &Db, pair_id: PairId, now: DateTime<Utc>) -> Result<NextMeeting> {
    db.read(|c| {
        let p = pair::load(c, pair_id)?;
        let zone = time::parse_tz("my time zone", &p.my_tz)?;
        let today = time::today_in(zone, now);
        let snoozes: HashMap<ActionId, NaiveDate> = c
            .prepare_cached(
                "SELECT id, snoozed_until FROM action_item
                 WHERE pair_id = ?1 AND done = 0 AND snoozed_until IS NOT NULL",
            )?
            .query_map([pair_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut snoozed = 0;
        let (mut open, mut older) = (Vec::new(), Vec::new());
        for a in action::load_open(c, pair_id)? {
            let until = snoozes.get(&a.id).copied();
            if until.is_some_and(|u| u > today) {
                snoozed += 1;
            } else if action::is_older(a.created_at, until, zone, today) {
                older.push(a);
            } else {
                open.push(a);
            }
        }
        let notes = note::load_pending(c, pair_id)?;
        let last = last_start(c, pair_id)?;
        let base = last
            .map(|l| l.with_timezone(&zone).date_naive())
            .unwrap_or(p.match_date);
        let due_on = base + chrono::Days::new(u64::from(p.cadence_days));
        let mut agenda = String::new();
        if !open.is_empty() {
            agenda.push_str("Carried forward:\n");
            for a in &open {
                let due = a.due_date.map(|d| format!(", due {d}")).unwrap_or_default();
                agenda.push_str(&format!("- [ ] {} ({}{due})\n", a.text, a.owner.as_str()));
            }
        }
        // Only shared notes go into the agenda text: it may be copied into a
        // meeting, which the partner sees. Private ones are listed beside it.
        let shared: Vec<&Note> = notes
            .iter()
            .filter(|n| n.visibility == Visibility::Shared)
            .collect();
        if !shared.is_empty() {
            if !agenda.is_empty() {
                agenda.push('\n');
            }
            agenda.push_str("From notes:\n");
            for n in shared {
                let first = n.body.lines().next().unwrap_or_default();
                agenda.push_str(&format!("- {first}\n"));
            }
        }
        Ok(NextMeeting {
            pair_id,
            due_on,
            open_actions: open,
            older_actions: older,
            snoozed,
            older_after_days: action::OLDER_AFTER_DAYS as u32,
            notes,
            agenda,
        })
    })
}
