//! Browser security headers on every answer: a strict Content-Security-Policy (our own
//! scripts, styles and images only; no inline script, no inline event handler, no inline
//! style; no framing), `nosniff` and a same-origin referrer.

use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy: everything from this origin, images also as `data:` URLs (QR codes), nothing
/// inline, no plugins, no `<base>`, forms only to this origin, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type Header = SetResponseHeaderLayer<HeaderValue>;

fn header(name: HeaderName, value: &'static str) -> Header {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// The four header layers, one inside the other.
type Headers = ServiceBuilder<Stack<Header, Stack<Header, Stack<Header, Stack<Header, Identity>>>>>;

/// The layers that set the headers (a handler that sets one itself keeps its own).
pub fn layers() -> Headers {
    ServiceBuilder::new()
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "same-origin"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
}

#[cfg(test)]
mod tests {
    /// Templates carry no inline script, event handler, style or `javascript:` link: the
    /// policy above would block them, so a page that needs one is broken.
    #[test]
    fn no_template_needs_what_the_policy_blocks() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path)
                .expect("template")
                .to_lowercase();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for (at, _) in text.match_indices(" on") {
                let word: String = text[at + 3..]
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                if !word.is_empty() && text[at + 3 + word.len()..].starts_with('=') {
                    found.push(format!("{name}: on{word}="));
                }
            }
            for bad in [" style=", "javascript:"] {
                if text.contains(bad) {
                    found.push(format!("{name}: {bad}"));
                }
            }
            for (at, _) in text.match_indices("<script") {
                let tag = &text[at..at + text[at..].find('>').unwrap_or(0)];
                if !tag.contains(" src=") {
                    found.push(format!("{name}: inline <script>"));
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
