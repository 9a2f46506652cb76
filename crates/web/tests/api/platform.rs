//! Health checks, the OpenAPI document (snapshot-tested) and a real socket.

use crate::common::{PASSWORD, TestApp, spawn_server};
use peerlearn_testkit::TestDb;
use peerlearn_web::Config;
use serde_json::{Value, json};

peerlearn_testkit::backend_tests! {
    async fn health_and_readiness_answer(db: TestDb) {
        let app = TestApp::new(db).await;
        let health = app.get("/healthz", "").await;
        assert_eq!((health.status.as_u16(), health.json.as_str()), (200, Some("ok")));
        let ready = app.get("/readyz", "").await;
        assert_eq!((ready.status.as_u16(), ready.json.as_str()), (200, Some("ready")));
    }

    async fn readiness_fails_when_the_database_is_gone(db: TestDb) {
        let app = TestApp::new(db).await;
        app.store().close().await;
        let ready = app.get("/readyz", "").await;
        assert_eq!(ready.status.as_u16(), 503);
        assert_eq!(app.get("/healthz", "").await.status.as_u16(), 200);
    }

    async fn a_real_server_signs_up_and_answers_over_tcp(db: TestDb) {
        let server = spawn_server(db.store(), Config::default()).await;
        let client = reqwest::Client::new();
        let health = client.get(format!("{}/healthz", server.base)).send().await.expect("an answer");
        assert_eq!(health.status().as_u16(), 200);
        let signup = client
            .post(format!("{}/api/v1/signup", server.base))
            .json(&json!({"email": "ana@example.org", "password": PASSWORD, "display_name": "Ana"}))
            .send()
            .await
            .expect("an answer");
        assert_eq!(signup.status().as_u16(), 201);
        let token = signup.json::<Value>().await.expect("JSON")["token"].as_str().expect("a token").to_string();
        let me = client
            .get(format!("{}/api/v1/me", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .expect("an answer");
        assert_eq!(me.json::<Value>().await.expect("JSON")["email"], "ana@example.org");
        let bad = client
            .post(format!("{}/api/v1/tokens", server.base))
            .json(&json!({"email": "ana@example.org", "password": "wrong password"}))
            .send()
            .await
            .expect("an answer");
        assert_eq!(bad.status().as_u16(), 401);
        assert_eq!(
            bad.headers().get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        server.shutdown().await;
    }

    async fn the_per_ip_limit_applies_over_a_real_socket(db: TestDb) {
        let config = Config { login_attempts_per_ip: 2, ..Config::default() };
        let server = spawn_server(db.store(), config).await;
        let client = reqwest::Client::new();
        let attempt = |email: &'static str| {
            client
                .post(format!("{}/api/v1/tokens", server.base))
                .json(&json!({"email": email, "password": "wrong password"}))
                .send()
        };
        assert_eq!(attempt("a@example.org").await.expect("an answer").status().as_u16(), 401);
        assert_eq!(attempt("b@example.org").await.expect("an answer").status().as_u16(), 401);
        let limited = attempt("c@example.org").await.expect("an answer");
        assert_eq!(limited.status().as_u16(), 429);
        assert!(limited.headers().get("retry-after").is_some());
        assert_eq!(limited.json::<Value>().await.expect("JSON")["code"], "too_many_attempts");
        server.shutdown().await;
    }
}

/// The API paths the contract (API.md) promises, each with its methods.
const CONTRACT: &[(&str, &[&str])] = &[
    ("/api/v1/signup", &["post"]),
    ("/api/v1/tokens", &["post"]),
    ("/api/v1/tokens/current", &["delete"]),
    ("/api/v1/me", &["get"]),
    ("/api/v1/communities", &["post"]),
    ("/api/v1/communities/{cid}", &["get", "put"]),
    ("/api/v1/communities/{cid}/invite_code", &["post"]),
    ("/api/v1/communities/{cid}/members", &["get", "post"]),
    ("/api/v1/communities/{cid}/members/me", &["get", "put"]),
    (
        "/api/v1/communities/{cid}/members/me/availability",
        &["put"],
    ),
    ("/api/v1/communities/{cid}/members/{mid}", &["get"]),
    ("/api/v1/communities/{cid}/members/{mid}/role", &["put"]),
    ("/api/v1/communities/{cid}/tags", &["get"]),
    ("/api/v1/communities/{cid}/spots", &["get", "post"]),
    ("/api/v1/communities/{cid}/spots/{sid}", &["put", "delete"]),
];

#[tokio::test]
async fn the_openapi_document_lists_the_api_and_matches_its_snapshot() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let reply = app.get("/api/openapi.json", "").await;
    let doc = reply.ok(200);
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"))
    );
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().expect("paths");
    for (path, methods) in CONTRACT {
        let item = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not documented"));
        for method in *methods {
            assert!(
                item.get(*method).is_some(),
                "{method} {path} is not documented"
            );
        }
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert_eq!(
        serde_json::from_str::<Value>(&peerlearn_web::openapi_json()).expect("valid JSON"),
        *doc,
        "the served document is the one the CLI prints"
    );
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let made = app.get("/healthz", "").await;
    let id = made.header("x-request-id").expect("a request id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let other = app.get("/healthz", "").await;
    assert_ne!(other.header("x-request-id"), Some(id));
    let sent = app
        .request(
            axum::http::Request::get("/api/v1/me")
                .header("x-request-id", "trace-me-42")
                .body(axum::body::Body::empty())
                .expect("a request"),
        )
        .await;
    assert_eq!(sent.status.as_u16(), 401);
    assert_eq!(sent.header("x-request-id"), Some("trace-me-42"));
}

#[tokio::test]
async fn metrics_are_served_only_to_the_holder_of_the_token() {
    let closed = TestApp::new(TestDb::sqlite().await).await;
    assert_eq!(closed.get("/metrics", "").await.status.as_u16(), 404);
    let config = Config {
        metrics_token: Some(peerlearn_web::Secret::new("scrape-secret")),
        ..Config::default()
    };
    let app = TestApp::with_config(TestDb::sqlite().await, config).await;
    let (_, ana) = app.signup("ana@example.org", "Ana").await;
    let (_, bo) = app.signup("bo@example.org", "Bo").await;
    let cid = app.community(&ana, "open").await["id"]
        .as_str()
        .expect("an id")
        .to_string();
    app.join(&bo, &cid, None).await;
    for token in [&ana, &bo] {
        app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T12:00:00Z")
            .await;
    }
    let topic = app
        .post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
            json!({"kind": "offer", "title": "Pairing", "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}))
        .await;
    let request = app
        .post_json(
            &format!(
                "/api/v1/topics/{}/requests",
                topic.ok(201)["id"].as_str().expect("an id")
            ),
            &bo,
            json!({"proposed_times": ["2026-05-04T10:00:00Z"]}),
        )
        .await;
    app.post_json(
        &format!(
            "/api/v1/requests/{}/accept",
            request.ok(201)["id"].as_str().expect("an id")
        ),
        &ana,
        json!({"start": "2026-05-04T10:00:00Z"}),
    )
    .await
    .ok(201);
    app.get("/api/v1/communities/999999", "").await;
    app.get("/healthz", "").await;
    assert_eq!(app.get("/metrics", "").await.status.as_u16(), 401);
    assert_eq!(app.get("/metrics", "wrong").await.status.as_u16(), 401);
    let scrape = app.get("/metrics", "scrape-secret").await;
    assert_eq!(scrape.status.as_u16(), 200);
    let text = scrape.json.as_str().expect("Prometheus text");
    for expected in [
        "http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}",
        "http_requests_total{route=\"/api/v1/communities/{cid}\",method=\"GET\",status=\"401\"}",
        "http_request_duration_seconds_bucket{route=\"/healthz\",method=\"GET\",status=\"200\",le=\"0.001\"}",
        "db_pool_connections{pool=\"read\"}",
        "bookings_total{kind=\"request\"}",
        "outbox_pending ",
        "outbox_oldest_age_seconds ",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let pending: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("outbox_pending "))
        .and_then(|v| v.parse().ok())
        .expect("the outbox depth");
    assert!(
        pending >= 1.0,
        "the booking's notifications wait in the outbox: {pending}"
    );
}

mod security_headers {
    use crate::common::TestApp;
    use peerlearn_testkit::TestDb;

    peerlearn_testkit::backend_tests! {
        async fn pages_api_answers_and_files_carry_the_browser_security_headers(db: TestDb) {
            let app = TestApp::new(db).await;
            for path in ["/", "/signin", "/no-such-page", "/api/v1/me", "/static/pl.css", "/healthz"] {
                let reply = app.page(path, "").await;
                let csp = reply.header("content-security-policy").unwrap_or_default();
                assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
                assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{path}: {csp}");
                assert_eq!(reply.header("x-content-type-options"), Some("nosniff"), "{path}");
                assert_eq!(reply.header("referrer-policy"), Some("same-origin"), "{path}");
                assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
            }
        }
    }
}
