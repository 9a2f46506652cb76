//! What the store hands back: rows parsed into domain types.

use chrono::{DateTime, NaiveDate, Utc};
use peerlearn_domain::{
    CommunityCalendar, CommunityId, CommunityKind, DayHours, EventDates, JoinPolicy, MemberId,
    Role, SpotId, SpotKind, TimeRange, Timezone, UserId,
};

use crate::error::StoreError;

/// One page of a list, with the cursor for the next page.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page from rows fetched with `LIMIT limit + 1 OFFSET offset`: an extra row means a next
    /// page exists, whose cursor is the next offset; each kept row is converted.
    pub(crate) fn from_offset_rows<R>(
        mut rows: Vec<R>,
        limit: i64,
        offset: i64,
    ) -> Result<Self, StoreError>
    where
        R: TryInto<T, Error = StoreError>,
    {
        let next_cursor = (rows.len() as i64 > limit).then(|| {
            rows.truncate(limit as usize);
            (offset + limit).to_string()
        });
        Ok(Page {
            items: rows
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_, _>>()?,
            next_cursor,
        })
    }
}

/// An account.
#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
}

/// What a secret token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A browser session (cookie), with a CSRF token.
    Session,
    /// An API bearer token.
    Api,
}

impl TokenKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Api => "api",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Community {
    pub id: CommunityId,
    pub name: String,
    pub description: String,
    pub kind: CommunityKind,
    pub calendar: CommunityCalendar,
    pub join_policy: JoinPolicy,
    pub invite_code: String,
    pub member_count: i64,
    /// The most people a group topic may take.
    pub max_group_capacity: u32,
    pub created_at: DateTime<Utc>,
}

/// A membership with its profile.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: MemberId,
    pub community_id: CommunityId,
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
    pub headline: String,
    pub bio: String,
    pub team: String,
    pub languages: Vec<String>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    pub availability: Vec<TimeRange>,
    /// The most meetings the member takes in one day, if they set a cap.
    pub daily_cap: Option<u32>,
    pub joined_at: DateTime<Utc>,
}

/// A member as listed in the directory.
#[derive(Debug, Clone)]
pub struct MemberSummary {
    pub id: MemberId,
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
    pub headline: String,
    pub team: String,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Spot {
    pub id: SpotId,
    pub community_id: CommunityId,
    pub name: String,
    pub kind: SpotKind,
    pub capacity: u32,
}

/// A tag and how many members use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub count: i64,
}

pub(crate) fn time(secs: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| StoreError::Corrupt(format!("time {secs}")))
}

pub(crate) fn word<T>(
    parse: fn(&str, &str) -> Result<T, peerlearn_domain::Invalid>,
    raw: &str,
) -> Result<T, StoreError> {
    parse("stored", raw).map_err(|e| StoreError::Corrupt(format!("{raw}: {}", e.message)))
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommunityRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub timezone: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub day_start: i64,
    pub day_end: i64,
    pub join_policy: String,
    pub invite_code: String,
    pub member_count: i64,
    pub created_at: i64,
    pub max_group_capacity: i64,
}

impl TryFrom<CommunityRow> for Community {
    type Error = StoreError;

    fn try_from(r: CommunityRow) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("community {}: {what}", r.id));
        let timezone = Timezone::parse(&r.timezone).map_err(|_| corrupt("timezone"))?;
        let hours =
            DayHours::from_minutes(r.day_start, r.day_end).ok_or_else(|| corrupt("hours"))?;
        let dates = match (&r.starts_on, &r.ends_on) {
            (Some(s), Some(e)) => Some(EventDates {
                starts_on: NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| corrupt("dates"))?,
                ends_on: NaiveDate::parse_from_str(e, "%Y-%m-%d").map_err(|_| corrupt("dates"))?,
            }),
            _ => None,
        };
        Ok(Community {
            id: CommunityId(r.id),
            kind: word(CommunityKind::parse, &r.kind)?,
            join_policy: word(JoinPolicy::parse, &r.join_policy)?,
            calendar: CommunityCalendar {
                timezone,
                hours,
                dates,
            },
            created_at: time(r.created_at)?,
            max_group_capacity: u32::try_from(r.max_group_capacity)
                .map_err(|_| corrupt("max_group_capacity"))?,
            name: r.name,
            description: r.description,
            invite_code: r.invite_code,
            member_count: r.member_count,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SpotRow {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub kind: String,
    pub capacity: i64,
}

impl TryFrom<SpotRow> for Spot {
    type Error = StoreError;

    fn try_from(r: SpotRow) -> Result<Self, StoreError> {
        Ok(Spot {
            id: SpotId(r.id),
            community_id: CommunityId(r.community_id),
            kind: word(SpotKind::parse, &r.kind)?,
            capacity: u32::try_from(r.capacity)
                .map_err(|_| StoreError::Corrupt("capacity".into()))?,
            name: r.name,
        })
    }
}

/// Splits the stored, newline-separated language list.
pub(crate) fn split_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
