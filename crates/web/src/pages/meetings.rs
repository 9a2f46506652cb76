//! "My meetings": the next meeting, requests to answer, later meetings, requests sent and past
//! meetings; and the answers to requests (accept, decline, propose other times, withdraw).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::meeting_cards::{Clock, GroupChoice, MeetingCard, RequestCard};
use super::{Page, PageResult, SignedIn, render};
use crate::access;
use crate::app::proposals::Proposal;
use crate::app::{agenda, meetings, requests, seats};
use crate::auth::{CsrfToken, Member};
use crate::error::AppError;
use crate::input::path_id;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "meetings.html")]
struct MeetingsTemplate {
    page: Page,
    community: CommunityCard,
    /// The next meeting that takes place.
    next: Option<MeetingCard>,
    /// Requests waiting for the viewer's answer.
    incoming: Vec<RequestCard>,
    /// Times several incoming requests on one topic share: one click makes them a group.
    groupable: Vec<GroupChoice>,
    /// Meetings after the next one (cancelled ones too).
    later: Vec<MeetingCard>,
    outgoing: Vec<RequestCard>,
    answered: Vec<RequestCard>,
    past: Vec<MeetingCard>,
    has_feed: bool,
    /// A feed link made just now (shown once).
    feed_url: Option<String>,
    /// The zone every time on the page is shown in (and proposed times are read in).
    zone: String,
}

impl MeetingsTemplate {
    /// Nothing planned and nothing to answer.
    fn is_empty(&self) -> bool {
        self.next.is_none()
            && self.incoming.is_empty()
            && self.later.is_empty()
            && self.outgoing.is_empty()
    }
}

pub async fn list(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    render(&meetings_page(&state, &me, &csrf, m, q.notice.as_deref(), None).await?)
}

/// Makes a new calendar feed link and shows it once.
pub async fn new_feed(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let url = crate::app::accounts::rotate_calendar_feed(&state, &me).await?;
    render(&meetings_page(&state, &me, &csrf, m, Some("feed_created"), Some(url)).await?)
}

/// Turns the calendar feed off.
pub async fn delete_feed(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(cid): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    state.store.delete_calendar_feed(me.user.id).await?;
    back(&cid, "feed_deleted")
}

async fn meetings_page(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
    notice: Option<&str>,
    feed_url: Option<String>,
) -> Result<MeetingsTemplate, super::PageError> {
    let agenda = agenda::agenda(state, &m).await?;
    let page = Page::new(Some(me), csrf).with_notice(notice);
    let clock = Clock::new(&page, m.community.calendar.timezone.tz(), state.clock.now());
    let card = |g: &peerlearn_store::Meeting| MeetingCard::new(g, m.member, &clock);
    let request = |r: &peerlearn_store::Request| RequestCard::new(r, m.member, &clock);
    let next = agenda.next().map(|g| g.id);
    let t = MeetingsTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        next: agenda.next().map(card),
        incoming: agenda.waiting.iter().map(request).collect(),
        groupable: agenda
            .shared_times
            .iter()
            .map(|s| GroupChoice::new(s, &clock))
            .collect(),
        later: agenda
            .upcoming
            .iter()
            .filter(|g| Some(g.id) != next)
            .map(card)
            .collect(),
        outgoing: agenda.sent.iter().map(request).collect(),
        answered: agenda.answered.iter().map(request).collect(),
        past: agenda.past.iter().map(card).collect(),
        has_feed: feed_url.is_some() || state.store.has_calendar_feed(me.user.id).await?,
        feed_url,
        zone: clock.zone(),
        page,
    };
    Ok(t)
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    start: String,
}

fn back(cid: &str, notice: &str) -> PageResult {
    Ok(Redirect::to(&format!("/c/{cid}/meetings?notice={notice}")).into_response())
}

/// After answering a request: back to My meetings with `notice`. A request answered
/// meanwhile (a second click, another tab, or the other person proposing other times first)
/// also leads back there, with a notice saying so, rather than to an error page.
fn answered<T>(cid: &str, done: Result<T, AppError>, notice: &str) -> PageResult {
    match done {
        Ok(_) => back(cid, notice),
        Err(
            AppError::Conflict {
                code: "already_decided" | "not_your_turn",
                ..
            }
            | AppError::Forbidden("forbidden-not-your-turn"),
        ) => back(cid, "request_already_answered"),
        Err(e) => Err(e.into()),
    }
}

pub async fn accept_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> PageResult {
    let start = form
        .start
        .parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| AppError::invalid("start", "invalid-choose-proposed"))?;
    let done = requests::accept(&state, &me, path_id(&rid, "request")?, start).await;
    answered(&cid, done, "meeting_confirmed")
}

#[derive(Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    start: String,
}

/// Turns the requests on one topic that proposed the same time into one group meeting.
pub async fn group_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<GroupForm>,
) -> PageResult {
    let start = DateTime::parse_from_rfc3339(form.start.trim())
        .map_err(|_| AppError::invalid("start", "invalid-instant-example"))?
        .with_timezone(&Utc);
    seats::group_from_requests(&state, &me, path_id(&tid, "topic")?, start).await?;
    back(&cid, "group_created")
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    message: String,
}

pub async fn decline_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> PageResult {
    let id = path_id(&rid, "request")?;
    let done = requests::decline(&state, &me, id, Some(&form.message)).await;
    answered(&cid, done, "request_declined")
}

#[derive(Deserialize)]
pub struct ProposeForm {
    /// Up to three local times (`datetime-local`, in the viewer's time zone, else the
    /// community's); blanks ignored.
    #[serde(default)]
    time: Vec<String>,
    #[serde(default)]
    message: String,
}

/// Proposes other times for a request waiting for the caller's answer.
pub async fn propose_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ProposeForm>,
) -> PageResult {
    let community = state.store.community(path_id(&cid, "community")?).await?;
    // Read in the zone the form said: the viewer's own, else the community's.
    let tz = Page::new(Some(&me), &csrf).zone(community.calendar.timezone.tz());
    let mut times = Vec::new();
    for (i, raw) in form
        .time
        .iter()
        .map(|raw| raw.trim())
        .filter(|raw| !raw.is_empty())
        .enumerate()
    {
        let at = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|local| local.and_local_timezone(tz).earliest())
            .ok_or_else(|| {
                AppError::invalid(&format!("proposed_times[{i}]"), "invalid-date-time")
            })?;
        times.push(at.with_timezone(&Utc));
    }
    let proposal = Proposal::of(times, Some(&form.message))?;
    let done = requests::propose(&state, &me, path_id(&rid, "request")?, &proposal).await;
    answered(&cid, done, "times_proposed")
}

pub async fn withdraw_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let done = requests::withdraw(&state, &me, path_id(&rid, "request")?).await;
    answered(&cid, done, "request_withdrawn")
}

pub async fn cancel_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, mid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> PageResult {
    meetings::cancel(&state, &me, path_id(&mid, "meeting")?, Some(&form.message)).await?;
    back(&cid, "meeting_cancelled")
}
