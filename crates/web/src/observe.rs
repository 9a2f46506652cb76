//! What an operator sees of a running server: every request runs in a span with its matched
//! route, method, status, latency and request id (taken from `x-request-id` or made, and
//! returned in the answer's `x-request-id`); Prometheus metrics are served at `GET /metrics`
//! to whoever holds the configured token, and to nobody when none is configured.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tracing::Span;

use crate::state::AppState;

/// The header that carries a request's id, in and out.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Upper bounds of the latency histogram's buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's metrics recorder, installed on first use. When a program embedding the app
/// installed its own recorder first, this one renders nothing and theirs gets the metrics.
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        let recorder = builder
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &LATENCY_BUCKETS,
            )
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics stays empty");
        }
        handle
    })
}

/// The span of one request. Status and latency are filled in when it is answered.
pub fn span(request: &Request) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        request_id = id,
        status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    )
}

/// Records the answer in the request's span and logs it.
pub fn answered(response: &Response, latency: Duration, span: &Span) {
    span.record("status", response.status().as_u16());
    span.record("latency_ms", latency.as_secs_f64() * 1000.0);
    if response.status().is_server_error() {
        tracing::error!(parent: span, "answered with a server error");
    } else {
        tracing::info!(parent: span, "answered");
    }
}

/// Counts every request and its latency by route, method and status.
pub async fn count(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let labels = [
        ("route", route),
        ("method", method),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: Prometheus text, for the holder of the metrics token (as a bearer token).
/// Without a configured token the endpoint does not exist.
pub async fn metrics_endpoint(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics_token.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| token.matches(g)) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    gauges(&state).await;
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        recorder().render(),
    )
        .into_response()
}

/// Reads the gauges that describe the present: the database pools and the outbox.
async fn gauges(state: &AppState) {
    let pools = state.store.pool_usage();
    metrics::gauge!("db_pool_connections", "pool" => "read").set(f64::from(pools.read_size));
    metrics::gauge!("db_pool_idle", "pool" => "read").set(pools.read_idle as f64);
    metrics::gauge!("db_pool_connections", "pool" => "write").set(f64::from(pools.write_size));
    metrics::gauge!("db_pool_idle", "pool" => "write").set(pools.write_idle as f64);
    match state.store.outbox_depth(state.clock.now()).await {
        Ok(depth) => {
            metrics::gauge!("outbox_pending").set(depth.pending as f64);
            metrics::gauge!("outbox_oldest_age_seconds").set(depth.oldest_age_seconds as f64);
        }
        Err(e) => tracing::warn!(error = %e, "outbox depth could not be read"),
    }
}
