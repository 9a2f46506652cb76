//! Builders for valid domain input, so each test states only what it is about.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, CommunityId, CommunityKind, DayHours, DisplayName, Email,
    EventDates, JoinPolicy, Languages, ProfileText, TagList, Timezone,
};
use peerlearn_store::{Community, NewCommunity, ProfileUpdate, Store, StoreError, User};
use peerlearn_testkit::TestDb;

/// The instant every test treats as "now".
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-01T12:00:00Z")
        .expect("a valid time")
        .with_timezone(&Utc)
}

pub fn later(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

pub fn email(raw: &str) -> Email {
    Email::parse(raw).expect("a valid email")
}

pub async fn user(store: &Store, raw_email: &str, name: &str) -> User {
    store
        .create_user(
            &email(raw_email),
            &DisplayName::parse(name).expect("a valid name"),
            "$argon2id$not-a-real-hash",
            now(),
        )
        .await
        .expect("the user is created")
}

pub fn new_community(name: &str, policy: JoinPolicy) -> NewCommunity {
    NewCommunity {
        name: BoundedText::parse("name", name, 1, 120, false).expect("a valid name"),
        description: BoundedText::parse("description", "Learning together", 0, 4000, true)
            .expect("a valid description"),
        kind: CommunityKind::Ongoing,
        calendar: CommunityCalendar {
            timezone: Timezone::parse("UTC").expect("a time zone"),
            hours: DayHours::parse("09:00", "18:00").expect("hours"),
            dates: None,
        },
        join_policy: policy,
        language: None,
    }
}

pub fn new_event(name: &str) -> NewCommunity {
    NewCommunity {
        kind: CommunityKind::Event,
        calendar: CommunityCalendar {
            timezone: Timezone::parse("Europe/Lisbon").expect("a time zone"),
            hours: DayHours::parse("08:30", "17:45").expect("hours"),
            dates: Some(EventDates::parse("2026-05-12", "2026-05-14").expect("dates")),
        },
        ..new_community(name, JoinPolicy::Invite)
    }
}

pub async fn community(store: &Store, creator: &User, policy: JoinPolicy) -> Community {
    store
        .create_community(&new_community("Guild", policy), creator.id, now())
        .await
        .expect("the community is created")
}

pub fn profile(headline: &str, team: &str, offers: &[&str], wants: &[&str]) -> ProfileUpdate {
    ProfileUpdate {
        text: ProfileText::parse(headline, "A short bio.\nTwo lines.", team).expect("text"),
        languages: Languages::parse(["English", "Português"]).expect("languages"),
        offers: TagList::parse("offers", offers.iter().copied()).expect("offers"),
        wants: TagList::parse("wants", wants.iter().copied()).expect("wants"),
        daily_cap: None,
    }
}

/// The stable code of a conflict, panicking on any other outcome.
pub fn conflict_code<T: std::fmt::Debug>(result: Result<T, StoreError>) -> &'static str {
    match result {
        Err(StoreError::Conflict { code, .. }) => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// Panics unless `result` is `NotFound`.
pub fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>) {
    assert!(
        matches!(result, Err(StoreError::NotFound(_))),
        "expected not found, got {result:?}"
    );
}

/// One row of the audit log: actor, action, subject, detail.
pub type AuditRow = (i64, String, String, String);

/// The community's audit log, oldest first (read over a connection of its own: the store
/// offers no reader yet).
pub async fn audit_log(db: &TestDb, community: CommunityId) -> Vec<AuditRow> {
    let pool = sqlx::AnyPool::connect(db.url())
        .await
        .expect("a second connection");
    let rows = sqlx::query_as(
        "SELECT actor_user_id, action, subject, detail FROM audit_log \
         WHERE community_id = $1 ORDER BY id",
    )
    .bind(community.0)
    .fetch_all(&pool)
    .await
    .expect("the audit log reads");
    pool.close().await;
    rows
}
