//! Real-browser test in headless Chromium: Ana opens My meetings at the venue; the Wi-Fi drops
//! (the server stops answering); her agenda still opens, saying it is offline and from when,
//! and a page she never opened shows the offline page instead of the browser's error.

use std::sync::Arc;

use crate::browser_support::{Browser, start_chromedriver, start_stoppable_app};
use chrono::{Duration, Utc};
use fantoccini::Locator;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";

async fn call(base: &str, token: &str, path: &str, body: Value) -> Value {
    let reply = reqwest::Client::new()
        .request(
            if path.ends_with("/availability") {
                reqwest::Method::PUT
            } else {
                reqwest::Method::POST
            },
            format!("{base}{path}"),
        )
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("the API answers");
    assert!(reply.status().is_success(), "{path}: {}", reply.status());
    reply.json().await.expect("JSON")
}

async fn sign_up(base: &str, email: &str, name: &str) -> String {
    let body = call(
        base,
        "",
        "/api/v1/signup",
        json!({"email": email, "password": PASSWORD, "display_name": name}),
    )
    .await;
    body["token"].as_str().expect("a token").to_string()
}

/// Runs `script`, which ends by calling `done(value)`, and asserts it answers `true`.
async fn assert_async(b: &Browser, script: &str, what: &str) {
    let answer = b
        .client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(answer, json!(true), "{what}");
}

#[tokio::test]
async fn the_agenda_opens_offline_and_says_so() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db, server) = start_stoppable_app(Arc::new(peerlearn_web::SystemClock)).await;
    let ana = sign_up(&base, "ana@example.org", "Ana Lima").await;
    let bruno = sign_up(&base, "bruno@example.org", "Bruno Costa").await;
    let community = call(
        &base,
        &ana,
        "/api/v1/communities",
        json!({"name": "Guild", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00",
               "day_end": "18:00", "join_policy": "open"}),
    )
    .await;
    let cid = community["id"].as_str().expect("an id").to_string();
    call(
        &base,
        &bruno,
        &format!("/api/v1/communities/{cid}/members"),
        json!({}),
    )
    .await;
    let day = (Utc::now() + Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    for token in [&ana, &bruno] {
        call(
            &base,
            token,
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            json!({"windows": [{"start": format!("{day}T09:00:00Z"), "end": format!("{day}T17:00:00Z")}]}),
        )
        .await;
    }
    let topic = call(
        &base,
        &ana,
        &format!("/api/v1/communities/{cid}/topics"),
        json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
               "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
    )
    .await;
    let tid = topic["id"].as_str().expect("an id");
    call(
        &base,
        &bruno,
        &format!("/api/v1/topics/{tid}/requests"),
        json!({"proposed_times": [format!("{day}T10:00:00Z")]}),
    )
    .await;

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "ana@example.org").await;
    let agenda = format!("{base}/c/{cid}/meetings");
    b.client.goto(&agenda).await.expect("My meetings");
    assert_async(
        &b,
        "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true), () => done(false));",
        "the service worker is active",
    )
    .await;
    // Opened again once the service worker looks after the page: it keeps a copy before
    // handing the page over.
    b.client.goto(&agenda).await.expect("My meetings again");
    assert_async(
        &b,
        "const done = arguments[0]; caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match(location.origin + location.pathname))))).then(rs => done(rs.some(Boolean)), () => done(false));",
        "a kept copy of My meetings",
    )
    .await;

    server.stop().await;

    b.client.goto(&agenda).await.expect("My meetings offline");
    let banner = b
        .wait_for(
            Locator::Css("html[data-offline] .offline-banner"),
            "the offline banner",
        )
        .await;
    assert!(banner.is_displayed().await.expect("displayed"));
    let text = banner.text().await.expect("banner text");
    assert!(
        text.starts_with("You are offline: this page is as it was at "),
        "{text}"
    );
    b.wait_text("Bruno Costa").await;
    b.shot("agenda-offline").await;

    b.client
        .goto(&format!("{base}/c/{cid}/topics"))
        .await
        .expect("a page never opened");
    b.wait_for(Locator::XPath("//h1[text()='Offline']"), "the offline page")
        .await;
}
