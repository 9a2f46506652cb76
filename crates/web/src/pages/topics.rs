//! The topic market, posting a topic, and a topic's page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_domain::{CommunityId, InvalidInput, MeetingMode, TopicFormat, TopicKind};
use peerlearn_store::{TagCount, Topic};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::access;
use crate::api::path_id;
use crate::api::topics::{TopicQuery, visible_topic};
use crate::auth::CsrfToken;
use crate::input::TopicInput;
use crate::state::AppState;

/// A topic as a card or page shows it.
pub struct TopicCard {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: String,
    pub host_id: String,
    pub host_name: String,
    pub host_team: String,
    pub tags: Vec<String>,
    pub format_label: &'static str,
    pub mode_label: &'static str,
    pub capacity: u32,
    pub duration: u32,
    pub when: Option<String>,
    pub open: bool,
    pub description_html: String,
}

impl TopicCard {
    fn new(t: &Topic, calendar: &peerlearn_domain::CommunityCalendar) -> Self {
        let tz = calendar.timezone.tz();
        Self {
            id: t.id.to_string(),
            kind: t.kind.as_str(),
            kind_label: t.kind.label(),
            title: t.title.clone(),
            host_id: t.host.to_string(),
            host_name: t.host_name.clone(),
            host_team: t.host_team.clone(),
            tags: t.tags.clone(),
            format_label: t.format.label(),
            mode_label: t.mode.label(),
            capacity: t.capacity,
            duration: t.duration_minutes,
            when: t
                .starts_at
                .map(|s| s.with_timezone(&tz).format("%a %-d %b, %H:%M").to_string()),
            open: t.open,
            description_html: crate::api::views::stored_or_rendered(t),
        }
    }
}

#[derive(Template)]
#[template(path = "topics.html")]
struct MarketTemplate {
    page: Page,
    community: CommunityCard,
    topics: Vec<TopicCard>,
    tags: std::sync::Arc<Vec<TagCount>>,
    q: String,
    tag: String,
    kind: String,
    format: String,
    mode: String,
    day: String,
    free: bool,
    sort: String,
    next_url: Option<String>,
    error: Option<String>,
    filtered: bool,
}

pub async fn market(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<TopicQuery>,
    Query(notice): Query<NoticeQuery>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let q = &q;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (topics, next_url, error) =
        match q.filter(24, m.member, state.clock.now(), &m.community.calendar) {
            Ok(mut filter) => {
                filter.moderator = m.role.can_moderate();
                let page = state.store.topics(id, &filter).await?;
                let next_url = page.next_cursor.as_ref().map(|c| {
                    let mut s = url::form_urlencoded::Serializer::new(String::new());
                    for (k, v) in [
                        ("q", &q.q),
                        ("tag", &q.tag),
                        ("kind", &q.kind),
                        ("format", &q.format),
                        ("mode", &q.mode),
                        ("day", &q.day),
                    ] {
                        if let Some(v) = v {
                            s.append_pair(k, v);
                        }
                    }
                    s.append_pair("cursor", c);
                    format!("/c/{id}/topics?{}", s.finish())
                });
                let cards = page
                    .items
                    .iter()
                    .map(|t| TopicCard::new(t, &m.community.calendar))
                    .collect();
                (cards, next_url, None)
            }
            Err(e) => (Vec::new(), None, Some(e.detail())),
        };
    let filtered = [&q.q, &q.tag, &q.kind, &q.format, &q.mode, &q.free, &q.day]
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    render(&MarketTemplate {
        page: Page::new(Some(&me), &csrf).with_notice(notice.notice.as_deref()),
        community: CommunityCard::new(&m.community, Some(m.role)),
        topics,
        tags: state.store.topic_tags(id, 20).await?,
        q: text(&q.q),
        tag: text(&q.tag),
        kind: text(&q.kind),
        format: text(&q.format),
        mode: text(&q.mode),
        day: text(&q.day),
        free: q
            .free
            .as_deref()
            .is_some_and(|f| matches!(f, "true" | "1" | "on")),
        sort: text(&q.sort),
        next_url,
        error,
        filtered,
    })
}

/// The "post a topic" form: tags typed as comma-separated text, time as a local date-time.
#[derive(Deserialize, Default)]
pub struct TopicForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    duration_minutes: String,
    #[serde(default)]
    starts_at: String,
}

#[derive(Template)]
#[template(path = "topic_new.html")]
struct NewTopicTemplate {
    page: Page,
    community: CommunityCard,
    form: TopicForm,
    errors: InvalidInput,
    durations: &'static [u32],
    max_group: u32,
    suggestions: Vec<TagCount>,
}

/// Values a link may fill in on the new-topic form (e.g. "Host a group" on the demand board).
#[derive(Deserialize, Default)]
pub struct TopicPrefill {
    kind: Option<String>,
    format: Option<String>,
    tags: Option<String>,
    title: Option<String>,
}

pub async fn new_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(prefill): Query<TopicPrefill>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let pick = |raw: Option<String>, ok: fn(&str) -> bool, default: &str| {
        raw.filter(|v| ok(v)).unwrap_or_else(|| default.to_string())
    };
    render(&NewTopicTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        form: TopicForm {
            kind: pick(
                prefill.kind,
                |v| TopicKind::parse("kind", v).is_ok(),
                TopicKind::Offer.as_str(),
            ),
            format: pick(
                prefill.format,
                |v| TopicFormat::parse("format", v).is_ok(),
                TopicFormat::OneOnOne.as_str(),
            ),
            mode: MeetingMode::Either.as_str().into(),
            capacity: "4".into(),
            tags: prefill.tags.unwrap_or_default().chars().take(400).collect(),
            title: prefill
                .title
                .unwrap_or_default()
                .chars()
                .take(120)
                .collect(),
            ..TopicForm::default()
        },
        errors: InvalidInput::default(),
        durations: peerlearn_domain::Minutes::DEFAULT_ALLOWED,
        max_group: m.community.max_group_capacity,
        suggestions: state.store.tag_suggestions(id, "", 200).await?,
    })
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    CsrfForm(form): CsrfForm<TopicForm>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let now = state.clock.now();
    let mut errors = InvalidInput::default();
    let number = |field: &str, raw: &str, errors: &mut InvalidInput| -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        raw.parse()
            .map_err(|_| errors.push(field, "must be a whole number"))
            .ok()
    };
    let capacity = number("capacity", &form.capacity, &mut errors);
    let duration = number("duration_minutes", &form.duration_minutes, &mut errors);
    // The browser sends a local date-time ("2026-05-12T10:30") in the community's time zone.
    let starts_at = match form.starts_at.trim() {
        "" => None,
        raw => match chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M") {
            Ok(local) => local
                .and_local_timezone(m.community.calendar.timezone.tz())
                .earliest()
                .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339()),
            Err(_) => {
                errors.push("starts_at", "is not a date and time");
                None
            }
        },
    };
    let input = TopicInput {
        kind: form.kind.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        format: form.format.clone(),
        capacity,
        mode: form.mode.clone(),
        duration_minutes: duration,
        starts_at,
    };
    let parsed = input.parse(&m.community, now);
    let new = match (parsed, errors.is_empty()) {
        (Ok(new), true) => new,
        (result, _) => {
            if let Err(e) = result {
                errors.errors.extend(e.errors);
            }
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewTopicTemplate {
                    page: Page::new(Some(&me), &csrf),
                    community: CommunityCard::new(&m.community, Some(m.role)),
                    form,
                    errors,
                    durations: peerlearn_domain::Minutes::DEFAULT_ALLOWED,
                    max_group: m.community.max_group_capacity,
                    suggestions: state.store.tag_suggestions(id, "", 200).await?,
                },
            );
        }
    };
    let topic = match state
        .store
        .create_topic(
            id,
            m.member,
            &new,
            &crate::api::meetings::video_room(&state),
            now,
        )
        .await
    {
        Ok(t) => {
            (state.recommendations)
                .topic_changed(&state.store, &t, state.clock.now())
                .await;
            t
        }
        Err(peerlearn_store::StoreError::Conflict { message, .. }) => {
            return render_status(
                StatusCode::CONFLICT,
                &NewTopicTemplate {
                    page: Page::new(Some(&me), &csrf),
                    community: CommunityCard::new(&m.community, Some(m.role)),
                    form,
                    errors: InvalidInput::one("starts_at", message),
                    durations: peerlearn_domain::Minutes::DEFAULT_ALLOWED,
                    max_group: m.community.max_group_capacity,
                    suggestions: state.store.tag_suggestions(id, "", 200).await?,
                },
            );
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/c/{id}/topics/{}?notice=topic_posted", topic.id)).into_response())
}

/// A time both people are free, offered as a choice on the request form.
pub struct SlotChoice {
    pub value: i64,
    pub label: String,
}

#[derive(Template)]
#[template(path = "topic.html")]
struct TopicTemplate {
    page: Page,
    community: CommunityCard,
    topic: TopicCard,
    may_change: bool,
    can_request: bool,
    slots: Vec<SlotChoice>,
    error: Option<String>,
    message: String,
    /// For a group with a fixed time: seats taken and its size (host included), and whether
    /// the viewer has one.
    seats: Option<(u32, u32)>,
    seated: bool,
    is_host: bool,
    /// Why a moderator hid the topic (shown to its host and the moderators only).
    hidden_reason: Option<String>,
    can_moderate: bool,
    /// What people learned in meetings on this topic (shared with consent), newest first.
    notes: Vec<(String, Option<String>)>,
    /// The viewer's place on the waitlist (1 is next) and how many wait.
    waitlisted: bool,
    waitlist_position: u32,
    waitlist_length: u32,
}

async fn topic_template(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    cid: &str,
    tid: &str,
) -> Result<(TopicTemplate, Topic), super::PageError> {
    let (topic, m, may_change) = visible_topic(state, me.user.id, tid).await?;
    if topic.community_id.to_string() != cid {
        return Err(crate::error::AppError::NotFound("topic").into());
    }
    let can_request = topic.open && topic.host != m.member && topic.format == TopicFormat::OneOnOne;
    let mut slots = Vec::new();
    if can_request {
        let mine = state.store.member(m.community.id, m.member).await?;
        let host = state.store.member(m.community.id, topic.host).await?;
        let mut busy: Vec<peerlearn_domain::TimeRange> = Vec::new();
        for who in [m.member, topic.host] {
            busy.extend(
                state
                    .store
                    .meetings_of(who, Some(m.community.id))
                    .await?
                    .iter()
                    .filter(|g| g.confirmed)
                    .map(|g| g.time),
            );
        }
        let tz = m.community.calendar.timezone.tz();
        slots = peerlearn_domain::common_free_slots(
            &mine.availability,
            &host.availability,
            &busy,
            i64::from(topic.duration_minutes),
            30,
            state.clock.now(),
            8,
        )
        .into_iter()
        .map(|s| SlotChoice {
            value: s.start().timestamp(),
            label: s
                .start()
                .with_timezone(&tz)
                .format("%a %-d %b, %H:%M")
                .to_string(),
        })
        .collect();
    }
    let meeting = state
        .store
        .topic_meeting(topic.id)
        .await?
        .filter(|g| g.confirmed);
    let (waitlist_place, waitlist_length) = match &meeting {
        Some(g) => match state.store.waitlist_place(g.id, m.member).await? {
            Some(p) => (Some(p.position), p.length),
            None => (None, state.store.waitlist_length(g.id).await?),
        },
        None => (None, 0),
    };
    let t = TopicTemplate {
        page: Page::new(Some(me), csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        topic: TopicCard::new(&topic, &m.community.calendar),
        may_change,
        can_request,
        slots,
        error: None,
        message: String::new(),
        seats: meeting.as_ref().map(|g| (g.seats_taken, g.capacity)),
        seated: meeting.as_ref().is_some_and(|g| {
            g.participants
                .iter()
                .any(|p| p.member == m.member && p.confirmed)
        }),
        is_host: topic.host == m.member,
        hidden_reason: crate::api::questions::hidden_reason(
            state,
            peerlearn_domain::SubjectKind::Topic,
            topic.id.0,
        )
        .await?,
        can_moderate: m.role.can_moderate(),
        notes: state
            .store
            .notes(
                m.community.id,
                &peerlearn_store::NoteFilter {
                    topic: Some(topic.id),
                    limit: 10,
                    ..peerlearn_store::NoteFilter::default()
                },
            )
            .await?
            .items
            .into_iter()
            .map(|n| (n.body, n.author.map(|(_, name)| name)))
            .collect(),
        waitlisted: waitlist_place.is_some(),
        waitlist_position: waitlist_place.unwrap_or(0),
        waitlist_length,
    };
    Ok((t, topic))
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let (mut t, _) = topic_template(&state, &me, &csrf, &cid, &tid).await?;
    t.page = t.page.with_notice(q.notice.as_deref());
    render(&t)
}

#[derive(Deserialize, Default)]
pub struct RequestForm {
    #[serde(default)]
    slot: Vec<String>,
    #[serde(default)]
    other: String,
    #[serde(default)]
    message: String,
}

pub async fn request(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> PageResult {
    let (mut t, _) = topic_template(&state, &me, &csrf, &cid, &tid).await?;
    let community = state.store.community(path_id(&cid, "community")?).await?;
    let mut times: Vec<String> = form
        .slot
        .iter()
        .filter_map(|v| v.parse::<i64>().ok())
        .filter_map(|v| chrono::DateTime::from_timestamp(v, 0))
        .map(|d| d.to_rfc3339())
        .collect();
    if let Ok(local) = chrono::NaiveDateTime::parse_from_str(form.other.trim(), "%Y-%m-%dT%H:%M")
        && let Some(at) = local
            .and_local_timezone(community.calendar.timezone.tz())
            .earliest()
    {
        times.push(at.with_timezone(&chrono::Utc).to_rfc3339());
    }
    let input = crate::api::meetings::RequestInput {
        proposed_times: times,
        message: Some(form.message.clone()),
    };
    match crate::api::meetings::request_meeting(&state, &me, &tid, input).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/c/{cid}/meetings?notice=request_sent")).into_response())
        }
        Err(e @ (crate::error::AppError::Invalid(_) | crate::error::AppError::Conflict { .. })) => {
            t.error = Some(match &e {
                crate::error::AppError::Invalid(_)
                    if form.slot.is_empty() && form.other.trim().is_empty() =>
                {
                    "Choose at least one time.".to_string()
                }
                other => other.detail(),
            });
            t.message = form.message;
            render_status(e.status(), &t)
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_open(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    cid: &str,
    tid: &str,
    open: bool,
) -> PageResult {
    let (topic, _, may_change) = visible_topic(state, me.user.id, tid).await?;
    if topic.community_id.to_string() != cid {
        return Err(crate::error::AppError::NotFound("topic").into());
    }
    if !may_change {
        return Err(crate::error::AppError::Forbidden(
            "only the host or an organizer can change this topic",
        )
        .into());
    }
    let topic = state.store.set_topic_open(topic.id, open).await?;
    (state.recommendations)
        .topic_changed(&state.store, &topic, state.clock.now())
        .await;
    let notice = if open {
        "topic_reopened"
    } else {
        "topic_closed"
    };
    Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice={notice}")).into_response())
}

pub async fn close(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    set_open(&state, &me, &cid, &tid, false).await
}

pub async fn reopen(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    set_open(&state, &me, &cid, &tid, true).await
}

pub async fn take_seat(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    match crate::api::meetings::take_seat(&state, &me, &tid).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=seat_taken")).into_response())
        }
        Err(e @ crate::error::AppError::Conflict { .. }) => {
            let (mut t, _) = topic_template(&state, &me, &csrf, &cid, &tid).await?;
            t.error = Some(e.detail());
            render_status(e.status(), &t)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn leave_seat(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    crate::api::meetings::leave_seat(&state, &me, &tid).await?;
    Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=seat_left")).into_response())
}

pub async fn join_waitlist(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    match crate::api::waitlist::join(&state, &me, &tid).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=waitlist_joined")).into_response(),
        ),
        Err(e @ crate::error::AppError::Conflict { .. }) => {
            let (mut t, _) = topic_template(&state, &me, &csrf, &cid, &tid).await?;
            t.error = Some(e.detail());
            render_status(e.status(), &t)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn leave_waitlist(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    crate::api::waitlist::leave(&state, &me, &tid).await?;
    Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=waitlist_left")).into_response())
}
