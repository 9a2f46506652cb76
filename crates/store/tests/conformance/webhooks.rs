//! Webhooks: deliveries are written with the event's completion for subscribed, enabled
//! endpoints only; claims are leased; a failing endpoint is switched off once, with an event.

use chrono::Duration;
use peerlearn_domain::{EventType, EventTypes, JoinPolicy};
use peerlearn_store::{
    Attempt, CompletedEvent, JobKind, NewWebhookEvent, RetryPolicy, WebhookUpdate,
};
use peerlearn_testkit::TestDb;

use crate::support::{community, now, user};

fn types(names: &[&str]) -> EventTypes {
    EventTypes::parse("event_types", names).expect("event types")
}

fn event(c: &peerlearn_store::Community, job: i64, kind: EventType) -> CompletedEvent {
    CompletedEvent {
        job,
        community: c.id,
        notifications: Vec::new(),
        emails: Vec::new(),
        live: Vec::new(),
        webhooks: vec![NewWebhookEvent {
            event_type: kind,
            message_id: format!("msg_{job}_0"),
            body: format!("{{\"type\":\"{kind}\"}}"),
        }],
        effects: Vec::new(),
    }
}

peerlearn_testkit::backend_tests! {
    async fn deliveries_go_to_subscribed_enabled_endpoints_and_a_failing_one_is_switched_off(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let other = community(store, &ana, JoinPolicy::Open).await;
        let seats = store.create_webhook(c.id, "https://a.example.org/", &types(&["seat.taken"]), "whsec_AAAA", now()).await.expect("one");
        let meetings = store.create_webhook(c.id, "https://b.example.org/", &types(&["meeting.confirmed", "seat.taken"]), "whsec_BBBB", now()).await.expect("two");
        let off = store.create_webhook(c.id, "https://c.example.org/", &types(&["seat.taken"]), "whsec_CCCC", now()).await.expect("three");
        store.update_webhook(c.id, off.id, &WebhookUpdate { enabled: Some(false), ..WebhookUpdate::default() }, now()).await.expect("off");
        assert!(store.webhook(other.id, seats.id).await.is_err(), "another community's");

        store.complete_events(&[event(&c, 1, EventType::SeatTaken), event(&c, 2, EventType::MeetingConfirmed), event(&other, 3, EventType::SeatTaken)], now()).await.expect("completed");
        let due = store.claim_deliveries(now(), Duration::seconds(60), 50).await.expect("claimed");
        let mut got: Vec<(i64, &str)> = due.iter().map(|d| (d.endpoint.0, d.message_id.as_str())).collect();
        got.sort();
        let mut want = vec![(seats.id.0, "msg_1_0"), (meetings.id.0, "msg_1_0"), (meetings.id.0, "msg_2_0")];
        want.sort();
        assert_eq!(got, want);
        assert!(due.iter().all(|d| d.attempt == 1 && !d.secret.is_empty()));
        // Leased: a second worker gets nothing until the lease ends.
        assert!(store.claim_deliveries(now(), Duration::seconds(60), 50).await.expect("claimed").is_empty());

        // Failures: retried, then given up; the fifth given up in a row switches it off, once.
        let failed = Attempt { response_status: Some(500), latency_ms: 3, ..Attempt::default() };
        let give_up = RetryPolicy { retry_at: None, failing_since_before: now() - Duration::hours(24), failed_deliveries: 2 };
        let d = due.iter().find(|d| d.endpoint == seats.id).expect("seats' delivery");
        assert!(!store.record_attempt(d, &failed, &RetryPolicy { retry_at: Some(now() + Duration::seconds(5)), ..give_up }, now()).await.expect("recorded"));
        let log = store.webhook_deliveries(c.id, seats.id, None, 10).await.expect("log");
        assert_eq!((log.items[0].status.as_str(), log.items[0].response_status), ("pending", Some(500)));
        assert!(!store.record_attempt(d, &failed, &give_up, now()).await.expect("recorded"));
        let again = store.redeliver(c.id, seats.id, d.id, now()).await.expect("again");
        assert_eq!((again.message_id.as_str(), again.status.as_str()), ("msg_1_0", "pending"));
        let d2 = store.claim_deliveries(now(), Duration::seconds(60), 50).await.expect("claimed");
        assert_eq!(d2.len(), 1);
        assert!(store.record_attempt(&d2[0], &failed, &give_up, now()).await.expect("recorded"), "switched off");
        let endpoint = store.webhook(c.id, seats.id).await.expect("reads");
        assert!(!endpoint.enabled);
        assert_eq!(endpoint.disabled_reason, "failing");
        let jobs = store.claim_jobs(now(), Duration::seconds(60), 100).await.expect("jobs");
        let notices: Vec<_> = jobs.iter().filter(|j| j.kind == JobKind::WebhookDisabled).collect();
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].subject, seats.id.0);
        // Off: no new deliveries for it; a success elsewhere clears that endpoint's failures.
        store.complete_events(&[event(&c, 4, EventType::SeatTaken)], now()).await.expect("completed");
        let due = store.claim_deliveries(now(), Duration::seconds(60), 50).await.expect("claimed");
        assert_eq!(due.iter().map(|d| d.endpoint).collect::<Vec<_>>(), vec![meetings.id]);
        let ok = Attempt { delivered: true, response_status: Some(204), ..Attempt::default() };
        store.record_attempt(&due[0], &ok, &give_up, now()).await.expect("recorded");
        assert_eq!(store.webhook(c.id, meetings.id).await.expect("reads").failing_since, None);
        store.delete_webhook(c.id, seats.id).await.expect("removed");
        assert!(store.webhook_deliveries(c.id, seats.id, None, 10).await.expect("log").items.is_empty());
    }
}
