//! The report as one self-contained HTML page: inline CSS, inline SVG charts
//! (drawn with plotters' SVG backend), no scripts, no external assets. Every
//! string from a pack or a file is escaped. The page is in the report's
//! language (`<html lang>`, and its own words from [`Page`]), as its tables
//! are.

use std::fmt::Write as _;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::words::{fill, Page, Words};
use super::{Report, ReportTable};
use crate::survey::printable;

/// `&`, `<`, `>`, `"` and `'` escaped, control characters dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --accent: #2f6f5e; --hidden: #8a93a3; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }
.fact { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.fact b { display: block; font-size: 22px; }
.fact span { color: var(--muted); font-size: 13px; }
.note { background: #fff8e6; border: 1px solid #f0d68a; border-radius: 8px; padding: 10px 14px; margin: 16px 0; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 18px 0; }
section h2 { margin: 0 0 2px; font-size: 18px; }
section .q { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) 440px; gap: 24px; align-items: start; }
@media (max-width: 860px) { .grid { grid-template-columns: 1fr; } }
.stack > div + div { margin-top: 16px; }
tr.group th { text-align: left; padding-top: 12px; font-size: 13px; color: var(--accent); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { font-size: 13px; color: var(--muted); font-weight: 600; }
tr.total td, td.total { font-weight: 600; }
td.hidden { color: var(--hidden); }
td .pct { color: var(--muted); font-weight: 400; }
svg { max-width: 100%; height: auto; }
footer { color: var(--muted); font-size: 13px; margin-top: 28px; }
"#;

const HIDDEN: &str = "—";

fn cell(p: &Page, v: Option<u32>) -> String {
    match v {
        Some(n) => format!("<td>{n}</td>"),
        None => format!(
            "<td class=\"hidden\" title=\"{}\">{HIDDEN}</td>",
            p.suppressed
        ),
    }
}

fn table_html(p: &Page, t: &ReportTable) -> String {
    let cell = |v| cell(p, v);
    let mut s = String::from("<table><thead><tr>");
    let _ = write!(s, "<th>{}</th>", escape(&t.row_heading));
    for c in &t.columns {
        let _ = write!(s, "<th>{}</th>", escape(c));
    }
    if t.row_totals.is_some() {
        let _ = write!(s, "<th>{}</th>", p.total);
    }
    if let Some(h) = &t.rate_heading {
        let _ = write!(s, "<th>{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    let span =
        1 + t.columns.len() + usize::from(t.row_totals.is_some()) + usize::from(t.rates.is_some());
    for (ri, r) in t.rows.iter().enumerate() {
        if let Some(g) = &t.row_groups {
            if ri == 0 || g[ri - 1] != g[ri] {
                let _ = write!(
                    s,
                    "<tr class=\"group\"><th colspan=\"{span}\">{}</th></tr>",
                    escape(&g[ri])
                );
            }
        }
        let _ = write!(s, "<tr><td>{}</td>", escape(r));
        for (ci, v) in t.cells[ri].iter().enumerate() {
            // The share core worked out from the published table alone.
            match (
                v,
                t.percents
                    .get(ri)
                    .and_then(|p| p.get(ci))
                    .copied()
                    .flatten(),
            ) {
                (Some(n), Some(pc)) if *n > 0 => {
                    let _ = write!(s, "<td>{n} <span class=\"pct\">· {pc}%</span></td>");
                }
                _ => s.push_str(&cell(*v)),
            }
        }
        if let Some(rt) = &t.row_totals {
            s.push_str(&cell(rt[ri]).replacen("<td", "<td class=\"total\"", 1));
        }
        if let Some(rates) = &t.rates {
            match rates[ri] {
                Some(pc) => {
                    let _ = write!(s, "<td>{pc}%</td>");
                }
                None => s.push_str(&cell(None)),
            }
        }
        s.push_str("</tr>");
    }
    if t.column_totals.is_some() || t.shows_total {
        let _ = write!(s, "<tr class=\"total\"><td>{}</td>", p.total);
        match &t.column_totals {
            Some(ct) => {
                for v in ct {
                    s.push_str(&cell(*v));
                }
            }
            None => {
                for _ in 0..t.columns.len().saturating_sub(1) {
                    s.push_str("<td></td>");
                }
                if !t.columns.is_empty() && t.row_totals.is_none() {
                    s.push_str(&cell(t.total));
                }
            }
        }
        if t.row_totals.is_some() {
            s.push_str(&cell(if t.shows_total { t.total } else { None }));
        }
        if t.rates.is_some() {
            s.push_str("<td></td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

fn short(s: &str, n: usize) -> String {
    let s = printable(s, 400);
    if s.chars().count() <= n {
        s
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{cut}…")
    }
}

/// A horizontal bar chart: one bar per label; a suppressed value gets no bar
/// and is marked as such. `percent` draws values out of 100.
pub fn bar_chart(labels: &[String], values: &[Option<u32>], percent: bool, wide: bool) -> String {
    let (width, label_area, label_chars) = if wide { (900, 420, 58) } else { (440, 200, 26) };
    let rows = labels.len().max(1);
    let height = (rows as u32) * 30 + 48;
    let max = if percent {
        100
    } else {
        values.iter().flatten().copied().max().unwrap_or(0).max(1)
    };
    // Room to the right of the longest bar for its value.
    let x_max = if percent {
        116
    } else {
        max + max.div_ceil(6) + 1
    };
    let mut svg = String::new();
    let drawn = (|| -> std::result::Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let names: Vec<String> = labels
            .iter()
            .zip(values)
            .map(|(l, v)| {
                let l = short(l, label_chars);
                if v.is_none() {
                    format!("{l} ({HIDDEN})")
                } else {
                    l
                }
            })
            .collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(24)
            .y_label_area_size(label_area)
            .build_cartesian_2d(
                0u32..x_max,
                // An integer range's segments include its end: one per row
                // (a single row keeps one empty slot above it).
                (0..(rows - 1).max(1)).into_segmented(),
            )?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(RGBColor(235, 238, 243))
            .bold_line_style(RGBColor(225, 229, 236))
            .x_labels(6)
            .x_label_formatter(&|v| match (percent, *v) {
                (true, v) if v > 100 => String::new(),
                (true, v) => format!("{v}%"),
                (false, v) => v.to_string(),
            })
            .y_labels(rows)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => rows
                    .checked_sub(1 + *i)
                    .and_then(|j| names.get(j).cloned())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(("sans-serif", 16).into_font().color(&RGBColor(29, 36, 51)))
            .draw()?;
        let bar = RGBColor(47, 111, 94);
        chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            v.map(|v| {
                let y = rows - 1 - i;
                let mut r = Rectangle::new(
                    [(0, SegmentValue::Exact(y)), (v, SegmentValue::Exact(y + 1))],
                    bar.filled(),
                );
                r.set_margin(5, 5, 0, 0);
                r
            })
        }))?;
        chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
            v.map(|v| {
                let y = rows - 1 - i;
                Text::new(
                    if percent {
                        format!(" {v}%")
                    } else {
                        format!(" {v}")
                    },
                    (v, SegmentValue::CenterOf(y)),
                    ("sans-serif", 16)
                        .into_font()
                        .color(&RGBColor(29, 36, 51))
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )
            })
        }))?;
        root.present()?;
        Ok(())
    })();
    match drawn {
        Ok(()) => svg,
        Err(_) => String::new(),
    }
}

/// Tables with many columns or grouped rows take the full width, chart below.
fn wide(t: &ReportTable) -> bool {
    t.columns.len() > 3 || t.row_groups.is_some()
}

fn chart_for(t: &ReportTable) -> String {
    if let Some(rates) = &t.rates {
        return bar_chart(&t.rows, rates, true, wide(t));
    }
    if t.columns.len() == 1 {
        let values: Vec<Option<u32>> = t.cells.iter().map(|r| r[0]).collect();
        return bar_chart(&t.rows, &values, false, wide(t));
    }
    match &t.row_totals {
        Some(rt) => bar_chart(&t.rows, rt, false, wide(t)),
        None => String::new(),
    }
}

/// The whole page, in the report's language.
pub fn render(r: &Report) -> String {
    let words = Words::of(r.lang);
    let p = &words.page;
    // The page's words are plain text; only the values filled in need escaping.
    let k = r.min_group.to_string();
    let mut s = String::new();
    let program = escape(
        &r.program_name
            .clone()
            .or_else(|| r.program_id.clone())
            .unwrap_or_else(|| p.no_program.into()),
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        r.lang.tag(),
        fill(p.title, &[("program", &program)])
    );
    let code = format!(
        "<code>{}</code>",
        escape(r.program_id.as_deref().unwrap_or("—"))
    );
    let _ = write!(
        s,
        "<header><h1>{}</h1><p>{}</p></header>",
        p.heading,
        fill(
            p.byline,
            &[
                ("program", &program),
                ("id", &code),
                ("version", &escape(r.pack_version.as_deref().unwrap_or("—"))),
            ]
        )
    );
    let responses = r.tables.iter().find(|t| t.id == "responses");
    let n = responses.and_then(|t| t.total);
    let _ = write!(
        s,
        "<div class=\"facts\"><div class=\"fact\"><b>{}</b><span>{}</span></div>\
         <div class=\"fact\"><b>{}</b><span>{}</span></div>",
        n.map_or_else(|| fill(p.fewer_than, &[("k", &k)]), |n| n.to_string()),
        p.responses,
        r.min_group,
        p.min_group
    );
    if let Some(score) = r.nps.as_ref().and_then(|n| n.score) {
        let _ = write!(
            s,
            "<div class=\"fact\"><b>{score:+}</b><span>{}</span></div>",
            p.nps
        );
    }
    s.push_str("</div>\n");
    let _ = write!(
        s,
        "<p class=\"note\">{}</p>",
        fill(
            p.hidden_note,
            &[("hidden", &format!("<b>{HIDDEN}</b>")), ("k", &k)]
        )
    );
    if let Some(reason) = &r.override_reason {
        let _ = write!(
            s,
            "<p class=\"note\"><b>{}</b> {}</p>",
            p.override_label,
            fill(p.override_note, &[("k", &k), ("reason", &escape(reason))])
        );
    }
    if !r.groups.is_empty() {
        let groups = r
            .groups
            .iter()
            .map(|g| {
                format!(
                    "<b>{}</b> ({})",
                    escape(&g.label),
                    escape(&g.cohorts.join(", "))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = write!(
            s,
            "<p class=\"note\">{}</p>",
            fill(
                p.groups_note,
                &[
                    ("k", &k),
                    ("groups", &groups),
                    ("other", words.other_cohorts)
                ]
            )
        );
    }
    if r.tables.is_empty() {
        let why = if r.accepted == 0 {
            p.no_file.to_string()
        } else {
            fill(p.too_few, &[("k", &k)])
        };
        let _ = writeln!(s, "<section><h2>{}</h2><p>{why}</p></section>", p.nothing);
    }
    for t in &r.tables {
        // A question's wording is its heading; the table's name goes below.
        let (heading, sub) = match &t.question {
            Some(q) => (q.as_str(), Some(t.title.as_str())),
            None => (t.title.as_str(), None),
        };
        let _ = write!(
            s,
            "<section id=\"{}\"><h2>{}</h2>",
            escape(&t.id),
            escape(heading)
        );
        if let Some(sub) = sub {
            let _ = write!(s, "<p class=\"q\">{}</p>", escape(sub));
        }
        let chart = chart_for(t);
        if chart.is_empty() {
            s.push_str(&table_html(p, t));
        } else {
            let _ = write!(
                s,
                "<div class=\"{}\"><div>{}</div><div role=\"img\" aria-label=\"{}\">{}</div></div>",
                if wide(t) { "stack" } else { "grid" },
                table_html(p, t),
                fill(p.chart, &[("title", &escape(&t.title))]),
                chart
            );
        }
        s.push_str("</section>\n");
    }
    let _ = write!(
        s,
        "<footer>{}</footer>\n</main>\n</body>\n</html>\n",
        fill(p.footer, &[("refused", &r.refused.len().to_string())])
    );
    s
}
