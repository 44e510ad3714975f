//! `trellis week`: every pair's meetings of this week (Monday to Sunday in
//! my zone) with the partner's time beside mine, and the action items due
//! by Sunday, what I owe apart from what my partners owe.

use chrono::{NaiveTime, TimeZone};
use clap::Args as ClapArgs;
use trellis_core::week::{self, Week, WeekAction};
use trellis_core::{time, zone, Db, Result};

use crate::output::{short, table, Output};

#[derive(ClapArgs)]
pub struct Args {
    /// My time zone (IANA name); default: this computer's.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Show the week this day falls in, as it will stand that day
    /// (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

use chrono::Datelike;

fn due(a: &WeekAction, today: chrono::NaiveDate) -> String {
    // The year only when it is not this one: "Thu 14 Aug 2025 (477 days overdue)".
    let d = if a.due_date.year() == today.year() {
        a.due_date.format("%a %-d %b")
    } else {
        a.due_date.format("%a %-d %b %Y")
    }
    .to_string();
    if a.overdue {
        let late = (today - a.due_date).num_days();
        format!(
            "{d} ({late} day{} overdue)",
            if late == 1 { "" } else { "s" }
        )
    } else {
        d
    }
}

fn actions(title: &str, list: &[WeekAction], today: chrono::NaiveDate, none: &str) -> String {
    if list.is_empty() {
        return format!("{title}\n{none}");
    }
    let rows = list
        .iter()
        .map(|a| {
            vec![
                due(a, today),
                a.text.clone(),
                a.partner_name.clone(),
                short(a.id),
            ]
        })
        .collect();
    format!("{title}\n{}", table(&["DUE", "ITEM", "PAIR", "ID"], rows))
}

fn text(w: &Week) -> String {
    if w.pairs == 0 {
        return "No pairs yet. Start one with: trellis pair add --role mentor --partner NAME --cohort first-patch".into();
    }
    let head = format!(
        "Week of {} – {} (my times in {})",
        w.starts_on.format("%a %-d %b"),
        w.ends_on.format("%a %-d %b %Y"),
        w.my_tz
    );
    let meetings = if w.meetings.is_empty() {
        "Meetings\nNone this week. Schedule one with: trellis meeting schedule --pair ID --start 'YYYY-MM-DD HH:MM'".to_string()
    } else {
        let rows = w
            .meetings
            .iter()
            .map(|m| {
                vec![
                    m.mine.clone(),
                    format!("{} ({})", m.theirs, m.partner_tz),
                    m.partner_name.clone(),
                    match (&m.meeting_id, m.started) {
                        (Some(_), _) => "logged",
                        (None, true) => "not logged yet",
                        (None, false) => "scheduled",
                    }
                    .into(),
                ]
            })
            .collect();
        format!(
            "Meetings\n{}",
            table(&["MY TIME", "PARTNER'S TIME", "PAIR", ""], rows)
        )
    };
    format!(
        "{head}\n\n{meetings}\n\n{}\n\n{}",
        actions("I owe", &w.i_owe, w.today, "Nothing due by Sunday."),
        actions(
            "My partners owe",
            &w.they_owe,
            w.today,
            "Nothing due by Sunday."
        )
    )
}

pub fn run(db: &Db, a: Args) -> Result<Output> {
    let zone = match &a.tz {
        Some(z) => time::parse_tz("time zone", z)?,
        None => zone::system(),
    };
    let now = match &a.on {
        // Noon that day in my zone: the day whatever the zone's offset.
        Some(d) => {
            let day = time::parse_date("on", d)?;
            let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
            zone.from_local_datetime(&noon)
                .earliest()
                .map_or_else(|| noon.and_utc(), |t| t.to_utc())
        }
        None => time::now(),
    };
    let w = week::get(db, zone, now)?;
    let t = text(&w);
    Output::new(&w, t)
}
