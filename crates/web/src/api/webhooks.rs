//! Webhooks (organizers): endpoints that receive the community's events, signed as the
//! Standard Webhooks specification says, and each endpoint's delivery log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::{DeliveryId, WebhookId};
use peerlearn_store::{Delivery, WebhookEndpoint};
use serde::Serialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use super::{ApiQuery, PageQuery, path_id};
use crate::app::webhooks;
use crate::auth::Organizer;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::input::webhooks::{WebhookInput, WebhookPatch};
use crate::state::AppState;

/// An endpoint (its secret is shown only when it is created).
#[derive(Serialize, ToSchema)]
pub struct WebhookView {
    pub id: String,
    pub url: String,
    pub event_types: Vec<String>,
    pub enabled: bool,
    /// Why it is off: `organizer` (switched off by an organizer) or `failing` (its
    /// deliveries kept failing); `null` when on.
    pub disabled_reason: Option<String>,
    /// Since when its deliveries have been failing, with no success since.
    pub failing_since: Option<String>,
    pub created_at: String,
}

impl From<&WebhookEndpoint> for WebhookView {
    fn from(e: &WebhookEndpoint) -> Self {
        Self {
            id: e.id.to_string(),
            url: e.url.clone(),
            event_types: e
                .event_types
                .iter()
                .map(|t| t.as_str().to_string())
                .collect(),
            enabled: e.enabled,
            disabled_reason: (!e.disabled_reason.is_empty()).then(|| e.disabled_reason.clone()),
            failing_since: e.failing_since.map(rfc3339),
            created_at: rfc3339(e.created_at),
        }
    }
}

/// A new endpoint, with its signing secret.
#[derive(Serialize, ToSchema)]
pub struct CreatedWebhookView {
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// The signing secret (`whsec_…`): shown this once. Keep it; to change it, remove the
    /// endpoint and add it again.
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    pub items: Vec<WebhookView>,
    pub next_cursor: Option<String>,
}

/// One message to an endpoint and its last attempt.
#[derive(Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: String,
    /// The `webhook-id` header (the same for a redelivery).
    pub message_id: String,
    pub event_type: String,
    /// `pending`, `delivered` or `failed` (given up after its last attempt).
    pub status: String,
    /// Attempts made so far.
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    /// The last attempt: the receiver's status code, if it answered.
    pub response_status: Option<i64>,
    pub latency_ms: Option<i64>,
    /// The start of the receiver's answer (at most 1 KB).
    pub response_excerpt: String,
    /// Why the last attempt failed without an answer.
    pub error: String,
    pub last_attempt_at: Option<String>,
    pub created_at: String,
}

impl From<&Delivery> for DeliveryView {
    fn from(d: &Delivery) -> Self {
        Self {
            id: d.id.to_string(),
            message_id: d.message_id.clone(),
            event_type: d.event_type.clone(),
            status: d.status.clone(),
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at.map(rfc3339),
            response_status: d.response_status,
            latency_ms: d.latency_ms,
            response_excerpt: d.response_excerpt.clone(),
            error: d.error.clone(),
            last_attempt_at: d.last_attempt_at.map(rfc3339),
            created_at: rfc3339(d.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryPage {
    pub items: Vec<DeliveryView>,
    pub next_cursor: Option<String>,
}

/// Registers an endpoint (organizers). The answer holds its signing secret, shown only now.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/webhooks", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = WebhookInput,
    responses(
        (status = 201, body = CreatedWebhookView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`webhook_limit`: the community has 10 endpoints already", body = Problem),
        (status = 422, description = "`invalid_input`: a URL that is not https, or whose host is private or does not resolve; an unknown or missing event type", body = Problem),
    ))]
pub async fn create_webhook(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiJson(input): ApiJson<WebhookInput>,
) -> Result<impl IntoResponse, AppError> {
    let created = webhooks::create(&state, m.community.id, &input).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CreatedWebhookView {
            webhook: WebhookView::from(&created.endpoint),
            secret: created.secret,
        }),
    ))
}

/// The community's endpoints (organizers).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/webhooks", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = WebhookList), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
) -> Result<axum::Json<WebhookList>, AppError> {
    let items = state.store.webhooks(m.community.id).await?;
    Ok(axum::Json(WebhookList {
        items: items.iter().map(WebhookView::from).collect(),
        next_cursor: None,
    }))
}

/// One endpoint (organizers).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/webhooks/{wid}", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("wid" = String, Path, description = "webhook id")),
    responses((status = 200, body = WebhookView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_webhook(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
) -> Result<axum::Json<WebhookView>, AppError> {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let e = state.store.webhook(m.community.id, wid).await?;
    Ok(axum::Json(WebhookView::from(&e)))
}

/// Changes an endpoint's URL or events, or switches it on or off (organizers).
#[utoipa::path(patch, path = "/api/v1/communities/{cid}/webhooks/{wid}", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("wid" = String, Path, description = "webhook id")),
    request_body = WebhookPatch,
    responses(
        (status = 200, body = WebhookView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_webhook(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
    ApiJson(patch): ApiJson<WebhookPatch>,
) -> Result<axum::Json<WebhookView>, AppError> {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let e = webhooks::update(&state, m.community.id, wid, &patch).await?;
    Ok(axum::Json(WebhookView::from(&e)))
}

/// Removes an endpoint and its delivery log (organizers).
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/webhooks/{wid}", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("wid" = String, Path, description = "webhook id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    webhooks::remove(&state, m.community.id, wid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An endpoint's deliveries, newest first (organizers).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/webhooks/{wid}/deliveries", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("wid" = String, Path, description = "webhook id"), PageQuery),
    responses((status = 200, body = DeliveryPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_deliveries(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<axum::Json<DeliveryPage>, AppError> {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let (limit, cursor) = page.parse()?;
    let id = m.community.id;
    state.store.webhook(id, wid).await?;
    let page = state
        .store
        .webhook_deliveries(id, wid, cursor, limit)
        .await?;
    Ok(axum::Json(DeliveryPage {
        items: page.items.iter().map(DeliveryView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Sends a delivery's message again now (organizers): a new delivery with the same
/// `webhook-id`, so the receiver can tell it is the same event.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/webhooks/{wid}/deliveries/{did}/redeliver", tag = "webhooks",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("wid" = String, Path, description = "webhook id"), ("did" = String, Path, description = "delivery id")),
    responses((status = 201, body = DeliveryView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn redeliver(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, wid, did)): Path<(String, String, String)>,
) -> Result<impl IntoResponse, AppError> {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let did: DeliveryId = path_id(&did, "delivery")?;
    let d = webhooks::redeliver(&state, m.community.id, wid, did).await?;
    Ok((StatusCode::CREATED, axum::Json(DeliveryView::from(&d))))
}
