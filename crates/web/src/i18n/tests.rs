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

/// Every Rust source of the workspace, with its path.
fn workspace_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(ROOT).join("..")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if name.ends_with(".rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push((path.display().to_string(), text));
            }
        }
    }
    out
}

/// The string literal right after `prefix` (spaces and newlines skipped), if there is one.
fn literals_after(text: &str, prefix: &str) -> Vec<String> {
    text.match_indices(prefix)
        .filter_map(|(at, _)| {
            let rest = text[at + prefix.len()..].trim_start().strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_ ".contains(c))
}

/// Keys that are missing in English or in French.
fn missing_in_a_language(wanted: &BTreeSet<(String, String)>) -> Vec<String> {
    let en: BTreeSet<String> = keys("en").into_values().flatten().collect();
    let fr: BTreeSet<String> = keys("fr").into_values().flatten().collect();
    wanted
        .iter()
        .filter(|(key, _)| !en.contains(key) || !fr.contains(key))
        .map(|(key, file)| format!("{key} (from {file})"))
        .collect()
}

#[test]
fn every_message_id_passed_as_data_exists_in_both_languages() {
    let mut wanted = BTreeSet::new();
    for (file, text) in workspace_sources() {
        for prefix in ["\"invalid-", "\"forbidden-"] {
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + 1..];
                let id = &rest[..rest.find('"').unwrap_or(0)];
                if is_word(id) && !id.ends_with('-') {
                    wanted.insert((id.to_string(), file.clone()));
                }
            }
        }
    }
    assert!(wanted.len() > 50, "the scan found the ids: {wanted:?}");
    let missing = missing_in_a_language(&wanted);
    assert!(
        missing.is_empty(),
        "message ids without a text: {missing:?}"
    );
}

#[test]
fn every_conflict_code_in_the_workspace_has_a_message() {
    let mut codes = BTreeSet::new();
    for (file, text) in workspace_sources() {
        for prefix in ["conflict(", "conflict_about("] {
            for code in literals_after(&text, prefix) {
                codes.insert((code, file.clone()));
            }
        }
        // `Conflict { code: "…", … }`, built or matched.
        for (at, _) in text.match_indices("code: \"") {
            let before = &text[at.saturating_sub(80)..at];
            if before.contains("Conflict") && !before.contains("BadRequest") {
                let rest = &text[at + 7..];
                codes.insert((
                    rest[..rest.find('"').unwrap_or(0)].to_string(),
                    file.clone(),
                ));
            }
        }
    }
    for closed in [
        peerlearn_domain::CheckInClosed::TooEarly,
        peerlearn_domain::CheckInClosed::Over,
    ] {
        codes.insert((closed.code().to_string(), "CheckInClosed".into()));
    }
    let wanted: BTreeSet<(String, String)> = codes
        .into_iter()
        .filter(|(code, _)| is_word(code))
        .map(|(code, file)| (crate::error::key("conflict", &code), file))
        .collect();
    for code in [
        "email_taken",
        "person_busy",
        "already_decided",
        "meeting_full",
    ] {
        assert!(
            wanted
                .iter()
                .any(|(k, _)| *k == crate::error::key("conflict", code)),
            "the scan finds {code}"
        );
    }
    let missing = missing_in_a_language(&wanted);
    assert!(
        missing.is_empty(),
        "conflict codes without a text: {missing:?}"
    );
}

#[test]
fn everything_that_can_be_not_found_has_a_message() {
    let mut things = BTreeSet::new();
    for (file, text) in workspace_sources() {
        for prefix in ["NotFound(", "hidden_as("] {
            for what in literals_after(&text, prefix) {
                things.insert((what, file.clone()));
            }
        }
        for (at, _) in text.match_indices("path_id(") {
            let call = &text[at..];
            let call = &call[..call.find(')').unwrap_or(0)];
            if let Some(what) = literals_after(call, ",").into_iter().next() {
                things.insert((what, file.clone()));
            }
        }
    }
    for kind in peerlearn_domain::SubjectKind::ALL {
        things.insert((kind.label().to_string(), "SubjectKind".into()));
    }
    let wanted: BTreeSet<(String, String)> = things
        .into_iter()
        .filter(|(what, _)| is_word(what))
        .map(|(what, file)| (crate::error::key("not-found", &what), file))
        .collect();
    assert!(wanted.iter().any(|(k, _)| k == "not-found-topic"));
    let missing = missing_in_a_language(&wanted);
    assert!(missing.is_empty(), "404s without a text: {missing:?}");
}

#[test]
fn every_bad_request_code_has_a_message() {
    let mut codes = BTreeSet::new();
    for (file, text) in workspace_sources() {
        for (at, _) in text.match_indices("code: \"") {
            if text[at.saturating_sub(80)..at].contains("BadRequest") {
                let rest = &text[at + 7..];
                codes.insert((
                    rest[..rest.find('"').unwrap_or(0)].to_string(),
                    file.clone(),
                ));
            }
        }
    }
    for body in [&b"{not json"[..], br#"{"a": 1}"#] {
        let code = crate::api::json::parse::<Vec<u8>>(body).unwrap_err().code();
        codes.insert((code.to_string(), "api::json".into()));
    }
    let wanted: BTreeSet<(String, String)> = codes
        .into_iter()
        .map(|(code, file)| (crate::error::key("bad-request", &code), file))
        .collect();
    let missing = missing_in_a_language(&wanted);
    assert!(missing.is_empty(), "400s without a text: {missing:?}");
}

#[test]
fn errors_speak_the_persons_language_and_keep_their_code() {
    use crate::error::AppError;
    use peerlearn_domain::{Invalid, InvalidInput};

    let mut input = InvalidInput::default();
    input.push("title", "invalid-empty");
    input.add(
        Invalid::new("proposed_times[0]", "invalid-too-long")
            .arg("max", 140_u32)
            .arg("count", 150_u32),
    );
    let e = AppError::Invalid(input);
    let en = e.problem_in(Lang::En);
    let fr = e.problem_in(Lang::Fr);
    assert_eq!(
        (en.code.as_str(), fr.code.as_str()),
        ("invalid_input", "invalid_input")
    );
    assert_eq!(en.errors[1].field, fr.errors[1].field);
    assert_eq!(en.errors[0].message, "must not be empty");
    assert_eq!(fr.errors[0].message, "ne doit pas être vide");
    assert_eq!(
        en.detail,
        "Title: must not be empty. First time: must be at most 140 characters (it has 150)."
    );
    assert_eq!(
        fr.detail,
        "Titre : ne doit pas être vide. Premier horaire : doit faire au plus 140 caractères (actuellement 150)."
    );
    assert_eq!(
        (en.title.as_str(), fr.title.as_str()),
        (
            "Some fields need a change",
            "Certains champs sont à corriger"
        )
    );

    let taken = AppError::from(peerlearn_store::StoreError::conflict(
        "email_taken",
        "an account with this email already exists",
    ));
    assert_eq!(
        taken.detail_in(Lang::Fr),
        "Un compte existe déjà avec cet e-mail ; connectez-vous plutôt."
    );
    const UNKNOWN: &str = "no_such_code_anywhere";
    let unknown = AppError::conflict(UNKNOWN, "the English text");
    assert_eq!(unknown.detail_in(Lang::Fr), "the English text");
    assert_eq!(
        AppError::Internal("db down".into()).detail_in(Lang::En),
        "Something went wrong on our side; it has been logged."
    );
    assert_eq!(
        AppError::NotFound("topic").title_in(Lang::Fr),
        "Introuvable"
    );
}

#[test]
fn field_messages_never_name_a_field_as_the_code_spells_it() {
    use peerlearn_domain::{CommunityCalendar, DayHours, EventDates, TimeRange, Timezone};

    let calendar = CommunityCalendar {
        timezone: Timezone::parse("Europe/Lisbon").unwrap(),
        hours: DayHours::parse("09:00", "18:00").unwrap(),
        dates: Some(EventDates::parse("2026-05-12", "2026-05-13").unwrap()),
    };
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&Utc)
    };
    let early = TimeRange::new(at("2026-05-12T06:00:00Z"), at("2026-05-12T07:00:00Z")).unwrap();
    let outside = calendar
        .check_within_hours("proposed_times[0]", &early)
        .unwrap_err();
    let hours = DayHours::parse("18:00", "09:00").unwrap_err();
    for lang in [Lang::En, Lang::Fr] {
        for e in [&outside, &hours] {
            let text = lang.invalid_sentence(e);
            for internal in [
                "proposed_times",
                "day_start",
                "day_end",
                "[0]",
                "seats_taken",
            ] {
                assert!(!text.contains(internal), "{text}");
            }
        }
    }
    assert_eq!(
        Lang::En.invalid_sentence(&outside),
        "First time: must lie within the community's hours, 09:00–18:00 (Europe/Lisbon) on Tue 12 May 2026."
    );
    assert_eq!(
        Lang::En.invalid_sentence(&hours),
        "End of the day: must be later than the start of the day."
    );
}
