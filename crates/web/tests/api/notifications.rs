//! Notifications end to end: actions write outbox events in their own transactions; the job
//! worker turns them into inbox entries and emails, delivered over real SMTP to a local test
//! server (with the .ics invitation attached), retried when the server is down.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Duration, TimeZone, Utc};
use peerlearn_store::Store;
use peerlearn_web::mailer::SmtpMailer;
use peerlearn_web::{AppState, Config, FixedClock, notify};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tower::ServiceExt;

/// A minimal SMTP server that accepts every message and keeps it.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let kept = inbox.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 localhost test SMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            kept.lock()
                                .expect("lock")
                                .push(data.take().unwrap_or_default());
                            let _ = write.write_all(b"250 OK queued\r\n").await;
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-localhost\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, inbox)
}

struct App {
    state: AppState,
    _dir: tempfile::TempDir,
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 5, 1, 8, 0, 0).unwrap()
}

async fn app(smtp_port: u16) -> App {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("n.db").display());
    let store = Store::connect(&url, 4).await.expect("db");
    store.migrate().await.expect("migrate");
    let mailer = SmtpMailer::new(
        &format!("smtp://127.0.0.1:{smtp_port}"),
        "peerlearn <noreply@example.org>",
    )
    .expect("mailer");
    let state = AppState::with_clock(store, Config::default(), Arc::new(FixedClock(now())))
        .with_mailer(Arc::new(mailer));
    App { state, _dir: dir }
}

impl App {
    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .expect("request");
        let res = peerlearn_web::app(self.state.clone())
            .oneshot(req)
            .await
            .expect("response");
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .expect("body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn signup(&self, email: &str, name: &str) -> String {
        let (s, v) = self
            .call(
                "POST",
                "/api/v1/signup",
                None,
                Some(json!({"email": email, "password": "correct horse", "display_name": name})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["token"].as_str().expect("token").to_string()
    }
}

/// Ana offers a topic, Bruno asks, Ana accepts, then cancels.
async fn scenario(a: &App) -> (String, String, String) {
    let ana = a.signup("ana@example.org", "Ana Lima").await;
    let bruno = a.signup("bruno@example.org", "Bruno Costa").await;
    let (_, c) = a
        .call("POST", "/api/v1/communities", Some(&ana), Some(json!({
            "name": "Guild", "kind": "event", "timezone": "UTC", "starts_on": "2030-05-02",
            "ends_on": "2030-05-02", "day_start": "09:00", "day_end": "18:00", "join_policy": "open"})))
        .await;
    let cid = c["id"].as_str().expect("community").to_string();
    a.call(
        "POST",
        &format!("/api/v1/communities/{cid}/members"),
        Some(&bruno),
        Some(json!({})),
    )
    .await;
    for t in [&ana, &bruno] {
        let (s, v) = a
            .call("PUT", &format!("/api/v1/communities/{cid}/members/me/availability"), Some(t),
                Some(json!({"windows": [{"start": "2030-05-02T09:00:00Z", "end": "2030-05-02T12:00:00Z"}]})))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let (_, topic) = a
        .call("POST", &format!("/api/v1/communities/{cid}/topics"), Some(&ana), Some(json!({
            "kind": "offer", "title": "SQL window functions", "format": "one_on_one", "mode": "virtual"})))
        .await;
    let tid = topic["id"].as_str().expect("topic").to_string();
    let (s, r) = a
        .call("POST", &format!("/api/v1/topics/{tid}/requests"), Some(&bruno),
            Some(json!({"proposed_times": ["2030-05-02T10:00:00Z"], "message": "I have a slow query"})))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let rid = r["id"].as_str().expect("request").to_string();
    (ana, bruno, format!("{cid}/{rid}"))
}

#[tokio::test]
async fn events_become_inbox_entries_and_emails_with_invitations() {
    let (port, mails) = smtp_sink().await;
    let a = app(port).await;
    let (ana, bruno, ids) = scenario(&a).await;
    let (cid, rid) = ids.split_once('/').expect("ids");

    assert_eq!(
        notify::run_due(&a.state).await.expect("jobs"),
        2,
        "the event, then its email"
    );
    let (_, inbox) = a
        .call(
            "GET",
            &format!("/api/v1/communities/{cid}/notifications"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(inbox["unread"], 1);
    assert_eq!(inbox["items"][0]["kind"], "request_received");
    assert!(
        inbox["items"][0]["body"]
            .as_str()
            .unwrap_or("")
            .contains("I have a slow query")
    );
    {
        let mails = mails.lock().expect("lock");
        assert_eq!(mails.len(), 1);
        assert!(
            mails[0].contains("To: \"Ana Lima\" <ana@example.org>"),
            "{}",
            mails[0]
        );
        assert!(
            mails[0].contains("Bruno Costa asks to meet"),
            "{}",
            mails[0]
        );
    }

    let (s, meeting) = a
        .call(
            "POST",
            &format!("/api/v1/requests/{rid}/accept"),
            Some(&ana),
            Some(json!({"start": "2030-05-02T10:00:00Z"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{meeting}");
    let mid = meeting["id"].as_str().expect("meeting").to_string();
    notify::run_due(&a.state).await.expect("jobs");
    {
        let mails = mails.lock().expect("lock");
        assert_eq!(mails.len(), 2, "the reminder is not due yet");
        let confirmed = &mails[1];
        assert!(confirmed.contains("bruno@example.org"), "{confirmed}");
        assert!(
            confirmed.contains("text/calendar"),
            "the invitation is attached: {confirmed}"
        );
        assert!(confirmed.contains("STATUS:CONFIRMED"), "{confirmed}");
    }

    // Fifteen minutes before the start, both are reminded.
    let later = AppState::with_clock(
        a.state.store.clone(),
        Config::default(),
        Arc::new(FixedClock(
            Utc.with_ymd_and_hms(2030, 5, 2, 9, 46, 0).unwrap(),
        )),
    );
    let later = match &a.state.mailer {
        Some(m) => later.with_mailer(m.clone()),
        None => later,
    };
    notify::run_due(&later).await.expect("jobs");
    assert_eq!(mails.lock().expect("lock").len(), 4, "one reminder each");

    let (s, _) = a
        .call(
            "POST",
            &format!("/api/v1/meetings/{mid}/cancel"),
            Some(&bruno),
            Some(json!({"reason": "sick"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    notify::run_due(&a.state).await.expect("jobs");
    let cancelled = mails
        .lock()
        .expect("lock")
        .last()
        .cloned()
        .expect("a cancellation");
    assert!(
        cancelled.contains("ana@example.org") && cancelled.contains("STATUS:CANCELLED"),
        "{cancelled}"
    );
    assert!(cancelled.contains("SEQUENCE:1"), "{cancelled}");
    // After the (cancelled) meeting's end, its follow-up jobs run and send nothing.
    let sent = mails.lock().expect("lock").len();
    let after = AppState::with_clock(
        a.state.store.clone(),
        Config::default(),
        Arc::new(FixedClock(
            Utc.with_ymd_and_hms(2030, 5, 2, 11, 0, 0).unwrap(),
        )),
    );
    notify::run_due(&after).await.expect("jobs");
    assert_eq!(mails.lock().expect("lock").len(), sent);
    assert_eq!(a.state.store.job_counts().await.expect("counts"), (0, 0));
}

#[tokio::test]
async fn emails_are_retried_with_backoff_when_the_server_is_down() {
    // Nothing listens on this port: every delivery fails.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let a = app(port).await;
    let (ana, _, ids) = scenario(&a).await;
    let (cid, _) = ids.split_once('/').expect("ids");
    notify::run_due(&a.state).await.expect("jobs");
    // The inbox does not wait for email.
    let (_, inbox) = a
        .call(
            "GET",
            &format!("/api/v1/communities/{cid}/notifications"),
            Some(&ana),
            None,
        )
        .await;
    assert_eq!(inbox["unread"], 1);
    let (pending, failed) = a.state.store.job_counts().await.expect("counts");
    assert_eq!((pending, failed), (1, 0), "the email waits for its retry");
    // Run again later, past every backoff: after the last attempt it is given up, not lost silently.
    let mut at = now();
    for _ in 0..peerlearn_store::MAX_ATTEMPTS {
        at += Duration::hours(2);
        let s = AppState::with_clock(
            a.state.store.clone(),
            Config::default(),
            Arc::new(FixedClock(at)),
        )
        .with_mailer(a.state.mailer.clone().expect("mailer"));
        notify::run_due(&s).await.expect("jobs");
    }
    assert_eq!(a.state.store.job_counts().await.expect("counts"), (0, 1));
}

#[tokio::test]
async fn a_host_at_their_daily_cap_is_full_for_that_day() {
    let (port, _) = smtp_sink().await;
    let a = app(port).await;
    let (ana, bruno, ids) = scenario(&a).await;
    let (cid, rid) = ids.split_once('/').expect("ids");
    // Ana takes at most one meeting a day.
    let (s, v) = a
        .call(
            "PUT",
            &format!("/api/v1/communities/{cid}/members/me"),
            Some(&ana),
            Some(json!({"headline": "SQL", "daily_cap": 1})),
        )
        .await;
    assert_eq!((s, &v["daily_cap"]), (StatusCode::OK, &json!(1)), "{v}");
    let (s, v) = a
        .call(
            "PUT",
            &format!("/api/v1/communities/{cid}/members/me"),
            Some(&ana),
            Some(json!({"daily_cap": 0})),
        )
        .await;
    assert_eq!(
        (s, v["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("daily_cap"))
    );
    let (s, _) = a
        .call(
            "POST",
            &format!("/api/v1/requests/{rid}/accept"),
            Some(&ana),
            Some(json!({"start": "2030-05-02T10:00:00Z"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // A third member asks for the same day: Ana is full.
    let carla = a.signup("carla@example.org", "Carla Dias").await;
    a.call(
        "POST",
        &format!("/api/v1/communities/{cid}/members"),
        Some(&carla),
        Some(json!({})),
    )
    .await;
    a.call(
        "PUT",
        &format!("/api/v1/communities/{cid}/members/me/availability"),
        Some(&carla),
        Some(
            json!({"windows": [{"start": "2030-05-02T09:00:00Z", "end": "2030-05-02T12:00:00Z"}]}),
        ),
    )
    .await;
    let (_, topics) = a
        .call(
            "GET",
            &format!("/api/v1/communities/{cid}/topics"),
            Some(&carla),
            None,
        )
        .await;
    let tid = topics["items"][0]["id"]
        .as_str()
        .expect("topic")
        .to_string();
    let (s, v) = a
        .call(
            "POST",
            &format!("/api/v1/topics/{tid}/requests"),
            Some(&carla),
            Some(json!({"proposed_times": ["2030-05-02T11:00:00Z"]})),
        )
        .await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("host_full")),
        "{v}"
    );
    let _ = bruno;
}
