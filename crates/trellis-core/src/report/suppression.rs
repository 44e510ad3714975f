//! Small-group suppression for a table of counts with row and column totals.
//!
//! # The rule
//!
//! A table of counts `cells[r][c]` has a total per row, a total per column
//! and a grand total. Think of the table as a flow: every respondent counted
//! in cell (r, c) flows *grand → row r → column c → grand*. Each row and
//! each column (the total row and total column included) is then one
//! equation, "what flows in equals what flows out", and adding up the
//! equations of any set `U` of rows and columns says: the entries leaving
//! `U` add up to the entries entering it. A reader who knows the published
//! entries learns, for every such `U`, one sum of hidden entries — exactly
//! when every hidden entry that crosses `U`'s border crosses it the same way
//! (a single row's "total minus the published cells" is the simplest case).
//!
//! [`protect`] hides entries until
//! 1. every published entry is 0 or at least `k` (*primary* suppression:
//!    a group of 1 … k−1 respondents is never shown), and no cell of a row
//!    or column whose total is 1 … k−1 is shown, zeros included (a zero
//!    beside a small hidden total would say what the whole group answered),
//! 2. for every set `U`, a sum of hidden entries that the published ones
//!    give away is 0 or at least `k` (*complementary* suppression: a hidden
//!    small group cannot be worked out from totals or other cells — neither
//!    by one subtraction nor by any chain of them).
//!
//! When 2 fails for some `U`, the published entry crossing `U`'s border with
//! the smallest positive count is hidden too (inner cells before totals,
//! then the first in reading order), and the search starts again; it ends
//! because every round hides one more entry. Differences *between* hidden
//! groups (what a set `U` with hidden entries crossing both ways gives) are
//! not treated as disclosure.
//!
//! Entries can be fixed by the caller: [`Fix::Shown`] entries are known to
//! the reader anyway (another table publishes them) and are never hidden
//! here; [`Fix::Hidden`] ones are never published. If the only way to
//! protect a table would be to hide a `Shown` entry, or the table is too
//! large to check every set (both sides over [`MAX_SIDE`] lines), every free
//! entry is hidden: safe, if not useful.

/// What the caller fixes about one entry before suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// [`protect`] decides.
    Free,
    /// Published elsewhere: the reader knows it; it is never hidden here.
    Shown,
    /// Never published.
    Hidden,
}

/// A table of counts and what is fixed about its totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountTable {
    /// Row-major; every row has the same length.
    pub cells: Vec<Vec<u32>>,
    /// One per row.
    pub row_totals: Vec<Fix>,
    /// One per column.
    pub col_totals: Vec<Fix>,
    pub grand_total: Fix,
}

impl CountTable {
    /// A table whose totals are all for [`protect`] to decide.
    pub fn free(cells: Vec<Vec<u32>>) -> Self {
        let rows = cells.len();
        let cols = cells.first().map_or(0, Vec::len);
        CountTable {
            cells,
            row_totals: vec![Fix::Free; rows],
            col_totals: vec![Fix::Free; cols],
            grand_total: Fix::Free,
        }
    }

    pub fn row_total(&self, r: usize) -> u32 {
        self.cells[r].iter().sum()
    }

    pub fn col_total(&self, c: usize) -> u32 {
        self.cells.iter().map(|row| row[c]).sum()
    }

    pub fn grand(&self) -> u32 {
        self.cells.iter().flatten().sum()
    }
}

/// Which entries may be published (`true`) after suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub cells: Vec<Vec<bool>>,
    pub row_totals: Vec<bool>,
    pub col_totals: Vec<bool>,
    pub grand_total: bool,
}

/// Tables with more lines than this on both sides are not searched: every
/// free entry is hidden instead.
pub const MAX_SIDE: usize = 16;

/// One entry of the extended table: an edge of the flow graph from `from`
/// to `to`. Vertices `0..=rows` are the rows (`rows` is the total row),
/// `rows+1 ..= rows+cols+1` the columns (the last is the total column).
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: usize,
    to: usize,
    value: u32,
    fix: Fix,
    /// Inner cells are hidden before totals when there is a choice.
    inner: bool,
    hidden: bool,
}

/// Decide which entries of `t` can be published with groups of at least `k`.
pub fn protect(t: &CountTable, k: u32) -> Published {
    let rows = t.cells.len();
    let cols = t.cells.first().map_or(0, Vec::len);
    let row_v = |r: usize| r; // r == rows is the total row
    let col_v = |c: usize| rows + 1 + c; // c == cols is the total column
    let mut edges = Vec::with_capacity((rows + 1) * (cols + 1));
    // Flow: total column → row → column → total row → total column.
    for r in 0..rows {
        for c in 0..cols {
            edges.push(Edge {
                from: row_v(r),
                to: col_v(c),
                value: t.cells[r][c],
                fix: Fix::Free,
                inner: true,
                hidden: false,
            });
        }
    }
    for r in 0..rows {
        edges.push(Edge {
            from: col_v(cols),
            to: row_v(r),
            value: t.row_total(r),
            fix: t.row_totals[r],
            inner: false,
            hidden: false,
        });
    }
    for c in 0..cols {
        edges.push(Edge {
            from: col_v(c),
            to: row_v(rows),
            value: t.col_total(c),
            fix: t.col_totals[c],
            inner: false,
            hidden: false,
        });
    }
    edges.push(Edge {
        from: row_v(rows),
        to: col_v(cols),
        value: t.grand(),
        fix: t.grand_total,
        inner: false,
        hidden: false,
    });
    let k = k.max(1);
    for e in &mut edges {
        e.hidden = match e.fix {
            Fix::Hidden => true,
            Fix::Shown => false,
            Fix::Free => e.value > 0 && e.value < k,
        };
    }

    // A small population shows nothing, not even its zeros: "0 of them
    // said yes" beside a hidden total of 3 says what all 3 did.
    let small = |v: u32| v > 0 && v < k;
    for e in &mut edges {
        let row_small = e.from < rows && small(t.row_total(e.from));
        let col_small =
            e.to > rows && e.to - rows - 1 < cols && small(t.col_total(e.to - rows - 1));
        if e.inner && e.fix == Fix::Free && (row_small || col_small || small(t.grand())) {
            e.hidden = true;
        }
    }
    let sides = (rows + 1, cols + 1);
    if sides.0.min(sides.1) > MAX_SIDE {
        hide_all_free(&mut edges);
    } else {
        loop {
            match find_leak(&edges, rows, cols, k) {
                None => break,
                Some(crossing) => {
                    let pick = crossing
                        .iter()
                        .copied()
                        .filter(|&i| {
                            let e = &edges[i];
                            !e.hidden && e.fix == Fix::Free && e.value > 0
                        })
                        .min_by_key(|&i| (!edges[i].inner, edges[i].value, i));
                    match pick {
                        Some(i) => edges[i].hidden = true,
                        None => {
                            hide_all_free(&mut edges);
                            break;
                        }
                    }
                }
            }
        }
    }

    let mut it = edges.iter().map(|e| !e.hidden);
    let mut take = || it.next().unwrap_or(false);
    let cells = (0..rows)
        .map(|_| (0..cols).map(|_| take()).collect())
        .collect();
    let row_totals = (0..rows).map(|_| take()).collect();
    let col_totals = (0..cols).map(|_| take()).collect();
    let grand_total = take();
    Published {
        cells,
        row_totals,
        col_totals,
        grand_total,
    }
}

/// Which counts of one line — the counts of a population whose size is
/// published — may be shown. A count of 1 … k−1 is hidden; then, while the
/// hidden counts add up to 1 … k−1 (which the published size minus the
/// shown counts gives away, and with one hidden count is that count), the
/// smallest positive count still shown is hidden too (the last of equal
/// ones). Zeros are shown. The hidden counts then add up to 0 or at least
/// `k`, and with only the line's size known each of them can be anything
/// from 0 to that sum: nothing below `k` can be worked out.
pub fn protect_line(counts: &[u32], k: u32) -> Vec<bool> {
    let k = k.max(1);
    let mut shown: Vec<bool> = counts.iter().map(|v| *v == 0 || *v >= k).collect();
    loop {
        let hidden: u64 = counts
            .iter()
            .zip(&shown)
            .filter(|(_, s)| !**s)
            .map(|(v, _)| u64::from(*v))
            .sum();
        if hidden == 0 || hidden >= u64::from(k) {
            return shown;
        }
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, v)| shown[*i] && **v > 0)
            .min_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match next {
            Some(i) => shown[i] = false,
            // Everything positive is hidden and still small: the line's
            // size is itself small, which callers never publish.
            None => return vec![false; counts.len()],
        }
    }
}

fn hide_all_free(edges: &mut [Edge]) {
    for e in edges.iter_mut().filter(|e| e.fix != Fix::Shown) {
        e.hidden = true;
    }
}

/// A set of lines whose border is crossed by hidden entries all one way,
/// adding up to 1 … k−1: the indices of every entry crossing its border.
fn find_leak(edges: &[Edge], rows: usize, cols: usize, k: u32) -> Option<Vec<usize>> {
    // Enumerate the smaller side; every vertex of the other side then picks
    // its side of the border on its own (the graph is bipartite: rows on one
    // side, columns on the other).
    let row_side: Vec<usize> = (0..=rows).collect();
    let col_side: Vec<usize> = (rows + 1..=rows + cols + 1).collect();
    let (enumerated, free) = if row_side.len() <= col_side.len() {
        (row_side, col_side)
    } else {
        (col_side, row_side)
    };
    let mut at = vec![usize::MAX; rows + cols + 2];
    for (i, v) in enumerated.iter().enumerate() {
        at[*v] = i;
    }
    // For each free vertex: its edges (index into `edges`, other end's bit).
    let incident: Vec<Vec<(usize, usize)>> = free
        .iter()
        .map(|&v| {
            edges
                .iter()
                .enumerate()
                .filter(|(_, e)| e.from == v || e.to == v)
                .map(|(i, e)| (i, at[if e.from == v { e.to } else { e.from }]))
                .collect()
        })
        .collect();
    for mask in 0u64..(1u64 << enumerated.len()) {
        let inside = |bit: usize| mask & (1 << bit) != 0;
        // Per free vertex, each choice (outside U, inside U): None when a
        // hidden edge would enter U, else the hidden sum leaving U.
        let mut choices: Vec<[Option<u64>; 2]> = Vec::with_capacity(free.len());
        for (fi, &v) in free.iter().enumerate() {
            let mut opt = [Some(0u64), Some(0u64)];
            for (choice, slot) in opt.iter_mut().enumerate() {
                let v_in = choice == 1;
                for &(ei, other) in &incident[fi] {
                    let e = &edges[ei];
                    let o_in = inside(other);
                    if v_in == o_in || !e.hidden {
                        continue;
                    }
                    // The edge crosses the border: does it leave U?
                    let tail_in = if e.from == v { v_in } else { o_in };
                    match slot {
                        Some(s) if tail_in => *s += u64::from(e.value),
                        _ => *slot = None,
                    }
                }
            }
            choices.push(opt);
        }
        if choices.iter().any(|c| c[0].is_none() && c[1].is_none()) {
            continue;
        }
        // Hidden edges between enumerated vertices do not exist (bipartite),
        // so the sum leaving U is the free vertices' sums added up.
        let best: Vec<u64> = choices
            .iter()
            .map(|c| c.iter().flatten().copied().min().unwrap_or(0))
            .collect();
        let min_total: u64 = best.iter().sum();
        let pick: Option<Vec<bool>> = if min_total > 0 {
            (min_total < u64::from(k)).then(|| {
                choices
                    .iter()
                    .zip(&best)
                    .map(|(c, b)| c[1] == Some(*b))
                    .collect()
            })
        } else {
            // Everyone can stay at 0: the smallest positive total is one
            // vertex at its smallest positive choice.
            choices
                .iter()
                .enumerate()
                .flat_map(|(fi, c)| {
                    c.iter()
                        .enumerate()
                        .filter_map(move |(ch, s)| s.filter(|s| *s > 0).map(|s| (s, fi, ch)))
                })
                .min()
                .filter(|(s, _, _)| *s < u64::from(k))
                .map(|(_, fi, ch)| {
                    choices
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            if j == fi {
                                ch == 1
                            } else {
                                c[1] == Some(0) && c[0] != Some(0)
                            }
                        })
                        .collect()
                })
        };
        if let Some(free_in) = pick {
            let mut in_u = vec![false; rows + cols + 2];
            for (i, v) in enumerated.iter().enumerate() {
                in_u[*v] = inside(i);
            }
            for (fi, v) in free.iter().enumerate() {
                in_u[*v] = free_in[fi];
            }
            return Some(
                edges
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| in_u[e.from] != in_u[e.to])
                    .map(|(i, _)| i)
                    .collect(),
            );
        }
    }
    None
}

type AuditEdge = (usize, usize, u32, bool);

fn audit_edges(t: &CountTable, p: &Published) -> (Vec<AuditEdge>, usize, usize) {
    let rows = t.cells.len();
    let cols = t.cells.first().map_or(0, Vec::len);
    let mut edges: Vec<AuditEdge> = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            edges.push((r, rows + 1 + c, t.cells[r][c], !p.cells[r][c]));
        }
    }
    for r in 0..rows {
        edges.push((rows + 1 + cols, r, t.row_total(r), !p.row_totals[r]));
    }
    for c in 0..cols {
        edges.push((rows + 1 + c, rows, t.col_total(c), !p.col_totals[c]));
    }
    edges.push((rows, rows + 1 + cols, t.grand(), !p.grand_total));
    (edges, rows, cols)
}

/// For tests and audits: the smallest positive sum of hidden entries that
/// the published entries give away (over every set of lines), if any. A
/// table is safe for `k` when this is `None` or at least `k`.
pub fn smallest_revealed_sum(t: &CountTable, p: &Published) -> Option<u32> {
    let (edges, rows, cols) = audit_edges(t, p);
    if rows + cols + 2 <= 14 {
        return brute_force(&edges, rows + cols + 2);
    }
    decomposed(&edges, rows, cols)
}

fn decomposed(edges: &[AuditEdge], rows: usize, cols: usize) -> Option<u32> {
    // Enumerate the smaller side; each vertex of the other side then picks
    // its side on its own, for each direction the hidden edges may cross.
    let row_side: Vec<usize> = (0..=rows).collect();
    let col_side: Vec<usize> = (rows + 1..=rows + cols + 1).collect();
    let (small, large) = if row_side.len() <= col_side.len() {
        (row_side, col_side)
    } else {
        (col_side, row_side)
    };
    let mut smallest: Option<u64> = None;
    for mask in 0u64..(1u64 << small.len()) {
        let mut in_u = vec![false; rows + cols + 2];
        for (i, v) in small.iter().enumerate() {
            in_u[*v] = mask & (1 << i) != 0;
        }
        for leaving in [true, false] {
            let mut options: Vec<[Option<u64>; 2]> = Vec::with_capacity(large.len());
            for &v in &large {
                let mut opt = [Some(0u64), Some(0u64)];
                for (choice, slot) in opt.iter_mut().enumerate() {
                    let v_in = choice == 1;
                    for &(from, to, value, hidden) in edges {
                        if !hidden || (from != v && to != v) {
                            continue;
                        }
                        let other = if from == v { to } else { from };
                        if in_u[other] == v_in {
                            continue;
                        }
                        let tail_in = if from == v { v_in } else { in_u[other] };
                        match slot {
                            Some(s) if tail_in == leaving => *s += u64::from(value),
                            _ => *slot = None,
                        }
                    }
                }
                options.push(opt);
            }
            if let Some(m) = min_positive(&options) {
                smallest = Some(smallest.map_or(m, |s| s.min(m)));
            }
        }
    }
    smallest.map(|s| s.min(u64::from(u32::MAX)) as u32)
}

/// The smallest positive total over one valid option per vertex.
fn min_positive(options: &[[Option<u64>; 2]]) -> Option<u64> {
    if options.iter().any(|o| o[0].is_none() && o[1].is_none()) {
        return None;
    }
    let best: Vec<u64> = options
        .iter()
        .map(|o| o.iter().flatten().copied().min().unwrap_or(0))
        .collect();
    let total: u64 = best.iter().sum();
    if total > 0 {
        return Some(total);
    }
    options
        .iter()
        .flat_map(|o| o.iter().flatten().copied().filter(|s| *s > 0))
        .min()
}

fn brute_force(edges: &[AuditEdge], n: usize) -> Option<u32> {
    let mut smallest: Option<u32> = None;
    for mask in 0u64..(1u64 << n) {
        let inside = |v: usize| mask & (1 << v) != 0;
        let (mut out, mut inn) = (0u32, 0u32);
        let (mut any_out, mut any_in) = (false, false);
        for &(from, to, value, hidden) in edges {
            if !hidden || inside(from) == inside(to) {
                continue;
            }
            if inside(from) {
                out += value;
                any_out = true;
            } else {
                inn += value;
                any_in = true;
            }
        }
        let revealed = match (any_out, any_in) {
            (true, false) => out,
            (false, true) => inn,
            _ => continue,
        };
        if revealed > 0 {
            smallest = Some(smallest.map_or(revealed, |s| s.min(revealed)));
        }
    }
    smallest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(t: &CountTable, k: u32) -> Published {
        protect(t, k)
    }

    #[test]
    fn a_table_of_large_groups_is_published_whole() {
        let t = CountTable::free(vec![vec![5, 7], vec![9, 6]]);
        let p = shown(&t, 5);
        assert!(p.cells.iter().flatten().all(|b| *b));
        assert!(p.row_totals.iter().all(|b| *b) && p.col_totals.iter().all(|b| *b));
        assert!(p.grand_total);
    }

    #[test]
    fn one_small_cell_takes_three_more_with_it() {
        // The 2 is hidden; then its row, its column and the opposite corner.
        let t = CountTable::free(vec![vec![2, 7], vec![9, 6]]);
        let p = shown(&t, 5);
        assert_eq!(p.cells, vec![vec![false, false], vec![false, false]]);
        assert!(p.row_totals.iter().all(|b| *b));
        assert!(p.col_totals.iter().all(|b| *b));
        assert!(smallest_revealed_sum(&t, &p).is_none_or(|s| s >= 5));
    }

    #[test]
    fn a_small_row_total_is_hidden_with_its_cells() {
        let t = CountTable::free(vec![vec![1, 2], vec![9, 8], vec![7, 6]]);
        let p = shown(&t, 5);
        assert!(!p.row_totals[0]);
        assert!(!p.cells[0][0] && !p.cells[0][1]);
        let leak = smallest_revealed_sum(&t, &p);
        assert!(leak.is_none_or(|s| s >= 5), "{leak:?}");
    }

    #[test]
    fn hidden_cells_whose_sum_is_still_small_take_a_third() {
        // One column: 2 and 1 hidden add up to 3, which the total would
        // give away, so the 6 goes too.
        let mut t = CountTable::free(vec![vec![2], vec![1], vec![6], vec![9]]);
        t.row_totals = vec![Fix::Hidden; 4];
        let p = shown(&t, 5);
        assert_eq!(
            p.cells,
            vec![vec![false], vec![false], vec![false], vec![true]]
        );
        assert!(p.col_totals[0]);
        assert!(smallest_revealed_sum(&t, &p).is_none_or(|s| s >= 5));
    }

    #[test]
    fn zeros_are_published_and_never_count_as_protection() {
        let t = CountTable::free(vec![vec![0], vec![3], vec![0], vec![8]]);
        let p = shown(&t, 5);
        assert_eq!(
            p.cells,
            vec![vec![true], vec![false], vec![true], vec![false]]
        );
    }

    #[test]
    fn a_table_smaller_than_k_shows_nothing() {
        let t = CountTable::free(vec![vec![1, 0], vec![2, 1]]);
        let p = shown(&t, 5);
        assert!(!p.grand_total);
        assert_eq!(p.cells, vec![vec![false, false], vec![false, false]]);
    }

    #[test]
    fn a_total_shown_elsewhere_is_never_hidden_here() {
        let mut t = CountTable::free(vec![vec![2], vec![8]]);
        t.col_totals = vec![Fix::Shown];
        t.grand_total = Fix::Shown;
        t.row_totals = vec![Fix::Hidden; 2];
        let p = shown(&t, 5);
        assert!(p.col_totals[0] && p.grand_total);
        assert!(!p.cells[0][0] && !p.cells[1][0]);
        assert!(!p.row_totals[0] && !p.row_totals[1]);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_audit_agrees_with_brute_force(
            cells in proptest::collection::vec(proptest::collection::vec(0u32..6, 3), 1..7),
            hide in proptest::collection::vec(proptest::bool::ANY, 40),
        ) {
            let t = CountTable::free(cells);
            let rows = t.cells.len();
            let mut h = hide.iter().cycle().copied();
            let p = Published {
                cells: (0..rows).map(|_| (0..3).map(|_| !h.next().unwrap_or(false)).collect()).collect(),
                row_totals: (0..rows).map(|_| !h.next().unwrap_or(false)).collect(),
                col_totals: (0..3).map(|_| !h.next().unwrap_or(false)).collect(),
                grand_total: !h.next().unwrap_or(false),
            };
            let (edges, r, c) = audit_edges(&t, &p);
            let fast = decomposed(&edges, r, c);
            proptest::prop_assert_eq!(fast, brute_force(&edges, r + c + 2));
        }
    }

    #[test]
    fn the_zeros_of_a_small_row_are_hidden_too() {
        let t = CountTable::free(vec![vec![3, 0, 0], vec![6, 7, 5]]);
        let p = shown(&t, 5);
        assert_eq!(p.cells[0], vec![false, false, false]);
        assert!(!p.row_totals[0]);
    }

    #[test]
    fn k_of_one_publishes_everything() {
        let t = CountTable::free(vec![vec![1, 0], vec![2, 1]]);
        let p = shown(&t, 1);
        assert!(p.cells.iter().flatten().all(|b| *b) && p.grand_total);
    }
}
