//! The organizer's "Auto-schedule" page: propose a schedule for every pending request with
//! the scheduling engine, review who is placed and who is left out (and why), confirm it all
//! in one transaction.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::DateTime;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{RequestId, SpotId};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, render, render_status};
use crate::access;
use crate::app;
use crate::auth::{CsrfToken, Organizer};
use crate::autoschedule::{LeftOut, LeftOutReason, Placed};
use crate::i18n::Lang;
use crate::state::AppState;

/// A placed meeting as the proposal shows it: "10:30 · Ana and Bruno · Rust · Table 1".
pub struct Row {
    /// The start on the viewer's clock.
    pub time: String,
    pub topic: String,
    pub host: String,
    pub guest: String,
    pub place: String,
    pub video: bool,
    /// `request:start:spot` for the confirm form.
    pub value: String,
}

/// The meetings of one day of the proposal.
pub struct Day {
    pub label: String,
    pub rows: Vec<Row>,
}

/// A request left out, and why, in the page's language.
pub struct LeftOutRow {
    pub topic: String,
    pub host: String,
    pub guest: String,
    pub reason: String,
}

impl LeftOutRow {
    fn new(l: &LeftOut, lang: Lang) -> Self {
        Self {
            topic: l.topic.clone(),
            host: l.people.host.clone(),
            guest: l.people.guest.clone(),
            reason: lang.t(match l.reason {
                LeftOutReason::NoTimeLeft => "schedule-reason-no-time-left",
                LeftOutReason::NoCommonTime => "schedule-reason-no-common-time",
                LeftOutReason::NoSpot => "schedule-reason-no-spot",
                LeftOutReason::TimesTaken => "schedule-reason-times-taken",
            }),
        }
    }
}

#[derive(Template)]
#[template(path = "schedule.html")]
struct ScheduleTemplate {
    page: Page,
    community: CommunityCard,
    pending: usize,
    proposed: bool,
    days: Vec<Day>,
    placed: usize,
    left_out: Vec<LeftOutRow>,
    /// "2 placed, 1 left out".
    summary: String,
    bound: Option<u64>,
    seconds: String,
    /// The zone the proposal's times are in.
    zone: String,
    error: Option<String>,
}

/// The placed meetings by day, on the viewer's clock.
fn days(placed: &[Placed], page: &Page, tz: chrono_tz::Tz) -> Vec<Day> {
    let zone = page.zone(tz);
    let mut days: Vec<Day> = Vec::new();
    for p in placed {
        let start = p.start.with_timezone(&zone);
        let label = page.lang.day(start.date_naive());
        let row = Row {
            time: page.lang.clock(&start),
            topic: p.topic.clone(),
            host: p.people.host.clone(),
            guest: p.people.guest.clone(),
            place: p
                .spot_name
                .clone()
                .unwrap_or_else(|| page.t("schedule-video-link")),
            video: p.video,
            value: format!(
                "{}:{}:{}",
                p.request,
                p.start.timestamp(),
                p.spot.map_or(0, |s| s.0)
            ),
        };
        match days.last_mut() {
            Some(d) if d.label == label => d.rows.push(row),
            _ => days.push(Day {
                label,
                rows: vec![row],
            }),
        }
    }
    days
}

async fn base(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
) -> Result<(ScheduleTemplate, access::AsMember), super::PageError> {
    let org = m;
    let pending = app::autoschedule::pending(state, &org).await?;
    let t = ScheduleTemplate {
        page: Page::new(Some(me), csrf),
        community: CommunityCard::new(&org.community, Some(org.role)),
        pending,
        proposed: false,
        days: Vec::new(),
        placed: 0,
        left_out: Vec::new(),
        summary: String::new(),
        bound: None,
        seconds: String::new(),
        zone: String::new(),
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
    let proposal = app::autoschedule::propose(&state, &org).await?;
    let tz = org.community.calendar.timezone.tz();
    let lang = t.page.lang;
    t.proposed = true;
    t.days = days(&proposal.placed, &t.page, tz);
    t.placed = proposal.placed.len();
    t.left_out = proposal
        .left_out
        .iter()
        .map(|l| LeftOutRow::new(l, lang))
        .collect();
    t.summary = lang.t_args(
        "schedule-summary",
        &[
            ("placed", FluentValue::from(t.placed)),
            ("left", FluentValue::from(t.left_out.len())),
        ],
    );
    t.bound = proposal.upper_bound;
    t.seconds = decimal(lang, proposal.seconds);
    t.zone = t.page.zone(tz).name().to_string();
    render(&t)
}

/// Seconds with two decimals, as the language writes them ("0.25", "0,25").
fn decimal(lang: Lang, seconds: f64) -> String {
    let s = format!("{seconds:.2}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En | Lang::Pseudo => s,
    }
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
    match app::autoschedule::confirm(&state, &org, &items).await {
        Ok(done) => Ok(Redirect::to(&format!(
            "/c/{}/schedule?notice=auto_scheduled&count={}",
            org.community.id,
            done.len()
        ))
        .into_response()),
        Err(e @ crate::error::AppError::Conflict { .. }) => {
            let why = e.detail_in(t.page.lang);
            t.error = Some(t.page.t1("error-schedule-changed", "reason", why));
            render_status(StatusCode::CONFLICT, &t)
        }
        Err(e) => Err(e.into()),
    }
}
