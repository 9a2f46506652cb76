//! What auto-scheduling reads in bulk: the topics of many requests and the availability of
//! many members, each in one round trip however many there are, and only of the community
//! asked about.

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    BoundedText, CommunityId, JoinPolicy, MeetingMode, MemberId, Minutes, RequestId, TagList,
    TimeRange, TopicFormat, TopicKind,
};
use peerlearn_store::{NewRequest, NewTopic, Store, Topic, User};
use peerlearn_testkit::TestDb;

use crate::support::{community, later, now, user};

fn one_on_one(title: &str, mode: MeetingMode, minutes: i64) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::default(),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode,
        duration: Minutes::parse("duration", minutes, &[30, 60]).unwrap(),
        starts_at: None,
    }
}

fn range(from_minutes: i64, to_minutes: i64) -> TimeRange {
    TimeRange::new(later(from_minutes), later(to_minutes)).unwrap()
}

/// A community whose organizer hosts two topics, and `people` members who each asked for one
/// of them (alternately): its id, the organizer's membership, the topics and the requests.
struct Scene {
    community: CommunityId,
    host: MemberId,
    topics: [Topic; 2],
    members: Vec<MemberId>,
    requests: Vec<RequestId>,
}

async fn scene(store: &Store, host: &User, people: usize, tag: &str) -> Scene {
    let c = community(store, host, JoinPolicy::Open).await;
    let member = store.membership(c.id, host.id).await.unwrap().unwrap().0;
    let mut topics = Vec::new();
    for (title, mode, minutes) in [
        ("Property-based testing", MeetingMode::Virtual, 30),
        ("Rust lifetimes", MeetingMode::InPerson, 60),
    ] {
        let new = one_on_one(&format!("{title} {tag}"), mode, minutes);
        topics.push(
            store
                .create_topic(c.id, member, &new, "", now())
                .await
                .unwrap(),
        );
    }
    let mut members = Vec::new();
    let mut requests = Vec::new();
    for i in 0..people {
        let u = user(store, &format!("p{i}.{tag}@example.org"), &format!("P{i}")).await;
        let m = store.join_community(c.id, u.id, now()).await.unwrap().id;
        let new = NewRequest {
            community: c.id,
            topic: topics[i % 2].id,
            requester: m,
            decider: member,
            times: vec![range(60, 120)],
            message: String::new(),
        };
        requests.push(store.create_request(&new, now()).await.unwrap().id);
        members.push(m);
    }
    Scene {
        community: c.id,
        host: member,
        topics: topics.try_into().unwrap(),
        members,
        requests,
    }
}

fn starts(windows: &[TimeRange]) -> Vec<DateTime<Utc>> {
    windows.iter().map(TimeRange::start).collect()
}

peerlearn_testkit::backend_tests! {
    async fn the_topics_of_many_requests_read_in_one_round_trip(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let s = scene(store, &ana, 40, "a").await;
        let other = scene(store, &ana, 1, "b").await;

        let mut asked = s.requests.clone();
        asked.push(other.requests[0]);
        asked.push(RequestId(s.requests[0].0 + 10_000));
        let before = store.acquisitions();
        let topics = store.request_topics(s.community, &asked).await.unwrap();
        assert_eq!(store.acquisitions() - before, 1, "one round trip for 42 requests");

        let mut ids: Vec<_> = topics.keys().copied().collect();
        ids.sort();
        assert_eq!(ids, [s.topics[0].id, s.topics[1].id], "another community's and unknown requests are skipped");
        for t in &s.topics {
            let read = &topics[&t.id];
            assert_eq!(
                (read.title.as_str(), read.mode, read.duration_minutes, read.host),
                (t.title.as_str(), t.mode, t.duration_minutes, s.host)
            );
        }

        let before = store.acquisitions();
        assert!(store.request_topics(s.community, &[]).await.unwrap().is_empty());
        assert_eq!(store.acquisitions() - before, 0, "nothing asked, nothing read");
    }

    async fn the_availability_of_many_members_reads_in_one_round_trip(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let s = scene(store, &ana, 30, "a").await;
        let other = scene(store, &ana, 1, "b").await;
        // Every other member is free twice (written latest first); the rest never.
        for (i, &m) in s.members.iter().enumerate().step_by(2) {
            let i = i64::try_from(i).unwrap();
            let windows = [range(600 + i, 660 + i), range(60 + i, 120 + i)];
            store.set_availability(s.community, m, &windows).await.unwrap();
        }
        store.set_availability(other.community, other.members[0], &[range(60, 120)]).await.unwrap();

        let mut asked = s.members.clone();
        asked.push(s.host);
        asked.push(s.members[0]);
        asked.push(other.members[0]);
        let before = store.acquisitions();
        let availability = store.members_availability(s.community, &asked).await.unwrap();
        assert_eq!(store.acquisitions() - before, 1, "one round trip for 33 members");

        assert_eq!(availability.len(), 31, "every member asked, once; none of another community");
        assert!(!availability.contains_key(&other.members[0]));
        assert!(availability[&s.host].is_empty(), "no windows, no availability");
        for (i, m) in s.members.iter().enumerate() {
            let i = i64::try_from(i).unwrap();
            let expected = if i % 2 == 0 { vec![later(60 + i), later(600 + i)] } else { Vec::new() };
            assert_eq!(starts(&availability[m]), expected, "member {i}: earliest first");
        }

        let before = store.acquisitions();
        assert!(store.members_availability(s.community, &[]).await.unwrap().is_empty());
        assert_eq!(store.acquisitions() - before, 0, "nothing asked, nothing read");
    }

    async fn lists_longer_than_a_statement_binds_still_read(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let s = scene(store, &ana, 2, "a").await;
        store.set_availability(s.community, s.members[0], &[range(60, 120)]).await.unwrap();
        // More ids than either backend binds in one statement (SQLite 32,766, PostgreSQL 65,535).
        let mut members: Vec<MemberId> = (1..=70_000).map(|i| MemberId(s.members[1].0 + i)).collect();
        members.push(s.members[0]);
        let availability = store.members_availability(s.community, &members).await.unwrap();
        assert_eq!(availability.len(), 1);
        assert_eq!(starts(&availability[&s.members[0]]), [later(60)]);
        let mut requests: Vec<RequestId> = (1..=70_000).map(|i| RequestId(s.requests[1].0 + i)).collect();
        requests.push(s.requests[1]);
        let topics = store.request_topics(s.community, &requests).await.unwrap();
        assert_eq!(topics.keys().collect::<Vec<_>>(), [&s.topics[1].id]);
    }
}
