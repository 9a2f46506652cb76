//! Text analysis for relevance: tokenising, stop words, stemming (Snowball English).

use rust_stemmers::{Algorithm, Stemmer};

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "how", "i", "in",
    "into", "is", "it", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "this",
    "to", "we", "what", "who", "will", "with", "you", "your", "about", "want", "learn", "share",
    "walk", "through", "explain", "help", "like", "would", "love", "anyone", "some", "use",
];

/// Turns text into stemmed terms.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Analyzer {
    /// Stemmed, lower-cased terms of `text`, stop words removed, in order (with repeats).
    pub fn terms(&self, text: &str) -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .filter(|w| w.chars().count() > 1 || w.chars().any(|c| c.is_ascii_digit()))
            .map(|w| self.stemmer.stem(&w).into_owned())
            .collect()
    }
}

/// Normalises a tag: trimmed, inner whitespace collapsed, lower-cased.
pub fn normalise_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_drops_stop_words() {
        let analyzer = Analyzer::default();
        assert_eq!(
            analyzer.terms("Deploying containers with Kubernetes"),
            vec!["deploy", "contain", "kubernet"]
        );
        assert_eq!(analyzer.terms("deploys"), analyzer.terms("deploying"));
        assert_eq!(analyzer.terms("C++ and C#"), vec!["c++", "c#"]);
    }

    #[test]
    fn tags_normalise_case_and_spaces() {
        assert_eq!(normalise_tag("  Apache   Kafka "), "apache kafka");
    }
}
