//! Front-end files, vendored from the npm registry into `static/` and embedded in the binary
//! (no CDN): htmx 2.0.11 and Pico CSS 2.1.1, plus our own stylesheet.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const HTMX: &[u8] = include_bytes!("../static/htmx-2.0.11.min.js");
const PICO: &[u8] = include_bytes!("../static/pico-2.1.1.min.css");
const APP_CSS: &[u8] = include_bytes!("../static/app.css");

fn asset(body: &'static [u8], content_type: &'static str) -> impl IntoResponse + Clone {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
}

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(
            "/static/htmx-2.0.11.min.js",
            get(|| async { asset(HTMX, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/static/pico-2.1.1.min.css",
            get(|| async { asset(PICO, "text/css; charset=utf-8") }),
        )
        .route(
            "/static/app.css",
            get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }),
        )
}
