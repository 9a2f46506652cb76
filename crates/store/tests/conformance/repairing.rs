//! Re-pairing the stood-up: a one-on-one whose partner has not checked in is offered once at a
//! time; accepting cancels it and books the new meeting at the same spot in one transaction,
//! with the absent partner's no-show recorded; a partner who arrives first keeps the meeting
//! and nothing else changes; a member who declines is not asked again for that meeting.

use peerlearn_domain::{
    BoundedText, Capacity, CheckInMethod, CommunityId, JoinPolicy, MeetingId, MeetingMode,
    MemberId, Minutes, SpotKind, TagList, TimeRange, TopicFormat, TopicId, TopicKind,
};
use peerlearn_store::{NewNowProposal, NewSpot, NewTopic, NowAnswer, NowStatus, StoodUp, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, conflict_code, later, now, profile, user};

const VIDEO: &str = "https://video.example/r";

/// A community with two tables; members 0 and 1 meet at a table from minute 5 to 30 (member
/// 0 hosts "Rust"), and members 2 and 3 (who want Rust) are free until minute 45.
async fn setup(store: &Store) -> (CommunityId, Vec<MemberId>, TopicId, MeetingId) {
    let host = user(store, "organizer@example.org", "Organizer").await;
    let c = community(store, &host, JoinPolicy::Open).await;
    for name in ["Table 1", "Table 2"] {
        let spot = NewSpot {
            name: BoundedText::parse("name", name, 1, 80, false).unwrap(),
            kind: SpotKind::Table,
            capacity: Capacity::parse("capacity", 2).unwrap(),
        };
        store.create_spot(c.id, &spot, now()).await.unwrap();
    }
    let mut m = Vec::new();
    for i in 0..4 {
        let u = user(store, &format!("r{i}@example.org"), &format!("Member {i}")).await;
        let id = store.join_community(c.id, u.id, now()).await.unwrap().id;
        let wants: &[&str] = if i == 0 { &[] } else { &["rust"] };
        store
            .save_profile(c.id, id, &profile("Hi", "", &[], wants), None)
            .await
            .unwrap();
        m.push(id);
    }
    let topic = NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", "Rust", 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::parse_comma_separated("tags", "rust").unwrap(),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Either,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: None,
    };
    let topic = store
        .create_topic(c.id, m[0], &topic, "", now())
        .await
        .unwrap()
        .id;
    // The meeting to be stood up, booked as meet-now books.
    let window = TimeRange::new(now(), later(30)).unwrap();
    for &who in &m[..2] {
        store
            .set_free(c.id, who, MeetingMode::InPerson, true, window, now())
            .await
            .unwrap();
    }
    let first = NewNowProposal {
        host: m[0],
        guest: m[1],
        topic,
        mode: MeetingMode::InPerson,
        time: TimeRange::new(later(5), later(30)).unwrap(),
        expires_at: later(5),
    };
    let p = store.propose_now(c.id, &[first], now()).await.unwrap()[0].0;
    let NowAnswer::Booked(meeting) = store
        .answer_now_proposal(c.id, p, m[0], true, VIDEO, now())
        .await
        .unwrap()
    else {
        panic!("booked");
    };
    let free = TimeRange::new(now(), later(45)).unwrap();
    for &who in &m[2..] {
        store
            .set_free(c.id, who, MeetingMode::InPerson, false, free, now())
            .await
            .unwrap();
    }
    store
        .check_in(meeting, m[0], CheckInMethod::Button, later(5))
        .await
        .unwrap();
    (c.id, m, topic, meeting)
}

/// Member 2 meets the waiting member 0 from minute 15 to 30.
fn offer(m: &[MemberId], topic: TopicId) -> NewNowProposal {
    NewNowProposal {
        host: m[0],
        guest: m[2],
        topic,
        mode: MeetingMode::InPerson,
        time: TimeRange::new(later(15), later(30)).unwrap(),
        expires_at: later(15),
    }
}

async fn stood(store: &Store, c: CommunityId, minute: i64) -> Vec<StoodUp> {
    store.stood_up(Some(c), later(minute)).await.unwrap()
}

/// Who is recorded absent from `meeting` (over a connection of its own).
async fn no_shows(db: &TestDb, meeting: MeetingId) -> Vec<i64> {
    let pool = sqlx::AnyPool::connect(db.url())
        .await
        .expect("a second connection");
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT member_id FROM no_shows WHERE meeting_id = $1 ORDER BY member_id")
            .bind(meeting.0)
            .fetch_all(&pool)
            .await
            .expect("no-shows read");
    pool.close().await;
    rows.into_iter().map(|(m,)| m).collect()
}

peerlearn_testkit::backend_tests! {
    async fn accepting_a_repairing_replaces_the_meeting_at_its_spot(db: TestDb) {
        let store = db.store();
        let (c, m, topic, old) = setup(store).await;
        assert!(stood(store, c, 8).await.is_empty(), "not before five minutes");
        let found = stood(store, c, 10).await;
        assert_eq!(found.len(), 1, "{found:?}");
        let s = &found[0];
        assert_eq!((s.meeting, s.waiting, s.late), (old, m[0], m[1]));
        assert_eq!(s.mode, MeetingMode::InPerson);
        let old_spot = store.meeting(old).await.unwrap().spot.unwrap();
        assert_eq!(s.spot, Some(old_spot.id));

        let id = store.propose_repair(s, &offer(&m, topic), later(10)).await.unwrap().expect("offered");
        // One open offer per meeting, and the free member is claimed.
        let again = NewNowProposal { guest: m[3], ..offer(&m, topic) };
        assert_eq!(store.propose_repair(s, &again, later(10)).await.unwrap(), None);
        assert!(stood(store, c, 10).await.is_empty(), "an offer is open");
        assert_eq!(store.free_entry(c, m[2]).await.unwrap().unwrap().proposal, Some(id));
        let p = store.now_proposal(c, id).await.unwrap();
        assert_eq!(p.replaces, Some(old));
        assert_eq!(p.spot.as_ref().map(|(s, _)| *s), Some(old_spot.id));

        assert_eq!(
            store.answer_now_proposal(c, id, m[0], true, VIDEO, later(11)).await.unwrap(),
            NowAnswer::Waiting
        );
        let NowAnswer::Booked(new) = store
            .answer_now_proposal(c, id, m[2], true, VIDEO, later(12))
            .await
            .unwrap()
        else {
            panic!("booked");
        };
        let old = store.meeting(old).await.unwrap();
        assert!(!old.confirmed, "the stood-up meeting is cancelled");
        assert_eq!(no_shows(&db, old.id).await, [m[1].0], "the absent partner is recorded");
        let new = store.meeting(new).await.unwrap();
        assert_eq!(new.spot.map(|s| s.id), Some(old_spot.id), "at the same table");
        assert_eq!(new.time, TimeRange::new(later(15), later(30)).unwrap());
        let mut people: Vec<MemberId> = new.participants.iter().map(|p| p.member).collect();
        people.sort_unstable();
        assert_eq!(people, [m[0], m[2]]);
        assert!(store.free_entry(c, m[2]).await.unwrap().is_none(), "no longer free");
        assert!(stood(store, c, 13).await.is_empty());
    }

    async fn a_partner_who_arrives_first_keeps_the_meeting(db: TestDb) {
        let store = db.store();
        let (c, m, topic, old) = setup(store).await;
        let s = stood(store, c, 10).await.remove(0);
        let id = store.propose_repair(&s, &offer(&m, topic), later(10)).await.unwrap().unwrap();
        store.answer_now_proposal(c, id, m[2], true, VIDEO, later(10)).await.unwrap();
        store.check_in(old, m[1], CheckInMethod::Qr, later(11)).await.unwrap();
        assert_eq!(
            conflict_code(store.answer_now_proposal(c, id, m[0], true, VIDEO, later(11)).await),
            "partner_arrived"
        );
        // Nothing changed: the meeting is on, nobody is recorded absent, no meeting was added.
        let meeting = store.meeting(old).await.unwrap();
        assert!(meeting.confirmed);
        assert!(no_shows(&db, old).await.is_empty());
        assert_eq!(store.now_proposal(c, id).await.unwrap().status, NowStatus::Open);
        store.fail_now_proposal(c, id, later(11)).await.unwrap();
        assert_eq!(store.free_entry(c, m[2]).await.unwrap().unwrap().proposal, None, "free again");
        // Both are here now: nothing to re-pair, and an offer is no longer written.
        assert!(stood(store, c, 12).await.is_empty());
        assert_eq!(store.propose_repair(&s, &offer(&m, topic), later(12)).await.unwrap(), None);
    }

    async fn a_member_who_declines_is_not_asked_again(db: TestDb) {
        let store = db.store();
        let (c, m, topic, _) = setup(store).await;
        let s = stood(store, c, 10).await.remove(0);
        // The free member declines: the waiting one can be offered someone else.
        let id = store.propose_repair(&s, &offer(&m, topic), later(10)).await.unwrap().unwrap();
        store.answer_now_proposal(c, id, m[2], false, VIDEO, later(10)).await.unwrap();
        assert_eq!(stood(store, c, 10).await.len(), 1);
        // The waiting one declines: no more offers for this meeting.
        let other = NewNowProposal { guest: m[3], ..offer(&m, topic) };
        let id = store.propose_repair(&s, &other, later(10)).await.unwrap().unwrap();
        assert_eq!(
            store.answer_now_proposal(c, id, m[0], false, VIDEO, later(11)).await.unwrap(),
            NowAnswer::Declined
        );
        assert!(stood(store, c, 11).await.is_empty());
        assert!(store.meeting(s.meeting).await.unwrap().confirmed, "the meeting stays");
    }

    async fn only_free_members_of_the_pool_are_offered(db: TestDb) {
        let store = db.store();
        let (c, m, topic, _) = setup(store).await;
        let s = stood(store, c, 10).await.remove(0);
        // The absent partner, someone not in the pool, and the waiting member themselves.
        for bad in [m[1], m[0]] {
            let o = NewNowProposal { guest: bad, ..offer(&m, topic) };
            assert_eq!(store.propose_repair(&s, &o, later(10)).await.unwrap(), None, "{bad:?}");
        }
        // A free member whose window ends before the meeting would.
        store.leave_free(c, m[2], later(10)).await.unwrap();
        let short = TimeRange::new(later(10), later(25)).unwrap();
        store.set_free(c, m[2], MeetingMode::InPerson, false, short, later(10)).await.unwrap();
        assert_eq!(store.propose_repair(&s, &offer(&m, topic), later(10)).await.unwrap(), None);
    }
}
