//! Messages passed as data: the domain's [`Invalid`] (a field, a message id and its values)
//! and the web layer's refusals, written in a language. Fields are named in words
//! (`field-…` keys: "Title", "First time"), never as the client spelled them.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::Loader;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{Arg, Invalid};

use super::{LOCALES, Lang};

impl Lang {
    /// The text for a message id with domain values, or `None` when the id is unknown.
    pub fn try_message(self, id: &str, args: &[(&'static str, Arg)]) -> Option<String> {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), self.value(value)))
            .collect();
        let text = LOCALES.try_lookup_complete(self.id(), id, Some(&map))?;
        Some(self.finish(text))
    }

    /// The text for a message id with domain values; a missing id shows as the id (and is
    /// logged), like [`Lang::t`].
    pub fn message(self, id: &str, args: &[(&'static str, Arg)]) -> String {
        self.try_message(id, args).unwrap_or_else(|| {
            tracing::warn!(key = id, lang = self.tag(), "translation missing");
            id.to_string()
        })
    }

    fn value(self, arg: &Arg) -> FluentValue<'static> {
        match arg {
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Date(d) => FluentValue::from(self.day_with_year(*d)),
        }
    }

    /// A field in words: `title` is "Title", `proposed_times[1]` "Second time",
    /// `windows[2].start` "Availability window 3". `None` for a field without a name.
    pub fn field_label(self, field: &str) -> Option<String> {
        let (name, index) = match field.split_once('[') {
            Some((name, rest)) => (name, rest.split(']').next()?.parse::<i64>().ok()),
            None => (field, None),
        };
        let key = crate::error::key("field", name);
        match index {
            Some(i) => self.try_message(&key, &[("n", Arg::Int(i + 1))]),
            None => self.try_message(&key, &[]),
        }
    }

    /// Why one field is invalid, without the field's name: "must not be empty".
    pub fn invalid(self, e: &Invalid) -> String {
        self.message(e.id, &e.args)
    }

    /// Why one field is invalid, as a sentence naming it: "Title: must not be empty."
    pub fn invalid_sentence(self, e: &Invalid) -> String {
        let message = self.invalid(e);
        let text = match self.field_label(&e.field) {
            Some(label) => self.t_args(
                "field-error",
                &[
                    ("field", FluentValue::from(label)),
                    ("message", FluentValue::from(message)),
                ],
            ),
            None => self.t_args(
                "field-error-unnamed",
                &[("message", FluentValue::from(message))],
            ),
        };
        capitalize(&text)
    }
}

/// The text with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
