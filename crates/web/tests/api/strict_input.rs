//! Input is read one way only: an id has one written form (`7`, never `07`, `+7` or ` 7`),
//! and a query string or form that is not valid percent-encoded UTF-8 is refused with a 400
//! instead of being read as something else (an unfiltered search).

use crate::common::TestApp;
use crate::common::id;
use axum::body::Body;
use axum::http::{Method, Request, header};
use peerlearn_testkit::TestDb;
use serde_json::json;

/// The same id written other ways, as they appear in a URL path.
fn other_spellings(id: &str) -> [String; 5] {
    [
        format!("0{id}"),
        format!("+{id}"),
        format!("%20{id}"),
        format!("{id}%20"),
        format!("{id}.0"),
    ]
}

peerlearn_testkit::backend_tests! {
    async fn ids_have_one_written_form_in_the_api_and_the_pages(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let topic = app.post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
            json!({"kind": "offer", "title": "Rust lifetimes", "format": "one_on_one",
                "mode": "virtual"})).await.ok(201).clone();
        let tid = id(&topic);
        app.get(&format!("/api/v1/topics/{tid}"), &ana).await.ok(200);
        app.get(&format!("/api/v1/communities/{cid}"), &ana).await.ok(200);
        for other in other_spellings(&tid) {
            app.get(&format!("/api/v1/topics/{other}"), &ana).await.problem(404, "not_found");
        }
        for other in other_spellings(&cid) {
            app.get(&format!("/api/v1/communities/{other}"), &ana).await.problem(404, "not_found");
            app.get(&format!("/api/v1/communities/{other}/topics"), &ana).await.problem(404, "not_found");
        }

        let browser = app.browser(&ana).await;
        app.page_as(Some(&browser), &format!("/c/{cid}/topics/{tid}"), &[]).await.html_page(200);
        for other in other_spellings(&tid) {
            app.page_as(Some(&browser), &format!("/c/{cid}/topics/{other}"), &[]).await.html_page(404);
        }
        for other in other_spellings(&cid) {
            app.page_as(Some(&browser), &format!("/c/{other}"), &[]).await.html_page(404);
        }
        // Ids inside query strings and bodies are read the same way.
        let topics = format!("/api/v1/communities/{cid}/topics");
        let me = app.my_profile(&ana, &cid).await;
        let host = id(&me);
        app.get(&format!("{topics}?host={host}"), &ana).await.ok(200);
        app.get(&format!("{topics}?host=0{host}"), &ana).await.invalid("host");
        app.post_json(&format!("/api/v1/communities/{cid}/dismissals"), &ana,
            json!({"topic_id": format!("0{tid}")})).await.invalid("topic_id");
    }

    async fn a_query_string_that_is_not_utf8_is_refused(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let topics = format!("/api/v1/communities/{cid}/topics");
        app.post_json(&topics, &ana, json!({"kind": "offer", "title": "Café culture",
            "format": "one_on_one", "mode": "virtual"})).await.ok(201);
        let found = app.get(&format!("{topics}?q=caf%C3%A9"), &ana).await;
        assert_eq!(found.ok(200)["items"].as_array().map(Vec::len), Some(1));

        for bad in ["q=%FF", "q=caf%C3", "q=%zz", "q=100%", "limit=5&q=%C3%28"] {
            let reply = app.get(&format!("{topics}?{bad}"), &ana).await;
            let problem = reply.problem(400, "invalid_query");
            assert!(problem["detail"].as_str().is_some_and(|d| d.contains("query string")), "{problem:#}");
        }
        app.get(&format!("/api/v1/communities/{cid}/members?q=%FF"), &ana).await.problem(400, "invalid_query");
        app.get(&format!("/api/v1/communities/{cid}/questions?q=%E2%82"), &ana).await.problem(400, "invalid_query");

        let browser = app.browser(&ana).await;
        app.page_as(Some(&browser), &format!("/c/{cid}/topics?q=caf%C3%A9"), &[]).await.html_page(200);
        app.page_as(Some(&browser), &format!("/c/{cid}/topics?q=%FF"), &[]).await.html_page(400);
        app.page_as(Some(&browser), &format!("/c/{cid}/members?q=%zz"), &[]).await.html_page(400);
    }

    async fn a_form_that_is_not_utf8_is_refused_and_changes_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let browser = app.browser(&ana).await;
        let body = format!("csrf={}&kind=offer&title=Caf%E9&format=one_on_one&mode=virtual",
            browser.csrf);
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("/c/{cid}/topics/new"))
            .header(header::COOKIE, &browser.cookies)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("a request");
        app.request(request).await.html_page(400);
        let list = app.get(&format!("/api/v1/communities/{cid}/topics"), &ana).await;
        assert_eq!(list.ok(200)["items"].as_array().map(Vec::len), Some(0));
    }
}
