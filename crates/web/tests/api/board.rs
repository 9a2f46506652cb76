//! The lounge board over HTTP: members see it, outsiders do not; the organizers' display link
//! shows it without signing in until it is replaced; it shows the meeting under way at each
//! spot, a group starting within the hour with free seats, and who is free now.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::json;

use crate::common::id;
use crate::common::{Browser, TestApp, now};

fn at(raw: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(raw)
        .expect("a time")
        .with_timezone(&Utc)
}

/// The display link's key in the page that shows it once.
fn key_in(html: &str) -> String {
    let start = html.find("board?key=").expect("a display link") + "board?key=".len();
    html[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

struct Scene {
    app: TestApp,
    cid: String,
    ana: Browser,
    bo: Browser,
    zed: Browser,
}

/// Ana organizes; Bo Martin sits in "Chess openings" at Table 1 (12:10–12:55); "Go basics"
/// starts at 13:00 with free seats; Cy is free with offers; Dee is free but in no
/// window now. The clock then shows 12:20.
async fn scene(db: TestDb) -> Scene {
    let clock = Arc::new(ManualClock::new(now()));
    let app = TestApp::with_clock(db, Config::default(), clock.clone());
    let (cid, [ana, bo, cy, dee]) = app
        .open_community_of([
            ("ana@example.org", "Ana Sousa"),
            ("bo@example.org", "Bo Martin"),
            ("cy@example.org", "Cy"),
            ("dee@example.org", "Dee"),
        ])
        .await;
    let (_, zed) = app.signup("zed@example.org", "Zed").await;
    let spots = format!("/api/v1/communities/{cid}/spots");
    for name in ["Table 1", "Table 2"] {
        app.post_json(
            &spots,
            &ana,
            json!({"name": name, "kind": "table", "capacity": 8}),
        )
        .await
        .ok(201);
    }
    let topics = format!("/api/v1/communities/{cid}/topics");
    let mut ids = Vec::new();
    for (title, start, minutes) in [
        ("Chess openings", "2026-05-01T12:10:00Z", 45),
        ("Go basics", "2026-05-01T13:00:00Z", 30),
    ] {
        let t = app
            .post_json(
                &topics,
                &ana,
                json!({"kind": "offer", "title": title, "format": "group", "capacity": 4,
                "mode": "in_person", "starts_at": start, "duration_minutes": minutes}),
            )
            .await
            .ok(201)
            .clone();
        ids.push(id(&t));
    }
    app.post_json(&format!("/api/v1/topics/{}/seats", ids[0]), &bo, json!({}))
        .await
        .ok(201);
    app.put_json(
        &format!("/api/v1/communities/{cid}/members/me"),
        &cy,
        json!({"headline": "Cartographer", "bio": "", "team": "Maps", "languages": ["English"],
               "offers": ["Leaflet", "postgis"], "wants": []}),
    )
    .await
    .ok(200);
    app.free(&cy, &cid, "2026-05-01T12:00:00Z", "2026-05-01T14:00:00Z")
        .await;
    app.free(&dee, &cid, "2026-05-01T15:00:00Z", "2026-05-01T16:00:00Z")
        .await;
    clock.set(at("2026-05-01T12:20:00Z"));
    Scene {
        ana: app.browser(&ana).await,
        bo: app.browser(&bo).await,
        zed: app.browser(&zed).await,
        app,
        cid,
    }
}

/// Asks for a new display link as `who`; answers the page.
async fn new_link(s: &Scene, who: &Browser) -> crate::common::Reply {
    s.app
        .form_as(
            who,
            &format!("/c/{}/board/link", s.cid),
            &[("csrf", &who.csrf)],
            &[],
        )
        .await
}

peerlearn_testkit::backend_tests! {
    async fn members_see_the_meetings_groups_and_people_of_the_moment(db: TestDb) {
        let s = scene(db).await;
        let board = format!("/c/{}/board", s.cid);
        let reply = s.app.page_as(Some(&s.bo), &board, &[]).await;
        let html = reply.html_page(200);
        for shown in ["Lounge board", "Chess openings", "Table 1", "Now", "Ana · Bo", "12:20",
                      "Go basics", "Next", "4 seats left", "role=\"img\"", "Cy", "Leaflet", "postgis",
                      ">1</span> <span class=\"board-stat-label\">conversation today", ">0</span> <span class=\"board-stat-label\">bridges between teams"] {
            assert!(html.contains(shown), "{shown} is missing:\n{html}");
        }
        assert!(!html.contains("Martin") && !html.contains("Sousa"), "first names only");
        assert!(!html.contains("Dee"), "Dee is not free now");
        assert!(!html.contains("class=\"tabbar\""), "no tab bar on the board");
        assert!(!html.contains("board/link"), "members do not manage the display link");
        assert!(html.contains(&format!("/c/{}/topics/", s.cid)) || html.contains("<svg"), "a QR code");
        // The content alone, for the page's script.
        let part = s.app.page_as(Some(&s.bo), &format!("{board}?fragment=1"), &[]).await;
        let part = part.html_page(200);
        assert!(part.contains("Chess openings") && !part.contains("<html"), "{part}");
    }

    async fn an_empty_board_says_so(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana]) = app.open_community_of([("ana@example.org", "Ana")]).await;
        let ana = app.browser(&ana).await;
        let reply = app.page_as(Some(&ana), &format!("/c/{cid}/board"), &[]).await;
        let html = reply.html_page(200);
        for shown in ["No meetings right now.", "No group with free seats in the next hour.",
                      "Nobody has said they are free right now.", ">0</span> <span class=\"board-stat-label\">conversations today",
                      "Make a display link"] {
            assert!(html.contains(shown), "{shown} is missing");
        }
    }

    async fn outsiders_and_visitors_are_refused(db: TestDb) {
        let s = scene(db).await;
        let board = format!("/c/{}/board", s.cid);
        s.app.page_as(Some(&s.zed), &board, &[]).await.html_page(403);
        let visitor = s.app.page_as(None, &board, &[]).await;
        assert!(visitor.location().starts_with("/signin?next="), "{}", visitor.location());
        s.app.page_as(Some(&s.zed), &format!("{board}?fragment=1"), &[]).await.html_page(403);
    }

    async fn the_display_link_shows_the_board_until_it_is_replaced(db: TestDb) {
        let s = scene(db).await;
        let board = format!("/c/{}/board", s.cid);
        let before = s.app.page_as(Some(&s.ana), &board, &[]).await;
        assert!(before.html_page(200).contains("Make a display link"));
        // Only organizers make one.
        new_link(&s, &s.bo).await.html_page(403);
        assert!(s.app.store().board_display_since(s.cid.parse::<i64>().map(peerlearn_domain::CommunityId).unwrap()).await.unwrap().is_none());

        let made = new_link(&s, &s.ana).await;
        let first = key_in(made.html_page(200));
        assert_eq!(first.len(), 64);
        let shown = s.app.page_as(None, &format!("{board}?key={first}"), &[]).await;
        let html = shown.html_page(200);
        assert!(html.contains("Chess openings") && html.contains("Cy"), "{html}");
        assert!(!html.contains("board/link"), "the screen has no organizer tools");
        let part = s.app.page_as(None, &format!("{board}?key={first}&fragment=1"), &[]).await;
        assert!(part.html_page(200).contains("Go basics"));
        // The organizer now sees that a link exists and is asked before replacing it.
        let tools = s.app.page_as(Some(&s.ana), &board, &[]).await;
        let tools = tools.html_page(200);
        assert!(tools.contains("data-confirm=") && tools.contains("Replace the link"), "{tools}");

        // A wrong key, or one of another community, is refused and changes nothing.
        let wrong = s.app.page_as(None, &format!("{board}?key={}", "0".repeat(64)), &[]).await;
        assert!(wrong.html_page(403).contains("This display link no longer works"));
        s.app.page_as(None, &format!("/c/999999/board?key={first}"), &[]).await.html_page(403);
        s.app.page_as(None, &format!("{board}?key="), &[]).await.html_page(403);
        s.app.page_as(None, &format!("{board}?key={first}"), &[]).await.html_page(200);

        // Replacing it: the old link stops working, the new one works.
        let second = key_in(new_link(&s, &s.ana).await.html_page(200));
        assert_ne!(first, second);
        s.app.page_as(None, &format!("{board}?key={first}"), &[]).await.html_page(403);
        s.app.page_as(None, &format!("{board}?key={first}&fragment=1"), &[]).await.html_page(403);
        s.app.page_as(None, &format!("{board}?key={second}"), &[]).await.html_page(200);
    }
}
