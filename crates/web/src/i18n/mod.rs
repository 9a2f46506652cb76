//! Translations with Project Fluent: one `.ftl` file per language and area under
//! `crates/web/locales/{en,fr}/`, compiled into the binary. Every string a person reads comes
//! from there; [`Lang::t`] looks one up.
//!
//! `en-XA` is a pseudo-locale: English with every letter swapped for an accented look-alike, so
//! a page rendered in it shows at a glance (and to a test) any text that did not go through a
//! translation.

mod context;
mod format;
mod messages;

pub use messages::capitalize;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

pub use context::{
    LANG_COOKIE, current, negotiate, remember_community, remember_nav, remember_viewer, tag_label,
};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No invisible isolation marks around values: they would land in HTML and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");

/// A language peerlearn speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
    /// English, visibly transformed (see the module docs).
    Pseudo,
}

impl Lang {
    /// The languages a member can choose (the pseudo-locale is for tests).
    pub const CHOICES: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language a community's setting names.
    pub fn of_community(language: peerlearn_domain::CommunityLanguage) -> Lang {
        match language {
            peerlearn_domain::CommunityLanguage::English => Lang::En,
            peerlearn_domain::CommunityLanguage::French => Lang::Fr,
        }
    }

    /// The BCP 47 tag, as used in `<html lang>`, cookies and the database.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Pseudo => "en-XA",
        }
    }

    /// The language of a tag such as `fr`, `fr-CA` or `en-GB`; `None` when we do not speak it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.eq_ignore_ascii_case("en-XA") {
            return Some(Lang::Pseudo);
        }
        let primary = tag.split(['-', '_']).next()?;
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else {
            None
        }
    }

    /// The first language of an `Accept-Language` header we speak, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::from_tag(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En | Lang::Pseudo => &EN,
        }
    }

    /// The text for `key`. A missing key is a bug (a test checks every key the code and
    /// templates use); it shows as the key and is logged.
    pub fn t(self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// The text for `key` with named values.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        self.lookup(key, Some(&map))
    }

    /// The text for `key` with `$count` set to `n` (for plurals: "1 meeting", "2 meetings").
    pub fn t_count(self, key: &str, n: i64) -> String {
        self.t_args(key, &[("count", FluentValue::from(n))])
    }

    fn lookup(
        self,
        key: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
    ) -> String {
        match LOCALES.try_lookup_complete(self.id(), key, args) {
            Some(text) => self.finish(text),
            None => {
                tracing::warn!(key, lang = self.tag(), "translation missing");
                key.to_string()
            }
        }
    }
}

impl Lang {
    /// A looked-up text as shown: transformed in the pseudo-locale.
    fn finish(self, text: String) -> String {
        if self == Lang::Pseudo {
            pseudo(&text)
        } else {
            text
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// English with each ASCII letter replaced by an accented look-alike.
fn pseudo(text: &str) -> String {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "áƀçđéƒĝĥíĵķĺɱñóƥʠŕšŧúʋŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŦÚṼŴẊÝŽ";
    text.chars()
        .map(|c| match FROM.find(c) {
            Some(i) => TO.chars().nth(i).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests;
