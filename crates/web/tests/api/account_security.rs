//! The doors of an account under attack: sign-in throttling that cannot lock the owner out,
//! sign-up limits per address, CSRF tokens bound to the session, names that cannot reorder
//! themselves.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::{Value, json};

use crate::common::{PASSWORD, Reply, TestApp, now};

/// A JSON POST as it arrives from `ip` over a real connection.
pub async fn post_from(app: &TestApp, ip: &str, path: &str, body: Value) -> Reply {
    let addr: SocketAddr = format!("{ip}:40000").parse().expect("an address");
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a request");
    request.extensions_mut().insert(ConnectInfo(addr));
    app.request(request).await
}

async fn sign_in_from(app: &TestApp, ip: &str, password: &str) -> Reply {
    post_from(
        app,
        ip,
        "/api/v1/tokens",
        json!({"email": "ana@example.org", "password": password}),
    )
    .await
}

peerlearn_testkit::backend_tests! {
    async fn guessing_from_one_address_does_not_lock_the_owner_out(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let config = Config { login_attempts_per_account: 3, ..Config::default() };
        let app = TestApp::with_clock(db, config, clock.clone());
        app.signup("ana@example.org", "Ana").await;
        for _ in 0..3 {
            sign_in_from(&app, "10.0.0.66", "wrong password").await.problem(401, "bad_credentials");
        }
        let limited = sign_in_from(&app, "10.0.0.66", PASSWORD).await;
        limited.problem(429, "too_many_attempts");
        assert!(limited.header("retry-after").is_some());
        // The owner, from their own address, signs in as usual, even while the guessing goes on.
        sign_in_from(&app, "192.0.2.7", PASSWORD).await.ok(201);
        // One more try a minute later from the guessing address, not a lockout kept alive.
        for _ in 0..5 {
            clock.set(clock_now(&clock) + chrono::Duration::seconds(5));
            sign_in_from(&app, "10.0.0.66", "wrong password").await;
        }
        clock.set(now() + chrono::Duration::seconds(125));
        sign_in_from(&app, "10.0.0.66", "wrong password").await.problem(401, "bad_credentials");
        sign_in_from(&app, "192.0.2.7", PASSWORD).await.ok(201);
    }

    async fn sign_ups_are_limited_per_address(db: TestDb) {
        let config = Config { signups_per_ip: 2, ..Config::default() };
        let app = TestApp::with_config(db, config).await;
        let signup = |email: &str| json!({"email": email, "password": PASSWORD, "display_name": "A"});
        post_from(&app, "10.0.0.9", "/api/v1/signup", signup("a@example.org")).await.ok(201);
        post_from(&app, "10.0.0.9", "/api/v1/signup", signup("b@example.org")).await.ok(201);
        // Probing for taken addresses spends the same budget.
        post_from(&app, "10.0.0.9", "/api/v1/signup", signup("a@example.org")).await.problem(429, "too_many_attempts");
        post_from(&app, "10.0.0.9", "/api/v1/signup", signup("c@example.org")).await.problem(429, "too_many_attempts");
        post_from(&app, "10.0.0.10", "/api/v1/signup", signup("c@example.org")).await.ok(201);
        assert_eq!(app.store().count_users().await.expect("count"), 3);
    }

    async fn an_anonymous_csrf_token_does_not_work_with_a_session(db: TestDb) {
        let app = TestApp::new(db).await;
        // An attacker visits the site and gets a token for their anonymous visit.
        let visit = app.page_as(None, "/signin", &[]).await;
        let anonymous = visit.cookie("pl_csrf").expect("a CSRF cookie");
        let anonymous_token = anonymous.trim_start_matches("pl_csrf=").to_string();
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let mut victim = app.browser(&token).await;
        // Even with the attacker's cookie planted in the victim's browser, the token fails.
        victim.cookies = format!("{}; {anonymous}", victim.cookies.split(';').next().expect("the session"));
        let forged = app
            .form_as(&victim, "/account/preferences", &[("csrf", &anonymous_token), ("language", "fr"), ("time_zone", "")], &[])
            .await;
        assert_eq!(forged.status.as_u16(), 403, "{}", forged.html());
        // The session's own token, shown in its pages, works.
        let page = app.page_as(Some(&victim), "/account", &[]).await;
        assert!(page.html().contains(&victim.csrf), "pages carry the session's token");
        assert!(!page.html().contains(&anonymous_token));
        let saved = app
            .form_as(&victim, "/account/preferences", &[("csrf", &victim.csrf), ("language", "fr"), ("time_zone", "")], &[])
            .await;
        assert_eq!(saved.location(), "/account?notice=preferences_saved");
        // A browser that says the form came from another site is refused, token or not.
        for site in ["cross-site", "same-site"] {
            let refused = app
                .form_as(&victim, "/account/preferences", &[("csrf", &victim.csrf), ("language", "en"), ("time_zone", "")], &[("sec-fetch-site", site)])
                .await;
            let html = refused.html_page(403);
            assert!(html.contains("envoyé depuis un autre site"), "{site}, in her French: {html}");
        }
        let same = app
            .form_as(&victim, "/account/preferences", &[("csrf", &victim.csrf), ("language", "en"), ("time_zone", "")], &[("sec-fetch-site", "same-origin")])
            .await;
        assert_eq!(same.location(), "/account?notice=preferences_saved");
        let api = Request::builder()
            .method(Method::DELETE)
            .uri("/api/v1/me/tokens")
            .header(header::COOKIE, &victim.cookies)
            .header("x-csrf-token", &victim.csrf)
            .header("sec-fetch-site", "cross-site")
            .body(Body::empty())
            .expect("a request");
        app.request(api).await.problem(403, "forbidden");
    }

    async fn the_csrf_cookie_is_secure_when_sessions_are(db: TestDb) {
        let app = TestApp::with_config(db, Config { secure_cookies: true, ..Config::default() }).await;
        let visit = app.page_as(None, "/signin", &[]).await;
        let set = visit
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("pl_csrf="))
            .expect("a CSRF cookie")
            .to_string();
        assert!(set.contains("Secure"), "{set}");
        assert!(set.contains("HttpOnly"), "{set}");
    }

    async fn names_refuse_characters_that_reverse_text(db: TestDb) {
        let app = TestApp::new(db).await;
        let reply = app
            .post_json("/api/v1/signup", "", json!({"email": "a@example.org", "password": PASSWORD, "display_name": "admin\u{202e}gnp.exe"}))
            .await;
        reply.invalid("display_name");
        assert!(reply.json["errors"][0]["message"].as_str().is_some_and(|m| m.contains("U+202E")), "{:#}", reply.json);
        let (_, token) = app.signup("b@example.org", "Bo").await;
        let cid = app.community(&token, "open").await["id"].as_str().expect("an id").to_string();
        app.post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &token,
            json!({"kind": "offer", "title": "Rust \u{2067}basics\u{2069}", "description": "", "tags": ["rust"], "format": "one_on_one", "mode": "either", "duration_minutes": 30}),
        )
        .await
        .invalid("title");
        // In French, the same field and a French sentence.
        let fr = Request::builder()
            .method(Method::POST)
            .uri("/api/v1/signup")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "fr")
            .body(Body::from(json!({"email": "c@example.org", "password": PASSWORD, "display_name": "a\u{200f}b"}).to_string()))
            .expect("a request");
        let fr = app.request(fr).await;
        fr.invalid("display_name");
        assert!(fr.json["errors"][0]["message"].as_str().is_some_and(|m| m.contains("caractère invisible")), "{:#}", fr.json);
        assert_eq!(app.store().count_users().await.expect("count"), 1);
    }
}

fn clock_now(clock: &ManualClock) -> chrono::DateTime<chrono::Utc> {
    use peerlearn_web::Clock;
    clock.now()
}
