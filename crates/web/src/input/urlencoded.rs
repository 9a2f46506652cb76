//! Strict `application/x-www-form-urlencoded` text (query strings and form bodies): every `%`
//! starts a two-digit hexadecimal escape and the decoded bytes are UTF-8. The usual
//! decoders replace what they cannot read, so `q=%FF` would search for nothing and answer
//! unfiltered results; these requests are refused instead (400 `invalid_query`).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::pages::PageError;

/// Why `raw` is not valid urlencoded text ("has a `%` at byte 3 that…"), for the
/// developer who sent it.
pub fn check(raw: &[u8]) -> Result<(), String> {
    let mut decoded = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'%' => {
                let hex = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                    .ok_or_else(|| {
                        format!("has a `%` at byte {i} that does not start a %XX escape")
                    })?;
                decoded.push(u8::from_str_radix(hex, 16).map_err(|e| e.to_string())?);
                i += 3;
            }
            b => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded)
        .map(|_| ())
        .map_err(|e| format!("is not UTF-8 once decoded ({e})"))
}

/// Middleware: a request whose query string is not strict urlencoded text gets a 400
/// `invalid_query` (problem+json under `/api/`, a page elsewhere) and reaches no handler.
pub async fn strict_query(request: Request, next: Next) -> Response {
    let Some(query) = request.uri().query() else {
        return next.run(request).await;
    };
    match check(query.as_bytes()) {
        Ok(()) => next.run(request).await,
        Err(message) => {
            let error = AppError::BadRequest {
                code: "invalid_query",
                message: format!("the query string {message}"),
            };
            if request.uri().path().starts_with("/api/") {
                error.into_response()
            } else {
                PageError(error).into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn valid_text_passes() {
        for ok in [
            "",
            "q=rust",
            "q=caf%C3%A9&limit=5",
            "q=a+b",
            "q=%e2%9c%93",
            "a=&b",
        ] {
            assert_eq!(check(ok.as_bytes()), Ok(()), "{ok}");
        }
    }

    #[test]
    fn broken_escapes_and_invalid_utf8_are_refused() {
        for bad in ["q=%FF", "q=%C3", "q=%zz", "q=%4", "q=100%", "q=%C3%28"] {
            assert!(check(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(check(b"q=\xff").is_err());
    }
}
