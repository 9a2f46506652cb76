//! Group seats and their waitlist over HTTP: members join the waitlist of a full group, a
//! freed seat goes to the first one still free at that time (who is told), and every bad
//! attempt answers its code and writes nothing.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// A community hosted by Ana with a video group of `seats` seats on Monday 4 May at 10:00,
/// and members Bo, Cy, Di, Ed and Flo. Returns (community, topic, tokens by name).
async fn group(app: &TestApp, seats: i64) -> (String, String, Vec<(&'static str, String)>) {
    let (_, ana) = app.signup("ana@example.org", "Ana").await;
    let cid = id(&app.community(&ana, "open").await);
    let mut tokens = vec![("ana", ana.clone())];
    for name in ["bo", "cy", "di", "ed", "flo"] {
        let (_, t) = app.signup(&format!("{name}@example.org"), name).await;
        app.join(&t, &cid, None).await;
        tokens.push((name, t));
    }
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Reading group", "format": "group", "capacity": seats,
                   "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z"}),
        )
        .await
        .ok(201)
        .clone();
    (cid, id(&topic), tokens)
}

fn token<'a>(tokens: &'a [(&'static str, String)], name: &str) -> &'a str {
    &tokens.iter().find(|(n, _)| *n == name).expect("a member").1
}

/// The members holding a confirmed seat (the host included), by display name.
async fn seated(app: &TestApp, host: &str, tid: &str) -> Vec<String> {
    let topic = app.get(&format!("/api/v1/topics/{tid}"), host).await;
    let _ = topic.ok(200);
    let meeting = app
        .store()
        .topic_meeting(tid.parse::<peerlearn_domain::TopicId>().expect("an id"))
        .await
        .expect("reads")
        .expect("a meeting");
    let mut names: Vec<String> = meeting
        .participants
        .iter()
        .filter(|p| p.confirmed)
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    names
}

peerlearn_testkit::backend_tests! {
    async fn a_groups_capacity_counts_participants_in_the_form_the_page_and_the_api(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, tid, t) = group(&app, 3).await;
        let topic = format!("/api/v1/topics/{tid}");
        let view = app.get(&topic, token(&t, "bo")).await.ok(200).clone();
        assert_eq!((view["capacity"].as_u64(), view["seats_taken"].as_u64(), view["seats_left"].as_u64()), (Some(3), Some(0), Some(3)), "{view:#}");
        app.post_json(&format!("{topic}/seats"), token(&t, "bo"), json!({})).await.ok(201);
        let view = app.get(&topic, token(&t, "cy")).await.ok(200).clone();
        assert_eq!((view["seats_taken"].as_u64(), view["seats_left"].as_u64()), (Some(1), Some(2)));

        let session = app.form("/signin", "", &[("email", "cy@example.org"), ("password", crate::common::PASSWORD)]).await.cookie("pl_session").expect("signed in");
        let page = app.page(&format!("/c/{cid}/topics/{tid}"), &session).await;
        assert!(page.html().contains("1 of 3 taken"), "the page counts as the form and the API do: {}", page.html());
    }

    async fn a_freed_seat_goes_to_the_first_on_the_waitlist(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, tid, t) = group(&app, 2).await;
        let seats = format!("/api/v1/topics/{tid}/seats");
        let waitlist = format!("/api/v1/topics/{tid}/waitlist");
        app.post_json(&seats, token(&t, "bo"), json!({})).await.ok(201);
        // A group with a free seat has no waitlist: take the seat.
        app.post_json(&waitlist, token(&t, "di"), json!({})).await.problem(409, "seats_free");
        app.post_json(&seats, token(&t, "cy"), json!({})).await.ok(201);
        app.post_json(&seats, token(&t, "di"), json!({})).await.problem(409, "meeting_full");

        let di = app.post_json(&waitlist, token(&t, "di"), json!({})).await.ok(201).clone();
        assert_eq!((di["position"].as_u64(), di["length"].as_u64()), (Some(1), Some(1)));
        let ed = app.post_json(&waitlist, token(&t, "ed"), json!({})).await.ok(201).clone();
        assert_eq!((ed["position"].as_u64(), ed["length"].as_u64()), (Some(2), Some(2)));
        app.post_json(&waitlist, token(&t, "ed"), json!({})).await.problem(409, "already_waitlisted");
        app.post_json(&waitlist, token(&t, "bo"), json!({})).await.problem(409, "already_seated");
        app.post_json(&waitlist, token(&t, "ana"), json!({})).await.problem(409, "already_seated");
        let flo = app.get(&waitlist, token(&t, "flo")).await.ok(200).clone();
        assert_eq!((flo["position"].clone(), flo["length"].as_u64()), (Value::Null, Some(2)));

        // Bo gives up his seat: Di, first in line, has it at once; Ed moves up.
        app.delete(&format!("{seats}/me"), token(&t, "bo")).await.ok(200);
        assert_eq!(seated(&app, token(&t, "ana"), &tid).await, ["Ana", "cy", "di"]);
        let di = app.get(&waitlist, token(&t, "di")).await.ok(200).clone();
        assert_eq!((di["position"].clone(), di["length"].as_u64()), (Value::Null, Some(1)));
        let ed = app.get(&waitlist, token(&t, "ed")).await.ok(200).clone();
        assert_eq!(ed["position"].as_u64(), Some(1));

        // Di is told, in the inbox (and by email when SMTP is configured), with the meeting.
        peerlearn_web::notify::run_due(&app.state).await.expect("jobs run");
        let inbox = app.get(&format!("/api/v1/communities/{cid}/notifications"), token(&t, "di")).await.ok(200).clone();
        let kinds: Vec<&str> = inbox["items"].as_array().expect("items").iter().filter_map(|n| n["kind"].as_str()).collect();
        assert!(kinds.contains(&"waitlist_seat"), "{kinds:?}");

        // Ed leaves the waitlist; leaving twice answers not_waitlisted.
        app.delete(&waitlist, token(&t, "ed")).await.ok(204);
        app.delete(&waitlist, token(&t, "ed")).await.problem(409, "not_waitlisted");
        // Cy cancels her seat through the meeting: nobody waits, so it stays free.
        let meeting = app.store().topic_meeting(tid.parse::<peerlearn_domain::TopicId>().unwrap()).await.unwrap().unwrap();
        app.post_json(&format!("/api/v1/meetings/{}/cancel", meeting.id), token(&t, "cy"), json!({})).await.ok(200);
        assert_eq!(seated(&app, token(&t, "ana"), &tid).await, ["Ana", "di"]);
        assert_eq!(app.store().invariant_violations().await.unwrap(), [0, 0, 0]);
    }

    async fn a_waitlisted_member_who_became_busy_keeps_their_place(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, tid, t) = group(&app, 2).await;
        for who in ["bo", "ed"] {
            app.post_json(&format!("/api/v1/topics/{tid}/seats"), token(&t, who), json!({})).await.ok(201);
        }
        let waitlist = format!("/api/v1/topics/{tid}/waitlist");
        app.post_json(&waitlist, token(&t, "cy"), json!({})).await.ok(201);
        app.post_json(&waitlist, token(&t, "di"), json!({})).await.ok(201);
        // Cy then takes a seat in another group at the same time.
        let other = app
            .post_json(
                &format!("/api/v1/communities/{cid}/topics"),
                token(&t, "flo"),
                json!({"kind": "offer", "title": "Chess", "format": "group", "capacity": 3,
                       "mode": "virtual", "starts_at": "2026-05-04T10:15:00Z"}),
            )
            .await
            .ok(201)
            .clone();
        app.post_json(&format!("/api/v1/topics/{}/seats", id(&other)), token(&t, "cy"), json!({})).await.ok(201);
        // A busy member (Flo hosts Chess then) cannot join a waitlist either.
        app.post_json(&waitlist, token(&t, "flo"), json!({})).await.problem(409, "person_busy");

        app.delete(&format!("/api/v1/topics/{tid}/seats/me"), token(&t, "bo")).await.ok(200);
        assert_eq!(seated(&app, token(&t, "ana"), &tid).await, ["Ana", "di", "ed"]);
        let cy = app.get(&waitlist, token(&t, "cy")).await.ok(200).clone();
        assert_eq!((cy["position"].as_u64(), cy["length"].as_u64()), (Some(1), Some(1)));
        assert_eq!(app.store().invariant_violations().await.unwrap(), [0, 0, 0]);
    }

    async fn waitlists_need_a_fixed_time_group_the_caller_can_see(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, tid, t) = group(&app, 2).await;
        let one = app
            .post_json(
                &format!("/api/v1/communities/{cid}/topics"),
                token(&t, "bo"),
                json!({"kind": "offer", "title": "Rust", "format": "one_on_one", "mode": "virtual"}),
            )
            .await
            .ok(201)
            .clone();
        app.post_json(&format!("/api/v1/topics/{}/waitlist", id(&one)), token(&t, "cy"), json!({})).await.problem(409, "no_seats");
        app.post_json("/api/v1/topics/nope/waitlist", token(&t, "cy"), json!({})).await.problem(404, "not_found");
        let (_, stranger) = app.signup("zed@example.org", "Zed").await;
        app.post_json(&format!("/api/v1/topics/{tid}/waitlist"), &stranger, json!({})).await.problem(404, "not_found");
        app.post_json(&format!("/api/v1/topics/{tid}/waitlist"), "", json!({})).await.problem(401, "not_signed_in");
        app.delete(&format!("/api/v1/topics/{tid}/waitlist"), token(&t, "cy")).await.problem(409, "not_waitlisted");
    }

    async fn a_one_on_one_with_a_meeting_has_no_seats_or_waitlist(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let (_, cy) = app.signup("cy@example.org", "Cy").await;
        for token in [&ana, &bo, &cy] {
            if token != &ana {
                app.join(token, &cid, None).await;
            }
            app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T12:00:00Z").await;
        }
        let topic = id(app
            .post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
                json!({"kind": "offer", "title": "Pairing", "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}))
            .await
            .ok(201));
        let request = id(app
            .post_json(&format!("/api/v1/topics/{topic}/requests"), &bo, json!({"proposed_times": ["2026-05-04T10:00:00Z"]}))
            .await
            .ok(201));
        app.post_json(&format!("/api/v1/requests/{request}/accept"), &ana, json!({"start": "2026-05-04T10:00:00Z"}))
            .await
            .ok(201);
        // Cy sees an ordinary topic: no seats to take, no waitlist, nothing of Bo's meeting.
        app.post_json(&format!("/api/v1/topics/{topic}/seats"), &cy, json!({})).await.problem(409, "no_seats");
        app.post_json(&format!("/api/v1/topics/{topic}/waitlist"), &cy, json!({})).await.problem(409, "no_seats");
        let view = app.get(&format!("/api/v1/topics/{topic}"), &cy).await.ok(200).clone();
        assert!(view["meeting_id"].is_null() && view["seats_taken"].is_null(), "{view:#}");
    }
}
