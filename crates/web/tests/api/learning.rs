//! After the meeting over HTTP, with a clock the test moves: check-in, the stand-by offer,
//! no-shows, feedback (private ratings, consented notes), thanks, the check-back, the
//! knowledge base and its moderation, the ledger, the demand board and the dashboard.

use std::sync::Arc;

use crate::common::TestApp;
use crate::common::{at, id};
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock, notify};
use serde_json::{Value, json};

struct Scene {
    app: TestApp,
    clock: Arc<ManualClock>,
    cid: String,
    mid: String,
    ana: String,
    bruno: String,
    carol: String,
}

/// Ana (organizer, team A) hosts Bruno (team B) on 2 May 2026, 10:00–10:30 UTC, by video;
/// Carol is a member who is not in the meeting. The clock shows 1 May, noon.
async fn scene(db: TestDb) -> Scene {
    let clock = Arc::new(ManualClock::new(crate::common::now()));
    let app = TestApp::with_clock(db, Config::default(), clock.clone());
    let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
    let (_, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
    let (_, carol) = app.signup("carol@example.org", "Carol Diaz").await;
    let cid = id(&app.community(&ana, "open").await);
    app.join(&bruno, &cid, None).await;
    app.join(&carol, &cid, None).await;
    for (token, team) in [(&ana, "Platform"), (&bruno, "Data"), (&carol, "Design")] {
        app.put_json(
            &format!("/api/v1/communities/{cid}/members/me"),
            token,
            json!({"headline": "", "bio": "", "team": team, "languages": ["en"], "offers": [], "wants": []}),
        )
        .await
        .ok(200);
        app.free(token, &cid, "2026-05-02T09:00:00Z", "2026-05-02T12:00:00Z")
            .await;
    }
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Property-based testing", "description": "Shrinking, generators",
                   "tags": ["testing", "rust"], "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
        )
        .await
        .ok(201)
        .clone();
    let request = app
        .post_json(
            &format!("/api/v1/topics/{}/requests", id(&topic)),
            &bruno,
            json!({"proposed_times": ["2026-05-02T10:00:00Z"]}),
        )
        .await
        .ok(201)
        .clone();
    let meeting = app
        .post_json(
            &format!("/api/v1/requests/{}/accept", id(&request)),
            &ana,
            json!({"start": "2026-05-02T10:00:00Z"}),
        )
        .await
        .ok(201)
        .clone();
    Scene {
        mid: id(&meeting),
        app,
        clock,
        cid,
        ana,
        bruno,
        carol,
    }
}

impl Scene {
    async fn run_jobs_at(&self, rfc: &str) {
        self.clock.set(at(rfc));
        peerlearn_web::notify::run_due(&self.app.state)
            .await
            .expect("jobs run");
    }

    async fn inbox_kinds(&self, token: &str) -> Vec<String> {
        self.app.inbox_kinds(token, &self.cid).await
    }

    /// Bruno comes to the 10:00 meeting and Carol to a second one at 11:00; Ana, who hosts
    /// both, checks in to neither.
    async fn ana_misses_two_meetings(&self) {
        let topic = self.app.post_json(&format!("/api/v1/communities/{}/topics", self.cid), &self.ana,
            json!({"kind": "offer", "title": "Fuzzing", "tags": ["testing"], "format": "one_on_one", "mode": "virtual", "duration_minutes": 30})).await.ok(201).clone();
        let request = self
            .app
            .post_json(
                &format!("/api/v1/topics/{}/requests", id(&topic)),
                &self.carol,
                json!({"proposed_times": ["2026-05-02T11:00:00Z"]}),
            )
            .await
            .ok(201)
            .clone();
        let second = self
            .app
            .post_json(
                &format!("/api/v1/requests/{}/accept", id(&request)),
                &self.ana,
                json!({"start": "2026-05-02T11:00:00Z"}),
            )
            .await
            .ok(201)
            .clone();
        self.clock.set(at("2026-05-02T10:00:00Z"));
        self.app
            .post_json(&self.path("check-in"), &self.bruno, json!({}))
            .await
            .ok(200);
        self.clock.set(at("2026-05-02T11:00:00Z"));
        self.app
            .post_json(
                &format!("/api/v1/meetings/{}/check-in", id(&second)),
                &self.carol,
                json!({}),
            )
            .await
            .ok(200);
    }

    fn path(&self, tail: &str) -> String {
        format!("/api/v1/meetings/{}/{tail}", self.mid)
    }
}

fn feedback() -> Value {
    json!({"learned": "Shrinking finds the smallest failing input", "will_try": "Add a proptest to the parser",
           "rating": 5, "thanks": "Thank you, that was clear!", "share": true, "named": true,
           "link": "https://proptest-rs.github.io/proptest/"})
}

peerlearn_testkit::backend_tests! {
    async fn check_in_is_open_from_ten_minutes_before_until_the_end(db: TestDb) {
        let s = scene(db).await;
        let check_in = s.path("check-in");
        s.clock.set(at("2026-05-02T09:49:00Z"));
        s.app.post_json(&check_in, &s.bruno, json!({})).await.problem(409, "check_in_not_open");
        s.clock.set(at("2026-05-02T09:55:00Z"));
        let list = s.app.post_json(&check_in, &s.bruno, json!({"method": "button"})).await.ok(200).clone();
        let bruno = list["items"].as_array().unwrap().iter().find(|a| a["name"] == "Bruno Costa").unwrap().clone();
        assert_eq!(bruno["checked_in_at"], "2026-05-02T09:55:00Z");
        // Checking in again keeps the first time.
        s.clock.set(at("2026-05-02T10:01:00Z"));
        let again = s.app.post_json(&check_in, &s.bruno, json!({})).await.ok(200).clone();
        assert!(again.to_string().contains("2026-05-02T09:55:00Z"));
        s.app.post_json(&check_in, &s.bruno, json!({"method": "teleport"})).await.invalid("method");
        // Someone outside the meeting cannot even see it.
        s.app.post_json(&check_in, &s.carol, json!({})).await.problem(404, "not_found");
        s.clock.set(at("2026-05-02T10:30:00Z"));
        s.app.post_json(&check_in, &s.ana, json!({})).await.problem(409, "meeting_over");
    }

    async fn a_missing_partner_brings_a_stand_by_offer_then_a_no_show(db: TestDb) {
        let s = scene(db).await;
        s.clock.set(at("2026-05-02T09:58:00Z"));
        s.app.post_json(&s.path("check-in"), &s.bruno, json!({})).await.ok(200);
        s.run_jobs_at("2026-05-02T10:06:00Z").await;
        assert!(s.inbox_kinds(&s.bruno).await.contains(&"stand_by".to_string()));
        assert!(s.inbox_kinds(&s.ana).await.contains(&"partner_waiting".to_string()));
        s.run_jobs_at("2026-05-02T10:31:00Z").await;
        let attendance = s.app.get(&s.path("attendance"), &s.ana).await.ok(200).clone();
        let ana = attendance["items"].as_array().unwrap().iter().find(|a| a["name"] == "Ana Lima").unwrap().clone();
        assert_eq!(ana["no_show"], true);
        // Only those who came are asked for feedback.
        assert!(s.inbox_kinds(&s.bruno).await.contains(&"feedback_asked".to_string()));
        assert!(!s.inbox_kinds(&s.ana).await.contains(&"feedback_asked".to_string()));
        // A missed meeting does not count as hosted in the ledger.
        let ledger = s.app.get(&format!("/api/v1/communities/{}/ledger", s.cid), &s.ana).await.ok(200).clone();
        assert_eq!(ledger["meetings_hosted"], 0);
        let ledger = s.app.get(&format!("/api/v1/communities/{}/ledger", s.cid), &s.bruno).await.ok(200).clone();
        assert_eq!((ledger["meetings_attended"].as_i64(), ledger["minutes_learned"].as_i64()), (Some(1), Some(30)));
    }

    async fn feedback_is_given_once_and_its_note_joins_the_knowledge_base(db: TestDb) {
        let s = scene(db).await;
        let url = s.path("feedback");
        s.clock.set(at("2026-05-02T10:10:00Z"));
        // Not checked in and not over yet.
        s.app.post_json(&url, &s.bruno, feedback()).await.problem(409, "meeting_not_over");
        s.clock.set(at("2026-05-02T10:31:00Z"));
        // Bad input names its fields and writes nothing.
        let bad = s.app.post_json(&url, &s.bruno, json!({"learned": "x", "rating": 9, "link": "ftp://x"})).await;
        bad.invalid("rating");
        bad.invalid("link");
        s.app.get(&url, &s.bruno).await.problem(404, "not_found");
        s.app.post_json(&url, &s.bruno, json!({})).await.invalid("learned");
        let given = s.app.post_json(&url, &s.bruno, feedback()).await.ok(201).clone();
        assert_eq!(given["rating"], 5);
        assert!(given["note_id"].is_string());
        s.app.post_json(&url, &s.bruno, feedback()).await.problem(409, "feedback_given");
        // The rating is private: the host sees neither Bruno's feedback nor a rating anywhere.
        s.app.get(&url, &s.ana).await.problem(404, "not_found");
        let notes = s.app.get(&format!("/api/v1/communities/{}/notes?q=shrink", s.cid), &s.carol).await.ok(200).clone();
        let items = notes["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{notes}");
        assert_eq!(items[0]["author"]["name"], "Bruno Costa");
        assert_eq!(items[0]["topic_title"], "Property-based testing");
        assert_eq!(items[0]["tags"], json!(["rust", "testing"]));
        assert!(!notes.to_string().contains("rating"));
        let by_tag = s.app.get(&format!("/api/v1/communities/{}/notes?tag=testing", s.cid), &s.carol).await.ok(200).clone();
        assert_eq!(by_tag["items"].as_array().unwrap().len(), 1);
        s.app.get(&format!("/api/v1/communities/{}/notes?tag=%20%21", s.cid), &s.carol).await.invalid("tag");
        // The host is thanked.
        s.run_jobs_at("2026-05-02T10:32:00Z").await;
        assert!(s.inbox_kinds(&s.ana).await.contains(&"thanks".to_string()));
        let ledger = s.app.get(&format!("/api/v1/communities/{}/ledger", s.cid), &s.ana).await.ok(200).clone();
        assert_eq!(ledger["thanks_received"], 1);
        // Thirty days later: did you try it?
        s.run_jobs_at("2026-06-01T10:32:00Z").await;
        assert!(s.inbox_kinds(&s.bruno).await.contains(&"check_back".to_string()));
        s.app.post_json(&s.path("check-back"), &s.bruno, json!({"tried": "maybe"})).await.invalid("tried");
        let answered = s.app.post_json(&s.path("check-back"), &s.bruno, json!({"tried": "yes"})).await.ok(200).clone();
        assert_eq!(answered["tried"], "yes");
    }

    async fn unconsented_learning_stays_private_and_unnamed_notes_hide_the_author(db: TestDb) {
        let s = scene(db).await;
        s.clock.set(at("2026-05-02T10:31:00Z"));
        let mut private = feedback();
        private["share"] = json!(false);
        s.app.post_json(&s.path("feedback"), &s.bruno, private).await.ok(201);
        let mut anonymous = feedback();
        anonymous["named"] = json!(false);
        anonymous["learned"] = json!("Explaining generators made them clearer to me");
        s.app.post_json(&s.path("feedback"), &s.ana, anonymous).await.ok(201);
        let notes = s.app.get(&format!("/api/v1/communities/{}/notes", s.cid), &s.carol).await.ok(200).clone();
        let items = notes["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "only the consented note: {notes}");
        assert!(items[0]["author"].is_null());
        assert!(!notes.to_string().contains("Shrinking"));
    }

    async fn notes_are_reported_hidden_and_restored_like_other_content(db: TestDb) {
        let s = scene(db).await;
        s.clock.set(at("2026-05-02T10:31:00Z"));
        let given = s.app.post_json(&s.path("feedback"), &s.bruno, feedback()).await.ok(201).clone();
        let nid = given["note_id"].as_str().unwrap().to_string();
        let hide = format!("/api/v1/communities/{}/moderation/hide", s.cid);
        let restore = format!("/api/v1/communities/{}/moderation/restore", s.cid);
        let body = |reason: &str| json!({"subject_kind": "note", "subject_id": nid, "reason": reason});
        s.app.post_json(&format!("/api/v1/communities/{}/reports", s.cid), &s.carol, body("This is an advert")).await.ok(201);
        s.app.post_json(&hide, &s.carol, body("spam spam")).await.problem(403, "forbidden");
        s.app.post_json(&hide, &s.ana, body("Off topic here")).await.ok(200);
        let notes = format!("/api/v1/communities/{}/notes", s.cid);
        assert_eq!(s.app.get(&notes, &s.carol).await.ok(200)["items"].as_array().unwrap().len(), 0);
        let moderator_view = s.app.get(&notes, &s.ana).await.ok(200).clone();
        assert_eq!(moderator_view["items"][0]["hidden_reason"], "Off topic here");
        s.app.post_json(&restore, &s.ana, body("It was fine after all")).await.ok(200);
        assert_eq!(s.app.get(&notes, &s.carol).await.ok(200)["items"].as_array().unwrap().len(), 1);
        let audit = s.app.get(&format!("/api/v1/communities/{}/audit", s.cid), &s.ana).await.ok(200).clone();
        assert!(audit.to_string().contains("Off topic here"), "{audit}");
        // A moderator of another community is a stranger here.
        let (_, dora) = s.app.signup("dora@example.org", "Dora").await;
        let other = id(&s.app.community(&dora, "open").await);
        s.app.post_json(&format!("/api/v1/communities/{other}/moderation/hide"), &dora, body("not yours")).await.problem(404, "not_found");
    }

    async fn the_dashboard_counts_meetings_bridges_ratings_and_no_shows(db: TestDb) {
        let s = scene(db).await;
        s.clock.set(at("2026-05-02T10:00:00Z"));
        s.app.post_json(&s.path("check-in"), &s.bruno, json!({})).await.ok(200);
        s.app.post_json(&s.path("check-in"), &s.ana, json!({})).await.ok(200);
        s.clock.set(at("2026-05-02T10:31:00Z"));
        s.app.post_json(&s.path("feedback"), &s.bruno, feedback()).await.ok(201);
        s.run_jobs_at("2026-05-02T10:32:00Z").await;
        let url = format!("/api/v1/communities/{}/dashboard?from=2026-05-01&to=2026-05-02", s.cid);
        s.app.get(&url, &s.bruno).await.problem(403, "forbidden");
        let d = s.app.get(&url, &s.ana).await.ok(200).clone();
        assert_eq!(d["meetings_held"], 1, "{d}");
        assert_eq!(d["members"], 3);
        assert_eq!((d["offers"].as_i64(), d["asks"].as_i64(), d["requests"].as_i64()), (Some(1), Some(0), Some(1)));
        assert_eq!(d["acceptance_rate"], 1.0);
        assert_eq!(d["no_show_rate"], 0.0);
        assert_eq!(d["average_rating"], 5.0);
        assert_eq!(d["bridge_share"], 1.0);
        assert_eq!(d["new_cross_team_ties_per_100"], 100.0);
        assert_eq!(d["meetings_per_day"], json!([{"day": "2026-05-02", "meetings": 1}]));
        // The same tables the page offers for download, as CSV.
        let table = |name: &str| format!("/api/v1/communities/{}/dashboard/{name}?from=2026-05-01&to=2026-05-02", s.cid);
        let csv = s.app.get(&table("meetings_per_day"), &s.ana).await;
        assert_eq!(csv.status.as_u16(), 200);
        assert!(csv.header("content-type").is_some_and(|t| t.starts_with("text/csv")));
        assert_eq!(csv.json.as_str(), Some("day,meetings\n2026-05-01,0\n2026-05-02,1\n"));
        let summary = s.app.get(&table("summary.csv"), &s.ana).await;
        assert!(summary.json.as_str().is_some_and(|t| t.starts_with("figure,value\nMembers,3\n")), "{:?}", summary.json);
        s.app.get(&table("passwords"), &s.ana).await.problem(404, "not_found");
        s.app.get(&table("summary"), &s.bruno).await.problem(403, "forbidden");
        let bad = s.app.get(&format!("/api/v1/communities/{}/dashboard?from=2026-05-09&to=2026-05-02", s.cid), &s.ana).await;
        bad.invalid("from");
        s.app.get(&format!("/api/v1/communities/{}/dashboard?to=yesterday", s.cid), &s.ana).await.invalid("to");
        // An earlier period holds none of it.
        let before = s.app.get(&format!("/api/v1/communities/{}/dashboard?from=2026-04-01&to=2026-04-30", s.cid), &s.ana).await.ok(200).clone();
        assert_eq!(before["meetings_held"], 0);
        assert!(before["average_rating"].is_null());
    }

    async fn demand_invites_members_who_can_share_a_much_wanted_tag(db: TestDb) {
        let s = scene(db).await;
        let profile = |offers: Vec<&str>, wants: Vec<&str>| json!({"headline": "", "bio": "", "team": "", "languages": ["en"], "offers": offers, "wants": wants});
        let me = format!("/api/v1/communities/{}/members/me", s.cid);
        s.app.put_json(&me, &s.ana, profile(vec!["kubernetes"], vec![])).await.ok(200);
        s.app.put_json(&me, &s.bruno, profile(vec![], vec!["kubernetes"])).await.ok(200);
        let (_, dora) = s.app.signup("dora@example.org", "Dora").await;
        s.app.join(&dora, &s.cid, None).await;
        s.app.put_json(&me, &dora, profile(vec![], vec!["kubernetes"])).await.ok(200);
        s.app.post_json(&format!("/api/v1/communities/{}/topics", s.cid), &s.carol,
            json!({"kind": "ask", "title": "Who can explain Kubernetes operators?", "tags": ["kubernetes"],
                   "format": "one_on_one", "mode": "either", "duration_minutes": 30})).await.ok(201);
        s.run_jobs_at("2026-05-01T12:01:00Z").await;
        assert!(s.inbox_kinds(&s.ana).await.contains(&"host_invitation".to_string()));
        assert!(!s.inbox_kinds(&s.bruno).await.contains(&"host_invitation".to_string()));
        let board = s.app.get(&format!("/api/v1/communities/{}/demand", s.cid), &s.bruno).await.ok(200).clone();
        let k8s = board["items"].as_array().unwrap().iter().find(|d| d["tag"] == "kubernetes").unwrap().clone();
        assert_eq!((k8s["wanted_by"].as_i64(), k8s["can_share"].as_i64(), k8s["open_asks"].as_i64()), (Some(3), Some(1), Some(1)));
        // A second ask does not invite Ana again.
        s.app.post_json(&format!("/api/v1/communities/{}/topics", s.cid), &dora,
            json!({"kind": "ask", "title": "Kubernetes networking", "tags": ["kubernetes"],
                   "format": "one_on_one", "mode": "either", "duration_minutes": 30})).await.ok(201);
        s.run_jobs_at("2026-05-01T12:02:00Z").await;
        let invitations = s.inbox_kinds(&s.ana).await.iter().filter(|k| *k == "host_invitation").count();
        assert_eq!(invitations, 1);
        s.app.get(&format!("/api/v1/communities/{}/demand?limit=0", s.cid), &s.bruno).await.invalid("limit");
    }

    async fn repeated_no_shows_pause_recommendations_until_the_member_rejoins(db: TestDb) {
        let s = scene(db).await;
        s.ana_misses_two_meetings().await;
        s.run_jobs_at("2026-05-02T11:31:00Z").await;
        assert!(s.inbox_kinds(&s.ana).await.contains(&"recommendations_paused".to_string()));
        let ledger = format!("/api/v1/communities/{}/ledger", s.cid);
        assert!(s.app.get(&ledger, &s.ana).await.ok(200)["paused_since"].is_string());
        s.app.post_json(&format!("/api/v1/communities/{}/rejoin", s.cid), &s.ana, json!({})).await.ok(204);
        assert!(s.app.get(&ledger, &s.ana).await.ok(200)["paused_since"].is_null());
    }

    async fn a_worker_that_dies_after_composing_loses_nothing_and_repeats_nothing(db: TestDb) {
        let s = scene(db).await;
        s.ana_misses_two_meetings().await;
        s.clock.set(at("2026-05-02T11:31:00Z"));
        // A worker claims and composes every due event, then dies before completing any.
        let state = &s.app.state;
        let jobs = notify::claim(state).await.expect("claim");
        let mut pausing = 0;
        for job in &jobs {
            let composed = notify::compose(state, job).await.expect("compose");
            pausing += composed.messages.iter().filter(|m| m.kind == "recommendations_paused").count();
        }
        assert_eq!(pausing, 0, "the first meeting's no-show is not recorded yet");
        let ledger = format!("/api/v1/communities/{}/ledger", s.cid);
        let count = |kinds: Vec<String>, kind: &str| kinds.iter().filter(|k| *k == kind).count();
        assert_eq!(count(s.inbox_kinds(&s.ana).await, "recommendations_paused"), 0);
        assert_eq!(count(s.inbox_kinds(&s.bruno).await, "feedback_asked"), 0);
        assert!(s.app.get(&ledger, &s.ana).await.ok(200)["paused_since"].is_null());
        // Nothing ran twice and nothing was lost once the lease ends and another worker runs them.
        s.run_jobs_at("2026-05-02T11:34:00Z").await;
        s.run_jobs_at("2026-05-02T11:40:00Z").await;
        assert_eq!(count(s.inbox_kinds(&s.ana).await, "recommendations_paused"), 1);
        assert_eq!(count(s.inbox_kinds(&s.ana).await, "feedback_asked"), 0, "a no-show is not asked for feedback");
        assert_eq!(count(s.inbox_kinds(&s.bruno).await, "feedback_asked"), 1);
        assert_eq!(count(s.inbox_kinds(&s.carol).await, "feedback_asked"), 1);
        assert!(s.app.get(&ledger, &s.ana).await.ok(200)["paused_since"].is_string());
    }

    async fn a_host_turns_requests_for_one_time_into_one_group_meeting(db: TestDb) {
        let s = scene(db).await;
        let topic = s.app.post_json(&format!("/api/v1/communities/{}/topics", s.cid), &s.ana,
            json!({"kind": "offer", "title": "Fuzzing", "tags": ["testing"], "format": "one_on_one", "mode": "virtual", "duration_minutes": 30})).await.ok(201).clone();
        let tid = id(&topic);
        let (_, dora) = s.app.signup("dora@example.org", "Dora").await;
        s.app.join(&dora, &s.cid, None).await;
        s.app.put_json(&format!("/api/v1/communities/{}/members/me/availability", s.cid), &dora,
            json!({"windows": [{"start": "2026-05-02T09:00:00Z", "end": "2026-05-02T12:00:00Z"}]})).await.ok(200);
        let group = format!("/api/v1/topics/{tid}/group-meeting");
        s.app.post_json(&group, &s.ana, json!({"start": "2026-05-02T11:00:00Z"})).await.problem(409, "too_few_requests");
        for token in [&s.carol, &dora] {
            s.app.post_json(&format!("/api/v1/topics/{tid}/requests"), token,
                json!({"proposed_times": ["2026-05-02T11:00:00Z"]})).await.ok(201);
        }
        // Only the host may do it; the time must be one they proposed.
        s.app.post_json(&group, &s.carol, json!({"start": "2026-05-02T11:00:00Z"})).await.problem(404, "not_found");
        s.app.post_json(&group, &s.ana, json!({"start": "soon"})).await.invalid("start");
        s.app.post_json(&group, &s.ana, json!({"start": "2026-05-02T11:30:00Z"})).await.problem(409, "too_few_requests");
        let meeting = s.app.post_json(&group, &s.ana, json!({"start": "2026-05-02T11:00:00Z"})).await.ok(201).clone();
        assert_eq!(meeting["participants"].as_array().unwrap().len(), 3, "{meeting}");
        let requests = s.app.get("/api/v1/me/requests", &s.carol).await.ok(200).clone();
        assert!(requests.to_string().contains("accepted"), "{requests}");
        assert_eq!(s.app.store().invariant_violations().await.unwrap(), [0, 0, 0]);
    }

    async fn the_pages_after_the_meeting_render_for_those_allowed(db: TestDb) {
        let s = scene(db).await;
        s.clock.set(at("2026-05-02T10:31:00Z"));
        s.app.post_json(&s.path("feedback"), &s.bruno, feedback()).await.ok(201);
        let page = |path: String, token: String| {
            let app = &s.app;
            async move { app.get(&path, &token).await }
        };
        let meeting = page(format!("/c/{}/meetings/{}", s.cid, s.mid), s.bruno.clone()).await;
        assert!(meeting.ok(200).to_string().contains("Your private rating: 5 of 5"));
        let host_view = page(format!("/c/{}/meetings/{}", s.cid, s.mid), s.ana.clone()).await;
        assert!(!host_view.ok(200).to_string().contains("private rating: 5"));
        page(format!("/c/{}/meetings/{}", s.cid, s.mid), s.carol.clone()).await.ok(404);
        let topic_id = s.app.get(s.path("").trim_end_matches('/'), &s.bruno).await.ok(200)["topic_id"].as_str().unwrap().to_string();
        let topic_page = page(format!("/c/{}/topics/{topic_id}", s.cid), s.carol.clone()).await;
        assert!(topic_page.ok(200).to_string().contains("What people learned here"));
        let kb = page(format!("/c/{}/knowledge?q=shrinking", s.cid), s.carol.clone()).await;
        assert!(kb.ok(200).to_string().contains("Shrinking finds the smallest failing input"));
        let empty = page(format!("/c/{}/knowledge?q=zebra", s.cid), s.carol.clone()).await;
        assert!(empty.ok(200).to_string().contains("No notes match"));
        assert!(page(format!("/c/{}/ledger", s.cid), s.bruno.clone()).await.ok(200).to_string().contains("Given and received"));
        page(format!("/c/{}/demand", s.cid), s.bruno.clone()).await.ok(200);
        page(format!("/c/{}/dashboard", s.cid), s.bruno.clone()).await.ok(403);
        let dash = page(format!("/c/{}/dashboard?from=2026-05-01&to=2026-05-03", s.cid), s.ana.clone()).await;
        assert!(dash.ok(200).to_string().contains("<svg"));
        let csv = page(format!("/c/{}/dashboard/summary.csv?from=2026-05-01&to=2026-05-03", s.cid), s.ana.clone()).await;
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        assert!(csv.ok(200).as_str().unwrap().starts_with("figure,value\nMembers,3\n"), "{:?}", csv.json);
        page(format!("/c/{}/dashboard/secrets.csv", s.cid), s.ana.clone()).await.ok(404);
        page(format!("/c/{}/spots/codes", s.cid), s.ana.clone()).await.ok(200);
    }
}
