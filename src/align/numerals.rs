//! Numbers written in words, read as values so they anchor against digits on the
//! other side: Chinese numerals (六, 两, 十二, 二十, 三千, 第三, 二十世纪六十年代) and
//! the number words of the other languages (six, sechs, шесть, olti, deux), the
//! latter from one data file per language in `data/numbers_*.tsv`.
//!
//! ```
//! use tarjima::align::numerals::{han_values, word_value};
//! assert_eq!(han_values("他有两个孩子，20世纪60年代"), vec![2, 1960]);
//! assert_eq!(word_value("Sechs"), Some(6));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

fn word_table() -> &'static HashMap<String, u64> {
    static TABLE: OnceLock<HashMap<String, u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for file in [
            include_str!("data/numbers_en.tsv"),
            include_str!("data/numbers_de.tsv"),
            include_str!("data/numbers_fr.tsv"),
            include_str!("data/numbers_ru.tsv"),
            include_str!("data/numbers_uz.tsv"),
        ] {
            for line in file.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut cols = line.split('\t');
                if let (Some(w), Some(Ok(v))) = (cols.next(), cols.next().map(str::parse)) {
                    m.insert(key(w), v);
                }
            }
        }
        m
    })
}

fn key(word: &str) -> String {
    word.chars()
        .map(|c| {
            if crate::text::is_apostrophe(c) {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The value of a number word (any case, any apostrophe) of a listed language.
pub fn word_value(word: &str) -> Option<u64> {
    word_table().get(&key(word)).copied()
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// The value of a run of Chinese numeral characters (二十三, 三千五百, 一九六〇), or
/// None when the run is not a well-formed number.
fn run_value(run: &[char]) -> Option<u64> {
    if run.iter().all(|c| digit(*c).is_some()) {
        // Digit by digit (一九六〇 = 1960) when longer than one character.
        return run
            .iter()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(*c)?));
    }
    let (mut total, mut section, mut pending) = (0u64, 0u64, None::<u64>);
    for &c in run {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            if u >= 10_000 {
                let part = section + pending.take().unwrap_or(0);
                let part = if part == 0 { 1 } else { part };
                total = total.checked_add(part.checked_mul(u)?)?;
                section = 0;
            } else {
                section += pending.take().unwrap_or(1) * u;
            }
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// Values of the Chinese numerals in a text: runs worth at least 2 that hold a digit
/// or 十 (so 一 "a/one" and 千万 "by all means" stay out); "N世纪M年代" (decade M of
/// century N, with digits or numerals) gives (N-1)*100+M as well.
pub fn han_values(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    // (value, end index) of every number, numeral or ASCII/full-width digits.
    let mut found: Vec<(u64, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            let mut v = 0u64;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || ('０'..='９').contains(&chars[i]))
            {
                let d = chars[i]
                    .to_digit(10)
                    .unwrap_or_else(|| (chars[i] as u32).saturating_sub('０' as u32));
                v = v.saturating_mul(10).saturating_add(u64::from(d));
                i += 1;
            }
            found.push((v, i, false));
            continue;
        }
        if digit(c).is_some() || unit(c).is_some() {
            let start = i;
            while i < chars.len() && (digit(chars[i]).is_some() || unit(chars[i]).is_some()) {
                i += 1;
            }
            let run = &chars[start..i];
            let meaningful = run.iter().any(|c| digit(*c).is_some() || *c == '十');
            if let Some(v) = run_value(run)
                && meaningful
                && v >= 2
            {
                found.push((v, i, true));
            }
            continue;
        }
        i += 1;
    }
    let mut out: Vec<u64> = found.iter().filter(|f| f.2).map(|f| f.0).collect();
    for w in found.windows(2) {
        let ((century, end, _), (decade, end2, _)) = (w[0], w[1]);
        let between: String = chars[end..].iter().take(2).collect();
        let after: String = chars[end2..].iter().take(2).collect();
        if between == "世纪"
            && after == "年代"
            && (1..=30).contains(&century)
            && decade < 100
            && decade % 10 == 0
        {
            out.push((century - 1) * 100 + decade);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_numerals() {
        assert_eq!(han_values("十二个"), vec![12]);
        assert_eq!(han_values("三千五百人"), vec![3500]);
        assert_eq!(han_values("两万"), vec![20_000]);
        assert_eq!(han_values("第三次"), vec![3]);
        assert_eq!(han_values("一九六〇年"), vec![1960]);
        assert_eq!(han_values("三亿五千万"), vec![350_000_000]);
        // 一 alone and 千万 ("by all means") are no numbers.
        assert!(han_values("一个人千万不要").is_empty());
    }

    #[test]
    fn reads_decades_of_centuries() {
        assert_eq!(han_values("20世纪60年代"), vec![1960]);
        assert_eq!(han_values("二十世纪六十年代"), vec![20, 60, 1960]);
    }

    #[test]
    fn reads_number_words() {
        assert_eq!(word_value("six"), Some(6));
        assert_eq!(word_value("ШЕСТЬ"), Some(6));
        assert_eq!(word_value("o‘n"), Some(10));
        assert_eq!(word_value("the"), None);
    }
}
