//! "Export my data" (GDPR art. 15 and 20): the member asks, the job worker builds a JSON
//! archive of everything that refers to them (`store::exports::ARCHIVE`) and emails them that
//! it is ready; the account page and the API offer it for download to its owner only, until
//! it expires.

use chrono::Duration;
use peerlearn_domain::UserId;
use peerlearn_store::{DataExport, Job, StoreError};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mailer;
use crate::state::AppState;

/// How long an export can be downloaded.
pub const EXPORT_DAYS: i64 = 7;

/// Asks for a new export (one being built is returned as it is).
pub async fn request(state: &AppState, me: &CurrentUser) -> Result<DataExport, AppError> {
    let now = state.clock.now();
    Ok(state
        .store
        .request_export(me.user.id, now + Duration::days(EXPORT_DAYS), now)
        .await?)
}

/// The caller's export, unless there is none or it expired.
pub async fn status(state: &AppState, me: &CurrentUser) -> Result<Option<DataExport>, AppError> {
    Ok(state.store.export_of(me.user.id, state.clock.now()).await?)
}

/// The archive of the caller's ready export `id` (404 `export` for anyone else's, one not
/// ready or expired).
pub async fn archive(state: &AppState, me: &CurrentUser, id: i64) -> Result<String, AppError> {
    state
        .store
        .export_archive(me.user.id, id, state.clock.now())
        .await?
        .ok_or(AppError::NotFound("export"))
}

/// Builds the export a job asks for, stores it and queues the email that says it is ready,
/// completing the job in the same transaction. An account deleted meanwhile completes it.
pub async fn run(state: &AppState, job: &Job) -> Result<(), StoreError> {
    let now = state.clock.now();
    let user = match state.store.user(UserId(job.subject)).await {
        Ok(u) => u,
        Err(StoreError::NotFound(_)) => return state.store.finish_job(job.id, now).await,
        Err(e) => return Err(e),
    };
    let archive = state.store.build_archive(user.id, now).await?;
    let lang = user
        .language
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(Lang::En);
    let link = format!("{}/account#export", state.config.public_url);
    let args = |key: &str| {
        lang.t_args(
            key,
            &[
                ("name", user.display_name.clone().into()),
                ("link", link.clone().into()),
                ("days", EXPORT_DAYS.into()),
            ],
        )
    };
    let email = mailer::Email {
        to: user.email.clone(),
        to_name: user.display_name.clone(),
        subject: lang.t("mail-export-subject"),
        text: ["mail-greeting", "mail-export-body", "mail-link"]
            .iter()
            .map(|k| args(k))
            .collect::<Vec<_>>()
            .join("\n\n"),
        ics: None,
    };
    let email = serde_json::to_string(&email).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    state
        .store
        .finish_export(job.id, user.id, &archive, Some(&email), now)
        .await
}
