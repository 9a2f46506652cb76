//! Waking the worker: a request that changed something (a write method answered without an
//! error) may have queued events in its transaction, which committed before the answer; the
//! worker runs them at once instead of at its next tick, so people hear of a booking within
//! milliseconds. A wake while the worker runs makes it run once more, so none is lost.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// Middleware: wakes the worker after each successful write request.
pub async fn after_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if write && !response.status().is_client_error() && !response.status().is_server_error() {
        state.jobs.notify_one();
    }
    response
}
