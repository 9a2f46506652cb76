//! Two hundred clients race over real sockets to book the same person, the same table and the
//! same group's seats. Afterwards the database satisfies every invariant and exactly the
//! allowed number of attempts succeeded; the rest got 409 with the right code. On PostgreSQL
//! the clients are spread over two server processes' worth of state (two servers, two
//! connection pools) sharing one database.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use peerlearn_domain::{
    BoundedText, Capacity, CommunityCalendar, CommunityId, CommunityKind, DayHours, DisplayName,
    Email, EventDates, JoinPolicy, MeetingMode, MemberId, Minutes, SpotKind, TagList, TimeRange,
    Timezone, TopicFormat, TopicId, TopicKind, UserId,
};
use peerlearn_store::{NewCommunity, NewRequest, NewSpot, NewTopic, Store, User};
use peerlearn_testkit::{Backend, TestDb};
use peerlearn_web::{AppState, Config, FixedClock};

const CLIENTS: usize = 200;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 5, 1, 8, 0, 0).unwrap()
}

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 5, 12, h, 0, 0).unwrap()
}

fn text(s: &str) -> BoundedText {
    BoundedText::parse("t", s, 0, 200, true).unwrap()
}

struct Seed {
    community: CommunityId,
    users: Vec<User>,
    members: Vec<MemberId>,
}

async fn seed(store: &Store, people: usize) -> Seed {
    let mut users = Vec::new();
    for i in 0..people {
        let email = Email::parse(&format!("p{i}@example.org")).unwrap();
        let name = DisplayName::parse(&format!("Person {i}")).unwrap();
        users.push(
            store
                .create_user(&email, &name, "unused", now())
                .await
                .expect("user"),
        );
    }
    let day = NaiveDate::from_ymd_opt(2030, 5, 12).unwrap();
    let community = store
        .create_community(
            &NewCommunity {
                name: text("Race"),
                description: text(""),
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
            users[0].id,
            now(),
        )
        .await
        .expect("community");
    store
        .create_spot(
            community.id,
            &NewSpot {
                name: text("The only table"),
                kind: SpotKind::Table,
                capacity: Capacity::parse("c", 2).unwrap(),
            },
            now(),
        )
        .await
        .expect("spot");
    let mut members = vec![
        store
            .membership(community.id, users[0].id)
            .await
            .unwrap()
            .unwrap()
            .0,
    ];
    for u in &users[1..] {
        members.push(
            store
                .join_community(community.id, u.id, now())
                .await
                .expect("join")
                .id,
        );
    }
    Seed {
        community: community.id,
        users,
        members,
    }
}

async fn topic(
    store: &Store,
    seed: &Seed,
    host: MemberId,
    format: TopicFormat,
    mode: MeetingMode,
    starts_at: Option<DateTime<Utc>>,
) -> TopicId {
    store
        .create_topic(
            seed.community,
            host,
            &NewTopic {
                kind: TopicKind::Offer,
                title: text("A topic"),
                description: text(""),
                description_html: String::new(),
                tags: TagList::default(),
                format,
                capacity: if format == TopicFormat::Group { 9 } else { 1 },
                mode,
                duration: Minutes::parse(
                    "d",
                    if format == TopicFormat::Group { 45 } else { 30 },
                    &[30, 45],
                )
                .unwrap(),
                starts_at,
            },
            "https://video/room",
            now(),
        )
        .await
        .expect("topic")
        .id
}

async fn request(
    store: &Store,
    seed: &Seed,
    topic: TopicId,
    from: MemberId,
    to: MemberId,
    start: DateTime<Utc>,
) -> String {
    store
        .create_request(
            &NewRequest {
                community: seed.community,
                topic,
                requester: from,
                decider: to,
                times: vec![TimeRange::new(start, start + chrono::Duration::minutes(30)).unwrap()],
                message: String::new(),
            },
            now(),
        )
        .await
        .expect("request")
        .id
        .to_string()
}

/// Servers over the database (two on PostgreSQL), each with its own pool.
async fn servers(db: &TestDb) -> Vec<(String, AppState)> {
    let count = if db.backend() == Backend::Postgres {
        2
    } else {
        1
    };
    let mut out = Vec::new();
    for i in 0..count {
        let store = if i == 0 {
            db.store().clone()
        } else {
            Store::connect(db.url(), 8).await.expect("second pool")
        };
        let state = AppState::with_clock(store, Config::default(), Arc::new(FixedClock(now())));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(peerlearn_web::serve(
            listener,
            state.clone(),
            std::future::pending(),
        ));
        out.push((base, state));
    }
    out
}

/// Sends every (path, token, body) at once, spread over the servers; returns the statuses
/// and problem codes.
async fn race(
    servers: &[(String, AppState)],
    calls: Vec<(String, String, serde_json::Value)>,
) -> Vec<(u16, String)> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let barrier = Arc::new(tokio::sync::Barrier::new(calls.len()));
    let tasks: Vec<_> = calls
        .into_iter()
        .enumerate()
        .map(|(i, (path, token, body))| {
            let url = format!("{}{path}", servers[i % servers.len()].0);
            let client = client.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let res = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .expect("response");
                let status = res.status().as_u16();
                let v: serde_json::Value = res.json().await.unwrap_or_default();
                (status, v["code"].as_str().unwrap_or("").to_string())
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("client task"));
    }
    out
}

fn tally(results: &[(u16, String)]) -> (usize, Vec<String>) {
    let ok = results.iter().filter(|(s, _)| *s == 201).count();
    let mut codes: Vec<String> = results
        .iter()
        .filter(|(s, _)| *s != 201)
        .map(|(s, c)| format!("{s} {c}"))
        .collect();
    codes.sort();
    codes.dedup();
    (ok, codes)
}

async fn tokens(state: &AppState, users: &[User]) -> Vec<String> {
    let mut out = Vec::new();
    for u in users {
        out.push(
            peerlearn_web::issue_api_token(state, u)
                .await
                .expect("token"),
        );
    }
    out
}

async fn two_hundred_clients(db: TestDb) {
    let store = db.store().clone();
    let seed = seed(&store, CLIENTS + 2).await;
    let servers = servers(&db).await;
    let state = &servers[0].1;
    let tokens = tokens(state, &seed.users).await;
    let host = seed.members[0];
    let _: UserId = seed.users[0].id;

    // 1. The same person: 200 requests to the host for 10:00, all accepted at once.
    let one = topic(
        &store,
        &seed,
        host,
        TopicFormat::OneOnOne,
        MeetingMode::Virtual,
        None,
    )
    .await;
    let mut calls = Vec::new();
    for learner in &seed.members[2..] {
        let rid = request(&store, &seed, one, *learner, host, at(10)).await;
        calls.push((
            format!("/api/v1/requests/{rid}/accept"),
            tokens[0].clone(),
            serde_json::json!({"start": at(10).to_rfc3339()}),
        ));
    }
    let (ok, codes) = tally(&race(&servers, calls).await);
    assert_eq!(ok, 1, "one accept wins the host's 10:00");
    assert_eq!(codes, ["409 person_busy"]);

    // 2. The same table: 200 different pairs at 11:00, in person, one table.
    let mut calls = Vec::new();
    for pair in seed.members[2..].chunks(2) {
        let (a, b) = (pair[0], pair[1]);
        let t = topic(
            &store,
            &seed,
            a,
            TopicFormat::OneOnOne,
            MeetingMode::InPerson,
            None,
        )
        .await;
        let rid = request(&store, &seed, t, b, a, at(11)).await;
        let i = seed.members.iter().position(|m| *m == a).expect("member");
        calls.push((
            format!("/api/v1/requests/{rid}/accept"),
            tokens[i].clone(),
            serde_json::json!({"start": at(11).to_rfc3339()}),
        ));
    }
    let (ok, codes) = tally(&race(&servers, calls).await);
    assert_eq!(ok, 1, "one table holds one meeting at 11:00");
    assert_eq!(codes, ["409 no_spot_free"]);

    // 3. The same seats: 200 members grab the nine seats of a video group at 14:00.
    let group = topic(
        &store,
        &seed,
        seed.members[1],
        TopicFormat::Group,
        MeetingMode::Virtual,
        Some(at(14)),
    )
    .await;
    let calls = (2..CLIENTS + 2)
        .map(|i| {
            (
                format!("/api/v1/topics/{group}/seats"),
                tokens[i].clone(),
                serde_json::json!({}),
            )
        })
        .collect();
    let (ok, codes) = tally(&race(&servers, calls).await);
    assert_eq!(ok, 9, "nine seats, nine winners");
    assert_eq!(codes, ["409 meeting_full"]);

    assert_eq!(
        store.invariant_violations().await.expect("check"),
        [0, 0, 0]
    );
    let meeting = store
        .topic_meeting(group)
        .await
        .expect("group")
        .expect("meeting");
    assert_eq!(
        (
            meeting.seats_taken,
            meeting.participants.iter().filter(|p| p.confirmed).count()
        ),
        (10, 10)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_two_hundred_clients_race() {
    two_hundred_clients(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_two_hundred_clients_race_across_two_servers() {
    if let Some(db) = TestDb::postgres().await {
        two_hundred_clients(db).await;
    }
}
