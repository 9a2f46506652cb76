//! "Meet now" over HTTP: free members are paired at once and book when both accept; nobody
//! is paired with themselves or someone they dismissed; bad input, a second accept, an
//! expired proposal, another community and times outside the hours are refused with a 4xx
//! and change nothing; the page shows each step.

use std::sync::Arc;

use chrono::Duration;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::{Value, json};

use crate::common::id;
use crate::common::{TestApp, now};

/// A page's text without the isolation marks around names.
pub(crate) fn text(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) cid: String,
    pub(crate) ana: String,
    pub(crate) bo: String,
    pub(crate) cy: String,
    pub(crate) ana_id: String,
}

async fn profile(
    app: &TestApp,
    token: &str,
    cid: &str,
    team: &str,
    offers: &[&str],
    wants: &[&str],
) -> String {
    id(app
        .put_json(
            &format!("/api/v1/communities/{cid}/members/me"),
            token,
            json!({"headline": "", "team": team, "languages": ["English"], "offers": offers, "wants": wants}),
        )
        .await
        .ok(200))
}

/// Ana offers "Rust ownership"; Bo and Cy want to learn Rust. One two-seat table.
pub(crate) async fn world(app: TestApp) -> World {
    let (cid, [ana, bo, cy]) = app
        .open_community_of([
            ("ana@example.org", "Ana"),
            ("bo@example.org", "Bo"),
            ("cy@example.org", "Cy"),
        ])
        .await;
    let ana_id = profile(&app, &ana, &cid, "Platform", &["rust"], &[]).await;
    profile(&app, &bo, &cid, "Data", &[], &["rust"]).await;
    profile(&app, &cy, &cid, "Data", &[], &["rust"]).await;
    app.post_json(
        &format!("/api/v1/communities/{cid}/spots"),
        &ana,
        json!({"name": "Table 1", "kind": "table", "capacity": 2}),
    )
    .await
    .ok(201);
    app.post_json(
        &format!("/api/v1/communities/{cid}/topics"),
        &ana,
        json!({"kind": "offer", "title": "Rust ownership", "description": "", "tags": ["rust"],
               "format": "one_on_one", "mode": "either"}),
    )
    .await
    .ok(201);
    World {
        app,
        cid,
        ana,
        bo,
        cy,
        ana_id,
    }
}

impl World {
    pub(crate) fn path(&self) -> String {
        format!("/api/v1/communities/{}/meet-now", self.cid)
    }

    pub(crate) async fn go_free(&self, token: &str) -> Value {
        self.app
            .put_json(
                &self.path(),
                token,
                json!({"minutes": 30, "mode": "lounge"}),
            )
            .await
            .ok(200)
            .clone()
    }

    pub(crate) async fn state(&self, token: &str) -> Value {
        self.app.get(&self.path(), token).await.ok(200).clone()
    }

    pub(crate) fn answer(&self, proposal: &Value, what: &str) -> String {
        format!(
            "{}/proposals/{}/{what}",
            self.path(),
            proposal["id"].as_str().expect("an id")
        )
    }
}

peerlearn_testkit::backend_tests! {
    async fn free_members_are_paired_at_once_and_book_when_both_accept(db: TestDb) {
        let w = world(TestApp::new(db).await).await;
        let alone = w.go_free(&w.bo).await;
        assert!(alone["proposal"].is_null(), "nobody to meet yet");
        assert_eq!(alone["free"]["mode"], "lounge");
        let ana = w.go_free(&w.ana).await;
        let proposal = &ana["proposal"];
        assert_eq!(proposal["with_name"], "Bo");
        assert_eq!(proposal["topic_title"], "Rust ownership");
        assert_eq!(proposal["host_member_id"], w.ana_id.as_str(), "the one who offers hosts");
        assert_eq!(proposal["starts_at"], "2026-05-01T12:05:00Z", "in five minutes");
        assert_eq!(proposal["status"], "open");
        assert_eq!(w.state(&w.bo).await["proposal"]["with_name"], "Ana");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(w.app.inbox_kinds(&w.bo, &w.cid).await.contains(&"now_proposed".to_string()));

        // Cy is free too, but both are claimed: Cy waits.
        assert!(w.go_free(&w.cy).await["proposal"].is_null());

        let bo_yes = w.app.post_json(&w.answer(proposal, "accept"), &w.bo, json!({})).await;
        assert_eq!(bo_yes.ok(200)["outcome"], "waiting");
        w.app.post_json(&w.answer(proposal, "accept"), &w.bo, json!({})).await.problem(409, "already_accepted");
        w.app.post_json(&w.answer(proposal, "accept"), &w.cy, json!({})).await.problem(404, "not_found");
        let ana_yes = w.app.post_json(&w.answer(proposal, "accept"), &w.ana, json!({})).await;
        let booked = ana_yes.ok(200).clone();
        assert_eq!(booked["outcome"], "booked");
        let meeting = booked["meeting_id"].as_str().expect("a meeting").to_string();
        let seen = w.app.get(&format!("/api/v1/meetings/{meeting}"), &w.bo).await;
        assert_eq!(seen.ok(200)["spot"]["name"], "Table 1");
        // Booked: no longer free; the proposal answers as booked.
        let after = w.state(&w.bo).await;
        assert!(after["free"].is_null());
        assert_eq!(after["proposal"]["status"], "booked");
        w.app.post_json(&w.answer(proposal, "decline"), &w.ana, json!({})).await.problem(409, "proposal_closed");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(w.app.inbox_kinds(&w.bo, &w.cid).await.contains(&"now_booked".to_string()));
    }

    async fn nobody_is_paired_with_themselves_or_someone_they_dismissed(db: TestDb) {
        let w = world(TestApp::new(db).await).await;
        // Bo dismissed Ana as a host.
        w.app
            .post_json(&format!("/api/v1/communities/{}/dismissals", w.cid), &w.bo, json!({"host_id": w.ana_id}))
            .await
            .ok(201);
        // Ana wants what she offers: still never paired with herself.
        profile(&w.app, &w.ana, &w.cid, "Platform", &["rust"], &["rust"]).await;
        w.go_free(&w.ana).await;
        assert!(w.go_free(&w.bo).await["proposal"].is_null(), "Bo dismissed Ana");
        assert!(w.state(&w.ana).await["proposal"].is_null());
        let cy = w.go_free(&w.cy).await;
        assert_eq!(cy["proposal"]["with_name"], "Ana");
        // Declined: both are free again, and not proposed to each other again.
        let declined = w.app.post_json(&w.answer(&cy["proposal"], "decline"), &w.cy, json!({})).await;
        assert_eq!(declined.ok(200)["outcome"], "declined");
        let cy = w.state(&w.cy).await;
        assert_eq!(cy["proposal"]["status"], "declined");
        assert!(!cy["free"].is_null(), "still free");
        // Leaving the pool ends it.
        w.app.delete(&w.path(), &w.cy).await.ok(204);
        assert!(w.state(&w.cy).await["free"].is_null());
    }

    async fn bad_input_outside_hours_and_strangers_change_nothing(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let w = world(TestApp::with_clock(db, Config::default(), clock.clone())).await;
        let path = w.path();
        w.app.put_json(&path, &w.bo, json!({"minutes": 10, "mode": "lounge"})).await.invalid("minutes");
        w.app.put_json(&path, &w.bo, json!({"minutes": 30, "mode": "beach"})).await.invalid("mode");
        w.app.put_json(&path, &w.bo, json!({"minutes": "soon", "mode": "lounge"})).await.problem(400, "invalid_body");
        assert!(w.state(&w.bo).await["free"].is_null(), "nothing written");
        w.app
            .post_json(&format!("{path}/proposals/999999/accept"), &w.bo, json!({}))
            .await
            .problem(404, "not_found");
        w.app.post_json(&format!("{path}/proposals/01/accept"), &w.bo, json!({})).await.problem(404, "not_found");
        // Another community's member sees nothing of this one.
        let (_, stranger) = w.app.signup("zed@example.org", "Zed").await;
        w.app.community(&stranger, "open").await;
        assert_eq!(w.app.get(&path, &stranger).await.status.as_u16(), 403);
        // 17:50: the shortest window would run past the community's hours (18:00).
        clock.set(now() + Duration::minutes(350));
        w.app.put_json(&path, &w.bo, json!({"minutes": 15, "mode": "video"})).await.invalid("minutes");
        assert!(w.state(&w.bo).await["free"].is_null());
    }

    async fn an_unanswered_proposal_expires_and_both_are_free_again(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let w = world(TestApp::with_clock(db, Config::default(), clock.clone())).await;
        w.go_free(&w.bo).await;
        let proposal = w.go_free(&w.ana).await["proposal"].clone();
        clock.set(now() + Duration::minutes(6));
        w.app.post_json(&w.answer(&proposal, "accept"), &w.bo, json!({})).await.problem(409, "proposal_expired");
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        let bo = w.state(&w.bo).await;
        assert_eq!(bo["proposal"]["status"], "expired");
        assert!(!bo["free"].is_null(), "still free");
        w.app.post_json(&w.answer(&proposal, "accept"), &w.bo, json!({})).await.problem(409, "proposal_closed");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(w.app.inbox_kinds(&w.bo, &w.cid).await.contains(&"now_expired".to_string()));
    }

    async fn the_page_walks_a_member_through_it(db: TestDb) {
        let w = world(TestApp::new(db).await).await;
        let bo = w.app.browser(&w.bo).await;
        let page = format!("/c/{}/now", w.cid);
        let html = text(w.app.page_as(Some(&bo), &page, &[]).await.html_page(200));
        assert!(html.contains(&format!("action=\"{page}\"")), "the form");
        let bad = w.app.form_as(&bo, &page, &[("csrf", &bo.csrf), ("minutes", "90"), ("mode", "lounge")], &[]).await;
        assert!(bad.html_page(422).contains("choose between"), "the field's message");
        let sent = w.app.form_as(&bo, &page, &[("csrf", &bo.csrf), ("minutes", "30"), ("mode", "lounge")], &[]).await;
        assert_eq!(sent.status.as_u16(), 303);
        let html = text(w.app.page_as(Some(&bo), &format!("{page}?notice=now_free"), &[]).await.html_page(200));
        assert!(html.contains("looking for someone"), "{html}");
        w.go_free(&w.ana).await;
        let html = text(w.app.page_as(Some(&bo), &page, &[]).await.html_page(200));
        assert!(html.contains("Meet Ana?"), "the proposal");
        let accept = html.find("/accept\"").expect("an accept button");
        let action_start = html[..accept].rfind("action=\"").expect("its form") + "action=\"".len();
        let action = format!("{}/accept", &html[action_start..accept]);
        let answered = w.app.form_as(&bo, &action, &[("csrf", &bo.csrf)], &[]).await;
        assert_eq!(answered.status.as_u16(), 303);
        let html = text(w.app.page_as(Some(&bo), &page, &[]).await.html_page(200));
        assert!(html.contains("Waiting for Ana"), "{html}");
    }
}
