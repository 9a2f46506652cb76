//! The one place where every feature's routes are merged and the middleware is set.

use std::time::Duration;

use axum::Router;
use axum::extract::FromRef;
use axum::http::StatusCode;
use axum::routing::get;
use peerlearn_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;
use crate::{api, assets, auth, health, i18n, input, observe, pages, security_headers};

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}

/// The whole app: pages, API, OpenAPI document, assets, health checks.
pub fn app(state: AppState) -> Router {
    observe::recorder();
    let (api_routes, openapi) = api::router();
    let openapi = std::sync::Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(api_routes)
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/calendar/{file}", get(api::calendar_feed))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(observe::metrics_endpoint))
        .fallback(pages::not_found)
        .merge(assets::router())
        // Inside the language's context, so a refusal reads in the person's language.
        .layer(axum::middleware::from_fn(input::urlencoded::strict_query))
        // The form token first: the request's context keeps it for pages rendered from errors.
        .layer(axum::middleware::from_fn(i18n::negotiate))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::ensure_csrf_cookie,
        ))
        // 1 MiB, except for an uploaded attendee file (read by its handler, up to 5 MB).
        .layer(axum::middleware::from_fn(input::upload::body_limit))
        // Pages, styles and scripts travel gzipped to browsers that accept it (a phone on a
        // venue's Wi-Fi loads the whole first page in well under 100 KB).
        .layer(CompressionLayer::new())
        .layer(security_headers::layers())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::notify::wake::after_writes,
        ))
        .layer(axum::middleware::from_fn(observe::count))
        .layer(CatchPanicLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(observe::span)
                .on_request(())
                .on_response(observe::answered)
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::new(observe::REQUEST_ID))
        .layer(SetRequestIdLayer::new(observe::REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// The OpenAPI document, as served at `/api/openapi.json`.
pub fn openapi_json() -> String {
    let (_, openapi) = api::router();
    openapi.to_pretty_json().unwrap_or_default()
}
