//! The web layer's one error type, mapped to HTTP in one place: RFC 9457 problem details
//! (`application/problem+json`) with a stable `code`. 5xx answers are opaque and logged.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peerlearn_domain::{Invalid, InvalidInput};
use peerlearn_store::StoreError;
use serde::Serialize;

use crate::autoschedule::ScheduleError;

#[derive(Debug)]
pub enum AppError {
    /// Fields that do not make valid values (422, `invalid_input`).
    Invalid(InvalidInput),
    /// A body that cannot be read at all (400).
    BadRequest { code: &'static str, message: String },
    /// No valid session or token (401, `not_signed_in`).
    Unauthorized,
    /// Wrong email or password; the same for both (401, `bad_credentials`).
    BadCredentials,
    /// Signed in, but not allowed (403).
    Forbidden(&'static str),
    /// Unknown, or invisible to the caller (404).
    NotFound(&'static str),
    /// The change conflicts with existing data (409).
    Conflict { code: &'static str, message: String },
    /// Too many attempts (429), with the seconds to wait.
    TooManyRequests { retry_after: u64 },
    /// A bug or an outage (500); the cause is logged, never sent.
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(InvalidInput::one(field, message))
    }

    /// The same answer as "`what` not found" when the caller may not see inside the
    /// community (a meeting or topic of a community they are not in); any other error, an
    /// outage say, passes through unchanged.
    pub fn hidden_as(self, what: &'static str) -> Self {
        match self {
            Self::Forbidden(_) | Self::NotFound(_) => Self::NotFound(what),
            other => other,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid_input",
            Self::BadRequest { code, .. } | Self::Conflict { code, .. } => code,
            Self::Unauthorized => "not_signed_in",
            Self::BadCredentials => "bad_credentials",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::TooManyRequests { .. } => "too_many_attempts",
            Self::Internal(_) => "internal_error",
        }
    }

    /// A sentence for the person who made the request.
    pub fn detail(&self) -> String {
        match self {
            Self::Invalid(e) => e.to_string(),
            Self::BadRequest { message, .. } | Self::Conflict { message, .. } => message.clone(),
            Self::Unauthorized => "sign in first".into(),
            Self::BadCredentials => "the email or password is not right".into(),
            Self::Forbidden(why) => (*why).into(),
            Self::NotFound(what) => format!("{what} not found"),
            Self::TooManyRequests { retry_after } => {
                format!("too many attempts; try again in {retry_after} seconds")
            }
            Self::Internal(_) => "something went wrong on our side; it has been logged".into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => Self::NotFound(what),
            StoreError::Conflict { code, message } => Self::Conflict { code, message },
            other => Self::Internal(cause_chain(&other)),
        }
    }
}

/// An error and every error beneath it, "outer: inner: innermost", for the log.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.ends_with(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    text
}

impl From<ScheduleError> for AppError {
    fn from(e: ScheduleError) -> Self {
        match e {
            ScheduleError::Store(e) => e.into(),
            other => Self::Internal(cause_chain(&other)),
        }
    }
}

impl From<InvalidInput> for AppError {
    fn from(e: InvalidInput) -> Self {
        Self::Invalid(e)
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        Self::Invalid(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("template: {e}"))
    }
}

/// A problem details document (RFC 9457).
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// The HTTP status.
    pub status: u16,
    /// A short summary of the kind of problem.
    pub title: String,
    /// What went wrong this time, for a person.
    pub detail: String,
    /// A stable, machine-readable code (snake_case).
    pub code: String,
    /// For `invalid_input`: every invalid field and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl AppError {
    pub fn problem(&self) -> Problem {
        let status = self.status();
        Problem {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            detail: self.detail(),
            code: self.code().to_string(),
            errors: match self {
                Self::Invalid(e) => e
                    .errors
                    .iter()
                    .map(|i| FieldProblem {
                        field: i.field.clone(),
                        message: i.message.clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
        }
    }

    pub(crate) fn log(&self) {
        if let Self::Internal(cause) = self {
            tracing::error!(%cause, "request failed");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Self::TooManyRequests { retry_after } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after.to_string())
        {
            headers.insert(header::RETRY_AFTER, v);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("the pool timed out")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_log_names_every_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        assert_eq!(
            cause_chain(&Outer(io)),
            "the pool timed out: connection refused"
        );
    }

    #[test]
    fn only_refusals_are_hidden_as_not_found() {
        let outage = AppError::from(StoreError::Corrupt("meeting 7 time".into()));
        assert_eq!(outage.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            !outage.detail().contains("meeting 7"),
            "people see no internals"
        );
        assert_eq!(
            outage.hidden_as("topic").status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        let refused = AppError::Forbidden("join this community first").hidden_as("topic");
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    }
}
