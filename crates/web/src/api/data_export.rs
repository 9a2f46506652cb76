//! "Export my data": ask for an archive, follow it, download it.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use peerlearn_store::{DataExport, ExportStatus};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::data_export;
use crate::auth::CurrentUser;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// The caller's data export.
#[derive(Serialize, ToSchema)]
pub struct ExportView {
    pub id: String,
    /// `pending` (being built) or `ready`.
    pub status: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; `null` until ready.
    pub ready_at: Option<String>,
    /// RFC 3339: the archive can be downloaded until then.
    pub expires_at: String,
    /// Where to download the archive, once ready.
    pub download_url: Option<String>,
}

impl From<&DataExport> for ExportView {
    fn from(e: &DataExport) -> Self {
        let ready = e.status == ExportStatus::Ready;
        Self {
            id: e.id.to_string(),
            status: e.status.as_str().to_string(),
            created_at: rfc3339(e.created_at),
            ready_at: e.ready_at.map(rfc3339),
            expires_at: rfc3339(e.expires_at),
            download_url: ready.then(|| format!("/api/v1/me/export/{}/archive", e.id)),
        }
    }
}

/// Asks for an archive of everything that refers to the caller, across all communities
/// (GDPR art. 15 and 20). It is built in the background; the caller is emailed when it is
/// ready. An export still being built is answered as it is.
#[utoipa::path(post, path = "/api/v1/me/export", tag = "accounts",
    security(("bearer" = [])),
    responses((status = 202, body = ExportView), (status = 401, body = Problem)))]
pub async fn request_export(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<impl IntoResponse, AppError> {
    let export = data_export::request(&state, &me).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(ExportView::from(&export))))
}

/// The caller's latest export: being built, or ready to download until it expires.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, body = ExportView),
        (status = 401, body = Problem),
        (status = 404, description = "`not_found`: no export, or it expired", body = Problem),
    ))]
pub async fn get_export(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<ExportView>, AppError> {
    let export = data_export::status(&state, &me)
        .await?
        .ok_or(AppError::NotFound("export"))?;
    Ok(axum::Json(ExportView::from(&export)))
}

/// The archive itself (JSON), for its owner only, until it expires.
#[utoipa::path(get, path = "/api/v1/me/export/{id}/archive", tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "export id")),
    responses(
        (status = 200, description = "The archive (`peerlearn-export/1`)", content_type = "application/json", body = Object),
        (status = 401, body = Problem),
        (status = 404, description = "`not_found`: not the caller's, not ready, or expired", body = Problem),
    ))]
pub async fn download_export(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let id: i64 = crate::input::path_id(&id, "export")?;
    archive_response(data_export::archive(&state, &me, id).await?)
}

/// An archive as a download.
pub(crate) fn archive_response(archive: String) -> Result<axum::response::Response, AppError> {
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"peerlearn-export.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        archive,
    )
        .into_response())
}
