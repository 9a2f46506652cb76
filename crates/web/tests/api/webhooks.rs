//! Webhooks end to end: organizers register endpoints; a booking's event is delivered to a
//! real HTTP receiver started by the test, signed so that both a verifier written here from
//! the Standard Webhooks specification and the specification's own Python library
//! (`standardwebhooks` from PyPI) accept it; a receiver answering 500 gets retries with
//! backoff (the test moves the clock) until the endpoint is switched off and organizers are
//! told; a receiver that is down or hangs never holds up a booking.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock, WebhookSettings, notify, webhooks};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::Notify;

use crate::common::id;
use crate::common::{TestApp, json_body, now};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Seen {
    headers: BTreeMap<String, String>,
    body: String,
}

/// A webhook receiver on a real socket: it keeps what it gets and answers with `status`,
/// or, while `hang` is set, holds the answer until `release`.
#[derive(Clone)]
struct Receiver {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    status: Arc<AtomicU16>,
    hang: Arc<AtomicBool>,
    arrived: Arc<Notify>,
    release: Arc<Notify>,
}

impl Receiver {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let r = Receiver {
            url: format!("http://{addr}/hooks?from=peerlearn"),
            seen: Arc::default(),
            status: Arc::new(AtomicU16::new(200)),
            hang: Arc::default(),
            arrived: Arc::default(),
            release: Arc::default(),
        };
        let app = axum::Router::new()
            .route("/hooks", post(receive))
            .with_state(r.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        r
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}

async fn receive(
    State(r): State<Receiver>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, String) {
    let headers = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    r.seen.lock().expect("lock").push(Seen { headers, body });
    r.arrived.notify_one();
    if r.hang.load(Ordering::SeqCst) {
        r.release.notified().await;
    }
    let status = StatusCode::from_u16(r.status.load(Ordering::SeqCst)).expect("a status");
    (status, format!("receiver says {}", status.as_u16()))
}

/// The signature check, written here from the specification: HMAC-SHA256 over
/// `id.timestamp.body` keyed with the base64-decoded part of the secret after `whsec_`.
fn verifies_by_the_spec(secret: &str, seen: &Seen) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"))
        .expect("base64");
    let id = &seen.headers["webhook-id"];
    let ts = &seen.headers["webhook-timestamp"];
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("a key");
    mac.update(format!("{id}.{ts}.{}", seen.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    seen.headers["webhook-signature"]
        .split(' ')
        .any(|s| s == expected)
}

/// The Python interpreter of the venv holding `standardwebhooks` (`.ci/run` makes it).
fn python() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("PEERLEARN_WEBHOOK_PYTHON") {
        return Some(p.into());
    }
    let local = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/webhooks-venv/bin/python");
    local.exists().then_some(local)
}

/// Each delivery checked by the Standard Webhooks library; `None` when it is not installed
/// (refused under CI, which must run it).
async fn standardwebhooks_results(secret: &str, seen: &[Seen]) -> Option<Vec<Value>> {
    let Some(python) = python() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but the standardwebhooks venv is missing: set PEERLEARN_WEBHOOK_PYTHON (.ci/run installs it)"
        );
        eprintln!("standardwebhooks (Python) not installed: its check is skipped");
        return None;
    };
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/webhook_verify.py");
    let input = json!({
        "secret": secret,
        "deliveries": seen.iter().map(|s| json!({"headers": s.headers, "body": s.body})).collect::<Vec<_>>(),
    });
    let mut child = tokio::process::Command::new(&python)
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} could not run: {e}", python.display()));
    let mut stdin = child.stdin.take().expect("stdin");
    tokio::io::AsyncWriteExt::write_all(&mut stdin, input.to_string().as_bytes())
        .await
        .expect("write");
    drop(stdin);
    let out = child.wait_with_output().await.expect("python runs");
    assert!(
        out.status.success(),
        "the verifier failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON results"))
}

fn local_hooks() -> Config {
    Config {
        webhooks: WebhookSettings {
            allow_local: true,
            connect_timeout: StdDuration::from_secs(2),
            total_timeout: StdDuration::from_secs(5),
            concurrency: 4,
        },
        ..Config::default()
    }
}

/// A group topic at a fixed time hosted by `host`; answers its id.
async fn group_topic(app: &TestApp, host: &str, cid: &str) -> String {
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            host,
            json!({"kind": "offer", "title": "Chess openings", "format": "group", "capacity": 4,
                   "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z", "duration_minutes": 45}),
        )
        .await;
    id(topic.ok(201))
}

async fn add_hook(app: &TestApp, token: &str, cid: &str, url: &str, types: &[&str]) -> Value {
    app.post_json(
        &format!("/api/v1/communities/{cid}/webhooks"),
        token,
        json!({"url": url, "event_types": types}),
    )
    .await
    .ok(201)
    .clone()
}

async fn deliveries(app: &TestApp, token: &str, cid: &str, wid: &str) -> Vec<Value> {
    app.get(
        &format!("/api/v1/communities/{cid}/webhooks/{wid}/deliveries"),
        token,
    )
    .await
    .ok(200)["items"]
        .as_array()
        .expect("items")
        .clone()
}

async fn take_seat(app: &TestApp, token: &str, topic: &str) {
    app.post_json(&format!("/api/v1/topics/{topic}/seats"), token, json!({}))
        .await
        .ok(201);
}

fn at(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

peerlearn_testkit::backend_tests! {
    async fn a_seat_taken_reaches_the_receiver_signed_and_can_be_sent_again(db: TestDb) {
        let app = TestApp::with_config(db, local_hooks()).await;
        let receiver = Receiver::start().await;
        let (cid, [ana, bo]) = app.open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo")]).await;
        let created = add_hook(&app, &ana, &cid, &receiver.url, &["seat.taken", "meeting.cancelled"]).await;
        let secret = created["secret"].as_str().expect("a secret").to_string();
        assert!(secret.starts_with("whsec_"), "{secret}");
        assert!(STANDARD.decode(&secret[6..]).expect("base64").len() >= 24);
        let wid = id(&created);
        // The secret is shown once: never in a read, a list or a change.
        let hooks = format!("/api/v1/communities/{cid}/webhooks");
        for reply in [
            app.get(&format!("{hooks}/{wid}"), &ana).await,
            app.get(&hooks, &ana).await,
        ] {
            let text = reply.ok(200).to_string();
            assert!(!text.contains(&secret) && !text.contains("secret"), "{text}");
        }

        let topic = group_topic(&app, &ana, &cid).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        assert!(receiver.seen().is_empty(), "sent by the webhook worker, not the pipeline");
        assert_eq!(webhooks::run_due(&app.state).await.expect("sent"), 1);

        let seen = receiver.seen();
        assert_eq!(seen.len(), 1, "one event subscribed to: {seen:?}");
        let body: Value = serde_json::from_str(&seen[0].body).expect("JSON");
        assert_eq!(body["type"], "seat.taken", "{body:#}");
        assert_eq!(body["timestamp"], "2026-05-01T12:00:00Z");
        assert_eq!(body["data"]["community_id"].as_str(), Some(cid.as_str()));
        assert!(body["data"]["meeting_id"].is_string() && body["data"]["member_id"].is_string(), "{body:#}");
        assert!(!seen[0].body.contains('@'), "no email addresses: {}", seen[0].body);
        assert_eq!(seen[0].headers["content-type"], "application/json");
        assert!(seen[0].headers["webhook-id"].starts_with("msg_"));
        let ts: i64 = seen[0].headers["webhook-timestamp"].parse().expect("Unix seconds");
        assert!((Utc::now().timestamp() - ts).abs() < 300, "the sender's clock");
        assert!(verifies_by_the_spec(&secret, &seen[0]), "{seen:?}");
        let mut forged = seen[0].clone();
        forged.body = forged.body.replace("seat.taken", "seat.freed");
        assert!(!verifies_by_the_spec(&secret, &forged));
        if let Some(results) = standardwebhooks_results(&secret, &[seen[0].clone(), forged]).await {
            assert_eq!(results[0]["ok"], true, "{results:?}");
            assert_eq!(results[0]["type"], "seat.taken");
            assert_eq!(results[1]["ok"], false, "a changed body fails: {results:?}");
        }

        // The log shows the attempt; "send again" sends the same message (same webhook-id).
        let log = deliveries(&app, &ana, &cid, &wid).await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0]["status"], "delivered");
        assert_eq!(log[0]["attempts"], 1);
        assert_eq!(log[0]["response_status"], 200);
        assert_eq!(log[0]["response_excerpt"], "receiver says 200");
        assert!(log[0]["latency_ms"].is_i64() && log[0]["next_attempt_at"].is_null());
        let again = app
            .post_json(&format!("{hooks}/{wid}/deliveries/{}/redeliver", id(&log[0])), &ana, json!({}))
            .await;
        assert_eq!(again.ok(201)["status"], "pending");
        webhooks::run_due(&app.state).await.expect("sent");
        let seen = receiver.seen();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].headers["webhook-id"], seen[0].headers["webhook-id"]);
        assert_eq!(seen[1].body, seen[0].body);
        assert!(verifies_by_the_spec(&secret, &seen[1]));
        assert_eq!(deliveries(&app, &ana, &cid, &wid).await.len(), 2);
        let page = app
            .get(&format!("{hooks}/{wid}/deliveries?limit=1"), &ana)
            .await;
        let first = page.ok(200).clone();
        assert_eq!(first["items"].as_array().map(Vec::len), Some(1));
        let cursor = first["next_cursor"].as_str().expect("a next page");
        let rest = app
            .get(&format!("{hooks}/{wid}/deliveries?limit=1&cursor={cursor}"), &ana)
            .await;
        assert_eq!(rest.ok(200)["items"][0]["id"], log[0]["id"]);

        // Switched off, an endpoint gets nothing; removed, it is gone with its log.
        let off = app
            .send(Method::PATCH, &format!("{hooks}/{wid}"), &ana, Some(json_body(&json!({"enabled": false}))))
            .await;
        assert_eq!(off.ok(200)["disabled_reason"], "organizer");
        app.delete(&format!("/api/v1/topics/{topic}/seats/me"), &bo).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        webhooks::run_due(&app.state).await.expect("sent");
        assert_eq!(receiver.seen().len(), 2);
        assert_eq!(app.delete(&format!("{hooks}/{wid}"), &ana).await.status, StatusCode::NO_CONTENT);
        app.get(&format!("{hooks}/{wid}"), &ana).await.problem(404, "not_found");
    }

    async fn a_community_has_at_most_ten_endpoints_and_old_deliveries_are_pruned(db: TestDb) {
        let app = TestApp::with_config(db, local_hooks()).await;
        let receiver = Receiver::start().await;
        let (cid, [ana, bo]) = app.open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo")]).await;
        let first = id(&add_hook(&app, &ana, &cid, &receiver.url, &["seat.taken"]).await);
        for _ in 1..10 {
            add_hook(&app, &ana, &cid, &receiver.url, &["seat.taken"]).await;
        }
        let hooks = format!("/api/v1/communities/{cid}/webhooks");
        app.post_json(&hooks, &ana, json!({"url": receiver.url, "event_types": ["seat.taken"]}))
            .await
            .problem(409, "webhook_limit");
        assert_eq!(app.get(&hooks, &ana).await.ok(200)["items"].as_array().map(Vec::len), Some(10));
        let topic = group_topic(&app, &ana, &cid).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        while webhooks::run_due(&app.state).await.expect("sent") > 0 {}
        assert_eq!(deliveries(&app, &ana, &cid, &first).await.len(), 1);
        // Finished deliveries are kept 30 days, then forgotten.
        let store = app.store();
        let month = chrono::Duration::days(30);
        assert_eq!(store.prune_webhook_deliveries(now() + chrono::Duration::days(29), month).await.expect("pruned"), 0);
        assert_eq!(store.prune_webhook_deliveries(now() + chrono::Duration::days(31), month).await.expect("pruned"), 10);
        assert!(deliveries(&app, &ana, &cid, &first).await.is_empty());
    }

    async fn members_joining_and_leaving_reach_the_receiver(db: TestDb) {
        let app = TestApp::with_config(db, local_hooks()).await;
        let receiver = Receiver::start().await;
        let (cid, [ana]) = app.open_community_of([("ana@example.org", "Ana")]).await;
        add_hook(&app, &ana, &cid, &receiver.url, &["member.joined", "member.left"]).await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let bo_member = id(&app.join(&bo, &cid, None).await);
        app.delete(&format!("/api/v1/communities/{cid}/members/me"), &bo).await.ok(204);
        notify::run_due(&app.state).await.expect("events");
        assert_eq!(webhooks::run_due(&app.state).await.expect("sent"), 2);
        let mut got: Vec<(String, String)> = receiver
            .seen()
            .iter()
            .map(|s| {
                assert!(!s.body.contains('@'), "no email addresses: {}", s.body);
                let body: Value = serde_json::from_str(&s.body).expect("JSON");
                (body["type"].as_str().unwrap_or_default().to_string(), body["data"]["member_id"].as_str().unwrap_or_default().to_string())
            })
            .collect();
        got.sort();
        assert_eq!(got, [("member.joined".to_string(), bo_member.clone()), ("member.left".to_string(), bo_member)]);
    }

    async fn a_failing_receiver_is_retried_with_backoff_then_switched_off_and_organizers_told(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let app = TestApp::with_clock(db, local_hooks(), clock.clone());
        let receiver = Receiver::start().await;
        receiver.status.store(500, Ordering::SeqCst);
        let (cid, [ana, bo]) = app.open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo")]).await;
        let wid = id(&add_hook(&app, &ana, &cid, &receiver.url, &["seat.taken", "seat.freed"]).await);
        let topic = group_topic(&app, &ana, &cid).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        webhooks::run_due(&app.state).await.expect("sent");

        let log = deliveries(&app, &ana, &cid, &wid).await;
        assert_eq!(log[0]["status"], "pending", "{log:#?}");
        assert_eq!(log[0]["attempts"], 1);
        assert_eq!(log[0]["response_status"], 500);
        assert_eq!(at(&log[0]["next_attempt_at"]), now() + chrono::Duration::seconds(5));
        // Not due yet: nothing is sent.
        assert_eq!(webhooks::run_due(&app.state).await.expect("ran"), 0);
        assert_eq!(receiver.seen().len(), 1);

        // Each retry waits longer: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h; then it is given up.
        let mut waits = Vec::new();
        let mut last = now();
        for attempt in 2..=7 {
            let next = at(&deliveries(&app, &ana, &cid, &wid).await[0]["next_attempt_at"]);
            waits.push((next - last).num_seconds());
            clock.set(next);
            last = next;
            assert_eq!(webhooks::run_due(&app.state).await.expect("sent"), 1);
            assert_eq!(receiver.seen().len(), attempt);
        }
        assert_eq!(waits, [5, 300, 1800, 7200, 18000, 36000]);
        let log = deliveries(&app, &ana, &cid, &wid).await;
        assert_eq!(log[0]["status"], "failed");
        assert_eq!(log[0]["attempts"], 7);
        assert!(log[0]["next_attempt_at"].is_null());
        let hook = app.get(&format!("/api/v1/communities/{cid}/webhooks/{wid}"), &ana).await.ok(200).clone();
        assert_eq!(hook["enabled"], true, "failing for 17.5 hours only: {hook:#}");
        assert_eq!(at(&hook["failing_since"]), now());

        // Still failing a day after the first failure: switched off, organizers told.
        clock.set(now() + chrono::Duration::hours(25));
        app.delete(&format!("/api/v1/topics/{topic}/seats/me"), &bo).await;
        notify::run_due(&app.state).await.expect("events");
        webhooks::run_due(&app.state).await.expect("sent");
        let hook = app.get(&format!("/api/v1/communities/{cid}/webhooks/{wid}"), &ana).await.ok(200).clone();
        assert_eq!(hook["enabled"], false, "{hook:#}");
        assert_eq!(hook["disabled_reason"], "failing");
        notify::run_due(&app.state).await.expect("the notice");
        let inbox = app.inbox(&ana, &cid).await;
        let notice = inbox.iter().find(|n| n["kind"] == "webhook_disabled").expect("a notice");
        assert!(notice["body"].as_str().expect("a body").contains("/hooks"), "{notice:#}");
        assert!(!app.inbox_kinds(&bo, &cid).await.contains(&"webhook_disabled".to_string()));
        // Off: new events are not sent, nor queued.
        let sent = receiver.seen().len();
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        assert_eq!(webhooks::run_due(&app.state).await.expect("ran"), 0);
        assert_eq!(receiver.seen().len(), sent);
        // Switched on again, it starts afresh.
        let on = app
            .send(Method::PATCH, &format!("/api/v1/communities/{cid}/webhooks/{wid}"), &ana, Some(json_body(&json!({"enabled": true}))))
            .await;
        let on = on.ok(200);
        assert_eq!(on["enabled"], true);
        assert!(on["failing_since"].is_null() && on["disabled_reason"].is_null(), "{on:#}");
    }

    async fn a_receiver_that_is_down_or_hangs_never_holds_up_bookings(db: TestDb) {
        let app = Arc::new(TestApp::with_config(db, local_hooks()).await);
        let slow = Receiver::start().await;
        slow.hang.store(true, Ordering::SeqCst);
        // Nothing listens here.
        let down = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            format!("http://{}/hooks", l.local_addr().expect("addr"))
        };
        let (cid, [ana, bo, cy]) = app
            .open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo"), ("cy@example.org", "Cy")])
            .await;
        let slow_id = id(&add_hook(&app, &ana, &cid, &slow.url, &["seat.taken"]).await);
        let down_id = id(&add_hook(&app, &ana, &cid, &down, &["seat.taken"]).await);
        let topic = group_topic(&app, &ana, &cid).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");

        let worker = {
            let app = app.clone();
            tokio::spawn(async move { webhooks::run_due(&app.state).await })
        };
        tokio::time::timeout(StdDuration::from_secs(10), slow.arrived.notified())
            .await
            .expect("the slow receiver got the delivery");
        // While that delivery hangs, members book and the pipeline runs as usual.
        tokio::time::timeout(StdDuration::from_secs(5), async {
            take_seat(&app, &cy, &topic).await;
            notify::run_due(&app.state).await.expect("events");
        })
        .await
        .expect("a booking does not wait for a webhook receiver");
        assert!(!worker.is_finished(), "the slow delivery is still waiting");
        assert!(app.inbox_kinds(&ana, &cid).await.contains(&"seat_taken".to_string()));
        // The receiver that is down failed at once and waits for its retry.
        let log = deliveries(&app, &ana, &cid, &down_id).await;
        let first = log.iter().find(|d| d["attempts"] == 1).expect("an attempt");
        assert_eq!(first["status"], "pending", "{log:#?}");
        assert!(first["response_status"].is_null());
        assert!(first["error"].as_str().expect("an error").contains("connect"), "{first:#}");
        assert!(first["next_attempt_at"].is_string());

        slow.hang.store(false, Ordering::SeqCst);
        slow.release.notify_one();
        worker.await.expect("joined").expect("sent");
        let log = deliveries(&app, &ana, &cid, &slow_id).await;
        assert!(log.iter().any(|d| d["status"] == "delivered"), "{log:#?}");
    }

    async fn only_organizers_manage_webhooks_and_only_public_https_addresses_are_taken(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana, bo]) = app.open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo")]).await;
        let (_, cy) = app.signup("cy@example.org", "Cy").await;
        let other = id(&app.community(&cy, "invite").await);
        let hooks = format!("/api/v1/communities/{cid}/webhooks");
        let good = json!({"url": "https://hooks.example.org/in", "event_types": ["seat.taken"]});
        // Without the flag, local and private addresses are refused with a clear 422.
        for (url, words) in [
            ("http://hooks.example.org/in", "https"),
            ("https://127.0.0.1:9000/in", "private"),
            ("https://localhost/in", "private"),
            ("https://[::1]/in", "private"),
            ("https://10.0.0.8/in", "private"),
            ("https://169.254.169.254/latest", "private"),
            ("not a url", "https://"),
        ] {
            let reply = app.post_json(&hooks, &ana, json!({"url": url, "event_types": ["seat.taken"]})).await;
            reply.invalid("url");
            let detail = reply.json["errors"][0]["message"].as_str().unwrap_or_default().to_string();
            assert!(detail.contains(words), "{url}: {detail}");
        }
        app.post_json(&hooks, &ana, json!({"url": "https://127.0.0.1/", "event_types": []}))
            .await
            .invalid("event_types");
        app.post_json(&hooks, &ana, json!({"url": "https://127.0.0.1/", "event_types": ["seat.sat"]}))
            .await
            .invalid("event_types[0]");
        assert_eq!(app.get(&hooks, &ana).await.ok(200)["items"], json!([]), "nothing written");
        // Members are refused; another community's organizer does not see it.
        app.get(&hooks, &bo).await.problem(403, "forbidden");
        app.post_json(&hooks, &bo, good.clone()).await.problem(403, "forbidden");
        // An invite-only community is not found by outsiders, and an endpoint of one
        // community is not found through another.
        app.get(&format!("/api/v1/communities/{other}/webhooks"), &ana).await.problem(404, "not_found");
        let theirs = app
            .store()
            .create_webhook(
                peerlearn_domain::CommunityId(cid.parse().expect("an id")),
                "https://hooks.example.org/in",
                &peerlearn_domain::EventTypes::parse("event_types", &["seat.taken"]).expect("types"),
                "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
                now(),
            )
            .await
            .expect("an endpoint")
            .id;
        app.get(&format!("/api/v1/communities/{other}/webhooks/{theirs}"), &cy).await.problem(404, "not_found");
        app.get(&format!("/api/v1/communities/{cid}/webhooks/{theirs}"), &bo).await.problem(403, "forbidden");
        let listed = app.get(&hooks, &ana).await.ok(200).to_string();
        assert!(listed.contains("hooks.example.org") && !listed.contains("whsec_"), "{listed}");
    }

    async fn organizers_manage_webhooks_on_their_pages(db: TestDb) {
        let app = TestApp::with_config(db, local_hooks()).await;
        let receiver = Receiver::start().await;
        let (cid, [ana, bo]) = app.open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo")]).await;
        let org = app.browser(&ana).await;
        let list = format!("/c/{cid}/settings/webhooks");
        let html = app.page(&list, &org.cookies).await.html_page(200).to_string();
        assert!(html.contains("webhook-url") && html.contains("seat.taken"), "the form");
        let settings = app.page(&format!("/c/{cid}/settings"), &org.cookies).await.html_page(200).to_string();
        assert!(settings.contains(&list), "linked from the settings");
        // A bad address comes back with its error and what was typed.
        let bad = app.form(&list, &org.cookies, &[("url", "ftp://x"), ("event_types", "seat.taken")]).await;
        let bad = bad.html_page(422).to_string();
        assert!(bad.contains("aria-invalid=\"true\"") && bad.contains("ftp://x"));
        let made = app
            .form(&list, &org.cookies, &[("url", &receiver.url), ("event_types", "seat.taken"), ("event_types", "seat.freed")])
            .await;
        let made = made.html_page(201).to_string();
        let secret = made
            .split("value=\"")
            .find_map(|s| s.strip_prefix("whsec_").map(|r| format!("whsec_{}", r.split('"').next().unwrap_or_default())))
            .expect("the secret on the page");
        let hooks = app.get(&format!("/api/v1/communities/{cid}/webhooks"), &ana).await.ok(200).clone();
        let wid = id(&hooks["items"][0]);
        assert_eq!(hooks["items"][0]["event_types"], json!(["seat.taken", "seat.freed"]));
        let page = format!("{list}/{wid}");
        let html = app.page(&page, &org.cookies).await.html_page(200).to_string();
        assert!(!html.contains(&secret), "shown once");
        // A delivery shows in the log, and can be sent again from it.
        let topic = group_topic(&app, &ana, &cid).await;
        take_seat(&app, &bo, &topic).await;
        notify::run_due(&app.state).await.expect("events");
        webhooks::run_due(&app.state).await.expect("sent");
        let html = app.page(&page, &org.cookies).await.html_page(200).to_string();
        assert!(html.contains("HTTP 200") && html.contains("receiver says 200"), "the log");
        let did = id(&deliveries(&app, &ana, &cid, &wid).await[0]);
        let again = app.form(&format!("{page}/deliveries/{did}/redeliver"), &org.cookies, &[]).await;
        assert!(again.location().contains("notice=webhook_redelivered"));
        webhooks::run_due(&app.state).await.expect("sent");
        assert_eq!(receiver.seen().len(), 2);
        // Off, on, removed.
        let off = app.form(&format!("{page}/switch"), &org.cookies, &[("on", "false")]).await;
        assert!(off.location().contains("webhook_off"));
        let html = app.page(&page, &org.cookies).await.html_page(200).to_string();
        assert!(html.contains("name=\"on\" value=\"true\""));
        app.form(&format!("{page}/delete"), &org.cookies, &[]).await.location();
        app.page(&page, &org.cookies).await.html_page(404);
        // A member is refused.
        let member = app.browser(&bo).await;
        app.page(&list, &member.cookies).await.html_page(403);
    }
}
