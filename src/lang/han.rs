//! Simplified or traditional Chinese: counts characters that only one of the
//! two standards writes (data: `data/han.txt`).
//!
//! ```
//! use tarjima::lang::han::{han_variant, HanVariant};
//! assert_eq!(han_variant("这个国家的经济发展很快。"), HanVariant::Simplified);
//! assert_eq!(han_variant("這個國家的經濟發展很快。"), HanVariant::Traditional);
//! assert_eq!(han_variant("中文"), HanVariant::Unknown);
//! ```

use std::collections::HashSet;
use std::sync::OnceLock;

/// Which standard a Chinese text follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanVariant {
    Simplified,
    Traditional,
    /// No character that tells them apart.
    Unknown,
}

struct Tables {
    simplified: HashSet<char>,
    traditional: HashSet<char>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut simplified = HashSet::new();
        let mut traditional = HashSet::new();
        for line in include_str!("data/han.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            for pair in line.split_whitespace() {
                let mut cs = pair.chars();
                if let (Some(s), Some(t), None) = (cs.next(), cs.next(), cs.next())
                    && s != t
                {
                    simplified.insert(s);
                    traditional.insert(t);
                }
            }
        }
        Tables {
            simplified,
            traditional,
        }
    })
}

/// Counts (simplified-only, traditional-only) characters of `text`.
pub fn han_counts(text: &str) -> (usize, usize) {
    let t = tables();
    let (mut s, mut tr) = (0, 0);
    for c in text.chars() {
        if t.simplified.contains(&c) {
            s += 1;
        } else if t.traditional.contains(&c) {
            tr += 1;
        }
    }
    (s, tr)
}

/// Decides the standard of a Chinese text.
pub fn han_variant(text: &str) -> HanVariant {
    let (s, t) = han_counts(text);
    if s > t {
        HanVariant::Simplified
    } else if t > s {
        HanVariant::Traditional
    } else {
        HanVariant::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_disjoint_and_loaded() {
        let t = tables();
        assert!(t.simplified.len() > 300, "{}", t.simplified.len());
        assert!(t.simplified.is_disjoint(&t.traditional));
    }

    #[test]
    fn variants() {
        assert_eq!(
            han_variant("美国体操协会对美国奥委会的信函表示支持"),
            HanVariant::Simplified
        );
        assert_eq!(
            han_variant("美國體操協會對美國奧委會的信函表示支持"),
            HanVariant::Traditional
        );
    }
}
