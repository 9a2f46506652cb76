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

pub use auth::hash_password;

/// Issues an API token for `user` (for operators' tooling and tests); the secret is returned
/// once and only its hash is stored.
pub async fn issue_api_token(
    state: &AppState,
    user: &peerlearn_store::User,
) -> Result<String, AppError> {
    Ok(
        app::accounts::issue(state, user, peerlearn_store::TokenKind::Api)
            .await?
            .secret,
    )
}
pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use config::{Config, Secret};
pub use error::AppError;
pub use router::{app, openapi_json};
pub use server::ConnectionLimits;
pub use state::AppState;

use std::time::Duration;

/// Serves `state` on `listener` until `shutdown` completes, then drains open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let cleaner = state.clone();
    let worker = tokio::spawn(notify::worker(state.clone()));
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
        }
    });
    let limits = state.config.connections.clone();
    let result = server::run(listener, app(state), limits, shutdown).await;
    janitor.abort();
    worker.abort();
    result
}
