//! peerlearn's web app: server-rendered pages (askama, htmx), the JSON API under `/api/v1`
//! with its OpenAPI document, authentication and sessions.
//!
//! The server is built from a [`tokio::net::TcpListener`] the caller binds, so tests bind
//! port 0 and run real servers in parallel.

mod access;
mod api;
mod app;
mod assets;
mod auth;
mod autoschedule;
mod clock;
mod config;
mod error;
mod health;
mod i18n;
mod ics;
mod input;
pub mod mailer;
pub mod markdown;
pub mod notify;
mod observe;
mod pages;
mod qa_input;
pub mod recommend;
mod router;
mod security_headers;
mod server;
mod state;
pub mod webhooks;

pub use app::imports;
pub use app::meet_now;
pub use app::{account_links, community_export, invitations, operators};
pub use auth::{hash_password, session_csrf_token};
pub use i18n::Lang;

/// Issues an API token for `user` (for operators' tooling and tests); the secret is returned
/// once and only its hash is stored.
pub async fn issue_api_token(
    state: &AppState,
    user: &peerlearn_store::User,
) -> Result<String, AppError> {
    Ok(
        app::accounts::issue(state, user, peerlearn_store::TokenKind::Api, "")
            .await?
            .secret,
    )
}
/// Opens a browser session for `user` (for load tests that sign many people in without their
/// passwords); the secret goes in the `pl_session` cookie and only its hash is stored.
pub async fn issue_session(
    state: &AppState,
    user: &peerlearn_store::User,
) -> Result<String, AppError> {
    Ok(app::accounts::issue(
        state,
        user,
        peerlearn_store::TokenKind::Session,
        "load test",
    )
    .await?
    .secret)
}
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use config::{Config, Secret, WebhookSettings};
pub use error::AppError;
pub use router::{app, openapi_json};
pub use server::ConnectionLimits;
pub use state::AppState;

use std::time::Duration;

/// How long live events are kept for streams that reconnect, in days.
const LIVE_EVENTS_KEPT_DAYS: i64 = 2;

/// Connections of the notification pipeline and live streams' own pool (PostgreSQL).
const PIPELINE_CONNECTIONS: u32 = 8;

/// How long finished webhook deliveries stay in the endpoints' logs, in days.
const WEBHOOK_DELIVERIES_KEPT_DAYS: i64 = 30;

/// Serves `state` on `listener` until `shutdown` completes, then drains open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let cleaner = state.clone();
    let streams = state.live.clone();
    // The pipeline and the live streams get connections of their own (on PostgreSQL), so
    // that what members see next never queues behind a rush of requests.
    let mut pipeline = state.clone();
    pipeline.store = state.store.with_own_pool(PIPELINE_CONNECTIONS);
    state.live.read_from(pipeline.store.clone());
    let worker = tokio::spawn(notify::worker(pipeline));
    let warm = tokio::spawn(recommend::keep_warm(state.clone()));
    // Webhooks go out from their own worker, so a slow receiver never holds up the
    // notification pipeline (or anything else).
    let hooks = tokio::spawn(webhooks::worker(state.clone()));
    let meet_now = tokio::spawn(app::meet_now::keep_sweeping(state.clone()));
    let janitor = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match cleaner
                .store
                .delete_expired_tokens(cleaner.clock.now())
                .await
            {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
            }
            let kept = chrono::Duration::days(WEBHOOK_DELIVERIES_KEPT_DAYS);
            match cleaner
                .store
                .prune_webhook_deliveries(cleaner.clock.now(), kept)
                .await
            {
                Ok(n) if n > 0 => tracing::info!(removed = n, "old webhook deliveries removed"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not remove old webhook deliveries"),
            }
            let keep = chrono::Duration::days(LIVE_EVENTS_KEPT_DAYS);
            if let Err(e) = cleaner
                .store
                .prune_live_events(cleaner.clock.now(), keep)
                .await
            {
                tracing::warn!(error = %e, "could not forget old live events");
            }
        }
    });
    let limits = state.config.connections.clone();
    let result = server::run(listener, app(state), limits, async move {
        shutdown.await;
        // Live streams never end by themselves: end them so the open connections drain.
        streams.close();
    })
    .await;
    janitor.abort();
    worker.abort();
    warm.abort();
    hooks.abort();
    meet_now.abort();
    result
}
