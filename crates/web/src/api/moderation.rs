//! Moderation: members report content; moderators and organizers of that community see the
//! queue, hide or restore content with a reason, dismiss reports and read the audit log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::CommunityId;

use super::json::ApiJson;
use super::qa_views::{
    AuditEntryView, AuditPage, ModerationView, ReportPage, ReportReceiptView, ReportView,
};
use super::{ApiQuery, PageQuery, path_id};
use crate::app::moderation;
use crate::auth::{CurrentUser, Moderator};
use crate::error::{AppError, Problem};
use crate::qa_input::{ModerationInput, ReasonInput, ReportInput};
use crate::state::AppState;

/// Reports a topic, question or answer to the community's moderators (members; one open
/// report per member and item: 409 `already_reported`).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/reports", tag = "moderation",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = ReportInput,
    responses(
        (status = 201, body = ReportReceiptView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_report(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<ReportInput>,
) -> Result<impl IntoResponse, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let r = moderation::report(&state, &me, id, &input.parse()?).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ReportReceiptView {
            id: r.id.to_string(),
            status: r.status.as_str().into(),
        }),
    ))
}

/// The moderation queue: open reports, oldest first (moderators and organizers).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/reports", tag = "moderation",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = ReportPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_reports(
    State(state): State<AppState>,
    Moderator { m, .. }: Moderator,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<axum::Json<ReportPage>, AppError> {
    let id = m.community.id;
    let (limit, cursor) = page.parse()?;
    let page = state.store.open_reports(id, cursor, limit).await?;
    Ok(axum::Json(ReportPage {
        items: page.items.iter().map(ReportView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Hides the reported content with a reason the author sees; its open reports close.
#[utoipa::path(post, path = "/api/v1/reports/{rid}/hide", tag = "moderation",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "report id")),
    request_body = ReasonInput,
    responses((status = 200, body = ReportView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn hide_report_subject(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<ReasonInput>,
) -> Result<axum::Json<ReportView>, AppError> {
    Ok(axum::Json(ReportView::from(
        &moderation::hide_reported(&state, &me, path_id(&rid, "report")?, &input.required()?)
            .await?,
    )))
}

/// Dismisses a report: the content stays visible.
#[utoipa::path(post, path = "/api/v1/reports/{rid}/dismiss", tag = "moderation",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "report id")),
    request_body = ReasonInput,
    responses((status = 200, body = ReportView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn dismiss_report(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<ReasonInput>,
) -> Result<axum::Json<ReportView>, AppError> {
    Ok(axum::Json(ReportView::from(
        &moderation::dismiss(&state, &me, path_id(&rid, "report")?, &input.optional()?).await?,
    )))
}

/// Hides content directly, with a reason (moderators and organizers). 409 `already_hidden`.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/moderation/hide", tag = "moderation",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = ModerationInput,
    responses((status = 200, body = ModerationView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn hide(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<ModerationInput>,
) -> Result<axum::Json<ModerationView>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    Ok(axum::Json(set_hidden(&state, &me, id, &input, true).await?))
}

/// Shows hidden content again, with a reason (moderators and organizers). 409 `not_hidden`.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/moderation/restore", tag = "moderation",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = ModerationInput,
    responses((status = 200, body = ModerationView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn restore(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<ModerationInput>,
) -> Result<axum::Json<ModerationView>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    Ok(axum::Json(
        set_hidden(&state, &me, id, &input, false).await?,
    ))
}

/// The audit log, newest first: role changes and moderation (moderators and organizers).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/audit", tag = "moderation",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn audit_log(
    State(state): State<AppState>,
    Moderator { m, .. }: Moderator,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<axum::Json<AuditPage>, AppError> {
    let id = m.community.id;
    let (limit, cursor) = page.parse()?;
    let page = state.store.audit_log(id, cursor, limit).await?;
    Ok(axum::Json(AuditPage {
        items: page.items.iter().map(AuditEntryView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Hides or restores content, answering what changed.
async fn set_hidden(
    state: &AppState,
    me: &CurrentUser,
    community: CommunityId,
    input: &ModerationInput,
    hide: bool,
) -> Result<ModerationView, AppError> {
    let subject = input.parse()?;
    moderation::set_hidden(state, me, community, &subject, hide).await?;
    Ok(ModerationView {
        subject_kind: subject.kind.as_str().into(),
        subject_id: subject.subject_id.to_string(),
        hidden: hide,
    })
}
