//! Members over HTTP: profiles, availability, the directory, roles, tags, and who may do what.

use crate::common::TestApp;
use crate::common::id;
use axum::http::Method;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// Ana organizes an open community that Bo joined; Zed organizes another, invite-only one.
struct World {
    app: TestApp,
    ana: String,
    bo: String,
    zed: String,
    cid: String,
    other: String,
    ana_m: String,
    bo_m: String,
    zed_m: String,
}

async fn world(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let (_, ana) = app.signup("ana@example.org", "Ana").await;
    let (_, bo) = app.signup("bo@example.org", "Bo").await;
    let (_, zed) = app.signup("zed@example.org", "Zed").await;
    let cid = id(&app.community(&ana, "open").await);
    let other = id(&app.community(&zed, "invite").await);
    let bo_m = id(&app.join(&bo, &cid, None).await);
    let ana_m = id(&app.my_profile(&ana, &cid).await);
    let zed_m = id(&app.my_profile(&zed, &other).await);
    World {
        app,
        ana,
        bo,
        zed,
        cid,
        other,
        ana_m,
        bo_m,
        zed_m,
    }
}

fn profile(offers: &[&str], wants: &[&str]) -> Value {
    json!({
        "headline": "Data engineer", "bio": "I like SQL.\nAnd tea.", "team": "Platform",
        "languages": ["English", "Português"], "offers": offers, "wants": wants
    })
}

fn window(start: &str, end: &str) -> Value {
    json!({"start": start, "end": end})
}

/// A browser session of the member with this email, for pages.
async fn session(app: &TestApp, email: &str) -> String {
    app.form(
        "/signin",
        "",
        &[("email", email), ("password", crate::common::PASSWORD)],
    )
    .await
    .cookie("pl_session")
    .expect("signed in")
}

/// The unix start of a half hour, as the availability grid's checkboxes carry it.
fn slot(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .expect("a time")
        .timestamp()
        .to_string()
}

peerlearn_testkit::backend_tests! {
    async fn a_member_replaces_their_profile(db: TestDb) {
        let w = world(db).await;
        let path = format!("/api/v1/communities/{}/members/me", w.cid);
        let reply = w.app.put_json(&path, &w.bo, profile(&["Rust", "sql", "rust"], &["Kubernetes"])).await;
        let p = reply.ok(200);
        assert_eq!(p["id"], w.bo_m.as_str());
        assert_eq!(p["display_name"], "Bo");
        assert_eq!((p["headline"].as_str(), p["team"].as_str()), (Some("Data engineer"), Some("Platform")));
        assert_eq!(p["languages"], json!(["English", "Português"]));
        assert_eq!(p["offers"], json!(["rust", "sql"]));
        assert_eq!(p["wants"], json!(["kubernetes"]));
        let again = w.app.put_json(&path, &w.bo, json!({"offers": ["go"]})).await;
        assert_eq!(again.ok(200)["offers"], json!(["go"]));
        assert_eq!(again.json["wants"], json!([]));
        assert_eq!(again.json["headline"], "", "a missing field clears it");
        let seen = w.app.get(&format!("/api/v1/communities/{}/members/{}", w.cid, w.bo_m), &w.ana).await;
        assert_eq!(seen.ok(200)["offers"], json!(["go"]));
    }

    async fn bad_profiles_name_the_field_and_change_nothing(db: TestDb) {
        let w = world(db).await;
        let path = format!("/api/v1/communities/{}/members/me", w.cid);
        w.app.put_json(&path, &w.bo, profile(&["rust"], &[])).await.ok(200);
        let with = |key: &str, value: Value| {
            let mut body = profile(&["evil"], &[]);
            body[key] = value;
            body
        };
        let many: Vec<String> = (0..31).map(|i| format!("tag{i}")).collect();
        let cases = [
            (with("headline", json!("h".repeat(121))), "headline"),
            (with("bio", json!("b".repeat(2001))), "bio"),
            (with("team", json!("t".repeat(81))), "team"),
            (with("team", json!("a\u{0007}b")), "team"),
            (with("offers", json!(["<script>"])), "offers"),
            (with("wants", json!(["w".repeat(41)])), "wants"),
            (with("offers", json!(many)), "offers"),
            (with("languages", json!(["l".repeat(31)])), "languages"),
        ];
        for (body, field) in cases {
            w.app.put_json(&path, &w.bo, body).await.invalid(field);
        }
        w.app.put_json(&path, &w.bo, with("offers", json!("rust"))).await.bad_request("invalid_body", "offers");
        w.app.put_json(&path, &w.bo, with("offers", json!(["ok", 3]))).await.bad_request("invalid_body", "offers[1]");
        w.app.raw(Method::PUT, &path, &w.bo, "application/json", "{").await.problem(400, "malformed_json");
        w.app.raw(Method::PUT, &path, &w.bo, "text/plain", "{}").await.problem(415, "unsupported_media_type");
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!(p["offers"], json!(["rust"]), "nothing was written");
        assert_eq!(p["headline"], "Data engineer");
    }

    async fn availability_inside_the_hours_is_merged_and_kept(db: TestDb) {
        let w = world(db).await;
        let path = format!("/api/v1/communities/{}/members/me/availability", w.cid);
        let body = json!({"windows": [
            window("2026-05-12T13:00:00Z", "2026-05-12T14:00:00Z"),
            window("2026-05-12T09:00:00Z", "2026-05-12T10:00:00Z"),
            window("2026-05-12T09:30:00Z", "2026-05-12T11:00:00Z"),
        ]});
        let p = w.app.put_json(&path, &w.bo, body).await;
        assert_eq!(
            p.ok(200)["availability"],
            json!([
                window("2026-05-12T09:00:00Z", "2026-05-12T11:00:00Z"),
                window("2026-05-12T13:00:00Z", "2026-05-12T14:00:00Z"),
            ])
        );
        let edge = json!({"windows": [window("2026-05-13T09:00:00+00:00", "2026-05-13T18:00:00Z")]});
        assert_eq!(w.app.put_json(&path, &w.bo, edge).await.ok(200)["availability"].as_array().map(Vec::len), Some(1));
        let cleared = w.app.put_json(&path, &w.bo, json!({"windows": []})).await;
        assert_eq!(cleared.ok(200)["availability"], json!([]));
    }

    async fn availability_outside_the_hours_is_refused_and_changes_nothing(db: TestDb) {
        let w = world(db).await;
        let path = format!("/api/v1/communities/{}/members/me/availability", w.cid);
        let kept = json!({"windows": [window("2026-05-12T10:00:00Z", "2026-05-12T11:00:00Z")]});
        w.app.put_json(&path, &w.bo, kept).await.ok(200);
        let ok = window("2026-05-12T09:00:00Z", "2026-05-12T10:00:00Z");
        let cases = [
            (window("2026-05-12T08:00:00Z", "2026-05-12T10:00:00Z"), "windows[1]"),
            (window("2026-05-12T17:00:00Z", "2026-05-12T19:00:00Z"), "windows[1]"),
            (window("2026-05-12T17:00:00Z", "2026-05-13T10:00:00Z"), "windows[1]"),
            (window("2026-05-12T11:00:00Z", "2026-05-12T10:00:00Z"), "windows[1]"),
            (window("tomorrow", "2026-05-12T10:00:00Z"), "windows[1]"),
        ];
        for (bad, field) in cases {
            w.app.put_json(&path, &w.bo, json!({"windows": [ok.clone(), bad]})).await.invalid(field);
        }
        let too_many: Vec<Value> = (0..401).map(|_| ok.clone()).collect();
        w.app.put_json(&path, &w.bo, json!({"windows": too_many})).await.invalid("windows");
        w.app.put_json(&path, &w.bo, json!({"windows": [{"start": "2026-05-12T09:00:00Z"}]}))
            .await
            .bad_request("invalid_body", "end");
        w.app.put_json(&path, &w.bo, json!({})).await.bad_request("invalid_body", "windows");
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!(p["availability"], json!([window("2026-05-12T10:00:00Z", "2026-05-12T11:00:00Z")]));
    }

    async fn members_see_each_other_and_outsiders_see_nothing(db: TestDb) {
        let w = world(db).await;
        let bo_path = format!("/api/v1/communities/{}/members/{}", w.cid, w.bo_m);
        assert_eq!(w.app.get(&bo_path, &w.ana).await.ok(200)["display_name"], "Bo");
        assert_eq!(w.app.get(&bo_path, &w.bo).await.ok(200)["role"], "member");
        w.app.get(&bo_path, &w.zed).await.problem(403, "forbidden");
        let zed_path = format!("/api/v1/communities/{}/members/{}", w.other, w.zed_m);
        w.app.get(&zed_path, &w.bo).await.problem(404, "not_found");
        let cross = format!("/api/v1/communities/{}/members/{}", w.cid, w.zed_m);
        w.app.get(&cross, &w.bo).await.problem(404, "not_found");
        for mid in ["999999", "x1", ""] {
            let reply = w.app.get(&format!("/api/v1/communities/{}/members/{mid}", w.cid), &w.bo).await;
            assert!(matches!(reply.status.as_u16(), 404 | 405), "{mid}: {reply:?}");
        }
        w.app.get(&format!("/api/v1/communities/{}/members/me", w.other), &w.bo).await.problem(404, "not_found");
        w.app.put_json(&format!("/api/v1/communities/{}/members/me", w.other), &w.bo, profile(&["x"], &[]))
            .await
            .problem(404, "not_found");
        w.app.put_json(&format!("/api/v1/communities/{}/members/me/availability", w.other), &w.bo, json!({"windows": []}))
            .await
            .problem(404, "not_found");
        w.app.get(&bo_path, "").await.problem(401, "not_signed_in");
    }

    async fn the_directory_filters_by_tag_and_text_and_pages(db: TestDb) {
        let w = world(db).await;
        let me = format!("/api/v1/communities/{}/members/me", w.cid);
        w.app.put_json(&me, &w.ana, json!({"team": "Organizers", "offers": ["facilitation"]})).await.ok(200);
        w.app.put_json(&me, &w.bo, json!({"team": "Data", "wants": ["Rust"]})).await.ok(200);
        let mut ids = vec![w.ana_m.clone(), w.bo_m.clone()];
        for i in 0..5 {
            let (_, t) = w.app.signup(&format!("p{i}@example.org"), &format!("Person {i}")).await;
            ids.push(id(&w.app.join(&t, &w.cid, None).await));
            w.app.put_json(&me, &t, json!({"offers": if i % 2 == 0 { json!(["rust"]) } else { json!([]) }})).await.ok(200);
        }
        let dir = format!("/api/v1/communities/{}/members", w.cid);
        let ids_of = |v: &Value| -> Vec<String> {
            v["items"].as_array().expect("items").iter().map(id).collect()
        };
        let rust = w.app.get(&format!("{dir}?tag=Rust"), &w.bo).await;
        assert_eq!(ids_of(rust.ok(200)), [ids[1].clone(), ids[2].clone(), ids[4].clone(), ids[6].clone()]);
        let data = w.app.get(&format!("{dir}?q=DATA"), &w.bo).await;
        assert_eq!(ids_of(data.ok(200)), [ids[1].clone()]);
        let mut seen = Vec::new();
        let mut cursor = String::new();
        loop {
            let page = w.app.get(&format!("{dir}?limit=3&cursor={cursor}"), &w.bo).await;
            let page = page.ok(200);
            assert!(page["items"].as_array().expect("items").len() <= 3);
            seen.extend(ids_of(page));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_string(),
                None => break,
            }
        }
        assert_eq!(seen, ids, "every member exactly once, in join order");
        w.app.get(&dir, &w.zed).await.problem(403, "forbidden");
        w.app.get(&format!("/api/v1/communities/{}/members", w.other), &w.bo).await.problem(404, "not_found");
    }

    async fn bad_directory_queries_name_the_parameter(db: TestDb) {
        let w = world(db).await;
        let dir = format!("/api/v1/communities/{}/members", w.cid);
        w.app.get(&format!("{dir}?limit=0"), &w.bo).await.invalid("limit");
        w.app.get(&format!("{dir}?limit=201"), &w.bo).await.invalid("limit");
        w.app.get(&format!("{dir}?cursor=abc"), &w.bo).await.invalid("cursor");
        w.app.get(&format!("{dir}?cursor=-4"), &w.bo).await.invalid("cursor");
        w.app.get(&format!("{dir}?tag=%3Cscript%3E"), &w.bo).await.invalid("tag");
        w.app.get(&format!("{dir}?limit=ten"), &w.bo).await.bad_request("invalid_query", "limit");
    }

    async fn organizers_change_roles_and_the_log_keeps_one_organizer(db: TestDb) {
        let w = world(db).await;
        let role = |mid: &str| format!("/api/v1/communities/{}/members/{mid}/role", w.cid);
        let promoted = w.app.put_json(&role(&w.bo_m), &w.ana, json!({"role": "moderator"})).await;
        assert_eq!(promoted.ok(200)["role"], "moderator");
        w.app.put_json(&role(&w.ana_m), &w.bo, json!({"role": "member"})).await.problem(403, "forbidden");
        w.app.put_json(&role(&w.bo_m), &w.bo, json!({"role": "organizer"})).await.problem(403, "forbidden");
        w.app.put_json(&role(&w.ana_m), &w.ana, json!({"role": "member"})).await.problem(409, "last_organizer");
        w.app.put_json(&role(&w.bo_m), &w.ana, json!({"role": "owner"})).await.invalid("role");
        w.app.put_json(&role(&w.bo_m), &w.ana, json!({"role": 1})).await.bad_request("invalid_body", "role");
        w.app.put_json(&role(&w.bo_m), &w.ana, json!({})).await.bad_request("invalid_body", "role");
        w.app.put_json(&role(&w.zed_m), &w.ana, json!({"role": "member"})).await.problem(404, "not_found");
        w.app.put_json(&role("nope"), &w.ana, json!({"role": "member"})).await.problem(404, "not_found");
        let other_role = format!("/api/v1/communities/{}/members/{}/role", w.other, w.zed_m);
        w.app.put_json(&other_role, &w.ana, json!({"role": "member"})).await.problem(404, "not_found");
        assert_eq!(w.app.my_profile(&w.ana, &w.cid).await["role"], "organizer");
        assert_eq!(w.app.my_profile(&w.bo, &w.cid).await["role"], "moderator", "refused changes wrote nothing");
        assert_eq!(w.app.my_profile(&w.zed, &w.other).await["role"], "organizer");
        w.app.put_json(&role(&w.bo_m), &w.ana, json!({"role": "organizer"})).await.ok(200);
        let stepped = w.app.put_json(&role(&w.ana_m), &w.ana, json!({"role": "member"})).await;
        assert_eq!(stepped.ok(200)["role"], "member");
        w.app.put_json(&role(&w.bo_m), &w.ana, json!({"role": "member"})).await.problem(403, "forbidden");
    }

    async fn tag_suggestions_count_the_community_only(db: TestDb) {
        let w = world(db).await;
        let me = format!("/api/v1/communities/{}/members/me", w.cid);
        w.app.put_json(&me, &w.ana, json!({"offers": ["rust", "sql"]})).await.ok(200);
        w.app.put_json(&me, &w.bo, json!({"offers": ["rust"], "wants": ["ruby"]})).await.ok(200);
        w.app.put_json(&format!("/api/v1/communities/{}/members/me", w.other), &w.zed, json!({"offers": ["rust"]})).await.ok(200);
        let tags = format!("/api/v1/communities/{}/tags", w.cid);
        assert_eq!(
            w.app.get(&tags, &w.bo).await.ok(200).clone(),
            json!([{"tag": "rust", "count": 2}, {"tag": "ruby", "count": 1}, {"tag": "sql", "count": 1}])
        );
        assert_eq!(w.app.get(&format!("{tags}?prefix=RU&limit=1"), &w.bo).await.ok(200).clone(), json!([{"tag": "rust", "count": 2}]));
        w.app.get(&format!("{tags}?limit=0"), &w.bo).await.invalid("limit");
        w.app.get(&tags, &w.zed).await.problem(403, "forbidden");
        w.app.get(&format!("/api/v1/communities/{}/tags", w.other), &w.bo).await.problem(404, "not_found");
    }

    async fn the_profile_editor_saves_profile_tags_and_availability_at_once(db: TestDb) {
        let w = world(db).await;
        // A window beyond the editor's fourteen days, set through the API, outlives the save.
        w.app.free(&w.bo, &w.cid, "2026-05-20T10:00:00Z", "2026-05-20T11:00:00Z").await;
        let bo = session(&w.app, "bo@example.org").await;
        let editor = format!("/c/{}/profile", w.cid);
        let page = w.app.page(&editor, &bo).await;
        assert_eq!(page.status, 200);
        let (nine, half_past) = (slot("2026-05-02T09:00:00Z"), slot("2026-05-02T09:30:00Z"));
        assert!(page.html().contains(&format!("name=\"slot\" value=\"{nine}\"")), "{}", page.html());

        let saved = w.app.form(&editor, &bo, &[
            ("headline", "Data engineer"), ("team", "Platform"), ("languages", "English, Português"), ("bio", ""),
            // A ticked chip and the text box, which may hold several tags.
            ("offers", "sql"), ("offers", "Rust, Go"), ("wants", "kubernetes"), ("daily_cap", "3"),
            ("availability", "1"), ("slot", &nine), ("slot", &half_past), ("day", "2026-05-02"),
        ]).await;
        assert_eq!(saved.location(), format!("{editor}?notice=profile_saved&day=2026-05-02"));
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!((p["headline"].as_str(), p["team"].as_str()), (Some("Data engineer"), Some("Platform")));
        assert_eq!(p["offers"], json!(["go", "rust", "sql"]));
        assert_eq!(p["wants"], json!(["kubernetes"]));
        assert_eq!(p["availability"], json!([
            window("2026-05-02T09:00:00Z", "2026-05-02T10:00:00Z"),
            window("2026-05-20T10:00:00Z", "2026-05-20T11:00:00Z"),
        ]));

        let again = w.app.page(&format!("{editor}?day=2026-05-02"), &bo).await;
        let html = again.html();
        assert!(html.contains(&format!("value=\"{nine}\" checked")), "{html}");
        assert!(html.contains("value=\"2026-05-02\" checked"), "the same day is open: {html}");
        assert!(html.contains("value=\"Rust\" checked"), "tags are ticked chips, as typed: {html}");
        assert!(html.contains("value=\"sql\" checked"), "{html}");

        // A form without the grid (a page from before it had one) leaves availability alone.
        w.app.form(&editor, &bo, &[("headline", "Still here"), ("offers", "sql")]).await.location();
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!(p["headline"], "Still here");
        assert_eq!(p["availability"].as_array().map(Vec::len), Some(2));
    }

    async fn a_refused_profile_keeps_everything_typed_and_saves_nothing(db: TestDb) {
        let w = world(db).await;
        let bo = session(&w.app, "bo@example.org").await;
        let editor = format!("/c/{}/profile", w.cid);
        let nine = slot("2026-05-02T09:00:00Z");
        let long = "h".repeat(121);
        let refused = w.app.form(&editor, &bo, &[
            ("headline", &long), ("team", "Platform"), ("offers", "sql, rust"), ("wants", "go"),
            ("availability", "1"), ("slot", &nine), ("day", "2026-05-02"),
        ]).await;
        assert_eq!(refused.status, 422);
        let html = refused.html();
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
        assert!(html.contains("Headline: must be at most 120 characters"), "the reason is beside the field: {html}");
        assert!(html.contains("value=\"Platform\""), "the team is kept: {html}");
        assert!(html.contains("value=\"rust\" checked") && html.contains("value=\"go\" checked"), "tags are kept: {html}");
        assert!(html.contains(&format!("value=\"{nine}\" checked")), "the ticked time is kept: {html}");
        assert!(html.contains("value=\"2026-05-02\" checked"), "and its day stays open: {html}");
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!((p["team"].as_str(), p["availability"].clone()), (Some(""), json!([])), "nothing was saved");

        let stale = w.app.form(&editor, &bo, &[("headline", "Ok"), ("availability", "1"), ("slot", "12345")]).await;
        assert_eq!(stale.status, 422);
        assert!(stale.html().contains("no longer on the calendar"), "{}", stale.html());
        assert_eq!(w.app.my_profile(&w.bo, &w.cid).await["headline"], "", "nothing was saved");
    }

    async fn the_availability_form_of_older_pages_still_saves(db: TestDb) {
        let w = world(db).await;
        let bo = session(&w.app, "bo@example.org").await;
        w.app.put_json(&format!("/api/v1/communities/{}/members/me", w.cid), &w.bo, profile(&["rust"], &[])).await.ok(200);
        let old = format!("/c/{}/availability", w.cid);
        let saved = w.app.form(&old, &bo, &[("slot", &slot("2026-05-03T17:30:00Z"))]).await;
        assert_eq!(saved.location(), format!("/c/{}/profile?notice=availability_saved", w.cid));
        let p = w.app.my_profile(&w.bo, &w.cid).await;
        assert_eq!(p["availability"], json!([window("2026-05-03T17:30:00Z", "2026-05-03T18:00:00Z")]));
        assert_eq!(p["headline"], "Data engineer", "the profile is untouched");
        assert_eq!(w.app.form(&old, &bo, &[("slot", "nope")]).await.status, 422);
    }

    async fn the_directory_and_a_profile_read_as_sentences(db: TestDb) {
        let w = world(db).await;
        let me = format!("/api/v1/communities/{}/members/me", w.cid);
        w.app.put_json(&me, &w.ana, json!({"headline": "Loves SQL", "team": "Data", "offers": ["sql", "rust", "go", "c", "zig"]})).await.ok(200);
        let bo = session(&w.app, "bo@example.org").await;
        let dir = w.app.page(&format!("/c/{}/members", w.cid), &bo).await;
        let html = dir.html();
        assert!(html.contains("2 members to learn from"), "{html}");
        assert!(html.contains("Loves SQL") && html.contains("Data team") && html.contains("Organizer"), "{html}");
        assert!(html.contains("2 more"), "two of Ana's five tags are left off her card: {html}");
        let fr = w.app.page(&format!("/c/{}/members/{}", w.cid, w.ana_m), &format!("{bo}; pl_lang=fr")).await;
        let html = fr.html();
        assert!(html.contains("Peut partager") && html.contains("Organisateur"), "{html}");
        assert!(html.contains("Aucun créneau indiqué"), "{html}");
    }
}
