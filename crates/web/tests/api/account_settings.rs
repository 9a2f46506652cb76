//! What a member changes about their account: sessions and tokens (listed, ended one by one
//! or all but this one), their name and their password, over the API and the account page.

use axum::body::Body;
use axum::http::{Request, header};
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

use crate::common::{PASSWORD, TestApp};

async fn token_from(app: &TestApp, agent: &str) -> String {
    let request = Request::builder()
        .method("POST")
        .uri("/api/v1/tokens")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::USER_AGENT, agent)
        .body(Body::from(
            json!({"email": "ana@example.org", "password": PASSWORD}).to_string(),
        ))
        .expect("a request");
    app.request(request).await.ok(201)["token"]
        .as_str()
        .expect("a token")
        .to_string()
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().expect("items").clone()
}

peerlearn_testkit::backend_tests! {
    async fn a_member_lists_their_tokens_and_ends_one_or_all_others(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, first) = app.signup("ana@example.org", "Ana").await;
        let laptop = token_from(&app, "curl/8.5").await;
        let script = token_from(&app, "backup-script/1.0").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let list = app.get("/api/v1/me/tokens", &laptop).await.ok(200).clone();
        let mine = items(&list);
        assert_eq!(mine.len(), 3, "{list:#}");
        assert_eq!(list["next_cursor"], Value::Null);
        let current: Vec<&Value> = mine.iter().filter(|t| t["current"] == true).collect();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0]["client"], "curl/8.5");
        assert_eq!(current[0]["kind"], "api");
        assert!(current[0]["last_used_at"].is_string(), "used by this very request");
        assert!(current[0]["expires_at"].as_str().is_some_and(|t| t.starts_with("2026-07-30")), "API tokens last 90 days");
        let script_id = mine.iter().find(|t| t["client"] == "backup-script/1.0").expect("the script's token")["id"].as_str().expect("an id").to_string();
        // Someone else's token cannot be named, and an unknown id is 404.
        app.delete(&format!("/api/v1/me/tokens/{script_id}"), &bo).await.problem(404, "not_found");
        app.delete("/api/v1/me/tokens/nonsense", &laptop).await.problem(404, "not_found");
        app.get("/api/v1/me", &script).await.ok(200);
        let ended = app.delete(&format!("/api/v1/me/tokens/{script_id}"), &laptop).await;
        assert_eq!(ended.status.as_u16(), 204);
        app.get("/api/v1/me", &script).await.problem(401, "not_signed_in");
        app.delete(&format!("/api/v1/me/tokens/{script_id}"), &laptop).await.problem(404, "not_found");
        // All the others: the first token ends, this one and Bo's stay.
        let all = app.send(axum::http::Method::DELETE, "/api/v1/me/tokens", &laptop, None).await;
        assert_eq!(all.ok(200)["revoked"], 1);
        app.get("/api/v1/me", &first).await.problem(401, "not_signed_in");
        app.get("/api/v1/me", &laptop).await.ok(200);
        app.get("/api/v1/me", &bo).await.ok(200);
        assert_eq!(items(app.get("/api/v1/me/tokens", &laptop).await.ok(200)).len(), 1);
    }

    async fn a_browser_session_is_not_a_bearer_token(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let browser = app.browser(&token).await;
        let secret = browser.cookies.split(';').next().expect("the session").trim_start_matches("pl_session=").to_string();
        app.get("/api/v1/me", &secret).await.problem(401, "not_signed_in");
        // And an API token is not a session cookie.
        let page = app.page_as(None, "/account", &[("cookie", &format!("pl_session={token}"))]).await;
        assert!(page.status.is_redirection(), "{}", page.status);
    }

    async fn the_account_page_lists_sessions_and_ends_the_others_after_a_confirmation(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let browser = app.browser(&token).await;
        let page = app.page_as(Some(&browser), "/account", &[]).await;
        let html = page.html_page(200);
        assert!(html.contains("Where you are signed in"), "{html}");
        assert!(html.contains("API token") && html.contains("Browser session"));
        assert!(html.contains("this browser"));
        assert!(html.contains("action=\"/account/sessions/others/end\""));
        assert!(html.contains("data-confirm=\"Sign out every other browser"), "a destructive action asks first");
        let fr = app.page_as(Some(&browser), "/account", &[("accept-language", "fr")]).await;
        assert!(fr.html_page(200).contains("Se déconnecter partout ailleurs"));
        let ended = app.form_as(&browser, "/account/sessions/others/end", &[("csrf", &browser.csrf)], &[]).await;
        assert_eq!(ended.location(), "/account?notice=sessions_ended");
        app.get("/api/v1/me", &token).await.problem(401, "not_signed_in");
        let after = app.page_as(Some(&browser), "/account?notice=sessions_ended", &[]).await;
        let html = after.html_page(200);
        assert!(html.contains("You are signed out everywhere else."));
        assert!(!html.contains("action=\"/account/sessions/others/end\""), "nothing else to end");
    }

    async fn a_member_renames_themselves_and_bad_names_are_refused(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let browser = app.browser(&token).await;
        let bad = app.form_as(&browser, "/account/name", &[("csrf", &browser.csrf), ("display_name", "admin\u{202e}gnp.exe")], &[]).await;
        let html = bad.html_page(422);
        assert!(html.contains("U+202E"), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        assert_eq!(app.get("/api/v1/me", &token).await.ok(200)["display_name"], "Ana");
        let empty = app.form_as(&browser, "/account/name", &[("csrf", &browser.csrf), ("display_name", "  ")], &[]).await;
        empty.html_page(422);
        let saved = app.form_as(&browser, "/account/name", &[("csrf", &browser.csrf), ("display_name", "  Ana Lima ")], &[]).await;
        assert_eq!(saved.location(), "/account?notice=name_saved");
        assert_eq!(app.get("/api/v1/me", &token).await.ok(200)["display_name"], "Ana Lima");
    }

    async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let browser = app.browser(&token).await;
        let wrong = app
            .form_as(&browser, "/account/password", &[("csrf", &browser.csrf), ("current_password", "not my password"), ("new_password", "a brand new secret")], &[])
            .await;
        assert!(wrong.html_page(422).contains("is not your current password"));
        let short = app
            .form_as(&browser, "/account/password", &[("csrf", &browser.csrf), ("current_password", PASSWORD), ("new_password", "short")], &[])
            .await;
        assert!(short.html_page(422).contains("at least 8 characters"));
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": PASSWORD})).await.ok(201);
        let changed = app
            .form_as(&browser, "/account/password", &[("csrf", &browser.csrf), ("current_password", PASSWORD), ("new_password", "a brand new secret")], &[])
            .await;
        assert_eq!(changed.location(), "/account?notice=password_changed");
        app.get("/api/v1/me", &token).await.problem(401, "not_signed_in");
        app.page_as(Some(&browser), "/account", &[]).await.html_page(200);
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": PASSWORD}))
            .await
            .problem(401, "bad_credentials");
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "a brand new secret"}))
            .await
            .ok(201);
    }
}
