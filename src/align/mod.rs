//! Sentence alignment: pairs the sentences of a text with those of its
//! translation, as beads (1-1, 1-2, 2-1, 1-0, 0-1, ...), each with a confidence.
//!
//! ```
//! use tarjima::align::{align, AlignOptions, Sentence};
//! let src = ["The cat sat on the mat.", "It was happy."];
//! let tgt = ["Die Katze saß auf der Matte.", "Sie war glücklich."];
//! let s: Vec<_> = src.iter().map(|t| Sentence::new(t, 0)).collect();
//! let t: Vec<_> = tgt.iter().map(|t| Sentence::new(t, 0)).collect();
//! let beads = align(&s, &t, &AlignOptions::new("en", "de"));
//! assert_eq!(beads.len(), 2);
//! assert_eq!((beads[0].src.clone(), beads[0].tgt.clone()), (vec![0], vec![0]));
//! ```

/// One sentence to align, with the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Index of the paragraph in its document (0-based). Paragraph breaks are alignment hints.
    pub paragraph: u32,
}

impl<'a> Sentence<'a> {
    pub fn new(text: &'a str, paragraph: u32) -> Self {
        Sentence { text, paragraph }
    }
}

/// A bead: consecutive source sentences aligned with consecutive target sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    /// Source sentence indices (ascending, consecutive; empty for 0-n).
    pub src: Vec<usize>,
    /// Target sentence indices (ascending, consecutive; empty for n-0).
    pub tgt: Vec<usize>,
    /// How sure the aligner is of this bead, 0 to 1.
    pub confidence: f64,
}

/// Settings for one alignment run.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    pub src_lang: String,
    pub tgt_lang: String,
}

impl AlignOptions {
    pub fn new(src_lang: &str, tgt_lang: &str) -> Self {
        AlignOptions {
            src_lang: src_lang.to_string(),
            tgt_lang: tgt_lang.to_string(),
        }
    }
}

/// Aligns two sentence lists. The beads cover every sentence of both sides once, in order.
pub fn align(src: &[Sentence], tgt: &[Sentence], _opts: &AlignOptions) -> Vec<Bead> {
    let len = |s: &Sentence| s.text.chars().count().max(1) as f64;
    let total_s: f64 = src.iter().map(len).sum::<f64>().max(1.0);
    let total_t: f64 = tgt.iter().map(len).sum::<f64>().max(1.0);
    let ratio = total_t / total_s;
    // (di, dj, prior cost)
    const MOVES: [(usize, usize, f64); 5] = [
        (1, 1, 0.0),
        (1, 0, 4.5),
        (0, 1, 4.5),
        (2, 1, 2.3),
        (1, 2, 2.3),
    ];
    let (n, m) = (src.len(), tgt.len());
    let mut cost = vec![f64::INFINITY; (n + 1) * (m + 1)];
    let mut back = vec![(0usize, 0usize); (n + 1) * (m + 1)];
    let idx = |i: usize, j: usize| i * (m + 1) + j;
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[idx(i, j)];
            if !here.is_finite() {
                continue;
            }
            for &(di, dj, prior) in &MOVES {
                if i + di > n || j + dj > m {
                    continue;
                }
                let ls: f64 = src[i..i + di].iter().map(len).sum();
                let lt: f64 = tgt[j..j + dj].iter().map(len).sum();
                let c = if di == 0 || dj == 0 {
                    prior
                } else {
                    let delta = (lt - ls * ratio) / (ls * 6.8).sqrt();
                    prior + delta * delta / 2.0
                };
                let k = idx(i + di, j + dj);
                if here + c < cost[k] {
                    cost[k] = here + c;
                    back[k] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[idx(i, j)];
        let step = cost[idx(i, j)] - cost[idx(i - di, j - dj)];
        beads.push(Bead {
            src: (i - di..i).collect(),
            tgt: (j - dj..j).collect(),
            confidence: (-step / 4.0).exp().clamp(0.0, 1.0),
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// Is the target document a translation of the source document?
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentVerdict {
    pub is_translation: bool,
    /// Overall score, 0 to 1.
    pub score: f64,
    /// One sentence explaining the verdict, for the import report.
    pub reason: String,
}

/// Judges whether two aligned documents are translations of one another from their beads.
pub fn assess_documents(src: &[Sentence], tgt: &[Sentence], beads: &[Bead]) -> DocumentVerdict {
    let paired = beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        .count();
    let mean = if beads.is_empty() {
        0.0
    } else {
        beads.iter().map(|b| b.confidence).sum::<f64>() / beads.len() as f64
    };
    let coverage = paired as f64 / beads.len().max(1) as f64;
    let score = mean * coverage;
    let is_translation = !src.is_empty() && !tgt.is_empty() && score >= 0.5;
    DocumentVerdict {
        is_translation,
        score,
        reason: format!(
            "mean bead confidence {:.2} over {} beads, {:.0}% of beads pair sentences",
            mean,
            beads.len(),
            coverage * 100.0
        ),
    }
}
