//! What a member controls about leaving: leave a community, export their data, delete their
//! account — over the API and the pages, on both backends, with the notices the others get,
//! the archive's coverage and a scan of every text column after an account is erased.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::http::Method;
use peerlearn_testkit::TestDb;
use peerlearn_web::mailer::SmtpMailer;
use peerlearn_web::{Config, ManualClock, notify};
use serde_json::{Value, json};

use crate::common::{PASSWORD, Reply, TestApp, json_body, now};
use crate::common::{at, id};
use crate::notifications::{mails_to, smtp_sink};

const ZED: &str = "Zephyrine Quillfeather";
const ZED_EMAIL: &str = "zephyrine@example.org";

/// Ana organizes an open community; Zed (Zephyrine) is a member with a profile, an open
/// topic of her own, a meeting Ana hosts tomorrow and a pending request from Ana.
struct Scene {
    app: TestApp,
    clock: Arc<ManualClock>,
    cid: String,
    ana: String,
    zed: String,
    meeting: String,
    zed_topic: String,
    request: String,
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    app.post_json(path, token, body).await.ok(201).clone()
}

async fn scene(db: TestDb) -> Scene {
    scene_with(db, None).await
}

async fn scene_with(db: TestDb, mailer: Option<Arc<SmtpMailer>>) -> Scene {
    let clock = Arc::new(ManualClock::new(now()));
    let mut app = TestApp::with_clock(db, Config::default(), clock.clone());
    if let Some(m) = mailer {
        app = app.with_mailer(m);
    }
    let (cid, [ana, zed]) = app
        .open_community_of([("ana@example.org", "Ana Lima"), (ZED_EMAIL, ZED)])
        .await;
    for token in [&ana, &zed] {
        app.put_json(
            &format!("/api/v1/communities/{cid}/members/me"),
            token,
            json!({"headline": "Curious", "bio": "I like ferns", "team": "Botany", "languages": ["en"],
                   "offers": ["ferns"], "wants": ["rust"]}),
        )
        .await
        .ok(200);
        app.free(token, &cid, "2026-05-02T09:00:00Z", "2026-05-02T17:00:00Z")
            .await;
    }
    let topic = |title: &str| {
        json!({"kind": "offer", "title": title, "description": "", "tags": ["ferns"],
               "format": "one_on_one", "mode": "virtual", "duration_minutes": 30})
    };
    let topics = format!("/api/v1/communities/{cid}/topics");
    let ana_topic = post(&app, &topics, &ana, topic("Fern care")).await;
    let zed_topic = post(&app, &topics, &zed, topic("Moss gardens")).await;
    let asked = post(
        &app,
        &format!("/api/v1/topics/{}/requests", id(&ana_topic)),
        &zed,
        json!({"proposed_times": ["2026-05-02T10:00:00Z"]}),
    )
    .await;
    let meeting = post(
        &app,
        &format!("/api/v1/requests/{}/accept", id(&asked)),
        &ana,
        json!({"start": "2026-05-02T10:00:00Z"}),
    )
    .await;
    let request = post(&app, &format!("/api/v1/topics/{}/requests", id(&zed_topic)), &ana,
        json!({"proposed_times": ["2026-05-02T14:00:00Z"], "message": "Hello Zephyrine Quillfeather"})).await;
    notify::run_due(&app.state).await.expect("jobs run");
    Scene {
        app,
        clock,
        cid,
        ana,
        zed,
        meeting: id(&meeting),
        zed_topic: id(&zed_topic),
        request: id(&request),
    }
}

async fn delete_me(app: &TestApp, token: &str, password: &str) -> Reply {
    app.send(
        Method::DELETE,
        "/api/v1/me",
        token,
        Some(json_body(&json!({"password": password}))),
    )
    .await
}

impl Scene {
    async fn status_of(&self, path: &str, token: &str) -> String {
        self.app.get(path, token).await.ok(200)["status"]
            .as_str()
            .expect("a status")
            .to_string()
    }

    async fn meeting_status(&self) -> String {
        self.status_of(&format!("/api/v1/meetings/{}", self.meeting), &self.ana)
            .await
    }

    async fn topic_status(&self) -> String {
        self.status_of(&format!("/api/v1/topics/{}", self.zed_topic), &self.ana)
            .await
    }

    async fn request_status(&self) -> String {
        let sent = self
            .app
            .get("/api/v1/me/requests", &self.ana)
            .await
            .ok(200)
            .clone();
        let all = format!("{sent}");
        let found = sent["sent"]
            .as_array()
            .or_else(|| sent["items"].as_array())
            .and_then(|items| items.iter().find(|r| id(r) == self.request).cloned());
        found.map_or_else(
            || format!("missing from {all}"),
            |r| r["status"].as_str().unwrap_or_default().to_string(),
        )
    }
}

peerlearn_testkit::backend_tests! {
    async fn leaving_cancels_meetings_withdraws_requests_and_closes_topics(db: TestDb) {
        let s = scene(db).await;
        let me_path = format!("/api/v1/communities/{}/members/me", s.cid);
        // The last organizer cannot leave, and nothing changes.
        let refused = s.app.delete(&me_path, &s.ana).await;
        assert!(refused.problem(409, "last_organizer")["detail"].as_str().unwrap_or_default().contains("organizer"));
        s.app.get(&me_path, &s.ana).await.ok(200);

        assert_eq!(s.app.delete(&me_path, &s.zed).await.status, 204);
        assert_eq!(s.meeting_status().await, "cancelled");
        assert_eq!(s.topic_status().await, "closed");
        assert_eq!(s.request_status().await, "withdrawn");
        // Ana hears of the cancellation through the notification pipeline, from a former member.
        notify::run_due(&s.app.state).await.expect("jobs run");
        let inbox = s.app.inbox(&s.ana, &s.cid).await;
        let cancelled = inbox.iter().find(|n| n["kind"] == "meeting_cancelled").expect("a notice");
        assert!(!format!("{cancelled}").contains(ZED), "{cancelled}");
        // The community is no longer Zed's: not in her list, its member pages refuse her.
        let mine = s.app.get("/api/v1/me", &s.zed).await.ok(200).clone();
        assert_eq!(mine["communities"].as_array().expect("a list").len(), 0);
        s.app.get(&me_path, &s.zed).await.problem(403, "forbidden");
        assert_eq!(s.app.delete(&me_path, &s.zed).await.status, 403);
        // The directory no longer lists her.
        let directory = s.app.get(&format!("/api/v1/communities/{}/members", s.cid), &s.ana).await.ok(200).clone();
        assert_eq!(directory["items"].as_array().expect("items").len(), 1, "{directory}");
        // She may join again.
        s.app.join(&s.zed, &s.cid, None).await;
    }

    async fn leaving_gives_a_group_seat_to_the_waitlist(db: TestDb) {
        let s = scene(db).await;
        let (_, bo) = s.app.signup("bo@example.org", "Bo Brandt").await;
        let (_, cy) = s.app.signup("cy@example.org", "Cy Young").await;
        for token in [&bo, &cy] {
            s.app.join(token, &s.cid, None).await;
        }
        let group = post(&s.app, &format!("/api/v1/communities/{}/topics", s.cid), &s.ana,
            json!({"kind": "offer", "title": "Fern walk", "description": "", "tags": ["ferns"], "format": "group",
                   "capacity": 2, "mode": "virtual", "duration_minutes": 45, "starts_at": "2026-05-03T15:00:00Z"})).await;
        let seats = format!("/api/v1/topics/{}/seats", id(&group));
        s.app.post_json(&seats, &s.zed, json!({})).await.ok(201);
        s.app.post_json(&seats, &bo, json!({})).await.ok(201);
        s.app.post_json(&format!("/api/v1/topics/{}/waitlist", id(&group)), &cy, json!({})).await.ok(201);
        assert_eq!(s.app.delete(&format!("/api/v1/communities/{}/members/me", s.cid), &s.zed).await.status, 204);
        // The group goes on; Zed's seat went to Cy, the first on the waitlist.
        let topic = s.app.get(&format!("/api/v1/topics/{}", id(&group)), &s.ana).await.ok(200).clone();
        assert_eq!(topic["seats_taken"], 2, "{topic}");
        let meeting = s.app.get(&format!("/api/v1/meetings/{}", topic["meeting_id"].as_str().expect("a meeting")), &cy).await.ok(200).clone();
        assert_eq!(meeting["status"], "confirmed");
        notify::run_due(&s.app.state).await.expect("jobs run");
        assert!(s.app.inbox_kinds(&cy, &s.cid).await.contains(&"waitlist_seat".to_string()));
    }

    async fn leaving_from_the_pages_asks_first(db: TestDb) {
        let s = scene(db).await;
        let zed = s.app.browser(&s.zed).await;
        let page = s.app.page_as(Some(&zed), &format!("/c/{}/leave", s.cid), &[]).await;
        assert!(page.html_page(200).contains("Leave the community"));
        let profile = s.app.page_as(Some(&zed), &format!("/c/{}/profile", s.cid), &[]).await;
        assert!(profile.html_page(200).contains(&format!("/c/{}/leave", s.cid)));
        let left = s.app.form_as(&zed, &format!("/c/{}/leave", s.cid), &[("csrf", &zed.csrf)], &[]).await;
        assert_eq!(left.header("location"), Some("/communities?notice=left_community"));
        // Its pages answer her as a visitor: the open community offers to join.
        let home = s.app.page_as(Some(&zed), &format!("/c/{}/meetings", s.cid), &[]).await;
        assert!(home.html_page(403).contains(&format!("/c/{}/join", s.cid)), "{}", home.json);
        // The last organizer is told up front, and sent to hand over instead.
        let ana = s.app.browser(&s.ana).await;
        let page = s.app.page_as(Some(&ana), &format!("/c/{}/leave", s.cid), &[]).await;
        let html = page.html_page(200);
        assert!(html.contains("Make another member an organizer") && !html.contains("Leave the community</button>"), "{html}");
        // Posting anyway gets the reason, in French too.
        let refused = s.app.form_as(&ana, &format!("/c/{}/leave", s.cid), &[("csrf", &ana.csrf)], &[("accept-language", "fr")]).await;
        assert!(refused.html_page(409).contains("organisateur"), "{}", refused.json);
    }

    async fn an_export_is_built_in_the_background_for_its_owner_only(db: TestDb) {
        let (port, mails) = smtp_sink().await;
        let mailer = Arc::new(SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "peerlearn <noreply@example.org>").expect("mailer"));
        let s = scene_with(db, Some(mailer)).await;
        let app = &s.app;
        app.get("/api/v1/me/export", &s.zed).await.problem(404, "not_found");
        let asked = app.post_json("/api/v1/me/export", &s.zed, json!({})).await;
        let asked = asked.ok(202).clone();
        assert_eq!(asked["status"], "pending");
        assert!(asked["download_url"].is_null());
        // Asking again while it is built answers the same export.
        assert_eq!(app.post_json("/api/v1/me/export", &s.zed, json!({})).await.ok(202)["id"], asked["id"]);
        notify::run_due(&app.state).await.expect("jobs run");
        let ready = app.get("/api/v1/me/export", &s.zed).await.ok(200).clone();
        assert_eq!(ready["status"], "ready");
        let url = ready["download_url"].as_str().expect("a link").to_string();
        let archive = app.get(&url, &s.zed).await;
        assert_eq!(archive.status.as_u16(), 200);
        assert!(archive.header("content-disposition").unwrap_or_default().starts_with("attachment"));
        let tables = &archive.json["tables"];
        let names: BTreeSet<&str> = tables.as_object().expect("tables").keys().map(String::as_str).collect();
        for part in peerlearn_store::ARCHIVE {
            assert!(names.contains(part.table), "{} missing", part.table);
        }
        assert_eq!(tables["users"][0]["email"], ZED_EMAIL);
        assert_eq!(tables["members"][0]["bio"], "I like ferns");
        assert!(tables["topics"].as_array().expect("topics").iter().any(|t| t["title"] == "Moss gardens"));
        assert!(!tables["meeting_requests"].as_array().expect("requests").is_empty());
        assert!(!tables["notifications"].as_array().expect("inbox").is_empty());
        assert!(tables["auth_tokens"][0].get("token_hash").is_none(), "no secrets");
        // Nobody else may download it.
        app.get(&url, &s.ana).await.problem(404, "not_found");
        app.get(&url, "").await.problem(401, "not_signed_in");
        // Zed is told by email.
        let mail = mails_to(&mails, ZED_EMAIL);
        assert!(mail.iter().any(|m| m.text.contains("/account#export")), "{} mails", mail.len());
        // It expires after a week.
        s.clock.set(now() + chrono::Duration::days(8));
        app.get(&url, &s.zed).await.problem(404, "not_found");
        app.get("/api/v1/me/export", &s.zed).await.problem(404, "not_found");
    }

    async fn the_account_page_prepares_and_offers_the_export(db: TestDb) {
        let s = scene(db).await;
        let zed = s.app.browser(&s.zed).await;
        let page = s.app.page_as(Some(&zed), "/account", &[]).await;
        assert!(page.html_page(200).contains("Prepare my data"));
        let asked = s.app.form_as(&zed, "/account/export", &[("csrf", &zed.csrf)], &[]).await;
        assert_eq!(asked.header("location"), Some("/account?notice=export_requested#export"));
        let page = s.app.page_as(Some(&zed), "/account", &[]).await;
        assert!(page.html_page(200).contains("being prepared"));
        notify::run_due(&s.app.state).await.expect("jobs run");
        let page = s.app.page_as(Some(&zed), "/account", &[]).await;
        let html = page.html_page(200).to_string();
        let start = html.find("/account/export/").expect("a download link");
        let link: String = html[start..].chars().take_while(|c| *c != '"').collect();
        let download = s.app.page_as(Some(&zed), &link, &[]).await;
        assert_eq!(download.status.as_u16(), 200);
        assert_eq!(download.json["tables"]["users"][0]["display_name"], ZED);
        let ana = s.app.browser(&s.ana).await;
        assert_eq!(s.app.page_as(Some(&ana), &link, &[]).await.status.as_u16(), 404);
    }

    async fn deleting_an_account_needs_the_password_and_erases_it(db: TestDb) {
        let s = scene(db).await;
        // Zed shares a note after a past meeting, asks and answers questions, subscribes a
        // calendar, and is made a moderator (the audit log names her).
        s.clock.set(at("2026-05-02T10:05:00Z"));
        s.app.post_json(&format!("/api/v1/meetings/{}/check-in", s.meeting), &s.zed, json!({})).await.ok(200);
        s.clock.set(at("2026-05-02T10:35:00Z"));
        s.app.post_json(&format!("/api/v1/meetings/{}/feedback", s.meeting), &s.zed,
            json!({"learned": "Ferns like shade", "will_try": "Water less", "rating": 4, "thanks": "Thanks!",
                   "share": true, "named": true})).await.ok(201);
        s.app.post_json(&format!("/api/v1/requests/{}/accept", s.request), &s.zed, json!({"start": "2026-05-02T14:00:00Z"})).await.ok(201);
        let questions = format!("/api/v1/communities/{}/questions", s.cid);
        let asked = post(&s.app, &questions, &s.ana, json!({"title": "Which fern for a dark room?", "body": "", "tags": ["ferns"]})).await;
        let answer = post(&s.app, &format!("/api/v1/questions/{}/answers", id(&asked)), &s.zed, json!({"body": "A Boston fern."})).await;
        s.app.post_json(&format!("/api/v1/answers/{}/accept", id(&answer)), &s.ana, json!({})).await.ok(200);
        post(&s.app, &questions, &s.zed, json!({"title": "Moss in winter?", "body": "", "tags": ["moss"]})).await;
        s.app.post_json("/api/v1/me/calendar_feed", &s.zed, json!({})).await;
        let zed_m = s.app.my_profile(&s.zed, &s.cid).await["id"].as_str().expect("id").to_string();
        s.app.put_json(&format!("/api/v1/communities/{}/members/{zed_m}/role", s.cid), &s.ana, json!({"role": "moderator"})).await.ok(200);
        s.app.post_json("/api/v1/me/export", &s.zed, json!({})).await.ok(202);
        notify::run_due(&s.app.state).await.expect("jobs run");

        // Her archive shows she left traces across the schema.
        let export = s.app.get("/api/v1/me/export", &s.zed).await.ok(200).clone();
        let archive = s.app.get(export["download_url"].as_str().expect("ready"), &s.zed).await;
        let empty: Vec<&str> = [
            "users", "auth_tokens", "calendar_feeds", "members", "member_tags", "availability",
            "topics", "topic_tags", "meeting_requests", "request_times", "meetings",
            "meeting_participants", "check_ins", "feedback", "notes", "questions", "question_tags",
            "answers", "notifications", "outbox", "live_streams", "live_events", "data_exports",
        ]
        .into_iter()
        .filter(|t| archive.json["tables"][*t].as_array().is_none_or(Vec::is_empty))
        .collect();
        assert!(empty.is_empty(), "nothing seeded in {empty:?}");

        // A wrong password changes nothing.
        delete_me(&s.app, &s.zed, "not my password").await.invalid("password");
        s.app.get("/api/v1/me", &s.zed).await.ok(200);
        // The last organizer of a community with other members must hand over first.
        delete_me(&s.app, &s.ana, PASSWORD).await.problem(409, "last_organizer");

        assert_eq!(delete_me(&s.app, &s.zed, PASSWORD).await.status, 204);
        // Her sessions and tokens ended: a second try is not signed in.
        delete_me(&s.app, &s.zed, PASSWORD).await.problem(401, "not_signed_in");
        s.app.post_json("/api/v1/tokens", "", json!({"email": ZED_EMAIL, "password": PASSWORD})).await.problem(401, "bad_credentials");
        // Her meeting to come is cancelled, and Ana is told.
        notify::run_due(&s.app.state).await.expect("jobs run");
        assert!(s.app.inbox_kinds(&s.ana, &s.cid).await.contains(&"meeting_cancelled".to_string()));
        // What Ana needs stays, from a former member.
        let question = s.app.get(&format!("/api/v1/questions/{}", id(&asked)), &s.ana).await.ok(200).clone();
        assert_eq!(question["answers"][0]["body"], "A Boston fern.");
        assert_eq!(question["answers"][0]["author_name"], "A former member");
        assert_eq!(s.meeting_status().await, "confirmed", "a past meeting stays as it was");
        // No text anywhere in the database holds her name or address.
        let store = s.app.store();
        for table in store.schema().await.expect("schema") {
            for (column, text) in &table.columns {
                if !text {
                    continue;
                }
                for needle in [ZED, ZED_EMAIL] {
                    let n = store.rows_containing(&table.name, column, needle).await.expect("scan");
                    assert_eq!(n, 0, "{needle} survives in {}.{column}", table.name);
                }
            }
        }
    }

    async fn deleting_from_the_pages_asks_for_the_password(db: TestDb) {
        let s = scene(db).await;
        let zed = s.app.browser(&s.zed).await;
        assert!(s.app.page_as(Some(&zed), "/account", &[]).await.html_page(200).contains("/account/delete"));
        let page = s.app.page_as(Some(&zed), "/account/delete", &[]).await;
        assert!(page.html_page(200).contains("type=\"password\""));
        let ana = s.app.browser(&s.ana).await;
        let page = s.app.page_as(Some(&ana), "/account/delete", &[]).await;
        assert!(page.html_page(200).contains("last organizer of these communities"));
        let wrong = s.app.form_as(&zed, "/account/delete", &[("csrf", &zed.csrf), ("password", "nope")], &[]).await;
        assert!(wrong.html_page(422).contains("aria-invalid"));
        s.app.get("/api/v1/me", &s.zed).await.ok(200);
        let done = s.app.form_as(&zed, "/account/delete", &[("csrf", &zed.csrf), ("password", PASSWORD)], &[]).await;
        assert_eq!(done.header("location"), Some("/?notice=account_deleted"));
        s.app.get("/api/v1/me", &s.zed).await.problem(401, "not_signed_in");
        // Alone in a community of her own? It goes with the account.
        let (_, solo) = s.app.signup("solo@example.org", "Solo Person").await;
        let own = s.app.community(&solo, "open").await;
        assert_eq!(delete_me(&s.app, &solo, PASSWORD).await.status, 204);
        s.app.get(&format!("/api/v1/communities/{}", id(&own)), &s.ana).await.problem(404, "not_found");
    }
}
