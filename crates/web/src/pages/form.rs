//! Reading HTML forms: `CsrfForm<T>` checks the CSRF field, then deserializes the rest
//! (repeated fields such as checkboxes become lists).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::auth::{CSRF_FIELD, CsrfToken};
use crate::error::AppError;

/// A form that came from one of our pages.
pub struct CsrfForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let token = req
            .extensions()
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| AppError::Internal("CSRF middleware missing".into()))?;
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest {
                code: "unreadable_body",
                message: format!("the form could not be read: {e}"),
            })?;
        let sent = url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.into_owned());
        token.verify(sent.as_deref())?;
        serde_html_form::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| AppError::BadRequest {
                code: "invalid_form",
                message: format!("the form is not valid: {e}"),
            })
    }
}
