//! The one error of this layer: a piece of input that does not make a valid value.
//!
//! The domain speaks no language: an error names the field (as the client spelled it), a
//! message id and the values the message needs, as plain data. The web layer turns the id
//! into a sentence in the person's language (`crates/web/locales/*/errors.ftl`).

use std::fmt;

use chrono::NaiveDate;

/// A value a message needs: a number, a piece of text (a name, what the person typed, or a
/// word the message selects on, such as `you`), or a day (written as the language writes
/// days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Int(i64),
    Text(String),
    Date(NaiveDate),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Int(i64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Arg::Date(d)
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Int(n) => write!(f, "{n}"),
            Arg::Text(s) => f.write_str(s),
            Arg::Date(d) => write!(f, "{d}"),
        }
    }
}

/// Why one field is invalid: the field's name (as the client spelled it), the id of the
/// message a person reads (`invalid-…`) and its named values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: String,
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Invalid {
    /// `Invalid::new("title", "invalid-too-long").arg("max", 140)`.
    pub fn new(field: impl Into<String>, id: &'static str) -> Self {
        Self {
            field: field.into(),
            id,
            args: Vec::new(),
        }
    }

    /// Adds a named value for the message.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The same reason for another field.
    pub fn for_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// The value named `name`, if the message has one.
    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// For logs and tools: `field: message-id (name=value, …)`. People read the translated text.
impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.id)?;
        if !self.args.is_empty() {
            let args: Vec<String> = self.args.iter().map(|(n, v)| format!("{n}={v}")).collect();
            write!(f, " ({})", args.join(", "))?;
        }
        Ok(())
    }
}

/// All the invalid fields of one input, so a form can show every problem at once.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
pub struct InvalidInput {
    pub errors: Vec<Invalid>,
}

impl InvalidInput {
    pub fn one(field: impl Into<String>, id: &'static str) -> Self {
        Invalid::new(field, id).into()
    }

    /// Records the error of `result` (if any) and returns its value.
    pub fn check<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    /// Records a reason without values.
    pub fn push(&mut self, field: impl Into<String>, id: &'static str) {
        self.errors.push(Invalid::new(field, id));
    }

    /// Records a reason built with [`Invalid::arg`].
    pub fn add(&mut self, invalid: Invalid) {
        self.errors.push(invalid);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), InvalidInput> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// The first reason `field` is invalid, if it is.
    pub fn reason_for(&self, field: &str) -> Option<&Invalid> {
        self.errors.iter().find(|e| e.field == field)
    }
}

impl From<Invalid> for InvalidInput {
    fn from(e: Invalid) -> Self {
        Self { errors: vec![e] }
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_data_a_translation_can_use() {
        let e = Invalid::new("title", "invalid-too-long")
            .arg("max", 140_u32)
            .arg("count", 150_usize);
        assert_eq!(e.get("max"), Some(&Arg::Int(140)));
        assert_eq!(
            e.to_string(),
            "title: invalid-too-long (max=140, count=150)"
        );
        let mut all = InvalidInput::default();
        all.add(e);
        all.push("tags", "invalid-empty");
        assert_eq!(all.reason_for("tags").map(|e| e.id), Some("invalid-empty"));
        assert!(all.reason_for("bio").is_none());
    }
}
