//! What the store hands back: rows parsed into domain types.

use chrono::{DateTime, NaiveDate, Utc};
use peerlearn_domain::{
    CommunityCalendar, CommunityId, CommunityKind, CommunityLanguage, DayHours, EventDates,
    JoinPolicy, MeetingMode, MemberId, Role, SpotId, SpotKind, Tag, TimeRange, Timezone,
    TopicFormat, TopicId, TopicKind, UserId,
};

use crate::StoreResult;
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
    /// The language the member chose ("en", "fr"), if any.
    pub language: Option<String>,
    /// The IANA time zone the member chose, if any.
    pub time_zone: Option<String>,
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
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::Api => "api",
        }
    }

    pub(crate) fn from_word(word: &str) -> Self {
        if word == "session" {
            Self::Session
        } else {
            Self::Api
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
    /// The language for people whose own is not known.
    pub language: CommunityLanguage,
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
    parse("stored", raw).map_err(|e| StoreError::Corrupt(format!("{raw}: {e}")))
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
    pub language: String,
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
            language: word(CommunityLanguage::parse, &r.language)?,
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

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: TopicId,
    pub community_id: CommunityId,
    pub host: MemberId,
    pub host_name: String,
    pub host_team: String,
    pub kind: TopicKind,
    pub title: String,
    pub description: String,
    /// The description as safe HTML, rendered when the topic was written.
    pub description_html: String,
    pub tags: Vec<String>,
    pub format: TopicFormat,
    pub capacity: u32,
    pub mode: MeetingMode,
    pub duration_minutes: u32,
    pub starts_at: Option<DateTime<Utc>>,
    pub open: bool,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<TopicRow> for Topic {
    type Error = StoreError;

    fn try_from(r: TopicRow) -> StoreResult<Self> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("topic {}: {what}", r.id));
        Ok(Topic {
            id: TopicId(r.id),
            community_id: CommunityId(r.community_id),
            host: MemberId(r.host_member_id),
            kind: word(TopicKind::parse, &r.kind)?,
            format: word(TopicFormat::parse, &r.format)?,
            mode: word(MeetingMode::parse, &r.mode)?,
            capacity: u32::try_from(r.capacity).map_err(|_| corrupt("capacity"))?,
            duration_minutes: u32::try_from(r.duration_minutes).map_err(|_| corrupt("duration"))?,
            starts_at: r.starts_at.map(time).transpose()?,
            open: r.status == "open",
            created_at: time(r.created_at)?,
            tags: split_lines(&r.tags),
            host_name: r.host_name,
            host_team: r.host_team,
            title: r.title,
            description: r.description,
            description_html: r.description_html,
        })
    }
}

/// What the topic market shows.
#[derive(Debug, Clone, Default)]
pub struct TopicFilter {
    /// Full-text search over title, description and tags (stemmed).
    pub q: Option<String>,
    pub tag: Option<Tag>,
    pub kind: Option<TopicKind>,
    pub format: Option<TopicFormat>,
    pub mode: Option<MeetingMode>,
    pub host: Option<MemberId>,
    /// Only topics this member could attend: a group time inside their availability, or (one-
    /// on-one) a free time they share with the host, long enough for the meeting and after
    /// `after`.
    pub free_for: Option<(MemberId, DateTime<Utc>)>,
    /// Only topics on this day (the community's hours that day): fixed-time groups starting
    /// in it, and other topics whose host is available in it for the topic's duration.
    pub day: Option<TimeRange>,
    /// Order: newest first (the default), or fixed-time groups by start time first.
    pub soonest: bool,
    /// Include closed topics.
    pub include_closed: bool,
    /// Who is looking: topics hidden by a moderator are left out, except the viewer's own.
    pub viewer: Option<MemberId>,
    /// The viewer moderates the community: hidden topics are listed too.
    pub moderator: bool,
    /// How many matching topics to skip (the cursor).
    pub offset: i64,
    /// Page size (1 to 200).
    pub limit: i64,
}

/// A signed-in user as found from a token.
#[derive(Debug, Clone)]
pub struct TokenOwner {
    pub user: User,
    pub kind: TokenKind,
    /// When the token was last used (written at most every few minutes), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// One of a member's sessions or API tokens, as their account page lists it.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub id: i64,
    pub kind: TokenKind,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    /// The client that created it (its User-Agent, cut short); empty when unknown.
    pub client: String,
    /// The token of the request that asked.
    pub current: bool,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TopicRow {
    id: i64,
    community_id: i64,
    host_member_id: i64,
    host_name: String,
    host_team: String,
    kind: String,
    title: String,
    description: String,
    description_html: String,
    tags: String,
    format: String,
    capacity: i64,
    mode: String,
    duration_minutes: i64,
    starts_at: Option<i64>,
    status: String,
    created_at: i64,
}
