//! Server-rendered pages.

use axum::Router;
use axum::response::IntoResponse;

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}

pub async fn not_found() -> impl IntoResponse {
    AppError::NotFound("page")
}
