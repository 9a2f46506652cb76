//! Front-end files in `static/`, embedded in the binary (no CDN): htmx 2.0.11 (vendored from the
//! npm registry), our design system `pl.css` and behaviour `pl.js` (see docs/UI.md), the profile
//! editor's tag chips `tags.js`, the service worker `sw.js` (the agenda offline), an icon sprite of Lucide icons (lucide-static, ISC), the favicon
//! and the web app manifest.

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;

const HTMX: &[u8] = include_bytes!("../static/htmx-2.0.11.min.js");
const PL_CSS: &[u8] = include_bytes!("../static/pl.css");
const PL_JS: &[u8] = include_bytes!("../static/pl.js");
const TAGS_JS: &[u8] = include_bytes!("../static/tags.js");
const ICONS: &[u8] = include_bytes!("../static/icons.svg");
const FAVICON: &[u8] = include_bytes!("../static/favicon.svg");
const MANIFEST: &[u8] = include_bytes!("../static/manifest.webmanifest");
const ICON_192: &[u8] = include_bytes!("../static/icon-192.png");
const ICON_512: &[u8] = include_bytes!("../static/icon-512.png");
const SERVICE_WORKER: &[u8] = include_bytes!("../static/sw.js");

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
            "/static/pl.css",
            get(|| async { asset(PL_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/static/pl.js",
            get(|| async { asset(PL_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/static/tags.js",
            get(|| async { asset(TAGS_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/static/icons.svg",
            get(|| async { asset(ICONS, "image/svg+xml") }),
        )
        .route(
            "/static/favicon.svg",
            get(|| async { asset(FAVICON, "image/svg+xml") }),
        )
        .route(
            "/static/manifest.webmanifest",
            get(|| async { asset(MANIFEST, "application/manifest+json") }),
        )
        .route(
            "/static/icon-192.png",
            get(|| async { asset(ICON_192, "image/png") }),
        )
        .route(
            "/static/icon-512.png",
            get(|| async { asset(ICON_512, "image/png") }),
        )
        // At the root, so that it may look after every page; never cached, so that a new
        // version takes over at the next visit.
        .route(
            "/sw.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    SERVICE_WORKER,
                )
            }),
        )
        .route(
            "/favicon.ico",
            get(|| async { Redirect::permanent("/static/favicon.svg") }),
        )
}
