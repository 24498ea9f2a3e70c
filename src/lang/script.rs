//! Writing systems: which script a letter belongs to, and which script
//! dominates a text. The first step of language identification.
//!
//! ```
//! use tarjima::lang::script::{Script, ScriptCounts};
//! let c = ScriptCounts::of("Ўзбекистон ва Хитой (China)");
//! assert_eq!(c.dominant(), Some(Script::Cyrillic));
//! assert_eq!(c.get(Script::Latin), 5);
//! // A Han character weighs like a word: Chinese with Latin names stays Chinese.
//! let c = ScriptCounts::of("被告是 Baba Kanjar 和 Vishnu Kanjar。");
//! assert_eq!(c.dominant(), Some(Script::Han));
//! ```

/// A script that language identification distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Georgian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    OtherIndic,
    Thai,
    Han,
    Kana,
    Hangul,
    Ethiopic,
    Other,
}

const ALL: [Script; 16] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Armenian,
    Script::Georgian,
    Script::Hebrew,
    Script::Arabic,
    Script::Devanagari,
    Script::Bengali,
    Script::OtherIndic,
    Script::Thai,
    Script::Han,
    Script::Kana,
    Script::Hangul,
    Script::Ethiopic,
    Script::Other,
];

impl Script {
    fn index(self) -> usize {
        self as usize
    }
}

/// The script of a letter, or `None` for characters that are not letters
/// (digits, punctuation, white space, symbols).
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    if crate::text::is_apostrophe(c) {
        return None;
    }
    if u < 0x80 {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    let s = match u {
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x00AA | 0x00BA => Script::Latin,
        0x0250..=0x02AF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x0A00..=0x0DFF => Script::OtherIndic,
        0x0E00..=0x0E7F => Script::Thai,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x1200..=0x139F => Script::Ethiopic,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
        _ => {
            if c.is_alphabetic() {
                Script::Other
            } else {
                return None;
            }
        }
    };
    // Combining marks, modifier letters and the like count as letters of their block
    // only when Unicode calls them alphabetic.
    if s == Script::Latin && !c.is_alphabetic() {
        return None;
    }
    Some(s)
}

/// How many letters of each script a text has.
#[derive(Debug, Clone, Default)]
pub struct ScriptCounts {
    counts: [usize; ALL.len()],
}

impl ScriptCounts {
    /// Counts the letters of `text` by script.
    pub fn of(text: &str) -> Self {
        let mut counts = [0usize; ALL.len()];
        for c in text.chars() {
            if let Some(s) = script_of(c) {
                counts[s.index()] += 1;
            }
        }
        ScriptCounts { counts }
    }

    /// Letters of script `s`.
    pub fn get(&self, s: Script) -> usize {
        self.counts[s.index()]
    }

    /// All letters.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The script with the most letters. Kana and Han together count as
    /// Japanese writing when any Kana is present; Han alone as Chinese.
    pub fn dominant(&self) -> Option<Script> {
        let mut best: Option<(Script, usize)> = None;
        for s in ALL {
            let mut n = self.get(s);
            // A Han character weighs as much as a whole word of an alphabetic
            // script: Chinese text with Latin names stays Chinese.
            if matches!(s, Script::Han | Script::Kana | Script::Hangul) {
                n *= 8;
            }
            if n > 0 && best.is_none_or(|(_, b)| n > b) {
                best = Some((s, n));
            }
        }
        let (s, _) = best?;
        if s == Script::Han && self.get(Script::Kana) > 0 {
            return Some(Script::Kana);
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_by_script() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('ğ'), Some(Script::Latin));
        assert_eq!(script_of('ў'), Some(Script::Cyrillic));
        assert_eq!(script_of('ұ'), Some(Script::Cyrillic));
        assert_eq!(script_of('中'), Some(Script::Han));
        assert_eq!(script_of('の'), Some(Script::Kana));
        assert_eq!(script_of('한'), Some(Script::Hangul));
        assert_eq!(script_of('ع'), Some(Script::Arabic));
        assert_eq!(script_of('7'), None);
        assert_eq!(script_of('\u{02BB}'), None);
        assert_eq!(script_of('.'), None);
    }

    #[test]
    fn dominant_script() {
        assert_eq!(
            ScriptCounts::of("USA Gymnastics поддерживает письмо").dominant(),
            Some(Script::Cyrillic)
        );
        assert_eq!(
            ScriptCounts::of("東京は日本の首都です").dominant(),
            Some(Script::Kana)
        );
        assert_eq!(
            ScriptCounts::of("美国体操协会 USA").dominant(),
            Some(Script::Han)
        );
        assert_eq!(ScriptCounts::of("2026 — 3.5%").dominant(), None);
    }
}
