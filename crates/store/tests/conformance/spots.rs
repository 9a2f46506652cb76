//! Spots: tables, rooms and virtual rooms.

use chrono::{Duration, TimeZone, Utc};
use peerlearn_domain::{
    BoundedText, Capacity, JoinPolicy, MeetingMode, Minutes, SpotId, SpotKind, TagList,
    TopicFormat, TopicKind,
};
use peerlearn_store::{JobKind, NewSpot, NewTopic};
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, community, conflict_code, now, user};

fn spot(name: &str, kind: SpotKind, capacity: i64) -> NewSpot {
    NewSpot {
        name: BoundedText::parse("name", name, 1, 80, false).expect("a valid name"),
        kind,
        capacity: Capacity::parse("capacity", capacity).expect("a valid capacity"),
    }
}

/// A group of `seats` (besides its host) meeting in person at 10:00 on 4 May 2026.
fn group(title: &str, seats: u32) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::default(),
        format: TopicFormat::Group,
        capacity: seats,
        mode: MeetingMode::InPerson,
        duration: Minutes::parse("duration", 45, &[45]).unwrap(),
        starts_at: Some(Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap()),
    }
}

peerlearn_testkit::backend_tests! {
    async fn removing_a_spot_moves_its_upcoming_meetings_or_changes_nothing(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (host, _) = store.membership(c.id, ana.id).await.expect("reads").expect("a member");
        let t1 = store.create_spot(c.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        let t2 = store.create_spot(c.id, &spot("Table 2", SpotKind::Table, 4), now()).await.expect("created");
        let room = store.create_spot(c.id, &spot("Room", SpotKind::Room, 10), now()).await.expect("created");
        let a = store.create_topic(c.id, host, &group("Chess", 3), "", now()).await.expect("booked");
        let meeting = store.topic_meeting(a.id).await.expect("reads").expect("a meeting");
        assert_eq!(meeting.spot.as_ref().map(|s| s.id), Some(t1.id), "the smallest free spot");
        let before = meeting.sequence;

        assert_eq!(
            conflict_code(store.update_spot(c.id, t1.id, &spot("Table 1", SpotKind::Table, 2), now()).await),
            "spot_in_use",
            "a smaller table would no longer hold the group"
        );
        assert_eq!(
            conflict_code(store.update_spot(c.id, t1.id, &spot("Table 1", SpotKind::Virtual, 4), now()).await),
            "spot_in_use"
        );
        store.update_spot(c.id, t1.id, &spot("Window table", SpotKind::Table, 5), now()).await.expect("a new name and more seats are fine");

        let removal = store.remove_spot(c.id, t1.id, now()).await.expect("removed");
        assert_eq!(removal.moved, vec![meeting.id]);
        let moved = store.meeting(meeting.id).await.expect("reads");
        assert_eq!(moved.spot.as_ref().map(|s| s.id), Some(t2.id), "another table, not the room");
        assert!(moved.sequence > before, "calendars update the event");
        let jobs = store.claim_jobs(now() + Duration::days(30), Duration::seconds(60), 100).await.expect("claims");
        let told: Vec<_> = jobs.iter().filter(|j| j.kind == JobKind::MeetingMoved).collect();
        assert_eq!(told.len(), 1);
        assert_eq!((told[0].subject, told[0].payload.as_str()), (meeting.id.0, "Window table"));

        // The room is free, but it is not a table: the last table's meeting can go nowhere.
        assert_eq!(conflict_code(store.remove_spot(c.id, t2.id, now()).await), "spot_in_use");
        assert_eq!(store.meeting(meeting.id).await.expect("reads").spot.map(|s| s.id), Some(t2.id), "nothing changed");
        assert!(store.spot(c.id, t2.id).await.is_ok());
        assert_not_found(store.remove_spot(c.id, SpotId(room.id.0 + 1000), now()).await);
        store.remove_spot(c.id, room.id, now()).await.expect("a spot without meetings just goes");
    }

    async fn a_spot_is_created_and_read_back(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(c.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        assert_eq!((s.community_id, s.name.as_str(), s.kind, s.capacity), (c.id, "Table 1", SpotKind::Table, 4));
        let read = store.spot(c.id, s.id).await.expect("reads");
        assert_eq!((read.id, read.name, read.capacity), (s.id, s.name, 4));
    }

    async fn spot_names_are_unique_per_community(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        store.create_spot(a.id, &spot("Lounge", SpotKind::Room, 8), now()).await.expect("created");
        assert_eq!(
            conflict_code(store.create_spot(a.id, &spot("Lounge", SpotKind::Table, 2), now()).await),
            "spot_name_taken"
        );
        store.create_spot(b.id, &spot("Lounge", SpotKind::Room, 8), now()).await.expect("another community may reuse the name");
        let spots = store.spots(a.id).await.expect("listed");
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].kind, SpotKind::Room, "the refused spot changed nothing");
    }

    async fn a_spot_is_updated_in_its_own_community_only(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        store.create_spot(a.id, &spot("Table 2", SpotKind::Table, 4), now()).await.expect("created");
        let u = store.update_spot(a.id, s.id, &spot("Garden", SpotKind::Virtual, 20), now()).await.expect("updated");
        assert_eq!((u.id, u.name.as_str(), u.kind, u.capacity), (s.id, "Garden", SpotKind::Virtual, 20));
        assert_eq!(
            conflict_code(store.update_spot(a.id, s.id, &spot("Table 2", SpotKind::Table, 2), now()).await),
            "spot_name_taken"
        );
        assert_not_found(store.update_spot(b.id, s.id, &spot("Stolen", SpotKind::Room, 2), now()).await);
        assert_not_found(store.update_spot(a.id, SpotId(s.id.0 + 1000), &spot("Ghost", SpotKind::Room, 2), now()).await);
        let read = store.spot(a.id, s.id).await.expect("reads");
        assert_eq!((read.name.as_str(), read.capacity), ("Garden", 20));
        assert_not_found(store.spot(b.id, s.id).await);
    }

    async fn a_spot_is_deleted_once(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        assert_not_found(store.remove_spot(b.id, s.id, now()).await);
        assert!(store.spot(a.id, s.id).await.is_ok(), "another community cannot delete it");
        store.remove_spot(a.id, s.id, now()).await.expect("deleted");
        assert_not_found(store.spot(a.id, s.id).await);
        assert_not_found(store.remove_spot(a.id, s.id, now()).await);
        store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("the name is free again");
    }

    async fn spots_list_in_person_first_then_by_name(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        for (name, kind) in [
            ("Zoom A", SpotKind::Virtual),
            ("Table 2", SpotKind::Table),
            ("Atrium", SpotKind::Room),
            ("Meet B", SpotKind::Virtual),
            ("Table 1", SpotKind::Table),
        ] {
            store.create_spot(c.id, &spot(name, kind, 4), now()).await.expect("created");
        }
        let names: Vec<String> = store.spots(c.id).await.expect("listed").into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Atrium", "Table 1", "Table 2", "Meet B", "Zoom A"]);
        let other = community(store, &ana, JoinPolicy::Open).await;
        assert!(store.spots(other.id).await.expect("listed").is_empty());
    }
}
