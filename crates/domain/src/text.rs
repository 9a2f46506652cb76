//! Validated text: emails, passwords, names and other bounded strings.

use crate::error::Invalid;

/// Trimmed text with a character count between `min` and `max`, without control characters
/// (newlines are allowed only where `multiline`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundedText(String);

impl BoundedText {
    pub fn parse(
        field: &str,
        raw: &str,
        min: usize,
        max: usize,
        multiline: bool,
    ) -> Result<Self, Invalid> {
        let text = raw.trim();
        let count = text.chars().count();
        if count < min {
            return Err(if min == 1 {
                Invalid::new(field, "invalid-empty")
            } else {
                Invalid::new(field, "invalid-too-short").arg("min", min)
            });
        }
        if count > max {
            return Err(Invalid::new(field, "invalid-too-long")
                .arg("max", max)
                .arg("count", count));
        }
        let bad = text
            .chars()
            .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
        if bad {
            return Err(Invalid::new(field, "invalid-control-characters"));
        }
        let direction =
            |c: &char| is_direction_override(*c) || (!multiline && is_direction_mark(*c));
        if let Some(c) = text.chars().find(direction) {
            return Err(Invalid::new(field, "invalid-direction-characters")
                .arg("character", format!("U+{:04X}", u32::from(c))));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
/// reorder the text after them, so `admin\u{202E}gnp.exe` reads as `adminexe.png`.
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Invisible direction marks (LRM, RLM, ALM): refused in names and titles, where nothing
/// needs them and they hide differences between two names that look alike.
pub fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A normalised email address (trimmed, lower-cased), the key of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim().to_lowercase();
        let invalid = || Invalid::new("email", "invalid-email");
        if email.is_empty() {
            return Err(Invalid::new("email", "invalid-empty"));
        }
        let count = email.chars().count();
        if count > 254 {
            return Err(Invalid::new("email", "invalid-too-long")
                .arg("max", 254_u32)
                .arg("count", count));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let domain_ok = !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 8 to 128 characters. Never stored; only its argon2id hash is.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let count = raw.chars().count();
        if count < Self::MIN {
            return Err(Invalid::new("password", "invalid-too-short").arg("min", Self::MIN));
        }
        if count > Self::MAX {
            return Err(Invalid::new("password", "invalid-too-long")
                .arg("max", Self::MAX)
                .arg("count", count));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// How a person is called across the product: 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(BoundedText);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        BoundedText::parse("display_name", raw, 1, 80, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        for bad in [
            "",
            "ana",
            "@example.org",
            "ana@",
            "ana@@x.org",
            "a b@x.org",
            "ana@.org",
            "ana@x..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(Email::parse(&format!("{}@x.org", "a".repeat(260))).is_err());
    }

    #[test]
    fn passwords_have_bounds_and_hide_in_debug() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        let p = Password::parse("correct horse").unwrap();
        assert_eq!(format!("{p:?}"), "Password(..)");
    }

    #[test]
    fn bounded_text_trims_counts_characters_and_rejects_controls() {
        let t = BoundedText::parse("name", "  Zoë  ", 1, 3, false).unwrap();
        assert_eq!(t.as_str(), "Zoë");
        assert!(BoundedText::parse("name", "   ", 1, 10, false).is_err());
        assert!(BoundedText::parse("name", "abcd", 1, 3, false).is_err());
        assert!(BoundedText::parse("name", "a\u{0}b", 1, 10, false).is_err());
        assert!(BoundedText::parse("bio", "a\nb", 0, 10, true).is_ok());
        assert!(BoundedText::parse("name", "a\nb", 0, 10, false).is_err());
        let err = BoundedText::parse("headline", "abcd", 0, 3, false).unwrap_err();
        assert_eq!(err.field, "headline");
    }

    #[test]
    fn names_refuse_direction_overrides_isolates_and_marks() {
        for bad in [
            "admin\u{202E}gnp.exe",
            "a\u{202A}b",
            "a\u{202D}b",
            "a\u{2066}b\u{2069}",
            "a\u{2068}b",
            "a\u{200E}b",
            "a\u{200F}b",
            "a\u{061C}b",
        ] {
            let err = DisplayName::parse(bad).expect_err(bad);
            assert_eq!(err.field, "display_name");
            assert_eq!(err.id, "invalid-direction-characters");
        }
        assert_eq!(
            DisplayName::parse("ليلى Zoë 李").unwrap().as_str(),
            "ليلى Zoë 李",
            "right-to-left scripts themselves are welcome"
        );
        assert!(BoundedText::parse("bio", "a\u{200F}b", 0, 10, true).is_ok());
        assert!(BoundedText::parse("bio", "a\u{202E}b", 0, 10, true).is_err());
    }
}
