//! Page weight: a page and everything it loads (styles, scripts, icons) stay under 100 KB
//! compressed on a first visit, and nothing is fetched from another site.

use axum::body::Body;
use axum::http::{Request, header};

use crate::common::{PASSWORD, TestApp};
use peerlearn_testkit::TestDb;

/// The compressed size of a GET, as a browser that accepts gzip receives it.
async fn gzipped(app: &TestApp, path: &str, cookies: &str) -> (usize, String) {
    let request = Request::builder()
        .uri(path)
        .header(header::ACCEPT_ENCODING, "gzip")
        .header(header::COOKIE, cookies)
        .body(Body::empty())
        .expect("a request");
    let response = tower::ServiceExt::oneshot(peerlearn_web::app(app.state.clone()), request)
        .await
        .expect("answers");
    assert_eq!(response.status(), 200, "{path}");
    let encoding = response.headers().get(header::CONTENT_ENCODING).cloned();
    let bytes = axum::body::to_bytes(response.into_body(), 8 << 20)
        .await
        .expect("body");
    let text = if encoding.is_some() {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
            .expect("gzip");
        out
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    (bytes.len(), text)
}

/// The same-site files a page refers to (`href` and `src` under `/static/`), once each.
fn assets(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let value = &rest[..rest.find('"').unwrap_or(0)];
            assert!(
                !value.starts_with("http://")
                    && !value.starts_with("https://")
                    && !value.starts_with("//"),
                "a page loads {value} from another site"
            );
            if value.starts_with("/static/") {
                let file = value.split('#').next().unwrap_or(value).to_string();
                if !found.contains(&file) {
                    found.push(file);
                }
            }
        }
    }
    found
}

peerlearn_testkit::backend_tests! {
    async fn every_page_with_what_it_loads_stays_under_100_kb_compressed(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let cid = app.community(&token, "open").await["id"].as_str().expect("an id").to_string();
        let session = app.form("/signin", "", &[("email", "ana@example.org"), ("password", PASSWORD)]).await.cookie("pl_session").expect("signed in");
        for (path, cookies) in [
            ("/".to_string(), String::new()),
            ("/signup".to_string(), String::new()),
            ("/communities".to_string(), session.clone()),
            (format!("/c/{cid}"), session.clone()),
            (format!("/c/{cid}/topics"), session.clone()),
            (format!("/c/{cid}/settings"), session.clone()),
        ] {
            let (page, html) = gzipped(&app, &path, &cookies).await;
            let mut total = page;
            let mut parts = vec![format!("page {page} B")];
            for asset in assets(&html) {
                let (size, _) = gzipped(&app, &asset, "").await;
                total += size;
                parts.push(format!("{asset} {size} B"));
            }
            println!("{path}: {total} B compressed ({})", parts.join(", "));
            assert!(total < 100 * 1024, "{path} weighs {total} B: {parts:?}");
        }
    }
}
