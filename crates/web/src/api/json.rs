//! `ApiJson<T>`: reads a JSON body into `T`, answering 400 with the path of the offending
//! field (`offers[3]: invalid type…`) instead of axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The largest JSON body the API reads (64 KiB).
pub const MAX_JSON_BYTES: usize = 64 * 1024;

pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim();
                v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
            });
        if !is_json {
            return Err(AppError::BadRequest {
                code: "unsupported_media_type",
                message: String::new(),
            });
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            let code = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                "body_too_large"
            } else {
                "unreadable_body"
            };
            AppError::BadRequest {
                code,
                message: e.body_text(),
            }
        })?;
        if bytes.len() > MAX_JSON_BYTES {
            return Err(AppError::BadRequest {
                code: "body_too_large",
                message: format!("at most {MAX_JSON_BYTES} bytes"),
            });
        }
        parse(&bytes).map(ApiJson)
    }
}

/// Deserializes `bytes`, naming the path of the first bad field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() {
            "malformed_json"
        } else {
            "invalid_body"
        };
        let message = if path == "." || path.is_empty() {
            inner.to_string()
        } else {
            format!("field `{path}`: {inner}")
        };
        AppError::BadRequest { code, message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        tags: Vec<String>,
    }

    #[test]
    fn errors_name_the_field() {
        let err = parse::<Body>(br#"{"name": "x", "tags": ["a", 3]}"#).unwrap_err();
        assert_eq!(err.code(), "invalid_body");
        assert!(err.detail().contains("tags[1]"), "{}", err.detail());
        let err = parse::<Body>(br#"{"tags": []}"#).unwrap_err();
        assert!(
            err.detail().contains("missing field `name`"),
            "{}",
            err.detail()
        );
        let err = parse::<Body>(b"{not json").unwrap_err();
        assert_eq!(err.code(), "malformed_json");
    }
}
