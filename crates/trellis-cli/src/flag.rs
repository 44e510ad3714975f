//! Flags read into the core's typed inputs: dates, times and zones are
//! parsed here, and refused as the core refuses them (`error: due date:
//! '2025-02-30' is not a date; …`, and the same report under `--json`),
//! before anything is asked of the core.

use chrono::NaiveDate;
use chrono_tz::Tz;
use trellis_core::time::{self, When};
use trellis_core::Result;

/// A `YYYY-MM-DD` flag; `field` names it in the error.
pub fn date(field: &str, text: &str) -> Result<NaiveDate> {
    time::parse_date(field, text)
}

/// An optional `YYYY-MM-DD` flag.
pub fn opt_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(|t| date(field, t)).transpose()
}

/// A clearable date flag of an edit: absent leaves the date, an empty
/// value clears it, a date sets it.
pub fn clearable_date(field: &str, text: Option<&str>) -> Result<Option<Option<NaiveDate>>> {
    match text.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(t) => date(field, t).map(|d| Some(Some(d))),
    }
}

/// An IANA time zone flag (an old name gives its canonical zone).
pub fn zone(field: &str, text: &str) -> Result<Tz> {
    time::parse_tz(field, text)
}

/// An optional time zone flag.
pub fn opt_zone(field: &str, text: Option<&str>) -> Result<Option<Tz>> {
    text.map(|t| zone(field, t)).transpose()
}

/// A time flag: RFC 3339, or `YYYY-MM-DD HH:MM` in my zone.
pub fn when(field: &str, text: &str) -> Result<When> {
    time::parse_when(field, text)
}

/// An optional time flag.
pub fn opt_when(field: &str, text: Option<&str>) -> Result<Option<When>> {
    text.map(|t| when(field, t)).transpose()
}
