//! The organizer's "Auto-schedule" page: propose a schedule for every pending request with
//! the scheduling engine, review who is placed and who is left out (and why), confirm it all
//! in one transaction.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::DateTime;
use peerlearn_domain::{RequestId, SpotId};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, render, render_status};
use crate::access;
use crate::auth::{CsrfToken, Organizer};
use crate::autoschedule::{LeftOut, propose};
use crate::state::AppState;

/// A placed meeting as the proposal shows it.
pub struct Row {
    pub when: String,
    pub topic: String,
    pub people: String,
    pub place: String,
    /// `request:start:spot` for the confirm form.
    pub value: String,
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct ScheduleTemplate {
    page: Page,
    community: CommunityCard,
    pending: usize,
    proposed: bool,
    rows: Vec<Row>,
    left_out: Vec<LeftOut>,
    bound: Option<u64>,
    seconds: String,
    error: Option<String>,
}

async fn base(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
) -> Result<(ScheduleTemplate, access::AsMember), super::PageError> {
    let id = m.community.id;
    let org = m;
    let pending = state.store.pending_requests(id, 20_000).await?.len();
    let t = ScheduleTemplate {
        page: Page::new(Some(me), csrf),
        community: CommunityCard::new(&org.community, Some(org.role)),
        pending,
        proposed: false,
        rows: Vec::new(),
        left_out: Vec::new(),
        bound: None,
        seconds: String::new(),
        error: None,
    };
    Ok((t, org))
}

pub async fn page(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let (mut t, _) = base(&state, &me, &csrf, m).await?;
    t.page = t.page.with_notice(q.notice.as_deref());
    render(&t)
}

pub async fn run(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let (mut t, org) = base(&state, &me, &csrf, m).await?;
    let proposal = propose(&state.store, &org.community, state.clock.now(), 2.0).await?;
    let tz = org.community.calendar.timezone.tz();
    t.proposed = true;
    t.rows = proposal
        .placed
        .iter()
        .map(|p| Row {
            when: p
                .start
                .with_timezone(&tz)
                .format("%a %-d %b, %H:%M")
                .to_string(),
            topic: p.topic.clone(),
            people: p.people.clone(),
            place: p.spot_name.clone(),
            value: format!(
                "{}:{}:{}",
                p.request,
                p.start.timestamp(),
                p.spot.map_or(0, |s| s.0)
            ),
        })
        .collect();
    t.left_out = proposal.left_out;
    t.bound = proposal.upper_bound;
    t.seconds = format!("{:.2}", proposal.seconds);
    render(&t)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    a: Vec<String>,
}

pub async fn confirm(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> PageResult {
    let (mut t, org) = base(&state, &me, &csrf, m).await?;
    let mut items = Vec::with_capacity(form.a.len());
    for raw in &form.a {
        let mut parts = raw.split(':').map(|p| p.parse::<i64>().ok());
        match (
            parts.next().flatten(),
            parts.next().flatten(),
            parts.next().flatten(),
        ) {
            (Some(r), Some(start), Some(spot)) => match DateTime::from_timestamp(start, 0) {
                Some(at) => items.push((RequestId(r), at, (spot > 0).then_some(SpotId(spot)))),
                None => {
                    return Err(
                        crate::error::AppError::invalid("a", "invalid-proposed-meeting").into(),
                    );
                }
            },
            _ => {
                return Err(
                    crate::error::AppError::invalid("a", "invalid-proposed-meeting").into(),
                );
            }
        }
    }
    let room = format!(
        "{}{}",
        state.config.video_base_url,
        &crate::auth::new_secret()[..16]
    );
    match state
        .store
        .accept_scheduled(&items, &room, state.clock.now())
        .await
    {
        Ok(done) => Ok(Redirect::to(&format!(
            "/c/{}/schedule?notice=auto_scheduled&count={}",
            org.community.id,
            done.len()
        ))
        .into_response()),
        Err(e @ peerlearn_store::StoreError::Conflict { .. }) => {
            let why = crate::error::AppError::from(e).detail_in(t.page.lang);
            t.error = Some(t.page.t1("error-schedule-changed", "reason", why));
            render_status(StatusCode::CONFLICT, &t)
        }
        Err(e) => Err(e.into()),
    }
}
