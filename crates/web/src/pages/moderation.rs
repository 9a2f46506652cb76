//! Moderation pages: reporting content (members), the moderation queue with hide and dismiss,
//! hiding and restoring from an item's page, and the audit log (moderators and organizers).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{CommunityId, Role};
use peerlearn_store::{AuditEntry, Report};
use serde::Deserialize;

use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::organizer::role_label;
use super::{Page, PageResult, SignedIn, render, safe_next};
use crate::app::moderation as md;
use crate::auth::{CsrfToken, Moderator};
use crate::input::path_id;
use crate::input::queries::PageQuery;
use crate::qa_input::{ModerationInput, ReasonInput, ReportInput};
use crate::state::AppState;

/// Where an item of a kind lives in the pages, for links from the queue.
fn item_link(cid: &str, r: &Report) -> Option<String> {
    use peerlearn_domain::SubjectKind;
    match r.kind {
        SubjectKind::Topic => Some(format!("/c/{cid}/topics/{}", r.subject_id)),
        SubjectKind::Question => Some(format!("/c/{cid}/questions/{}", r.subject_id)),
        // Answers are shown on their question's page; the queue shows their text.
        SubjectKind::Answer => None,
        SubjectKind::Note => Some(format!("/c/{cid}/knowledge#note-{}", r.subject_id)),
    }
}

pub struct ReportCard {
    pub id: String,
    /// What was reported ("Question"), in the page's language.
    pub kind: String,
    pub subject_text: String,
    pub link: Option<String>,
    pub hidden: bool,
    pub reporter_name: String,
    pub reason: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "moderation.html")]
struct QueueTemplate {
    page: Page,
    community: CommunityCard,
    reports: Vec<ReportCard>,
    next_url: Option<String>,
    /// The zone the reports' times are in.
    zone: String,
}

/// The translation key naming a kind of content.
fn kind_key(kind: peerlearn_domain::SubjectKind) -> &'static str {
    use peerlearn_domain::SubjectKind;
    match kind {
        SubjectKind::Topic => "moderation-kind-topic",
        SubjectKind::Question => "moderation-kind-question",
        SubjectKind::Answer => "moderation-kind-answer",
        SubjectKind::Note => "moderation-kind-note",
    }
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    notice: Option<String>,
    cursor: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    Moderator { me, m }: Moderator,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<QueueQuery>,
) -> PageResult {
    let id = m.community.id;
    let (limit, cursor) = PageQuery {
        limit: Some(30),
        cursor: q.cursor.clone(),
    }
    .parse()?;
    let reports = state.store.open_reports(id, cursor, limit).await?;
    let tz = m.community.calendar.timezone.tz();
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    render(&QueueTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        reports: reports
            .items
            .iter()
            .map(|r| ReportCard {
                id: r.id.to_string(),
                kind: page.t(kind_key(r.kind)),
                subject_text: r.subject_text.clone(),
                link: item_link(&cid, r),
                hidden: r.subject_hidden,
                reporter_name: r.reporter_name.clone(),
                reason: r.reason.clone(),
                when: page.when(r.created_at, tz),
            })
            .collect(),
        next_url: reports
            .next_cursor
            .map(|c| format!("/c/{cid}/moderation?cursor={c}")),
        zone: page.zone(tz).name().to_string(),
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct ReportForm {
    #[serde(default)]
    subject_kind: String,
    #[serde(default)]
    subject_id: String,
    #[serde(default)]
    reason: String,
    /// The page to go back to.
    #[serde(default)]
    back: String,
}

fn back_to(back: &str, cid: &str, notice: &str) -> String {
    let target = safe_next(Some(back).filter(|b| !b.is_empty()));
    let target = if target == "/communities" {
        format!("/c/{cid}")
    } else {
        target
    };
    let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
    let sep = if path.contains('?') { '&' } else { '?' };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{path}{sep}notice={notice}{fragment}")
}

pub async fn report(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(cid): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let input = ReportInput {
        subject_kind: form.subject_kind,
        subject_id: form.subject_id,
        reason: form.reason,
    };
    md::report(&state, &me, id, &input.parse()?).await?;
    Ok(Redirect::to(&back_to(&form.back, &cid, "reported")).into_response())
}

pub async fn hide_or_restore(
    state: AppState,
    me: crate::auth::CurrentUser,
    cid: String,
    form: ReportForm,
    hide: bool,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let input = ModerationInput {
        subject_kind: form.subject_kind,
        subject_id: form.subject_id,
        reason: form.reason,
    };
    md::set_hidden(&state, &me, id, &input.parse()?, hide).await?;
    let notice = if hide { "hidden" } else { "restored" };
    Ok(Redirect::to(&back_to(&form.back, &cid, notice)).into_response())
}

pub async fn hide(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(cid): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult {
    hide_or_restore(state, me, cid, form, true).await
}

pub async fn restore(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(cid): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult {
    hide_or_restore(state, me, cid, form, false).await
}

pub async fn hide_reported(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReasonInput>,
) -> PageResult {
    md::hide_reported(&state, &me, path_id(&rid, "report")?, &form.required()?).await?;
    Ok(Redirect::to(&format!("/c/{cid}/moderation?notice=hidden")).into_response())
}

pub async fn dismiss(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ReasonInput>,
) -> PageResult {
    md::dismiss(&state, &me, path_id(&rid, "report")?, &form.optional()?).await?;
    Ok(Redirect::to(&format!("/c/{cid}/moderation?notice=report_dismissed")).into_response())
}

pub struct AuditLine {
    pub when: String,
    pub actor_name: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

impl AuditLine {
    fn new(e: &AuditEntry, page: &Page, tz: chrono_tz::Tz) -> Self {
        let action = match e.action.as_str() {
            "hidden" => page.t("moderation-action-hidden"),
            "restored" => page.t("moderation-action-restored"),
            "report_dismissed" => page.t("moderation-action-report-dismissed"),
            "role_changed" => page.t("moderation-action-role-changed"),
            "operator_made_organizer" => page.t("moderation-action-operator-made-organizer"),
            other => other.replace('_', " "),
        };
        Self {
            when: page.when(e.created_at, tz),
            actor_name: e.actor_name.clone(),
            action,
            subject: subject_in(&e.subject, page),
            detail: if matches!(
                e.action.as_str(),
                "role_changed" | "operator_made_organizer"
            ) {
                roles_in(&e.detail, page)
            } else {
                e.detail.clone()
            },
        }
    }
}

/// An audit subject as recorded ("question 12 (How do I…)", "member 3 (Ana)") with its kind
/// in the page's language ("Question: How do I…").
fn subject_in(subject: &str, page: &Page) -> String {
    use peerlearn_domain::SubjectKind;
    let Some((kind, rest)) = subject.split_once(' ') else {
        return subject.to_string();
    };
    let key = match kind {
        "topic" => kind_key(SubjectKind::Topic),
        "question" => kind_key(SubjectKind::Question),
        "answer" => kind_key(SubjectKind::Answer),
        "note" => kind_key(SubjectKind::Note),
        "member" => "moderation-kind-member",
        _ => return subject.to_string(),
    };
    let text = rest
        .split_once(" (")
        .and_then(|(_, t)| t.strip_suffix(')'))
        .unwrap_or(rest);
    page.lang.t_args(
        "moderation-subject",
        &[
            ("kind", FluentValue::from(page.t(key))),
            ("text", FluentValue::from(text)),
        ],
    )
}

/// A role change as recorded ("member → moderator") with the roles in the page's language.
fn roles_in(detail: &str, page: &Page) -> String {
    let role = |r: &str| {
        Role::parse("role", r.trim())
            .map_or_else(|_| r.trim().to_string(), |r| role_label(page.lang, r))
    };
    match detail.split_once('→') {
        Some((from, to)) => format!("{} → {}", role(from), role(to)),
        None => detail.to_string(),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditTemplate {
    page: Page,
    community: CommunityCard,
    entries: Vec<AuditLine>,
    next_url: Option<String>,
    /// The zone the entries' times are in.
    zone: String,
}

pub async fn audit(
    State(state): State<AppState>,
    Moderator { me, m }: Moderator,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<QueueQuery>,
) -> PageResult {
    let id = m.community.id;
    let (limit, cursor) = PageQuery {
        limit: Some(50),
        cursor: q.cursor.clone(),
    }
    .parse()?;
    let log = state.store.audit_log(id, cursor, limit).await?;
    let tz = m.community.calendar.timezone.tz();
    let page = Page::new(Some(&me), &csrf);
    render(&AuditTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        entries: log
            .items
            .iter()
            .map(|e| AuditLine::new(e, &page, tz))
            .collect(),
        next_url: log
            .next_cursor
            .map(|c| format!("/c/{cid}/audit?cursor={c}")),
        zone: page.zone(tz).name().to_string(),
        page,
    })
}
