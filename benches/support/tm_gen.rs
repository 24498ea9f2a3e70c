//! A deterministic generator of an English-German translation memory for
//! benchmarks: near-duplicate families (one sentence pattern with different
//! names, numbers and objects, as in software documentation and reports) and
//! a long tail of unique sentences. Two generators: the realistic one
//! ([`pair`], [`query`]: a Zipf-distributed vocabulary whose head is the real
//! words of the project's fixtures, then invented words) and the first, small-
//! vocabulary one ([`pair_small`]: a phrase grammar over ~150 words plus
//! invented names). Same seed, same memory.
#![allow(dead_code)]

/// SplitMix64: tiny, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Roughly Zipf: index i with weight ~ 1/(i+1).
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let x = ((n as f64 + 1.0).powf(u) - 1.0) as usize;
        x.min(n - 1)
    }
}

/// (English, German) pairs of a word class.
const NOUNS: &[(&str, &str)] = &[
    ("report", "Bericht"),
    ("system", "System"),
    ("user", "Benutzer"),
    ("file", "Datei"),
    ("government", "Regierung"),
    ("city", "Stadt"),
    ("company", "Unternehmen"),
    ("river", "Fluss"),
    ("project", "Projekt"),
    ("meeting", "Sitzung"),
    ("school", "Schule"),
    ("road", "Straße"),
    ("window", "Fenster"),
    ("price", "Preis"),
    ("market", "Markt"),
    ("budget", "Haushalt"),
    ("committee", "Ausschuss"),
    ("agreement", "Abkommen"),
    ("hospital", "Krankenhaus"),
    ("bridge", "Brücke"),
    ("village", "Dorf"),
    ("farmer", "Landwirt"),
    ("teacher", "Lehrer"),
    ("student", "Student"),
    ("doctor", "Arzt"),
    ("engineer", "Ingenieur"),
    ("court", "Gericht"),
    ("law", "Gesetz"),
    ("tax", "Steuer"),
    ("border", "Grenze"),
    ("train", "Zug"),
    ("station", "Bahnhof"),
    ("airport", "Flughafen"),
    ("harvest", "Ernte"),
    ("cotton", "Baumwolle"),
    ("water", "Wasser"),
    ("energy", "Energie"),
    ("power plant", "Kraftwerk"),
    ("museum", "Museum"),
    ("library", "Bibliothek"),
    ("book", "Buch"),
    ("language", "Sprache"),
    ("translation", "Übersetzung"),
    ("minister", "Minister"),
    ("president", "Präsident"),
    ("delegation", "Delegation"),
    ("investment", "Investition"),
    ("loan", "Kredit"),
    ("bank", "Bank"),
    ("account", "Konto"),
    ("password", "Passwort"),
    ("button", "Schaltfläche"),
    ("menu", "Menü"),
    ("setting", "Einstellung"),
    ("printer", "Drucker"),
    ("server", "Server"),
    ("database", "Datenbank"),
    ("network", "Netzwerk"),
    ("update", "Aktualisierung"),
    ("error", "Fehler"),
    ("message", "Nachricht"),
    ("customer", "Kunde"),
    ("order", "Bestellung"),
    ("invoice", "Rechnung"),
    ("delivery", "Lieferung"),
    ("warehouse", "Lager"),
    ("festival", "Festival"),
    ("garden", "Garten"),
    ("mountain", "Berg"),
    ("lake", "See"),
    ("desert", "Wüste"),
    ("region", "Region"),
    ("province", "Provinz"),
    ("election", "Wahl"),
    ("parliament", "Parlament"),
    ("decree", "Erlass"),
    ("reform", "Reform"),
    ("export", "Export"),
    ("import", "Import"),
    ("factory", "Fabrik"),
    ("worker", "Arbeiter"),
    ("salary", "Gehalt"),
    ("pension", "Rente"),
    ("child", "Kind"),
    ("family", "Familie"),
    ("house", "Haus"),
    ("apartment", "Wohnung"),
    ("rent", "Miete"),
    ("car", "Auto"),
    ("bus", "Bus"),
    ("ticket", "Fahrkarte"),
    ("visa", "Visum"),
    ("passport", "Reisepass"),
    ("tourist", "Tourist"),
    ("hotel", "Hotel"),
    ("restaurant", "Restaurant"),
    ("bread", "Brot"),
    ("tea", "Tee"),
];
const VERBS: &[(&str, &str)] = &[
    ("opens", "öffnet"),
    ("closes", "schließt"),
    ("approves", "genehmigt"),
    ("rejects", "lehnt ab"),
    ("publishes", "veröffentlicht"),
    ("builds", "baut"),
    ("visits", "besucht"),
    ("signs", "unterzeichnet"),
    ("discusses", "erörtert"),
    ("supports", "unterstützt"),
    ("reduces", "senkt"),
    ("raises", "erhöht"),
    ("checks", "prüft"),
    ("deletes", "löscht"),
    ("saves", "speichert"),
    ("sends", "sendet"),
    ("receives", "erhält"),
    ("repairs", "repariert"),
    ("plans", "plant"),
    ("finances", "finanziert"),
    ("describes", "beschreibt"),
    ("replaces", "ersetzt"),
    ("announces", "kündigt an"),
    ("exports", "exportiert"),
    ("imports", "importiert"),
    ("protects", "schützt"),
    ("requires", "verlangt"),
    ("translates", "übersetzt"),
    ("prints", "druckt"),
    ("installs", "installiert"),
];
const ADJS: &[(&str, &str)] = &[
    ("new", "neue"),
    ("old", "alte"),
    ("large", "große"),
    ("small", "kleine"),
    ("national", "nationale"),
    ("regional", "regionale"),
    ("public", "öffentliche"),
    ("private", "private"),
    ("annual", "jährliche"),
    ("important", "wichtige"),
    ("modern", "moderne"),
    ("local", "lokale"),
    ("foreign", "ausländische"),
    ("digital", "digitale"),
    ("green", "grüne"),
    ("main", "wichtigste"),
    ("second", "zweite"),
    ("final", "endgültige"),
    ("joint", "gemeinsame"),
    ("technical", "technische"),
];
const PLACES: &[(&str, &str)] = &[
    ("in Tashkent", "in Taschkent"),
    ("in Samarkand", "in Samarkand"),
    ("in Bukhara", "in Buchara"),
    ("in Berlin", "in Berlin"),
    ("in Munich", "in München"),
    ("in the capital", "in der Hauptstadt"),
    ("in the north", "im Norden"),
    ("in the south", "im Süden"),
    ("near the border", "nahe der Grenze"),
    ("at the station", "am Bahnhof"),
    ("on the website", "auf der Website"),
    ("in the archive", "im Archiv"),
];
const TIMES: &[(&str, &str)] = &[
    ("today", "heute"),
    ("yesterday", "gestern"),
    ("next week", "nächste Woche"),
    ("this year", "dieses Jahr"),
    ("every morning", "jeden Morgen"),
    ("after the meeting", "nach der Sitzung"),
    ("again", "erneut"),
    ("for the first time", "zum ersten Mal"),
    ("without delay", "unverzüglich"),
    ("in March", "im März"),
];

/// Near-duplicate family patterns: {N} noun, {A} adjective, {P} place, {#} number, {X} a name.
const FAMILIES: &[(&str, &str)] = &[
    (
        "Click the {N} button to save your changes.",
        "Klicken Sie auf die Schaltfläche {N}, um Ihre Änderungen zu speichern.",
    ),
    (
        "The {A} {N} will be available from {#} March.",
        "Die {A} {N} ist ab dem {#}. März verfügbar.",
    ),
    (
        "Delivery takes {#} working days {P}.",
        "Die Lieferung dauert {#} Werktage {P}.",
    ),
    (
        "The {N} of {X} was founded in {#}.",
        "Die {N} von {X} wurde {#} gegründet.",
    ),
    (
        "Enter your {N} and press Enter.",
        "Geben Sie Ihre {N} ein und drücken Sie die Eingabetaste.",
    ),
    (
        "The price of the {N} rose by {#} percent {P}.",
        "Der Preis der {N} stieg {P} um {#} Prozent.",
    ),
    (
        "{X} met the {A} delegation {P}.",
        "{X} traf die {A} Delegation {P}.",
    ),
    (
        "The {N} could not be found.",
        "Die {N} wurde nicht gefunden.",
    ),
    (
        "Do you want to delete the selected {N}?",
        "Möchten Sie die ausgewählte {N} löschen?",
    ),
    (
        "More than {#} people visited the {N} {P}.",
        "Mehr als {#} Menschen besuchten die {N} {P}.",
    ),
    (
        "The {A} {N} is closed until further notice.",
        "Die {A} {N} ist bis auf Weiteres geschlossen.",
    ),
    (
        "Please contact the {N} if the problem persists.",
        "Bitte wenden Sie sich an die {N}, wenn das Problem weiterhin besteht.",
    ),
    (
        "The {N} has {#} members and meets twice a year.",
        "Die {N} hat {#} Mitglieder und tritt zweimal im Jahr zusammen.",
    ),
    (
        "According to {X}, the {N} will cost {#} million euros.",
        "Laut {X} wird die {N} {#} Millionen Euro kosten.",
    ),
    (
        "The file {X}.txt is {#} KB in size.",
        "Die Datei {X}.txt ist {#} KB groß.",
    ),
    (
        "Step {#}: open the {N} menu and select {X}.",
        "Schritt {#}: Öffnen Sie das Menü {N} und wählen Sie {X}.",
    ),
];

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "ta", "shi", "ba", "lo", "ne", "qa", "zu", "dor", "vin", "sar", "kan", "bek",
    "ul", "ra", "gu", "mir", "tal", "xo", "ja", "nur", "ob", "sha", "dil", "fa", "zo", "mak",
    "ten",
];

/// An invented proper name (a long tail of rare words, like names and terms in real memories).
pub fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn pick<'a>(rng: &mut Rng, list: &'a [(&'a str, &'a str)]) -> (&'a str, &'a str) {
    list[rng.zipf(list.len())]
}

/// One member of family `f` (English, German).
pub fn family_member(rng: &mut Rng, f: usize) -> (String, String) {
    let (mut en, mut de) = (FAMILIES[f].0.to_string(), FAMILIES[f].1.to_string());
    while let Some(i) = en.find('{') {
        let Some(j) = en[i..].find('}') else { break };
        let slot = en[i..i + j + 1].to_string();
        let (e, d) = match slot.as_str() {
            "{N}" => {
                let (e, d) = pick(rng, NOUNS);
                (e.to_string(), d.to_string())
            }
            "{A}" => {
                let (e, d) = pick(rng, ADJS);
                (e.to_string(), d.to_string())
            }
            "{P}" => {
                let (e, d) = pick(rng, PLACES);
                (e.to_string(), d.to_string())
            }
            "{#}" => {
                let n = (1 + rng.zipf(2000)).to_string();
                (n.clone(), n)
            }
            _ => {
                let x = name(rng);
                (x.clone(), x)
            }
        };
        en = en.replacen(&slot, &e, 1);
        de = de.replacen(&slot, &d, 1);
    }
    (en, de)
}

/// A long-tail sentence from the phrase grammar (English, German gloss).
pub fn unique_sentence(rng: &mut Rng) -> (String, String) {
    let mut en: Vec<String> = Vec::new();
    let mut de: Vec<String> = Vec::new();
    let subject = if rng.below(3) == 0 {
        let x = name(rng);
        (x.clone(), x)
    } else {
        let (a, ad) = pick(rng, ADJS);
        let (n, nd) = pick(rng, NOUNS);
        (format!("The {a} {n}"), format!("Die {ad} {nd}"))
    };
    en.push(subject.0);
    de.push(subject.1);
    let (v, vd) = pick(rng, VERBS);
    en.push(v.to_string());
    de.push(vd.to_string());
    let (n, nd) = pick(rng, NOUNS);
    let owner = name(rng);
    en.push(format!("the {n} of {owner}"));
    de.push(format!("die {nd} von {owner}"));
    for _ in 0..rng.below(3) {
        match rng.below(4) {
            0 => {
                let (p, pd) = pick(rng, PLACES);
                en.push(p.to_string());
                de.push(pd.to_string());
            }
            1 => {
                let (t, td) = pick(rng, TIMES);
                en.push(t.to_string());
                de.push(td.to_string());
            }
            2 => {
                let (a, ad) = pick(rng, ADJS);
                let (n, nd) = pick(rng, NOUNS);
                let x = name(rng);
                en.push(format!("and the {a} {n} of {x}"));
                de.push(format!("und die {ad} {nd} von {x}"));
            }
            _ => {
                let k = 1 + rng.zipf(5000);
                en.push(format!("with {k} {}", pick(rng, NOUNS).0));
                de.push(format!("mit {k} Einheiten"));
            }
        }
    }
    (format!("{}.", en.join(" ")), format!("{}.", de.join(" ")))
}

/// Pair `i` of the small-vocabulary memory (the first generator, kept as the
/// hard case): 40 % members of 16 huge families, 60 % grammar sentences.
pub fn pair_small(seed: u64, i: u64) -> (String, String) {
    let mut rng = Rng(seed ^ i.wrapping_mul(0xA24B_AED4_963E_E407));
    if rng.below(10) < 4 {
        let f = rng.below(FAMILIES.len());
        family_member(&mut rng, f)
    } else {
        unique_sentence(&mut rng)
    }
}

/// A query for the small-vocabulary memory: a stored pair's English side edited (1-2 words), or a new sentence.
pub fn query_small(seed: u64, k: u64, stored: u64) -> String {
    let mut rng = Rng(seed ^ 0x51ED ^ k.wrapping_mul(0x9E37_79B9));
    match k % 3 {
        2 => {
            // Not stored (another seed), same distribution.
            pair_small(seed ^ 0xFFFF, k).0
        }
        _ => {
            let (en, _) = pair_small(seed, rng.below(stored as usize) as u64);
            let mut w: Vec<String> = en.split(' ').map(String::from).collect();
            for _ in 0..1 + rng.below(2) {
                let i = rng.below(w.len());
                if rng.below(2) == 0 {
                    w[i] = pick(&mut rng, NOUNS).0.to_string();
                } else if w.len() > 3 {
                    w.remove(i);
                }
            }
            w.join(" ")
        }
    }
}

// ---------------------------------------------------------------------------
// The realistic generator (the default): a Zipfian vocabulary of tens of
// thousands of words, near-duplicate families of a few to a few hundred
// variants, and a majority of long-tail unique sentences.
// ---------------------------------------------------------------------------

/// Distinct words in the vocabulary (ranked; rank r is drawn with weight ~ 1/(r+1)).
pub const VOCAB: usize = 40_000;
/// Share of pairs (in percent) that belong to a near-duplicate family.
pub const FAMILY_PERCENT: usize = 30;
/// Pair indices are cut into blocks of this many; each block has its own families,
/// so family sizes do not grow with the memory.
pub const FAMILY_BLOCK: u64 = 1 << 16;
/// Families per block. A member picks family `floor(FAMILIES_PER_BLOCK * u^2)`
/// (u uniform), so sizes fall from about 440 to about 5 (mean ~10).
pub const FAMILIES_PER_BLOCK: usize = 2_000;

/// The project's own English articles (real text: the head of the vocabulary).
pub const REAL_EN: &[&str] = &[
    include_str!("../../fixtures/ai-partnership.en.txt"),
    include_str!("../../fixtures/digital-services-law.en.txt"),
    include_str!("../../fixtures/khorezm-drip-irrigation.en.txt"),
    include_str!("../../fixtures/samarkand-crafts-festival.en.md"),
    include_str!("../../fixtures/uzbek-delegation-china.en.txt"),
];
/// The project's own German articles (the German side of the head).
pub const REAL_DE: &[&str] = &[
    include_str!("../../fixtures/ai-partnership.de.txt"),
    include_str!("../../fixtures/samarkand-crafts-festival.de.txt"),
    include_str!("../../fixtures/uzbek-delegation-china.de.txt"),
];

/// The words of `texts` ranked by frequency (most frequent first, ties by the word).
/// Words are runs of letters (with inner hyphens and apostrophes); tokens with digits
/// are left out (numbers are drawn separately). Words are counted case-insensitively
/// and shown in their most frequent spelling, so German nouns keep their capital.
pub fn ranked_words(texts: &[&str]) -> Vec<String> {
    use std::collections::HashMap;
    let mut counts: HashMap<String, (u64, HashMap<String, u64>)> = HashMap::new();
    for text in texts {
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        {
            let w = raw.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
            if w.is_empty() || w.chars().any(|c| c.is_numeric()) {
                continue;
            }
            let e = counts.entry(w.to_lowercase()).or_default();
            e.0 += 1;
            *e.1.entry(w.to_string()).or_default() += 1;
        }
    }
    let mut v: Vec<(u64, String, String)> = counts
        .into_iter()
        .map(|(key, (n, forms))| {
            // Most frequent spelling; ties to the lower-case one (sorted last by `max_by`).
            let form = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map_or(key.clone(), |f| f.0);
            (n, key, form)
        })
        .collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    v.into_iter().map(|(_, _, form)| form).collect()
}

/// An invented word of 2-4 syllables and its German counterpart.
fn invented(rng: &mut Rng, even: bool) -> (String, String) {
    let n = 2 + rng.below(3);
    let mut w = String::new();
    for _ in 0..n {
        w.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let d = if even {
        let mut c = w.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + "ung",
            None => w.clone(),
        }
    } else {
        format!("{w}en")
    };
    (w, d)
}

/// The ranked vocabulary. The head is real text: the English words of the project's
/// fixtures (`fixtures/*.en.*`) ranked by their frequency there; rank `r` is paired with
/// the German fixtures' `r`-th most frequent word (a frequency-matched gloss, not a
/// translation), or an invented German word past their end. The long tail is invented
/// words (2-4 syllables) up to [`VOCAB`]. Drawn with Zipf weights by rank.
pub fn vocabulary() -> &'static [(String, String)] {
    static V: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let en = ranked_words(REAL_EN);
        let de = ranked_words(REAL_DE);
        let mut seen = std::collections::HashSet::new();
        let mut v: Vec<(String, String)> = Vec::with_capacity(VOCAB);
        let mut rng = Rng(0x00DD_BA11);
        for (r, e) in en.iter().enumerate() {
            if v.len() == VOCAB {
                break;
            }
            if seen.insert(e.to_lowercase()) {
                let d = match de.get(r) {
                    Some(d) => d.clone(),
                    None => invented(&mut rng, r % 2 == 0).1,
                };
                v.push((e.clone(), d));
            }
        }
        while v.len() < VOCAB {
            let (w, d) = invented(&mut rng, v.len().is_multiple_of(2));
            if seen.insert(w.clone()) {
                v.push((w, d));
            }
        }
        v
    })
}

/// One word (English, German) drawn from the Zipfian vocabulary, or now and then a number.
fn word(rng: &mut Rng) -> (String, String) {
    if rng.below(25) == 0 {
        let n = (1 + rng.zipf(5000)).to_string();
        return (n.clone(), n);
    }
    let v = vocabulary();
    v[rng.zipf(v.len())].clone()
}

/// A sentence of 5-19 words (mean 12) drawn from the vocabulary.
fn sentence_words(rng: &mut Rng) -> Vec<(String, String)> {
    let len = 5 + rng.below(8) + rng.below(8);
    (0..len).map(|_| word(rng)).collect()
}

fn render(words: &[(String, String)]) -> (String, String) {
    let join = |side: usize| {
        let mut s = String::new();
        for (i, w) in words.iter().enumerate() {
            let t = if side == 0 { &w.0 } else { &w.1 };
            if i == 0 {
                let mut c = t.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(t);
            }
        }
        s.push('.');
        s
    };
    (join(0), join(1))
}

/// Pair `i` of the realistic memory with `seed`.
pub fn pair(seed: u64, i: u64) -> (String, String) {
    let mut rng = Rng(seed ^ i.wrapping_mul(0xA24B_AED4_963E_E407));
    if rng.below(100) < FAMILY_PERCENT {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let f = ((FAMILIES_PER_BLOCK as f64) * u * u) as u64;
        let block = i / FAMILY_BLOCK;
        let mut frng = Rng(seed
            ^ 0xFA31
            ^ block.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ f.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let mut words = sentence_words(&mut frng);
        // The family's variable slots: 1-3 positions; a member changes 1-2 of them.
        let slots: Vec<usize> = (0..1 + frng.below(3))
            .map(|_| frng.below(words.len()))
            .collect();
        for _ in 0..1 + rng.below(2) {
            let s = slots[rng.below(slots.len())];
            words[s] = word(&mut rng);
        }
        render(&words)
    } else {
        render(&sentence_words(&mut rng))
    }
}

/// A query for the realistic memory: a stored pair's English side with 1-2
/// words replaced or deleted (two thirds), or a sentence from another seed.
pub fn query(seed: u64, k: u64, stored: u64) -> String {
    let mut rng = Rng(seed ^ 0x51ED ^ k.wrapping_mul(0x9E37_79B9));
    match k % 3 {
        2 => pair(seed ^ 0xFFFF, k).0,
        _ => {
            let (en, _) = pair(seed, rng.below(stored as usize) as u64);
            let mut w: Vec<String> = en.split(' ').map(String::from).collect();
            for _ in 0..1 + rng.below(2) {
                let i = rng.below(w.len());
                if rng.below(2) == 0 {
                    w[i] = word(&mut rng).0;
                } else if w.len() > 3 {
                    w.remove(i);
                }
            }
            w.join(" ")
        }
    }
}
