//! A check-in tapped with no connection and sent later (by the service worker) says when she
//! tapped: it counts from then when that lies within the check-in window and not ahead of
//! the server's clock, also when it arrives after the meeting's end; the same form sent
//! again changes nothing and makes no second event.

use std::sync::Arc;

use crate::common::{Browser, TestApp};
use crate::common::{at, id};
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock, WebhookSettings};
use serde_json::json;

fn secs(rfc: &str) -> String {
    at(rfc).timestamp().to_string()
}

/// Ana (organizer) hosts Bruno at Table 3 on 2 May 2026, 10:00–10:30 UTC; a webhook listens
/// for check-ins.
struct Venue {
    app: TestApp,
    clock: Arc<ManualClock>,
    cid: String,
    mid: String,
    table: String,
    hook: String,
    ana: String,
    bruno: Browser,
}

async fn venue(db: TestDb) -> Venue {
    let clock = Arc::new(ManualClock::new(crate::common::now()));
    // The webhook's receiver is on this machine (nothing is sent to it here).
    let config = Config {
        webhooks: WebhookSettings {
            allow_local: true,
            ..WebhookSettings::default()
        },
        ..Config::default()
    };
    let app = TestApp::with_clock(db, config, clock.clone());
    let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
    let (_, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
    let cid = id(&app.community(&ana, "open").await);
    app.join(&bruno, &cid, None).await;
    for token in [&ana, &bruno] {
        app.free(token, &cid, "2026-05-02T09:00:00Z", "2026-05-02T12:00:00Z")
            .await;
    }
    let table = id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/spots"),
            &ana,
            json!({"name": "Table 3", "kind": "table", "capacity": 4}),
        )
        .await
        .ok(201));
    let hook = id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/webhooks"),
            &ana,
            json!({"url": "http://127.0.0.1:9/in", "event_types": ["meeting.checked_in"]}),
        )
        .await
        .ok(201));
    let topic = id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
                   "format": "one_on_one", "mode": "in_person", "duration_minutes": 30}),
        )
        .await
        .ok(201));
    let request = id(app
        .post_json(
            &format!("/api/v1/topics/{topic}/requests"),
            &bruno,
            json!({"proposed_times": ["2026-05-02T10:00:00Z"]}),
        )
        .await
        .ok(201));
    let meeting = app
        .post_json(
            &format!("/api/v1/requests/{request}/accept"),
            &ana,
            json!({"start": "2026-05-02T10:00:00Z"}),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!(
        meeting["spot"]["id"].as_str(),
        Some(table.as_str()),
        "{meeting:#}"
    );
    let bruno = app.browser(&bruno).await;
    Venue {
        mid: id(&meeting),
        app,
        clock,
        cid,
        table,
        hook,
        ana,
        bruno,
    }
}

impl Venue {
    /// Bruno's check-in form on the meeting page (`spot`: on the table's page), as his
    /// phone sends it, `at` included when given.
    async fn send(&self, spot: bool, at: Option<&str>) -> crate::common::Reply {
        let path = if spot {
            format!("/c/{}/spots/{}/check-in", self.cid, self.table)
        } else {
            format!("/c/{}/meetings/{}/check-in", self.cid, self.mid)
        };
        let mut fields = vec![("csrf", self.bruno.csrf.as_str())];
        if let Some(at) = at {
            fields.push(("at", at));
        }
        self.app.form_as(&self.bruno, &path, &fields, &[]).await
    }

    /// When Bruno checked in, if he did, and how.
    async fn bruno_checked_in(&self) -> Option<String> {
        let list = self
            .app
            .get(
                &format!("/api/v1/meetings/{}/attendance", self.mid),
                &self.ana,
            )
            .await
            .ok(200)
            .clone();
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|a| a["name"] == "Bruno Costa")
            .and_then(|a| a["checked_in_at"].as_str().map(str::to_string))
    }

    /// The check-in events the webhook received word of, once the jobs due have run.
    async fn check_in_events(&self) -> usize {
        peerlearn_web::notify::run_due(&self.app.state)
            .await
            .expect("jobs run");
        let page = self
            .app
            .get(
                &format!(
                    "/api/v1/communities/{}/webhooks/{}/deliveries",
                    self.cid, self.hook
                ),
                &self.ana,
            )
            .await
            .ok(200)
            .clone();
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|d| d["event_type"] == "meeting.checked_in")
            .count()
    }
}

fn checked_in(reply: &crate::common::Reply, v: &Venue) {
    assert_eq!(
        reply.location(),
        format!("/c/{}/meetings/{}?notice=checked_in", v.cid, v.mid)
    );
}

peerlearn_testkit::backend_tests! {
    async fn a_saved_check_in_counts_from_the_tap_and_sent_again_changes_nothing(db: TestDb) {
        let v = venue(db).await;
        // Tapped at 10:05 with no connection; the phone sends it at 10:45, after the end.
        v.clock.set(at("2026-05-02T10:45:00Z"));
        checked_in(&v.send(false, Some(&secs("2026-05-02T10:05:00Z"))).await, &v);
        assert_eq!(v.bruno_checked_in().await.as_deref(), Some("2026-05-02T10:05:00Z"));
        // The same form again (a second sending of the same saved check-in) passes the CSRF
        // check, keeps the first time and tells nobody twice.
        checked_in(&v.send(false, Some(&secs("2026-05-02T10:05:00Z"))).await, &v);
        checked_in(&v.send(false, Some(&secs("2026-05-02T10:20:00Z"))).await, &v);
        assert_eq!(v.bruno_checked_in().await.as_deref(), Some("2026-05-02T10:05:00Z"));
        assert_eq!(v.check_in_events().await, 1);
    }

    async fn a_saved_check_in_by_the_tables_code_finds_the_meeting_held_there_at_the_tap(db: TestDb) {
        let v = venue(db).await;
        v.clock.set(at("2026-05-02T10:40:00Z"));
        // Sent now without the tap's time, there is no meeting at the table any more.
        v.send(true, None).await.html_page(409);
        checked_in(&v.send(true, Some(&secs("2026-05-02T09:52:00Z"))).await, &v);
        assert_eq!(v.bruno_checked_in().await.as_deref(), Some("2026-05-02T09:52:00Z"));
        assert_eq!(v.check_in_events().await, 1);
    }

    async fn a_tap_ahead_of_the_servers_clock_counts_from_the_servers_time(db: TestDb) {
        let v = venue(db).await;
        v.clock.set(at("2026-05-02T10:05:00Z"));
        checked_in(&v.send(true, Some(&secs("2026-05-02T10:15:00Z"))).await, &v);
        assert_eq!(v.bruno_checked_in().await.as_deref(), Some("2026-05-02T10:05:00Z"));
    }

    async fn a_tap_outside_the_window_or_not_a_time_is_refused_and_changes_nothing(db: TestDb) {
        let v = venue(db).await;
        v.clock.set(at("2026-05-02T10:45:00Z"));
        for bad in ["soon", "-", "1.5", "99999999999999999", ""] {
            let reply = v.send(false, Some(bad)).await;
            if bad.is_empty() {
                // No time: the server's, after the end.
                assert!(reply.html_page(409).contains("check-in is closed"), "{bad:?}");
            } else {
                reply.html_page(422);
            }
        }
        // Before the window opened, or at the end.
        for outside in ["2026-05-02T09:49:00Z", "2026-05-02T10:30:00Z"] {
            let page = v.send(false, Some(&secs(outside))).await;
            assert!(page.html_page(409).contains("check-in is closed"), "{outside}");
            v.send(true, Some(&secs(outside))).await.html_page(409);
        }
        assert_eq!(v.bruno_checked_in().await, None);
        assert_eq!(v.check_in_events().await, 0);
    }

    async fn a_saved_check_in_arriving_after_the_end_recorded_a_no_show_is_refused(db: TestDb) {
        let v = venue(db).await;
        v.clock.set(at("2026-05-02T10:01:00Z"));
        v.app
            .post_json(&format!("/api/v1/meetings/{}/check-in", v.mid), &v.ana, json!({}))
            .await
            .ok(200);
        v.clock.set(at("2026-05-02T10:31:00Z"));
        peerlearn_web::notify::run_due(&v.app.state).await.expect("jobs run");
        v.send(false, Some(&secs("2026-05-02T10:05:00Z"))).await.html_page(409);
        assert_eq!(v.bruno_checked_in().await, None);
    }
}
