//! Links (a meeting and the goals or carried-forward items it touched) and
//! criterion confirmations, merged into the store: the second half of
//! [`Merge`](super::Merge), split from `apply.rs` by what it merges.

use super::*;

impl<'a> Merge<'a, '_> {
    /// A link: `present` decides whether it exists, last writer wins; the
    /// fields after it (`closed_here`) merge as a row's fields do, while the
    /// link stays on both sides.
    pub(super) fn link(&mut self, r: &'a Record, known: &mut KnownLinks) -> Result<()> {
        let table = r.table;
        let Key::Link(a, b, _, _) = table.key() else {
            return Ok(());
        };
        let Some((x, y)) = r.id.split_once('/') else {
            return Ok(());
        };
        if !known.a.contains(x) || !known.b.contains(y) {
            return Ok(());
        }
        let Some(cell) = r.fields.get("present") else {
            return Ok(());
        };
        let here = known.present.remove(&r.id);
        let clocks = known.clocks.remove(&r.id).unwrap_or_default();
        let me = zero(self.ctx.me);
        let local = clocks
            .get("present")
            .cloned()
            .or_else(|| here.is_some().then(|| me.clone()));
        let want = cell.value == Val::Int(1);
        if local.as_ref().is_some_and(|l| cell.clock <= *l) {
            // The link stays as it is here; while it exists on both
            // sides, its other fields still merge.
            if let (true, Some(vals)) = (want, here) {
                self.link_fields(r, (a, b, x, y), &vals, &clocks)?;
            }
            return Ok(());
        }
        match (want, here) {
            (true, None) => {
                let more = table.fields()[1..]
                    .iter()
                    .map(|f| r.fields.get(f.name).map(|c| &c.value))
                    .collect::<Option<Vec<_>>>();
                let Some(more) = more else {
                    return Ok(()); // validation lets only full links through; be safe
                };
                self.links.push(NewLink {
                    table,
                    a: x,
                    b: y,
                    more,
                });
                self.out.inserted += 1;
                for (&name, c) in &r.fields {
                    if name != "present" && clocks.get(name).is_none_or(|l| c.clock > *l) {
                        self.set_clock(table, &r.id, name, &c.clock)?;
                    }
                }
            }
            (true, Some(vals)) => self.link_fields(r, (a, b, x, y), &vals, &clocks)?,
            (false, Some(_)) => {
                self.c
                    .prepare_cached(&format!(
                        "DELETE FROM {} WHERE {a} = ?1 AND {b} = ?2",
                        table.name()
                    ))?
                    .execute([x, y])?;
                self.out.deleted += 1;
            }
            (false, None) => {}
        }
        self.set_clock(table, &r.id, "present", &cell.clock)
    }

    /// The fields after `present` of a link both sides have: per field, the
    /// newer value wins.
    fn link_fields(
        &mut self,
        r: &'a Record,
        (a, b, x, y): (&str, &str, &str, &str),
        here: &[Val],
        clocks: &HashMap<String, Clock>,
    ) -> Result<()> {
        let table = r.table;
        let me = zero(self.ctx.me);
        let mut changed = false;
        for (field, local) in table.fields()[1..].iter().zip(here) {
            let Some(cell) = r.fields.get(field.name) else {
                continue;
            };
            if cell.clock <= *clocks.get(field.name).unwrap_or(&me) {
                continue;
            }
            if cell.value != *local {
                self.c
                    .prepare_cached(&format!(
                        "UPDATE {} SET {} = ?3 WHERE {a} = ?1 AND {b} = ?2",
                        table.name(),
                        field.name
                    ))?
                    .execute(params![x, y, cell.value])?;
                changed = true;
            }
            self.set_clock(table, &r.id, field.name, &cell.clock)?;
        }
        if changed {
            self.out.updated += 1;
        }
        Ok(())
    }

    pub(super) fn confirmation(&mut self, r: &'a Record) -> Result<()> {
        let Some((criterion, role)) = r.id.split_once('/') else {
            return Ok(());
        };
        if role == self.ctx.my_role.as_str() {
            // My own confirmation, as the partner last saw it: only I change
            // it (`check_authority` refused any file that would).
            return Ok(());
        }
        if !in_pair(self.c, Table::Criterion, criterion, self.pair_id())? {
            return Ok(());
        }
        let local: Option<(Val, Val)> = self
            .c
            .prepare_cached(
                "SELECT met_on, evidence FROM criterion_confirmation WHERE criterion_id = ?1 AND role = ?2",
            )?
            .query_row([criterion, role], |row| {
                Ok((Val::from_ref(row.get_ref(0)?)?, Val::from_ref(row.get_ref(1)?)?))
            })
            .optional()?;
        let clocks = row_clocks(self.c, Table::Confirmation, &r.id)?;
        let (mut met_on, mut evidence) = local.clone().unwrap_or((Val::Null, Val::Null));
        let mut changed = false;
        for (&name, cell) in &r.fields {
            let Some(field) = Table::Confirmation.field(name) else {
                continue;
            };
            let slot = if name == "met_on" {
                &mut met_on
            } else {
                &mut evidence
            };
            let lc = clocks
                .get(name)
                .cloned()
                .or_else(|| local.as_ref().map(|_| zero(self.ctx.me)));
            if lc.as_ref().is_none_or(|l| cell.clock > *l) {
                if cell.value != *slot {
                    if let Some(l) = &lc {
                        if self.concurrent(field, l, &cell.clock) {
                            let old = slot.clone();
                            self.keep_loser(Table::Confirmation, &r.id, name, &old, l, "mine")?;
                        }
                    }
                    *slot = cell.value.clone();
                    changed = true;
                }
                self.set_clock(Table::Confirmation, &r.id, name, &cell.clock)?;
            } else if let Some(l) = &lc {
                if cell.clock < *l && cell.value != *slot && self.concurrent(field, l, &cell.clock)
                {
                    self.keep_loser(
                        Table::Confirmation,
                        &r.id,
                        name,
                        &cell.value,
                        &cell.clock,
                        "theirs",
                    )?;
                }
            }
        }
        if !changed && local.is_some() {
            return Ok(());
        }
        self.c
            .prepare_cached(
                "INSERT INTO criterion_confirmation (criterion_id, role, met_on, evidence) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (criterion_id, role) DO UPDATE SET met_on = excluded.met_on, evidence = excluded.evidence",
            )?
            .execute(params![criterion, role, met_on, evidence])?;
        if local.is_some() {
            self.out.updated += 1;
        } else {
            self.out.inserted += 1;
        }
        Ok(())
    }
}
