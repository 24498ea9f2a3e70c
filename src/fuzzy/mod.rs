//! Fuzzy lookup: finds stored pairs whose source resembles a query, with a
//! documented percentage score, a word diff, number substitution, and a
//! candidate index that never misses a match at or above `min`.
//!
//! * [`score`]: the score (word edit distance on normalised tokens, small
//!   penalties for case, punctuation, spacing, numbers and tags; see
//!   `docs/scoring.md`), the diff, number substitution.
//! * [`search`]: the index terms and the bounds that make the index complete.
//! * [`concord`]: concordance queries (FTS5) and hit marking.
//!
//! A pair is found from either side: a pair stored de→en answers a lookup of
//! German text into English *and* of English text into German (then the match
//! is `reversed`). Memories are usually built from article pairs in one
//! direction, while translators work in both; refusing the reverse direction
//! would hide half of the memory. Set [`LookupOptions::both_directions`] to
//! `false` to search stored sources only.
//!
//! ```
//! use tarjima::fuzzy::{lookup, LookupOptions};
//! use tarjima::store::{NewPair, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let mut w = store.writer().unwrap();
//! w.insert_pair(&NewPair::new("en", "de", "Delivery in 3 days.", "Lieferung in 3 Tagen.", 1.0)).unwrap();
//! w.commit().unwrap();
//! let opts = LookupOptions { src_lang: Some("en".into()), ..Default::default() };
//! let m = lookup(&store, "Delivery in 5 days.", &opts).unwrap();
//! assert_eq!(m[0].score, 98); // only a number differs
//! assert_eq!(m[0].substituted.as_deref(), Some("Lieferung in 5 Tagen."));
//! let de = LookupOptions { src_lang: Some("de".into()), ..Default::default() };
//! let back = lookup(&store, "Lieferung in 3 Tagen.", &de).unwrap();
//! assert!(back[0].reversed && back[0].target == "Delivery in 3 days.");
//! ```

pub mod concord;
pub mod score;
pub mod search;

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::Result;
use crate::lang;
use crate::store::{Pair, PairFilter, PairTexts, Store};
use crate::text;
pub use score::word_distance;
use score::{Analysed, DiffOp, analyse, compare};

/// The match score of `candidate` for `query`, 0 to 100 (see [`score::compare`]).
///
/// ```
/// assert_eq!(tarjima::fuzzy::score("The cat sat on the mat.", "The dog sat on the mat."), 83);
/// ```
pub fn score(query: &str, candidate: &str) -> u32 {
    compare(&analyse(query), &analyse(candidate)).score
}

/// Settings of one lookup.
#[derive(Debug, Clone)]
pub struct LookupOptions {
    /// Language of the query; `None` matches against every stored side.
    pub src_lang: Option<String>,
    /// Language of the translations wanted; `None` gives every language.
    pub tgt_lang: Option<String>,
    /// Lowest score returned (0..=101).
    pub min: u32,
    /// Most matches returned.
    pub limit: usize,
    /// Score every stored pair instead of using the index.
    pub exhaustive: bool,
    /// The sentence before the query in its document (for 101 context matches).
    pub prev: Option<String>,
    /// The sentence after the query in its document.
    pub next: Option<String>,
    /// Also match stored targets (answering with the stored source).
    pub both_directions: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            src_lang: None,
            tgt_lang: None,
            min: 50,
            limit: 5,
            exhaustive: false,
            prev: None,
            next: None,
            both_directions: true,
        }
    }
}

/// One match of a lookup, in the direction of the lookup.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Match {
    pub score: u32,
    /// The stored pair as stored.
    pub pair: Pair,
    /// True when the query matched the stored target (the pair is used backwards).
    pub reversed: bool,
    /// The matched text (the stored source, or the stored target when reversed).
    pub source: String,
    /// Its translation.
    pub target: String,
    pub src_lang: String,
    pub tgt_lang: String,
    /// Word-level edit distance to the query.
    pub distance: usize,
    /// Non-word differences: `case`, `punctuation`, `spacing`, `numbers`, `tags`.
    pub differences: Vec<&'static str>,
    /// The word diff from the query to the matched text.
    pub diff: Vec<DiffOp>,
    /// True for a 101 match: identical, with the query's neighbouring sentences.
    pub context: bool,
    /// The target with the query's numbers put in, when only numbers differ.
    pub substituted: Option<String>,
}

/// A fast hasher for the u64 candidate keys of one lookup (SipHash was a third
/// of the lookup time; these keys are not attacker-chosen).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

/// How many probed posting lists each candidate is in, with its length: a dense
/// array indexed by key (`id << 1 | side`), kept per thread between lookups and
/// cleared through the list of touched keys (a hash map was the top of the profile).
struct Counts {
    /// 0: not a candidate; else hits << 16 | length.
    slots: Vec<u32>,
    /// One bit per key: is it a candidate. 32 times smaller than `slots`, so the
    /// long lists read past the prefix, whose postings are mostly not candidates,
    /// test membership in cache instead of missing it on `slots`.
    member: Vec<u64>,
    touched: Vec<u64>,
}

thread_local! {
    static SCRATCH: RefCell<(Vec<u32>, Vec<u64>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Counts {
    fn take() -> Self {
        let (slots, member) = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        Counts {
            slots,
            member,
            touched: Vec::new(),
        }
    }

    fn give_back(mut self) {
        for &k in &self.touched {
            self.slots[k as usize] = 0;
            self.member[(k >> 6) as usize] = 0;
        }
        SCRATCH.with(|s| *s.borrow_mut() = (self.slots, self.member));
    }

    /// Counts one more list for `key`, making it a candidate if it is not yet.
    fn add(&mut self, key: u64, len: usize) {
        let k = key as usize;
        if k >= self.slots.len() {
            let n = (k + 1).next_power_of_two();
            self.slots.resize(n, 0);
            self.member.resize(n.div_ceil(64), 0);
        }
        let v = &mut self.slots[k];
        if *v == 0 {
            *v = len.min(search::MAX_LEN) as u32;
            self.touched.push(key);
            self.member[k >> 6] |= 1 << (k & 63);
        }
        *v += 1 << 16;
    }

    /// Counts one more list for `key` only if it is already a candidate.
    fn bump(&mut self, key: u64) {
        let k = key as usize;
        if self
            .member
            .get(k >> 6)
            .is_some_and(|w| w >> (k & 63) & 1 == 1)
        {
            self.slots[k] += 1 << 16;
        }
    }

    /// Counts one more list for every candidate whose bit is set in `bits`.
    fn bump_in(&mut self, bits: &[u8]) {
        for &k in &self.touched {
            if search::bit(bits, k) {
                self.slots[k as usize] += 1 << 16;
            }
        }
    }

    fn len(&self) -> usize {
        self.touched.len()
    }

    /// Whether `key` is a candidate.
    fn has(&self, key: u64) -> bool {
        let k = key as usize;
        self.member
            .get(k >> 6)
            .is_some_and(|w| w >> (k & 63) & 1 == 1)
    }

    /// (key, hits, length) of every candidate.
    fn iter(&self) -> impl Iterator<Item = (u64, u32, usize)> + '_ {
        self.touched.iter().map(|&k| {
            let v = self.slots[k as usize];
            (k, v >> 16, (v & 0xFFFF) as usize)
        })
    }
}

/// A scored candidate before it is turned into a [`Match`].
struct Scored {
    score: u32,
    /// pair id << 1 | side (0: stored source matched, 1: stored target matched).
    key: u64,
    /// The whole pair, when already read (the exhaustive scan has it).
    pair: Option<Pair>,
}

/// The parts of a pair that scoring looks at.
struct View<'a> {
    src_lang: &'a str,
    tgt_lang: &'a str,
    source: &'a str,
    target: &'a str,
    prev: Option<&'a str>,
    next: Option<&'a str>,
}

impl<'a> View<'a> {
    fn of_pair(p: &'a Pair) -> Self {
        View {
            src_lang: &p.src_lang,
            tgt_lang: &p.tgt_lang,
            source: &p.source,
            target: &p.target,
            prev: p.prev_source.as_deref(),
            next: p.next_source.as_deref(),
        }
    }
    fn of_texts(p: &'a PairTexts) -> Self {
        View {
            src_lang: &p.src_lang,
            tgt_lang: &p.tgt_lang,
            source: &p.source,
            target: &p.target,
            prev: p.prev_source.as_deref(),
            next: p.next_source.as_deref(),
        }
    }
}

/// The best `limit` candidates so far, best first: score descending, then pair id, then side.
struct TopK {
    limit: usize,
    items: Vec<Scored>,
}

impl TopK {
    fn new(limit: usize) -> Self {
        TopK {
            limit,
            items: Vec::new(),
        }
    }

    fn push(&mut self, s: Scored) {
        if self.limit == 0 {
            return;
        }
        let rank = |x: &Scored| (x.score, std::cmp::Reverse(x.key));
        let pos = self.items.partition_point(|x| rank(x) > rank(&s));
        if pos >= self.limit {
            return;
        }
        self.items.insert(pos, s);
        self.items.truncate(self.limit);
    }

    /// The score a candidate needs to get in, once full.
    fn threshold(&self) -> Option<u32> {
        if self.items.len() == self.limit {
            self.items.last().map(|s| s.score)
        } else {
            None
        }
    }
}

/// The query, prepared once.
struct Query<'a> {
    a: Analysed,
    opts: &'a LookupOptions,
    prev_key: Option<String>,
    next_key: Option<String>,
}

fn lang_ok(filter: &Option<String>, tag: &str) -> bool {
    filter.as_ref().is_none_or(|f| lang::same_language(f, tag))
}

impl Query<'_> {
    /// Scores `pair` on `side` (0: stored source, 1: stored target), if that direction is wanted.
    fn score(&self, pair: &View, side: u8) -> Option<u32> {
        let (text, src, tgt) = if side == 0 {
            (pair.source, pair.src_lang, pair.tgt_lang)
        } else {
            if !self.opts.both_directions {
                return None;
            }
            (pair.target, pair.tgt_lang, pair.src_lang)
        };
        if !lang_ok(&self.opts.src_lang, src) || !lang_ok(&self.opts.tgt_lang, tgt) {
            return None;
        }
        let mut s = compare(&self.a, &analyse(text)).score;
        if s == 100 && side == 0 && self.context_matches(pair) {
            s = score::CONTEXT_MATCH;
        }
        Some(s)
    }

    /// The stored neighbours are those of the stored source, so only the stored direction
    /// can be a context match.
    fn context_matches(&self, pair: &View) -> bool {
        if self.prev_key.is_none() && self.next_key.is_none() {
            return false;
        }
        let same = |want: &Option<String>, have: Option<&str>| match want {
            None => true,
            Some(w) => have.is_some_and(|h| text::match_key(h) == *w),
        };
        same(&self.prev_key, pair.prev) && same(&self.next_key, pair.next)
    }

    fn finish(&self, store: &Store, s: Scored) -> Result<Option<Match>> {
        let reversed = s.key & 1 == 1;
        let p = match s.pair {
            Some(p) => p,
            None => match store.pair((s.key >> 1) as i64)? {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        let (source, target, src_lang, tgt_lang) = if reversed {
            (
                p.target.clone(),
                p.source.clone(),
                p.tgt_lang.clone(),
                p.src_lang.clone(),
            )
        } else {
            (
                p.source.clone(),
                p.target.clone(),
                p.src_lang.clone(),
                p.tgt_lang.clone(),
            )
        };
        let c = analyse(&source);
        let cmp = compare(&self.a, &c);
        let substituted = score::substitute_numbers(&self.a, &c, &target);
        Ok(Some(Match {
            score: s.score,
            reversed,
            diff: score::diff(&self.a, &c),
            distance: cmp.distance,
            differences: cmp.differences,
            context: s.score == score::CONTEXT_MATCH,
            substituted,
            source,
            target,
            src_lang,
            tgt_lang,
            pair: p,
        }))
    }
}

/// Looks `query` up in `store`: matches at or above `opts.min`, best first,
/// ties by pair id ascending (then the stored direction before the reverse).
/// With `opts.exhaustive` every stored pair is scored; otherwise the index
/// finds the candidates, with the same answer.
pub fn lookup(store: &Store, query: &str, opts: &LookupOptions) -> Result<Vec<Match>> {
    let q = Query {
        a: analyse(query),
        opts,
        prev_key: opts.prev.as_deref().map(text::match_key),
        next_key: opts.next.as_deref().map(text::match_key),
    };
    store.read_snapshot(|| {
        // The count array holds up to 65535 hits per candidate: longer queries are scanned.
        let huge = q.a.words.len() > 60_000;
        let top = if opts.exhaustive || opts.min == 0 || huge || store.search_indexes_stale()? {
            exhaustive(store, &q)?
        } else {
            indexed(store, &q)?
        };
        let mut out = Vec::with_capacity(top.items.len());
        for s in top.items {
            out.extend(q.finish(store, s)?);
        }
        Ok(out)
    })
}

fn exhaustive(store: &Store, q: &Query) -> Result<TopK> {
    let mut top = TopK::new(q.opts.limit);
    store.for_each_pair(&PairFilter::default(), |pair| {
        let id = pair.id as u64;
        let v = View::of_pair(&pair);
        let s1 = q.score(&v, 1).filter(|&s| s >= q.opts.min);
        let s0 = q.score(&v, 0).filter(|&s| s >= q.opts.min);
        if let Some(s) = s1 {
            top.push(Scored {
                score: s,
                key: id << 1 | 1,
                pair: s0.is_none().then(|| pair.clone()),
            });
        }
        if let Some(s) = s0 {
            top.push(Scored {
                score: s,
                key: id << 1,
                pair: Some(pair),
            });
        }
        Ok(())
    })?;
    Ok(top)
}

/// Postings a lookup reads without hesitation. Beyond this, a list is read only
/// when the prefix filter requires it, and before that the best candidates found
/// so far are scored: a full top-k raises the threshold and may make it unnecessary.
const READ_BUDGET: u64 = 50_000;
/// Postings a lookup may read past the prefix per candidate it holds (measured
/// at 1M pairs: 2 gave 45 ms CPU per lookup, 32-64 gave 4-6 ms, 128+ slower again).
const READ_PER_CANDIDATE: u64 = 48;
/// Candidates a lookup must hold before it reads the bitmap of a frequent term
/// past the prefix (a bitmap is `pairs / 4` bytes; a few candidates are scored faster).
#[cfg(not(test))]
const DENSE_BUMP_MIN: usize = 32;
#[cfg(test)]
const DENSE_BUMP_MIN: usize = 2;

/// Postings a required list must hold before its new keys are tested against the
/// bitmaps of later terms (short lists add few candidates).
#[cfg(not(test))]
const FILTER_MIN_DF: u64 = 2048;
#[cfg(test)]
const FILTER_MIN_DF: u64 = 1;

thread_local! {
    /// Bitmap buffers kept between lookups (see [`load_bitmap`]).
    static BITMAPS: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// Gives the bitmaps of one lookup back for the next.
fn keep_bitmaps(maps: Vec<Option<Vec<u8>>>) {
    BITMAPS.with(|p| {
        let mut p = p.borrow_mut();
        for b in maps.into_iter().flatten() {
            if p.len() < 64 {
                p.push(b);
            }
        }
    });
}

/// The bitmap of a dense term as one array from key 0, read into `slot` once.
fn load_bitmap<'a>(store: &Store, term: &str, slot: &'a mut Option<Vec<u8>>) -> Result<&'a [u8]> {
    if slot.is_none() {
        // Reuse the buffers of earlier lookups: a fresh allocation of this size is
        // mapped and zeroed by the kernel page by page (a sixth of the lookup time).
        let mut bits: Vec<u8> = BITMAPS.with(|p| p.borrow_mut().pop()).unwrap_or_default();
        bits.clear();
        // Keys are below 2^33 (u32 ids and a side bit).
        let max_block = (1u64 << 33) / search::BLOCK_KEYS;
        store.index_bitmap(term, |block, b| {
            let start = block as usize * search::BLOCK_BYTES;
            if block > max_block || start < bits.len() {
                return;
            }
            // Blocks come in order; a missing block is all zero.
            bits.resize(start, 0);
            bits.extend_from_slice(&b[..b.len().min(search::BLOCK_BYTES)]);
        })?;
        *slot = Some(bits);
    }
    Ok(slot.as_deref().unwrap_or_default())
}

fn indexed(store: &Store, q: &Query) -> Result<TopK> {
    let opts = q.opts;
    let mut top = TopK::new(opts.limit);
    if opts.limit == 0 {
        return Ok(top);
    }
    let qn = q.a.words.len();
    let terms = search::index_terms(&q.a.words);
    let mut order: Vec<(u64, bool, &str)> = Vec::with_capacity(terms.len());
    for t in &terms {
        let (df, dense) = store.index_term(t)?;
        order.push((df, dense, t.as_str()));
    }
    order.sort_unstable();
    // key (id << 1 | side) -> (how many probed lists it is in, its length)
    let mut counts = Counts::take();
    let expected: u64 = order.iter().take(qn.div_ceil(2).max(1)).map(|o| o.0).sum();
    counts.touched.reserve(expected.min(1 << 20) as usize);
    let mut verified: KeySet = KeySet::default();
    let threshold = |top: &TopK| opts.min.max(top.threshold().unwrap_or(0));
    let verify = |key: u64, top: &mut TopK, verified: &mut KeySet| -> Result<()> {
        if !verified.insert(key) {
            return Ok(());
        }
        if let Some(pair) = store.pair_texts((key >> 1) as i64)?
            && let Some(s) = q
                .score(&View::of_texts(&pair), (key & 1) as u8)
                .filter(|&s| s >= opts.min)
        {
            top.push(Scored {
                score: s,
                key,
                pair: None,
            });
        }
        Ok(())
    };
    let side_ok = |side: u8| side == 0 || opts.both_directions;
    let mut probed = 0;
    // Terms past the prefix whose lists were not read.
    let mut unread = 0;
    // Bitmaps of the dense terms, by position in `order`, read at most once.
    let mut maps: Vec<Option<Vec<u8>>> = vec![None; order.len()];
    let mut read = 0u64;
    let mut warmed_at = usize::MAX;
    loop {
        let m = threshold(&top);
        // Prefix filter: a match shares at least one of the first `prefix` (rarest) terms.
        let prefix = if qn == 0 {
            1
        } else {
            qn - search::need(qn, m) + 1
        };
        if probed >= order.len() {
            break;
        }
        let (df, dense, term) = order[probed];
        // Past the prefix, lists are read only while cheap: they make the overlap
        // counts exact, so fewer candidates need scoring.
        let required = probed < prefix;
        if !required && dense && (counts.len() >= DENSE_BUMP_MIN || maps[probed].is_some()) {
            // A frequent term: test each candidate's bit instead of reading the list.
            let bits = load_bitmap(store, term, &mut maps[probed])?;
            counts.bump_in(bits);
            probed += 1;
            continue;
        }
        // A posting costs some hundred times less than scoring a candidate (a row
        // fetch, tokenising, an edit distance), so a list that sharpens the counts
        // of many candidates is worth reading even when it is long: on a Zipfian
        // vocabulary the function words past the prefix decide most bounds.
        let cheap = read + df <= READ_BUDGET.max(READ_PER_CANDIDATE * counts.len() as u64);
        if !required && !cheap {
            unread += 1;
            probed += 1;
            continue;
        }
        if required && !cheap && counts.len() > 0 && warmed_at != probed {
            // Score the most promising candidates first; the threshold may rise.
            warmed_at = probed;
            let mut best: Vec<(u32, u64)> = counts
                .iter()
                .filter(|(k, _, _)| !verified.contains(k))
                .map(|(k, h, _)| (h, k))
                .collect();
            let n = (2 * opts.limit + 8).min(best.len());
            let by_hits = |a: &(u32, u64), b: &(u32, u64)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            if n < best.len() {
                best.select_nth_unstable_by(n, by_hits);
            }
            best.truncate(n);
            for &(_, key) in &best {
                verify(key, &mut top, &mut verified)?;
            }
            continue;
        }
        let (lo, hi) = if qn == 0 {
            (0, 0)
        } else {
            search::length_band(qn, m)
        };
        read += df;
        // A key first seen in this required list lacks every earlier (rarer) term, so
        // it shares at most `qn - probed` terms and may miss at most `spare` of the
        // later ones and still reach the overlap `need`. Where enough later terms have
        // bitmaps, a new key that misses more of them is not a candidate: frequent
        // prefix terms otherwise add a hundred thousand hopeless candidates.
        let spare = if qn == 0 {
            usize::MAX
        } else {
            (qn - probed).saturating_sub(search::need(qn, m))
        };
        let later_dense: Vec<usize> = (probed + 1..order.len()).filter(|&j| order[j].1).collect();
        let filter_new = required && df >= FILTER_MIN_DF && later_dense.len() > spare;
        if filter_new {
            for &j in &later_dense {
                load_bitmap(store, order[j].2, &mut maps[j])?;
            }
        }
        let later: Vec<&[u8]> = if filter_new {
            later_dense
                .iter()
                .filter_map(|&j| maps[j].as_deref())
                .collect()
        } else {
            Vec::new()
        };
        store.index_postings(term, |blob| {
            for e in blob.chunks_exact(search::ENTRY_BYTES) {
                let (id, side, len) = search::decode_entry(e);
                if ((len < lo || len > hi) && len != search::MAX_LEN) || !side_ok(side) {
                    continue;
                }
                let key = u64::from(id) << 1 | u64::from(side);
                if required {
                    if filter_new && !counts.has(key) {
                        let mut missed = 0;
                        for b in &later {
                            if !search::bit(b, key) {
                                missed += 1;
                                if missed > spare {
                                    break;
                                }
                            }
                        }
                        if missed > spare {
                            continue;
                        }
                    }
                    counts.add(key, len);
                } else {
                    // Past the prefix no new candidate can appear, only counts sharpen.
                    counts.bump(key);
                }
            }
        })?;
        probed += 1;
    }
    // A candidate's overlap is at most its hits plus the terms not probed.
    let unprobed = unread + (order.len() - probed);
    let m = threshold(&top);
    // Bucket the candidates by their bound (0..=101), best bucket first.
    let mut buckets: Vec<Vec<u64>> = vec![Vec::new(); score::CONTEXT_MATCH as usize + 1];
    for (k, h, len) in counts.iter() {
        let ub = if len == search::MAX_LEN {
            score::CONTEXT_MATCH
        } else {
            search::upper_bound(qn, len, h as usize + unprobed)
        };
        if ub >= m && !verified.contains(&k) {
            buckets[ub as usize].push(k);
        }
    }
    counts.give_back();
    keep_bitmaps(maps);
    'buckets: for ub in (m as usize..buckets.len()).rev() {
        if (ub as u32) < threshold(&top) {
            break;
        }
        let bucket = &mut buckets[ub];
        bucket.sort_unstable();
        for &key in bucket.iter() {
            // Ties are broken by key: once the top is full at exactly this bound, a
            // later key can at best tie and lose, and lower buckets score less.
            if let (Some(t), Some(last)) = (top.threshold(), top.items.last())
                && (t > ub as u32 || (t == ub as u32 && key > last.key))
            {
                break 'buckets;
            }
            verify(key, &mut top, &mut verified)?;
        }
    }
    Ok(top)
}

#[cfg(test)]
mod tests;
