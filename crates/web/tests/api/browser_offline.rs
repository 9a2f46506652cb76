//! Real-browser test in headless Chromium: Ana opens My meetings at the venue; the Wi-Fi drops
//! (the server stops answering); her agenda still opens, saying it is offline and from when,
//! and a page she never opened shows the offline page instead of the browser's error.

use std::sync::Arc;

use crate::browser_support::{
    Browser, api, start_chromedriver, start_stoppable_app, two_members_and_a_topic,
};
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
async fn the_agenda_opens_offline_and_says_so() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db, server) = start_stoppable_app(Arc::new(peerlearn_web::SystemClock)).await;
    let world = two_members_and_a_topic(&base).await;
    let cid = &world.cid;
    api(
        &base,
        &world.bruno,
        "POST",
        &format!("/api/v1/topics/{}/requests", world.topic),
        json!({"proposed_times": [format!("{}T10:00:00Z", world.day)]}),
    )
    .await;

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "ana@example.org").await;
    let agenda = format!("{base}/c/{cid}/meetings");
    b.keep_offline(&agenda).await;

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
