//! What syncs: the shared tables, their synced fields, and the rules every
//! value from a file must pass before anything is written.

use rusqlite::types::{ToSqlOutput, ValueRef};

use crate::Result;

use super::frame::refused;

/// A shared table, in the order a merge applies them (parents first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Table {
    Pair,
    Goal,
    Criterion,
    Meeting,
    Milestone,
    ActionItem,
    Note,
    GoalCriterion,
    MeetingGoal,
    /// A carried-forward action item a meeting reviewed (since format 2.2).
    MeetingAction,
    Confirmation,
}

/// How a row is identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// One UUID column `id`.
    Id,
    /// Two UUID columns, written `a/b`; the first field is `present`, and a
    /// link that is present has the others too.
    Link(&'static str, &'static str, Table, Table),
    /// `criterion_id/role`.
    Confirmation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// The pair's own id.
    PairRef,
    /// The id of a row of a table of the same pair.
    Ref(Table),
    /// Text of at most this many characters; `true`: must not be blank.
    Text(usize, bool),
    Date,
    Instant,
    Int(i64, i64),
    Bool,
    OneOf(&'static [&'static str]),
    Zone,
    Url,
    /// A person's hours (`schedule::Hours`, stored form).
    Hours,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub nullable: bool,
    /// Differences in this field are worth showing as conflicts
    /// (`updated_at` is not: it changes with every edit).
    pub conflicts: bool,
}

const fn f(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        nullable: false,
        conflicts: true,
    }
}

const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        nullable: true,
        conflicts: true,
    }
}

const fn quiet(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        nullable: false,
        conflicts: false,
    }
}

const fn quiet_opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        nullable: true,
        conflicts: false,
    }
}

const LINE: Ty = Ty::Text(crate::text::MAX_LINE, true);
const BODY: Ty = Ty::Text(crate::text::MAX_BODY, false);
const ROLES: &[&str] = &["mentor", "mentee"];

const PAIR: &[Field] = &[
    f("match_date", Ty::Date),
    f("mentor_tz", Ty::Zone),
    f("mentee_tz", Ty::Zone),
    f("cadence_days", Ty::Int(1, 365)),
    f(
        "status",
        Ty::OneOf(&["active", "paused", "graduated", "ended"]),
    ),
    opt("end_reason", Ty::Text(crate::text::MAX_LINE, false)),
    opt("status_changed_on", Ty::Date),
    f("mentor_hours", Ty::Hours),
    f("mentee_hours", Ty::Hours),
    opt("next_at", Ty::Instant),
    opt("next_minutes", Ty::Int(1, 1440)),
    opt("next_zone", Ty::Zone),
    f("next_recurs", Ty::Bool),
];
const GOAL: &[Field] = &[
    f("pair_id", Ty::PairRef),
    f("title", LINE),
    f("why", BODY),
    f(
        "status",
        Ty::OneOf(&["proposed", "active", "achieved", "dropped"]),
    ),
    opt("target_date", Ty::Date),
    opt("achieved_on", Ty::Date),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const CRITERION: &[Field] = &[
    f("pair_id", Ty::PairRef),
    opt("pack_criterion_id", Ty::Text(200, true)),
    f("position", Ty::Int(0, 1_000_000)),
    f("text", LINE),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const MEETING: &[Field] = &[
    f("pair_id", Ty::PairRef),
    f("starts_at", Ty::Instant),
    f("duration_min", Ty::Int(1, 1440)),
    f("mode", Ty::OneOf(&["video", "chat", "in_person", "event"])),
    f("agenda", BODY),
    f("notes", BODY),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const MILESTONE: &[Field] = &[
    f("goal_id", Ty::Ref(Table::Goal)),
    f("position", Ty::Int(0, 1_000_000)),
    f("text", LINE),
    f("done", Ty::Bool),
    opt("done_on", Ty::Date),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const ACTION: &[Field] = &[
    f("pair_id", Ty::PairRef),
    quiet_opt("meeting_id", Ty::Ref(Table::Meeting)),
    f("text", LINE),
    f("owner", Ty::OneOf(ROLES)),
    opt("due_date", Ty::Date),
    f("done", Ty::Bool),
    opt("done_on", Ty::Date),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const NOTE: &[Field] = &[
    f("pair_id", Ty::PairRef),
    f("body", Ty::Text(crate::text::MAX_BODY, true)),
    quiet("visibility", Ty::OneOf(&["private", "shared"])),
    opt("goal_id", Ty::Ref(Table::Goal)),
    f("for_next_meeting", Ty::Bool),
    quiet_opt("meeting_id", Ty::Ref(Table::Meeting)),
    f("created_at", Ty::Instant),
    quiet("updated_at", Ty::Instant),
];
const LINK: &[Field] = &[quiet("present", Ty::Bool)];
const MEETING_ACTION: &[Field] = &[quiet("present", Ty::Bool), quiet("closed_here", Ty::Bool)];
const CONFIRMATION: &[Field] = &[opt("met_on", Ty::Date), opt("evidence", Ty::Url)];

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Pair,
        Table::Goal,
        Table::Criterion,
        Table::Meeting,
        Table::Milestone,
        Table::ActionItem,
        Table::Note,
        Table::GoalCriterion,
        Table::MeetingGoal,
        Table::MeetingAction,
        Table::Confirmation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Pair => "pair",
            Table::Goal => "goal",
            Table::Criterion => "criterion",
            Table::Meeting => "meeting",
            Table::Milestone => "milestone",
            Table::ActionItem => "action_item",
            Table::Note => "note",
            Table::GoalCriterion => "goal_criterion",
            Table::MeetingGoal => "meeting_goal",
            Table::MeetingAction => "meeting_action",
            Table::Confirmation => "criterion_confirmation",
        }
    }

    pub fn parse(s: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == s)
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Table::Pair => PAIR,
            Table::Goal => GOAL,
            Table::Criterion => CRITERION,
            Table::Meeting => MEETING,
            Table::Milestone => MILESTONE,
            Table::ActionItem => ACTION,
            Table::Note => NOTE,
            Table::GoalCriterion | Table::MeetingGoal => LINK,
            Table::MeetingAction => MEETING_ACTION,
            Table::Confirmation => CONFIRMATION,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.name == name)
    }

    pub fn key(self) -> Key {
        match self {
            Table::GoalCriterion => {
                Key::Link("goal_id", "criterion_id", Table::Goal, Table::Criterion)
            }
            Table::MeetingGoal => Key::Link("meeting_id", "goal_id", Table::Meeting, Table::Goal),
            Table::MeetingAction => {
                Key::Link("meeting_id", "action_id", Table::Meeting, Table::ActionItem)
            }
            Table::Confirmation => Key::Confirmation,
            _ => Key::Id,
        }
    }

    /// Whether a delete of this table's rows is a tombstone.
    pub fn has_tombstones(self) -> bool {
        matches!(
            self,
            Table::Goal
                | Table::Criterion
                | Table::Meeting
                | Table::Milestone
                | Table::ActionItem
                | Table::Note
        )
    }

    /// What a person calls a row of this table.
    pub fn noun(self) -> &'static str {
        match self {
            Table::Pair => "pair",
            Table::Goal => "goal",
            Table::Criterion => "criterion",
            Table::Meeting => "meeting",
            Table::Milestone => "milestone",
            Table::ActionItem => "action item",
            Table::Note => "note",
            Table::GoalCriterion => "goal's criterion",
            Table::MeetingGoal => "meeting's goal",
            Table::MeetingAction => "meeting's carried-forward item",
            Table::Confirmation => "confirmation",
        }
    }
}

/// A stored value: what SQLite holds for a synced column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Text(String),
}

impl Val {
    pub fn from_ref(v: ValueRef<'_>) -> rusqlite::Result<Val> {
        Ok(match v {
            ValueRef::Null => Val::Null,
            ValueRef::Integer(i) => Val::Int(i),
            ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Real(r) => Val::Text(r.to_string()),
            ValueRef::Blob(_) => Val::Null,
        })
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Val::Null => serde_json::Value::Null,
            Val::Int(i) => serde_json::Value::from(*i),
            Val::Text(s) => serde_json::Value::from(s.as_str()),
        }
    }

    pub fn from_json(v: &serde_json::Value) -> Option<Val> {
        match v {
            serde_json::Value::Null => Some(Val::Null),
            serde_json::Value::Number(n) => n.as_i64().map(Val::Int),
            serde_json::Value::String(s) => Some(Val::Text(s.clone())),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// As JSON: text, integer or null.
impl serde::Serialize for Val {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Val::Null => s.serialize_none(),
            Val::Int(i) => s.serialize_i64(*i),
            Val::Text(t) => s.serialize_str(t),
        }
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::from(rusqlite::types::Null),
            Val::Int(i) => ToSqlOutput::from(*i),
            Val::Text(s) => ToSqlOutput::from(s.as_str()),
        })
    }
}

/// A canonical UUID, as ids are stored.
pub(crate) fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.to_string() == s)
}

/// Check a row id of a table: the shape of its key.
pub(crate) fn check_row_id(table: Table, id: &str) -> Result<()> {
    let ok = match table.key() {
        Key::Id => is_uuid(id),
        Key::Link(..) => id
            .split_once('/')
            .is_some_and(|(a, b)| is_uuid(a) && is_uuid(b)),
        Key::Confirmation => id
            .split_once('/')
            .is_some_and(|(a, b)| is_uuid(a) && ROLES.contains(&b)),
    };
    if ok {
        Ok(())
    } else {
        Err(refused(format!(
            "a {} record has a malformed id",
            table.name()
        )))
    }
}

fn text_ok(s: &str, max: usize, required: bool) -> bool {
    s.chars().count() <= max
        && !s
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        && (!required || !s.trim().is_empty())
}

/// Check one value of a field from a file.
pub(crate) fn check_value(table: Table, field: &Field, v: &Val) -> Result<()> {
    let bad = || {
        refused(format!(
            "the {} field {} holds a value it cannot have",
            table.name(),
            field.name
        ))
    };
    let s = match v {
        Val::Null if field.nullable => return Ok(()),
        Val::Null => return Err(bad()),
        Val::Int(i) => {
            return match field.ty {
                Ty::Int(lo, hi) if (lo..=hi).contains(i) => Ok(()),
                Ty::Bool if *i == 0 || *i == 1 => Ok(()),
                _ => Err(bad()),
            }
        }
        Val::Text(s) => s.as_str(),
    };
    let ok = match field.ty {
        Ty::PairRef | Ty::Ref(_) => is_uuid(s),
        Ty::Text(max, required) => text_ok(s, max, required),
        Ty::Date => s.len() == 10 && crate::time::parse_date(field.name, s).is_ok(),
        Ty::Instant => s.len() <= 40 && chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        Ty::OneOf(options) => options.contains(&s),
        Ty::Zone => s.len() <= 100 && s.parse::<chrono_tz::Tz>().is_ok_and(|z| z.name() == s),
        Ty::Url => crate::text::url(field.name, s).is_ok_and(|u| u == s),
        Ty::Hours => {
            s.len() <= 100 && crate::schedule::Hours::from_stored(s).is_ok_and(|h| h.stored() == s)
        }
        Ty::Int(..) | Ty::Bool => false,
    };
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}
