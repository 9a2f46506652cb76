//! The topic market over HTTP: the day filter (a day in the community's time zone keeps the
//! fixed-time groups of that day and the topics whose host is free that day), and every change
//! to what the market lists showing at once, although its pages are cached.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_testkit::TestDb;
use serde_json::json;

async fn titles(app: &TestApp, token: &str, cid: &str, query: &str) -> Vec<String> {
    let mut out: Vec<String> = app
        .get(&format!("/api/v1/communities/{cid}/topics?{query}"), token)
        .await
        .ok(200)["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|t| t["title"].as_str().expect("a title").to_string())
        .collect();
    out.sort();
    out
}

peerlearn_testkit::backend_tests! {
    async fn the_market_filters_by_day(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bo, &cid, None).await;
        let topics = format!("/api/v1/communities/{cid}/topics");
        for (title, day) in [("Monday group", "2026-05-04"), ("Tuesday group", "2026-05-05")] {
            app.post_json(&topics, &ana, json!({"kind": "offer", "title": title, "format": "group",
                "mode": "virtual", "starts_at": format!("{day}T10:00:00Z")})).await.ok(201);
        }
        // Bo is free on Monday afternoon only; Ana has given no times.
        app.put_json(&format!("/api/v1/communities/{cid}/members/me/availability"), &bo, json!({"windows": [
            {"start": "2026-05-04T14:00:00Z", "end": "2026-05-04T15:00:00Z"},
        ]})).await.ok(200);
        app.post_json(&topics, &bo, json!({"kind": "offer", "title": "Bo's Rust", "format": "one_on_one",
            "mode": "virtual"})).await.ok(201);
        app.post_json(&topics, &ana, json!({"kind": "ask", "title": "Ana's SQL", "format": "one_on_one",
            "mode": "virtual"})).await.ok(201);

        assert_eq!(titles(&app, &bo, &cid, "day=2026-05-04").await, ["Bo's Rust", "Monday group"]);
        assert_eq!(titles(&app, &bo, &cid, "day=2026-05-05").await, ["Tuesday group"]);
        assert!(titles(&app, &bo, &cid, "day=2026-05-06").await.is_empty());
        assert_eq!(titles(&app, &bo, &cid, "day=2026-05-04&format=group").await, ["Monday group"]);
        assert_eq!(titles(&app, &bo, &cid, "day=").await.len(), 4, "an empty day means any day");
        for bad in ["day=tomorrow", "day=2026-02-30", "day=04/05/2026"] {
            app.get(&format!("{topics}?{bad}"), &bo).await.invalid("day");
        }
    }

    async fn the_market_shows_every_change_at_once(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana, bo, cy]) = app
            .open_community_of([
                ("ana@example.org", "Ana"),
                ("bo@example.org", "Bo"),
                ("cy@example.org", "Cy"),
            ])
            .await;
        let topics = format!("/api/v1/communities/{cid}/topics");
        let post = |title: &'static str| {
            app.post_json(&topics, &bo, json!({"kind": "offer", "title": title, "tags": ["rust"],
                "format": "one_on_one", "mode": "virtual"}))
        };
        let rust = id(post("Rust basics").await.ok(201));
        // Cy's look fills the cache; each change below must show in the next look.
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust basics"]);
        assert_eq!(titles(&app, &cy, &cid, "q=rust").await, ["Rust basics"]);
        let traits = id(post("Rust traits").await.ok(201));
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust basics", "Rust traits"]);
        assert_eq!(titles(&app, &cy, &cid, "q=rust").await, ["Rust basics", "Rust traits"]);
        app.post_json(&format!("/api/v1/topics/{traits}/close"), &bo, json!({})).await.ok(200);
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust basics"]);
        app.post_json(&format!("/api/v1/topics/{traits}/reopen"), &bo, json!({})).await.ok(200);
        assert_eq!(titles(&app, &cy, &cid, "").await.len(), 2);

        // Hidden by an organizer: gone for Cy, still listed for its host and for the organizer,
        // and the host's look does not leak into Cy's.
        let restore = json!({"subject_kind": "topic", "subject_id": rust, "reason": "checked"});
        let hide = json!({"subject_kind": "topic", "subject_id": rust, "reason": "off topic"});
        app.post_json(&format!("/api/v1/communities/{cid}/moderation/hide"), &ana, hide).await.ok(200);
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust traits"]);
        assert_eq!(titles(&app, &bo, &cid, "").await, ["Rust basics", "Rust traits"]);
        assert_eq!(titles(&app, &ana, &cid, "").await, ["Rust basics", "Rust traits"]);
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust traits"]);
        app.post_json(&format!("/api/v1/communities/{cid}/moderation/restore"), &ana, restore).await.ok(200);
        assert_eq!(titles(&app, &cy, &cid, "").await, ["Rust basics", "Rust traits"]);

        // The host's team is listed with the topic.
        app.put_json(&format!("/api/v1/communities/{cid}/members/me"), &bo, json!({"team": "Platform"})).await.ok(200);
        let page = app.get(&topics, &cy).await;
        let teams: Vec<&str> = page.ok(200)["items"].as_array().expect("items").iter()
            .map(|t| t["host"]["team"].as_str().expect("a team")).collect();
        assert_eq!(teams, ["Platform", "Platform"]);
    }
}
