//! Re-pairing the stood-up over HTTP: Ana and Bo meet at Table 1 from 12:05; Ana checks in,
//! Bo does not come; Cy is free. Five minutes after the start the sweep offers Ana and Cy a
//! meeting at the same table; when both accept, Ana and Bo's meeting is cancelled (Bo is
//! told) and the new one booked. A partner who arrives first keeps the meeting; the absent
//! partner and strangers cannot answer; the dashboard counts re-pairings.

use std::sync::Arc;

use chrono::Duration;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::{Value, json};

use crate::common::id;
use crate::common::{TestApp, now};
use crate::meet_now::{World, text, world};

/// Ana and Bo's meeting (12:05–12:30 at Table 1), Ana checked in at 12:06, Cy free; the
/// clock at 12:10 and the sweep run: answers the meeting and Ana's offer.
async fn stood_up(db: TestDb) -> (World, Arc<ManualClock>, String, Value) {
    let clock = Arc::new(ManualClock::new(now()));
    let w = world(TestApp::with_clock(db, Config::default(), clock.clone())).await;
    w.go_free(&w.bo).await;
    let proposal = w.go_free(&w.ana).await["proposal"].clone();
    w.app
        .post_json(&w.answer(&proposal, "accept"), &w.bo, json!({}))
        .await
        .ok(200);
    let booked = w
        .app
        .post_json(&w.answer(&proposal, "accept"), &w.ana, json!({}))
        .await;
    let meeting = booked.ok(200)["meeting_id"]
        .as_str()
        .expect("booked")
        .to_string();
    assert!(
        w.go_free(&w.cy).await["proposal"].is_null(),
        "nobody else is free"
    );
    clock.set(now() + Duration::minutes(6));
    w.app
        .post_json(
            &format!("/api/v1/meetings/{meeting}/check-in"),
            &w.ana,
            json!({}),
        )
        .await
        .ok(200);
    // 12:08: too early to give up on Bo.
    clock.set(now() + Duration::minutes(8));
    peerlearn_web::meet_now::sweep(&w.app.state)
        .await
        .expect("the sweep runs");
    assert!(
        w.state(&w.ana).await["proposal"]["replaces_meeting_id"].is_null(),
        "not yet"
    );
    clock.set(now() + Duration::minutes(10));
    peerlearn_web::meet_now::sweep(&w.app.state)
        .await
        .expect("the sweep runs");
    let offer = w.state(&w.ana).await["proposal"].clone();
    (w, clock, meeting, offer)
}

peerlearn_testkit::backend_tests! {
    async fn a_stood_up_member_meets_someone_free_at_the_same_table(db: TestDb) {
        let (w, _clock, old, offer) = stood_up(db).await;
        assert_eq!(offer["status"], "open");
        assert_eq!(offer["with_name"], "Cy");
        assert_eq!(offer["replaces_meeting_id"], old.as_str());
        assert_eq!(offer["spot_name"], "Table 1");
        assert_eq!(offer["starts_at"], "2026-05-01T12:15:00Z", "once Cy has walked over");
        assert_eq!(offer["ends_at"], "2026-05-01T12:30:00Z", "when the table's slot ends");
        assert_eq!(w.state(&w.cy).await["proposal"]["id"], offer["id"]);
        // Bo, the absent partner, has nothing to answer.
        assert!(w.state(&w.bo).await["proposal"]["replaces_meeting_id"].is_null());
        w.app.post_json(&w.answer(&offer, "accept"), &w.bo, json!({})).await.problem(404, "not_found");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(w.app.inbox_kinds(&w.ana, &w.cid).await.contains(&"repair_offered".to_string()));
        assert!(w.app.inbox_kinds(&w.cy, &w.cid).await.contains(&"now_proposed".to_string()));

        let page = text(w.app.page_as(Some(&w.app.browser(&w.ana).await), &format!("/c/{}/now", w.cid), &[]).await.html_page(200));
        assert!(page.contains("Your partner has not come. Cy is free now"), "{page}");
        assert!(page.contains("at Table 1"), "{page}");

        w.app.post_json(&w.answer(&offer, "accept"), &w.ana, json!({})).await.ok(200);
        let booked = w.app.post_json(&w.answer(&offer, "accept"), &w.cy, json!({})).await;
        let booked = booked.ok(200).clone();
        assert_eq!(booked["outcome"], "booked");
        let new = id(&json!({"id": booked["meeting_id"]}));
        let old_meeting = w.app.get(&format!("/api/v1/meetings/{old}"), &w.ana).await.ok(200).clone();
        assert_eq!(old_meeting["status"], "cancelled");
        let new_meeting = w.app.get(&format!("/api/v1/meetings/{new}"), &w.ana).await.ok(200).clone();
        assert_eq!(new_meeting["spot"]["name"], "Table 1");
        assert_eq!(new_meeting["start"], "2026-05-01T12:15:00Z");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(w.app.inbox_kinds(&w.bo, &w.cid).await.contains(&"meeting_cancelled".to_string()));
        assert!(w.app.inbox_kinds(&w.cy, &w.cid).await.contains(&"now_booked".to_string()));

        let dash = w.app
            .get(&format!("/api/v1/communities/{}/dashboard?from=2026-05-01&to=2026-05-01", w.cid), &w.ana)
            .await
            .ok(200)
            .clone();
        assert_eq!(dash["repairs_offered"], 1);
        assert_eq!(dash["repairs_booked"], 1);
    }

    async fn a_partner_who_arrives_keeps_the_meeting_and_nothing_else_changes(db: TestDb) {
        let (w, clock, old, offer) = stood_up(db).await;
        w.app.post_json(&w.answer(&offer, "accept"), &w.cy, json!({})).await.ok(200);
        clock.set(now() + Duration::minutes(11));
        w.app
            .post_json(&format!("/api/v1/meetings/{old}/check-in"), &w.bo, json!({}))
            .await
            .ok(200);
        w.app.post_json(&w.answer(&offer, "accept"), &w.ana, json!({})).await.problem(409, "partner_arrived");
        let meeting = w.app.get(&format!("/api/v1/meetings/{old}"), &w.ana).await.ok(200).clone();
        assert_eq!(meeting["status"], "confirmed", "the meeting goes on");
        let cy = w.state(&w.cy).await;
        assert_eq!(cy["proposal"]["status"], "failed");
        assert!(!cy["free"].is_null(), "Cy is free again");
        // Both are there: nobody is offered anything more.
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        assert!(w.state(&w.ana).await["proposal"]["replaces_meeting_id"].is_null());
    }

    async fn declining_keeps_the_meeting_and_is_not_asked_again(db: TestDb) {
        let (w, clock, old, offer) = stood_up(db).await;
        let page = format!("/c/{}/now", w.cid);
        let ana = w.app.browser(&w.ana).await;
        let action = format!("{page}/{}/decline", offer["id"].as_str().expect("an id"));
        let declined = w.app.form_as(&ana, &action, &[("csrf", &ana.csrf)], &[]).await;
        assert_eq!(declined.status.as_u16(), 303);
        let html = text(w.app.page_as(Some(&ana), &format!("{page}?notice=repair_declined"), &[]).await.html_page(200));
        assert!(html.contains("Your meeting stays as it is"), "{html}");
        let meeting = w.app.get(&format!("/api/v1/meetings/{old}"), &w.ana).await.ok(200).clone();
        assert_eq!(meeting["status"], "confirmed");
        assert_eq!(w.state(&w.cy).await["proposal"]["status"], "declined");
        clock.set(now() + Duration::minutes(12));
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        assert!(w.state(&w.ana).await["proposal"]["replaces_meeting_id"].is_null(), "not asked again");
    }
}
