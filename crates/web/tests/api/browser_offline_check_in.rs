//! Real-browser test in headless Chromium: at the venue, Ana opens the check-in page of the
//! table her meeting is at; the Wi-Fi drops (the server stops answering) and she taps
//! "Check in": the page says her check-in is saved on the phone. The Wi-Fi comes back (the
//! server answers again on the same address, over the same database) and the browser says it
//! is online: the check-in is sent, exactly once, and the page says so.

use std::sync::Arc;

use crate::browser_support::{
    Browser, api, api_sign_up, restart_app, start_chromedriver, start_stoppable_app,
};
use chrono::{DateTime, Utc};
use fantoccini::Locator;
use peerlearn_web::ManualClock;
use serde_json::{Value, json};

fn at(rfc: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc)
        .expect("time")
        .with_timezone(&Utc)
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_string()
}

/// Runs `script`, which ends by calling `done(value)`, and answers the value.
async fn run_async(b: &Browser, script: &str, what: &str) -> Value {
    b.client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// What the phone keeps for later: the check-ins waiting and the outcomes not yet shown.
const OUTBOX: &str = "const done = arguments[0]; \
    const open = indexedDB.open('pl-outbox', 1); \
    open.onerror = () => done('no outbox'); \
    open.onsuccess = () => { const tx = open.result.transaction(['queue', 'outcomes']); \
      const q = tx.objectStore('queue').count(), o = tx.objectStore('outcomes').count(); \
      tx.oncomplete = () => { open.result.close(); done([q.result, o.result]); }; };";

/// Ana (organizer) hosts Bruno at Table 3 on 2 May 2026, 10:00–10:30 UTC; a webhook listens
/// for check-ins (on this machine, where nothing answers). Answers the community, the meeting, the table and Ana's API token.
async fn a_meeting_at_a_table(base: &str) -> (String, String, String, String) {
    let ana = api_sign_up(base, "ana@example.org", "Ana Lima").await;
    let bruno = api_sign_up(base, "bruno@example.org", "Bruno Costa").await;
    let community = api(
        base,
        &ana,
        "POST",
        "/api/v1/communities",
        json!({"name": "Guild", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00",
               "day_end": "18:00", "join_policy": "open"}),
    )
    .await;
    let cid = id(&community);
    api(
        base,
        &bruno,
        "POST",
        &format!("/api/v1/communities/{cid}/members"),
        json!({}),
    )
    .await;
    for token in [&ana, &bruno] {
        api(
            base,
            token,
            "PUT",
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            json!({"windows": [{"start": "2026-05-02T09:00:00Z", "end": "2026-05-02T12:00:00Z"}]}),
        )
        .await;
    }
    let table = id(&api(
        base,
        &ana,
        "POST",
        &format!("/api/v1/communities/{cid}/spots"),
        json!({"name": "Table 3", "kind": "table", "capacity": 4}),
    )
    .await);
    api(
        base,
        &ana,
        "POST",
        &format!("/api/v1/communities/{cid}/webhooks"),
        json!({"url": "http://127.0.0.1:9/in", "event_types": ["meeting.checked_in"]}),
    )
    .await;
    let topic = id(&api(
        base,
        &ana,
        "POST",
        &format!("/api/v1/communities/{cid}/topics"),
        json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
               "format": "one_on_one", "mode": "in_person", "duration_minutes": 30}),
    )
    .await);
    let request = id(&api(
        base,
        &bruno,
        "POST",
        &format!("/api/v1/topics/{topic}/requests"),
        json!({"proposed_times": ["2026-05-02T10:00:00Z"]}),
    )
    .await);
    let meeting = api(
        base,
        &ana,
        "POST",
        &format!("/api/v1/requests/{request}/accept"),
        json!({"start": "2026-05-02T10:00:00Z"}),
    )
    .await;
    assert_eq!(meeting["spot"]["id"].as_str(), Some(table.as_str()));
    (cid, id(&meeting), table, ana)
}

#[tokio::test]
async fn a_check_in_tapped_offline_is_sent_once_when_the_connection_returns() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let clock = Arc::new(ManualClock::new(at("2026-05-01T12:00:00Z")));
    let (base, db, server) = start_stoppable_app(clock.clone()).await;
    let (cid, mid, table, ana) = a_meeting_at_a_table(&base).await;
    // Two minutes into the meeting.
    clock.set(at("2026-05-02T10:02:00Z"));

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "ana@example.org").await;
    b.client
        .set_window_size(360, 800)
        .await
        .expect("a phone-wide window");
    let table_page = format!("{base}/c/{cid}/spots/{table}/check-in");
    b.client.goto(&table_page).await.expect("the table's page");
    let ready = run_async(
        &b,
        "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true), () => done(false));",
        "the service worker",
    )
    .await;
    assert_eq!(ready, json!(true), "the service worker is active");
    // Scanned again once the service worker looks after the page: it keeps a copy.
    b.client
        .goto(&table_page)
        .await
        .expect("the table's page again");
    let kept = run_async(
        &b,
        "const done = arguments[0]; caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match(location.origin + location.pathname))))).then(rs => done(rs.some(Boolean)), () => done(false));",
        "a kept copy",
    )
    .await;
    assert_eq!(kept, json!(true), "a kept copy of the table's page");

    // The button in the middle of the screen, clear of the tab bar, as her thumb finds it.
    b.client
        .execute(
            "document.querySelector(\"form[action$='/check-in'] button\").scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .expect("scrolled");
    b.shot("table-check-in").await;

    server.stop().await;

    b.click("form[action$='/check-in'] button[type=submit]")
        .await;
    let saved = b
        .wait_for(
            Locator::Css("html[data-offline] [data-queued]:not([hidden])"),
            "the saved check-in",
        )
        .await;
    let text = saved.text().await.expect("its text");
    assert_eq!(
        text.trim(),
        "No connection: your check-in is saved on this phone and will be sent when the connection returns."
    );
    let button_hidden = b
        .client
        .execute(
            "return document.querySelector(\"form[action$='/check-in']\").hidden;",
            vec![],
        )
        .await
        .expect("the form");
    assert_eq!(button_hidden, json!(true), "no second tap while it waits");
    assert_eq!(run_async(&b, OUTBOX, "the outbox").await, json!([1, 0]));
    b.shot("check-in-saved-offline").await;

    // The Wi-Fi is back: the server answers again, and the browser says it is online.
    let _server = restart_app(&base, &db, clock.clone()).await;
    b.client
        .execute("window.dispatchEvent(new Event('online'));", vec![])
        .await
        .expect("online");
    b.wait_text("Your saved check-in was sent: you are checked in.")
        .await;
    b.wait_for(
        Locator::Css("html:not([data-offline]) .spot-done"),
        "the table's page, fresh: checked in",
    )
    .await;
    assert_eq!(run_async(&b, OUTBOX, "the outbox").await, json!([0, 0]));
    b.shot("check-in-sent").await;

    let attendance: Value = reqwest::Client::new()
        .get(format!("{base}/api/v1/meetings/{mid}/attendance"))
        .bearer_auth(&ana)
        .send()
        .await
        .expect("the API answers")
        .json()
        .await
        .expect("JSON");
    let me = attendance["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["name"] == "Ana Lima")
        .expect("Ana")
        .clone();
    assert_eq!(
        me["checked_in_at"], "2026-05-02T10:02:00Z",
        "{attendance:#}"
    );

    // One check-in, one event: the service worker sent it once (and a second sending would
    // have changed nothing).
    let url = format!("sqlite://{}", db.path().join("browser.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("the database");
    let (events,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE kind = 'checked_in' AND subject_id = ?")
            .bind(mid.parse::<i64>().expect("a meeting id"))
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!(events, 1);
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM check_ins")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(rows, 1);
    pool.close().await;
    b.client.close().await.expect("close the browser");
}
