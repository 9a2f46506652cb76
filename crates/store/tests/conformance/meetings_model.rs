//! Property test: random sequences of meeting operations (request, propose other times, accept,
//! cancel, take and leave a group seat, join and leave its waitlist) agree with a simple model, step by step
//! (each operation succeeds exactly when the model says it should) and at the end (the
//! group's seats and waitlist, every acknowledged meeting present), and the database never
//! breaks an invariant.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingId, MeetingMode, MemberId, Minutes, RequestId, TagList,
    TimeRange, TopicFormat, TopicKind,
};
use peerlearn_store::{NewRequest, NewTopic, Store, StoreError, Topic};
use peerlearn_testkit::{Backend, TestDb};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::support::{community, now, user};

/// Members in each case; member 0 hosts the group.
const PEOPLE: usize = 5;
/// Seats of the group besides its host.
const SEATS: u32 = 2;

fn day(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 4, h, m, 0).unwrap()
}

/// The one-on-one slots requests propose: 10:00 and 10:30 overlap the group (10:00–10:45),
/// 11:00 does not.
fn slot(i: usize) -> TimeRange {
    let start = [day(10, 0), day(10, 30), day(11, 0)][i % 3];
    TimeRange::new(start, start + Duration::minutes(30)).unwrap()
}

fn group_time() -> TimeRange {
    TimeRange::new(day(10, 0), day(10, 45)).unwrap()
}

#[derive(Debug, Clone)]
enum Op {
    Request {
        who: usize,
        host: usize,
        slot: usize,
    },
    /// The host (or, with `by_requester`, the requester) proposes another time instead.
    Propose {
        which: usize,
        slot: usize,
        by_requester: bool,
    },
    Accept {
        which: usize,
    },
    Cancel {
        which: usize,
    },
    TakeSeat {
        who: usize,
    },
    LeaveSeat {
        who: usize,
    },
    JoinWaitlist {
        who: usize,
    },
    LeaveWaitlist {
        who: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let who = || 0..PEOPLE;
    prop_oneof![
        3 => (who(), who(), 0..3usize).prop_map(|(who, host, slot)| Op::Request { who, host, slot }),
        2 => (any::<usize>(), 0..3usize, any::<bool>())
            .prop_map(|(which, slot, by_requester)| Op::Propose { which, slot, by_requester }),
        3 => any::<usize>().prop_map(|which| Op::Accept { which }),
        1 => any::<usize>().prop_map(|which| Op::Cancel { which }),
        2 => who().prop_map(|who| Op::TakeSeat { who }),
        2 => who().prop_map(|who| Op::LeaveSeat { who }),
        2 => who().prop_map(|who| Op::JoinWaitlist { who }),
        1 => who().prop_map(|who| Op::LeaveWaitlist { who }),
    ]
}

#[derive(Debug, Clone)]
struct PendingRequest {
    id: RequestId,
    who: usize,
    host: usize,
    time: TimeRange,
    /// The request waits for the requester (the host proposed other times last).
    awaiting_requester: bool,
}

#[derive(Debug, Clone)]
struct OneOnOne {
    id: MeetingId,
    people: [usize; 2],
    time: TimeRange,
    confirmed: bool,
}

/// What the store should hold.
#[derive(Debug, Default)]
struct Model {
    pending: Vec<PendingRequest>,
    meetings: Vec<OneOnOne>,
    /// Members seated in the group, its host excluded.
    seated: BTreeSet<usize>,
    /// The waitlist, in order.
    waitlist: Vec<usize>,
}

impl Model {
    /// Whether `who` has a confirmed meeting overlapping `time`; `group` counts the group.
    fn busy(&self, who: usize, time: &TimeRange, group: bool) -> bool {
        let in_group = who == 0 || self.seated.contains(&who);
        (group && in_group && group_time().overlaps(time))
            || self
                .meetings
                .iter()
                .any(|m| m.confirmed && m.people.contains(&who) && m.time.overlaps(time))
    }

    /// Gives free seats to the waitlist, first come first served, skipping busy members.
    fn fill(&mut self) {
        let mut i = 0;
        while i < self.waitlist.len() && (self.seated.len() as u32) < SEATS {
            let who = self.waitlist[i];
            if self.busy(who, &group_time(), false) {
                i += 1;
            } else {
                self.waitlist.remove(i);
                self.seated.insert(who);
            }
        }
    }
}

struct World {
    members: Vec<MemberId>,
    topics: Vec<Topic>,
    group: MeetingId,
}

fn topic(title: &str, format: TopicFormat, starts_at: Option<DateTime<Utc>>) -> NewTopic {
    let (capacity, minutes) = match format {
        TopicFormat::OneOnOne => (1, 30),
        TopicFormat::Group => (SEATS, 45),
    };
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", "", 0, 10, true).unwrap(),
        description_html: String::new(),
        tags: TagList::default(),
        format,
        capacity,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", i64::from(minutes), &[minutes]).unwrap(),
        starts_at,
    }
}

async fn world(store: &Store, case: usize) -> World {
    let owner = user(store, &format!("owner{case}@example.org"), "Owner").await;
    let c = community(store, &owner, JoinPolicy::Open).await;
    let mut members = vec![store.membership(c.id, owner.id).await.unwrap().unwrap().0];
    for i in 1..PEOPLE {
        let u = user(store, &format!("c{case}p{i}@example.org"), "Person").await;
        members.push(store.join_community(c.id, u.id, now()).await.unwrap().id);
    }
    let mut topics = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let t = topic(&format!("Topic {i}"), TopicFormat::OneOnOne, None);
        topics.push(
            store
                .create_topic(c.id, *m, &t, "https://video/r", now())
                .await
                .unwrap(),
        );
    }
    let g = topic("Group", TopicFormat::Group, Some(day(10, 0)));
    let g = store
        .create_topic(c.id, members[0], &g, "https://video/g", now())
        .await
        .unwrap();
    let group = store
        .topic_meeting(g.id)
        .await
        .unwrap()
        .expect("the group's meeting")
        .id;
    World {
        members,
        topics,
        group,
    }
}

/// The code of a conflict; any other error fails the case.
fn code<T>(r: Result<T, StoreError>) -> Result<Option<&'static str>, TestCaseError> {
    match r {
        Ok(_) => Ok(None),
        Err(StoreError::Conflict { code, .. }) => Ok(Some(code)),
        Err(e) => Err(TestCaseError::fail(format!("not a conflict: {e}"))),
    }
}

async fn check(store: &Store, case: usize, ops: &[Op]) -> Result<(), TestCaseError> {
    let w = world(store, case).await;
    let mut model = Model::default();
    for (step, op) in ops.iter().enumerate() {
        // Each step a second later, so waitlist order is the order of joining.
        let at = now() + Duration::seconds(step as i64 + 1);
        match *op {
            Op::Request { who, host, slot: s } => {
                if who == host {
                    continue;
                }
                let time = slot(s);
                let r = store
                    .create_request(
                        &NewRequest {
                            community: w.topics[host].community_id,
                            topic: w.topics[host].id,
                            requester: w.members[who],
                            decider: w.members[host],
                            times: vec![time],
                            message: String::new(),
                        },
                        at,
                    )
                    .await;
                let twice = model.pending.iter().any(|p| p.who == who && p.host == host);
                match r {
                    Ok(r) => {
                        prop_assert!(!twice, "a second pending request on a topic");
                        model.pending.push(PendingRequest {
                            id: r.id,
                            who,
                            host,
                            time,
                            awaiting_requester: false,
                        });
                    }
                    Err(e) => {
                        prop_assert!(twice, "request refused: {}", e);
                        prop_assert_eq!(code(Err::<(), _>(e))?, Some("already_requested"));
                    }
                }
            }
            Op::Propose {
                which,
                slot: s,
                by_requester,
            } => {
                if model.pending.is_empty() {
                    continue;
                }
                let i = which % model.pending.len();
                let p = model.pending[i].clone();
                let by = if by_requester { p.who } else { p.host };
                let time = slot(s);
                let r = store
                    .propose_times(p.id, w.members[by], &[time], "", at)
                    .await;
                if by_requester == p.awaiting_requester {
                    let r = r.map_err(|e| TestCaseError::fail(format!("proposal refused: {e}")))?;
                    prop_assert_eq!(r.times.clone(), vec![time]);
                    prop_assert_eq!(
                        r.awaiting,
                        w.members[if by_requester { p.host } else { p.who }]
                    );
                    model.pending[i].time = time;
                    model.pending[i].awaiting_requester = !by_requester;
                    // The times proposed before are gone.
                    if p.time != time {
                        let old = store
                            .accept_request(p.id, p.time.start(), "https://video/x", at)
                            .await;
                        prop_assert_eq!(code(old)?, Some("not_proposed"));
                    }
                } else {
                    prop_assert_eq!(code(r)?, Some("not_your_turn"));
                }
            }
            Op::Accept { which } => {
                if model.pending.is_empty() {
                    continue;
                }
                let p = model.pending[which % model.pending.len()].clone();
                let free = !model.busy(p.who, &p.time, true) && !model.busy(p.host, &p.time, true);
                let r = store
                    .accept_request(p.id, p.time.start(), "https://video/x", at)
                    .await;
                match r {
                    Ok(m) => {
                        prop_assert!(free, "accepted over a confirmed meeting");
                        // The meeting answered is the one stored.
                        let stored = store
                            .meeting(m.id)
                            .await
                            .map_err(|e| TestCaseError::fail(e.to_string()))?;
                        prop_assert_eq!(format!("{m:?}"), format!("{stored:?}"));
                        model.pending.retain(|q| q.id != p.id);
                        model.meetings.push(OneOnOne {
                            id: m.id,
                            people: [p.who, p.host],
                            time: p.time,
                            confirmed: true,
                        });
                    }
                    Err(e) => {
                        let c = code(Err::<(), _>(e))?;
                        prop_assert!(!free, "accept refused with {:?} though both are free", c);
                        prop_assert_eq!(c, Some("person_busy"));
                    }
                }
            }
            Op::Cancel { which } => {
                if model.meetings.is_empty() {
                    continue;
                }
                let i = which % model.meetings.len();
                let m = model.meetings[i].clone();
                let r = store
                    .cancel_meeting(m.id, w.members[m.people[0]], "", at)
                    .await;
                prop_assert_eq!(code(r)?, (!m.confirmed).then_some("already_cancelled"));
                model.meetings[i].confirmed = false;
            }
            Op::TakeSeat { who } => {
                let expected = if who == 0 || model.seated.contains(&who) {
                    Some("already_seated")
                } else if model.seated.len() as u32 >= SEATS {
                    Some("meeting_full")
                } else if model.busy(who, &group_time(), false) {
                    Some("person_busy")
                } else {
                    None
                };
                let r = store.take_seat(w.group, w.members[who], at).await;
                prop_assert_eq!(code(r)?, expected);
                if expected.is_none() {
                    model.seated.insert(who);
                    model.waitlist.retain(|x| *x != who);
                }
            }
            Op::LeaveSeat { who } => {
                let expected = (!model.seated.contains(&who)).then_some("not_seated");
                let r = store.leave_seat(w.group, w.members[who], at).await;
                prop_assert_eq!(code(r)?, expected);
                if expected.is_none() {
                    model.seated.remove(&who);
                    model.fill();
                }
            }
            Op::JoinWaitlist { who } => {
                let expected = if who == 0 || model.seated.contains(&who) {
                    Some("already_seated")
                } else if (model.seated.len() as u32) < SEATS {
                    Some("seats_free")
                } else if model.busy(who, &group_time(), false) {
                    Some("person_busy")
                } else if model.waitlist.contains(&who) {
                    Some("already_waitlisted")
                } else {
                    None
                };
                let r = store.join_waitlist(w.group, w.members[who], at).await;
                prop_assert_eq!(code(r)?, expected);
                if expected.is_none() {
                    model.waitlist.push(who);
                }
            }
            Op::LeaveWaitlist { who } => {
                let expected = (!model.waitlist.contains(&who)).then_some("not_waitlisted");
                let r = store.leave_waitlist(w.group, w.members[who]).await;
                prop_assert_eq!(code(r)?, expected);
                model.waitlist.retain(|x| *x != who);
            }
        }
        prop_assert_eq!(
            store.invariant_violations().await.unwrap(),
            [0, 0, 0],
            "after {:?}",
            op
        );
    }
    // The group: its seats and its waitlist, in order.
    let g = store.meeting(w.group).await.unwrap();
    let seated: BTreeSet<MemberId> = g
        .participants
        .iter()
        .filter(|p| p.confirmed && !p.host)
        .map(|p| p.member)
        .collect();
    let expected: BTreeSet<MemberId> = model.seated.iter().map(|i| w.members[*i]).collect();
    prop_assert_eq!(seated, expected);
    prop_assert_eq!(g.seats_taken, model.seated.len() as u32 + 1);
    prop_assert!(g.seats_taken <= g.capacity);
    for (i, who) in model.waitlist.iter().enumerate() {
        let place = store
            .waitlist_place(w.group, w.members[*who])
            .await
            .unwrap()
            .expect("on the waitlist");
        prop_assert_eq!(
            (place.position, place.length),
            (i as u32 + 1, model.waitlist.len() as u32)
        );
    }
    // Every acknowledged meeting is there, in the state the model holds.
    for m in &model.meetings {
        let stored = store.meeting(m.id).await.unwrap();
        prop_assert_eq!(stored.confirmed, m.confirmed);
        let people: BTreeSet<MemberId> = stored.participants.iter().map(|p| p.member).collect();
        let expected: BTreeSet<MemberId> = m.people.iter().map(|i| w.members[*i]).collect();
        prop_assert_eq!(people, expected);
    }
    for p in &model.pending {
        let r = store.request(p.id).await.unwrap();
        prop_assert_eq!(r.meeting_id, None);
    }
    Ok(())
}

fn run(backend: Backend) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let Some(db) = runtime.block_on(TestDb::new(backend)) else {
        return;
    };
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    });
    let case = std::cell::Cell::new(0);
    let result = runner.run(&proptest::collection::vec(op(), 1..40), |ops| {
        case.set(case.get() + 1);
        runtime.block_on(check(db.store(), case.get(), &ops))
    });
    drop(db);
    if let Err(e) = result {
        panic!("{e}");
    }
}

mod sqlite {
    #[test]
    fn meetings_seats_and_waitlist_agree_with_the_model() {
        super::run(super::Backend::Sqlite);
    }
}

mod postgres {
    #[test]
    fn meetings_seats_and_waitlist_agree_with_the_model() {
        super::run(super::Backend::Postgres);
    }
}
