//! The organizer's Auto-schedule page: propose a schedule for every pending request, see who
//! is placed where and who is left out and why, and confirm it in one go.

use crate::common::id;
use crate::common::{Reply, TestApp, now};
use axum::body::Body;
use axum::http::{Method, Request, header};
use peerlearn_domain::UserId;
use peerlearn_store::TokenKind;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A signed-in browser session for `user`: its cookies and its CSRF token.
struct Session {
    cookies: String,
    csrf: String,
}

async fn session(app: &TestApp, user: &Value) -> Session {
    let id = UserId(
        user["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("an id"),
    );
    let secret = "s".repeat(64);
    let hash: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    app.store()
        .create_token(
            id,
            &hash,
            TokenKind::Session,
            now(),
            now() + chrono::Duration::days(1),
        )
        .await
        .expect("a session");
    Session {
        csrf: peerlearn_web::session_csrf_token(&secret),
        cookies: format!("pl_session={secret}"),
    }
}

/// Posts a page form (the CSRF field first, then `fields`) in `session`.
async fn post_form(app: &TestApp, s: &Session, path: &str, fields: &[(&str, &str)]) -> Reply {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", &s.csrf);
    for (k, v) in fields {
        body.append_pair(k, v);
    }
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, &s.cookies)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.finish()))
        .expect("a request");
    app.request(request).await
}

async fn get_page(app: &TestApp, s: &Session, path: &str) -> String {
    let request = Request::builder()
        .uri(path)
        .header(header::COOKIE, &s.cookies)
        .body(Body::empty())
        .expect("a request");
    let reply = app.request(request).await;
    reply.ok(200).as_str().expect("a page").to_string()
}

/// The `value`s of the proposal's hidden `a` inputs, in page order.
fn proposed_values(html: &str) -> Vec<String> {
    html.split("name=\"a\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().expect("a value").to_string())
        .collect()
}

async fn topic(
    app: &TestApp,
    token: &str,
    cid: &str,
    title: &str,
    mode: &str,
    minutes: u32,
) -> String {
    id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            token,
            json!({"kind": "offer", "title": title, "tags": ["testing"],
                   "format": "one_on_one", "mode": mode, "duration_minutes": minutes}),
        )
        .await
        .ok(201))
}

async fn request(app: &TestApp, token: &str, tid: &str, at: &str) {
    app.post_json(
        &format!("/api/v1/topics/{tid}/requests"),
        token,
        json!({"proposed_times": [at]}),
    )
    .await
    .ok(201);
}

peerlearn_testkit::backend_tests! {
    async fn the_organizer_proposes_a_schedule_sees_who_is_left_out_and_confirms_it(db: TestDb) {
        let app = TestApp::new(db).await;
        let (ana_user, ana) = app.signup("ana@example.org", "Ana Lima").await;
        let (_, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
        let (_, carol) = app.signup("carol@example.org", "Carol Diaz").await;
        let (_, dan) = app.signup("dan@example.org", "Dan Eze").await;
        let cid = id(&app.community(&ana, "open").await);
        for token in [&bruno, &carol, &dan] {
            app.join(token, &cid, None).await;
        }
        for token in [&ana, &bruno, &carol, &dan] {
            app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T17:00:00Z").await;
        }
        app.post_json(
            &format!("/api/v1/communities/{cid}/spots"),
            &ana,
            json!({"name": "Table 1", "kind": "table", "capacity": 2}),
        )
        .await
        .ok(201);
        let testing = topic(&app, &ana, &cid, "Property-based testing", "in_person", 30).await;
        let lifetimes = topic(&app, &ana, &cid, "Rust lifetimes", "virtual", 60).await;
        request(&app, &bruno, &testing, "2026-05-04T10:00:00Z").await;
        request(&app, &carol, &lifetimes, "2026-05-04T11:00:00Z").await;
        request(&app, &dan, &testing, "2026-05-04T13:00:00Z").await;
        // Dan is now free only on a day Ana is not.
        app.free(&dan, &cid, "2026-05-05T09:00:00Z", "2026-05-05T12:00:00Z").await;

        let organizer = session(&app, &ana_user).await;
        let page = get_page(&app, &organizer, &format!("/c/{cid}/schedule")).await;
        assert!(
            page.contains(r#"<span class="stat-value">3</span> <span class="stat-label">requests waiting for an answer</span>"#),
            "{page}"
        );

        let proposed = post_form(&app, &organizer, &format!("/c/{cid}/schedule/propose"), &[]).await;
        let html = proposed.ok(200).as_str().expect("a page").to_string();
        assert!(html.contains("<span>2 placed, 1 left out</span><span>at most 2 could be placed</span>"), "{html}");
        // Both placed meetings are on Monday, one card each: who, what, where (and when).
        assert_eq!(html.matches(r#"<h3 class="day-head">"#).count(), 1, "{html}");
        assert!(html.contains(r#"<h3 class="day-head">Mon 4 May</h3>"#), "{html}");
        let (placed, left_out) = html.split_once(r#"class="list-card left-out-list""#).expect("a left-out list");
        let rows: Vec<&str> = placed.split(r#"<li class="proposal-row">"#).skip(1).collect();
        assert_eq!(rows.len(), 2, "{html}");
        let row_of = |topic: &str| {
            *rows
                .iter()
                .find(|r| r.contains(&format!(r#"<p class="proposal-topic">{topic}</p>"#)))
                .unwrap_or_else(|| panic!("{topic} placed: {html}"))
        };
        let testing_row = row_of("Property-based testing");
        assert!(testing_row.contains(r#"<span class="pair-names">Ana Lima · Bruno Costa</span>"#), "{testing_row}");
        assert!(testing_row.contains("#map-pin\"></use></svg>Table 1</span>"), "{testing_row}");
        let lifetimes_row = row_of("Rust lifetimes");
        assert!(lifetimes_row.contains(r#"<span class="pair-names">Ana Lima · Carol Diaz</span>"#), "{lifetimes_row}");
        assert!(lifetimes_row.contains("#video\"></use></svg>Video call</span>"), "{lifetimes_row}");
        assert!(left_out.contains("Ana Lima · Dan Eze"), "{left_out}");
        assert!(left_out.contains("Property-based testing"), "{left_out}");
        assert!(left_out.contains("they have no free time in common"), "{left_out}");

        let values = proposed_values(&html);
        assert_eq!(values.len(), 2, "{html}");
        for v in &values {
            let parts: Vec<i64> = v.split(':').map(|p| p.parse().expect("a number")).collect();
            assert_eq!(parts.len(), 3, "{v}");
            assert!(parts[1] > now().timestamp(), "{v}");
        }
        let spot_of = |row: &str| -> i64 {
            let value = proposed_values(row);
            value[0].rsplit(':').next().expect("a spot").parse().expect("a number")
        };
        assert!(spot_of(testing_row) > 0, "the table is named by its id");
        assert_eq!(spot_of(lifetimes_row), 0, "video meetings take no spot");

        let fields: Vec<(&str, &str)> = values.iter().map(|v| ("a", v.as_str())).collect();
        let confirmed = post_form(&app, &organizer, &format!("/c/{cid}/schedule/confirm"), &fields).await;
        assert_eq!(confirmed.status.as_u16(), 303, "{:#}", confirmed.json);
        assert_eq!(
            confirmed.header("location"),
            Some(format!("/c/{cid}/schedule?notice=auto_scheduled&count=2").as_str())
        );
        for token in [&bruno, &carol] {
            let meetings = app.get("/api/v1/me/meetings", token).await.ok(200)["items"].clone();
            assert_eq!(meetings.as_array().expect("items").len(), 1, "{meetings:#}");
        }
        let page = get_page(&app, &organizer, &format!("/c/{cid}/schedule")).await;
        assert!(
            page.contains(r#"<span class="stat-value">1</span> <span class="stat-label">request waiting for an answer</span>"#),
            "{page}"
        );
    }

    async fn the_api_proposes_and_confirms_and_another_community_is_out_of_reach(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
        let (_, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
        let (_, zoe) = app.signup("zoe@example.org", "Zoe Organizer").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bruno, &cid, None).await;
        for token in [&ana, &bruno] {
            app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T17:00:00Z").await;
        }
        let lifetimes = topic(&app, &ana, &cid, "Rust lifetimes", "virtual", 60).await;
        request(&app, &bruno, &lifetimes, "2026-05-04T11:00:00Z").await;
        let base = format!("/api/v1/communities/{cid}/schedule");
        app.post_json(&format!("{base}/proposal"), &bruno, json!({})).await.problem(403, "forbidden");
        let proposal = app.post_json(&format!("{base}/proposal"), &ana, json!({})).await.ok(200).clone();
        let placed = proposal["placed"].as_array().expect("placed").clone();
        assert_eq!(placed.len(), 1, "{proposal:#}");
        assert_eq!(placed[0]["topic_title"], "Rust lifetimes");
        assert_eq!(placed[0]["guest_name"], "Bruno Costa");
        assert!(placed[0]["video"].as_bool().expect("video"));
        let confirm = json!({"meetings": [{"request_id": placed[0]["request_id"], "start": placed[0]["start"], "spot_id": placed[0]["spot_id"]}]});

        // Another community's organizer can neither propose nor confirm these requests.
        let other = id(&app.community(&zoe, "open").await);
        let theirs = format!("/api/v1/communities/{other}/schedule/confirm");
        app.post_json(&theirs, &zoe, confirm.clone()).await.problem(404, "not_found");
        let theirs = app.post_json(&format!("/api/v1/communities/{other}/schedule/proposal"), &zoe, json!({})).await;
        assert_eq!(theirs.ok(200)["placed"], json!([]));
        // Bad input is refused and confirms nothing.
        for bad in [
            json!({"meetings": []}),
            json!({"meetings": [{"request_id": "01", "start": placed[0]["start"]}]}),
            json!({"meetings": [{"request_id": placed[0]["request_id"], "start": "soon"}]}),
            json!({"meetings": [{"request_id": placed[0]["request_id"], "start": "2020-01-01T10:00:00Z"}]}),
        ] {
            app.post_json(&format!("{base}/confirm"), &ana, bad).await.invalid("meetings");
        }
        assert_eq!(app.get("/api/v1/me/meetings", &bruno).await.ok(200)["items"], json!([]));

        let done = app.post_json(&format!("{base}/confirm"), &ana, confirm.clone()).await;
        assert_eq!(done.ok(201)["meeting_ids"].as_array().map(Vec::len), Some(1));
        let meetings = app.get("/api/v1/me/meetings", &bruno).await.ok(200)["items"].clone();
        assert_eq!(meetings[0]["start"], placed[0]["start"]);
        app.post_json(&format!("{base}/confirm"), &ana, confirm).await.problem(409, "already_decided");
    }

    async fn members_cannot_auto_schedule(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
        let (bruno_user, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bruno, &cid, None).await;
        let member = session(&app, &bruno_user).await;
        let reply = post_form(&app, &member, &format!("/c/{cid}/schedule/propose"), &[]).await;
        assert_eq!(reply.status.as_u16(), 403, "{:#}", reply.json);
    }
}
