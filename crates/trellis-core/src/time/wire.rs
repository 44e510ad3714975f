//! Dates, wall-clock times and zones as typed inputs read them from JSON
//! (the desktop's IPC): `NaiveDate` as `YYYY-MM-DD` (chrono's own),
//! `DateTime<Utc>` as RFC 3339 (chrono's own), a zone as its IANA name
//! ([`zone`]), a meeting's [`When`](super::When) as RFC 3339 or
//! `YYYY-MM-DD HH:MM` in my zone, and a patch's clearable field as absent
//! (leave it), `null` (clear it) or a value (set it) ([`double_option`]).
//!
//! A value that does not read fails the whole input before anything is
//! done. [`FIELDS`] says how such a refusal is reported: the field's name as
//! the core's other errors give it, and what was expected.

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

/// What a typed field expected, when its value did not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A time: `YYYY-MM-DD HH:MM` in my zone, or an RFC 3339 instant.
    Time,
    /// An IANA time zone name.
    Zone,
}

impl Expected {
    /// The rule broken, in a stable word (`params.rule` of the refusal).
    pub fn rule(self) -> &'static str {
        match self {
            Expected::Date => "not_a_date",
            Expected::Time => "not_a_time",
            Expected::Zone => "not_a_zone",
        }
    }

    /// The refusal of `value` in `field`, as the core refuses input.
    pub fn refusal(self, field: &str, value: String) -> crate::Error {
        let reason = match self {
            Expected::Date => crate::Reason::NotADate { value },
            Expected::Time => crate::Reason::NotATime { value },
            Expected::Zone => crate::Reason::NotAZone { value },
        };
        crate::Error::invalid(field, reason)
    }

    /// Why the value was refused, for a person (`params.reason`).
    pub fn reason(self) -> &'static str {
        match self {
            Expected::Date => "is not a date (YYYY-MM-DD)",
            Expected::Time => "is not a time (YYYY-MM-DD HH:MM)",
            Expected::Zone => "is not a time zone (an IANA name such as Europe/Berlin)",
        }
    }
}

/// Every typed input field by its key in JSON: the name the core's errors
/// give it (`due date`, as `Error::Invalid`'s field) and what it expects.
/// A key that means a date in one input means a date in every input.
pub const FIELDS: &[(&str, &str, Expected)] = &[
    ("dueDate", "due date", Expected::Date),
    ("targetDate", "target date", Expected::Date),
    ("matchDate", "match date", Expected::Date),
    ("on", "met on", Expected::Date),
    ("until", "snooze until", Expected::Date),
    ("before", "before", Expected::Date),
    ("startsAt", "start", Expected::Time),
    ("endsAt", "end", Expected::Time),
    ("myTz", "my time zone", Expected::Zone),
    ("partnerTz", "partner's time zone", Expected::Zone),
];

/// The field name and expectation of the typed field `key`, if it is one.
pub fn field(key: &str) -> Option<(&'static str, Expected)> {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|&(_, field, expected)| (field, expected))
}

/// Reads an IANA zone name (an old or alternative name gives its canonical
/// zone, as [`crate::time::parse_tz`] does).
pub fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let text = String::deserialize(d)?;
    crate::time::parse_tz("zone", &text)
        .map_err(|_| serde::de::Error::custom(Expected::Zone.reason()))
}

/// [`zone`], or `null`.
pub fn option_zone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
    #[derive(Deserialize)]
    struct Zone(#[serde(deserialize_with = "zone")] Tz);
    Ok(Option::<Zone>::deserialize(d)?.map(|z| z.0))
}

/// A patch's clearable field: absent is `None` (with `#[serde(default)]`:
/// leave it as is), `null` is `Some(None)` (clear it), a value is
/// `Some(Some(value))` (set it).
pub fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
