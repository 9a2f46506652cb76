//! Empty seats offered over HTTP: Ana hosts a Rust study group in Room A from 12:20 with free
//! seats. Bo, who wants to learn Rust, says he is free now: he is offered a seat at once (in
//! his inbox, with the way to take it), takes it, and the dashboard counts the offer taken.
//! Cy is offered one when she frees up; nobody is offered the same session twice, members who
//! are not free or want something else are not offered it, and a full session is offered to
//! nobody.

use std::sync::Arc;

use chrono::Duration;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::{Value, json};

use crate::common::id;
use crate::common::{TestApp, now};
use crate::meet_now::{World, world};

/// The world of meet-now (Ana offers Rust; Bo and Cy want it), with Ana's group session in
/// Room A at 12:20 for `seats` participants; answers its topic id.
async fn with_group(db: TestDb, seats: u32) -> (World, Arc<ManualClock>, String) {
    let clock = Arc::new(ManualClock::new(now()));
    let w = world(TestApp::with_clock(db, Config::default(), clock.clone())).await;
    w.app
        .post_json(
            &format!("/api/v1/communities/{}/spots", w.cid),
            &w.ana,
            json!({"name": "Room A", "kind": "room", "capacity": 8}),
        )
        .await
        .ok(201);
    let topic = w
        .app
        .post_json(
            &format!("/api/v1/communities/{}/topics", w.cid),
            &w.ana,
            json!({"kind": "offer", "title": "Rust study group", "tags": ["rust"], "format": "group",
                   "capacity": seats, "mode": "in_person", "starts_at": "2026-05-01T12:20:00Z",
                   "duration_minutes": 45}),
        )
        .await
        .ok(201)
        .clone();
    (w, clock, id(&topic))
}

fn offers(inbox: &[Value]) -> Vec<&Value> {
    inbox
        .iter()
        .filter(|n| n["kind"] == "seat_offered")
        .collect()
}

peerlearn_testkit::backend_tests! {
    async fn a_free_member_is_offered_a_seat_takes_it_and_it_counts(db: TestDb) {
        let (w, _clock, topic) = with_group(db, 3).await;
        w.go_free(&w.bo).await;
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        let inbox = w.app.inbox(&w.bo, &w.cid).await;
        let offered = offers(&inbox);
        assert_eq!(offered.len(), 1, "{inbox:?}");
        assert_eq!(offered[0]["title"], "A seat is free: Rust study group");
        let body = offered[0]["body"].as_str().expect("a body");
        assert!(body.contains("Room A") && body.contains("3 seats are still free"), "{body}");
        assert!(offered[0]["link"].as_str().expect("a link").ends_with(&format!("/topics/{topic}#seats")));
        // Cy is not free: nothing for her.
        assert!(offers(&w.app.inbox(&w.cy, &w.cid).await).is_empty());

        w.app.post_json(&format!("/api/v1/topics/{topic}/seats"), &w.bo, json!({})).await.ok(201);
        let dash = w.app
            .get(&format!("/api/v1/communities/{}/dashboard?from=2026-05-01&to=2026-05-01", w.cid), &w.ana)
            .await
            .ok(200)
            .clone();
        assert_eq!((dash["seats_offered"].clone(), dash["seats_taken"].clone()), (json!(1), json!(1)));

        // Cy frees up and is offered a seat; Bo, seated, is not offered it again, however often
        // the sweep runs.
        w.go_free(&w.cy).await;
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        let cy = w.app.inbox(&w.cy, &w.cid).await;
        assert_eq!(offers(&cy).len(), 1, "{cy:?}");
        assert!(offers(&cy)[0]["body"].as_str().expect("a body").contains("2 seats are still free"));
        assert_eq!(offers(&w.app.inbox(&w.bo, &w.cid).await).len(), 1);
    }

    async fn sessions_too_far_ahead_or_full_are_offered_to_nobody(db: TestDb) {
        let (w, clock, topic) = with_group(db, 2).await;
        let (_, dee) = w.app.signup("dee@example.org", "Dee").await;
        w.app.join(&dee, &w.cid, None).await;
        // 11:40: Bo is free until 12:25, but the session starts in 40 minutes, too far ahead.
        clock.set(now() - Duration::minutes(20));
        w.app
            .put_json(&w.path(), &w.bo, json!({"minutes": 45, "mode": "lounge"}))
            .await
            .ok(200);
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(offers(&w.app.inbox(&w.bo, &w.cid).await).is_empty());
        // Cy and Dee take the two seats; at 11:55 the session is near but full.
        for who in [&w.cy, &dee] {
            w.app.post_json(&format!("/api/v1/topics/{topic}/seats"), who, json!({})).await.ok(201);
        }
        clock.set(now() - Duration::minutes(5));
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert!(offers(&w.app.inbox(&w.bo, &w.cid).await).is_empty());
        // Cy gives her seat up: the next sweep offers it to Bo.
        w.app.delete(&format!("/api/v1/topics/{topic}/seats/me"), &w.cy).await.ok(200);
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert_eq!(offers(&w.app.inbox(&w.bo, &w.cid).await).len(), 1);
        // The same member is never offered the same session twice.
        w.app.post_json(&format!("/api/v1/topics/{topic}/seats"), &w.cy, json!({})).await.ok(201);
        w.app.delete(&format!("/api/v1/topics/{topic}/seats/me"), &w.cy).await.ok(200);
        peerlearn_web::meet_now::sweep(&w.app.state).await.expect("the sweep runs");
        peerlearn_web::notify::run_due(&w.app.state).await.expect("the worker runs");
        assert_eq!(offers(&w.app.inbox(&w.bo, &w.cid).await).len(), 1);
        let dash = w.app
            .get(&format!("/api/v1/communities/{}/dashboard?from=2026-05-01&to=2026-05-01", w.cid), &w.ana)
            .await
            .ok(200)
            .clone();
        assert_eq!((dash["seats_offered"].clone(), dash["seats_taken"].clone()), (json!(1), json!(0)));
    }
}
