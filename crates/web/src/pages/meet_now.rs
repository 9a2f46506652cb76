//! The "Meet now" page: say you are free for a while, see the meeting proposed to you and
//! answer it, or stop being free. The page refreshes itself as proposals arrive (live).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Utc};
use peerlearn_domain::{FreeFor, InvalidInput, MeetingMode, NowProposalId};
use peerlearn_store::{NowAnswer, NowStatus};
use serde::Deserialize;

use super::account::EmptyForm;
use super::account::NoticeQuery;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::app::meet_now::{self, NowMode, NowState};
use crate::auth::{CsrfToken, Member};
use crate::error::AppError;
use crate::input::path_id;
use crate::state::AppState;

/// A proposal as the page shows it.
pub struct ProposalView {
    pub id: i64,
    pub other: String,
    pub topic: String,
    pub topic_id: i64,
    pub when: String,
    /// At the lounge, by video, or a re-pairing's spot.
    pub place: String,
    /// Why this is proposed, for a re-pairing: the partner has not come.
    pub context: Option<String>,
    pub i_accepted: bool,
    pub open: bool,
    pub booked_meeting: Option<i64>,
    /// "You are meeting Ana at 14:05", once booked.
    pub booked_text: String,
    /// Declined or expired: the member is still free and is told so.
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "meet_now.html")]
struct NowTemplate {
    page: Page,
    community: CommunityCard,
    free: bool,
    until: String,
    auto_accept: bool,
    video: bool,
    proposal: Option<ProposalView>,
    /// Others free now (the viewer not counted).
    others: i64,
    form: NowForm,
    errors: FieldErrors,
    /// Why the last action was refused.
    error: Option<String>,
}

impl NowTemplate {
    /// Whether the form chose `minutes` (for the radio buttons).
    fn minutes_is(&self, minutes: &str) -> bool {
        self.form.minutes == minutes
    }
}

#[derive(Deserialize, Clone)]
pub struct NowForm {
    #[serde(default = "default_minutes")]
    minutes: String,
    #[serde(default = "default_mode")]
    mode: String,
    #[serde(default)]
    auto_accept: Option<String>,
}

fn default_minutes() -> String {
    "30".into()
}

fn default_mode() -> String {
    "lounge".into()
}

impl Default for NowForm {
    fn default() -> Self {
        Self {
            minutes: default_minutes(),
            mode: default_mode(),
            auto_accept: None,
        }
    }
}

fn template(
    page: Page,
    who: &Member,
    now: NowState,
    at: DateTime<Utc>,
    form: NowForm,
    errors: FieldErrors,
    error: Option<String>,
) -> NowTemplate {
    let tz = who.m.community.calendar.timezone.tz();
    let me = who.m.member;
    let proposal = now.proposal.as_ref().map(|p| ProposalView {
        id: p.id.0,
        booked_text: page.lang.t_args(
            "now-booked",
            &[
                ("name", p.other(me).1.into()),
                ("when", page.when(p.time.start(), tz).into()),
            ],
        ),
        other: p.other(me).1.to_string(),
        topic: p.topic_title.clone(),
        topic_id: p.topic.0,
        when: page.when(p.time.start(), tz),
        place: match (&p.spot, p.mode) {
            (Some((_, spot)), MeetingMode::InPerson) => page
                .lang
                .t_args("now-at-spot", &[("spot", spot.as_str().into())]),
            (_, MeetingMode::Virtual) => page.t("now-by-video"),
            _ => page.t("now-at-the-lounge"),
        },
        context: p.replaces.map(|_| {
            // The member not in the pool is the one whose partner has not come.
            let key = if now.entry.is_some() {
                "now-repair-they-wait"
            } else {
                "now-repair-you-wait"
            };
            page.lang.t_args(key, &[("name", p.other(me).1.into())])
        }),
        i_accepted: p.accepted_by(me),
        open: p.status == NowStatus::Open && p.expires_at > at,
        booked_meeting: p.meeting.map(|m| m.0),
        ended: matches!(
            p.status,
            NowStatus::Declined | NowStatus::Expired | NowStatus::Failed
        ),
    });
    let entry = now.entry.as_ref();
    NowTemplate {
        community: CommunityCard::new(&who.m.community, Some(who.m.role)),
        free: entry.is_some(),
        until: entry.map_or_else(String::new, |e| page.when(e.until, tz)),
        auto_accept: entry.is_some_and(|e| e.auto_accept),
        video: entry.is_some_and(|e| e.mode == MeetingMode::Virtual),
        others: (now.free - i64::from(entry.is_some())).max(0),
        proposal,
        form,
        errors,
        error,
        page,
    }
}

pub async fn page(
    State(state): State<AppState>,
    who: Member,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let page = Page::new(Some(&who.me), &csrf).with_notice(q.notice.as_deref());
    let now = meet_now::view(&state, &who.m).await?;
    render(&template(
        page,
        &who,
        now,
        state.clock.now(),
        NowForm::default(),
        FieldErrors::default(),
        None,
    ))
}

fn back(who: &Member, notice: &str) -> PageResult {
    let cid = who.m.community.id;
    Ok(Redirect::to(&format!("/c/{cid}/now?notice={notice}")).into_response())
}

/// The page again with a refusal (a 4xx), the form as sent.
async fn refused(
    state: &AppState,
    who: &Member,
    csrf: &CsrfToken,
    form: NowForm,
    e: AppError,
) -> PageResult {
    let page = Page::new(Some(&who.me), csrf);
    let status = e.status();
    let (errors, error) = match &e {
        AppError::Invalid(input) => (FieldErrors::new(page.lang, input), None),
        AppError::Conflict { .. } | AppError::NotFound(_) => {
            (FieldErrors::default(), Some(e.detail_in(page.lang)))
        }
        _ => return Err(e.into()),
    };
    let now = meet_now::view(state, &who.m).await?;
    render_status(
        status,
        &template(page, who, now, state.clock.now(), form, errors, error),
    )
}

/// "I'm free now".
pub async fn go_free(
    State(state): State<AppState>,
    who: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<NowForm>,
) -> PageResult {
    let mut errors = InvalidInput::default();
    // Not a number reads as out of range: the message says what to choose.
    let minutes = FreeFor::parse("minutes", form.minutes.trim().parse::<i64>().unwrap_or(0))
        .map_err(|e| errors.add(e))
        .ok();
    let mode = NowMode::parse("mode", form.mode.trim())
        .map_err(|e| errors.add(e))
        .ok();
    let done = match (minutes, mode, errors.into_result()) {
        (Some(minutes), Some(mode), Ok(())) => {
            meet_now::go_free(&state, &who.m, minutes, mode, form.auto_accept.is_some())
                .await
                .map(|_| ())
        }
        (_, _, Err(e)) => Err(e.into()),
        _ => Err(AppError::invalid("minutes", "invalid-free-minutes")),
    };
    match done {
        Ok(()) => back(&who, "now_free"),
        Err(e) => refused(&state, &who, &csrf, form, e).await,
    }
}

/// "I'm no longer free".
pub async fn stop(
    State(state): State<AppState>,
    who: Member,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    meet_now::leave(&state, &who.m).await?;
    back(&who, "now_stopped")
}

async fn answer(
    state: AppState,
    who: Member,
    csrf: CsrfToken,
    raw: &str,
    accept: bool,
) -> PageResult {
    let id: NowProposalId = path_id(raw, "proposal")?;
    match meet_now::answer(&state, &who.m, id, accept).await {
        Ok(NowAnswer::Booked(meeting)) => {
            let cid = who.m.community.id;
            Ok(
                Redirect::to(&format!("/c/{cid}/meetings/{meeting}?notice=now_booked"))
                    .into_response(),
            )
        }
        Ok(NowAnswer::Waiting) => back(&who, "now_accepted"),
        Ok(NowAnswer::Declined) => {
            // Declining a re-pairing keeps one's meeting: one is not among the free.
            let free = meet_now::view(&state, &who.m).await?.entry.is_some();
            back(
                &who,
                if free {
                    "now_declined"
                } else {
                    "repair_declined"
                },
            )
        }
        Err(e) => refused(&state, &who, &csrf, NowForm::default(), e).await,
    }
}

pub async fn accept(
    State(state): State<AppState>,
    who: Member,
    csrf: CsrfToken,
    Path((_, pid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    answer(state, who, csrf, &pid, true).await
}

pub async fn decline(
    State(state): State<AppState>,
    who: Member,
    csrf: CsrfToken,
    Path((_, pid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    answer(state, who, csrf, &pid, false).await
}
