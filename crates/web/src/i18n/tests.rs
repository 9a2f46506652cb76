//! Every language has every key; every key the code and templates use exists; dates and
//! numbers come out as each language writes them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The message ids of each `.ftl` file of a language, by file name.
fn keys(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("locales directory") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("ftl file");
        let ids = text
            .lines()
            .filter_map(|line| {
                let (id, _) = line.split_once('=')?;
                let id = id.trim_end();
                let simple = id.chars().next()?.is_ascii_alphabetic()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                (simple && !line.starts_with(' ')).then(|| id.to_string())
            })
            .collect();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.insert(name, ids);
    }
    files
}

#[test]
fn french_and_english_have_the_same_files_and_keys() {
    let en = keys("en");
    let fr = keys("fr");
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        fr.keys().collect::<Vec<_>>(),
        "each area has one file per language"
    );
    for (file, en_keys) in &en {
        let fr_keys = &fr[file];
        let missing_fr: Vec<_> = en_keys.difference(fr_keys).collect();
        let missing_en: Vec<_> = fr_keys.difference(en_keys).collect();
        assert!(
            missing_fr.is_empty(),
            "{file}: missing in French: {missing_fr:?}"
        );
        assert!(
            missing_en.is_empty(),
            "{file}: missing in English: {missing_en:?}"
        );
    }
}

/// The variables (`$name`) each message of a language uses, by message id.
fn variables(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("locales directory") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl file");
        let mut current = None;
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            if !line.starts_with(' ')
                && let Some((id, _)) = line.split_once('=')
            {
                current = Some(id.trim().to_string());
            }
            let Some(id) = &current else { continue };
            let vars = out.entry(id.clone()).or_default();
            for (at, _) in line.match_indices('$') {
                let name: String = line[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_key_resolves_in_every_language() {
    // Every variable any message uses, so that messages with variables format too.
    let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
    for name in variables("en").into_values().flatten() {
        args.insert(Cow::Owned(name), FluentValue::from(2));
    }
    for (_, ids) in keys("en") {
        for id in ids {
            for lang in [Lang::En, Lang::Fr] {
                assert!(
                    LOCALES
                        .try_lookup_complete(lang.id(), &id, Some(&args))
                        .is_some(),
                    "{id} does not format in {}",
                    lang.tag()
                );
            }
        }
    }
}

#[test]
fn both_languages_use_the_same_variables() {
    // The code passes the same values whatever the language: a variable only one language
    // uses would show the key instead of the text in the other.
    let en = variables("en");
    let fr = variables("fr");
    for (id, vars) in &en {
        assert_eq!(
            Some(vars),
            fr.get(id),
            "{id}: English and French use other variables"
        );
    }
}

/// Every literal key passed to `t`, `t1`, `tn`, `t_args` or `t_count` in the templates and
/// the Rust code.
fn used_keys() -> BTreeSet<(String, String)> {
    let mut used = BTreeSet::new();
    let mut stack = vec![
        Path::new(ROOT).join("templates"),
        Path::new(ROOT).join("src"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for call in [".t(", ".t1(", ".tn(", ".t_args(", ".t_count("] {
                for (at, _) in text.match_indices(call) {
                    // The key may start on the next line, where rustfmt puts long calls' arguments.
                    let Some(rest) = text[at + call.len()..].trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    let a_key = key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if !key.is_empty() && a_key {
                        used.insert((key.to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
    used
}

#[test]
fn every_key_the_code_uses_exists() {
    let known: BTreeSet<String> = keys("en").into_values().flatten().collect();
    let missing: Vec<_> = used_keys()
        .into_iter()
        .filter(|(key, _)| !known.contains(key))
        .collect();
    assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
}

#[test]
fn accept_language_picks_the_best_language_we_speak() {
    assert_eq!(
        Lang::from_accept_language("fr-CA,fr;q=0.9,en;q=0.8"),
        Some(Lang::Fr)
    );
    assert_eq!(
        Lang::from_accept_language("de-DE,en;q=0.5,fr;q=0.7"),
        Some(Lang::Fr)
    );
    assert_eq!(Lang::from_accept_language("de, es"), None);
    assert_eq!(Lang::from_accept_language("fr;q=0, en"), Some(Lang::En));
    assert_eq!(Lang::from_accept_language(""), None);
    assert_eq!(Lang::from_tag("FR_be"), Some(Lang::Fr));
}

#[test]
fn dates_and_numbers_are_written_as_each_language_writes_them() {
    let at = Utc.with_ymd_and_hms(2026, 12, 8, 9, 5, 0).unwrap();
    assert_eq!(Lang::En.when(&at), "Tue 8 Dec, 09:05");
    assert_eq!(Lang::Fr.when(&at), "mar. 8 déc., 09:05");
    let day = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    assert_eq!(Lang::Fr.day_with_year(day), "lun. 1 févr. 2027");
    assert_eq!(Lang::En.number(10_000), "10,000");
    assert_eq!(Lang::Fr.number(1_234_567), "1\u{202f}234\u{202f}567");
    assert_eq!(Lang::En.number(-999), "-999");
}

#[test]
fn the_pseudo_locale_leaves_no_plain_letter() {
    let text = Lang::Pseudo.t("notice-welcome");
    assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
    assert_eq!(Lang::Pseudo.number(1234), "1,234");
}

#[test]
fn a_missing_key_shows_the_key() {
    let key = ["no", "such", "key"].join("-");
    assert_eq!(Lang::Fr.t(&key), key);
}
