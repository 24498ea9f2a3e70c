//! Language identification: which language (and script) a text is written in.
//!
//! A [`Detector`] answers a BCP 47 tag (`en`, `uz-Latn`, `uz-Cyrl`, `zh-Hans`,
//! ...) with a confidence in `0..=1`, or `und` when the text is too short or
//! unclear to say.
//!
//! ```
//! use tarjima::lang::Detector;
//! let d = Detector::default().detect("Ўзбекистон ва Хитой ўртасидаги ҳамкорлик кенгаймоқда.");
//! assert_eq!(d.tag, "uz-Cyrl");
//! ```

/// The answer of a detector.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Detection {
    /// BCP 47 tag, or `und`.
    pub tag: String,
    /// How sure the detector is, from 0 to 1.
    pub confidence: f64,
}

impl Detection {
    /// The "cannot tell" answer.
    pub fn undetermined() -> Self {
        Detection {
            tag: "und".to_string(),
            confidence: 0.0,
        }
    }
}

/// A language detector, optionally restricted to a set of expected languages.
#[derive(Debug, Clone, Default)]
pub struct Detector {
    expected: Option<Vec<String>>,
}

impl Detector {
    /// A detector that only answers one of `langs` (or `und`).
    pub fn with_expected(langs: Vec<String>) -> Self {
        Detector {
            expected: if langs.is_empty() { None } else { Some(langs) },
        }
    }

    /// Detects the language of `text`.
    pub fn detect(&self, text: &str) -> Detection {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            return Detection::undetermined();
        }
        let d = if text.chars().any(|c| "ўқғҳЎҚҒҲ".contains(c)) {
            Detection {
                tag: "uz-Cyrl".into(),
                confidence: 0.9,
            }
        } else {
            match whatlang::detect(text) {
                Some(info) => Detection {
                    tag: whatlang_tag(info.lang()).to_string(),
                    confidence: info.confidence(),
                },
                None => Detection::undetermined(),
            }
        };
        match &self.expected {
            Some(langs) if !langs.iter().any(|l| same_language(l, &d.tag)) => {
                Detection::undetermined()
            }
            _ => d,
        }
    }
}

/// True when two tags name the same language (`uz` matches `uz-Latn`; `uz-Latn` does not match `uz-Cyrl`).
pub fn same_language(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (pa, pb) = (primary(a), primary(b));
    pa == pb && (!a.contains('-') || !b.contains('-'))
}

/// The primary language subtag (`uz` of `uz-Latn`).
pub fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

fn whatlang_tag(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Rus => "ru",
        Tur => "tr",
        Uzb => "uz-Latn",
        Cmn => "zh-Hans",
        Ita => "it",
        Por => "pt",
        Ukr => "uk",
        Bul => "bg",
        Nld => "nl",
        Pol => "pl",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        _ => "und",
    }
}
