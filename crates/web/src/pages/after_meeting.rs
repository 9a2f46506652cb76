//! A meeting's own page: where and when, one thing to do at a time (check in before and at
//! the start, then the feedback form, then "did you try it?"), who is there, and someone to join
//! when a partner does not come.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Duration;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{
    CHECK_IN_OPENS_MINUTES, CheckInClosed, CheckInMethod, CommunityId, NO_SHOW_GRACE_MINUTES,
    Tried, check_in_open, feedback_open,
};
use peerlearn_store::{FeedbackRecord, Meeting};
use serde::Deserialize;

use super::account::NoticeQuery;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::meeting_cards::{Clock, MeetingCard};
use super::{Page, PageError, PageResult, SignedIn, render, render_status};
use crate::access;
use crate::app::after_meeting::{StandBy, check_in, give_feedback, stand_by};
use crate::auth::{CsrfToken, CurrentUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{CheckInFields, FeedbackBody, path_id};
use crate::state::AppState;

/// Someone in the meeting, and whether they are there.
pub struct PersonRow {
    pub name: String,
    pub host: bool,
    /// "Here since 10:02", "Did not come", "Not checked in yet".
    pub status: String,
    /// `here`, `no-show` or `waiting` (for the chip's colour).
    pub state: &'static str,
}

/// A place to go instead of waiting.
pub struct StandByRow {
    pub title: String,
    pub link: String,
    pub detail: String,
    pub place: String,
}

impl StandByRow {
    fn new(s: StandBy, lang: Lang) -> Self {
        match s {
            StandBy::Group(g) => {
                let (_, seats) = g.participant_seats();
                Self {
                    link: format!("/c/{}/topics/{}", g.community_id, g.topic_id),
                    detail: lang.t_args(
                        "meeting-stand-by-group",
                        &[
                            (
                                "free",
                                FluentValue::from(i64::from(
                                    g.capacity.saturating_sub(g.seats_taken),
                                )),
                            ),
                            ("seats", FluentValue::from(i64::from(seats))),
                        ],
                    ),
                    place: crate::notify::place(&g, lang),
                    title: g.topic_title,
                }
            }
            StandBy::Offer(t) => Self {
                link: format!("/c/{}/topics/{}", t.community_id, t.id),
                detail: lang.t_args(
                    "meeting-stand-by-offer",
                    &[("name", FluentValue::from(t.host_name.clone()))],
                ),
                place: String::new(),
                title: t.title,
            },
        }
    }
}

/// The feedback form's values and problems.
#[derive(Default)]
pub struct FeedbackForm {
    pub learned: String,
    pub will_try: String,
    pub rating: String,
    pub thanks: String,
    pub share: bool,
    pub named: bool,
    pub link: String,
    pub errors: FieldErrors,
}

impl FeedbackForm {
    pub fn rated(&self, value: impl std::fmt::Display) -> bool {
        self.rating.trim() == value.to_string()
    }
}

/// What the page asks of the viewer now: one thing at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Check in (from 10 minutes before the start until the end).
    CheckIn,
    /// Say what they learned.
    Feedback,
    /// Feedback given: thanks, and "did you try it?" while unanswered.
    Given,
    /// Checked in; the conversation has not started yet.
    Waiting,
    /// Nothing to do yet (or any more): a note says when.
    Note,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingTemplate {
    page: Page,
    community: CommunityCard,
    card: MeetingCard,
    /// Every time on the page is in this zone.
    zone: String,
    people: Vec<PersonRow>,
    /// The meeting has ended.
    over: bool,
    host: bool,
    checked_in: bool,
    step: Step,
    /// Why there is nothing to do now (check-in not open yet, or closed).
    note: String,
    stand_by: Vec<StandByRow>,
    show_stand_by: bool,
    feedback: Option<FeedbackRecord>,
    form: FeedbackForm,
    ratings: Vec<RatingChoice>,
}

/// One point of the private rating, with what it means.
pub struct RatingChoice {
    pub value: u8,
    pub label: String,
}

impl MeetingTemplate {
    /// Checking in is the thing to do now (it comes first on the page).
    fn checking_in(&self) -> bool {
        self.step == Step::CheckIn
    }

    /// The answer to "did you try it?", as a translation key.
    fn tried_key(&self, tried: &Tried) -> &'static str {
        match tried {
            Tried::Yes => "meeting-tried-yes",
            Tried::NotYet => "meeting-tried-not-yet",
            Tried::No => "meeting-tried-no",
        }
    }
}

async fn meeting_page(
    state: &AppState,
    me: &CurrentUser,
    csrf: &CsrfToken,
    cid: &str,
    mid: &str,
    notice: Option<&str>,
    form: FeedbackForm,
) -> Result<MeetingTemplate, PageError> {
    let (meeting, m) = visible(state, me, cid, mid).await?;
    let page = Page::new(Some(me), csrf).with_notice(notice);
    let lang = page.lang;
    let now = state.clock.now();
    let clock = Clock::new(&page, m.community.calendar.timezone.tz(), now);
    let attendance = state.store.attendance(meeting.id).await?;
    let mine = attendance.iter().find(|a| a.member == m.member);
    let checked_in = mine.is_some_and(|a| a.checked_in_at.is_some());
    let participant = mine.is_some();
    let host = meeting
        .participants
        .iter()
        .any(|p| p.member == m.member && p.host);
    let people = meeting
        .participants
        .iter()
        .filter(|p| p.confirmed)
        .map(|p| {
            let a = attendance.iter().find(|a| a.member == p.member);
            let (state, status) = match a {
                Some(a) if a.checked_in_at.is_some() => (
                    "here",
                    page.t1(
                        "meeting-here-since",
                        "time",
                        a.checked_in_at.map(|t| clock.clock(t)).unwrap_or_default(),
                    ),
                ),
                Some(a) if a.no_show => ("no-show", lang.t("meeting-did-not-come")),
                _ => ("waiting", lang.t("meeting-not-here-yet")),
            };
            PersonRow {
                name: p.name.clone(),
                host: p.host,
                status,
                state,
            }
        })
        .collect::<Vec<_>>();
    let open = check_in_open(&meeting.time, now);
    let partner_missing = meeting.capacity <= 2
        && checked_in
        && attendance.iter().any(|a| a.checked_in_at.is_none())
        && now >= meeting.time.start() + Duration::minutes(NO_SHOW_GRACE_MINUTES)
        && now < meeting.time.end();
    let stand_by = if partner_missing {
        stand_by(state, &meeting, m.member, now)
            .await?
            .into_iter()
            .map(|s| StandByRow::new(s, lang))
            .collect()
    } else {
        Vec::new()
    };
    let feedback = if participant {
        state.store.feedback(meeting.id, m.member).await?
    } else {
        None
    };
    let active = participant && meeting.confirmed;
    let step = if active && feedback.is_some() {
        Step::Given
    } else if active && feedback_open(&meeting.time, now, checked_in) {
        Step::Feedback
    } else if active && !checked_in && open.is_ok() {
        Step::CheckIn
    } else if active && checked_in {
        Step::Waiting
    } else {
        Step::Note
    };
    let note = match (step, open) {
        (Step::Note, _) if !meeting.confirmed => String::new(),
        (Step::Note, _) if !participant => lang.t("meeting-note-not-participant"),
        (Step::Note, Err(CheckInClosed::TooEarly)) => lang.t_args(
            "meeting-note-check-in-opens",
            &[
                (
                    "time",
                    FluentValue::from(
                        clock.at(meeting.time.start() - Duration::minutes(CHECK_IN_OPENS_MINUTES)),
                    ),
                ),
                ("minutes", FluentValue::from(CHECK_IN_OPENS_MINUTES)),
            ],
        ),
        (Step::Note, _) => lang.t("meeting-note-check-in-closed"),
        _ => String::new(),
    };
    let mut t = MeetingTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        card: MeetingCard::new(&meeting, m.member, &clock),
        zone: clock.zone(),
        people,
        over: now >= meeting.time.end(),
        host,
        checked_in,
        step,
        note,
        show_stand_by: partner_missing,
        stand_by,
        feedback,
        form,
        ratings: (1..=5)
            .map(|value| RatingChoice {
                value,
                label: lang.t(&format!("meeting-rating-{value}")),
            })
            .collect(),
        page: page.clone(),
    };
    if t.form.rating.is_empty() && t.form.errors.is_empty() {
        t.form.share = true;
    }
    Ok(t)
}

/// The meeting, if the caller takes part in it or organizes its community.
pub(super) async fn visible(
    state: &AppState,
    me: &CurrentUser,
    cid: &str,
    mid: &str,
) -> Result<(Meeting, access::AsMember), AppError> {
    let community: CommunityId = path_id(cid, "community")?;
    let (meeting, m) =
        access::visible_meeting(&state.store, path_id(mid, "meeting")?, me.user.id).await?;
    if meeting.community_id != community {
        return Err(AppError::NotFound("meeting"));
    }
    Ok((meeting, m))
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, mid)): Path<(String, String)>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    render(
        &meeting_page(
            &state,
            &me,
            &csrf,
            &cid,
            &mid,
            q.notice.as_deref(),
            FeedbackForm::default(),
        )
        .await?,
    )
}

pub(super) fn back(cid: &str, mid: &str, notice: &str) -> PageResult {
    Ok(Redirect::to(&format!("/c/{cid}/meetings/{mid}?notice={notice}")).into_response())
}

pub async fn check_in_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, mid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<CheckInFields>,
) -> PageResult {
    let tapped = f.tapped().map_err(AppError::from)?;
    let (meeting, m) = visible(&state, &me, &cid, &mid).await?;
    check_in(&state, &meeting, m.member, CheckInMethod::Button, tapped).await?;
    back(&cid, &mid, "checked_in")
}

#[derive(Deserialize, Default)]
pub struct FeedbackFields {
    #[serde(default)]
    learned: String,
    #[serde(default)]
    will_try: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    thanks: String,
    #[serde(default)]
    share: Option<String>,
    #[serde(default)]
    named: Option<String>,
    #[serde(default)]
    link: String,
}

pub async fn feedback_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, mid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<FeedbackFields>,
) -> PageResult {
    let (meeting, m) = visible(&state, &me, &cid, &mid).await?;
    let mut form = FeedbackForm {
        learned: f.learned.clone(),
        will_try: f.will_try.clone(),
        rating: f.rating.clone(),
        thanks: f.thanks.clone(),
        share: f.share.is_some(),
        named: f.named.is_some(),
        link: f.link.clone(),
        errors: FieldErrors::default(),
    };
    let rating = match f.rating.trim() {
        "" => None,
        r => match r.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => Some(0),
        },
    };
    let body = FeedbackBody {
        learned: f.learned,
        will_try: f.will_try,
        rating,
        thanks: f.thanks,
        share: form.share,
        named: form.named,
        link: f.link,
    };
    let given = match body.parse() {
        Ok(feedback) => give_feedback(&state, &meeting, m.member, &feedback).await,
        Err(e) => Err(e.into()),
    };
    match given {
        Ok(_) => back(&cid, &mid, "feedback_saved"),
        Err(AppError::Invalid(errors)) => {
            form.errors = FieldErrors::new(super::page_lang(Some(&me)), &errors);
            let t = meeting_page(&state, &me, &csrf, &cid, &mid, None, form).await?;
            render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CheckBackForm {
    tried: String,
}

pub async fn check_back_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, mid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<CheckBackForm>,
) -> PageResult {
    let (meeting, m) = visible(&state, &me, &cid, &mid).await?;
    let tried = Tried::parse("tried", &f.tried).map_err(AppError::from)?;
    state
        .store
        .answer_check_back(meeting.id, m.member, tried, state.clock.now())
        .await?;
    back(&cid, &mid, "check_back_saved")
}
