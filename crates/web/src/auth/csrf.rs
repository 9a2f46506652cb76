//! CSRF protection with a double-submit cookie: every page visitor gets a random `pl_csrf`
//! cookie; every state-changing form carries the same value in a hidden field, and every
//! cookie-authenticated API call in the `X-CSRF-Token` header. Another site can make the
//! browser send the cookie, but cannot read it to put it in the form.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use super::new_secret;
use crate::error::AppError;

pub const CSRF_COOKIE: &str = "pl_csrf";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// This visitor's CSRF token, for forms.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl CsrfToken {
    /// Whether `sent` (from a form field or header) is this visitor's token.
    pub fn verify(&self, sent: Option<&str>) -> Result<(), AppError> {
        match sent {
            Some(s) if !s.is_empty() && constant_time_eq(s.as_bytes(), self.0.as_bytes()) => Ok(()),
            _ => Err(AppError::Forbidden("forbidden-form-expired")),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: makes sure every visitor has a CSRF cookie, and puts its value in the
/// request's extensions for [`CsrfToken`].
pub async fn ensure_csrf_cookie(jar: CookieJar, mut request: Request, next: Next) -> Response {
    let existing = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64);
    let (token, fresh) = match existing {
        Some(v) => (v, false),
        None => (new_secret(), true),
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let response = next.run(request).await;
    if fresh {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .build();
        (jar.add(cookie), response).into_response()
    } else {
        response
    }
}

use axum::response::IntoResponse;

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| AppError::Internal("CSRF middleware missing".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_verifies() {
        let t = CsrfToken("a".repeat(64));
        assert!(t.verify(Some(&"a".repeat(64))).is_ok());
        assert!(t.verify(Some(&"b".repeat(64))).is_err());
        assert!(t.verify(Some("")).is_err());
        assert!(t.verify(None).is_err());
    }
}
