//! Moderation: what members can report and moderators can hide.

use crate::error::Invalid;

word_enum!(
    /// A kind of content that can be reported, hidden and restored. Adding a kind is one
    /// variant here and one arm where the store finds its table (`store::moderation`).
    SubjectKind { Topic = "topic", Question = "question", Answer = "answer", Note = "note" }
);

impl SubjectKind {
    /// How the kind reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Topic => "topic",
            SubjectKind::Question => "question",
            SubjectKind::Answer => "answer",
            SubjectKind::Note => "note",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_kinds_parse_and_name_the_choices() {
        for k in SubjectKind::ALL {
            assert_eq!(SubjectKind::parse("subject_kind", k.as_str()), Ok(*k));
        }
        let err = SubjectKind::parse("subject_kind", "user").unwrap_err();
        assert_eq!(err.id, "invalid-choice");
        assert_eq!(
            err.get("choices"),
            Some(&crate::Arg::from("topic, question, answer, note"))
        );
    }
}
