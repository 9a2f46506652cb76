//! The web layer's one error type, mapped to HTTP in one place: RFC 9457 problem details
//! (`application/problem+json`) with a stable `code`. 5xx answers are opaque and logged.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{Arg, CHECK_IN_OPENS_MINUTES, CheckInClosed, Invalid, InvalidInput};
use peerlearn_store::StoreError;
use serde::Serialize;

use crate::autoschedule::ScheduleError;
use crate::i18n::{self, Lang};

#[derive(Debug)]
pub enum AppError {
    /// Fields that do not make valid values (422, `invalid_input`).
    Invalid(InvalidInput),
    /// A request that cannot be read at all: 400, but 413 for `body_too_large` and 415 for
    /// `unsupported_media_type`. `message` says, for the developer, exactly
    /// what could not be read (a JSON path and the parser's words); it is not translated.
    BadRequest { code: &'static str, message: String },
    /// No valid session or token (401, `not_signed_in`).
    Unauthorized,
    /// Wrong email or password; the same for both (401, `bad_credentials`).
    BadCredentials,
    /// Signed in, but not allowed (403): the id of the reason's message (`forbidden-…`).
    Forbidden(&'static str),
    /// Unknown, or invisible to the caller (404): what was not found ("topic"), which
    /// names its message (`not-found-topic`).
    NotFound(&'static str),
    /// The change conflicts with existing data (409). People read `conflict-{code}` (with
    /// `args`), or the reason of the one field it is about; `message` is the English text
    /// kept for a code without a translation.
    Conflict {
        code: &'static str,
        message: String,
        args: Vec<(&'static str, Arg)>,
        reason: Option<Box<Invalid>>,
    },
    /// Too many attempts (429), with the seconds to wait.
    TooManyRequests { retry_after: u64 },
    /// A bug or an outage (500); the cause is logged, never sent.
    Internal(String),
}

impl AppError {
    /// One invalid field, with a message id without values (`invalid-…`).
    pub fn invalid(field: &str, id: &'static str) -> Self {
        Self::Invalid(InvalidInput::one(field, id))
    }

    /// A number out of range: "must be between `min` and `max`".
    pub fn out_of_range(field: &str, min: i64, max: i64) -> Self {
        Invalid::new(field, "invalid-between")
            .arg("min", min)
            .arg("max", max)
            .into()
    }

    /// A refusal because of the data's state, with its stable code and English text.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
            args: Vec::new(),
            reason: None,
        }
    }

    /// A refusal about one field (a proposed time someone is busy at): people read the
    /// field's reason, and a form can show it next to that field.
    pub fn conflict_about(code: &'static str, reason: Invalid) -> Self {
        Self::Conflict {
            code,
            message: String::new(),
            args: Vec::new(),
            reason: Some(Box::new(reason)),
        }
    }

    /// Adds a named value to a conflict's message (other errors are unchanged).
    pub fn with_arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        if let Self::Conflict { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
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
            Self::BadRequest {
                code: "body_too_large",
                ..
            } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BadRequest {
                code: "unsupported_media_type",
                ..
            } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
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

    /// A sentence for the person who made the request, in the request's language.
    pub fn detail(&self) -> String {
        self.detail_in(i18n::current().lang())
    }

    /// A sentence for the person who made the request, in `lang`.
    pub fn detail_in(&self, lang: Lang) -> String {
        match self {
            Self::Invalid(e) => e
                .errors
                .iter()
                .map(|i| lang.invalid_sentence(i))
                .collect::<Vec<_>>()
                .join(" "),
            Self::BadRequest { code, message } => {
                let lead = lang.t(&key("bad-request", code));
                if message.is_empty() {
                    lead
                } else {
                    lang.t_args(
                        "bad-request-with-detail",
                        &[
                            ("lead", FluentValue::from(lead)),
                            ("detail", FluentValue::from(message.as_str())),
                        ],
                    )
                }
            }
            Self::Conflict {
                reason: Some(reason),
                ..
            } => lang.invalid_sentence(reason),
            Self::Conflict {
                code,
                message,
                args,
                reason: None,
            } => lang
                .try_message(&key("conflict", code), args)
                .unwrap_or_else(|| message.clone()),
            Self::Unauthorized => lang.t("error-not-signed-in"),
            Self::BadCredentials => lang.t("error-bad-credentials"),
            Self::Forbidden(id) => lang.t(id),
            Self::NotFound(what) => lang
                .try_message(&key("not-found", what), &[])
                .unwrap_or_else(|| lang.t("not-found")),
            Self::TooManyRequests { retry_after } => lang.t_args(
                "error-too-many-attempts",
                &[("seconds", FluentValue::from(*retry_after))],
            ),
            Self::Internal(_) => lang.t("error-internal"),
        }
    }

    /// The status's reason phrase, in `lang` ("Not found", "Introuvable").
    pub fn title_in(&self, lang: Lang) -> String {
        let status = self.status();
        lang.try_message(&format!("status-{}", status.as_u16()), &[])
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("Error").to_string())
    }
}

/// The message id for a code or word: `key("conflict", "email_taken")` is
/// `conflict-email-taken`.
pub fn key(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace(['_', ' '], "-"))
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => Self::NotFound(what),
            StoreError::Conflict {
                code,
                message,
                args,
            } => Self::Conflict {
                code,
                message,
                args,
                reason: None,
            },
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

impl From<CheckInClosed> for AppError {
    fn from(c: CheckInClosed) -> Self {
        Self::conflict(c.code(), c.message()).with_arg("minutes", CHECK_IN_OPENS_MINUTES)
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
    /// The field as the request spelled it (`proposed_times[0]`); the same in every language.
    pub field: String,
    /// Why, for a person, without the field's name: "must be in the future".
    pub message: String,
}

impl AppError {
    /// The problem document, in the request's language (`Accept-Language` or the language
    /// cookie); `code` and each `field` stay the same in every language.
    pub fn problem(&self) -> Problem {
        self.problem_in(i18n::current().lang())
    }

    pub fn problem_in(&self, lang: Lang) -> Problem {
        Problem {
            status: self.status().as_u16(),
            title: self.title_in(lang),
            detail: self.detail_in(lang),
            code: self.code().to_string(),
            errors: match self {
                Self::Invalid(e) => e
                    .errors
                    .iter()
                    .map(|i| FieldProblem {
                        field: i.field.clone(),
                        message: lang.invalid(i),
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
        let refused = AppError::Forbidden("forbidden-join-first").hidden_as("topic");
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    }
}
