//! CSRF protection. Every state-changing form carries the visitor's token in a hidden field,
//! and every cookie-authenticated API call in the `X-CSRF-Token` header.
//!
//! - A signed-in browser's token is derived from its session secret (a hash of it under its
//!   own label): it is bound to that session, changes at every sign-in, and no token handed
//!   to anyone else (an anonymous visitor's, another session's) works with it. The session
//!   cookie is `HttpOnly`, so another site can neither read nor compute it.
//! - A visitor who is not signed in gets a random `pl_csrf` cookie (double submit), which
//!   protects the sign-in and sign-up forms. It is `Secure` whenever sessions are.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use super::extract::SESSION_COOKIE;
use super::{hash_token, new_secret};
use crate::error::AppError;
use crate::state::AppState;

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

/// Whether the browser says a state-changing request comes from another site
/// (`Sec-Fetch-Site: cross-site` or `same-site`, a sibling subdomain): refused whatever token
/// it carries. Browsers that do not send the header rely on the token alone.
pub fn from_another_site(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.eq_ignore_ascii_case("cross-site") || v.eq_ignore_ascii_case("same-site")
        })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The CSRF token of the browser session whose cookie holds `session_secret`.
pub fn session_csrf_token(session_secret: &str) -> String {
    hash_token(&format!("peerlearn-csrf\n{session_secret}"))
}

/// Middleware: puts the request's [`CsrfToken`] in its extensions — bound to the session when
/// the browser sends one, else its `pl_csrf` cookie's, which a visitor without one gets.
pub async fn ensure_csrf_cookie(
    State(state): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    let session = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value())
        .filter(|v| !v.is_empty());
    if let Some(secret) = session {
        let token = CsrfToken(session_csrf_token(secret));
        request.extensions_mut().insert(token);
        return next.run(request).await;
    }
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
            .secure(state.config.secure_cookies)
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

    #[test]
    fn a_session_token_is_bound_to_its_session() {
        let one = session_csrf_token(&"a".repeat(64));
        assert_eq!(one.len(), 64);
        assert_eq!(one, session_csrf_token(&"a".repeat(64)));
        assert_ne!(one, session_csrf_token(&"b".repeat(64)));
        assert_ne!(
            one,
            hash_token(&"a".repeat(64)),
            "not the stored hash of the session"
        );
    }
}
