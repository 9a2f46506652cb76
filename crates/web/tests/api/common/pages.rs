//! Pages driven without a browser: GETs with cookies, and forms posted as a browser posts
//! them (the CSRF cookie and field, urlencoded).

use axum::body::Body;
use axum::http::{Method, Request, header};

use super::{Reply, TestApp};

/// The CSRF token every page form in these tests carries.
const CSRF: &str = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";

impl TestApp {
    /// A page, with `cookies` (e.g. `pl_session=…`; may be empty); `json` holds the HTML text.
    pub async fn page(&self, path: &str, cookies: &str) -> Reply {
        let request = Request::builder()
            .uri(path)
            .header(header::COOKIE, format!("pl_csrf={CSRF}; {cookies}"))
            .body(Body::empty())
            .expect("a request");
        self.request(request).await
    }

    /// Posts a page form with `fields` and `cookies`, with the CSRF token of the session in
    /// `cookies` (or of the CSRF cookie when there is none).
    pub async fn form(&self, path: &str, cookies: &str, fields: &[(&str, &str)]) -> Reply {
        let token = csrf_for(cookies);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("csrf", &token)
            .extend_pairs(fields)
            .finish();
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, format!("pl_csrf={CSRF}; {cookies}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("a request");
        self.request(request).await
    }
}

/// The CSRF token a page shows to a browser with `cookies`.
fn csrf_for(cookies: &str) -> String {
    session_csrf(cookies).unwrap_or_else(|| CSRF.to_string())
}

/// The CSRF token bound to the session in `cookies`, if they hold one.
pub fn session_csrf(cookies: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|c| c.trim().strip_prefix("pl_session="))
        .find(|v| !v.is_empty())
        .map(peerlearn_web::session_csrf_token)
}

impl Reply {
    /// The HTML of a page answer.
    pub fn html(&self) -> &str {
        self.json.as_str().unwrap_or_default()
    }

    /// Where a redirect points.
    #[track_caller]
    pub fn location(&self) -> &str {
        assert!(
            self.status.is_redirection(),
            "not a redirect: {}",
            self.status
        );
        self.header("location").expect("a Location header")
    }

    /// The `name=value` of a cookie the answer sets, for the next request.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }
}
