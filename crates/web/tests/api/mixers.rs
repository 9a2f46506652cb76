//! Mixer rounds reach people: the organizer previews rounds, publishes them (page or API) and
//! every group becomes a meeting in its people's agendas, told with an invitation; bad input,
//! too few tables and members are refused with nothing written.

use peerlearn_testkit::TestDb;
use peerlearn_web::notify;
use serde_json::{Value, json};

use crate::common::{Browser, TestApp};

struct Scene {
    app: TestApp,
    cid: String,
    /// Ana (the organizer), Bo, Cy, Dee, Eve, Fay, Gil, Hal and Ida.
    tokens: [String; 9],
}

/// Nine people in a community open 09:00–18:00 UTC (groups of three for up to four rounds
/// without anyone meeting twice), with `tables` tables for four.
async fn scene(db: TestDb, tables: usize) -> Scene {
    let app = TestApp::new(db).await;
    let (cid, tokens) = app
        .open_community_of([
            ("ana@example.org", "Ana Sousa"),
            ("bo@example.org", "Bo Martin"),
            ("cy@example.org", "Cy Park"),
            ("dee@example.org", "Dee Ray"),
            ("eve@example.org", "Eve Holt"),
            ("fay@example.org", "Fay Lund"),
            ("gil@example.org", "Gil Roy"),
            ("hal@example.org", "Hal Moss"),
            ("ida@example.org", "Ida Berg"),
        ])
        .await;
    for n in 1..=tables {
        app.post_json(
            &format!("/api/v1/communities/{cid}/spots"),
            &tokens[0],
            json!({"name": format!("Table {n}"), "kind": "table", "capacity": 4}),
        )
        .await
        .ok(201);
    }
    Scene { app, cid, tokens }
}

fn body(start: &str) -> Value {
    json!({
        "group_size": 3,
        "rounds": 2,
        "starts_at": start,
        "round_minutes": 20,
        "break_minutes": 5,
        "title": "Coffee mixer",
    })
}

impl Scene {
    async fn publish(&self, token: &str, body: Value) -> crate::common::Reply {
        self.app
            .post_json(
                &format!("/api/v1/communities/{}/mixers", self.cid),
                token,
                body,
            )
            .await
    }

    async fn meetings_of(&self, token: &str) -> Vec<Value> {
        self.app
            .get(
                &format!("/api/v1/me/meetings?community={}", self.cid),
                token,
            )
            .await
            .ok(200)["items"]
            .as_array()
            .expect("items")
            .clone()
    }

    async fn meeting_count(&self) -> usize {
        let mut n = 0;
        for t in &self.tokens {
            n += self.meetings_of(t).await.len();
        }
        n
    }

    async fn organizer(&self) -> Browser {
        self.app.browser(&self.tokens[0]).await
    }
}

/// The fingerprint of the rounds a preview page shows.
fn fingerprint(html: &str) -> String {
    let start = html
        .find("name=\"preview\" value=\"")
        .expect("a publish form")
        + "name=\"preview\" value=\"".len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

peerlearn_testkit::backend_tests! {
    async fn published_rounds_reach_everyone_and_leave_out_who_is_busy(db: TestDb) {
        let s = scene(db, 3).await;
        // Bo already hosts a video group from 14:00 to 14:30: both rounds go on without him.
        s.app
            .post_json(
                &format!("/api/v1/communities/{}/topics", s.cid),
                &s.tokens[1],
                json!({"kind": "offer", "title": "Bo's own group", "description": "", "tags": [],
                       "format": "group", "capacity": 2, "mode": "virtual", "duration_minutes": 30,
                       "starts_at": "2026-05-01T14:00:00Z"}),
            )
            .await
            .ok(201);

        let reply = s.publish(&s.tokens[0], body("2026-05-01T14:00:00Z")).await;
        let published = reply.ok(201);
        assert_eq!(published["people"], 9);
        assert_eq!(published["meetings"], 6, "{published:#}");
        let rounds = published["rounds"].as_array().expect("rounds");
        assert_eq!(rounds[0]["start"], "2026-05-01T14:00:00Z");
        assert_eq!(rounds[1]["start"], "2026-05-01T14:25:00Z", "20 minutes and a 5-minute break");
        assert_eq!(rounds[1]["end"], "2026-05-01T14:45:00Z");
        for r in rounds {
            assert_eq!(r["busy"], json!(["Bo Martin"]));
            let spots: Vec<&str> = r["meetings"].as_array().unwrap().iter()
                .map(|m| m["spot"]["name"].as_str().expect("a table")).collect();
            let mut distinct = spots.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!((spots.len(), distinct.len()), (3, 3), "one table per group");
        }
        assert_eq!(s.app.store().invariant_violations().await.unwrap(), [0, 0, 0]);

        // Everyone but Bo has one meeting per round in their agenda.
        for t in s.tokens.iter().filter(|t| **t != s.tokens[1]) {
            let mine = s.meetings_of(t).await;
            assert_eq!(mine.len(), 2, "{mine:#?}");
            assert!(mine.iter().all(|m| m["topic_title"].as_str().unwrap().starts_with("Coffee mixer — round")));
        }
        assert_eq!(s.meetings_of(&s.tokens[1]).await.len(), 1, "Bo keeps his own meeting only");

        // Everyone in a group is told, with the invitation.
        notify::run_due(&s.app.state).await.expect("jobs run");
        let kinds = s.app.inbox_kinds(&s.tokens[2], &s.cid).await;
        assert_eq!(kinds.iter().filter(|k| *k == "mixer_group").count(), 2, "{kinds:?}");
        let inbox = s.app.inbox(&s.tokens[2], &s.cid).await;
        assert!(inbox.iter().any(|n| n["body"].as_str().unwrap().contains("Coffee mixer — round 1")));
        assert!(!s.app.inbox_kinds(&s.tokens[1], &s.cid).await.contains(&"mixer_group".to_string()));

        // Publishing the same rounds again finds everyone busy: nothing more is written.
        let before = s.meeting_count().await;
        s.publish(&s.tokens[0], body("2026-05-01T14:00:00Z")).await.problem(409, "everyone_busy");
        assert_eq!(s.meeting_count().await, before);
    }

    async fn bad_input_and_members_are_refused_with_nothing_written(db: TestDb) {
        let s = scene(db, 3).await;
        let mut past = body("2026-05-01T11:00:00Z");
        s.publish(&s.tokens[0], past.clone()).await.invalid("starts_at");
        past["starts_at"] = json!("tomorrow");
        s.publish(&s.tokens[0], past).await.invalid("starts_at");
        let mut odd = body("2026-05-01T14:00:00Z");
        odd["round_minutes"] = json!(7);
        odd["break_minutes"] = json!(90);
        odd["group_size"] = json!(1);
        let reply = s.publish(&s.tokens[0], odd).await;
        for field in ["round_minutes", "break_minutes", "group_size"] {
            reply.invalid(field);
        }
        // Round 2 would end at 18:05, after the community's hours.
        let reply = s.publish(&s.tokens[0], body("2026-05-01T17:20:00Z")).await;
        reply.invalid("starts_at");
        assert!(reply.json["detail"].as_str().unwrap().contains("round 2"), "{:#}", reply.json);
        let mut unknown = body("2026-05-01T14:00:00Z");
        unknown["mode"] = json!("boat");
        s.publish(&s.tokens[0], unknown).await.invalid("mode");

        // A member cannot publish.
        s.publish(&s.tokens[1], body("2026-05-01T14:00:00Z")).await.problem(403, "forbidden");
        let (_, outsider) = s.app.signup("zed@example.org", "Zed").await;
        assert!(matches!(s.publish(&outsider, body("2026-05-01T14:00:00Z")).await.status.as_u16(), 403 | 404));
        assert_eq!(s.meeting_count().await, 0, "nothing was written");
    }

    async fn a_round_without_enough_tables_is_refused_whole(db: TestDb) {
        let s = scene(db, 2).await;
        let reply = s.publish(&s.tokens[0], body("2026-05-01T14:00:00Z")).await;
        let problem = reply.problem(409, "not_enough_spots");
        assert!(problem["detail"].as_str().unwrap().contains("Round 1 has 3 groups but only 2"), "{problem:#}");
        assert_eq!(s.meeting_count().await, 0);
        // By video when no table is free: every group meets.
        let mut either = body("2026-05-01T14:00:00Z");
        either["mode"] = json!("either");
        assert_eq!(s.publish(&s.tokens[0], either).await.ok(201)["meetings"], 6);
        assert_eq!(s.app.store().invariant_violations().await.unwrap(), [0, 0, 0]);
    }

    async fn the_mixer_page_previews_then_publishes(db: TestDb) {
        let s = scene(db, 3).await;
        let ana = s.organizer().await;
        let path = format!("/c/{}/mixer", s.cid);
        s.app.page_as(Some(&ana), &path, &[]).await.html_page(200);
        let preview = s.app
            .form_as(&ana, &path, &[("csrf", &ana.csrf), ("group_size", "3"), ("rounds", "2")], &[])
            .await;
        let html = preview.html_page(200).to_string();
        assert!(html.contains("/mixer/publish"), "a form to publish the rounds shown");
        let shown = fingerprint(&html);

        let publish = format!("/c/{}/mixer/publish", s.cid);
        let fields = |start: &'static str, preview: String| {
            vec![
                ("csrf", ana.csrf.clone()),
                ("group_size", "3".into()),
                ("rounds", "2".into()),
                ("starts_at", start.into()),
                ("round_minutes", "15".into()),
                ("break_minutes", "0".into()),
                ("title", String::new()),
                ("mode", "in_person".into()),
                ("preview", preview),
            ]
        };
        let send = |f: Vec<(&'static str, String)>| {
            let app = &s.app;
            let ana = &ana;
            let publish = publish.clone();
            async move {
                let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.form_as(ana, &publish, &pairs, &[]).await
            }
        };
        // A start in the past, then rounds that are not the ones shown: nothing is written.
        let refused = send(fields("2026-05-01T10:00", shown.clone())).await;
        assert!(refused.html_page(422).contains("aria-invalid=\"true\""));
        let refused = send(fields("2026-05-01T14:00", "0000000000000000".into())).await;
        assert!(refused.html_page(409).contains("changed since this preview"));
        assert_eq!(s.meeting_count().await, 0);
        // A member cannot publish.
        let bo = s.app.browser(&s.tokens[1]).await;
        let pairs = [("csrf", bo.csrf.as_str()), ("group_size", "3"), ("rounds", "2"), ("starts_at", "2026-05-01T14:00"), ("round_minutes", "15")];
        let denied = s.app.form_as(&bo, &publish, &pairs, &[]).await;
        assert!(matches!(denied.status.as_u16(), 403 | 404), "{}", denied.status);
        assert_eq!(s.meeting_count().await, 0);

        let done = send(fields("2026-05-01T14:00", shown)).await;
        let html = done.html_page(200);
        assert!(html.contains("6 group meetings published"), "{html}");
        assert!(html.contains("Mixer — round 2, group 1"));
        let agenda = s.app.page_as(Some(&s.app.browser(&s.tokens[3]).await), &format!("/c/{}/meetings", s.cid), &[]).await;
        assert!(agenda.html_page(200).contains("Mixer — round 1"), "in Dee's meetings");
        let feed = s.meetings_of(&s.tokens[3]).await;
        assert_eq!(feed[1]["start"], "2026-05-01T14:15:00Z", "round 2 follows without a break");
    }
}
