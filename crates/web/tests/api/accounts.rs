//! Accounts over HTTP: sign up, tokens, sign out, who am I, rate limits, CSRF, bad bodies.

use crate::common::{PASSWORD, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, header};
use peerlearn_store::TokenKind;
use peerlearn_testkit::TestDb;
use peerlearn_web::Config;
use serde_json::json;
use sha2::{Digest, Sha256};

async fn user_count(app: &TestApp) -> i64 {
    app.store().count_users().await.expect("count")
}

peerlearn_testkit::backend_tests! {
    async fn signup_answers_201_with_the_user_and_a_working_token(db: TestDb) {
        let app = TestApp::new(db).await;
        let reply = app
            .post_json("/api/v1/signup", "", json!({"email": " Ana@Example.org ", "password": PASSWORD, "display_name": "Ana Lima"}))
            .await;
        let body = reply.ok(201);
        assert_eq!(body["user"]["email"], "ana@example.org");
        assert_eq!(body["user"]["display_name"], "Ana Lima");
        assert!(body["user"]["id"].is_string(), "ids are strings");
        let token = body["token"].as_str().expect("a token");
        let me = app.get("/api/v1/me", token).await;
        assert_eq!(me.ok(200)["email"], "ana@example.org");
        assert_eq!(me.json["id"], body["user"]["id"]);
        assert_eq!(me.json["communities"], json!([]));
    }

    async fn a_taken_email_is_409_in_any_case(db: TestDb) {
        let app = TestApp::new(db).await;
        app.signup("ana@example.org", "Ana").await;
        let reply = app
            .post_json("/api/v1/signup", "", json!({"email": "ANA@example.org", "password": PASSWORD, "display_name": "Other"}))
            .await;
        reply.problem(409, "email_taken");
        assert_eq!(user_count(&app).await, 1);
    }

    async fn invalid_signups_name_every_field_and_write_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let reply = app
            .post_json("/api/v1/signup", "", json!({"email": "not-an-email", "password": "short", "display_name": "  "}))
            .await;
        for field in ["email", "password", "display_name"] {
            reply.invalid(field);
        }
        let long_name = "x".repeat(81);
        app.post_json("/api/v1/signup", "", json!({"email": "a@example.org", "password": PASSWORD, "display_name": long_name}))
            .await
            .invalid("display_name");
        let long_email = format!("{}@example.org", "a".repeat(250));
        app.post_json("/api/v1/signup", "", json!({"email": long_email, "password": PASSWORD, "display_name": "A"}))
            .await
            .invalid("email");
        app.post_json("/api/v1/signup", "", json!({"email": "a@example.org", "password": "p".repeat(129), "display_name": "A"}))
            .await
            .invalid("password");
        assert_eq!(user_count(&app).await, 0);
    }

    async fn unreadable_signup_bodies_are_400_naming_the_problem(db: TestDb) {
        let app = TestApp::new(db).await;
        app.raw(Method::POST, "/api/v1/signup", "", "application/json", "{\"email\": ")
            .await
            .problem(400, "malformed_json");
        app.post_json("/api/v1/signup", "", json!({"email": "a@example.org", "password": PASSWORD}))
            .await
            .bad_request("invalid_body", "display_name");
        app.post_json("/api/v1/signup", "", json!({"email": 42, "password": PASSWORD, "display_name": "A"}))
            .await
            .bad_request("invalid_body", "email");
        app.raw(Method::POST, "/api/v1/signup", "", "text/plain", r#"{"email":"a@example.org","password":"correct horse","display_name":"A"}"#)
            .await
            .problem(415, "unsupported_media_type");
        app.send(Method::POST, "/api/v1/signup", "", None).await.problem(415, "unsupported_media_type");
        app.raw(Method::POST, "/api/v1/signup", "", "application/json", "[1, 2]")
            .await
            .problem(400, "invalid_body");
        assert_eq!(user_count(&app).await, 0);
    }

    async fn a_token_is_issued_for_the_right_password(db: TestDb) {
        let app = TestApp::new(db).await;
        app.signup("ana@example.org", "Ana").await;
        let reply = app.post_json("/api/v1/tokens", "", json!({"email": "ANA@example.org", "password": PASSWORD})).await;
        let body = reply.ok(201);
        let token = body["token"].as_str().expect("a token");
        assert!(body["expires_at"].as_str().is_some_and(|t| t.starts_with("2026-07-30")), "{body}");
        app.get("/api/v1/me", token).await.ok(200);
    }

    async fn wrong_password_and_unknown_email_get_the_same_401(db: TestDb) {
        let app = TestApp::new(db).await;
        app.signup("ana@example.org", "Ana").await;
        let wrong = app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "wrong password"})).await;
        let unknown = app.post_json("/api/v1/tokens", "", json!({"email": "nobody@example.org", "password": PASSWORD})).await;
        let invalid = app.post_json("/api/v1/tokens", "", json!({"email": "not an email", "password": PASSWORD})).await;
        wrong.problem(401, "bad_credentials");
        assert_eq!(wrong.json, unknown.json);
        assert_eq!(wrong.json, invalid.json);
        assert_eq!(wrong.status, unknown.status);
    }

    async fn signing_out_revokes_only_the_token_used(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, first) = app.signup("ana@example.org", "Ana").await;
        let second = app
            .post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": PASSWORD}))
            .await
            .ok(201)["token"]
            .as_str()
            .expect("a token")
            .to_string();
        let reply = app.delete("/api/v1/tokens/current", &first).await;
        assert_eq!(reply.status.as_u16(), 204);
        assert_eq!(reply.json, serde_json::Value::Null);
        app.get("/api/v1/me", &first).await.problem(401, "not_signed_in");
        app.delete("/api/v1/tokens/current", &first).await.problem(401, "not_signed_in");
        app.get("/api/v1/me", &second).await.ok(200);
    }

    async fn me_lists_communities_with_roles(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let mine = app.community(&ana, "open").await;
        let cid = mine["id"].as_str().expect("an id");
        app.join(&bo, cid, None).await;
        let me = app.get("/api/v1/me", &bo).await;
        let communities = me.ok(200)["communities"].as_array().expect("a list");
        assert_eq!(communities.len(), 1);
        assert_eq!(communities[0]["id"], cid);
        assert_eq!(communities[0]["my_role"], "member");
        assert!(communities[0].get("invite_code").is_none(), "members do not see the invite code");
        let me = app.get("/api/v1/me", &ana).await;
        assert_eq!(me.json["communities"][0]["my_role"], "organizer");
        assert_eq!(me.json["communities"][0]["invite_code"], mine["invite_code"]);
    }

    async fn no_or_bad_credentials_are_401(db: TestDb) {
        let app = TestApp::new(db).await;
        app.get("/api/v1/me", "").await.problem(401, "not_signed_in");
        app.get("/api/v1/me", "not-a-token").await.problem(401, "not_signed_in");
        let basic = Request::builder()
            .uri("/api/v1/me")
            .header(header::AUTHORIZATION, "Basic YTpi")
            .body(Body::empty())
            .expect("a request");
        app.request(basic).await.problem(401, "not_signed_in");
        app.post_json("/api/v1/communities", "", crate::common::community_body("X", "open"))
            .await
            .problem(401, "not_signed_in");
    }

    async fn an_expired_token_is_401(db: TestDb) {
        let app = TestApp::new(db).await;
        let (user, _) = app.signup("ana@example.org", "Ana").await;
        let id = peerlearn_domain::UserId(user["id"].as_str().and_then(|s| s.parse().ok()).expect("an id"));
        let secret = "a".repeat(64);
        app.store()
            .create_token(id, &sha256(&secret), TokenKind::Api, crate::common::now() - chrono::Duration::days(2), crate::common::now())
            .await
            .expect("stored");
        app.get("/api/v1/me", &secret).await.problem(401, "not_signed_in");
    }

    async fn repeated_sign_in_attempts_are_429_with_retry_after(db: TestDb) {
        let config = Config { login_attempts_per_account: 3, ..Config::default() };
        let app = TestApp::with_config(db, config).await;
        app.signup("ana@example.org", "Ana").await;
        for _ in 0..3 {
            app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "wrong password"}))
                .await
                .problem(401, "bad_credentials");
        }
        let limited = app.post_json("/api/v1/tokens", "", json!({"email": "Ana@Example.org ", "password": PASSWORD})).await;
        limited.problem(429, "too_many_attempts");
        let wait: u64 = limited.header("retry-after").and_then(|v| v.parse().ok()).expect("a Retry-After in seconds");
        assert!((1..=60).contains(&wait), "{wait}");
        app.post_json("/api/v1/tokens", "", json!({"email": "bo@example.org", "password": PASSWORD}))
            .await
            .problem(401, "bad_credentials");
    }

    async fn a_cookie_session_needs_the_csrf_header_for_api_writes(db: TestDb) {
        let app = TestApp::new(db).await;
        let (user, _) = app.signup("ana@example.org", "Ana").await;
        let id = peerlearn_domain::UserId(user["id"].as_str().and_then(|s| s.parse().ok()).expect("an id"));
        let session = "s".repeat(64);
        app.store()
            .create_token(id, &sha256(&session), TokenKind::Session, crate::common::now(), crate::common::now() + chrono::Duration::days(1))
            .await
            .expect("a session");
        let anonymous = "c".repeat(64);
        let csrf = peerlearn_web::session_csrf_token(&session);
        let cookies = format!("pl_session={session}; pl_csrf={anonymous}");
        let write = |csrf_header: Option<&str>| {
            let mut b = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/communities")
                .header(header::COOKIE, cookies.clone())
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(v) = csrf_header {
                b = b.header("x-csrf-token", v);
            }
            b.body(Body::from(crate::common::community_body("Cookie Club", "open").to_string())).expect("a request")
        };
        app.request(write(None)).await.problem(403, "forbidden");
        app.request(write(Some(&"d".repeat(64)))).await.problem(403, "forbidden");
        app.request(write(Some(&anonymous))).await.problem(403, "forbidden");
        let me = Request::builder().uri("/api/v1/me").header(header::COOKIE, cookies.clone()).body(Body::empty()).expect("a request");
        let listed = app.request(me).await;
        assert_eq!(listed.ok(200)["communities"], json!([]), "refused writes wrote nothing; reads need no header");
        app.request(write(Some(&csrf))).await.ok(201);
    }
}

fn sha256(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
