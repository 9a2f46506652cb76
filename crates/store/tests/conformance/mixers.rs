//! Publishing mixer rounds: every group a meeting with a spot that holds it, nobody booked
//! twice (people already busy are left out of that round), and all or nothing.

use chrono::Duration;
use peerlearn_domain::{
    BoundedText, Capacity, JoinPolicy, MeetingMode, MemberId, Minutes, SpotKind, TagList,
    TopicFormat, TopicKind,
};
use peerlearn_store::{JobKind, NewMixer, NewMixerGroup, NewMixerRound, NewSpot, NewTopic, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, conflict_code, later, now, user};

fn spot(name: &str, kind: SpotKind, capacity: i64) -> NewSpot {
    NewSpot {
        name: BoundedText::parse("name", name, 1, 80, false).expect("a valid name"),
        kind,
        capacity: Capacity::parse("capacity", capacity).expect("a valid capacity"),
    }
}

fn group(title: &str, members: &[MemberId]) -> NewMixerGroup {
    NewMixerGroup {
        title: BoundedText::parse("title", title, 3, 140, false).expect("a title"),
        members: members.to_vec(),
    }
}

/// A video group hosted by its member, 12:55 to 13:25 (the first mixer round is 13:00).
fn busy_group() -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", "Already planned", 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::default(),
        format: TopicFormat::Group,
        capacity: 3,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: Some(later(55)),
    }
}

/// An organizer and `n` members of a fresh community.
async fn people(store: &Store, n: usize) -> (peerlearn_store::Community, MemberId, Vec<MemberId>) {
    let org = user(store, "org@example.org", "Org").await;
    let c = community(store, &org, JoinPolicy::Open).await;
    let o = store.membership(c.id, org.id).await.unwrap().unwrap().0;
    let mut members = Vec::new();
    for i in 0..n {
        let u = user(store, &format!("m{i}@example.org"), &format!("Member {i}")).await;
        members.push(store.join_community(c.id, u.id, now()).await.unwrap().id);
    }
    (c, o, members)
}

fn mixer(organizer: MemberId, rounds: Vec<NewMixerRound>) -> NewMixer {
    NewMixer {
        organizer,
        mode: MeetingMode::InPerson,
        duration: Minutes::parse("round_minutes", 20, &[20]).unwrap(),
        rounds,
    }
}

peerlearn_testkit::backend_tests! {
    async fn publishing_books_every_group_into_a_fitting_spot_and_leaves_busy_people_out(db: TestDb) {
        let store = db.store();
        let (c, o, m) = people(store, 6).await;
        store.create_spot(c.id, &spot("Pair table", SpotKind::Table, 2), now()).await.unwrap();
        store.create_spot(c.id, &spot("Table", SpotKind::Table, 3), now()).await.unwrap();
        store.create_spot(c.id, &spot("Video", SpotKind::Virtual, 50), now()).await.unwrap();
        // Member 5 hosts a meeting from 12:55 to 13:25: round 1 (13:00) goes on without them.
        store.create_topic(c.id, m[5], &busy_group(), "https://v/busy", now()).await.unwrap();

        let rounds = vec![
            NewMixerRound {
                start: later(60),
                groups: vec![group("Mixer — round 1, group 1", &[m[0], m[1], m[2]]), group("Mixer — round 1, group 2", &[m[3], m[4], m[5]])],
            },
            NewMixerRound {
                start: later(90),
                groups: vec![group("Mixer — round 2, group 1", &[m[5], m[0], m[3]]), group("Mixer — round 2, group 2", &[m[1], m[4]])],
            },
        ];
        let published = store.publish_mixer(c.id, &mixer(o, rounds), "https://v/room", now()).await.expect("published");
        assert_eq!(published.len(), 2);
        assert_eq!(published[0].busy, vec![m[5]], "busy during round 1 only");
        assert!(published[0].alone.is_empty() && published[1].busy.is_empty());
        assert_eq!(published[0].meetings.len(), 2);
        assert_eq!(published[1].meetings.len(), 2);
        assert_eq!(store.invariant_violations().await.unwrap(), [0, 0, 0]);

        let first = store.meeting(published[0].meetings[0]).await.unwrap();
        let second = store.meeting(published[0].meetings[1]).await.unwrap();
        assert_eq!(first.spot.as_ref().map(|s| s.name.as_str()), Some("Table"));
        assert_eq!(second.spot.as_ref().map(|s| s.name.as_str()), Some("Pair table"), "the pair left takes the small table");
        assert_eq!(first.time.start(), later(60));
        assert_eq!(first.time.end(), later(80));
        assert_eq!(first.participants.len(), 3);
        assert!(first.participants.iter().any(|p| p.host && p.member == m[0]), "the group's first member hosts");
        assert!(!second.is_participant(m[5]));
        assert_eq!((first.seats_taken, first.capacity), (3, 3), "a group with every seat taken");
        let topic = store.topic(first.topic_id).await.unwrap();
        assert_eq!((topic.title.as_str(), topic.format, topic.open), ("Mixer — round 1, group 1", TopicFormat::Group, false));
        assert_eq!(topic.starts_at, Some(later(60)));
        let pair = store.topic(second.topic_id).await.unwrap();
        assert_eq!((pair.format, pair.capacity, pair.starts_at), (TopicFormat::OneOnOne, 1, None));

        let later_round = store.meeting(published[1].meetings[0]).await.unwrap();
        assert!(later_round.is_participant(m[5]), "free again in round 2");
        assert_eq!(store.meetings_of(m[0], Some(c.id)).await.unwrap().len(), 2, "in the agenda, once per round");

        let jobs = store.claim_jobs(now(), Duration::seconds(60), 500).await.unwrap();
        let mut told: Vec<i64> = jobs.iter().filter(|j| j.kind == JobKind::MixerGroup).map(|j| j.subject).collect();
        told.sort_unstable();
        let mut meetings: Vec<i64> = published.iter().flat_map(|r| r.meetings.iter().map(|m| m.0)).collect();
        meetings.sort_unstable();
        assert_eq!(told, meetings, "one event per meeting tells its people");
    }

    async fn publishing_is_all_or_nothing(db: TestDb) {
        let store = db.store();
        let (c, o, m) = people(store, 6).await;
        store.create_spot(c.id, &spot("Table 1", SpotKind::Table, 3), now()).await.unwrap();
        store.create_spot(c.id, &spot("Table 2", SpotKind::Table, 3), now()).await.unwrap();
        // Round 2 has two groups but one table only: the other is taken then.
        let mut taken = busy_group();
        taken.mode = MeetingMode::InPerson;
        taken.capacity = 2;
        taken.starts_at = Some(later(90));
        let u = user(store, "guest@example.org", "Guest").await;
        let guest = store.join_community(c.id, u.id, now()).await.unwrap().id;
        store.create_topic(c.id, guest, &taken, "", now()).await.unwrap();
        let before = store.upcoming_meetings(c.id, now()).await.unwrap().len();

        let round = |start, title: &str| NewMixerRound {
            start,
            groups: vec![group(&format!("{title} 1"), &m[0..3]), group(&format!("{title} 2"), &m[3..6])],
        };
        let refused = store
            .publish_mixer(c.id, &mixer(o, vec![round(later(60), "Round 1"), round(later(90), "Round 2")]), "", now())
            .await;
        assert_eq!(conflict_code(refused), "not_enough_spots");
        assert_eq!(store.upcoming_meetings(c.id, now()).await.unwrap().len(), before, "round 1 was not written either");
        assert!(store.meetings_of(m[0], Some(c.id)).await.unwrap().is_empty());
        let jobs = store.claim_jobs(now(), Duration::seconds(60), 500).await.unwrap();
        assert!(jobs.iter().all(|j| j.kind != JobKind::MixerGroup), "nobody is told");

        // By video when no table is free: round 2 finds its way.
        let mut either = mixer(o, vec![round(later(60), "Round 1"), round(later(90), "Round 2")]);
        either.mode = MeetingMode::Either;
        let published = store.publish_mixer(c.id, &either, "https://v/room", now()).await.expect("published");
        assert_eq!(published.iter().map(|r| r.meetings.len()).sum::<usize>(), 4);
        let video = store.meeting(published[1].meetings[1]).await.unwrap();
        assert_eq!((video.spot.is_none(), video.video_url.as_deref()), (true, Some("https://v/room")));
        assert_eq!(store.invariant_violations().await.unwrap(), [0, 0, 0]);

        // Publishing the same rounds again finds everyone busy: nothing more is written.
        let again = store.publish_mixer(c.id, &either, "https://v/room", now()).await;
        assert_eq!(conflict_code(again), "everyone_busy");
        assert_eq!(store.upcoming_meetings(c.id, now()).await.unwrap().len(), before + 4);
        assert_eq!(store.invariant_violations().await.unwrap(), [0, 0, 0]);
    }
}
