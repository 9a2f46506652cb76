//! What the break rush needs before the server starts, read and written through the store:
//! a browser session for each of the distinct members signed in, the topics to open and
//! search for, times each member can really ask for, and the requests waiting for them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Timelike, Utc};
use peerlearn_domain::{CommunityId, MemberId, TimeRange, TopicFormat, TopicId, UserId};
use peerlearn_store::{Store, StoreError};
use peerlearn_web::{AppState, Config};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A topic to ask for and the time to ask.
pub type Ask = (TopicId, DateTime<Utc>);

/// One signed-in member.
pub struct Session {
    pub cookie: String,
    /// The header value of a cookie-authenticated API write (double-submit CSRF).
    pub csrf: String,
    /// Topics and times this member may ask for (both free and available when planned).
    pub asks: Vec<Ask>,
}

/// A request waiting for a signed-in member: (index of their session, request, a time).
pub type Waiting = (usize, i64, DateTime<Utc>);

pub struct Plan {
    pub community: CommunityId,
    pub sessions: Vec<Session>,
    pub topics: Vec<TopicId>,
    pub words: Vec<String>,
    pub waiting: Vec<Waiting>,
    /// Session index of a member, to route requests made during the run to their decider.
    pub by_member: HashMap<MemberId, usize>,
}

fn not_found(e: &StoreError) -> bool {
    matches!(e, StoreError::NotFound(_))
}

/// Signs in `count` distinct members of community 1 (first those who have requests waiting
/// for them, so accepts have work) and plans what they will do.
pub async fn prepare(store: &Store, count: usize, seed: u64) -> Res<Plan> {
    let community = CommunityId(1);
    let now = Utc::now();
    let mut rng = StdRng::seed_from_u64(seed);
    let calendar = store.community(community).await?.calendar;

    // Every topic, by id, until a long run of missing ids.
    let mut open = Vec::new();
    let mut topics = Vec::new();
    let mut words = BTreeSet::new();
    let (mut id, mut missing) = (1i64, 0);
    while missing < 200 {
        match store.topic(TopicId(id)).await {
            Ok(t) if t.community_id == community => {
                missing = 0;
                topics.push(t.id);
                words.extend(
                    t.title
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.len() >= 5)
                        .map(str::to_lowercase),
                );
                if t.open && t.format == TopicFormat::OneOnOne && t.starts_at.is_none() {
                    open.push((t.id, t.host, t.duration_minutes));
                }
            }
            Ok(_) => missing = 0,
            Err(e) if not_found(&e) => missing += 1,
            Err(e) => return Err(e.into()),
        }
        id += 1;
    }

    let pending = store.pending_requests(community, 100_000).await?;
    let mut members: Vec<MemberId> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &pending {
        if members.len() < count / 2 && seen.insert(r.awaiting) {
            members.push(r.awaiting);
        }
    }
    // The rest spread over the whole community: member ids are dense from 1.
    let mut others: Vec<i64> = (1..=store.count_users().await? + 10).collect();
    others.shuffle(&mut rng);
    for m in others {
        if members.len() >= count {
            break;
        }
        if !seen.contains(&MemberId(m)) {
            seen.insert(MemberId(m));
            members.push(MemberId(m));
        }
    }

    let state = AppState::new(store.clone(), Config::default());
    let mut sessions = Vec::new();
    let mut by_member = HashMap::new();
    for m in members {
        let member = match store.member(community, m).await {
            Ok(member) => member,
            Err(e) if not_found(&e) => continue,
            Err(e) => return Err(e.into()),
        };
        let user = store.user(UserId(member.user_id.0)).await?;
        let cookie = peerlearn_web::issue_session(&state, &user)
            .await
            .map_err(|e| e.detail())?;
        // Up to three asks: a topic of someone else at a half hour within this member's
        // availability, the community's hours, and the host's availability, both free.
        let mut asks = Vec::new();
        let mut tries = 0;
        while asks.len() < 3 && tries < 40 && !member.availability.is_empty() {
            tries += 1;
            let Some(&(topic, host, minutes)) = open.choose(&mut rng) else {
                break;
            };
            let free = member.availability.choose(&mut rng).expect("not empty");
            let Some(start) = half_hour_within(free, minutes, now, &mut rng) else {
                continue;
            };
            let Ok(range) = TimeRange::new(start, start + Duration::minutes(minutes.into())) else {
                continue;
            };
            if host == m
                || asks.iter().any(|(t, _)| *t == topic)
                || calendar.check_within_hours("t", &range).is_err()
                || !store.is_available(host, &range).await?
                || store.is_busy(host, &range).await?
                || store.is_busy(m, &range).await?
            {
                continue;
            }
            asks.push((topic, start));
        }
        by_member.insert(m, sessions.len());
        sessions.push(Session {
            cookie: format!("pl_session={cookie}"),
            // A signed-in browser's form token is bound to its session.
            csrf: peerlearn_web::session_csrf_token(&cookie),
            asks,
        });
    }
    let waiting = pending
        .iter()
        .filter_map(|r| {
            let who = *by_member.get(&r.awaiting)?;
            let time = r.times.iter().find(|t| t.start() > now)?;
            Some((who, r.id.0, time.start()))
        })
        .collect();
    Ok(Plan {
        community,
        sessions,
        topics,
        words: words.into_iter().collect(),
        waiting,
        by_member,
    })
}

/// A start on the hour or half hour such that `minutes` fit in `free`, after `now`.
fn half_hour_within(
    free: &TimeRange,
    minutes: u32,
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> Option<DateTime<Utc>> {
    let from = free.start().max(now + Duration::minutes(30));
    let late = !from.minute().is_multiple_of(30) || from.second() != 0;
    let first = from.with_second(0)?.with_nanosecond(0)?
        - Duration::minutes(i64::from(from.minute() % 30))
        + Duration::minutes(if late { 30 } else { 0 });
    let last = free.end() - Duration::minutes(minutes.into());
    if last < first {
        return None;
    }
    let steps = (last - first).num_minutes() / 30;
    Some(first + Duration::minutes(30 * rng.random_range(0..=steps)))
}
