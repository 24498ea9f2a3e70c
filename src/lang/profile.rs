//! Language profiles of one script, kept as data (`data/latin.txt`,
//! `data/cyrillic.txt`), and the scorer that weighs a text against them.
//!
//! A profile lists the letters an orthography uses (any other letter of the
//! script counts against it), letters and letter pairs that point to it
//! (Uzbek `o'` `g'`, Kazakh `ұ` `ә`, Turkish `ı` `ş`, ...), frequent word
//! endings, and frequent words. Apostrophe variants are folded to `'` before
//! anything is compared, so `oʻzbek`, `o‘zbek`, `o’zbek` and `o'zbek` score alike.
//!
//! ```
//! use tarjima::lang::profile::Model;
//! let m = Model::latin();
//! let s = m.score("Oʻzbekiston va Turkiya oʻrtasidagi savdo hajmi oshdi.");
//! assert_eq!(m.tag(s.best(u64::MAX).unwrap()), "uz-Latn");
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::script::{Script, script_of};
use crate::text::is_apostrophe;

/// Score of one frequent-word occurrence.
const WORD_W: f64 = 1.0;
/// Score of a word that ends in a listed suffix.
const SUFFIX_W: f64 = 0.35;
/// Score of one occurrence of a mark letter or letter pair.
const MARK_W: f64 = 0.8;
/// Penalty of the first occurrence of a letter the orthography does not use.
const FOREIGN_FIRST: f64 = 2.5;
/// Penalty of each further occurrence of such a letter.
const FOREIGN_MORE: f64 = 0.5;
/// Penalty of a profile none of whose `requires` letters occurs in a text of
/// at least [`REQUIRE_MIN_LETTERS`] letters (Kazakh without any of ә ө ү ұ і ң һ).
const MISSING_REQUIRED: f64 = 2.5;
/// The same penalty for texts shorter than [`REQUIRE_MIN_LETTERS`].
const MISSING_REQUIRED_SHORT: f64 = 1.0;
/// Texts shorter than this (in letters) are not held to `requires`.
const REQUIRE_MIN_LETTERS: u32 = 20;
/// Longest suffix looked up, in characters.
const MAX_SUFFIX: usize = 5;

/// Letters below this code point are counted in a flat table (Latin, its
/// extensions, Greek and Cyrillic); others in a short list.
const FLAT_LETTERS: usize = 0x0530;

/// A small multiplicative hasher for the short keys of the lookup tables
/// (words, endings, letters); SipHash's protection against crafted keys is not
/// needed for tables built from our own data.
#[derive(Default, Clone, Copy)]
pub struct MulHasher(u64);

impl Hasher for MulHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Map<K> = HashMap<K, u64, BuildHasherDefault<MulHasher>>;

/// One language's profile.
#[derive(Debug)]
struct Profile {
    tag: &'static str,
    prior: f64,
    alphabet: Vec<char>,
    requires: Vec<char>,
}

/// The profiles of one script with lookup tables (a bit per profile).
#[derive(Debug)]
pub struct Model {
    script: Script,
    profiles: Vec<Profile>,
    words: Map<&'static str>,
    suffixes: Map<&'static str>,
    mark_chars: Map<char>,
    mark_pairs: Map<(char, char)>,
}

/// Scores of a text against every profile of a [`Model`].
#[derive(Debug, Clone)]
pub struct Scores {
    /// Score per profile, in the model's order.
    pub score: Vec<f64>,
    /// Frequent-word hits per profile.
    pub word_hits: Vec<u32>,
    /// Mark hits per profile.
    pub mark_hits: Vec<u32>,
    /// Words of the model's script in the text.
    pub words: u32,
    /// Letters of the model's script in the text.
    pub letters: u32,
}

impl Scores {
    /// The index of the best profile among those whose bit is set in `allowed`.
    pub fn best(&self, allowed: u64) -> Option<usize> {
        self.ranked(allowed).first().copied()
    }

    /// Indices of the allowed profiles, best first (ties keep the data order).
    pub fn ranked(&self, allowed: u64) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.score.len())
            .filter(|&i| i < 64 && allowed & (1 << i) != 0)
            .collect();
        idx.sort_by(|&a, &b| self.score[b].total_cmp(&self.score[a]).then(a.cmp(&b)));
        idx
    }
}

fn add_bits<K: std::hash::Hash + Eq>(map: &mut Map<K>, key: K, bit: u64) {
    *map.entry(key).or_insert(0) |= bit;
}

impl Model {
    /// Parses a profile file (see the header of `data/latin.txt`).
    fn parse(script: Script, data: &'static str) -> Model {
        let mut m = Model {
            script,
            profiles: Vec::new(),
            words: Map::default(),
            suffixes: Map::default(),
            mark_chars: Map::default(),
            mark_pairs: Map::default(),
        };
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            if key == "lang" {
                m.profiles.push(Profile {
                    tag: rest.trim(),
                    prior: 0.0,
                    alphabet: Vec::new(),
                    requires: Vec::new(),
                });
                continue;
            }
            let i = m.profiles.len();
            if i == 0 || i > 64 {
                continue;
            }
            let bit = 1u64 << (i - 1);
            let p = &mut m.profiles[i - 1];
            match key {
                "prior" => p.prior = rest.trim().parse().unwrap_or(0.0),
                "alphabet" => {
                    p.alphabet = rest.chars().filter(|c| !c.is_whitespace()).collect();
                    p.alphabet.sort_unstable();
                }
                "requires" => {
                    p.requires = rest.chars().filter(|c| !c.is_whitespace()).collect();
                }
                "marks" => {
                    for mark in rest.split_whitespace() {
                        let cs: Vec<char> = mark.chars().collect();
                        match cs[..] {
                            [c] => add_bits(&mut m.mark_chars, c, bit),
                            [a, b] => add_bits(&mut m.mark_pairs, (a, b), bit),
                            _ => {}
                        }
                    }
                }
                "suffixes" => {
                    for s in rest.split_whitespace() {
                        add_bits(&mut m.suffixes, s, bit);
                    }
                }
                "words" => {
                    for w in rest.split_whitespace() {
                        add_bits(&mut m.words, w, bit);
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The Latin-script model (shared, built once).
    pub fn latin() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(Script::Latin, include_str!("data/latin.txt")))
    }

    /// The Cyrillic-script model (shared, built once).
    pub fn cyrillic() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(Script::Cyrillic, include_str!("data/cyrillic.txt")))
    }

    /// Number of profiles.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// True when the model has no profile.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// The BCP 47 tag of profile `i`.
    pub fn tag(&self, i: usize) -> &'static str {
        self.profiles[i].tag
    }

    /// A bit set of the profiles whose tag passes `keep`.
    pub fn mask(&self, keep: impl Fn(&str) -> bool) -> u64 {
        self.profiles
            .iter()
            .enumerate()
            .filter(|(i, p)| *i < 64 && keep(p.tag))
            .fold(0, |m, (i, _)| m | (1 << i))
    }

    /// Scores `text` against every profile.
    pub fn score(&self, text: &str) -> Scores {
        let n = self.profiles.len();
        let mut sc = Scores {
            score: self.profiles.iter().map(|p| p.prior).collect(),
            word_hits: vec![0; n],
            mark_hits: vec![0; n],
            words: 0,
            letters: 0,
        };
        // Distinct letters of the script with their counts: a flat table for the
        // common blocks, the order of first appearance in `letters`.
        let mut flat = [0u32; FLAT_LETTERS];
        let mut letters: Vec<(char, u32)> = Vec::with_capacity(48);
        let mut word = String::with_capacity(32);
        let mut prev: Option<char> = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let mut c = c;
            let mut is_letter = script_of(c) == Some(self.script);
            // Cyrillic words typed with Latin look-alikes (Kazakh бiз with a Latin i,
            // ə for ә): read the look-alike as the Cyrillic letter inside a Cyrillic word.
            if !is_letter
                && self.script == Script::Cyrillic
                && let Some(cyr) = cyrillic_lookalike(c)
                && (!word.is_empty()
                    || chars
                        .peek()
                        .is_some_and(|&d| script_of(d) == Some(Script::Cyrillic)))
            {
                c = cyr;
                is_letter = true;
            }
            if is_letter {
                let lc = lower(c);
                sc.letters += 1;
                let u = lc as usize;
                if u < FLAT_LETTERS {
                    if flat[u] == 0 {
                        letters.push((lc, 0));
                    }
                    flat[u] += 1;
                } else {
                    match letters.iter_mut().find(|(l, _)| *l == lc) {
                        Some((_, k)) => *k += 1,
                        None => letters.push((lc, 1)),
                    }
                }
                if let Some(bits) = self.mark_chars.get(&lc) {
                    self.add(&mut sc, *bits, MARK_W, true);
                }
                if let Some(p) = prev
                    && let Some(bits) = self.mark_pairs.get(&(p, lc))
                {
                    self.add(&mut sc, *bits, MARK_W, true);
                }
                word.push(lc);
                prev = Some(lc);
                continue;
            }
            if is_apostrophe(c)
                && !word.is_empty()
                && chars
                    .peek()
                    .is_some_and(|&d| script_of(d) == Some(self.script))
            {
                if let Some(p) = prev
                    && let Some(bits) = self.mark_pairs.get(&(p, '\''))
                {
                    self.add(&mut sc, *bits, MARK_W, true);
                }
                word.push('\'');
                prev = Some('\'');
                continue;
            }
            // Marks that are not letters (Spanish ¿ ¡).
            if let Some(bits) = self.mark_chars.get(&c) {
                self.add(&mut sc, *bits, MARK_W, true);
            }
            if !word.is_empty() {
                self.word_done(&word, &mut sc);
                word.clear();
            }
            prev = None;
        }
        if !word.is_empty() {
            self.word_done(&word, &mut sc);
        }
        for (c, k) in letters.iter_mut() {
            if (*c as usize) < FLAT_LETTERS {
                *k = flat[*c as usize];
            }
        }
        for (i, p) in self.profiles.iter().enumerate() {
            if !p.requires.is_empty() && !letters.iter().any(|(c, _)| p.requires.contains(c)) {
                // A short text may lack them by chance: a smaller penalty.
                sc.score[i] -= if sc.letters >= REQUIRE_MIN_LETTERS {
                    MISSING_REQUIRED
                } else {
                    MISSING_REQUIRED_SHORT
                };
            }
            for &(c, k) in &letters {
                if p.alphabet.binary_search(&c).is_err() {
                    sc.score[i] -= FOREIGN_FIRST + FOREIGN_MORE * (k - 1) as f64;
                }
            }
        }
        sc
    }

    fn add(&self, sc: &mut Scores, bits: u64, w: f64, mark: bool) {
        let mut b = bits;
        while b != 0 {
            let i = b.trailing_zeros() as usize;
            b &= b - 1;
            sc.score[i] += w;
            if mark {
                sc.mark_hits[i] += 1;
            }
        }
    }

    fn word_done(&self, word: &str, sc: &mut Scores) {
        sc.words += 1;
        let mut hit = self.words.get(word).copied().unwrap_or(0);
        if hit == 0
            && let Some(k) = word.find('\'')
        {
            // Elision (French l'homme, Italian dell'anno): the part up to the apostrophe.
            hit = self.words.get(&word[..=k]).copied().unwrap_or(0);
        }
        if hit != 0 {
            self.add(sc, hit, WORD_W, false);
            let mut b = hit;
            while b != 0 {
                let i = b.trailing_zeros() as usize;
                b &= b - 1;
                sc.word_hits[i] += 1;
            }
        }
        // Word endings, on words of at least four letters; each language scores once.
        // pos[k - 1] is the byte offset of the last k characters.
        let mut pos = [0usize; MAX_SUFFIX + 2];
        let mut n = 0;
        for (i, _) in word.char_indices().rev() {
            if n == pos.len() {
                break;
            }
            pos[n] = i;
            n += 1;
        }
        if n < 4 {
            return;
        }
        let mut seen = 0u64;
        for k in 2..=MAX_SUFFIX.min(n - 2) {
            if let Some(&bits) = self.suffixes.get(&word[pos[k - 1]..]) {
                seen |= bits;
            }
        }
        self.add(sc, seen, SUFFIX_W, false);
    }
}

/// The Cyrillic letter a Latin look-alike stands for when typed inside a Cyrillic word.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'A' => 'А',
        'E' => 'Е',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'X' => 'Х',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'H' => 'Н',
        'T' => 'Т',
        'B' => 'В',
        '\u{0259}' => 'ә',
        '\u{018F}' => 'Ә',
        '\u{0275}' => 'ө',
        '\u{019F}' => 'Ө',
        _ => return None,
    })
}

/// Lower case of one letter (Turkish İ becomes i).
fn lower(c: char) -> char {
    if c == '\u{0130}' {
        return 'i';
    }
    if c.is_lowercase() {
        return c;
    }
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(m: &Model, s: &str) -> &'static str {
        let sc = m.score(s);
        m.tag(sc.best(u64::MAX).expect("profiles"))
    }

    #[test]
    fn data_files_parse() {
        let l = Model::latin();
        let c = Model::cyrillic();
        assert!(l.len() >= 8 && c.len() >= 8);
        for m in [l, c] {
            for p in &m.profiles {
                assert!(!p.alphabet.is_empty(), "{} has no alphabet", p.tag);
            }
        }
        assert!(l.words.contains_key("bo'lgan"));
    }

    #[test]
    fn foreign_letters_count_against() {
        let c = Model::cyrillic();
        let sc = c.score("Қазақстан");
        let ru = (0..c.len()).find(|&i| c.tag(i) == "ru").expect("ru");
        let kk = (0..c.len()).find(|&i| c.tag(i) == "kk").expect("kk");
        assert!(sc.score[kk] > sc.score[ru]);
    }

    #[test]
    fn apostrophes_fold_inside_words() {
        let l = Model::latin();
        for apo in ['\u{02BB}', '\u{2018}', '\u{2019}', '\u{02BC}', '\''] {
            let s = format!("Bu yil o{apo}simliklar soni ko{apo}paydi");
            assert_eq!(best(l, &s), "uz-Latn", "{s}");
            let sc = l.score(&s);
            let uz = (0..l.len()).find(|&i| l.tag(i) == "uz-Latn").expect("uz");
            assert_eq!(sc.mark_hits[uz], 2, "{s}");
        }
    }

    #[test]
    fn latin_lookalikes_inside_cyrillic_words() {
        let c = Model::cyrillic();
        // Kazakh web text often types і as a Latin i and ә as the Latin schwa.
        assert_eq!(best(c, "Бiз бүгiн жаңа мектепке бардық"), "kk");
        assert_eq!(best(c, "Бiз бүгiн \u{0259}кеммен бардық"), "kk");
        let sc = c.score("Бiз");
        assert_eq!(sc.letters, 3);
    }

    #[test]
    fn elision_prefix_counts() {
        let l = Model::latin();
        assert_eq!(best(l, "l'homme qu'il aime"), "fr");
    }
}
