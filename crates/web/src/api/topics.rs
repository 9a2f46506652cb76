//! Topics: post, browse (full-text search and filters), read, close and reopen.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::{CommunityId, MeetingMode, MemberId, Tag, TopicFormat, TopicKind};
use peerlearn_store::TopicFilter;
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::ApiJson;
use super::views::{TopicPage, TopicView};
use super::{ApiQuery, path_id};
use crate::access;
use crate::app::topics;
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::input::TopicInput;
use crate::state::AppState;

/// Posts a topic in a community (members).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/topics", tag = "topics",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = TopicInput,
    responses(
        (status = 201, body = TopicView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<TopicInput>,
) -> Result<impl IntoResponse, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let new = input.parse(&m.community, state.clock.now())?;
    let topic = topics::create(&state, &me, id, &new).await?;
    Ok((StatusCode::CREATED, axum::Json(TopicView::from(&topic))))
}

/// Filters of the topic market.
#[derive(Debug, Deserialize, IntoParams, Default)]
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
            return Err(AppError::invalid("limit", "must be between 1 and 200"));
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
                    .map_err(|_| AppError::invalid("host", "is not a member id"))?,
            );
        }
        match given(&self.free).as_deref() {
            None | Some("false") | Some("0") => {}
            Some("true") | Some("1") | Some("on") => filter.free_for = Some((viewer, now)),
            Some(_) => return Err(AppError::invalid("free", "must be true or false")),
        }
        if let Some(d) = given(&self.day) {
            let day = chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .map_err(|_| AppError::invalid("day", "must be a date, YYYY-MM-DD"))?;
            filter.day = Some(calendar.hours_on(day).ok_or_else(|| {
                AppError::invalid("day", "has no opening hours in the community's time zone")
            })?);
        }
        match given(&self.sort).as_deref() {
            None | Some("relevance") | Some("newest") => {}
            Some("soonest") => filter.soonest = true,
            Some(_) => {
                return Err(AppError::invalid(
                    "sort",
                    "must be one of: newest, relevance, soonest",
                ));
            }
        }
        if let Some(c) = given(&self.cursor) {
            filter.offset = c
                .parse::<i64>()
                .ok()
                .filter(|o| (0..=1_000_000).contains(o))
                .ok_or_else(|| {
                    AppError::invalid("cursor", "is not a cursor from a previous page")
                })?;
        }
        Ok(filter)
    }
}

/// The topic market of a community (members): search, filters, pagination.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/topics", tag = "topics",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), TopicQuery),
    responses((status = 200, body = TopicPage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_topics(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiQuery(query): ApiQuery<TopicQuery>,
) -> Result<axum::Json<TopicPage>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let mut filter = query.filter(50, m.member, state.clock.now(), &m.community.calendar)?;
    filter.moderator = m.role.can_moderate();
    let page = state.store.topics(id, &filter).await?;
    Ok(axum::Json(TopicPage {
        items: page.items.iter().map(TopicView::from).collect(),
        next_cursor: page.next_cursor.clone(),
    }))
}

/// A topic (members of its community).
#[utoipa::path(get, path = "/api/v1/topics/{tid}", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 404, body = Problem)))]
pub async fn get_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    let (topic, _, _) =
        access::visible_topic(&state.store, path_id(&tid, "topic")?, me.user.id).await?;
    let meeting = state.store.topic_meeting(topic.id).await?;
    Ok(axum::Json(
        TopicView::from(&topic).with_meeting(meeting.as_ref()),
    ))
}

/// Closes a topic: it leaves the market (its host or an organizer).
#[utoipa::path(post, path = "/api/v1/topics/{tid}/close", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn close_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    Ok(axum::Json(TopicView::from(
        &topics::set_open(&state, &me, path_id(&tid, "topic")?, false).await?,
    )))
}

/// Reopens a closed topic (its host or an organizer).
#[utoipa::path(post, path = "/api/v1/topics/{tid}/reopen", tag = "topics",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id")),
    responses((status = 200, body = TopicView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn reopen_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
) -> Result<axum::Json<TopicView>, AppError> {
    Ok(axum::Json(TopicView::from(
        &topics::set_open(&state, &me, path_id(&tid, "topic")?, true).await?,
    )))
}
