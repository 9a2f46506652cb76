//! Uploaded files. Every body is limited to 1 MiB, except on the routes that take an
//! attendee file (the import page and `POST …/imports`), which read up to [`UPLOAD_BYTES`]
//! themselves so that a file too large gets a clear message. The page sends the file as
//! `multipart/form-data`, read here (one small parser: a file field and text fields).

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use tower::ServiceExt;
use tower_http::limit::RequestBodyLimitLayer;

use crate::app::imports::MAX_BYTES;
use crate::error::AppError;

/// The largest body read on an upload route: the largest file, and room for a form around it.
pub const UPLOAD_BYTES: usize = MAX_BYTES + 64 * 1024;
/// The largest body on every other route.
pub const BODY_BYTES: usize = 1024 * 1024;

/// Whether `path` takes an uploaded file (`POST` only).
pub fn is_upload(path: &str) -> bool {
    let Some(rest) = path
        .strip_prefix("/c/")
        .map(|r| (r, "/import"))
        .or_else(|| {
            path.strip_prefix("/api/v1/communities/")
                .map(|r| (r, "/imports"))
        })
    else {
        return false;
    };
    let (rest, tail) = rest;
    rest.split_once('/')
        .is_some_and(|(cid, end)| !cid.is_empty() && format!("/{end}") == tail)
}

/// The body limit: 1 MiB, or none here for an upload route (its handler reads at most
/// [`UPLOAD_BYTES`] and says so when the file is larger).
pub async fn body_limit(req: Request, next: Next) -> Response {
    if req.method() == axum::http::Method::POST && is_upload(req.uri().path()) {
        return next.run(req).await;
    }
    let service = tower::ServiceBuilder::new()
        .layer(RequestBodyLimitLayer::new(BODY_BYTES))
        .map_request(into_axum)
        .service(next);
    match service.oneshot(req).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// A request with a wrapped body, as the rest of the app takes it.
fn into_axum<B>(req: axum::http::Request<B>) -> Request
where
    B: axum::body::HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    req.map(Body::new)
}

/// The file is over the limit.
pub fn too_large() -> AppError {
    peerlearn_domain::Invalid::new("file", "invalid-import-too-large")
        .arg("max", MAX_BYTES / (1024 * 1024))
        .into()
}

/// Reads a whole upload body, at most [`UPLOAD_BYTES`].
pub async fn read_body(body: Body) -> Result<Bytes, AppError> {
    axum::body::to_bytes(body, UPLOAD_BYTES).await.map_err(|e| {
        // axum's only words for "over the limit" (its `LengthLimitError` is not public).
        let too_big = e.to_string().contains("length limit");
        if too_big {
            too_large()
        } else {
            AppError::BadRequest {
                code: "unreadable_body",
                message: e.to_string(),
            }
        }
    })
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// The file's name, for a file field.
    pub file_name: Option<String>,
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` body, from its headers.
pub fn boundary(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mut params = value.split(';');
    if !params
        .next()?
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
    {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let last_start = haystack.len() - needle.len();
    let mut i = from;
    while i <= last_start {
        match haystack[i..=last_start].iter().position(|b| *b == first) {
            Some(p) => i += p,
            None => return None,
        }
        if &haystack[i..i + needle.len()] == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A quoted parameter of a `Content-Disposition` header (`name="file"`).
fn disposition_param(header_value: &str, param: &str) -> Option<String> {
    header_value.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(param)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts of a `multipart/form-data` body; `None` when it is not one.
pub fn parse_multipart(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut at = find(body, delimiter, 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Some(parts);
        }
        let start = at + body[at..].strip_prefix(b"\r\n").map_or(0, |_| 2);
        let head_end = find(body, b"\r\n\r\n", start)?;
        let head = std::str::from_utf8(&body[start..head_end]).ok()?;
        let content_start = head_end + 4;
        let mut end_delimiter = b"\r\n".to_vec();
        end_delimiter.extend_from_slice(delimiter);
        let next = find(body, &end_delimiter, content_start)?;
        let disposition = head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then(|| v.trim().to_string())
        })?;
        parts.push(Part {
            name: disposition_param(&disposition, "name")?,
            file_name: disposition_param(&disposition, "filename"),
            data: body[content_start..next].to_vec(),
        });
        at = next + end_delimiter.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_routes_are_the_two_import_posts() {
        assert!(is_upload("/c/12/import"));
        assert!(is_upload("/api/v1/communities/12/imports"));
        assert!(!is_upload("/c/12/import/3/confirm"));
        assert!(!is_upload("/api/v1/communities/12/imports/3/confirm"));
        assert!(!is_upload("/c/12/topics"));
        assert!(!is_upload("/c//import"));
        assert!(!is_upload("/api/v1/communities/12/members"));
    }

    #[test]
    fn reads_a_file_and_a_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n\
Content-Type: text/csv\r\n\r\nemail,name\r\na@x.org,A\r\n\r\n--XyZ--\r\n";
        let parts = parse_multipart(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "csrf");
        assert_eq!(parts[0].data, b"tok");
        assert_eq!(parts[1].file_name.as_deref(), Some("people.csv"));
        assert_eq!(parts[1].data, b"email,name\r\na@x.org,A\r\n");
        assert!(parse_multipart(b"no parts here", "XyZ").is_none());
        assert!(parse_multipart(b"--XyZ\r\nbroken", "XyZ").is_none());
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=\"abc\"".parse().unwrap(),
        );
        assert_eq!(boundary(&headers).as_deref(), Some("abc"));
        headers.insert(header::CONTENT_TYPE, "text/csv".parse().unwrap());
        assert_eq!(boundary(&headers), None);
    }
}
