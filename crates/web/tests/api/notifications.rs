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
pub(crate) async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
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

/// An email as its reader sees it: the recipient, the subject and each part's text, decoded
/// (RFC 2047 words in the subject; quoted-printable or base64 parts, as lettre chose).
#[derive(Debug)]
pub(crate) struct Mail {
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) text: String,
    /// The attached invitation, unfolded, when there is one.
    ics: Option<String>,
}

/// Headers (unfolded, by lowercase name) and the body of a message or MIME part.
fn headers_and_body(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push_str(line);
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_lowercase(), value.trim().to_string()));
        }
    }
    (headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for line in text.lines() {
        let (line, soft) = match line.strip_suffix('=') {
            Some(l) => (l, true),
            None => (line, false),
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'=', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        if !soft {
            out.push(b'\n');
        }
    }
    out
}

/// A part's content, decoded, with `\n` line ends.
fn decoded(headers: &[(String, String)], body: &str) -> String {
    let bytes = match header(headers, "content-transfer-encoding")
        .to_lowercase()
        .as_str()
    {
        "base64" => base64(body),
        "quoted-printable" => quoted_printable(body),
        _ => body.as_bytes().to_vec(),
    };
    String::from_utf8(bytes)
        .expect("UTF-8 text")
        .replace("\r\n", "\n")
}

/// A header value with its RFC 2047 encoded words decoded.
fn decoded_header(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let between = &rest[..start];
        // Whitespace between two encoded words is not part of the text.
        if !(after_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        let word = &rest[start + 2..];
        let end = word.find("?=").expect("an encoded word ends");
        let mut pieces = word[..end].splitn(3, '?');
        let (_, encoding, text) = (pieces.next(), pieces.next(), pieces.next());
        let bytes = match encoding.map(str::to_lowercase).as_deref() {
            Some("b") => base64(text.unwrap_or("")),
            _ => quoted_printable(&text.unwrap_or("").replace('_', " ")),
        };
        out.push_str(
            String::from_utf8(bytes)
                .expect("UTF-8")
                .trim_end_matches('\n'),
        );
        rest = &word[end + 2..];
        after_word = true;
    }
    out.push_str(rest);
    out
}

fn read_mail(raw: &str) -> Mail {
    let (headers, body) = headers_and_body(raw);
    let mut mail = Mail {
        to: header(&headers, "to").to_string(),
        subject: decoded_header(header(&headers, "subject")),
        text: String::new(),
        ics: None,
    };
    let content_type = header(&headers, "content-type");
    let Some(boundary) = content_type
        .split("boundary=")
        .nth(1)
        .map(|b| b.trim_matches('"'))
    else {
        mail.text = decoded(&headers, body);
        return mail;
    };
    for part in body.split(&format!("--{boundary}")).skip(1) {
        let part = part.trim_start_matches('\n');
        if part.starts_with("--") {
            break;
        }
        let (part_headers, part_body) = headers_and_body(part);
        let text = decoded(&part_headers, part_body);
        if header(&part_headers, "content-type").starts_with("text/calendar") {
            mail.ics = Some(text.replace("\n ", ""));
        } else {
            mail.text = text;
        }
    }
    mail
}

/// The decoded emails sent to `address`, in order.
pub(crate) fn mails_to(mails: &Arc<Mutex<Vec<String>>>, address: &str) -> Vec<Mail> {
    mails
        .lock()
        .expect("lock")
        .iter()
        .map(|raw| read_mail(raw))
        .filter(|m| m.to.contains(&format!("<{address}>")))
        .collect()
}

/// The (unfolded) line of an iCalendar text starting with `name:`.
fn ics_line<'a>(ics: &'a str, name: &str) -> &'a str {
    ics.lines()
        .find(|l| l.starts_with(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in {ics}"))
}

mod in_their_language {
    use std::sync::Arc;

    use peerlearn_domain::UserId;
    use peerlearn_testkit::TestDb;
    use peerlearn_web::mailer::SmtpMailer;
    use peerlearn_web::{AppState, Config, FixedClock, notify};
    use serde_json::{Value, json};

    use super::{ics_line, mails_to, smtp_sink};
    use crate::common::TestApp;

    fn id(v: &Value) -> String {
        v["id"].as_str().expect("an id").to_string()
    }

    peerlearn_testkit::backend_tests! {
        async fn each_member_hears_of_a_booking_in_their_language_and_time_zone(db: TestDb) {
            let (port, mails) = smtp_sink().await;
            let mailer = Arc::new(
                SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "peerlearn <noreply@example.org>")
                    .expect("mailer"),
            );
            let app = TestApp::new(db).await.with_mailer(mailer.clone());
            // Ana chose nothing: English, in the community's zone (UTC). Bruno reads French,
            // in Montreal.
            let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
            let (bruno_user, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
            let bruno_id = UserId(id(&bruno_user).parse().expect("a user id"));
            app.store()
                .set_preferences(bruno_id, Some("fr"), Some("America/Montreal"))
                .await
                .expect("preferences");
            let cid = id(&app.community(&ana, "open").await);
            app.join(&bruno, &cid, None).await;
            for t in [&ana, &bruno] {
                app.free(t, &cid, "2026-05-04T09:00:00Z", "2026-05-04T12:00:00Z").await;
            }
            let topic = id(app
                .post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
                    json!({"kind": "offer", "title": "SQL window functions", "format": "one_on_one", "mode": "virtual"}))
                .await
                .ok(201));
            let request = id(app
                .post_json(&format!("/api/v1/topics/{topic}/requests"), &bruno,
                    json!({"proposed_times": ["2026-05-04T10:00:00Z"], "message": "J'ai une requête lente"}))
                .await
                .ok(201));
            notify::run_due(&app.state).await.expect("jobs run");

            // Ana is asked in English, with the time in UTC.
            let asked = &app.inbox(&ana, &cid).await[0];
            assert_eq!(asked["title"], "Bruno Costa asks to meet");
            assert_eq!(
                asked["body"],
                "Bruno Costa would like to meet about \"SQL window functions\". Proposed time: Mon 4 May, 10:00 (UTC).\n\nTheir message: J'ai une requête lente"
            );
            let to_ana = mails_to(&mails, "ana@example.org");
            assert_eq!(to_ana.len(), 1);
            assert_eq!(to_ana[0].subject, "Bruno Costa asks to meet · Guild");
            assert!(to_ana[0].text.contains("Open in peerlearn: http"), "{:?}", to_ana[0]);

            // Ana accepts: Bruno's confirmation is in French, at 06:00 in Montreal.
            app.post_json(&format!("/api/v1/requests/{request}/accept"), &ana, json!({"start": "2026-05-04T10:00:00Z"}))
                .await
                .ok(201);
            notify::run_due(&app.state).await.expect("jobs run");
            let confirmed = &app.inbox(&bruno, &cid).await[0];
            assert_eq!(confirmed["kind"], "request_accepted");
            assert_eq!(confirmed["title"], "Votre rencontre est confirmée");
            let body = confirmed["body"].as_str().expect("a body");
            assert!(
                body.starts_with("Ana Lima a accepté\u{a0}: «\u{a0}SQL window functions\u{a0}» le lun. 4 mai, 06:00 (America/Montreal), en visio\u{a0}: http"),
                "{body}"
            );
            assert!(body.ends_with(". L'invitation est jointe."), "{body}");
            let to_bruno = mails_to(&mails, "bruno@example.org");
            assert_eq!(to_bruno.len(), 1, "{to_bruno:?}");
            let email = &to_bruno[0];
            assert_eq!(email.subject, "Votre rencontre est confirmée · Guild");
            assert!(email.text.starts_with(body), "{email:?}");
            assert!(email.text.contains("\n\nOuvrir dans peerlearn\u{a0}: http"), "{email:?}");
            assert!(email.text.ends_with("— peerlearn, Guild\n") || email.text.ends_with("— peerlearn, Guild"), "{email:?}");
            let ics = email.ics.as_deref().expect("the invitation is attached");
            assert_eq!(ics_line(ics, "SUMMARY"), "SUMMARY:Rencontre peerlearn\u{a0}: SQL window functions");
            assert!(ics_line(ics, "DESCRIPTION").starts_with("DESCRIPTION:Avec Ana Lima"), "{ics}");

            // Fifteen minutes before, both are reminded, each in their language and zone.
            let later = AppState::with_clock(
                app.store().clone(),
                Config::default(),
                Arc::new(FixedClock(chrono::DateTime::parse_from_rfc3339("2026-05-04T09:46:00Z").expect("a time").to_utc())),
            )
            .with_mailer(mailer);
            notify::run_due(&later).await.expect("jobs run");
            let ana_reminded = &app.inbox(&ana, &cid).await[0];
            assert_eq!(ana_reminded["title"], "Your meeting starts in 15 minutes");
            let ana_body = ana_reminded["body"].as_str().expect("a body");
            assert!(
                ana_body.starts_with("\"SQL window functions\" starts at Mon 4 May, 10:00 (UTC): by video: http"),
                "{ana_body}"
            );
            let bruno_reminded = &app.inbox(&bruno, &cid).await[0];
            assert_eq!(bruno_reminded["title"], "Votre rencontre commence dans 15 minutes");
            let bruno_body = bruno_reminded["body"].as_str().expect("a body");
            assert!(
                bruno_body.starts_with("«\u{a0}SQL window functions\u{a0}» commence le lun. 4 mai, 06:00 (America/Montreal)\u{a0}: en visio\u{a0}: http"),
                "{bruno_body}"
            );
            let subjects = |address| mails_to(&mails, address).into_iter().map(|m| m.subject).collect::<Vec<_>>();
            assert_eq!(subjects("ana@example.org"), ["Bruno Costa asks to meet · Guild", "Your meeting starts in 15 minutes · Guild"]);
            assert_eq!(subjects("bruno@example.org"), ["Votre rencontre est confirmée · Guild", "Votre rencontre commence dans 15 minutes · Guild"]);
        }

        async fn calendar_files_follow_the_language_of_the_member_they_are_for(db: TestDb) {
            let app = TestApp::new(db).await;
            let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
            let (bruno_user, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
            let bruno_id = UserId(id(&bruno_user).parse().expect("a user id"));
            app.store().set_preferences(bruno_id, Some("fr"), Some("America/Montreal")).await.expect("preferences");
            let cid = id(&app.community(&ana, "open").await);
            app.join(&bruno, &cid, None).await;
            let topic = id(app
                .post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
                    json!({"kind": "offer", "title": "Reading group", "format": "group", "capacity": 4,
                           "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z"}))
                .await
                .ok(201));
            app.post_json(&format!("/api/v1/topics/{topic}/seats"), &bruno, json!({})).await.ok(201);
            let meeting = app
                .store()
                .topic_meeting(topic.parse().expect("a topic id"))
                .await
                .expect("reads")
                .expect("a meeting");
            let unfolded = |reply: crate::common::Reply| {
                assert_eq!(reply.status.as_u16(), 200, "{:#}", reply.json);
                reply.json.as_str().expect("a calendar").replace("\r\n", "\n").replace("\n ", "")
            };
            let ics_path = format!("/api/v1/meetings/{}/ics", meeting.id);
            let for_ana = unfolded(app.get(&ics_path, &ana).await);
            assert_eq!(ics_line(&for_ana, "SUMMARY"), "SUMMARY:peerlearn: Reading group");
            assert!(ics_line(&for_ana, "DESCRIPTION").starts_with("DESCRIPTION:With Ana Lima"), "{for_ana}");
            let for_bruno = unfolded(app.get(&ics_path, &bruno).await);
            assert_eq!(ics_line(&for_bruno, "SUMMARY"), "SUMMARY:Rencontre peerlearn\u{a0}: Reading group");
            assert!(ics_line(&for_bruno, "DESCRIPTION").starts_with("DESCRIPTION:Avec Ana Lima"), "{for_bruno}");
            // The same meeting keeps its UID whichever language it is written in.
            assert_eq!(ics_line(&for_ana, "UID"), ics_line(&for_bruno, "UID"));

            // Bruno's calendar feed speaks French too.
            let feed = app.post_json("/api/v1/me/calendar_feed", &bruno, json!({})).await.ok(201).clone();
            let url = feed["url"].as_str().expect("a url");
            let path = &url[url.find("/calendar/").expect("a feed path")..];
            let from_feed = unfolded(app.get(path, "").await);
            assert_eq!(ics_line(&from_feed, "SUMMARY"), "SUMMARY:Rencontre peerlearn\u{a0}: Reading group");
        }

        async fn seats_waitlists_and_cancellations_are_told_in_each_members_language(db: TestDb) {
            let app = TestApp::new(db).await;
            // Ana (host) reads French in the community's zone (UTC); Bo reads French in Paris;
            // Cy and Ed chose nothing.
            let (ana_user, ana) = app.signup("ana@example.org", "Ana").await;
            let cid = id(&app.community(&ana, "open").await);
            let mut tokens = Vec::new();
            for name in ["bo", "cy", "ed"] {
                let (user, token) = app.signup(&format!("{name}@example.org"), name).await;
                app.join(&token, &cid, None).await;
                tokens.push((user, token));
            }
            let [(bo_user, bo), (_, cy), (_, ed)] = <[_; 3]>::try_from(tokens).expect("three");
            let user_id = |u: &Value| UserId(id(u).parse().expect("a user id"));
            app.store().set_preferences(user_id(&ana_user), Some("fr"), None).await.expect("preferences");
            app.store().set_preferences(user_id(&bo_user), Some("fr"), Some("Europe/Paris")).await.expect("preferences");
            let topic = id(app
                .post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
                    json!({"kind": "offer", "title": "Reading group", "format": "group", "capacity": 2,
                           "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z"}))
                .await
                .ok(201));
            let seats = format!("/api/v1/topics/{topic}/seats");
            let run = || notify::run_due(&app.state);

            app.post_json(&seats, &cy, json!({})).await.ok(201);
            run().await.expect("jobs run");
            let taken = &app.inbox(&ana, &cid).await[0];
            assert_eq!(taken["title"], "cy a pris une place dans votre groupe");
            assert_eq!(
                taken["body"],
                "cy a pris une place dans «\u{a0}Reading group\u{a0}» le lun. 4 mai, 10:00 (UTC) (1 place prise sur 2)."
            );

            app.post_json(&seats, &ed, json!({})).await.ok(201);
            app.post_json(&format!("/api/v1/topics/{topic}/waitlist"), &bo, json!({})).await.ok(201);
            run().await.expect("jobs run");
            // Cy leaves: Bo, first on the waitlist, has her seat.
            app.delete(&format!("{seats}/me"), &cy).await.ok(200);
            run().await.expect("jobs run");
            let seated = &app.inbox(&bo, &cid).await[0];
            assert_eq!(seated["kind"], "waitlist_seat");
            assert_eq!(seated["title"], "Une place s'est libérée pour vous");
            let body = seated["body"].as_str().expect("a body");
            assert!(
                body.starts_with("Une place s'est libérée dans «\u{a0}Reading group\u{a0}» le lun. 4 mai, 12:00 (Europe/Paris), en visio\u{a0}: http"),
                "{body}"
            );
            let host = app.inbox(&ana, &cid).await;
            let bodies: Vec<&str> = host.iter().filter_map(|n| n["body"].as_str()).collect();
            assert!(
                bodies.contains(&"bo a pris une place libérée dans «\u{a0}Reading group\u{a0}» depuis la liste d'attente (2 places prises sur 2)."),
                "{bodies:#?}"
            );
            assert!(
                bodies.iter().any(|b| b.starts_with("cy a libéré sa place dans «\u{a0}Reading group\u{a0}» le lun. 4 mai, 10:00 (UTC) (")),
                "{bodies:#?}"
            );

            // Ana cancels the group: Bo hears it in French, Ed in English, each in their zone.
            let meeting = app
                .store()
                .topic_meeting(topic.parse().expect("a topic id"))
                .await
                .expect("reads")
                .expect("a meeting");
            app.post_json(&format!("/api/v1/meetings/{}/cancel", meeting.id), &ana, json!({"reason": "Salle indisponible"}))
                .await
                .ok(200);
            run().await.expect("jobs run");
            let to_bo = &app.inbox(&bo, &cid).await[0];
            assert_eq!((to_bo["kind"].as_str(), to_bo["title"].as_str()), (Some("meeting_cancelled"), Some("Une rencontre a été annulée")));
            assert_eq!(
                to_bo["body"],
                "Ana a annulé «\u{a0}Reading group\u{a0}» du lun. 4 mai, 12:00 (Europe/Paris).\n\nMotif\u{a0}: Salle indisponible"
            );
            let to_ed = &app.inbox(&ed, &cid).await[0];
            assert_eq!(to_ed["title"], "A meeting was cancelled");
            assert_eq!(
                to_ed["body"],
                "Ana cancelled \"Reading group\" on Mon 4 May, 10:00 (UTC).\n\nReason: Salle indisponible"
            );
        }
    }
}
