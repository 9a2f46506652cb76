//! What a member says about themselves: tags, languages, profile text, capacities.

use crate::error::Invalid;
use crate::text::BoundedText;

/// A tag: 1 to 40 characters of letters, digits, spaces and `+ # . - / &`. Tags are matched
/// by their key (lower case, single spaces): "  Machine   Learning " and "machine learning"
/// are the same tag. The label keeps the case it was typed in ("Autodesk AutoCAD", "R"), for
/// showing it.
#[derive(Debug, Clone)]
pub struct Tag {
    key: String,
    label: String,
}

impl Tag {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(field: &str, raw: &str) -> Result<Self, Invalid> {
        let label = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let normalised = label.to_lowercase();
        if normalised.is_empty() {
            return Err(Invalid::new(field, "invalid-empty"));
        }
        let count = normalised.chars().count();
        if count > Self::MAX_CHARS {
            return Err(Invalid::new(field, "invalid-tag-too-long")
                .arg("tag", label.chars().take(20).collect::<String>())
                .arg("max", Self::MAX_CHARS));
        }
        if let Some(c) = normalised
            .chars()
            .find(|c| !(c.is_alphanumeric() || " +#.-/&'".contains(*c)))
        {
            return Err(Invalid::new(field, "invalid-tag-character")
                .arg("tag", label)
                .arg("character", c));
        }
        Ok(Self {
            key: normalised,
            label,
        })
    }

    /// The key tags are matched and stored by.
    pub fn as_str(&self) -> &str {
        &self.key
    }

    /// The tag as it was typed.
    pub fn label(&self) -> &str {
        &self.label
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Tag {}

impl std::hash::Hash for Tag {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl PartialOrd for Tag {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Tag {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

/// A set of tags in the order given, without duplicates, at most [`TagList::MAX`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagList(Vec<Tag>);

impl TagList {
    pub const MAX: usize = 30;

    pub fn parse<'a>(field: &str, raw: impl IntoIterator<Item = &'a str>) -> Result<Self, Invalid> {
        let mut tags: Vec<Tag> = Vec::new();
        for item in raw {
            if item.trim().is_empty() {
                continue;
            }
            let tag = Tag::parse(field, item)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > Self::MAX {
            return Err(Invalid::new(field, "invalid-too-many-tags")
                .arg("max", Self::MAX)
                .arg("count", tags.len()));
        }
        Ok(Self(tags))
    }

    /// Tags typed into one text box, separated by commas.
    pub fn parse_comma_separated(field: &str, raw: &str) -> Result<Self, Invalid> {
        Self::parse(field, raw.split(','))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Tag> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A language a member speaks, as they write it ("English", "pt-BR"): 1 to 30 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language(String);

impl Language {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Up to ten languages, without duplicates (case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Languages(Vec<Language>);

impl Languages {
    pub const MAX: usize = 10;

    pub fn parse<'a>(raw: impl IntoIterator<Item = &'a str>) -> Result<Self, Invalid> {
        let mut out: Vec<Language> = Vec::new();
        for item in raw {
            if item.trim().is_empty() {
                continue;
            }
            let text = BoundedText::parse("languages", item, 1, 30, false)?;
            if !out.iter().any(|l| l.0.eq_ignore_ascii_case(text.as_str())) {
                out.push(Language(text.into_string()));
            }
        }
        if out.len() > Self::MAX {
            return Err(
                Invalid::new("languages", "invalid-too-many-languages").arg("max", Self::MAX)
            );
        }
        Ok(Self(out))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Language> {
        self.0.iter()
    }
}

/// The free-text part of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileText {
    pub headline: BoundedText,
    pub bio: BoundedText,
    pub team: BoundedText,
}

impl ProfileText {
    pub fn parse(headline: &str, bio: &str, team: &str) -> Result<Self, Invalid> {
        Ok(Self {
            headline: BoundedText::parse("headline", headline, 0, 120, false)?,
            bio: BoundedText::parse("bio", bio, 0, 2000, true)?,
            team: BoundedText::parse("team", team, 0, 80, false)?,
        })
    }
}

/// How many people a spot or group holds: 1 to 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Capacity(u32);

impl Capacity {
    pub const MAX: i64 = 500;

    pub fn parse(field: &str, raw: i64) -> Result<Self, Invalid> {
        if !(1..=Self::MAX).contains(&raw) {
            return Err(Invalid::new(field, "invalid-between")
                .arg("min", 1_i64)
                .arg("max", Self::MAX));
        }
        Ok(Self(raw as u32))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            Tag::parse("t", "  Machine   Learning ").unwrap().as_str(),
            "machine learning"
        );
        assert_eq!(Tag::parse("t", "C++").unwrap().as_str(), "c++");
        assert!(Tag::parse("t", "   ").is_err());
        assert!(Tag::parse("t", "<script>").is_err());
        assert!(Tag::parse("t", &"x".repeat(41)).is_err());
    }

    #[test]
    fn tags_keep_the_case_they_were_typed_in_and_match_without_it() {
        let typed = Tag::parse("t", " Autodesk   AutoCAD").unwrap();
        assert_eq!(typed.label(), "Autodesk AutoCAD");
        assert_eq!(typed.as_str(), "autodesk autocad");
        assert_eq!(typed, Tag::parse("t", "autodesk autocad").unwrap());
        let list = TagList::parse("t", ["R", "r", "Rust"]).unwrap();
        let labels: Vec<&str> = list.iter().map(Tag::label).collect();
        assert_eq!(labels, ["R", "Rust"]);
    }

    #[test]
    fn tag_lists_dedupe_and_cap() {
        let l = TagList::parse_comma_separated("offers", "Rust, rust ,  , SQL").unwrap();
        assert_eq!(
            l.iter().map(Tag::as_str).collect::<Vec<_>>(),
            ["rust", "sql"]
        );
        let many: Vec<String> = (0..31).map(|i| format!("t{i}")).collect();
        assert!(TagList::parse("offers", many.iter().map(String::as_str)).is_err());
    }

    #[test]
    fn languages_dedupe_case_insensitively() {
        let l = Languages::parse(["English", "english", "Português"]).unwrap();
        assert_eq!(l.iter().count(), 2);
    }

    #[test]
    fn capacity_bounds() {
        assert!(Capacity::parse("capacity", 0).is_err());
        assert!(Capacity::parse("capacity", 501).is_err());
        assert_eq!(Capacity::parse("capacity", 4).unwrap().get(), 4);
    }

    proptest! {
        #[test]
        fn parsing_a_tag_is_idempotent(raw in "\\PC{0,60}") {
            if let Ok(tag) = Tag::parse("t", &raw) {
                let again = Tag::parse("t", tag.as_str()).unwrap();
                prop_assert_eq!(again, tag.clone());
                prop_assert!(tag.as_str().chars().count() <= Tag::MAX_CHARS);
                prop_assert_eq!(tag.as_str().trim(), tag.as_str());
            }
        }
    }
}
