use super::glossary::{Glossary, TermStatus};
use super::*;

fn glossary() -> Glossary {
    let mut g = Glossary::default();
    g.add_term("station", "en", "railway station", TermStatus::Preferred);
    g.add_term("station", "en", "train station", TermStatus::Admitted);
    g.add_term("station", "de", "Bahnhof", TermStatus::Preferred);
    g.add_term("station", "de", "Station", TermStatus::Forbidden);
    g.add_term("station", "ru", "вокзал", TermStatus::Preferred);
    g.add_term("station", "uz", "vokzal", TermStatus::Preferred);
    g.add_term("station", "uz", "bekat", TermStatus::Deprecated);
    g.add_term("road", "en", "road", TermStatus::Preferred);
    g.add_term("road", "ru", "дорога", TermStatus::Preferred);
    g.add_term("road", "ru", "шоссе", TermStatus::Admitted);
    g.add_term("east", "en", "east", TermStatus::Preferred);
    g.add_term("east", "de", "Osten", TermStatus::Preferred);
    g
}

fn run(pairs: &[(&str, &str, &str, &str)]) -> Vec<Finding> {
    let mut qa = Checker::with_options(
        glossary(),
        CheckOptions {
            discover_terms: false,
            ..Default::default()
        },
    );
    for (i, (sl, tl, s, t)) in pairs.iter().enumerate() {
        let mut p = PairInput::new(sl, tl, s, t);
        p.id = Some(i as i64 + 1);
        qa.check_pair(&p);
    }
    let texts: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p.2.to_string(), p.3.to_string()))
        .collect();
    qa.finish(|id| texts.get(id as usize - 1).cloned())
}

#[test]
fn inflected_renderings_pass() {
    let f = run(&[
        ("en", "ru", "The road was closed.", "Дорога была закрыта."),
        ("en", "ru", "Along the roads.", "Вдоль дорог."),
        ("en", "ru", "On the road.", "На дороге."),
        ("en", "de", "At the railway stations.", "An den Bahnhöfen."),
        ("en", "de", "The main train station.", "Der Hauptbahnhof."),
        ("en", "uz", "At the railway station.", "Vokzalda."),
        ("en", "uz", "From the railway stations.", "Vokzallardan."),
        ("en", "de", "Two stations.", "Zwei Bahnhöfe."),
        ("en", "de", "Islands of the station.", "Inseln am Bahnhof."),
    ]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn missing_rendering_is_reported_with_spans() {
    let f = run(&[("en", "ru", "The road was closed.", "Путь был закрыт.")]);
    assert_eq!(f.len(), 1);
    let x = &f[0];
    assert_eq!(x.rule, "term-missing");
    assert_eq!(x.term.as_deref(), Some("road"));
    assert_eq!(x.expected, vec!["дорога", "шоссе"]);
    let sp = x.source_span.unwrap();
    assert_eq!(&x.source[sp.start..sp.end], "road");
    assert_eq!(x.match_kind.as_deref(), Some("exact"));
}

#[test]
fn forbidden_and_deprecated_renderings_are_reported_once() {
    let f = run(&[
        ("en", "de", "The railway station.", "Die Station."),
        ("en", "uz", "The railway station.", "Bekatda."),
    ]);
    assert_eq!(f.len(), 2, "{f:#?}");
    let de = f.iter().find(|x| x.tgt_lang == "de").unwrap();
    assert_eq!(de.rule, "term-forbidden");
    assert_eq!(de.severity, Severity::Error);
    assert_eq!(de.found.as_deref(), Some("Station"));
    assert_eq!(de.expected, vec!["Bahnhof"]);
    let uz = f.iter().find(|x| x.tgt_lang == "uz").unwrap();
    assert_eq!(uz.severity, Severity::Warning);
    assert_eq!(uz.match_kind.as_deref(), Some("suffix"));
}

#[test]
fn forbidden_rendering_is_reported_only_where_it_renders_the_concept() {
    // The source lacks the concept: "Station" renders something else.
    let f = run(&[("en", "de", "It stopped there.", "Es hielt an der Station.")]);
    assert!(f.is_empty(), "{f:#?}");
    // Every occurrence is rendered properly: the forbidden word renders another word.
    let f = run(&[(
        "en",
        "de",
        "The railway station has a stop.",
        "Der Bahnhof hat eine Station.",
    )]);
    assert!(f.is_empty(), "{f:#?}");
    // A target-only entry (no source-language term) is a blacklist: reported anywhere.
    let mut g = glossary();
    g.add_term("slang", "de", "Zaster", TermStatus::Forbidden);
    let mut qa = Checker::new(g);
    qa.check_pair(&PairInput::new("en", "de", "Cash.", "Der Zaster."));
    let f = qa.finish(|_| None);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "term-forbidden");
}

#[test]
fn uzbek_final_apostrophe_letters_stay_in_the_word() {
    let mut g = Glossary::default();
    g.add_term("park", "en", "park", TermStatus::Preferred);
    g.add_term("park", "uz", "bog\u{2018}", TermStatus::Preferred);
    g.add_term("park", "uz", "xiyobon", TermStatus::Forbidden);
    let mut qa = Checker::new(g);
    qa.check_pair(&PairInput::new(
        "en",
        "uz",
        "The park.",
        "Milliy bog\u{02BB}.",
    ));
    qa.check_pair(&PairInput::new("en", "uz", "In parks.", "Bog'larda."));
    qa.check_pair(&PairInput::new("en", "uz", "A park.", "Xiyobonda."));
    let f = qa.finish(|_| None);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "term-forbidden");
}

#[test]
fn irregular_english_plurals_find_the_term() {
    let mut g = Glossary::default();
    g.add_term("c", "en", "child", TermStatus::Preferred);
    g.add_term("c", "ru", "ребёнок", TermStatus::Preferred);
    let mut qa = Checker::new(g);
    qa.check_pair(&PairInput::new("en", "ru", "The children.", "Взрослые."));
    assert_eq!(qa.finish(|_| None).len(), 1);
}

#[test]
fn east_is_not_found_in_easter() {
    let f = run(&[("en", "de", "Easter is near.", "Ostern ist nahe.")]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn longest_term_wins_and_spans_are_consumed() {
    let mut g = Glossary::default();
    g.add_term("a", "en", "station", TermStatus::Preferred);
    g.add_term("a", "de", "Haltestelle", TermStatus::Preferred);
    g.add_term("b", "en", "railway station", TermStatus::Preferred);
    g.add_term("b", "de", "Bahnhof", TermStatus::Preferred);
    let mut qa = Checker::new(g);
    qa.check_pair(&PairInput::new(
        "en",
        "de",
        "The railway station.",
        "Der Bahnhof.",
    ));
    assert!(qa.finish(|_| None).is_empty());
}

#[test]
fn same_source_different_targets_and_reverse() {
    let f = run(&[
        ("en", "de", "Good morning.", "Guten Morgen."),
        ("en", "de", "Good morning!", "Morgen!"),
        ("en", "de", "Hello.", "Hallo."),
        ("en", "de", "Hi.", "Hallo!"),
    ]);
    let src: Vec<_> = f
        .iter()
        .filter(|x| x.rule == "source-inconsistent")
        .collect();
    let tgt: Vec<_> = f
        .iter()
        .filter(|x| x.rule == "target-inconsistent")
        .collect();
    assert_eq!(src.len(), 2, "{f:#?}");
    assert_eq!(tgt.len(), 2, "{f:#?}");
    assert_eq!(src[0].variants.len(), 2);
    assert!(tgt.iter().all(|x| x.pair_id >= Some(3)));
}

#[test]
fn glossary_synonyms_used_in_turn_are_inconsistent() {
    let f = run(&[
        ("en", "ru", "The road.", "Дорога."),
        ("en", "ru", "A road.", "Дорогу."),
        ("en", "ru", "The road is wide.", "Шоссе широкое."),
    ]);
    let inc: Vec<_> = f.iter().filter(|x| x.rule == "term-inconsistent").collect();
    assert_eq!(inc.len(), 1, "{f:#?}");
    assert_eq!(inc[0].pair_id, Some(3));
    assert_eq!(inc[0].found.as_deref(), Some("шоссе"));
    assert_eq!(inc[0].variants[0].count, 2);
}

#[test]
fn ids_are_stable_and_distinct() {
    let a = run(&[("en", "ru", "The road was closed.", "Путь был закрыт.")]);
    let b = run(&[("en", "ru", "The road was closed.", "Путь был закрыт.")]);
    assert_eq!(a[0].id, b[0].id);
    let c = run(&[("en", "ru", "The road was open.", "Путь был открыт.")]);
    assert_ne!(a[0].id, c[0].id);
}

#[test]
fn names_spelled_two_ways_are_found_without_a_glossary() {
    let mut qa = Checker::new(Glossary::default());
    let pairs = [
        ("We went to Tashkent.", "Biz Toshkentga bordik."),
        ("Tashkent is big.", "Toshkent katta."),
        ("They love Tashkent.", "Ular Toshkentni sevadi."),
        ("Life in Tashkent.", "Tashkentda hayot."),
    ];
    for (s, t) in pairs {
        qa.check_pair(&PairInput::new("en", "uz", s, t));
    }
    let f = qa.finish(|_| None);
    let inc: Vec<_> = f.iter().filter(|x| x.rule == "term-inconsistent").collect();
    assert_eq!(inc.len(), 1, "{f:#?}");
    assert_eq!(inc[0].term.as_deref(), Some("Tashkent"));
    assert_eq!(inc[0].found.as_deref(), Some("Tashkentda"));
}

fn discovered(pairs: &[(&str, &str)], src: &str, tgt: &str) -> Vec<Finding> {
    let mut qa = Checker::new(Glossary::default());
    for (s, t) in pairs {
        qa.check_pair(&PairInput::new(src, tgt, s, t));
    }
    qa.finish(|_| None)
        .into_iter()
        .filter(|x| x.rule == "term-inconsistent")
        .collect()
}

#[test]
fn case_forms_of_one_rendering_are_consistent() {
    let pairs = [
        ("Uzbekistan is big.", "Узбекистан большой."),
        ("We went to Uzbekistan.", "Мы поехали в Узбекистан."),
        ("Life in Uzbekistan is good.", "Жизнь в Узбекистане хороша."),
        (
            "The economy of Uzbekistan grows.",
            "Экономика Узбекистана растёт.",
        ),
        ("The capital of Uzbekistan.", "Столица Узбекистана."),
    ];
    let f = discovered(&pairs, "en", "ru");
    assert!(f.is_empty(), "{f:#?}");
    // A real second spelling is still reported, against the most frequent form.
    let mut more = pairs.to_vec();
    // (A lone capitalised word opening a sentence is not taken for a name.)
    more.push(("The people of Uzbekistan.", "Народ Узбекистон."));
    let f = discovered(&more, "en", "ru");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].found.as_deref(), Some("Узбекистон"));
    assert_eq!(f[0].expected, vec!["Узбекистана".to_string()]);
}

#[test]
fn a_rendering_goes_to_the_expression_it_belongs_to() {
    // "China" co-occurs with forms of «Узбекистан» in every pair, more often
    // than with any rendering of its own (Китая, КНР, Пекин, Поднебесной);
    // neither spelling nor co-occurrence make «Узбекистан» its rendering (it
    // belongs to "Uzbekistan"), so nothing is reported for China, and the two
    // case forms of «Узбекистан» are not a variant for Uzbekistan either.
    let pairs = [
        (
            "Trade between Uzbekistan and China grew.",
            "Торговля Узбекистана и Китая выросла.",
        ),
        (
            "Exports of Uzbekistan to China rose.",
            "Экспорт Узбекистана в КНР вырос.",
        ),
        (
            "The President of Uzbekistan visited China.",
            "Президент Узбекистана посетил Пекин.",
        ),
        (
            "Investment from China into Uzbekistan.",
            "Инвестиции КНР в экономику Узбекистана.",
        ),
        (
            "Cooperation in Uzbekistan with China.",
            "Сотрудничество в Узбекистане с Поднебесной.",
        ),
    ];
    let f = discovered(&pairs, "en", "ru");
    assert!(
        f.iter().all(|x| x.term.as_deref() != Some("China")),
        "{f:#?}"
    );
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn recurring_lower_case_expressions_are_followed() {
    // German: one spelling deviates from the dominant compound.
    let de = [
        (
            "Drip irrigation saves water.",
            "Tröpfchenbewässerung spart Wasser.",
        ),
        (
            "Farmers like drip irrigation.",
            "Bauern mögen die Tröpfchenbewässerung.",
        ),
        (
            "The cost of drip irrigation fell.",
            "Die Kosten der Tröpfchenbewässerung sanken.",
        ),
        (
            "We studied drip irrigation there.",
            "Wir untersuchten dort die Tröpfchenbewässerung.",
        ),
        (
            "Banks fund drip irrigation now.",
            "Banken finanzieren jetzt Tropfenbewässerung.",
        ),
    ];
    let f = discovered(&de, "en", "de");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].term.as_deref(), Some("drip irrigation"));
    assert_eq!(f[0].found.as_deref(), Some("Tropfenbewässerung"));
    assert_eq!(f[0].expected, vec!["Tröpfchenbewässerung".to_string()]);
    assert_eq!(f[0].variants[0].count, 4);
    // Russian: a word of the rendering changed in two pairs, inflected forms grouped.
    let ru = [
        ("Digital services grow.", "Цифровые услуги растут."),
        (
            "We use digital services.",
            "Мы пользуемся цифровыми услугами.",
        ),
        ("The law on digital services.", "Закон о цифровых услугах."),
        ("Digital services are cheap.", "Цифровые услуги дешевы."),
        ("Taxes on digital services.", "Налоги на цифровые услуги."),
        (
            "Banks offer digital services.",
            "Банки предлагают цифровые сервисы.",
        ),
        (
            "Digital services for farmers.",
            "Цифровые сервисы для фермеров.",
        ),
    ];
    let f = discovered(&ru, "en", "ru");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f.iter()
            .all(|x| x.term.as_deref() == Some("digital services"))
    );
    assert!(
        f.iter()
            .all(|x| x.found.as_deref().map(str::to_lowercase).as_deref()
                == Some("цифровые сервисы"))
    );
    assert_eq!(f[0].variants.len(), 2);
    assert_eq!(f[0].variants[0].count, 5);
    // Spans found whatever the case of the sentence's first word.
    for x in &f {
        let (Some(s), Some(t)) = (x.source_span, x.target_span) else {
            panic!("no spans: {x:#?}");
        };
        assert_eq!(x.source[s.start..s.end].to_lowercase(), "digital services");
        assert_eq!(x.target[t.start..t.end].to_lowercase(), "цифровые сервисы");
    }
}

#[test]
fn recurring_expressions_report_nothing_without_a_clear_deviation() {
    // One pair renders a word of the expression elsewhere in the sentence and
    // the other word apart: no deviation (every word of the rendering is there).
    let uz = [
        ("State bodies met.", "Davlat organlari yig'ildi."),
        (
            "Experts and state bodies spoke.",
            "Ekspertlar va davlat organlari gapirdi.",
        ),
        ("The state bodies agreed.", "Davlat organlari rozi bo'ldi."),
        (
            "Various state bodies came.",
            "Davlatning turli organlari keldi.",
        ),
    ];
    assert!(discovered(&uz, "en", "uz").is_empty());
    // A single pair changing one word is not enough (a coincidence is likely).
    let ru = [
        ("Digital services grow.", "Цифровые услуги растут."),
        (
            "We use digital services.",
            "Мы пользуемся цифровыми услугами.",
        ),
        ("The law on digital services.", "Закон о цифровых услугах."),
        (
            "Banks offer digital services.",
            "Банки предлагают цифровые сервисы.",
        ),
    ];
    assert!(discovered(&ru, "en", "ru").is_empty());
    // Other source words that stem alike (`digitalization` / `digital`) are
    // other source words, rightly rendered otherwise.
    let ru = [
        ("Digital services grow.", "Цифровые услуги растут."),
        (
            "We use digital services.",
            "Мы пользуемся цифровыми услугами.",
        ),
        ("The law on digital services.", "Закон о цифровых услугах."),
        ("Digital services are cheap.", "Цифровые услуги дешевы."),
        (
            "Banks offer digitalization services.",
            "Банки предлагают цифровизационные услуги.",
        ),
        (
            "Digitalization services for farmers.",
            "Цифровизационные услуги для фермеров.",
        ),
    ];
    assert!(discovered(&ru, "en", "ru").is_empty());
    // Renderings confounded with the article's other words are not attributed.
    let ru = [
        ("Khorezm drip irrigation grows.", "В Хорезме растёт полив."),
        (
            "Khorezm uses drip irrigation.",
            "В Хорезме используют полив.",
        ),
        (
            "Khorezm likes drip irrigation.",
            "В Хорезме любят орошение.",
        ),
    ];
    assert!(discovered(&ru, "en", "ru").is_empty());
}

#[test]
fn without_a_stop_list_frequent_target_words_are_not_renderings() {
    // Icelandic has no stop list here: `er` and `ekki` in every pair would
    // otherwise compete with the rendering.
    let pairs = [
        (
            "The social educator is not here.",
            "Þroskaþjálfinn er ekki hér.",
        ),
        (
            "A social educator is not a doctor.",
            "Þroskaþjálfi er ekki læknir.",
        ),
        (
            "Our social educator is not tired.",
            "Þroskaþjálfinn okkar er ekki þreyttur.",
        ),
        (
            "The social educator is not late.",
            "Þroskaþjálfinn er ekki seinn.",
        ),
        (
            "That social educator is not busy.",
            "Sá þroskaþjálfi er ekki upptekinn.",
        ),
        (
            "This social educator is not new.",
            "Þessi þroskaþjalfi er ekki nýr.",
        ),
    ];
    let f = discovered(&pairs, "en", "is");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].term.as_deref(), Some("social educator"));
    assert_eq!(f[0].found.as_deref(), Some("þroskaþjalfi"));
}
