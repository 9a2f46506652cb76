//! Input shapes for questions, answers and moderation, shared by the JSON API and the HTML
//! forms, and their parsing into domain types (every field error collected).

use peerlearn_domain::{BoundedText, Invalid, InvalidInput, SubjectKind, TagList};
use peerlearn_store::{NewAnswer, NewQuestion};
use serde::Deserialize;
use utoipa::ToSchema;

/// A question to ask.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct QuestionInput {
    #[schema(example = "How do I size a Kubernetes cluster for a small team?")]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    #[schema(example = json!(["kubernetes"]))]
    pub tags: Vec<String>,
}

impl QuestionInput {
    pub fn parse(&self) -> Result<NewQuestion, InvalidInput> {
        let mut errors = InvalidInput::default();
        let title = errors.check(BoundedText::parse("title", &self.title, 5, 160, false));
        let body = errors.check(BoundedText::parse("body", &self.body, 0, 8000, true));
        let tags = errors.check(TagList::parse("tags", self.tags.iter().map(String::as_str)));
        if tags.as_ref().is_some_and(|t| t.len() > 10) {
            errors.add(Invalid::new("tags", "invalid-tags-per-question").arg("max", 10_u32));
        }
        match (title, body, tags) {
            (Some(title), Some(body), Some(tags)) if errors.is_empty() => Ok(NewQuestion {
                title,
                body_html: crate::markdown::to_safe_html(body.as_str()),
                body,
                tags,
            }),
            _ => Err(errors),
        }
    }
}

/// An answer to a question.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct AnswerInput {
    /// Markdown, 1 to 8000 characters.
    #[schema(example = "Start with three nodes and measure.")]
    pub body: String,
}

impl AnswerInput {
    pub fn parse(&self) -> Result<NewAnswer, InvalidInput> {
        let body = BoundedText::parse("body", &self.body, 1, 8000, true)?;
        Ok(NewAnswer {
            body_html: crate::markdown::to_safe_html(body.as_str()),
            body,
        })
    }
}

/// A report of content to the moderators.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct ReportInput {
    /// `topic`, `question`, `answer` or `note`.
    #[schema(example = "answer")]
    pub subject_kind: String,
    /// The id of the topic, question or answer.
    #[schema(example = "12")]
    pub subject_id: String,
    /// Why it should be looked at (3 to 1000 characters).
    #[schema(example = "Advertising, not an answer")]
    pub reason: String,
}

/// What to report, parsed.
#[derive(Debug)]
pub struct ParsedReport {
    pub kind: SubjectKind,
    pub subject_id: i64,
    pub reason: BoundedText,
}

impl ReportInput {
    pub fn parse(&self) -> Result<ParsedReport, InvalidInput> {
        let mut errors = InvalidInput::default();
        let (kind, subject_id) = subject(&mut errors, &self.subject_kind, &self.subject_id);
        let reason = errors.check(BoundedText::parse("reason", &self.reason, 3, 1000, true));
        match (kind, subject_id, reason) {
            (Some(kind), Some(subject_id), Some(reason)) if errors.is_empty() => Ok(ParsedReport {
                kind,
                subject_id,
                reason,
            }),
            _ => Err(errors),
        }
    }
}

/// A moderator's action on content: hide or restore it, with a reason.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct ModerationInput {
    /// `topic`, `question`, `answer` or `note`.
    #[schema(example = "answer")]
    pub subject_kind: String,
    #[schema(example = "12")]
    pub subject_id: String,
    /// Shown to the author (3 to 1000 characters).
    #[schema(example = "Advertising is not allowed here")]
    pub reason: String,
}

impl ModerationInput {
    pub fn parse(&self) -> Result<ParsedReport, InvalidInput> {
        ReportInput {
            subject_kind: self.subject_kind.clone(),
            subject_id: self.subject_id.clone(),
            reason: self.reason.clone(),
        }
        .parse()
    }
}

/// A reason or note given with a moderator's decision.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct ReasonInput {
    /// For hiding: 3 to 1000 characters, shown to the author. For dismissing: optional.
    #[serde(default)]
    pub reason: String,
}

impl ReasonInput {
    /// A required reason.
    pub fn required(&self) -> Result<BoundedText, InvalidInput> {
        Ok(BoundedText::parse("reason", &self.reason, 3, 1000, true)?)
    }

    /// An optional note.
    pub fn optional(&self) -> Result<BoundedText, InvalidInput> {
        Ok(BoundedText::parse("reason", &self.reason, 0, 1000, true)?)
    }
}

fn subject(errors: &mut InvalidInput, kind: &str, id: &str) -> (Option<SubjectKind>, Option<i64>) {
    let kind = errors.check(SubjectKind::parse("subject_kind", kind.trim()));
    let id = match peerlearn_domain::parse_id(id) {
        Ok(n) if n > 0 => Some(n),
        _ => {
            errors.push("subject_id", "invalid-id");
            None
        }
    };
    (kind, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_of_a_question_is_named() {
        let err = QuestionInput {
            title: "Hi".into(),
            body: "x".repeat(8001),
            tags: vec!["ok".into(), "".into()],
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
        assert!(
            fields.contains(&"title") && fields.contains(&"body"),
            "{fields:?}"
        );
    }

    #[test]
    fn question_bodies_are_rendered_safely() {
        let q = QuestionInput {
            title: "How do I test?".into(),
            body: "**bold**<script>x</script>".into(),
            tags: vec![],
        }
        .parse()
        .unwrap();
        assert!(q.body_html.contains("<strong>bold</strong>") && !q.body_html.contains("<script"));
    }

    #[test]
    fn reports_need_a_known_kind_an_id_and_a_reason() {
        let err = ReportInput {
            subject_kind: "user".into(),
            subject_id: "abc".into(),
            reason: " ".into(),
        }
        .parse()
        .unwrap_err();
        assert_eq!(err.errors.len(), 3);
        let ok = ReportInput {
            subject_kind: "answer".into(),
            subject_id: "7".into(),
            reason: "spam".into(),
        }
        .parse()
        .unwrap();
        assert_eq!((ok.kind, ok.subject_id), (SubjectKind::Answer, 7));
    }
}
