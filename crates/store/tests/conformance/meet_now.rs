//! "Meet now": the pool, proposals claiming both members at most once even when pairings
//! race, bookings under the same invariants as every other, declines and expiry.

use peerlearn_domain::{
    BoundedText, Capacity, JoinPolicy, MeetingMode, MemberId, Minutes, SpotKind, TagList,
    TimeRange, TopicFormat, TopicId, TopicKind,
};
use peerlearn_store::{NewNowProposal, NewSpot, NewTopic, NowAnswer, NowStatus, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, conflict_code, later, now, profile, user};

fn offer(title: &str, tags: &str) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::parse_comma_separated("tags", tags).unwrap(),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Either,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: None,
    }
}

/// A community with one table, and `n` members (the first offers "Rust" on `rust`).
async fn setup(store: &Store, n: usize) -> (peerlearn_domain::CommunityId, Vec<MemberId>, TopicId) {
    let host = user(store, "host@example.org", "Host").await;
    let c = community(store, &host, JoinPolicy::Open).await;
    let spot = NewSpot {
        name: BoundedText::parse("name", "Table 1", 1, 80, false).unwrap(),
        kind: SpotKind::Table,
        capacity: Capacity::parse("capacity", 2).unwrap(),
    };
    store.create_spot(c.id, &spot, now()).await.unwrap();
    let mut members = Vec::new();
    for i in 0..n {
        let u = user(store, &format!("m{i}@example.org"), &format!("Member {i}")).await;
        let m = store.join_community(c.id, u.id, now()).await.unwrap().id;
        let wants: &[&str] = if i == 0 { &[] } else { &["rust"] };
        store
            .save_profile(c.id, m, &profile("Hi", "", &[], wants), None)
            .await
            .unwrap();
        members.push(m);
    }
    let topic = store
        .create_topic(c.id, members[0], &offer("Rust", "rust"), "", now())
        .await
        .unwrap();
    (c.id, members, topic.id)
}

fn window(minutes: i64) -> TimeRange {
    TimeRange::new(now(), later(minutes)).unwrap()
}

fn pair(host: MemberId, guest: MemberId, topic: TopicId) -> NewNowProposal {
    NewNowProposal {
        host,
        guest,
        topic,
        mode: MeetingMode::InPerson,
        time: TimeRange::new(later(5), later(30)).unwrap(),
        expires_at: later(5),
    }
}

peerlearn_testkit::backend_tests! {
    async fn racing_pairings_give_a_member_one_open_proposal(db: TestDb) {
        let store = db.store();
        let (c, m, topic) = setup(store, 3).await;
        for &who in &m {
            store.set_free(c, who, MeetingMode::InPerson, false, window(30), now()).await.unwrap();
        }
        // Two pairings at once each want the host with someone else.
        let one = [pair(m[0], m[1], topic)];
        let two = [pair(m[0], m[2], topic)];
        let (a, b) = tokio::join!(
            store.propose_now(c, &one, now()),
            store.propose_now(c, &two, now())
        );
        let made: Vec<_> = a.unwrap().into_iter().chain(b.unwrap()).collect();
        assert_eq!(made.len(), 1, "the host is claimed once");
        let host = store.free_entry(c, m[0]).await.unwrap().unwrap();
        assert_eq!(host.proposal, Some(made[0].0));
        // The unpaired one is still unclaimed and can be paired later.
        let pool = store.meet_now_pool(c, now()).await.unwrap();
        assert_eq!(pool.len(), 1, "{pool:?}");
        assert!(pool[0].member == m[1] || pool[0].member == m[2]);
    }

    async fn both_accepting_books_a_meeting_and_a_busy_person_is_refused(db: TestDb) {
        let store = db.store();
        let (c, m, topic) = setup(store, 3).await;
        for &who in &m {
            store.set_free(c, who, MeetingMode::InPerson, false, window(45), now()).await.unwrap();
        }
        let p = store.propose_now(c, &[pair(m[0], m[1], topic)], now()).await.unwrap()[0].0;
        let outsider = store.answer_now_proposal(c, p, m[2], true, "https://v/1", now()).await;
        assert!(matches!(outsider, Err(peerlearn_store::StoreError::NotFound(_))), "only the two answer");
        assert_eq!(store.answer_now_proposal(c, p, m[1], true, "https://v/1", now()).await.unwrap(), NowAnswer::Waiting);
        assert_eq!(
            conflict_code(store.answer_now_proposal(c, p, m[1], true, "https://v/1", now()).await),
            "already_accepted"
        );
        let NowAnswer::Booked(meeting) = store.answer_now_proposal(c, p, m[0], true, "https://v/1", now()).await.unwrap() else {
            panic!("booked");
        };
        let meeting = store.meeting(meeting).await.unwrap();
        assert_eq!(meeting.participants.len(), 2);
        assert!(meeting.spot.is_some(), "at the table");
        assert!(store.free_entry(c, m[0]).await.unwrap().is_none(), "no longer free");
        assert_eq!(store.now_proposal(c, p).await.unwrap().status, NowStatus::Booked);
        assert_eq!(
            conflict_code(store.answer_now_proposal(c, p, m[0], true, "https://v/1", now()).await),
            "proposal_closed"
        );

        // The host says they are free again; a second proposal at the same time cannot be
        // booked: the database refuses the double booking and nothing is written.
        store.set_free(c, m[0], MeetingMode::InPerson, false, window(45), now()).await.unwrap();
        let q = store.propose_now(c, &[pair(m[0], m[2], topic)], now()).await.unwrap()[0].0;
        store.answer_now_proposal(c, q, m[2], true, "https://v/2", now()).await.unwrap();
        let refused = store.answer_now_proposal(c, q, m[0], true, "https://v/2", now()).await;
        assert!(
            matches!(conflict_code(refused), "person_busy" | "no_spot_free"),
            "the host is booked, or the only table is taken"
        );
        assert_eq!(store.now_proposal(c, q).await.unwrap().status, NowStatus::Open, "nothing changed");
        store.fail_now_proposal(c, q, now()).await.unwrap();
        assert_eq!(store.now_proposal(c, q).await.unwrap().status, NowStatus::Failed);
        assert_eq!(store.free_entry(c, m[2]).await.unwrap().unwrap().proposal, None, "free again");
        assert_eq!(store.invariant_violations().await.unwrap(), [0, 0, 0]);
    }

    async fn declined_and_expired_proposals_free_both_and_are_remembered(db: TestDb) {
        let store = db.store();
        let (c, m, topic) = setup(store, 3).await;
        for &who in &m {
            store.set_free(c, who, MeetingMode::InPerson, false, window(45), now()).await.unwrap();
        }
        let p = store.propose_now(c, &[pair(m[0], m[1], topic)], now()).await.unwrap()[0].0;
        assert_eq!(store.answer_now_proposal(c, p, m[1], false, "", now()).await.unwrap(), NowAnswer::Declined);
        let pool = store.meet_now_pool(c, now()).await.unwrap();
        assert_eq!(pool.len(), 3, "both are free again");
        let host = pool.iter().find(|e| e.member == m[0]).unwrap();
        assert_eq!(host.topics.len(), 1);
        assert_eq!(host.topics[0].tags, ["rust"]);
        let guest = pool.iter().find(|e| e.member == m[1]).unwrap();
        assert!(guest.avoid.contains(&m[0]) || host.avoid.contains(&m[1]), "the decline is remembered");
        assert_eq!(guest.wants, ["rust"]);

        let q = store.propose_now(c, &[pair(m[0], m[2], topic)], now()).await.unwrap()[0].0;
        assert!(store.sweep_meet_now(later(4)).await.unwrap().is_empty(), "not yet expired");
        assert_eq!(store.sweep_meet_now(later(6)).await.unwrap(), [c]);
        assert_eq!(store.now_proposal(c, q).await.unwrap().status, NowStatus::Expired);
        assert_eq!(
            conflict_code(store.answer_now_proposal(c, q, m[2], true, "", later(6)).await),
            "proposal_closed"
        );
        assert_eq!(store.free_entry(c, m[2]).await.unwrap().unwrap().proposal, None);
        // Windows that are over leave the pool.
        store.sweep_meet_now(later(50)).await.unwrap();
        assert!(store.free_entry(c, m[2]).await.unwrap().is_none());
    }

    async fn nobody_is_free_while_in_a_meeting(db: TestDb) {
        let store = db.store();
        let (c, m, topic) = setup(store, 2).await;
        for &who in &m {
            store.set_free(c, who, MeetingMode::InPerson, true, window(45), now()).await.unwrap();
        }
        let p = store.propose_now(c, &[pair(m[0], m[1], topic)], now()).await.unwrap()[0].0;
        // Auto-accept on the other side: the first accept books.
        assert!(matches!(
            store.answer_now_proposal(c, p, m[0], true, "https://v/1", now()).await.unwrap(),
            NowAnswer::Booked(_)
        ));
        assert_eq!(
            conflict_code(store.set_free(c, m[1], MeetingMode::InPerson, false, window(30), later(10)).await),
            "in_meeting"
        );
        assert!(store.free_entry(c, m[1]).await.unwrap().is_none(), "nothing written");
    }
}
