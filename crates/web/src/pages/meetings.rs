//! "My meetings": the next meeting, requests to answer, later meetings, requests sent and past
//! meetings; and the answers to requests (accept, decline, propose other times, withdraw).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::meeting_cards::{Clock, GroupChoice, MeetingCard, RequestCard};
use super::{Count, Page, PageResult, SignedIn, render, render_status};
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
    /// Other times proposed for a request that were refused: shown again in its form, with
    /// the reasons next to their fields.
    refused: Option<RefusedTimes>,
}

/// A "Propose other times" form sent back: what was typed and what was wrong.
pub struct RefusedTimes {
    pub request: String,
    /// The three time inputs as typed (blank ones too).
    pub times: Vec<String>,
    pub message: String,
    /// By the form's fields: `time-0`…`time-2`, `message`.
    pub errors: FieldErrors,
    /// A refusal about no one field.
    pub general: Option<String>,
}

impl MeetingsTemplate {
    fn refused_for(&self, request: &str) -> Option<&RefusedTimes> {
        self.refused.as_ref().filter(|r| r.request == request)
    }

    /// The request whose proposal form comes back open.
    fn proposing(&self, request: &str) -> bool {
        self.refused_for(request).is_some()
    }

    /// What was typed in the proposal form's `i`th time.
    fn typed_time(&self, request: &str, i: impl Count) -> &str {
        self.refused_for(request)
            .and_then(|r| r.times.get(usize::try_from(i.count()).ok()?))
            .map_or("", String::as_str)
    }

    fn typed_note(&self, request: &str) -> &str {
        self.refused_for(request).map_or("", |r| r.message.as_str())
    }

    /// Why a field of the proposal form was refused.
    fn refusal(&self, request: &str, field: &str) -> Option<&str> {
        self.refused_for(request)
            .and_then(|r| r.errors.message_for(field))
    }

    fn refusal_overall(&self, request: &str) -> Option<&str> {
        self.refused_for(request).and_then(|r| r.general.as_deref())
    }

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
        next: agenda.next().map(|g| {
            let mut next = card(g);
            if agenda.checked_in_next {
                next.check_in = false;
                next.checked_in = true;
            }
            next
        }),
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
        refused: None,
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

/// Proposes other times for a request waiting for the caller's answer. Times refused come back
/// in the form, each reason next to its time.
pub async fn propose_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Path((cid, rid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ProposeForm>,
) -> PageResult {
    let lang = Page::new(Some(&me), &csrf).lang;
    // Read in the zone the form said: the viewer's own, else the community's.
    let tz = Page::new(Some(&me), &csrf).zone(m.community.calendar.timezone.tz());
    // Which input each time came from: `proposed_times[k]` is the k-th time not left blank.
    let mut inputs = Vec::new();
    let mut times = Vec::new();
    let mut unreadable = None;
    for (input, raw) in form.time.iter().enumerate() {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let k = inputs.len();
        inputs.push(input);
        match chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|local| local.and_local_timezone(tz).earliest())
        {
            Some(at) => times.push(at.with_timezone(&Utc)),
            None => {
                unreadable = Some(k);
                break;
            }
        }
    }
    let request = path_id(&rid, "request")?;
    let done = match unreadable {
        Some(k) => Err(AppError::invalid(
            &format!("proposed_times[{k}]"),
            "invalid-date-time",
        )),
        None => match Proposal::of(times, Some(&form.message)) {
            Ok(proposal) => requests::propose(&state, &me, request, &proposal).await,
            Err(e) => Err(e.into()),
        },
    };
    let e = match done {
        Err(e) if about_the_times(&e) => e,
        done => return answered(&cid, done, "times_proposed"),
    };
    // The form's field for a reason about `field`.
    let form_field = |field: &str| -> String {
        if field == "message" {
            return field.to_string();
        }
        let input = field
            .strip_prefix("proposed_times[")
            .and_then(|rest| rest.strip_suffix(']'))
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| inputs.get(k).copied())
            .unwrap_or(0);
        format!("time-{input}")
    };
    let mut errors = FieldErrors::default();
    let mut general = None;
    match &e {
        AppError::Invalid(invalid) => {
            for reason in &invalid.errors {
                errors.add_as(lang, &form_field(&reason.field), reason);
            }
        }
        AppError::Conflict {
            reason: Some(reason),
            ..
        } => errors.add_as(lang, &form_field(&reason.field), reason),
        other => general = Some(other.detail_in(lang)),
    }
    let status = e.status();
    let mut t = meetings_page(&state, &me, &csrf, m, None, None).await?;
    let mut typed: Vec<String> = form.time.iter().take(3).cloned().collect();
    typed.resize(3, String::new());
    t.refused = Some(RefusedTimes {
        request: request.to_string(),
        times: typed,
        message: form.message,
        errors,
        general,
    });
    render_status(status, &t)
}

/// A refusal of the times themselves (not of answering at all): shown in the form.
fn about_the_times(e: &AppError) -> bool {
    match e {
        AppError::Invalid(_) => true,
        AppError::Conflict { code, .. } => !matches!(*code, "already_decided" | "not_your_turn"),
        _ => false,
    }
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
