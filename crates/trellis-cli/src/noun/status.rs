use trellis_core::{status, Db, Result};

use crate::output::{short, table, Output};

/// `2 (1 overdue)`, `3`: open action items, and how many are late.
fn owed(o: status::Owed) -> String {
    if o.overdue > 0 {
        format!("{} ({} overdue)", o.open, o.overdue)
    } else {
        o.open.to_string()
    }
}

pub fn run(db: &Db) -> Result<Output> {
    let list = status::overview(db, trellis_core::time::now())?;
    if list.is_empty() {
        return Output::new(
            &list,
            "No pairs yet. Start one with: trellis pair add --role mentee --partner NAME --cohort first-patch\n\
             (or try: trellis pair sample)",
        );
    }
    let rows = list
        .iter()
        .map(|s| {
            let checkin = s
                .next_checkin
                .as_ref()
                .map(|c| format!("{}: {}", c.number, c.describe()))
                .unwrap_or_else(|| "—".into());
            let attention = if s.attention.is_empty() {
                if s.pair.status == trellis_core::pair::PairStatus::Active {
                    "on track".to_string()
                } else {
                    s.pair.status.as_str().to_string()
                }
            } else {
                s.attention
                    .iter()
                    .map(|a| a.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![
                short(s.pair.id),
                s.pair.partner_name.clone(),
                s.pair.my_role.as_str().to_string(),
                format!("{}d / {}d", s.days_since_meeting, s.pair.cadence_days),
                format!("{} / {}", owed(s.mine), owed(s.theirs)),
                checkin,
                format!("{}/{}", s.criteria_met, s.criteria_total),
                attention,
            ]
        })
        .collect();
    Output::new(
        &list,
        table(
            &[
                "ID",
                "PARTNER",
                "MY ROLE",
                "SINCE MEETING / CADENCE",
                "I OWE / THEY OWE",
                "CHECK-IN",
                "CRITERIA",
                "ATTENTION",
            ],
            rows,
        ),
    )
}
