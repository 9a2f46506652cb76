//! "My meetings": requests to answer, requests sent, upcoming and past meetings.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, SignedIn, render};
use crate::access;
use crate::app::proposals::Proposal;
use crate::app::{meetings, requests, seats};
use crate::auth::{CsrfToken, Member};
use crate::error::AppError;
use crate::input::path_id;
use crate::state::AppState;

pub struct TimeChoice {
    pub value: i64,
    pub label: String,
}

pub struct RequestRow {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub other: String,
    pub message: String,
    pub reply: String,
    pub status: &'static str,
    pub times: Vec<TimeChoice>,
    /// The other side proposed these times in answer to the caller's request.
    pub counter: bool,
}

/// A time that several pending requests on one topic proposed.
pub struct GroupChoice {
    pub topic_id: String,
    pub topic_title: String,
    pub start: String,
    pub label: String,
    pub requests: usize,
}

pub struct MeetingRow {
    pub id: String,
    pub topic_title: String,
    pub when: String,
    pub place: String,
    pub video_url: Option<String>,
    pub with: String,
    pub confirmed: bool,
    pub cancel_reason: String,
}

#[derive(Template)]
#[template(path = "meetings.html")]
struct MeetingsTemplate {
    page: Page,
    community: CommunityCard,
    incoming: Vec<RequestRow>,
    outgoing: Vec<RequestRow>,
    answered: Vec<RequestRow>,
    upcoming: Vec<MeetingRow>,
    past: Vec<MeetingRow>,
    has_feed: bool,
    /// Times several incoming requests on one topic share: one click makes them a group.
    groupable: Vec<GroupChoice>,
    /// A feed link made just now (shown once).
    feed_url: Option<String>,
    /// The community's time zone, in which proposed times are entered.
    timezone: String,
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
    let id = m.community.id;
    let tz = m.community.calendar.timezone.tz();
    let label = |t: DateTime<Utc>| t.with_timezone(&tz).format("%a %-d %b, %H:%M").to_string();
    let now = state.clock.now();
    let requests = state.store.requests_of(m.member, 200).await?;
    let row = |r: &peerlearn_store::Request| RequestRow {
        id: r.id.to_string(),
        topic_id: r.topic_id.to_string(),
        topic_title: r.topic_title.clone(),
        other: if r.decider == m.member {
            r.requester_name.clone()
        } else {
            r.decider_name.clone()
        },
        counter: r.awaiting == r.requester,
        message: r.message.clone(),
        reply: r.reply.clone(),
        status: r.status_at(now).as_str(),
        times: r
            .times
            .iter()
            .filter(|t| t.start() > now)
            .map(|t| TimeChoice {
                value: t.start().timestamp(),
                label: label(t.start()),
            })
            .collect(),
    };
    let pending =
        |r: &&peerlearn_store::Request| r.status == peerlearn_store::RequestStatus::Pending;
    // Waiting for the caller's answer: requests to them, and their own requests the other side
    // answered with other times.
    let incoming: Vec<RequestRow> = requests
        .iter()
        .filter(|r| r.awaiting == m.member)
        .filter(pending)
        .map(row)
        .collect();
    let mut groupable: Vec<GroupChoice> = Vec::new();
    for r in incoming.iter().filter(|r| !r.counter) {
        for t in &r.times {
            let start = DateTime::from_timestamp(t.value, 0)
                .map(crate::clock::rfc3339)
                .unwrap_or_default();
            match groupable
                .iter_mut()
                .find(|g| g.topic_id == r.topic_id && g.start == start)
            {
                Some(g) => g.requests += 1,
                None => groupable.push(GroupChoice {
                    topic_id: r.topic_id.clone(),
                    topic_title: r.topic_title.clone(),
                    start,
                    label: t.label.clone(),
                    requests: 1,
                }),
            }
        }
    }
    groupable.retain(|g| g.requests >= 2);
    groupable.sort_by(|a, b| b.requests.cmp(&a.requests).then(a.start.cmp(&b.start)));
    let outgoing = requests
        .iter()
        .filter(|r| r.awaiting != m.member)
        .filter(pending)
        .map(row)
        .collect();
    let answered = requests
        .iter()
        .filter(|r| r.status_at(now) != peerlearn_store::RequestStatus::Pending)
        .take(20)
        .map(row)
        .collect();
    let meetings = state.store.meetings_of(m.member, Some(id)).await?;
    let meeting_row = |g: &peerlearn_store::Meeting| MeetingRow {
        id: g.id.to_string(),
        topic_title: g.topic_title.clone(),
        when: format!(
            "{}–{}",
            label(g.time.start()),
            g.time.end().with_timezone(&tz).format("%H:%M")
        ),
        place: g
            .spot
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "Video".into()),
        video_url: g.video_url.clone(),
        with: g
            .participants
            .iter()
            .filter(|p| p.member != m.member)
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        confirmed: g.confirmed,
        cancel_reason: g.cancel_reason.clone(),
    };
    let (past, upcoming): (Vec<_>, Vec<_>) = meetings.iter().partition(|g| g.time.end() <= now);
    Ok(MeetingsTemplate {
        page: Page::new(Some(me), csrf).with_notice(notice),
        community: CommunityCard::new(&m.community, Some(m.role)),
        incoming,
        outgoing,
        answered,
        upcoming: upcoming.into_iter().map(meeting_row).collect(),
        past: past.into_iter().rev().map(meeting_row).collect(),
        has_feed: feed_url.is_some() || state.store.has_calendar_feed(me.user.id).await?,
        groupable,
        feed_url,
        timezone: m.community.calendar.timezone.name().to_string(),
    })
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
    /// Up to three local times (`datetime-local`, the community's time zone); blanks ignored.
    #[serde(default)]
    time: Vec<String>,
    #[serde(default)]
    message: String,
}

/// Proposes other times for a request waiting for the caller's answer.
pub async fn propose_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ProposeForm>,
) -> PageResult {
    let community = state.store.community(path_id(&cid, "community")?).await?;
    let tz = community.calendar.timezone.tz();
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

pub struct InboxRow {
    pub title: String,
    pub body: String,
    pub link: String,
    pub when: String,
    pub read: bool,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxTemplate {
    page: Page,
    community: CommunityCard,
    items: Vec<InboxRow>,
}

/// The inbox; opening it marks everything read.
pub async fn inbox(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
) -> PageResult {
    let tz = m.community.calendar.timezone.tz();
    let items = state
        .store
        .notifications(m.member, 100)
        .await?
        .into_iter()
        .map(|n| InboxRow {
            title: n.title,
            body: n.body,
            link: n.link,
            when: n
                .created_at
                .with_timezone(&tz)
                .format("%a %-d %b, %H:%M")
                .to_string(),
            read: n.read,
        })
        .collect();
    state.store.mark_read(m.member, state.clock.now()).await?;
    render(&InboxTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        items,
    })
}
