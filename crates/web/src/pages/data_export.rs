//! "Prepare my data" on the account page, and the archive's download.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

use super::account::EmptyForm;
use super::form::CsrfForm;
use super::{PageResult, SignedIn};
use crate::api::data_export::archive_response;
use crate::app::data_export;
use crate::state::AppState;

pub async fn request(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    data_export::request(&state, &me).await?;
    Ok(Redirect::to("/account?notice=export_requested#export").into_response())
}

pub async fn download(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(id): Path<String>,
) -> PageResult {
    let id: i64 = crate::input::path_id(&id, "export")?;
    Ok(archive_response(
        data_export::archive(&state, &me, id).await?,
    )?)
}
