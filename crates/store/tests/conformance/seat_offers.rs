//! Empty seats offered: a group session starting soon with a free seat is found with what
//! offering needs (its tags, who is in it, waitlisted members free then); each member is
//! offered it once, with one event each; taking the seat marks the offer taken for the
//! dashboard; sessions that are full, start later or were cancelled are not offered.

use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, MemberId, Minutes, TagList, TopicFormat, TopicKind,
};
use peerlearn_store::{JobKind, NewTopic};
use peerlearn_testkit::TestDb;

use crate::support::{community, later, now, user};

fn group(title: &str, start: chrono::DateTime<chrono::Utc>, capacity: u32) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::parse_comma_separated("tags", "rust, async").unwrap(),
        format: TopicFormat::Group,
        capacity,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: Some(start),
    }
}

peerlearn_testkit::backend_tests! {
    async fn free_seats_starting_soon_are_offered_once_and_counted_when_taken(db: TestDb) {
        let store = db.store();
        let host = user(store, "host@example.org", "Host").await;
        let c = community(store, &host, JoinPolicy::Open).await;
        let h = store.membership(c.id, host.id).await.unwrap().unwrap().0;
        let mut m: Vec<MemberId> = Vec::new();
        for i in 0..5 {
            let u = user(store, &format!("s{i}@example.org"), &format!("Member {i}")).await;
            m.push(store.join_community(c.id, u.id, now()).await.unwrap().id);
        }
        let soon = store.create_topic(c.id, h, &group("Soon", later(20), 4), "https://v/1", now()).await.unwrap();
        let g = store.topic_meeting(soon.id).await.unwrap().unwrap();
        store.take_seat(g.id, m[0], now()).await.unwrap();
        // Starting in two hours, and full: neither is offered.
        store.create_topic(c.id, h, &group("Later", later(120), 4), "https://v/2", now()).await.unwrap();
        let full = store.create_topic(c.id, m[3], &group("Full", later(15), 2), "https://v/3", now()).await.unwrap();
        let f = store.topic_meeting(full.id).await.unwrap().unwrap();
        store.take_seat(f.id, m[2], now()).await.unwrap();
        store.take_seat(f.id, m[4], now()).await.unwrap();

        let within = chrono::Duration::minutes(30);
        assert_eq!(store.communities_with_open_seats(now(), within).await.unwrap(), vec![c.id]);
        let open = store.open_seats(c.id, now(), within).await.unwrap();
        assert_eq!(open.len(), 1, "{open:?}");
        let s = &open[0];
        assert_eq!((s.meeting, s.host, s.mode), (g.id, h, MeetingMode::Virtual));
        assert_eq!((s.free, s.pending), (3, 0));
        assert_eq!(s.tags, ["async", "rust"]);
        assert!(s.inside.contains(&h) && s.inside.contains(&m[0]), "{:?}", s.inside);
        assert!(s.waitlisted.is_empty());

        // The events so far (seats taken) are out of the way.
        let lease = chrono::Duration::seconds(600);
        store.claim_jobs(later(1), lease, 1000).await.unwrap();
        let offered = store.offer_seats(g.id, &[m[1], m[2]], later(1)).await.unwrap();
        assert_eq!(offered, vec![m[1], m[2]]);
        // Offered once: asking again offers nobody and tells nobody again.
        assert!(store.offer_seats(g.id, &[m[1]], later(1)).await.unwrap().is_empty());
        let told: Vec<(JobKind, i64, Option<MemberId>)> = store
            .claim_jobs(later(1), lease, 1000)
            .await
            .unwrap()
            .into_iter()
            .map(|j| (j.kind, j.subject, j.actor))
            .collect();
        assert_eq!(
            told,
            vec![
                (JobKind::SeatOffered, g.id.0, Some(m[1])),
                (JobKind::SeatOffered, g.id.0, Some(m[2])),
            ]
        );
        let s = &store.open_seats(c.id, later(1), within).await.unwrap()[0];
        assert_eq!(s.pending, 2);
        assert!(s.inside.contains(&m[1]) && s.inside.contains(&m[2]));

        // Member 1 takes the seat: the offer counts as taken.
        store.take_seat(g.id, m[1], later(2)).await.unwrap();
        let d = store.dashboard(c.id, later(-60), later(60), later(3)).await.unwrap();
        assert_eq!((d.seats_offered, d.seats_taken), (2, 1));
        let s = &store.open_seats(c.id, later(3), within).await.unwrap()[0];
        assert_eq!((s.free, s.pending), (2, 1));

        // Another community's member cannot be offered it.
        let other_host = user(store, "other@example.org", "Other").await;
        let other = community(store, &other_host, JoinPolicy::Open).await;
        let stranger = store.membership(other.id, other_host.id).await.unwrap().unwrap().0;
        assert!(store.offer_seats(g.id, &[stranger], later(3)).await.unwrap().is_empty());
    }
}
