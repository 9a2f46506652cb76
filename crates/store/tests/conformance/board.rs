//! The lounge board's reads: who is free now (and not in a meeting), today's conversations and
//! bridges between teams, and the display link, which a rotation replaces.

use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, Minutes, TagList, TimeRange, TopicFormat, TopicKind,
};
use peerlearn_store::NewTopic;
use peerlearn_testkit::TestDb;

use crate::support::{community, later, now, profile, user};

fn group(title: &str, start: chrono::DateTime<chrono::Utc>) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::default(),
        format: TopicFormat::Group,
        capacity: 4,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: Some(start),
    }
}

peerlearn_testkit::backend_tests! {
    async fn free_members_are_those_available_now_and_not_in_a_meeting(db: TestDb) {
        let store = db.store();
        let host = user(store, "host@example.org", "Host").await;
        let c = community(store, &host, JoinPolicy::Open).await;
        let h = store.membership(c.id, host.id).await.unwrap().unwrap().0;
        let mut ids = Vec::new();
        for (mail, name, team, offers) in [
            ("ana@example.org", "Ana", "data", &["sql", "rust", "go", "zig"][..]),
            ("bo@example.org", "Bo", "web", &["css"][..]),
            ("cy@example.org", "Cy", "web", &[][..]),
        ] {
            let u = user(store, mail, name).await;
            let m = store.join_community(c.id, u.id, now()).await.unwrap().id;
            let window = TimeRange::new(later(-60), later(60)).unwrap();
            store.save_profile(c.id, m, &profile("Hi", team, offers, &[]), Some(&[window])).await.unwrap();
            ids.push(m);
        }
        // Bo is in a meeting under way; Cy's window is over.
        let t = store.create_topic(c.id, h, &group("Now", later(-10)), "https://v/1", later(-100)).await.unwrap();
        let g = store.topic_meeting(t.id).await.unwrap().unwrap();
        store.take_seat(g.id, ids[1], later(-100)).await.unwrap();
        store.set_availability(c.id, ids[2], &[TimeRange::new(later(-120), later(-30)).unwrap()]).await.unwrap();

        let free = store.free_members(c.id, now(), 10, 3).await.unwrap();
        assert_eq!(free.len(), 1, "{free:?}");
        assert_eq!(free[0].name, "Ana");
        assert_eq!(free[0].offers, ["go", "rust", "sql"], "three tags at most, in order");
        assert!(store.free_members(c.id, now(), 0, 3).await.unwrap().is_empty());

        // Today: one meeting begun, between the host (no team) and Bo: no bridge yet.
        let day = store.board_day(c.id, later(-600), now()).await.unwrap();
        assert_eq!((day.conversations, day.bridges), (1, 0));
        store.take_seat(g.id, ids[0], later(-100)).await.unwrap();
        let day = store.board_day(c.id, later(-600), now()).await.unwrap();
        assert_eq!((day.conversations, day.bridges), (1, 1), "Ana (data) meets Bo (web)");
        // A meeting later today does not count yet.
        store.create_topic(c.id, h, &group("Later", later(60)), "https://v/2", later(-100)).await.unwrap();
        assert_eq!(store.board_day(c.id, later(-600), now()).await.unwrap().conversations, 1);
    }

    async fn a_rotated_display_link_replaces_the_old_one(db: TestDb) {
        let store = db.store();
        let host = user(store, "host@example.org", "Host").await;
        let c = community(store, &host, JoinPolicy::Open).await;
        let other = community(store, &host, JoinPolicy::Open).await;
        assert_eq!(store.board_display_since(c.id).await.unwrap(), None);
        assert!(!store.board_display_matches(c.id, "aaa").await.unwrap());
        store.set_board_display(c.id, "aaa", now()).await.unwrap();
        assert!(store.board_display_matches(c.id, "aaa").await.unwrap());
        assert!(!store.board_display_matches(other.id, "aaa").await.unwrap(), "another community's link");
        store.set_board_display(c.id, "bbb", later(5)).await.unwrap();
        assert!(!store.board_display_matches(c.id, "aaa").await.unwrap(), "the old link is gone");
        assert!(store.board_display_matches(c.id, "bbb").await.unwrap());
        assert_eq!(store.board_display_since(c.id).await.unwrap(), Some(later(5)));
    }
}
