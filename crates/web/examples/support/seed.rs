//! Seeding shared by the load examples: a one-day event where HOSTS hosts each have a pending
//! request from a different learner in every half hour of the day (nobody is booked twice
//! when all are accepted). Learners are as many as hosts (each has a request in every half
//! hour), or one per request.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, CommunityId, CommunityKind, DayHours, DisplayName, Email,
    EventDates, JoinPolicy, MeetingMode, MemberId, Minutes, RequestId, TagList, TimeRange,
    Timezone, TopicFormat, TopicKind,
};
use peerlearn_store::{NewCommunity, NewRequest, NewTopic, Store, User};

fn text(s: &str) -> BoundedText {
    BoundedText::parse("t", s, 0, 200, true).expect("text")
}

/// What was seeded (not every example reads every part).
#[allow(dead_code)]
pub struct Seeded {
    pub community: CommunityId,
    /// Hosts first, then learners.
    pub users: Vec<User>,
    pub members: Vec<MemberId>,
    /// Each request to accept: its host's and learner's indexes (in `users`), the request
    /// and the start to accept.
    pub accepts: Vec<(usize, usize, RequestId, DateTime<Utc>)>,
}

/// The half hours of the day (09:00–18:00): each host's requests.
pub const SLOTS: usize = 18;

/// Seeds `hosts` hosts with [`SLOTS`] requests each, from as many learners as hosts, or from
/// one learner per request when `learner_per_request`.
pub async fn seed(
    store: &Store,
    hosts: usize,
    learner_per_request: bool,
) -> Result<Seeded, Box<dyn std::error::Error>> {
    let learners = if learner_per_request {
        hosts * SLOTS
    } else {
        hosts
    };
    let now = Utc::now();
    let day = (now + Duration::days(2)).date_naive();
    let slots = SLOTS;
    eprintln!(
        "seeding {hosts} hosts and {learners} learners, {} requests…",
        hosts * slots
    );
    let mut users = Vec::new();
    for i in 0..hosts + learners {
        let email = Email::parse(&format!("load{i}@example.org")).expect("email");
        let name = DisplayName::parse(&format!("Person {i}")).expect("name");
        users.push(store.create_user(&email, &name, "unused", now).await?);
    }
    let community = store
        .create_community(
            &NewCommunity {
                name: text("Load"),
                description: text(""),
                kind: CommunityKind::Event,
                calendar: CommunityCalendar {
                    timezone: Timezone::parse("UTC").expect("tz"),
                    hours: DayHours::parse("09:00", "18:00").expect("hours"),
                    dates: Some(EventDates {
                        starts_on: day,
                        ends_on: day,
                    }),
                },
                join_policy: JoinPolicy::Open,
                language: None,
            },
            users[0].id,
            now,
        )
        .await?;
    let mut members = vec![
        store
            .membership(community.id, users[0].id)
            .await?
            .expect("organizer")
            .0,
    ];
    for u in &users[1..] {
        members.push(store.join_community(community.id, u.id, now).await?.id);
    }
    let start_of = |k: usize| {
        Utc.from_utc_datetime(&NaiveDate::and_hms_opt(&day, 9, 0, 0).expect("time"))
            + Duration::minutes(30 * k as i64)
    };
    let mut accepts = Vec::new();
    for h in 0..hosts {
        let topic = store
            .create_topic(
                community.id,
                members[h],
                &NewTopic {
                    kind: TopicKind::Offer,
                    title: text(&format!("Topic {h}")),
                    description: text(""),
                    description_html: String::new(),
                    tags: TagList::default(),
                    format: TopicFormat::OneOnOne,
                    capacity: 1,
                    mode: MeetingMode::Virtual,
                    duration: Minutes::parse("d", 30, &[30]).expect("minutes"),
                    starts_at: None,
                },
                "https://video/room",
                now,
            )
            .await?;
        for k in 0..slots {
            // Learner (h + k) meets host h in slot k: nobody is booked twice.
            let index = if learner_per_request {
                hosts + h * slots + k
            } else {
                hosts + (h + k) % hosts
            };
            let learner = members[index];
            let start = start_of(k);
            let request = store
                .create_request(
                    &NewRequest {
                        community: community.id,
                        topic: topic.id,
                        requester: learner,
                        decider: members[h],
                        times: vec![
                            TimeRange::new(start, start + Duration::minutes(30)).expect("range"),
                        ],
                        message: String::new(),
                    },
                    now,
                )
                .await?;
            accepts.push((h, index, request.id, start));
        }
    }
    Ok(Seeded {
        community: community.id,
        users,
        members,
        accepts,
    })
}

/// API tokens of the hosts (`users[..hosts]`), who accept the requests.
pub async fn host_tokens(
    state: &peerlearn_web::AppState,
    users: &[User],
    hosts: usize,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut tokens = Vec::with_capacity(hosts);
    for u in &users[..hosts] {
        tokens.push(
            peerlearn_web::issue_api_token(state, u)
                .await
                .map_err(|e| e.detail())?,
        );
    }
    Ok(tokens)
}

/// Delivers the seeding's own notifications (they belong to the seeding, not to what is
/// measured), then serves `state` on a local port; answers its base URL.
pub async fn serve(state: &peerlearn_web::AppState) -> Result<String, Box<dyn std::error::Error>> {
    eprintln!("delivering the seeded requests' notifications…");
    peerlearn_web::notify::run_due(state)
        .await
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(peerlearn_web::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    Ok(base)
}
