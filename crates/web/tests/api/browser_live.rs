//! Real-browser test in headless Chromium: Ana has My meetings open; Bruno asks her to meet
//! from another session; without a reload her page shows a toast, the Meetings tab's badge
//! and the request in the list.

use crate::browser_support::{
    Browser, api, start_app, start_chromedriver, two_members_and_a_topic,
};
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
async fn a_request_appears_on_the_hosts_open_page_without_reload() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db) = start_app().await;
    let world = two_members_and_a_topic(&base).await;
    let (cid, day) = (&world.cid, &world.day);

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
    api(
        &base,
        &world.bruno,
        "POST",
        &format!("/api/v1/topics/{}/requests", world.topic),
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
