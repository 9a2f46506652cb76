//! Real-browser test in headless Chromium: at the venue, Ana opens the check-in page of the
//! table her meeting is at; the Wi-Fi drops (the server stops answering) and she taps
//! "Check in": the page says her check-in is saved on the phone. The Wi-Fi comes back (the
//! server answers again on the same address, over the same database) and the browser says it
//! is online (DevTools network emulation, which the page hears but the service worker's own
//! fetches do not): the check-in is sent, exactly once, and the page says so.

use std::sync::Arc;

use crate::browser_support::{
    Browser, api, api_sign_up, restart_app, start_chromedriver, start_stoppable_app,
};
use crate::common::{at, id};
use fantoccini::Locator;
use peerlearn_web::ManualClock;
use serde_json::{Value, json};

/// What the phone keeps for later: the check-ins waiting and the outcomes not yet shown.
const OUTBOX: &str = "const done = arguments[0]; \
    const open = indexedDB.open('pl-outbox', 1); \
    open.onerror = () => done('no outbox'); \
    open.onsuccess = () => { const tx = open.result.transaction(['queue', 'outcomes']); \
      const q = tx.objectStore('queue').count(), o = tx.objectStore('outcomes').count(); \
      tx.oncomplete = () => { open.result.close(); done([q.result, o.result]); }; };";

/// Ana (organizer) hosts Bruno at Table 3 on 2 May 2026, 10:00–10:30 UTC; a webhook listens
/// for check-ins (on this machine, where nothing answers).
struct Venue {
    cid: String,
    mid: String,
    table: String,
    ana: String,
    bruno: String,
}

async fn a_meeting_at_a_table(base: &str) -> Venue {
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
    let mut venue = Venue {
        cid,
        mid: String::new(),
        table,
        ana,
        bruno,
    };
    venue.mid = venue
        .book("Property-based testing", "2026-05-02T10:00:00Z", base)
        .await;
    venue
}

impl Venue {
    /// Bruno asks for Ana's in-person topic `title` at `start` and she accepts: the meeting.
    async fn book(&self, title: &str, start: &str, base: &str) -> String {
        let topic = id(&api(
            base,
            &self.ana,
            "POST",
            &format!("/api/v1/communities/{}/topics", self.cid),
            json!({"kind": "offer", "title": title, "tags": ["testing"],
                   "format": "one_on_one", "mode": "in_person", "duration_minutes": 30}),
        )
        .await);
        let request = id(&api(
            base,
            &self.bruno,
            "POST",
            &format!("/api/v1/topics/{topic}/requests"),
            json!({"proposed_times": [start]}),
        )
        .await);
        let meeting = api(
            base,
            &self.ana,
            "POST",
            &format!("/api/v1/requests/{request}/accept"),
            json!({"start": start}),
        )
        .await;
        assert_eq!(meeting["spot"]["id"].as_str(), Some(self.table.as_str()));
        id(&meeting)
    }

    /// When `name` checked in to `mid`, if they did.
    async fn checked_in(&self, base: &str, mid: &str, name: &str) -> Value {
        let attendance: Value = reqwest::Client::new()
            .get(format!("{base}/api/v1/meetings/{mid}/attendance"))
            .bearer_auth(&self.ana)
            .send()
            .await
            .expect("the API answers")
            .json()
            .await
            .expect("JSON");
        attendance["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|a| a["name"] == name)
            .map(|a| a["checked_in_at"].clone())
            .unwrap_or_else(|| panic!("{name} in {attendance:#}"))
    }
}

/// The check-in events written for `mid` (each one a webhook message).
async fn check_in_events(db: &tempfile::TempDir, mid: &str) -> i64 {
    let url = format!("sqlite://{}", db.path().join("browser.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("the database");
    let (events,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE kind = 'checked_in' AND subject_id = ?")
            .bind(mid.parse::<i64>().expect("a meeting id"))
            .fetch_one(&pool)
            .await
            .expect("count");
    pool.close().await;
    events
}

/// Taps the page's check-in button, brought to the middle of the screen, clear of the tab
/// bar, as a thumb finds it.
async fn tap_check_in(b: &mut Browser, shot: &str) {
    b.client
        .execute(
            "document.querySelector(\"form[action$='/check-in'] button\").scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .expect("scrolled");
    b.shot(shot).await;
    b.click("form[action$='/check-in'] button[type=submit]")
        .await;
}

/// The page says the check-in is saved on the phone, in place of the button.
async fn says_saved(b: &Browser) {
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
    assert_eq!(b.run_async(OUTBOX, "the outbox").await, json!([1, 0]));
}

#[tokio::test]
async fn a_check_in_tapped_offline_is_sent_once_when_the_connection_returns() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let clock = Arc::new(ManualClock::new(at("2026-05-01T12:00:00Z")));
    let (base, db, server) = start_stoppable_app(clock.clone()).await;
    let v = a_meeting_at_a_table(&base).await;
    // Two minutes into the meeting.
    clock.set(at("2026-05-02T10:02:00Z"));

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "ana@example.org").await;
    b.client
        .set_window_size(360, 800)
        .await
        .expect("a phone-wide window");
    b.keep_offline(&format!("{base}/c/{}/spots/{}/check-in", v.cid, v.table))
        .await;

    // The Wi-Fi drops: the server stops answering and the phone knows it is offline.
    server.stop().await;
    b.network(true).await;

    tap_check_in(&mut b, "table-check-in").await;
    says_saved(&b).await;
    b.shot("check-in-saved-offline").await;

    // The Wi-Fi is back: the server answers again, and the browser says it is online.
    let _server = restart_app(&base, &db, clock.clone()).await;
    b.network(false).await;
    b.wait_text("Your saved check-in was sent: you are checked in.")
        .await;
    b.wait_for(
        Locator::Css("html:not([data-offline]) .spot-done"),
        "the table's page, fresh: checked in",
    )
    .await;
    assert_eq!(b.run_async(OUTBOX, "the outbox").await, json!([0, 0]));
    b.shot("check-in-sent").await;

    assert_eq!(
        v.checked_in(&base, &v.mid, "Ana Lima").await,
        "2026-05-02T10:02:00Z"
    );
    // One check-in, one event: the service worker sent it once.
    assert_eq!(check_in_events(&db, &v.mid).await, 1);
    b.client.close().await.expect("close the browser");
}

#[tokio::test]
async fn a_saved_check_in_refused_when_it_arrives_says_why_on_the_next_page() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let clock = Arc::new(ManualClock::new(at("2026-05-01T12:00:00Z")));
    let (base, db, server) = start_stoppable_app(clock.clone()).await;
    let v = a_meeting_at_a_table(&base).await;
    let later = v.book("Fuzzing", "2026-05-02T11:00:00Z", &base).await;
    clock.set(at("2026-05-02T10:05:00Z"));

    let mut b = Browser::new(port).await;
    b.sign_in(&base, "bruno@example.org").await;
    b.client
        .set_window_size(360, 800)
        .await
        .expect("a phone-wide window");
    // He taps "Check in" on his next meeting's card in My meetings, which stays in place.
    let agenda = format!("{base}/c/{}/meetings", v.cid);
    b.keep_offline(&agenda).await;

    server.stop().await;
    tap_check_in(&mut b, "meeting-check-in").await;
    says_saved(&b).await;
    assert_eq!(b.client.current_url().await.expect("url").as_str(), agenda);
    b.shot("my-meetings-check-in-saved").await;

    // The connection comes back only after the meeting (and the phone's clock, ahead of the
    // server's, gives no time within it): the next page he opens sends the check-in, which
    // is refused, and says so with the server's reason.
    clock.set(at("2026-05-02T10:55:00Z"));
    let _server = restart_app(&base, &db, clock.clone()).await;
    b.client.goto(&agenda).await.expect("My meetings");
    b.wait_text(
        "Your saved check-in could not be recorded. The meeting is over; check-in is closed.",
    )
    .await;
    b.shot("check-in-refused").await;
    assert_eq!(b.run_async(OUTBOX, "the outbox").await, json!([0, 0]));
    assert_eq!(
        v.checked_in(&base, &v.mid, "Bruno Costa").await,
        Value::Null
    );
    assert_eq!(check_in_events(&db, &v.mid).await, 0);

    // Online, a check-in goes through the service worker to the server as it always did.
    b.client
        .goto(&format!("{base}/c/{}/meetings/{later}", v.cid))
        .await
        .expect("the next meeting");
    let controlled = b
        .client
        .execute("return !!navigator.serviceWorker.controller;", vec![])
        .await
        .expect("controller");
    assert_eq!(controlled, json!(true));
    tap_check_in(&mut b, "next-meeting-check-in").await;
    b.wait_text("You are checked in").await;
    assert_eq!(
        v.checked_in(&base, &later, "Bruno Costa").await,
        "2026-05-02T10:55:00Z"
    );
    assert_eq!(check_in_events(&db, &later).await, 1);
    b.client.close().await.expect("close the browser");
}
