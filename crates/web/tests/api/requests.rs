//! Requests to meet over HTTP: the host proposes other times and the requester accepts one (or
//! proposes again, or declines), each side told through the inbox; and the bad-input family —
//! every malformed, impossible or unauthorised request, answer or topic gets its 4xx code and
//! writes nothing.

use crate::common::TestApp;
use crate::common::id;
use axum::http::Method;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// Ana hosts a 30-minute one-on-one video topic; Bruno and Carol are members. Everyone is free
/// on Monday 4 May 2026, 09:00–17:00 UTC (the community's hours are 09:00–18:00 UTC; the
/// clock shows Friday 1 May, noon).
struct Scene {
    app: TestApp,
    cid: String,
    tid: String,
    ana: String,
    bruno: String,
    carol: String,
}

async fn scene(db: TestDb) -> Scene {
    let app = TestApp::new(db).await;
    let (cid, [ana, bruno, carol]) = app
        .open_community_of([
            ("ana@example.org", "Ana Lima"),
            ("bruno@example.org", "Bruno Costa"),
            ("carol@example.org", "Carol Diaz"),
        ])
        .await;
    for token in [&ana, &bruno, &carol] {
        app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T17:00:00Z")
            .await;
    }
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
                   "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
        )
        .await
        .ok(201)
        .clone();
    Scene {
        tid: id(&topic),
        app,
        cid,
        ana,
        bruno,
        carol,
    }
}

impl Scene {
    async fn request(&self, token: &str, times: Value) -> crate::common::Reply {
        self.app
            .post_json(
                &format!("/api/v1/topics/{}/requests", self.tid),
                token,
                json!({ "proposed_times": times }),
            )
            .await
    }

    async fn answer(
        &self,
        rid: &str,
        verb: &str,
        token: &str,
        body: Value,
    ) -> crate::common::Reply {
        self.app
            .post_json(&format!("/api/v1/requests/{rid}/{verb}"), token, body)
            .await
    }

    /// The caller's requests (sent and received) and meetings: what a failed call must leave
    /// unchanged.
    async fn written(&self, token: &str) -> (Value, usize) {
        let requests = self.app.get("/api/v1/me/requests", token).await.ok(200)["items"].clone();
        let meetings = self.app.get("/api/v1/me/meetings", token).await.ok(200)["items"]
            .as_array()
            .expect("items")
            .len();
        (requests, meetings)
    }

    /// How many topics the community's market lists.
    async fn topic_count(&self) -> usize {
        self.app
            .get(
                &format!("/api/v1/communities/{}/topics", self.cid),
                &self.ana,
            )
            .await
            .ok(200)["items"]
            .as_array()
            .expect("items")
            .len()
    }

    /// Runs the due background jobs, then the kinds in `token`'s inbox, newest first.
    async fn inbox(&self, token: &str) -> Vec<String> {
        peerlearn_web::notify::run_due(&self.app.state)
            .await
            .expect("jobs run");
        self.app.inbox_kinds(token, &self.cid).await
    }
}

peerlearn_testkit::backend_tests! {
    async fn the_host_proposes_other_times_and_the_requester_accepts_one(db: TestDb) {
        let s = scene(db).await;
        let request = s.request(&s.bruno, json!(["2026-05-04T10:00:00Z"])).await.ok(201).clone();
        let rid = id(&request);
        let bruno_id = request["requester"]["id"].as_str().expect("requester").to_string();
        let ana_id = request["decider"]["id"].as_str().expect("decider").to_string();
        assert_eq!(request["awaiting"], ana_id.as_str());

        // The requester cannot answer their own request, nor propose for it yet.
        s.answer(&rid, "propose", &s.bruno, json!({"proposed_times": ["2026-05-04T11:00:00Z"]}))
            .await
            .problem(403, "forbidden");

        let countered = s
            .answer(&rid, "propose", &s.ana, json!({
                "proposed_times": ["2026-05-04T14:00:00Z", "2026-05-04T15:00:00Z"],
                "message": "Mornings are full; afternoons?"
            }))
            .await
            .ok(200)
            .clone();
        assert_eq!(countered["status"], "pending");
        assert_eq!(countered["awaiting"], bruno_id.as_str());
        assert_eq!(
            countered["proposed_times"],
            json!(["2026-05-04T14:00:00Z", "2026-05-04T15:00:00Z"])
        );
        assert_eq!(countered["reply"], "Mornings are full; afternoons?");
        assert!(s.inbox(&s.bruno).await.contains(&"times_proposed".to_string()));

        // Now only Bruno answers, and only at one of the new times.
        s.answer(&rid, "accept", &s.ana, json!({"start": "2026-05-04T14:00:00Z"}))
            .await
            .problem(403, "forbidden");
        s.answer(&rid, "accept", &s.bruno, json!({"start": "2026-05-04T10:00:00Z"}))
            .await
            .invalid("start");
        let meeting = s
            .answer(&rid, "accept", &s.bruno, json!({"start": "2026-05-04T15:00:00Z"}))
            .await
            .ok(201)
            .clone();
        assert_eq!(meeting["start"], "2026-05-04T15:00:00Z");
        assert_eq!(meeting["status"], "confirmed");
        let mut participants: Vec<String> = meeting["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .map(|p| p.as_str().expect("an id").to_string())
            .collect();
        participants.sort();
        let mut expected = vec![ana_id.clone(), bruno_id.clone()];
        expected.sort();
        assert_eq!(participants, expected);
        // Ana hosts, whoever accepted.
        let shown = s.app.get(&format!("/api/v1/meetings/{}", id(&meeting)), &s.ana).await.ok(200).clone();
        assert_eq!(shown["topic_id"], s.tid.as_str());
        assert!(s.inbox(&s.ana).await.contains(&"request_accepted".to_string()));

        // Decided: no more proposals or answers.
        s.answer(&rid, "propose", &s.bruno, json!({"proposed_times": ["2026-05-04T16:00:00Z"]}))
            .await
            .problem(409, "already_decided");
        s.answer(&rid, "accept", &s.bruno, json!({"start": "2026-05-04T14:00:00Z"}))
            .await
            .problem(409, "already_decided");
    }

    async fn proposals_go_back_and_forth_until_one_side_declines(db: TestDb) {
        let s = scene(db).await;
        let rid = id(s.request(&s.bruno, json!(["2026-05-04T10:00:00Z"])).await.ok(201));
        s.answer(&rid, "propose", &s.ana, json!({"proposed_times": ["2026-05-04T14:00:00Z"]}))
            .await
            .ok(200);
        let back = s
            .answer(&rid, "propose", &s.bruno, json!({"proposed_times": ["2026-05-04T16:00:00Z"], "message": "Later?"}))
            .await
            .ok(200)
            .clone();
        assert_eq!(back["awaiting"], back["decider"]["id"]);
        assert_eq!(back["proposed_times"], json!(["2026-05-04T16:00:00Z"]));
        assert!(s.inbox(&s.ana).await.contains(&"times_proposed".to_string()));
        // Ana's turn again: she declines, and Bruno is told.
        s.answer(&rid, "decline", &s.bruno, json!({})).await.problem(403, "forbidden");
        let declined = s.answer(&rid, "decline", &s.ana, json!({"message": "Sorry, a busy week"})).await.ok(200).clone();
        assert_eq!(declined["status"], "declined");
        assert!(s.inbox(&s.bruno).await.contains(&"request_declined".to_string()));
        assert_eq!(s.written(&s.bruno).await.1, 0);
    }

    async fn a_bad_counter_proposal_changes_nothing(db: TestDb) {
        let s = scene(db).await;
        let rid = id(s.request(&s.bruno, json!(["2026-05-04T10:00:00Z"])).await.ok(201));
        // Carol's meeting with Ana at 14:00 makes that time busy for Ana.
        let other = s.request(&s.carol, json!(["2026-05-04T14:00:00Z"])).await.ok(201).clone();
        s.answer(&id(&other), "accept", &s.ana, json!({"start": "2026-05-04T14:00:00Z"})).await.ok(201);
        let before = s.written(&s.bruno).await;
        let propose = |times: Value| s.answer(&rid, "propose", &s.ana, json!({ "proposed_times": times }));
        propose(json!([])).await.invalid("proposed_times");
        propose(json!(["a", "b", "c", "d"])).await.invalid("proposed_times");
        propose(json!(["Monday at two"])).await.invalid("proposed_times[0]");
        propose(json!(["2026-04-30T10:00:00Z"])).await.invalid("proposed_times[0]");
        propose(json!(["2026-05-04T15:00:00Z", "2026-05-04T15:15:00Z"])).await.invalid("proposed_times[1]");
        propose(json!(["2026-05-04T20:00:00Z"])).await.problem(409, "outside_hours");
        propose(json!(["2026-05-05T10:00:00Z"])).await.problem(409, "not_available");
        propose(json!(["2026-05-04T14:15:00Z"])).await.problem(409, "person_busy");
        s.answer(&rid, "propose", &s.ana, json!({"proposed_times": ["2026-05-04T15:00:00Z"], "message": "x".repeat(1001)}))
            .await
            .invalid("message");
        s.answer(&rid, "propose", &s.carol, json!({"proposed_times": ["2026-05-04T15:00:00Z"]}))
            .await
            .problem(404, "not_found");
        assert_eq!(s.written(&s.bruno).await, before);
    }

    async fn bad_requests_get_their_code_and_write_nothing(db: TestDb) {
        let s = scene(db).await;
        // A confirmed meeting for Bruno at 10:00 (with Ana, on a second topic of hers).
        let second = s
            .app
            .post_json(
                &format!("/api/v1/communities/{}/topics", s.cid),
                &s.ana,
                json!({"kind": "offer", "title": "Fuzzing", "format": "one_on_one", "mode": "virtual"}),
            )
            .await
            .ok(201)
            .clone();
        let first = s
            .app
            .post_json(
                &format!("/api/v1/topics/{}/requests", id(&second)),
                &s.bruno,
                json!({"proposed_times": ["2026-05-04T10:00:00Z"]}),
            )
            .await
            .ok(201)
            .clone();
        s.answer(&id(&first), "accept", &s.ana, json!({"start": "2026-05-04T10:00:00Z"})).await.ok(201);
        let before = s.written(&s.bruno).await;

        s.request(&s.bruno, json!([])).await.invalid("proposed_times");
        s.request(&s.bruno, json!(["2026-05-04T11:00:00Z", "2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z", "2026-05-04T14:00:00Z"]))
            .await
            .invalid("proposed_times");
        s.request(&s.bruno, json!(["next Monday"])).await.invalid("proposed_times[0]");
        s.request(&s.bruno, json!(["2026-05-04 11:00"])).await.invalid("proposed_times[0]");
        s.request(&s.bruno, json!(["2026-05-01T11:00:00Z"])).await.invalid("proposed_times[0]");
        s.request(&s.bruno, json!(["2026-05-04T11:00:00Z", "2026-05-04T11:20:00Z"]))
            .await
            .invalid("proposed_times[1]");
        s.request(&s.bruno, json!(["2026-05-04T07:00:00Z"])).await.problem(409, "outside_hours");
        s.request(&s.bruno, json!(["2026-05-04T17:50:00Z"])).await.problem(409, "outside_hours");
        s.request(&s.bruno, json!(["2026-05-06T11:00:00Z"])).await.problem(409, "not_available");
        s.request(&s.bruno, json!(["2026-05-04T10:15:00Z"])).await.problem(409, "person_busy");
        s.app
            .post_json(
                &format!("/api/v1/topics/{}/requests", s.tid),
                &s.bruno,
                json!({"proposed_times": ["2026-05-04T11:00:00Z"], "message": "x".repeat(1001)}),
            )
            .await
            .invalid("message");
        s.app
            .post_json(&format!("/api/v1/topics/{}/requests", s.tid), &s.bruno, json!({"proposed_times": "soon"}))
            .await
            .bad_request("invalid_body", "proposed_times");
        s.app
            .raw(Method::POST, &format!("/api/v1/topics/{}/requests", s.tid), &s.bruno, "application/json", "{\"proposed_times\": [")
            .await
            .problem(400, "malformed_json");
        s.request(&s.ana, json!(["2026-05-04T11:00:00Z"])).await.problem(409, "own_topic");
        s.app.post_json("/api/v1/topics/999999/requests", &s.bruno, json!({"proposed_times": ["2026-05-04T11:00:00Z"]}))
            .await
            .problem(404, "not_found");
        assert_eq!(s.written(&s.bruno).await, before);

        // One pending request per topic and person.
        let rid = id(s.request(&s.bruno, json!(["2026-05-04T11:00:00Z"])).await.ok(201));
        s.request(&s.bruno, json!(["2026-05-04T12:00:00Z"])).await.problem(409, "already_requested");

        // Answers: only the person asked, only a proposed time, only once.
        let after_request = s.written(&s.bruno).await;
        s.answer(&rid, "accept", &s.bruno, json!({"start": "2026-05-04T11:00:00Z"})).await.problem(403, "forbidden");
        s.answer(&rid, "accept", &s.carol, json!({"start": "2026-05-04T11:00:00Z"})).await.problem(404, "not_found");
        s.answer(&rid, "accept", &s.ana, json!({"start": "eleven"})).await.invalid("start");
        s.answer(&rid, "accept", &s.ana, json!({"start": "2026-05-04T12:00:00Z"})).await.invalid("start");
        s.answer(&rid, "accept", &s.ana, json!({})).await.bad_request("invalid_body", "start");
        s.answer("not-a-number", "accept", &s.ana, json!({"start": "2026-05-04T11:00:00Z"})).await.ok(404);
        s.answer(&rid, "decline", &s.carol, json!({})).await.problem(404, "not_found");
        s.answer(&rid, "withdraw", &s.ana, json!({})).await.problem(403, "forbidden");
        assert_eq!(s.written(&s.bruno).await, after_request);
        s.answer(&rid, "accept", &s.ana, json!({"start": "2026-05-04T11:00:00Z"})).await.ok(201);
        let accepted = s.written(&s.bruno).await;
        s.answer(&rid, "accept", &s.ana, json!({"start": "2026-05-04T11:00:00Z"})).await.problem(409, "already_decided");
        s.answer(&rid, "decline", &s.ana, json!({})).await.problem(409, "already_decided");
        s.answer(&rid, "withdraw", &s.bruno, json!({})).await.problem(409, "already_decided");
        assert_eq!(s.written(&s.bruno).await, accepted);
    }

    async fn bad_topics_get_their_code_and_write_nothing(db: TestDb) {
        let s = scene(db).await;
        let path = format!("/api/v1/communities/{}/topics", s.cid);
        let before = s.topic_count().await;
        let base = json!({"kind": "offer", "title": "Reading group", "format": "group", "capacity": 4,
                          "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z"});
        let with = |field: &str, value: Value| {
            let mut body = base.clone();
            body[field] = value;
            body
        };
        for (field, value) in [
            ("capacity", json!(0)),
            ("capacity", json!(1)),
            ("capacity", json!(10_000)),
            ("capacity", json!(-3)),
            ("kind", json!("lecture")),
            ("format", json!("panel")),
            ("mode", json!("telepathy")),
            ("duration_minutes", json!(7)),
            ("duration_minutes", json!(-30)),
            ("title", json!("")),
            ("title", json!("x".repeat(141))),
            ("starts_at", json!("tomorrow")),
            ("starts_at", json!("2026-04-01T10:00:00Z")),
            ("starts_at", json!("2026-05-04T22:00:00Z")),
            ("tags", json!((0..11).map(|i| format!("tag{i}")).collect::<Vec<_>>())),
        ] {
            s.app.post_json(&path, &s.ana, with(field, value)).await.invalid(field);
        }
        let mut one_on_one_at_a_time = base.clone();
        one_on_one_at_a_time["format"] = json!("one_on_one");
        s.app.post_json(&path, &s.ana, one_on_one_at_a_time).await.invalid("starts_at");
        s.app.post_json(&path, &s.ana, with("capacity", json!("four"))).await.bad_request("invalid_body", "capacity");
        s.app
            .raw(Method::POST, &path, &s.ana, "application/json", "{\"kind\": \"offer\",")
            .await
            .problem(400, "malformed_json");
        s.app.post_json("/api/v1/communities/999999/topics", &s.ana, base.clone()).await.ok(404);
        assert_eq!(s.topic_count().await, before);
        // The same body with sane values is accepted.
        s.app.post_json(&path, &s.ana, base).await.ok(201);
        assert_eq!(s.topic_count().await, before + 1);
    }

    async fn other_times_refused_come_back_in_the_form_next_to_their_inputs(db: TestDb) {
        let s = scene(db).await;
        let rid = id(s.request(&s.bruno, json!(["2026-05-04T10:00:00Z"])).await.ok(201));
        let ana = s.app.browser(&s.ana).await;
        let path = format!("/c/{}/requests/{rid}/propose", s.cid);
        let between = |html: &str, from: &str, to: &str| -> String {
            let a = html.find(from).unwrap_or_else(|| panic!("{from} in {html}"));
            let b = html[a..].find(to).map(|b| a + b).unwrap_or_else(|| panic!("{to} after {from} in {html}"));
            html[a..b].to_string()
        };

        // The second time has passed: its reason sits under the second input, and what was
        // typed is kept in an open form.
        let fields = [("csrf", ana.csrf.as_str()), ("time", "2026-05-04T11:00"), ("time", "2026-04-20T10:00"), ("time", ""), ("message", "Later?")];
        let html = s.app.form_as(&ana, &path, &fields, &[]).await.html_page(422).to_string();
        let second = between(&html, &format!("id=\"p{rid}-1\""), &format!("id=\"p{rid}-2\""));
        assert!(second.contains("aria-invalid=\"true\"") && second.contains("must be in the future"), "{second}");
        let first = between(&html, &format!("id=\"p{rid}-0\""), &format!("id=\"p{rid}-1\""));
        assert!(!first.contains("aria-invalid"), "{first}");
        assert!(first.contains("value=\"2026-05-04T11:00\""), "{first}");
        assert!(html.contains("value=\"Later?\""), "{html}");
        assert!(html.contains("<details class=\"fold\" open>"), "{html}");

        // A time outside the community's hours, typed in the first input.
        let fields = [("csrf", ana.csrf.as_str()), ("time", "2026-05-04T20:00"), ("time", ""), ("time", "")];
        let html = s.app.form_as(&ana, &path, &fields, &[]).await.html_page(409).to_string();
        let first = between(&html, &format!("id=\"p{rid}-0\""), &format!("id=\"p{rid}-1\""));
        assert!(first.contains("must lie within the community&#39;s hours") || first.contains("must lie within the community's hours"), "{first}");

        // Nothing was sent: the request still waits for Ana.
        let requests = s.app.get("/api/v1/me/requests", &s.ana).await.ok(200).clone();
        assert_eq!(requests["items"][0]["status"], "pending");
        assert_eq!(requests["items"][0]["awaiting"], requests["items"][0]["decider"]["id"]);
    }
}
