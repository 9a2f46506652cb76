//! Live updates over real sockets: a member's open page (`GET /live`, server-sent events)
//! receives what happens to them the moment the notification pipeline completes it; a stream
//! that reconnects with `Last-Event-ID` gets exactly what it missed; on PostgreSQL an event
//! completed by one app instance reaches a stream held by another on the same database
//! (`LISTEN/NOTIFY`); the server's shutdown ends open streams. Every wait is bounded and
//! waits for a real event.

use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as Span;
use peerlearn_store::Store;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, FixedClock, notify};
use serde_json::{Value, json};

use crate::common::{Browser, Server, TestApp, now, spawn_server};

/// The longest any step waits for an event that should come.
const WAIT: Duration = Duration::from_secs(20);

/// One server-sent event: its type, id and JSON data.
#[derive(Debug)]
struct SseEvent {
    name: String,
    id: Option<String>,
    data: Value,
}

/// An open `GET /live` stream, read over a real socket.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    /// Opens the stream as `browser`, optionally resuming after `last_event_id`.
    async fn open(base: &str, browser: &Browser, last_event_id: Option<&str>) -> Self {
        let mut request = reqwest::Client::new()
            .get(format!("{base}/live"))
            .header("cookie", &browser.cookies)
            .header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = tokio::time::timeout(WAIT, request.send())
            .await
            .expect("the stream opens in time")
            .expect("the stream answers");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/event-stream")
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event (comments skipped), waiting at most [`WAIT`].
    async fn next(&mut self) -> SseEvent {
        tokio::time::timeout(WAIT, async {
            loop {
                if let Some(at) = self.buffer.find("\n\n") {
                    let block: String = self.buffer.drain(..at + 2).collect();
                    if let Some(event) = parse(&block) {
                        return event;
                    }
                    continue;
                }
                let chunk = self
                    .response
                    .chunk()
                    .await
                    .expect("the stream reads")
                    .expect("the stream stays open");
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("an event arrives in time")
    }

    /// The next `notification` and the `counts` that follow it.
    async fn notification(&mut self) -> (SseEvent, Value) {
        let event = self.next().await;
        assert_eq!(event.name, "notification", "{event:?}");
        let counts = self.next().await;
        assert_eq!(counts.name, "counts", "{counts:?}");
        (event, counts.data)
    }

    /// Reads until the server ends the stream (events and comments before that are skipped).
    async fn ended(mut self) {
        tokio::time::timeout(WAIT, async {
            while let Some(_chunk) = self.response.chunk().await.expect("the stream reads") {}
        })
        .await
        .expect("the stream ends in time");
    }
}

/// An event block, or `None` when it holds only comments (keep-alives).
fn parse(block: &str) -> Option<SseEvent> {
    let (mut name, mut id, mut data) = (String::from("message"), None, String::new());
    let mut any = false;
    for line in block.lines() {
        if let Some(v) = line.strip_prefix("event:") {
            name = v.trim().to_string();
            any = true;
        } else if let Some(v) = line.strip_prefix("id:") {
            id = Some(v.trim().to_string());
            any = true;
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim_start());
            any = true;
        }
    }
    any.then(|| SseEvent {
        name,
        id,
        data: serde_json::from_str(&data).unwrap_or(Value::String(data)),
    })
}

/// Ana hosts a one-on-one video topic; Bruno, Carol and Dan are members, and everyone is free
/// on Monday 4 May 2026, 09:00–17:00 UTC.
struct Scene {
    app: TestApp,
    cid: String,
    tid: String,
    ana: String,
    others: [String; 3],
}

async fn scene(app: TestApp) -> Scene {
    let (cid, [ana, bruno, carol, dan]) = app
        .open_community_of([
            ("ana@example.org", "Ana Lima"),
            ("bruno@example.org", "Bruno Costa"),
            ("carol@example.org", "Carol Diaz"),
            ("dan@example.org", "Dan Wu"),
        ])
        .await;
    for token in [&ana, &bruno, &carol, &dan] {
        app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T17:00:00Z")
            .await;
    }
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
                   "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
        )
        .await
        .ok(201)
        .clone();
    Scene {
        tid: topic["id"].as_str().expect("an id").to_string(),
        app,
        cid,
        ana,
        others: [bruno, carol, dan],
    }
}

impl Scene {
    /// The `i`th other member asks Ana to meet, and the notification pipeline runs.
    async fn ask(&self, i: usize, at: &str) {
        self.app
            .post_json(
                &format!("/api/v1/topics/{}/requests", self.tid),
                &self.others[i],
                json!({ "proposed_times": [at] }),
            )
            .await
            .ok(201);
        notify::run_due(&self.app.state)
            .await
            .expect("the pipeline runs");
    }

    fn server(&self) -> impl std::future::Future<Output = Server> + '_ {
        spawn_server(self.app.store(), Config::default())
    }
}

peerlearn_testkit::backend_tests! {
    /// Ana's open page hears of Bruno's request with its number, then her counts; her pages
    /// render the same counts without script; shutting the server down ends her stream.
    async fn a_request_reaches_the_hosts_open_page(db: TestDb) {
        let s = scene(TestApp::new(db).await).await;
        let server = s.server().await;
        let ana = s.app.browser(&s.ana).await;
        let mut stream = Stream::open(&server.base, &ana, None).await;

        s.ask(0, "2026-05-04T10:00:00Z").await;
        let (event, counts) = stream.notification().await;
        assert_eq!(event.id.as_deref(), Some("1"));
        assert_eq!(event.data["kind"], "request_received");
        assert_eq!(event.data["community"], s.cid.as_str());
        assert!(event.data["title"].as_str().is_some_and(|t| t.contains("Bruno")), "{event:?}");
        assert_eq!(counts, json!({"community": s.cid, "inbox": 1, "requests": 1}));

        let page = s.app.page(&format!("/c/{}/meetings", s.cid), &ana.cookies).await;
        let html = page.html();
        assert!(html.contains("data-live=\"/live?after=1\""), "{html}");
        assert!(html.contains("data-badge=\"requests\"><span data-badge-count>1</span>"), "{html}");
        assert!(html.contains("data-badge=\"inbox\"><span data-badge-count>1</span>"), "{html}");
        // The inbox hides its own badge (opening it reads everything), and then it is gone.
        let inbox = s.app.page(&format!("/c/{}/inbox", s.cid), &ana.cookies).await;
        assert!(inbox.html().contains("data-badge=\"inbox\" hidden>"), "{}", inbox.html());
        let after = s.app.page(&format!("/c/{}/meetings", s.cid), &ana.cookies).await;
        assert!(after.html().contains("data-badge=\"inbox\" hidden><span data-badge-count>0</span>"), "{}", after.html());

        let open = tokio::spawn(stream.ended());
        tokio::time::timeout(WAIT, server.shutdown()).await.expect("the server drains in time");
        open.await.expect("the stream ended");
    }

    /// A stream that reconnects with the last number it saw gets exactly the events after it:
    /// the one it missed, then new ones, none twice.
    async fn a_reconnecting_stream_resumes_without_loss_or_repetition(db: TestDb) {
        let s = scene(TestApp::new(db).await).await;
        let server = s.server().await;
        let ana = s.app.browser(&s.ana).await;
        let mut first = Stream::open(&server.base, &ana, None).await;
        s.ask(0, "2026-05-04T10:00:00Z").await;
        let (one, _) = first.notification().await;
        assert_eq!(one.id.as_deref(), Some("1"));
        drop(first);

        // Missed while away.
        s.ask(1, "2026-05-04T11:00:00Z").await;
        let mut again = Stream::open(&server.base, &ana, Some("1")).await;
        let (two, counts) = again.notification().await;
        assert_eq!(two.id.as_deref(), Some("2"));
        assert!(two.data["title"].as_str().is_some_and(|t| t.contains("Carol")), "{two:?}");
        assert_eq!(counts["requests"], 2);
        drop(again);

        // Back with everything seen: the next event is the next new one.
        let mut third = Stream::open(&server.base, &ana, Some("2")).await;
        s.ask(2, "2026-05-04T12:00:00Z").await;
        let (three, counts) = third.notification().await;
        assert_eq!(three.id.as_deref(), Some("3"));
        assert!(three.data["title"].as_str().is_some_and(|t| t.contains("Dan")), "{three:?}");
        assert_eq!(counts["requests"], 3);
        assert_eq!(counts["inbox"], 3);
    }

    /// Bad resume points are refused (422) and signed-out visitors get 401, not a stream.
    async fn bad_live_requests_are_refused(db: TestDb) {
        let s = scene(TestApp::new(db).await).await;
        let ana = s.app.browser(&s.ana).await;
        let signed_out = s.app.page_as(None, "/live", &[]).await;
        assert_eq!(signed_out.status.as_u16(), 401);
        for bad in ["-1", "x", "1.5"] {
            s.app
                .page_as(Some(&ana), "/live", &[("last-event-id", bad)])
                .await
                .problem(422, "invalid_input");
        }
        s.app
            .page_as(Some(&ana), "/live?after=nope", &[])
            .await
            .problem(422, "invalid_input");
    }
}

/// Two app instances on one PostgreSQL database: the event Bruno's request makes is completed
/// by the first (its clock is an hour ahead, so the second's worker never finds it due) and
/// reaches Ana's stream on the second through `LISTEN/NOTIFY`.
#[tokio::test]
async fn postgres_events_cross_server_processes() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url().to_string();
    let ahead = Arc::new(FixedClock(now() + Span::hours(1)));
    let s = scene(TestApp::with_clock(db, Config::default(), ahead)).await;
    let other = Store::connect(&url, 4).await.expect("a second store");
    let server = spawn_server(&other, Config::default()).await;
    let ana = s.app.browser(&s.ana).await;
    let mut stream = Stream::open(&server.base, &ana, None).await;

    s.ask(0, "2026-05-04T10:00:00Z").await;
    let (event, counts) = stream.notification().await;
    assert_eq!(event.id.as_deref(), Some("1"));
    assert_eq!(event.data["kind"], "request_received");
    assert_eq!(counts["requests"], 1);
    server.shutdown().await;
    other.close().await;
}
