//! A topic's page: asking to meet, closing and reopening, seats of a group and its waitlist.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_domain::TopicFormat;
use peerlearn_store::Topic;
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::app::proposals::Proposal;
use crate::app::{requests, seats, topics};
use crate::auth::CsrfToken;
use crate::error::AppError;
use crate::input::path_id;
use crate::state::AppState;

use super::topics::TopicCard;

/// A time both people are free, offered as a choice on the request form.
pub struct SlotChoice {
    pub value: i64,
    /// "10:30"
    pub label: String,
}

/// The free times of one day.
pub struct SlotDay {
    /// "Tue 8 Dec"
    pub label: String,
    pub slots: Vec<SlotChoice>,
}

/// A group's seats for participants (the host not counted).
pub struct Seats {
    pub taken: u32,
    pub size: u32,
    /// "1 of 3 taken"
    pub label: String,
    /// One entry per seat: taken or free (drawn as dots).
    pub dots: Vec<bool>,
}

impl Seats {
    fn new((taken, size): (u32, u32), page: &Page) -> Self {
        Self {
            label: page.lang.t_args(
                "topics-seats-taken",
                &[("taken", taken.into()), ("size", size.into())],
            ),
            dots: (0..size.min(40)).map(|i| i < taken).collect(),
            taken,
            size,
        }
    }

    pub fn full(&self) -> bool {
        self.taken >= self.size
    }

    pub fn left(&self) -> u32 {
        self.size.saturating_sub(self.taken)
    }
}

#[derive(Template)]
#[template(path = "topic.html")]
struct TopicTemplate {
    page: Page,
    community: CommunityCard,
    topic: TopicCard,
    may_change: bool,
    can_request: bool,
    /// The times both are free, by day.
    slot_days: Vec<SlotDay>,
    /// Why a seat or waitlist action was refused (shown in the Seats card).
    seat_error: Option<String>,
    /// Why the request was refused as a whole (shown atop the request form).
    request_error: Option<String>,
    /// The request form's field errors, by its fields: `slot`, `other` and `message`.
    request_errors: FieldErrors,
    message: String,
    /// For a group with a fixed time: its participant seats taken and in all (the host not
    /// counted), and whether the viewer has one.
    seats: Option<Seats>,
    seated: bool,
    is_host: bool,
    /// Why a moderator hid the topic (shown to its host and the moderators only).
    hidden_reason: Option<String>,
    can_moderate: bool,
    /// What people learned in meetings on this topic (shared with consent), newest first.
    notes: Vec<(String, Option<String>)>,
    /// The viewer's place on the waitlist (1 is next) and how many wait.
    waitlisted: bool,
    waitlist_length: u32,
    /// "You are number 2 of 3 on the waitlist."
    waitlist_place: String,
    /// The zone the page's times are in, and "another time" is read in.
    zone: String,
}

async fn topic_template(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    cid: &str,
    tid: &str,
) -> Result<(TopicTemplate, Topic), super::PageError> {
    let (topic, m, may_change) =
        crate::access::visible_topic(&state.store, path_id(tid, "topic")?, me.user.id).await?;
    if topic.community_id.to_string() != cid {
        return Err(crate::error::AppError::NotFound("topic").into());
    }
    let page = Page::new(Some(me), csrf);
    let zone = page.zone(m.community.calendar.timezone.tz());
    let can_request = topic.open && topic.host != m.member && topic.format == TopicFormat::OneOnOne;
    let mut slot_days: Vec<SlotDay> = Vec::new();
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
        let free = peerlearn_domain::common_free_slots(
            &mine.availability,
            &host.availability,
            &busy,
            i64::from(topic.duration_minutes),
            30,
            state.clock.now(),
            8,
        );
        for s in free {
            let local = s.start().with_timezone(&zone);
            let day = page.lang.day(local.date_naive());
            let choice = SlotChoice {
                value: s.start().timestamp(),
                label: page.lang.clock(&local),
            };
            match slot_days.last_mut() {
                Some(d) if d.label == day => d.slots.push(choice),
                _ => slot_days.push(SlotDay {
                    label: day,
                    slots: vec![choice],
                }),
            }
        }
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
        community: CommunityCard::new(&m.community, Some(m.role)),
        topic: TopicCard::new(&topic, &m.community.calendar, &page),
        may_change,
        can_request,
        slot_days,
        seat_error: None,
        request_error: None,
        request_errors: FieldErrors::default(),
        message: String::new(),
        seats: meeting
            .as_ref()
            .map(|g| Seats::new(g.participant_seats(), &page)),
        seated: meeting.as_ref().is_some_and(|g| {
            g.participants
                .iter()
                .any(|p| p.member == m.member && p.confirmed)
        }),
        is_host: topic.host == m.member,
        hidden_reason: state
            .store
            .hidden(peerlearn_domain::SubjectKind::Topic, topic.id.0)
            .await?
            .map(|h| h.reason),
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
        waitlist_length,
        waitlist_place: page.lang.t_args(
            "topics-waitlist-place",
            &[
                ("position", waitlist_place.unwrap_or(0).into()),
                ("length", waitlist_length.into()),
            ],
        ),
        zone: zone.name().to_string(),
        page,
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
    match topic_template(&state, &me, &csrf, &cid, &tid).await {
        Ok((mut t, _)) => {
            t.page = t.page.with_notice(q.notice.as_deref());
            render(&t)
        }
        Err(super::PageError(AppError::NotFound(what))) => {
            let id = path_id(&tid, "topic")?;
            match crate::access::topic_preview(&state.store, id, me.user.id).await? {
                Some((topic, community)) if community.id.to_string() == cid => {
                    let page = Page::new(Some(&me), &csrf);
                    render(&PreviewTemplate {
                        zone: page
                            .zone(community.calendar.timezone.tz())
                            .name()
                            .to_string(),
                        topic: TopicCard::new(&topic, &community.calendar, &page),
                        community: CommunityCard::new(&community, None),
                        page,
                    })
                }
                _ => Err(AppError::NotFound(what).into()),
            }
        }
        Err(e) => Err(e),
    }
}

/// A topic shown to a signed-in visitor of an open community, with "Join to book".
#[derive(Template)]
#[template(path = "topic_preview.html")]
struct PreviewTemplate {
    page: Page,
    community: CommunityCard,
    topic: TopicCard,
    /// The zone a fixed time is shown in.
    zone: String,
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
    let mut times: Vec<chrono::DateTime<chrono::Utc>> = form
        .slot
        .iter()
        .filter_map(|v| v.parse::<i64>().ok())
        .filter_map(|v| chrono::DateTime::from_timestamp(v, 0))
        .collect();
    // The times from the checkboxes come first, then the one typed in "Another time", read in
    // the zone the form states: the viewer's own, else the community's.
    let zone = t.page.zone(community.calendar.timezone.tz());
    let from_slots = times.len();
    let other = form.other.trim();
    let mut unreadable = false;
    if !other.is_empty() {
        match chrono::NaiveDateTime::parse_from_str(other, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|local| local.and_local_timezone(zone).earliest())
        {
            Some(at) => times.push(at.with_timezone(&chrono::Utc)),
            None => unreadable = true,
        }
    }
    let topic = path_id(&tid, "topic")?;
    let sent = if unreadable {
        Err(AppError::invalid("other", "invalid-date-time"))
    } else {
        match Proposal::of(times, Some(&form.message)) {
            Ok(proposal) => requests::request(&state, &me, topic, &proposal).await,
            Err(e) => Err(e.into()),
        }
    };
    let lang = t.page.lang;
    // Which of the form's fields a reason about `field` belongs next to.
    let has_slots = !t.slot_days.is_empty();
    let form_field = |field: &str| -> &'static str {
        let index = field
            .strip_prefix("proposed_times[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok());
        match index {
            _ if field == "message" => "message",
            Some(i) if i < from_slots => "slot",
            Some(_) => "other",
            None if field == "other" || !has_slots => "other",
            None => "slot",
        }
    };
    match sent {
        Ok(_) => {
            Ok(Redirect::to(&format!("/c/{cid}/meetings?notice=request_sent")).into_response())
        }
        Err(AppError::Invalid(e)) => {
            if times_missing(&form) {
                let field = if has_slots { "slot" } else { "other" };
                t.request_errors
                    .add_text(field, t.page.t("error-choose-a-time"));
            }
            for reason in &e.errors {
                if times_missing(&form) && reason.field == "proposed_times" {
                    continue;
                }
                t.request_errors
                    .add_as(lang, form_field(&reason.field), reason);
            }
            t.message = form.message;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(
            e @ AppError::Conflict {
                reason: Some(_), ..
            },
        ) => {
            if let AppError::Conflict {
                reason: Some(reason),
                ..
            } = &e
            {
                t.request_errors
                    .add_as(lang, form_field(&reason.field), reason);
            }
            t.message = form.message;
            render_status(e.status(), &t)
        }
        Err(e @ AppError::Conflict { .. }) => {
            t.request_error = Some(e.detail_in(lang));
            t.message = form.message;
            render_status(e.status(), &t)
        }
        Err(e) => Err(e.into()),
    }
}

/// Neither a free time ticked nor another time typed.
fn times_missing(form: &RequestForm) -> bool {
    form.slot.is_empty() && form.other.trim().is_empty()
}

async fn set_open(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    cid: &str,
    tid: &str,
    open: bool,
) -> PageResult {
    let id: peerlearn_domain::TopicId = path_id(tid, "topic")?;
    let topic = state.store.topic(id).await?;
    if topic.community_id.to_string() != cid {
        return Err(crate::error::AppError::NotFound("topic").into());
    }
    topics::set_open(state, me, id, open).await?;
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
    let done = seats::take(&state, &me, path_id(&tid, "topic")?).await;
    back_or_refused(&state, &me, &csrf, (&cid, &tid), done, "seat_taken").await
}

/// After an action on the topic page: back to the topic with `notice`, or, when the data
/// refuses it (a conflict: full, busy, started), the page again with the reason.
async fn back_or_refused<T>(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    (cid, tid): (&str, &str),
    done: Result<T, crate::error::AppError>,
    notice: &str,
) -> PageResult {
    match done {
        Ok(_) => {
            Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice={notice}")).into_response())
        }
        Err(e @ AppError::Conflict { .. }) => {
            let (mut t, _) = topic_template(state, me, csrf, cid, tid).await?;
            t.seat_error = Some(e.detail_in(t.page.lang));
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
    seats::leave(&state, &me, path_id(&tid, "topic")?).await?;
    Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=seat_left")).into_response())
}

pub async fn join_waitlist(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let done = seats::join_waitlist(&state, &me, path_id(&tid, "topic")?).await;
    back_or_refused(&state, &me, &csrf, (&cid, &tid), done, "waitlist_joined").await
}

pub async fn leave_waitlist(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    seats::leave_waitlist(&state, &me, path_id(&tid, "topic")?).await?;
    Ok(Redirect::to(&format!("/c/{cid}/topics/{tid}?notice=waitlist_left")).into_response())
}
