//! Double-booking under concurrency: many accepts race for the same person or the same spot;
//! the database lets exactly one through and every invariant holds afterwards. Runs on SQLite
//! and on PostgreSQL (skipped with a notice when PostgreSQL is unreachable, unless `CI=true`
//! or `PEERLEARN_REQUIRE_POSTGRES=1`).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use peerlearn_domain::{
    BoundedText, Capacity, CommunityCalendar, CommunityKind, DayHours, DisplayName, Email,
    EventDates, JoinPolicy, MeetingMode, MemberId, Minutes, RequestId, SpotKind, TagList,
    TimeRange, Timezone, TopicFormat, TopicKind,
};
use peerlearn_store::{NewCommunity, NewRequest, NewSpot, NewTopic, Store, StoreError};

struct Db {
    store: Store,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.drop_pg.take() {
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(admin_sql(
                    &admin,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ))
                .ok();
            })
            .join()
            .ok();
        }
    }
}

/// Runs one statement on the administrative database.
async fn admin_sql(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    use sqlx::{Connection, Executor};
    let mut conn = sqlx::PgConnection::connect(url).await?;
    conn.execute(sqlx::AssertSqlSafe(sql.to_string())).await?;
    conn.close().await
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let store = Store::connect(&url, 8).await.expect("sqlite");
    store.migrate().await.expect("migrate");
    Db {
        store,
        _dir: Some(dir),
        drop_pg: None,
    }
}

async fn postgres() -> Option<Db> {
    let admin = std::env::var("PEERLEARN_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let required = std::env::var("CI").is_ok_and(|v| v == "true")
        || std::env::var("PEERLEARN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let name = format!("peerlearn_inv_{}", rand::random::<u64>());
    if let Err(e) = admin_sql(&admin, &format!("CREATE DATABASE {name}")).await {
        assert!(!required, "PostgreSQL is required but unreachable: {e}");
        eprintln!("skipping the PostgreSQL half: {e}");
        return None;
    }
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .expect("database URL");
    let store = Store::connect(&format!("{base}/{name}"), 16)
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    Some(Db {
        store,
        _dir: None,
        drop_pg: Some((admin, name)),
    })
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 5, 12, h, m, 0).unwrap()
}

/// A community with `hosts` members offering a one-on-one topic each and `learners` other
/// members; learner `i` asks host `i % hosts` to meet at 10:00. Nobody has meetings yet.
async fn setup(
    store: &Store,
    hosts: usize,
    learners: usize,
    spots: &[(SpotKind, i64)],
    mode: MeetingMode,
) -> Vec<RequestId> {
    let now = Utc.with_ymd_and_hms(2030, 5, 1, 0, 0, 0).unwrap();
    let mut users = Vec::new();
    for i in 0..hosts + learners {
        let u = store
            .create_user(
                &Email::parse(&format!("p{i}@example.org")).unwrap(),
                &DisplayName::parse(&format!("Person {i}")).unwrap(),
                "x",
                now,
            )
            .await
            .expect("user");
        users.push(u.id);
    }
    let day = NaiveDate::from_ymd_opt(2030, 5, 12).unwrap();
    let community = store
        .create_community(
            &NewCommunity {
                name: BoundedText::parse("name", "Race", 1, 120, false).unwrap(),
                description: BoundedText::parse("d", "", 0, 10, true).unwrap(),
                kind: CommunityKind::Event,
                calendar: CommunityCalendar {
                    timezone: Timezone::parse("UTC").unwrap(),
                    hours: DayHours::parse("09:00", "18:00").unwrap(),
                    dates: Some(EventDates {
                        starts_on: day,
                        ends_on: day,
                    }),
                },
                join_policy: JoinPolicy::Open,
                language: None,
            },
            users[0],
            now,
        )
        .await
        .expect("community");
    for (i, (kind, capacity)) in spots.iter().enumerate() {
        store
            .create_spot(
                community.id,
                &NewSpot {
                    name: BoundedText::parse("name", &format!("Spot {i}"), 1, 80, false).unwrap(),
                    kind: *kind,
                    capacity: Capacity::parse("capacity", *capacity).unwrap(),
                },
                now,
            )
            .await
            .expect("spot");
    }
    let mut members: Vec<MemberId> = vec![
        store
            .membership(community.id, users[0])
            .await
            .unwrap()
            .unwrap()
            .0,
    ];
    for u in &users[1..] {
        members.push(
            store
                .join_community(community.id, *u, now)
                .await
                .expect("join")
                .id,
        );
    }
    let mut topics = Vec::new();
    for (i, host) in members[..hosts].iter().enumerate() {
        let topic = store
            .create_topic(
                community.id,
                *host,
                &NewTopic {
                    kind: TopicKind::Offer,
                    title: BoundedText::parse("title", &format!("Topic {i}"), 1, 140, false)
                        .unwrap(),
                    description: BoundedText::parse("d", "", 0, 10, true).unwrap(),
                    description_html: String::new(),
                    tags: TagList::default(),
                    format: TopicFormat::OneOnOne,
                    capacity: 1,
                    mode,
                    duration: Minutes::parse("d", 30, &[30]).unwrap(),
                    starts_at: None,
                },
                "https://video/room",
                now,
            )
            .await
            .expect("topic");
        topics.push(topic);
    }
    let mut requests = Vec::new();
    for (i, learner) in members[hosts..].iter().enumerate() {
        let topic = &topics[i % hosts];
        let r = store
            .create_request(
                &NewRequest {
                    community: community.id,
                    topic: topic.id,
                    requester: *learner,
                    decider: topic.host,
                    times: vec![TimeRange::new(at(10, 0), at(10, 30)).unwrap()],
                    message: String::new(),
                },
                now,
            )
            .await
            .expect("request");
        requests.push(r.id);
    }
    requests
}

/// Races every request's accept at 10:00 and returns (successes, refusal codes).
async fn race(store: &Store, requests: &[RequestId]) -> (usize, Vec<&'static str>) {
    let store = Arc::new(store.clone());
    let now = Utc.with_ymd_and_hms(2030, 5, 1, 0, 0, 0).unwrap();
    let tasks: Vec<_> = requests
        .iter()
        .map(|r| {
            let store = store.clone();
            let r = *r;
            tokio::spawn(async move {
                store
                    .accept_request(r, at(10, 0), "https://video/x", now)
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    let mut codes = Vec::new();
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict { code, .. }) => codes.push(code),
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    (ok, codes)
}

async fn one_host_many_learners(db: Db) {
    let requests = setup(
        &db.store,
        1,
        40,
        &[(SpotKind::Table, 2), (SpotKind::Table, 2)],
        MeetingMode::Either,
    )
    .await;
    let (ok, codes) = race(&db.store, &requests).await;
    assert_eq!(ok, 1, "exactly one accept wins the host's 10:00");
    assert!(codes.iter().all(|c| *c == "person_busy"), "{codes:?}");
    assert_eq!(db.store.invariant_violations().await.unwrap(), [0, 0, 0]);
}

async fn one_spot_many_pairs(db: Db) {
    // Thirty different pairs race for a single in-person table at 10:00.
    let requests = setup(
        &db.store,
        30,
        30,
        &[(SpotKind::Table, 2), (SpotKind::Virtual, 8)],
        MeetingMode::InPerson,
    )
    .await;
    let (ok, codes) = race(&db.store, &requests).await;
    assert_eq!(ok, 1, "one table at 10:00 holds one meeting");
    assert!(codes.iter().all(|c| *c == "no_spot_free"), "{codes:?}");
    assert_eq!(db.store.invariant_violations().await.unwrap(), [0, 0, 0]);
}

/// Twenty members race for the four seats of a group meeting.
async fn group_seats(db: Db) {
    let store = &db.store;
    let now = Utc.with_ymd_and_hms(2030, 5, 1, 0, 0, 0).unwrap();
    let requests = setup(store, 1, 20, &[(SpotKind::Room, 10)], MeetingMode::InPerson).await;
    let first = store.request(requests[0]).await.expect("request");
    let group = store
        .create_topic(
            first.community_id,
            first.decider,
            &NewTopic {
                kind: TopicKind::Offer,
                title: BoundedText::parse("title", "Group", 1, 140, false).unwrap(),
                description: BoundedText::parse("d", "", 0, 10, true).unwrap(),
                description_html: String::new(),
                tags: TagList::default(),
                format: TopicFormat::Group,
                capacity: 4,
                mode: MeetingMode::InPerson,
                duration: Minutes::parse("d", 45, &[45]).unwrap(),
                starts_at: Some(at(14, 0)),
            },
            "https://video/room",
            now,
        )
        .await
        .expect("group topic with its meeting");
    let meeting = store
        .topic_meeting(group.id)
        .await
        .unwrap()
        .expect("the group's meeting");
    assert_eq!((meeting.seats_taken, meeting.capacity), (1, 5));
    let store = Arc::new(store.clone());
    let mut tasks = Vec::new();
    for r in &requests {
        let learner = store.request(*r).await.unwrap().requester;
        let store = store.clone();
        let id = meeting.id;
        tasks.push(tokio::spawn(async move {
            store.take_seat(id, learner, now).await
        }));
    }
    let (mut ok, mut full) = (0, 0);
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict {
                code: "meeting_full",
                ..
            }) => full += 1,
            Err(e) => panic!("unexpected: {e}"),
        }
    }
    assert_eq!((ok, full), (4, 16));
    let after = store.meeting(meeting.id).await.unwrap();
    assert_eq!(after.seats_taken, 5);
    assert_eq!(after.participants.iter().filter(|p| p.confirmed).count(), 5);
    assert_eq!(store.invariant_violations().await.unwrap(), [0, 0, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_group_seats() {
    group_seats(sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_group_seats() {
    if let Some(db) = postgres().await {
        group_seats(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_one_host_many_learners() {
    one_host_many_learners(sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_one_spot_many_pairs() {
    one_spot_many_pairs(sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_one_host_many_learners() {
    if let Some(db) = postgres().await {
        one_host_many_learners(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_one_spot_many_pairs() {
    if let Some(db) = postgres().await {
        one_spot_many_pairs(db).await;
    }
}
