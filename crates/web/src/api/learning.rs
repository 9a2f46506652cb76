//! After the meeting: check-in, attendance, feedback with its check-back, the knowledge base
//! (notes), the reciprocity ledger, the demand board and the organizer's dashboard.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::{CheckInMethod, Tried};
use peerlearn_store::{FeedbackRecord, Meeting, Note};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use super::views::rfc3339;
use super::{ApiQuery, path_id};
use crate::app::after_meeting;
use crate::auth::{CurrentUser, Member};
use crate::error::{AppError, Problem};
use crate::input::FeedbackBody;
pub use crate::input::queries::NoteQuery;
use crate::state::AppState;

// ---------- check-in ----------

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct CheckInInput {
    /// `button` (default) or `qr`.
    #[serde(default)]
    pub method: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceView {
    pub member_id: String,
    pub name: String,
    pub host: bool,
    pub checked_in_at: Option<String>,
    pub no_show: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceList {
    pub items: Vec<AttendanceView>,
}

/// Checks in to a meeting at its start: from 10 minutes before until its end.
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/check-in", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = CheckInInput,
    responses(
        (status = 200, body = AttendanceList),
        (status = 404, body = Problem),
        (status = 409, description = "`check_in_not_open`, `meeting_over`, `not_a_participant`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_check_in(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(input): ApiJson<CheckInInput>,
) -> Result<axum::Json<AttendanceList>, AppError> {
    let method = match input.method.as_deref() {
        None => CheckInMethod::Button,
        Some(raw) => CheckInMethod::parse("method", raw)?,
    };
    let (meeting, m) =
        crate::access::visible_meeting(&state.store, path_id(&mid, "meeting")?, me.user.id).await?;
    after_meeting::check_in(&state, &meeting, m.member, method, None).await?;
    Ok(axum::Json(attendance(&state, &meeting).await?))
}

/// Who checked in to a meeting (its participants and organizers).
#[utoipa::path(get, path = "/api/v1/meetings/{mid}/attendance", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, body = AttendanceList), (status = 404, body = Problem)))]
pub async fn get_attendance(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<axum::Json<AttendanceList>, AppError> {
    let (meeting, _) =
        crate::access::visible_meeting(&state.store, path_id(&mid, "meeting")?, me.user.id).await?;
    Ok(axum::Json(attendance(&state, &meeting).await?))
}

pub(crate) async fn attendance(
    state: &AppState,
    meeting: &Meeting,
) -> Result<AttendanceList, AppError> {
    let rows = state.store.attendance(meeting.id).await?;
    Ok(AttendanceList {
        items: rows
            .into_iter()
            .map(|a| {
                let p = meeting.participants.iter().find(|p| p.member == a.member);
                AttendanceView {
                    member_id: a.member.to_string(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    host: p.is_some_and(|p| p.host),
                    checked_in_at: a.checked_in_at.map(rfc3339),
                    no_show: a.no_show,
                }
            })
            .collect(),
    })
}

// ---------- feedback ----------

#[derive(Serialize, ToSchema)]
pub struct FeedbackView {
    pub meeting_id: String,
    pub learned: String,
    pub will_try: String,
    /// Only ever shown to its author.
    pub rating: Option<u8>,
    pub thanks: String,
    /// The answer to the check-back: `yes`, `not_yet` or `no`.
    pub tried: Option<String>,
    /// The note in the knowledge base, when shared.
    pub note_id: Option<String>,
    pub created_at: String,
}

impl From<&FeedbackRecord> for FeedbackView {
    fn from(f: &FeedbackRecord) -> Self {
        Self {
            meeting_id: f.meeting.to_string(),
            learned: f.learned.clone(),
            will_try: f.will_try.clone(),
            rating: f.rating,
            thanks: f.thanks.clone(),
            tried: f.tried.map(|t| t.as_str().to_string()),
            note_id: f.note.map(|n| n.to_string()),
            created_at: rfc3339(f.created_at),
        }
    }
}

/// Gives feedback on a meeting, once: one thing learned, one thing to try, a private rating,
/// a thank-you for the host; with consent, what was learned becomes a note.
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/feedback", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = FeedbackBody,
    responses(
        (status = 201, body = FeedbackView),
        (status = 404, body = Problem),
        (status = 409, description = "`feedback_given`, `meeting_not_over`, `not_a_participant`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_feedback(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(body): ApiJson<FeedbackBody>,
) -> Result<impl IntoResponse, AppError> {
    let (meeting, m) =
        crate::access::visible_meeting(&state.store, path_id(&mid, "meeting")?, me.user.id).await?;
    let feedback = body.parse()?;
    let f = after_meeting::give_feedback(&state, &meeting, m.member, &feedback).await?;
    Ok((StatusCode::CREATED, axum::Json(FeedbackView::from(&f))))
}

/// The caller's own feedback on a meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{mid}/feedback", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, body = FeedbackView), (status = 404, body = Problem)))]
pub async fn get_feedback(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<axum::Json<FeedbackView>, AppError> {
    let (meeting, m) =
        crate::access::visible_meeting(&state.store, path_id(&mid, "meeting")?, me.user.id).await?;
    let f = state
        .store
        .feedback(meeting.id, m.member)
        .await?
        .ok_or(AppError::NotFound("feedback"))?;
    Ok(axum::Json(FeedbackView::from(&f)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckBackInput {
    /// `yes`, `not_yet` or `no`.
    pub tried: String,
}

/// Answers the check-back: did you try what you said you would?
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/check-back", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = CheckBackInput,
    responses((status = 200, body = FeedbackView), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn answer_check_back(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(input): ApiJson<CheckBackInput>,
) -> Result<axum::Json<FeedbackView>, AppError> {
    let tried = Tried::parse("tried", &input.tried)?;
    let (meeting, m) =
        crate::access::visible_meeting(&state.store, path_id(&mid, "meeting")?, me.user.id).await?;
    let f = state
        .store
        .answer_check_back(meeting.id, m.member, tried, state.clock.now())
        .await?;
    Ok(axum::Json(FeedbackView::from(&f)))
}

// ---------- knowledge base ----------

#[derive(Serialize, ToSchema)]
pub struct NoteView {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub body: String,
    pub link: Option<String>,
    pub tags: Vec<String>,
    /// The author, only when they agreed to be named.
    pub author: Option<NoteAuthor>,
    /// Shown to moderators and the author only: why the note is hidden.
    pub hidden_reason: Option<String>,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteAuthor {
    pub member_id: String,
    pub name: String,
}

impl From<&Note> for NoteView {
    fn from(n: &Note) -> Self {
        Self {
            id: n.id.to_string(),
            topic_id: n.topic_id.to_string(),
            topic_title: n.topic_title.clone(),
            body: n.body.clone(),
            link: (!n.link.is_empty()).then(|| n.link.clone()),
            tags: n.tags.clone(),
            author: n.author.as_ref().map(|(id, name)| NoteAuthor {
                member_id: id.to_string(),
                name: name.clone(),
            }),
            hidden_reason: n.hidden.clone(),
            created_at: rfc3339(n.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NotePage {
    pub items: Vec<NoteView>,
    pub next_cursor: Option<String>,
}

/// The community's knowledge base: what members learned and agreed to share.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/notes", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), NoteQuery),
    responses((status = 200, body = NotePage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_notes(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(q): ApiQuery<NoteQuery>,
) -> Result<axum::Json<NotePage>, AppError> {
    let id = m.community.id;
    let page = state
        .store
        .notes(id, &q.filter(m.role.can_moderate())?)
        .await?;
    Ok(axum::Json(NotePage {
        items: page.items.iter().map(NoteView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}
