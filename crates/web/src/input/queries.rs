//! The query strings of lists and searches, shared by the API and the pages, and their
//! parsing into store filters: the topic market, questions, the knowledge base, the
//! directory, the dashboard's period, pagination, and what a member dismisses.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use peerlearn_domain::{Invalid, MeetingMode, MemberId, Tag, TopicFormat, TopicId, TopicKind};
use peerlearn_store::{DirectoryFilter, NoteFilter, QuestionFilter, TopicFilter};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::access::AsMember;
use crate::error::AppError;

/// Pagination parameters shared by every list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The page size and the cursor as a row id.
    pub fn parse(&self) -> Result<(i64, Option<i64>), AppError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            return Err(AppError::out_of_range("limit", 1, 200));
        }
        let cursor = match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(
                c.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| AppError::invalid("cursor", "invalid-cursor"))?,
            ),
        };
        Ok((limit, cursor))
    }
}

/// Filters of the topic market.
#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct TopicQuery {
    /// Full-text search over title, description and tags (stemmed; the last word may be a prefix).
    pub q: Option<String>,
    pub tag: Option<String>,
    /// `offer` or `ask`.
    pub kind: Option<String>,
    /// `one_on_one` or `group`.
    pub format: Option<String>,
    /// `in_person`, `virtual` or `either`.
    pub mode: Option<String>,
    /// Only this member's topics.
    pub host: Option<String>,
    /// `true`: only topics the caller could attend (a fixed group time inside their
    /// availability, or a free time shared with the host).
    pub free: Option<String>,
    /// `YYYY-MM-DD` in the community's time zone: fixed-time groups that day, and other topics
    /// whose host is available that day (within the community's hours) for the topic's length.
    pub day: Option<String>,
    /// `newest` (default without `q`), `relevance` (default with `q`) or `soonest` (fixed-time
    /// groups by start time first).
    pub sort: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl TopicQuery {
    /// Parses the filters; empty values mean "any".
    pub fn filter(
        &self,
        default_limit: i64,
        viewer: MemberId,
        now: chrono::DateTime<chrono::Utc>,
        calendar: &peerlearn_domain::CommunityCalendar,
    ) -> Result<TopicFilter, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut filter = TopicFilter {
            q: given(&self.q).map(|q| q.chars().take(200).collect()),
            limit: self.limit.unwrap_or(default_limit),
            viewer: Some(viewer),
            ..TopicFilter::default()
        };
        if !(1..=200).contains(&filter.limit) {
            return Err(AppError::out_of_range("limit", 1, 200));
        }
        if let Some(t) = given(&self.tag) {
            filter.tag = Some(Tag::parse("tag", &t)?);
        }
        if let Some(k) = given(&self.kind) {
            filter.kind = Some(TopicKind::parse("kind", &k)?);
        }
        if let Some(f) = given(&self.format) {
            filter.format = Some(TopicFormat::parse("format", &f)?);
        }
        if let Some(m) = given(&self.mode) {
            filter.mode = Some(MeetingMode::parse("mode", &m)?);
        }
        if let Some(h) = given(&self.host) {
            filter.host = Some(
                h.parse::<MemberId>()
                    .map_err(|_| AppError::invalid("host", "invalid-id"))?,
            );
        }
        match given(&self.free).as_deref() {
            None | Some("false") | Some("0") => {}
            Some("true") | Some("1") | Some("on") => filter.free_for = Some((viewer, now)),
            Some(_) => return Err(AppError::invalid("free", "invalid-boolean")),
        }
        if let Some(d) = given(&self.day) {
            let day = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                AppError::from(Invalid::new("day", "invalid-date").arg("value", d.as_str()))
            })?;
            filter.day = Some(calendar.hours_on(day).ok_or_else(|| {
                AppError::from(Invalid::new("day", "invalid-no-hours-that-day").arg("day", day))
            })?);
        }
        match given(&self.sort).as_deref() {
            None | Some("relevance") | Some("newest") => {}
            Some("soonest") => filter.soonest = true,
            Some(_) => {
                return Err(Invalid::new("sort", "invalid-choice")
                    .arg("choices", "newest, relevance, soonest")
                    .into());
            }
        }
        if let Some(c) = given(&self.cursor) {
            filter.offset = offset_cursor(&c)?;
        }
        Ok(filter)
    }
}

/// Filters of the questions list.
#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct QuestionQuery {
    /// Full-text search over title, body and tags (stemmed; the last word may be a prefix).
    pub q: Option<String>,
    pub tag: Option<String>,
    /// `true`: only questions nobody has answered yet.
    pub unanswered: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl QuestionQuery {
    /// Parses the filters; empty values mean "any".
    pub fn filter(
        &self,
        default_limit: i64,
        viewer: &AsMember,
    ) -> Result<QuestionFilter, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut filter = QuestionFilter {
            q: given(&self.q).map(|q| q.chars().take(200).collect()),
            limit: self.limit.unwrap_or(default_limit),
            viewer: Some(viewer.member),
            moderator: viewer.role.can_moderate(),
            ..QuestionFilter::default()
        };
        if !(1..=200).contains(&filter.limit) {
            return Err(AppError::out_of_range("limit", 1, 200));
        }
        if let Some(t) = given(&self.tag) {
            filter.tag = Some(Tag::parse("tag", &t)?);
        }
        filter.unanswered = match given(&self.unanswered).as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") | Some("on") => true,
            Some(_) => return Err(AppError::invalid("unanswered", "invalid-boolean")),
        };
        if let Some(c) = given(&self.cursor) {
            filter.offset = offset_cursor(&c)?;
        }
        Ok(filter)
    }
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct NoteQuery {
    /// Full-text search over what was learned and the tags.
    pub q: Option<String>,
    /// Only notes with this tag.
    pub tag: Option<String>,
    /// Only notes on this topic.
    pub topic: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl NoteQuery {
    pub fn filter(&self, include_hidden: bool) -> Result<NoteFilter, AppError> {
        let (limit, offset) = PageQuery {
            limit: self.limit,
            cursor: self.cursor.clone(),
        }
        .parse()?;
        let tag = match self.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            None => None,
            Some(raw) => Some(Tag::parse("tag", raw)?.as_str().to_string()),
        };
        let topic = match self.topic.as_deref().filter(|t| !t.is_empty()) {
            None => None,
            Some(raw) => Some(
                raw.parse::<TopicId>()
                    .map_err(|_| AppError::invalid("topic", "invalid-id"))?,
            ),
        };
        Ok(NoteFilter {
            q: self.q.clone().filter(|q| !q.trim().is_empty()),
            tag,
            topic,
            include_hidden,
            limit,
            offset: offset.unwrap_or(0),
        })
    }
}

/// Builds a directory filter from the text a person typed.
pub fn directory_filter(
    tag: Option<&str>,
    text: Option<&str>,
    limit: i64,
    cursor: Option<i64>,
) -> Result<DirectoryFilter, AppError> {
    let tag = match tag.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Some(Tag::parse("tag", t)?),
        None => None,
    };
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(100).collect());
    Ok(DirectoryFilter {
        tag,
        text,
        cursor,
        limit,
    })
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// First day (YYYY-MM-DD, community time zone); default 30 days before `to`.
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD); default today.
    pub to: Option<String>,
}

impl DashboardQuery {
    pub fn period(&self, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<Period, AppError> {
        let mut errors = peerlearn_domain::InvalidInput::default();
        let day =
            |field: &str, raw: Option<&str>, errors: &mut peerlearn_domain::InvalidInput| match raw
                .filter(|r| !r.is_empty())
            {
                None => None,
                Some(r) => match NaiveDate::parse_from_str(r, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        errors.add(Invalid::new(field, "invalid-date").arg("value", r));
                        None
                    }
                },
            };
        let to_day = day("to", self.to.as_deref(), &mut errors)
            .unwrap_or_else(|| now.with_timezone(&tz).date_naive());
        let from_day =
            day("from", self.from.as_deref(), &mut errors).unwrap_or(to_day - Duration::days(29));
        if errors.is_empty() && from_day > to_day {
            errors.push("from", "invalid-period-reversed");
        }
        if errors.is_empty() && (to_day - from_day).num_days() > 3660 {
            errors.push("from", "invalid-period-too-long");
        }
        errors.into_result()?;
        let start_of = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(tz).earliest())
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| AppError::invalid("from", "invalid-day-missing"))
        };
        Ok(Period {
            from_day,
            to_day,
            from: start_of(from_day)?,
            to: start_of(to_day + Duration::days(1))?,
        })
    }
}

/// The period of a dashboard, as days and as instants.
pub struct Period {
    pub from_day: NaiveDate,
    pub to_day: NaiveDate,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// What to dismiss: exactly one of a topic or a host.
#[derive(Debug, Deserialize, IntoParams, ToSchema, Default)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DismissalInput {
    /// A topic you are not interested in.
    pub topic_id: Option<String>,
    /// A member whose topics you are not interested in.
    pub host_id: Option<String>,
}

impl DismissalInput {
    pub fn parse(&self) -> Result<Target, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        match (given(&self.topic_id), given(&self.host_id)) {
            (Some(t), None) => t
                .parse()
                .map(Target::Topic)
                .map_err(|_| AppError::invalid("topic_id", "invalid-id")),
            (None, Some(h)) => h
                .parse()
                .map(Target::Host)
                .map_err(|_| AppError::invalid("host_id", "invalid-id")),
            _ => Err(AppError::invalid("topic_id", "invalid-topic-or-host")),
        }
    }
}

/// A parsed dismissal target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Topic(TopicId),
    Host(MemberId),
}

/// The offset a page's `next_cursor` carries, for lists paged by offset.
fn offset_cursor(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|o| (0..=1_000_000).contains(o))
        .ok_or_else(|| AppError::invalid("cursor", "invalid-cursor"))
}
