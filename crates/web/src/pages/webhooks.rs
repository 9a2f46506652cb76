//! The organizers' webhook pages: the community's endpoints and a form to add one (its
//! secret shown once, on the page that answers the form), and each endpoint's page with its
//! settings, on/off switch, removal and delivery log with "Send again".

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono_tz::Tz;
use peerlearn_domain::{CommunityId, DeliveryId, EventType, WebhookId};
use peerlearn_store::{Delivery, WebhookEndpoint};
use serde::Deserialize;

use super::account::EmptyForm;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::app::webhooks;
use crate::auth::{CsrfToken, Organizer};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::path_id;
use crate::input::webhooks::{WebhookInput, WebhookPatch};
use crate::state::AppState;

/// An event type as a checkbox.
pub struct EventOption {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn event_label(lang: Lang, t: EventType) -> String {
    lang.t(&format!(
        "webhook-event-{}",
        t.as_str().replace(['.', '_'], "-")
    ))
}

fn options(lang: Lang, chosen: &[String]) -> Vec<EventOption> {
    EventType::ALL
        .iter()
        .map(|&t| EventOption {
            value: t.as_str(),
            label: event_label(lang, t),
            checked: chosen.iter().any(|c| c == t.as_str()),
        })
        .collect()
}

/// An endpoint as a row: where, what, and whether it is on.
pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    /// "On", "Off", or "Off: kept failing".
    pub state: String,
    /// `success`, `warning` or `danger`: the state's chip.
    pub tone: &'static str,
}

fn endpoint_row(lang: Lang, e: &WebhookEndpoint) -> EndpointRow {
    let (state, tone) = match (e.enabled, e.disabled_reason.as_str(), e.failing_since) {
        (true, _, None) => ("webhooks-state-on", "success"),
        (true, _, Some(_)) => ("webhooks-state-failing", "warning"),
        (false, "failing", _) => ("webhooks-state-off-failing", "danger"),
        (false, _, _) => ("webhooks-state-off", "warning"),
    };
    EndpointRow {
        id: e.id.to_string(),
        url: e.url.clone(),
        events: e.event_types.iter().map(|t| event_label(lang, t)).collect(),
        enabled: e.enabled,
        state: lang.t(state),
        tone,
    }
}

/// One delivery in the log.
pub struct DeliveryRow {
    pub id: String,
    pub event: String,
    pub status: String,
    pub tone: &'static str,
    pub attempts: String,
    pub when: String,
    pub next: Option<String>,
    pub code: Option<i64>,
    pub latency: Option<String>,
    pub excerpt: String,
    pub error: String,
}

fn delivery_row(page: &Page, tz: Tz, d: &Delivery) -> DeliveryRow {
    let (status, tone) = match d.status.as_str() {
        "delivered" => ("webhooks-delivery-delivered", "success"),
        "failed" => ("webhooks-delivery-failed", "danger"),
        _ => ("webhooks-delivery-pending", "warning"),
    };
    DeliveryRow {
        id: d.id.to_string(),
        event: EventType::parse(&d.event_type)
            .map(|t| event_label(page.lang, t))
            .unwrap_or_else(|| d.event_type.clone()),
        status: page.t(status),
        tone,
        attempts: page.tn("webhooks-delivery-attempts", d.attempts),
        when: page.when(d.last_attempt_at.unwrap_or(d.created_at), tz),
        next: d.next_attempt_at.map(|t| page.when(t, tz)),
        code: d.response_status,
        latency: d
            .latency_ms
            .map(|ms| page.t1("webhooks-delivery-latency", "ms", ms)),
        excerpt: d.response_excerpt.clone(),
        error: error_text(page, &d.error),
    }
}

/// Why an attempt failed, in the page's language: the log keeps a code and the details
/// (`connect: Connection refused`); the code becomes a sentence, the details follow as they
/// are (they come from the network and the system).
fn error_text(page: &Page, error: &str) -> String {
    if error.is_empty() {
        return String::new();
    }
    let (code, detail) = error.split_once(": ").unwrap_or((error, ""));
    let key = match code {
        "unresolved" => "webhooks-error-unresolved",
        "not_public" => "webhooks-error-not-public",
        "not_a_url" | "not_https" => "webhooks-error-url",
        "connect" => "webhooks-error-connect",
        "tls" => "webhooks-error-tls",
        "http" => "webhooks-error-http",
        "timeout" => "webhooks-error-timeout",
        "secret" => "webhooks-error-secret",
        _ => return error.to_string(),
    };
    let sentence = page.t(key);
    match detail {
        "" => sentence,
        _ if matches!(code, "timeout" | "secret") => sentence,
        d => format!("{sentence} ({d})"),
    }
}

#[derive(Template)]
#[template(path = "webhooks.html")]
struct ListTemplate {
    page: Page,
    community: CommunityCard,
    endpoints: Vec<EndpointRow>,
    input: WebhookInput,
    errors: FieldErrors,
    events: Vec<EventOption>,
}

#[derive(Template)]
#[template(path = "webhook_created.html")]
struct CreatedTemplate {
    page: Page,
    community: CommunityCard,
    endpoint: EndpointRow,
    secret: String,
}

#[derive(Template)]
#[template(path = "webhook.html")]
struct DetailTemplate {
    page: Page,
    community: CommunityCard,
    endpoint: EndpointRow,
    input: WebhookInput,
    errors: FieldErrors,
    events: Vec<EventOption>,
    deliveries: Vec<DeliveryRow>,
    next_url: Option<String>,
    zone: String,
}

#[derive(Deserialize, Default)]
pub struct DetailQuery {
    notice: Option<String>,
    cursor: Option<String>,
}

async fn list_template(
    state: &AppState,
    o: &Organizer,
    csrf: &CsrfToken,
    notice: Option<&str>,
) -> Result<ListTemplate, AppError> {
    let page = Page::new(Some(&o.me), csrf).with_notice(notice);
    let endpoints = state.store.webhooks(o.m.community.id).await?;
    Ok(ListTemplate {
        community: CommunityCard::new(&o.m.community, Some(o.m.role)),
        endpoints: endpoints
            .iter()
            .map(|e| endpoint_row(page.lang, e))
            .collect(),
        input: WebhookInput::default(),
        errors: FieldErrors::default(),
        events: options(page.lang, &[]),
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    o: Organizer,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    render(&list_template(&state, &o, &csrf, q.notice.as_deref()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    o: Organizer,
    csrf: CsrfToken,
    CsrfForm(input): CsrfForm<WebhookInput>,
) -> PageResult {
    match webhooks::create(&state, o.m.community.id, &input).await {
        Ok(created) => {
            let page = Page::new(Some(&o.me), &csrf);
            let t = CreatedTemplate {
                community: CommunityCard::new(&o.m.community, Some(o.m.role)),
                endpoint: endpoint_row(page.lang, &created.endpoint),
                secret: created.secret,
                page,
            };
            render_status(StatusCode::CREATED, &t)
        }
        Err(AppError::Invalid(errors)) => {
            let mut t = list_template(&state, &o, &csrf, None).await?;
            t.errors = FieldErrors::new(t.page.lang, &errors);
            t.events = options(t.page.lang, &input.event_types);
            t.input = input;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e.into()),
    }
}

async fn detail_template(
    state: &AppState,
    o: &Organizer,
    csrf: &CsrfToken,
    wid: WebhookId,
    query: &DetailQuery,
) -> Result<DetailTemplate, AppError> {
    let id = o.m.community.id;
    let endpoint = state.store.webhook(id, wid).await?;
    let cursor = match query.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "invalid-cursor"))?,
        ),
        None => None,
    };
    let log = state.store.webhook_deliveries(id, wid, cursor, 20).await?;
    let page = Page::new(Some(&o.me), csrf).with_notice(query.notice.as_deref());
    let tz = page.zone(o.m.community.calendar.timezone.tz());
    let chosen: Vec<String> = endpoint
        .event_types
        .iter()
        .map(|t| t.as_str().to_string())
        .collect();
    Ok(DetailTemplate {
        community: CommunityCard::new(&o.m.community, Some(o.m.role)),
        endpoint: endpoint_row(page.lang, &endpoint),
        input: WebhookInput {
            url: endpoint.url.clone(),
            event_types: chosen.clone(),
        },
        errors: FieldErrors::default(),
        events: options(page.lang, &chosen),
        deliveries: log
            .items
            .iter()
            .map(|d| delivery_row(&page, tz, d))
            .collect(),
        next_url: log
            .next_cursor
            .map(|c| format!("/c/{id}/settings/webhooks/{wid}?cursor={c}#deliveries")),
        zone: tz.name().to_string(),
        page,
    })
}

pub async fn show(
    State(state): State<AppState>,
    o: Organizer,
    csrf: CsrfToken,
    Path((_cid, wid)): Path<(String, String)>,
    Query(query): Query<DetailQuery>,
) -> PageResult {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    render(&detail_template(&state, &o, &csrf, wid, &query).await?)
}

fn back(id: CommunityId, wid: Option<WebhookId>, notice: &str) -> PageResult {
    debug_assert!(super::NOTICES.contains(&notice));
    let path = match wid {
        Some(w) => format!("/c/{id}/settings/webhooks/{w}?notice={notice}"),
        None => format!("/c/{id}/settings/webhooks?notice={notice}"),
    };
    Ok(Redirect::to(&path).into_response())
}

pub async fn save(
    State(state): State<AppState>,
    o: Organizer,
    csrf: CsrfToken,
    Path((_cid, wid)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<WebhookInput>,
) -> PageResult {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let id = o.m.community.id;
    let patch = WebhookPatch {
        url: Some(input.url.clone()),
        event_types: Some(input.event_types.clone()),
        enabled: None,
    };
    match webhooks::update(&state, id, wid, &patch).await {
        Ok(_) => back(id, Some(wid), "webhook_saved"),
        Err(AppError::Invalid(errors)) => {
            let mut t = detail_template(&state, &o, &csrf, wid, &DetailQuery::default()).await?;
            t.errors = FieldErrors::new(t.page.lang, &errors);
            t.events = options(t.page.lang, &input.event_types);
            t.input = input;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    on: String,
}

pub async fn switch(
    State(state): State<AppState>,
    o: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<SwitchForm>,
) -> PageResult {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let id = o.m.community.id;
    let on = form.on == "true";
    let patch = WebhookPatch {
        enabled: Some(on),
        ..WebhookPatch::default()
    };
    webhooks::update(&state, id, wid, &patch).await?;
    back(id, Some(wid), if on { "webhook_on" } else { "webhook_off" })
}

pub async fn delete(
    State(state): State<AppState>,
    o: Organizer,
    Path((_cid, wid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let id = o.m.community.id;
    webhooks::remove(&state, id, wid).await?;
    back(id, None, "webhook_deleted")
}

pub async fn redeliver(
    State(state): State<AppState>,
    o: Organizer,
    Path((_cid, wid, did)): Path<(String, String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let wid: WebhookId = path_id(&wid, "webhook")?;
    let did: DeliveryId = path_id(&did, "delivery")?;
    let id = o.m.community.id;
    webhooks::redeliver(&state, id, wid, did).await?;
    back(id, Some(wid), "webhook_redelivered")
}
