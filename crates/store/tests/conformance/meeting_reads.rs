//! Lists of meetings read their participants in bulk: the number of round trips does not grow
//! with the number of meetings.

use chrono::Duration;
use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, Minutes, TagList, TopicFormat, TopicKind,
};
use peerlearn_store::NewTopic;
use peerlearn_testkit::TestDb;

use crate::support::{community, later, now, user};

fn group_at(i: usize, start: chrono::DateTime<chrono::Utc>) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", &format!("Session {i}"), 1, 140, false).unwrap(),
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
    async fn five_hundred_meetings_read_in_a_constant_number_of_round_trips(db: TestDb) {
        let store = db.store();
        let host = user(store, "host@example.org", "Host").await;
        let c = community(store, &host, JoinPolicy::Open).await;
        let member = store.membership(c.id, host.id).await.unwrap().unwrap().0;
        for i in 0..500 {
            let start = later(60) + Duration::minutes(30 * i64::try_from(i).unwrap());
            store
                .create_topic(c.id, member, &group_at(i, start), "https://video/g", now())
                .await
                .unwrap();
        }
        let one = store.meetings_of(member, Some(c.id)).await.unwrap();
        assert_eq!(one.len(), 500);
        assert!(one.iter().all(|m| m.participants.len() == 1 && m.participants[0].host));
        let before = store.acquisitions();
        let again = store.meetings_of(member, Some(c.id)).await.unwrap();
        let trips = store.acquisitions() - before;
        assert_eq!(again.len(), 500);
        assert!(trips <= 2, "{trips} round trips for 500 meetings");
    }
}
