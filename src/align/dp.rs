//! The dynamic programme that finds the cheapest sequence of beads, run on a
//! band around a path found at a coarser level (sentence pairs merged into
//! blocks), so time and memory grow linearly with the number of sentences.

use std::borrow::Cow;

use super::features::Bag;

/// Bead shapes the aligner may use: (source sentences, target sentences).
pub(crate) const MOVES: [(usize, usize); 14] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
    (1, 5),
    (5, 1),
];

/// Longest span of one side in a bead.
const MAX_SPAN: usize = 5;

/// Longest span whose merged bag is kept; longer spans (rare beads) are merged when needed,
/// which halves memory against keeping them all.
const STORED_SPAN: usize = 3;

/// Largest number of DP cells solved without a coarser pass first (at sentence level).
const FULL_CELLS: usize = 400_000;
/// The same below sentence level, where units are blocks with large bags.
const COARSE_CELLS: usize = 20_000;

/// Default of [`Params::lonely`].
const LONELY: f32 = 1.0;

/// Default of [`Params::gap_extend`].
const GAP_EXTEND: f32 = 0.5;

/// Default of [`Params::miss`].
const MISS: f32 = 1.0;

/// Default of [`Params::bracket`].
const BRACKET: f32 = 5.0;

/// Default of [`Params::inner`].
const INNER: f32 = 0.8;

/// Default of [`Params::cross`]. Text+Berg dev strict F1 at 0 / 0.5 / 1 / 2 / 3: 0.911 /
/// 0.911 / 0.917 / 0.909 / 0.911 (at 2 it also joins pairs whose numbers cross only because
/// a date list runs over two sentences); ParIce and FLORES unchanged at 1 and 2.
const CROSS: f32 = 1.0;

/// Length cost beyond which a bead is not compared further.
const HOPELESS: f32 = 25.0;

/// Keys kept per block at coarse levels (the heaviest), so block comparisons stay cheap.
const COARSE_BAG: usize = 48;

/// Half-width, in sentences, of the band searched around the projected coarse path.
const WINDOW: usize = 8;

/// Scoring constants of one run.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// Expected target length per source character.
    pub ratio: f32,
    /// Standard deviation of the log length ratio of a true bead.
    pub sigma: f32,
    /// Characters added to both lengths before the log ratio (damps short sentences).
    pub smooth: f32,
    /// Reward for a perfect anchor match.
    pub lex: f32,
    /// Shared anchor weight at which the lexical reward reaches about 63% of its full size.
    pub lex_mass: f32,
    /// Cost of leaving one sentence unaligned.
    pub skip: f32,
    /// Extra cost of leaving a sentence unaligned, per average sentence length it has (up to 2).
    pub skip_len: f32,
    /// Share of the skip cost that each further line of a run of unaligned lines that end no
    /// sentence costs.
    pub gap_extend: f32,
    /// Extra cost of leaving a source sentence unaligned, and a target one: the side with
    /// clearly fewer sentences is the less likely to hold sentences the other lacks.
    pub skip_side: (f32, f32),
    /// Average sentence length of the source and of the target.
    pub mean_len: (f32, f32),
    /// Cost by bead shape, beside [`MOVES`].
    pub prior: [f32; 14],
    /// Penalty for a bead whose one side crosses a paragraph break.
    pub para: f32,
    /// Penalty per sentence of a merge that shares no anchor with the other side.
    pub lonely: f32,
    /// Cost of a bead whose two sides both carry anchors (keys found somewhere on the other
    /// side of the document) but share none, at full anchor weight.
    pub miss: f32,
    /// Cost of a bead one side of which holds a number that the other side has in the
    /// sentence just outside the bead and not inside it (per direction, at full weight).
    pub cross: f32,
    /// Whether paragraph breaks are usable (both sides have several paragraphs).
    pub use_para: bool,
    /// Cost per sentence by which the two sides of a bead differ in the sentences their
    /// own punctuation marks (see [`super::features::inner_sentences`]).
    pub inner: f32,
    /// Cost of a bead that starts, on a side where it takes sentences, at a boundary that
    /// cuts a sentence (times [`Side::cut`]), unless the other side cuts there as well.
    pub bracket: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            ratio: 1.0,
            sigma: 0.2,
            smooth: 12.0,
            lex: 6.0,
            lex_mass: 2.0,
            skip: 2.7,
            skip_len: 0.0,
            gap_extend: GAP_EXTEND,
            skip_side: (0.0, 0.0),
            mean_len: (1.0, 1.0),
            prior: [
                0.0, 0.0, 0.0, 2.4, 2.4, 4.0, 4.5, 4.5, 5.0, 5.0, 6.0, 6.0, 7.0, 7.0,
            ],
            para: 2.0,
            lonely: LONELY,
            miss: MISS,
            use_para: false,
            inner: INNER,
            bracket: BRACKET,
            cross: CROSS,
        }
    }
}

/// One side of the alignment problem at some granularity.
#[derive(Debug, Clone, Default)]
pub(crate) struct Side {
    pub len: Vec<f32>,
    pub bag: Vec<Bag>,
    pub para: Vec<u32>,
    /// Sentences each unit holds by its own punctuation (1 for most).
    pub inner: Vec<f32>,
    /// Cost factor of leaving each unit unaligned, per sentence (1, less for noise lines).
    pub skip: Vec<f32>,
    /// How many original sentences each unit holds (1 at the finest level).
    pub width: Vec<usize>,
    /// How surely the boundary just before each unit cuts a sentence (1 inside brackets:
    /// the unit before leaves one open and this one closes it; less where an open end
    /// meets a lower-case start; 0 for most boundaries).
    /// Weighs [`Params::bracket`] for a bead that starts there on one side only.
    pub cut: Vec<f32>,
    /// Number anchors of each unit (a subset of `bag`); empty when not used.
    pub numbers: Vec<Bag>,
    /// spans[k][i]: merged bag of units i..=i+k+1 (k = 0 for two units).
    spans: Vec<Vec<Bag>>,
}

impl Side {
    pub fn new(len: Vec<f32>, bag: Vec<Bag>, para: Vec<u32>) -> Side {
        let width = vec![1; len.len()];
        let n = len.len();
        let mut s = Side {
            inner: vec![1.0; len.len()],
            skip: vec![1.0; len.len()],
            len,
            bag,
            para,
            width,
            cut: vec![0.0; n],
            numbers: Vec::new(),
            spans: Vec::new(),
        };
        s.build_spans();
        s
    }

    fn build_spans(&mut self) {
        let n = self.bag.len();
        self.spans = (2..=STORED_SPAN.min(MAX_SPAN))
            .map(|k| {
                (0..n.saturating_sub(k - 1))
                    .map(|i| Bag::merge(&self.bag[i..i + k].iter().collect::<Vec<_>>()))
                    .collect()
            })
            .collect();
    }

    /// Does unit `k` end no sentence (a caption, heading or debris line)?
    fn open_line(&self, k: usize) -> bool {
        self.inner.get(k).is_some_and(|&x| x == 0.0)
    }

    /// Weight of the cut made by a bead starting at unit `k` (see [`Side::cut`]).
    fn cut_at(&self, k: usize) -> f32 {
        self.cut.get(k).copied().unwrap_or(0.0)
    }

    fn n(&self) -> usize {
        self.len.len()
    }

    fn span_bag(&self, start: usize, k: usize) -> Cow<'_, Bag> {
        if k == 1 {
            Cow::Borrowed(&self.bag[start])
        } else if k <= STORED_SPAN {
            Cow::Borrowed(&self.spans[k - 2][start])
        } else {
            Cow::Owned(Bag::merge(
                &self.bag[start..start + k].iter().collect::<Vec<_>>(),
            ))
        }
    }

    /// Merges consecutive pairs of units into one.
    fn coarsen(&self) -> Side {
        let n = self.n();
        let mut c = Side::default();
        let mut i = 0;
        while i < n {
            let j = (i + 2).min(n);
            c.len.push(self.len[i..j].iter().sum());
            c.inner.push(self.inner[i..j].iter().sum());
            c.skip.push(self.skip[i..j].iter().sum());
            let mut bag = Bag::merge(&self.bag[i..j].iter().collect::<Vec<_>>());
            bag.keep_heaviest(COARSE_BAG);
            c.bag.push(bag);
            c.para.push(self.para[i]);
            c.width.push(self.width[i..j].iter().sum());
            c.cut.push(self.cut.get(i).copied().unwrap_or(0.0));
            if !self.numbers.is_empty() {
                c.numbers
                    .push(Bag::merge(&self.numbers[i..j].iter().collect::<Vec<_>>()));
            }
            i = j;
        }
        c.build_spans();
        c
    }
}

/// A bead found by the DP: starts and lengths on both sides, and its cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawBead {
    pub s0: usize,
    pub ns: usize,
    pub t0: usize,
    pub nt: usize,
    pub cost: f32,
    /// Lexical similarity of the bead (Dice over anchor weights), when either side has anchors.
    pub dice: Option<f32>,
    /// Length z-score of the bead.
    pub z: f32,
}

/// Cost parts of one bead.
pub(crate) struct Parts {
    pub cost: f32,
    pub dice: Option<f32>,
    pub z: f32,
}

/// A lower bound of [`bead_cost`] for a bead that pairs sentences, from lengths and
/// punctuation alone (the anchor reward is at most [`Params::lex`], every other term only
/// adds), so the DP can skip the anchor comparison of beads that cannot win.
fn pairing_bound(
    p: &Params,
    s: &Side,
    t: &Side,
    (s0, ns): (usize, usize),
    (t0, nt): (usize, usize),
    mv: usize,
) -> f32 {
    shape_cost(p, s, t, (s0, ns), (t0, nt), mv).0 - p.lex.max(0.0)
}

/// The part of a pairing bead's cost that needs no anchors: the move's prior, the
/// length-ratio deviation (and its z) and the difference in inner punctuation.
fn shape_cost(
    p: &Params,
    s: &Side,
    t: &Side,
    (s0, ns): (usize, usize),
    (t0, nt): (usize, usize),
    mv: usize,
) -> (f32, f32) {
    let ls: f32 = s.len[s0..s0 + ns].iter().sum();
    let lt: f32 = t.len[t0..t0 + nt].iter().sum();
    let z = ((lt + p.smooth) / (p.ratio * ls + p.smooth)).ln() / p.sigma;
    let si: f32 = s.inner[s0..s0 + ns].iter().sum();
    let ti: f32 = t.inner[t0..t0 + nt].iter().sum();
    (
        p.prior[mv] + 0.5 * z * z + p.inner * (si - ti).abs().min(3.0),
        z,
    )
}

pub(crate) fn bead_cost(
    p: &Params,
    s: &Side,
    t: &Side,
    (s0, ns): (usize, usize),
    (t0, nt): (usize, usize),
    mv: usize,
) -> Parts {
    if ns == 0 || nt == 0 {
        let side_cost = if ns == 0 {
            p.skip_side.1
        } else {
            p.skip_side.0
        };
        let (units, len, mean, factor): (usize, f32, f32, f32) = if ns == 0 {
            (
                t.width[t0..t0 + nt].iter().sum(),
                t.len[t0..t0 + nt].iter().sum(),
                p.mean_len.1,
                t.skip[t0..t0 + nt].iter().sum(),
            )
        } else {
            (
                s.width[s0..s0 + ns].iter().sum(),
                s.len[s0..s0 + ns].iter().sum(),
                p.mean_len.0,
                s.skip[s0..s0 + ns].iter().sum(),
            )
        };
        let units = units as f32;
        let cut = if ns == 0 { t.cut_at(t0) } else { s.cut_at(s0) };
        return Parts {
            cost: p.bracket * cut
                + p.skip * factor
                + side_cost * units
                + p.skip_len * (len / mean.max(1.0)).min(2.0 * units),
            dice: None,
            z: 0.0,
        };
    }
    let (mut cost, z) = shape_cost(p, s, t, (s0, ns), (t0, nt), mv);
    // Both sides cut inside brackets at the same place: the translator kept the split.
    let (cs, ct) = (s.cut_at(s0), t.cut_at(t0));
    if cs == 0.0 || ct == 0.0 {
        cost += p.bracket * (cs + ct);
    }
    if 0.5 * z * z > HOPELESS {
        // Lengths this far apart are never chosen; spare the anchor comparison.
        return Parts {
            cost,
            dice: None,
            z,
        };
    }
    let (bs, bt) = (s.span_bag(s0, ns), t.span_bag(t0, nt));
    let (bs, bt) = (bs.as_ref(), bt.as_ref());
    let total = bs.total + bt.total;
    let mut dice = None;
    if total > 0.0 {
        let ov = bs.overlap(bt);
        if ov == 0.0 && p.miss > 0.0 {
            cost += p.miss * (1.0 - (-bs.total.min(bt.total) / p.lex_mass).exp());
        }
        let d = 2.0 * ov / total;
        dice = Some(d);
        cost -= p.lex * d * (1.0 - (-ov / p.lex_mass).exp());
        if ov > 0.0 && ns + nt > 2 {
            // A merged sentence that shares nothing with the other side, while the
            // bead otherwise matches, is more likely an insertion or a deletion.
            let lonely = |side: &Side, start: usize, count: usize, other: &Bag| {
                (start..start + count)
                    .filter(|&k| side.bag[k].overlap(other) == 0.0)
                    .count()
            };
            let unexplained = if ns > 1 { lonely(s, s0, ns, bt) } else { 0 }
                + if nt > 1 { lonely(t, t0, nt, bs) } else { 0 };
            cost += p.lonely * unexplained as f32;
        }
    }
    if p.use_para {
        if s.para[s0] != s.para[s0 + ns - 1] {
            cost += p.para;
        }
        if t.para[t0] != t.para[t0 + nt - 1] {
            cost += p.para;
        }
        let s_start = s0 == 0 || s.para[s0 - 1] != s.para[s0];
        let t_start = t0 == 0 || t.para[t0 - 1] != t.para[t0];
        if s_start != t_start {
            cost += p.para * 0.5;
        }
    }
    Parts { cost, dice, z }
}

/// How surely a pairing bead cuts through a translation unit: number anchors of either
/// side that the other side holds in its sentence just before or just after the bead, but
/// not within it (0 to 2, one per direction). Two 1-1 beads that split a sentence pair
/// whose boundary the translator moved leave such a number on the wrong side.
fn crossing(s: &Side, t: &Side, (s0, ns): (usize, usize), (t0, nt): (usize, usize)) -> f32 {
    if s.numbers.len() != s.n() || t.numbers.len() != t.n() {
        return 0.0;
    }
    // Weight of the numbers of a's span that b holds next to its span and not within it.
    fn leak<'a>(a: &Side, a0: usize, na: usize, b: &'a Side, b0: usize, nb: usize) -> f32 {
        let before = b0.checked_sub(1).map(|k| &b.numbers[k]);
        let after = b.numbers.get(b0 + nb);
        let keep = |x: Option<&'a Bag>| x.filter(|x| !x.items.is_empty());
        let near = [keep(before), keep(after)];
        if near.iter().all(Option::is_none) {
            return 0.0;
        }
        let within = &b.numbers[b0..b0 + nb];
        let mut w = 0.0;
        for x in &a.numbers[a0..a0 + na] {
            for &(k, kw) in &x.items {
                let hits = near.iter().flatten().filter(|x| x.has(k)).count();
                if hits > 0 && !within.iter().any(|x| x.has(k)) {
                    w += kw * hits as f32;
                }
            }
        }
        w
    }
    let ws = leak(s, s0, ns, t, t0, nt);
    let wt = leak(t, t0, nt, s, s0, ns);
    let sat = |w: f32| {
        if w > 0.0 {
            1.0 - (-w / CROSS_MASS).exp()
        } else {
            0.0
        }
    };
    sat(ws) + sat(wt)
}

/// Largest bead (source plus target sentences) that pays [`crossing`]: the split beads
/// it tells apart from a merged one are small, and sparing the rest keeps the DP fast.
const CROSS_SPAN: usize = 3;

/// Leaked number weight at which [`crossing`] reaches about 63% of its size.
const CROSS_MASS: f32 = 2.0;

/// Rows of the band: for source position i, target positions lo[i]..=hi[i].
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1])
    }

    fn new(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut offset = Vec::with_capacity(lo.len() + 1);
        let mut acc = 0;
        for i in 0..lo.len() {
            offset.push(acc);
            acc += hi[i] + 1 - lo[i];
        }
        offset.push(acc);
        Band { lo, hi, offset }
    }

    fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }

    fn at(&self, i: usize, j: usize) -> Option<usize> {
        if i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i] {
            Some(self.offset[i] + j - self.lo[i])
        } else {
            None
        }
    }
}

/// State of the DP after a bead: the last bead paired sentences, or left a source
/// sentence unaligned, or a target sentence. A run of unaligned lines that end no sentence
/// (a block of captions, headings or page furniture) is priced like an affine gap: the first
/// line costs the full skip, each further one only [`Params::gap_extend`] of it.
const PAIRED: usize = 0;
const SRC_GAP: usize = 1;
const TGT_GAP: usize = 2;

/// Solves the DP on a band and returns the beads of the cheapest path.
fn solve(p: &Params, s: &Side, t: &Side, band: &Band) -> Vec<RawBead> {
    let (n, m) = (s.n(), t.n());
    let mut cost = vec![[f32::INFINITY; 3]; band.cells()];
    // Per state: the move that reached it and the state that move came from.
    let mut back = vec![[(u8::MAX, 0u8); 3]; band.cells()];
    if let Some(k) = band.at(0, 0) {
        cost[k][PAIRED] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let Some(here) = band.at(i, j) else { continue };
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = [f32::INFINITY; 3];
            let mut arg = [(u8::MAX, 0u8); 3];
            for (mv, &(di, dj)) in MOVES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(prev) = band.at(i - di, j - dj) else {
                    continue;
                };
                let c0 = cost[prev];
                let c_min = c0.iter().copied().fold(f32::INFINITY, f32::min);
                if !c_min.is_finite() {
                    continue;
                }
                if di > 0
                    && dj > 0
                    && c_min + pairing_bound(p, s, t, (i - di, di), (j - dj, dj), mv)
                        >= best[PAIRED]
                {
                    continue;
                }
                let mut bead = bead_cost(p, s, t, (i - di, di), (j - dj, dj), mv).cost;
                if di > 0 && dj > 0 && di + dj <= CROSS_SPAN && p.cross > 0.0 {
                    // The crossing cost only adds: beads that lose without it are spared it.
                    if c_min + bead >= best[PAIRED] {
                        continue;
                    }
                    bead += p.cross * crossing(s, t, (i - di, di), (j - dj, dj));
                }
                // The state this bead leads to, and its cost when it extends a run.
                let (state, extended) = match (di, dj) {
                    (_, 0) => (SRC_GAP, s.open_line(i - 1).then_some(bead * p.gap_extend)),
                    (0, _) => (TGT_GAP, t.open_line(j - 1).then_some(bead * p.gap_extend)),
                    _ => (PAIRED, None),
                };
                for (from, &c) in c0.iter().enumerate() {
                    let step = match extended {
                        Some(e) if from == state => e,
                        _ => bead,
                    };
                    if c + step < best[state] {
                        best[state] = c + step;
                        arg[state] = (mv as u8, from as u8);
                    }
                }
            }
            cost[here] = best;
            back[here] = arg;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut state = band.at(n, m).map_or(PAIRED, |k| {
        (0..3)
            .min_by(|&a, &b| cost[k][a].total_cmp(&cost[k][b]))
            .unwrap_or(PAIRED)
    });
    while i > 0 || j > 0 {
        let Some(k) = band.at(i, j) else { break };
        let (mv, from) = back[k][state];
        let mv = mv as usize;
        if mv >= MOVES.len() {
            break;
        }
        let (di, dj) = MOVES[mv];
        let parts = bead_cost(p, s, t, (i - di, di), (j - dj, dj), mv);
        let cross = if di > 0 && dj > 0 && di + dj <= CROSS_SPAN {
            p.cross * crossing(s, t, (i - di, di), (j - dj, dj))
        } else {
            0.0
        };
        beads.push(RawBead {
            s0: i - di,
            ns: di,
            t0: j - dj,
            nt: dj,
            cost: parts.cost + cross,
            dice: parts.dice,
            z: parts.z,
        });
        i -= di;
        j -= dj;
        state = from as usize;
    }
    if i > 0 || j > 0 {
        // The band did not connect (cannot happen with a monotone band); fall back to skips.
        return fallback(n, m);
    }
    beads.reverse();
    beads
}

fn fallback(n: usize, m: usize) -> Vec<RawBead> {
    let mut out = Vec::new();
    for s0 in 0..n {
        out.push(RawBead {
            s0,
            ns: 1,
            t0: 0,
            nt: 0,
            cost: 0.0,
            dice: None,
            z: 0.0,
        });
    }
    for t0 in 0..m {
        out.push(RawBead {
            s0: n,
            ns: 0,
            t0,
            nt: 1,
            cost: 0.0,
            dice: None,
            z: 0.0,
        });
    }
    out
}

/// Aligns two sides: directly when small, else through a coarser level first.
pub(crate) fn align_sides(p: &Params, s: &Side, t: &Side) -> Vec<RawBead> {
    align_level(p, s, t, FULL_CELLS)
}

fn align_level(p: &Params, s: &Side, t: &Side, limit: usize) -> Vec<RawBead> {
    let (n, m) = (s.n(), t.n());
    if (n + 1) * (m + 1) <= limit || n < 4 || m < 4 {
        return solve(p, s, t, &Band::full(n, m));
    }
    let (cs, ct) = (s.coarsen(), t.coarsen());
    let coarse = align_level(p, &cs, &ct, COARSE_CELLS);
    // Coarse unit k covers units 2k and 2k+1 of this level.
    let s_start: Vec<usize> = (0..=cs.n()).map(|k| (2 * k).min(n)).collect();
    let t_start: Vec<usize> = (0..=ct.n()).map(|k| (2 * k).min(m)).collect();
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    let mut mark = |i: usize, j0: usize, j1: usize| {
        lo[i] = lo[i].min(j0);
        hi[i] = hi[i].max(j1);
    };
    for b in &coarse {
        let (a0, a1) = (s_start[b.s0], s_start[b.s0 + b.ns]);
        let (b0, b1) = (t_start[b.t0], t_start[b.t0 + b.nt]);
        for i in a0..=a1 {
            mark(i, b0, b1);
        }
    }
    // Widen by the window and make the band monotone and connected.
    let (lo0, hi0) = (lo.clone(), hi.clone());
    for i in 0..=n {
        let (l, h) = (lo0[i], hi0[i]);
        if l == usize::MAX {
            continue;
        }
        let (from, to) = (i.saturating_sub(WINDOW), (i + WINDOW).min(n));
        for x in from..=to {
            lo[x] = lo[x].min(l.saturating_sub(WINDOW));
            hi[x] = hi[x].max((h + WINDOW).min(m));
        }
    }
    lo[0] = 0;
    hi[n] = m;
    for i in 1..=n {
        if lo[i] == usize::MAX {
            lo[i] = lo[i - 1];
        }
        hi[i] = hi[i].max(hi[i - 1]);
    }
    for i in (0..n).rev() {
        lo[i] = lo[i].min(lo[i + 1]);
    }
    solve(p, s, t, &Band::new(lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(lens: &[f32]) -> Side {
        let bags = lens
            .iter()
            .enumerate()
            .map(|(i, _)| Bag::from_pairs(vec![(i as u32, 1.0)]))
            .collect();
        Side::new(lens.to_vec(), bags, vec![0; lens.len()])
    }

    /// A side with lengths only (no anchors).
    fn bare(lens: &[f32]) -> Side {
        Side::new(
            lens.to_vec(),
            vec![Bag::default(); lens.len()],
            vec![0; lens.len()],
        )
    }

    /// The beads as (source start, source count, target start, target count).
    fn spans(beads: &[RawBead]) -> Vec<(usize, usize, usize, usize)> {
        beads.iter().map(|b| (b.s0, b.ns, b.t0, b.nt)).collect()
    }

    #[test]
    fn anchors_that_miss_each_other_cost_more_than_no_anchors() {
        let s = side(&[30.0]);
        let with_keys = Side::new(vec![30.0], vec![Bag::from_pairs(vec![(7, 2.0)])], vec![0]);
        let bare = Side::new(vec![30.0], vec![Bag::default()], vec![0]);
        let p = Params::default();
        let missed = bead_cost(&p, &s, &with_keys, (0, 1), (0, 1), 0).cost;
        let none = bead_cost(&p, &s, &bare, (0, 1), (0, 1), 0).cost;
        assert!(missed > none + 0.3, "{missed} vs {none}");
        let off = Params {
            miss: 0.0,
            ..Params::default()
        };
        let missed_off = bead_cost(&off, &s, &with_keys, (0, 1), (0, 1), 0).cost;
        assert!((missed_off - none).abs() < 1e-6);
    }

    #[test]
    fn a_sentence_cut_inside_brackets_on_one_side_is_kept_whole() {
        // Lengths only: the target's second sentence was cut in two inside brackets
        // (`... ( Basel :` + `Benno Schwabe 1935 ) .`); the source kept it whole but its
        // length also fits the first piece, with the second piece left unaligned.
        let s = bare(&[40.0, 60.0, 50.0]);
        let mut t = bare(&[40.0, 52.0, 12.0, 50.0]);
        let shape = |p: &Params, t: &Side| spans(&align_sides(p, &s, t));
        let merged = vec![(0, 1, 0, 1), (1, 1, 1, 2), (2, 1, 3, 1)];
        let without = shape(&Params::default(), &t);
        assert_ne!(without, merged);
        t.cut[2] = 1.0;
        assert_eq!(shape(&Params::default(), &t), merged);
        // Cut at the same place on both sides, the split stands.
        let mut s2 = bare(&[40.0, 48.0, 12.0, 50.0]);
        s2.cut[2] = 1.0;
        let both = spans(&align_sides(&Params::default(), &s2, &t));
        assert_eq!(
            both,
            vec![(0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1), (3, 1, 3, 1)]
        );
    }

    #[test]
    fn a_number_on_the_wrong_side_of_a_split_joins_the_two_pairs() {
        // Lengths fit two 1-1 beads, and each pair shares a word (keys 1 and 2), but the
        // number (key 9) sits in the first source sentence and in the second target one:
        // the translator moved the boundary.
        let build = |first: bool| {
            let bags = if first {
                vec![
                    Bag::from_pairs(vec![(1, 1.0), (9, 3.0)]),
                    Bag::from_pairs(vec![(2, 1.0)]),
                ]
            } else {
                vec![
                    Bag::from_pairs(vec![(1, 1.0)]),
                    Bag::from_pairs(vec![(2, 1.0), (9, 3.0)]),
                ]
            };
            let mut side = Side::new(vec![40.0, 50.0], bags, vec![0, 0]);
            side.numbers = if first {
                vec![Bag::from_pairs(vec![(9, 3.0)]), Bag::default()]
            } else {
                vec![Bag::default(), Bag::from_pairs(vec![(9, 3.0)])]
            };
            side
        };
        let (s, t) = (build(true), build(false));
        let joined = vec![(0, 2, 0, 2)];
        assert_eq!(spans(&align_sides(&Params::default(), &s, &t)), joined);
        let off = Params {
            cross: 0.0,
            ..Params::default()
        };
        assert_eq!(
            spans(&align_sides(&off, &s, &t)),
            vec![(0, 1, 0, 1), (1, 1, 1, 1)]
        );
        // Without number anchors (`numbers` empty) the penalty does not apply.
        let (mut s2, mut t2) = (build(true), build(false));
        s2.numbers.clear();
        t2.numbers.clear();
        assert_ne!(spans(&align_sides(&Params::default(), &s2, &t2)), joined);
    }

    #[test]
    fn finds_merge_by_length_and_anchors() {
        let s = side(&[40.0, 20.0, 25.0, 60.0]);
        // target 1 holds the anchors of sources 1 and 2
        let mut t = side(&[42.0, 46.0, 61.0]);
        t.bag[1] = Bag::from_pairs(vec![(1, 1.0), (2, 1.0)]);
        t.bag[2] = Bag::from_pairs(vec![(3, 1.0)]);
        t.build_spans();
        let beads = align_sides(&Params::default(), &s, &t);
        let shape = spans(&beads);
        assert_eq!(shape, vec![(0, 1, 0, 1), (1, 2, 1, 1), (3, 1, 2, 1)]);
    }

    #[test]
    fn a_run_of_unterminated_lines_is_left_out_as_a_block() {
        // Lengths only (no anchors): four 5-letter lines that end no sentence sit
        // between the first and second sentence of the target.
        let s = bare(&[40.0, 50.0, 60.0]);
        let mut t = bare(&[40.0, 5.0, 5.0, 5.0, 5.0, 50.0, 60.0]);
        for k in 1..=4 {
            t.inner[k] = 0.0;
        }
        let shape = |p: &Params| spans(&align_sides(p, &s, &t));
        let caption_block = vec![
            (0, 1, 0, 1),
            (1, 0, 1, 1),
            (1, 0, 2, 1),
            (1, 0, 3, 1),
            (1, 0, 4, 1),
            (1, 1, 5, 1),
            (2, 1, 6, 1),
        ];
        assert_eq!(shape(&Params::default()), caption_block);
        // Priced line by line, the short lines are cheaper merged into their neighbours.
        let flat = Params {
            gap_extend: 1.0,
            ..Params::default()
        };
        assert_ne!(shape(&flat), caption_block);
    }

    #[test]
    fn coarse_to_fine_matches_full_dp_on_a_long_diagonal() {
        let lens: Vec<f32> = (0..900).map(|i| 10.0 + ((i * 37) % 91) as f32).collect();
        let s = side(&lens);
        let t = side(&lens);
        let beads = align_sides(&Params::default(), &s, &t);
        assert_eq!(beads.len(), 900);
        assert!(beads.iter().all(|b| b.ns == 1 && b.nt == 1 && b.s0 == b.t0));
    }
}
