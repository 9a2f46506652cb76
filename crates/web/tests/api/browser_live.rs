//! Real-browser test in headless Chromium: Ana has My meetings open; Bruno asks her to meet
//! from another session; without a reload her page shows a toast, the Meetings tab's badge
//! and the request in the list.

use crate::browser_support::{Browser, start_app, start_chromedriver};
use chrono::{Duration, Utc};
use fantoccini::Locator;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";

/// Calls the API on `base` as the holder of `token`; returns the JSON answer.
async fn call(base: &str, token: &str, method: &str, path: &str, body: Value) -> Value {
    let client = reqwest::Client::new();
    let url = format!("{base}{path}");
    let request = match method {
        "PUT" => client.put(url),
        _ => client.post(url),
    };
    let reply = request
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
        "POST",
        "/api/v1/signup",
        json!({"email": email, "password": PASSWORD, "display_name": name}),
    )
    .await;
    body["token"].as_str().expect("a token").to_string()
}

#[tokio::test]
async fn a_request_appears_on_the_hosts_open_page_without_reload() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db) = start_app().await;
    let ana = sign_up(&base, "ana@example.org", "Ana Lima").await;
    let bruno = sign_up(&base, "bruno@example.org", "Bruno Costa").await;
    let community = call(
        &base,
        &ana,
        "POST",
        "/api/v1/communities",
        json!({"name": "Guild", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00",
               "day_end": "18:00", "join_policy": "open"}),
    )
    .await;
    let cid = community["id"].as_str().expect("an id").to_string();
    call(
        &base,
        &bruno,
        "POST",
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
            "PUT",
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            json!({"windows": [{"start": format!("{day}T09:00:00Z"), "end": format!("{day}T17:00:00Z")}]}),
        )
        .await;
    }
    let topic = call(
        &base,
        &ana,
        "POST",
        &format!("/api/v1/communities/{cid}/topics"),
        json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
               "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
    )
    .await;
    let tid = topic["id"].as_str().expect("an id").to_string();

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "ana@example.org").await;
    b.client
        .goto(&format!("{base}/c/{cid}/meetings"))
        .await
        .expect("My meetings");
    b.wait_for(Locator::Css("nav[data-live]"), "a live page")
        .await;
    b.client
        .execute("window.plStayed = true;", vec![])
        .await
        .expect("mark the page");

    // From another session, Bruno asks Ana to meet.
    call(
        &base,
        &bruno,
        "POST",
        &format!("/api/v1/topics/{tid}/requests"),
        json!({"proposed_times": [format!("{day}T10:00:00Z")]}),
    )
    .await;

    b.wait_for(
        Locator::XPath("//p[contains(@class, 'toast-text')][contains(., 'Bruno')]"),
        "the toast",
    )
    .await;
    b.wait_for(
        Locator::Css("[data-badge='requests']:not([hidden]) [data-badge-count]"),
        "the Meetings badge",
    )
    .await;
    b.wait_for(
        Locator::XPath("//*[@id='meetings-live']//*[contains(., 'Bruno Costa')]"),
        "the request in the list",
    )
    .await;
    let stayed = b
        .client
        .execute("return window.plStayed === true;", vec![])
        .await
        .expect("read the mark");
    assert_eq!(stayed, json!(true), "the page was reloaded");
    let badge = b
        .client
        .find(Locator::Css("[data-badge='requests'] [data-badge-count]"))
        .await
        .expect("badge")
        .text()
        .await
        .expect("text");
    assert_eq!(badge, "1");
    b.shot("live-toast").await;
    b.client
        .set_window_size(360, 800)
        .await
        .expect("a phone's width");
    b.shot("live-toast-phone").await;
}
