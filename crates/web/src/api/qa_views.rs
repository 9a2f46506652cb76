//! What the questions, answers and moderation API answers: JSON shapes built from records.

use peerlearn_store::{Answer, AuditEntry, Question, Report};
use serde::Serialize;
use utoipa::ToSchema;

fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[derive(Serialize, ToSchema)]
pub struct QuestionView {
    pub id: String,
    pub community_id: String,
    pub asker_id: String,
    pub asker_name: String,
    pub title: String,
    /// Markdown as written.
    pub body: String,
    /// The body as safe HTML.
    pub body_html: String,
    pub tags: Vec<String>,
    pub accepted_answer_id: Option<String>,
    /// The ask topic this question became, if it did.
    pub topic_id: Option<String>,
    pub answer_count: i64,
    /// Set when a moderator hid it (seen only by moderators and the asker).
    pub hidden_reason: Option<String>,
    pub created_at: String,
    /// The answers, oldest first (only on a single question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Vec<AnswerView>>,
}

impl From<&Question> for QuestionView {
    fn from(q: &Question) -> Self {
        Self {
            id: q.id.to_string(),
            community_id: q.community_id.to_string(),
            asker_id: q.asker.to_string(),
            asker_name: q.asker_name.clone(),
            title: q.title.clone(),
            body: q.body.clone(),
            body_html: crate::markdown::shown_images(&q.body_html),
            tags: q.tags.clone(),
            accepted_answer_id: q.accepted_answer.map(|a| a.to_string()),
            topic_id: q.topic.map(|t| t.to_string()),
            answer_count: q.answer_count,
            hidden_reason: q.hidden_reason.clone(),
            created_at: rfc3339(q.created_at),
            answers: None,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct QuestionPage {
    pub items: Vec<QuestionView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AnswerView {
    pub id: String,
    pub question_id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub body_html: String,
    pub helpful_count: i64,
    /// Whether the caller marked it helpful.
    pub helpful_by_me: bool,
    pub accepted: bool,
    pub hidden_reason: Option<String>,
    pub created_at: String,
}

impl From<&Answer> for AnswerView {
    fn from(a: &Answer) -> Self {
        Self {
            id: a.id.to_string(),
            question_id: a.question_id.to_string(),
            author_id: a.author.to_string(),
            author_name: a.author_name.clone(),
            body: a.body.clone(),
            body_html: crate::markdown::shown_images(&a.body_html),
            helpful_count: a.helpful_count,
            helpful_by_me: a.helpful_by_viewer,
            accepted: a.accepted,
            hidden_reason: a.hidden_reason.clone(),
            created_at: rfc3339(a.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TopicLinkView {
    pub question: QuestionView,
    /// The new ask topic.
    pub topic_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportView {
    pub id: String,
    pub community_id: String,
    /// `topic`, `question` or `answer`.
    pub subject_kind: String,
    pub subject_id: String,
    /// What the content says (a title, or the start of an answer).
    pub subject_text: String,
    pub subject_hidden: bool,
    pub reporter_name: String,
    pub reason: String,
    /// `open`, `dismissed` or `actioned` (the content was hidden).
    pub status: String,
    pub created_at: String,
}

impl From<&Report> for ReportView {
    fn from(r: &Report) -> Self {
        Self {
            id: r.id.to_string(),
            community_id: r.community_id.to_string(),
            subject_kind: r.kind.as_str().into(),
            subject_id: r.subject_id.to_string(),
            subject_text: r.subject_text.clone(),
            subject_hidden: r.subject_hidden,
            reporter_name: r.reporter_name.clone(),
            reason: r.reason.clone(),
            status: r.status.as_str().into(),
            created_at: rfc3339(r.created_at),
        }
    }
}

/// A report as its reporter sees it.
#[derive(Serialize, ToSchema)]
pub struct ReportReceiptView {
    pub id: String,
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportPage {
    pub items: Vec<ReportView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: String,
    pub actor_name: String,
    /// `role_changed`, `hidden`, `restored` or `report_dismissed`.
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub created_at: String,
}

impl From<&AuditEntry> for AuditEntryView {
    fn from(e: &AuditEntry) -> Self {
        Self {
            id: e.id.to_string(),
            actor_name: e.actor_name.clone(),
            action: e.action.clone(),
            subject: e.subject.clone(),
            detail: e.detail.clone(),
            created_at: rfc3339(e.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntryView>,
    pub next_cursor: Option<String>,
}

/// What a moderation action changed.
#[derive(Serialize, ToSchema)]
pub struct ModerationView {
    pub subject_kind: String,
    pub subject_id: String,
    pub hidden: bool,
}
