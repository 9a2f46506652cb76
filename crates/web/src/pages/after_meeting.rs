//! A meeting's own page: who is there (check-in, also from the spot's QR code), a stand-by
//! when a partner does not come, the feedback form after it, and the check-back.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    CheckInMethod, CommunityId, MeetingId, NO_SHOW_GRACE_MINUTES, SpotId, TopicKind, Tried,
    check_in_open, feedback_open,
};
use peerlearn_store::{FeedbackRecord, Meeting, TopicFilter};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageError, PageResult, SignedIn, render, render_status};
use crate::access;
use crate::app::after_meeting::{check_in, give_feedback};
use crate::auth::{CsrfToken, CurrentUser, Member};
use crate::error::AppError;
use crate::input::{FeedbackBody, path_id};
use crate::state::AppState;

pub struct PersonRow {
    pub name: String,
    pub host: bool,
    pub here: Option<String>,
    pub no_show: bool,
}

pub struct StandBy {
    pub title: String,
    pub link: String,
    pub detail: String,
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

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingTemplate {
    page: Page,
    community: CommunityCard,
    id: String,
    topic_id: String,
    title: String,
    when: String,
    place: String,
    video_url: Option<String>,
    confirmed: bool,
    people: Vec<PersonRow>,
    participant: bool,
    host: bool,
    checked_in: bool,
    /// Check-in is open now.
    can_check_in: bool,
    /// Why check-in is closed (before it opens).
    check_in_note: String,
    stand_by: Vec<StandBy>,
    show_stand_by: bool,
    can_give_feedback: bool,
    feedback: Option<FeedbackRecord>,
    form: FeedbackForm,
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
    let tz = m.community.calendar.timezone.tz();
    let now = state.clock.now();
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
            PersonRow {
                name: p.name.clone(),
                host: p.host,
                here: a
                    .and_then(|a| a.checked_in_at)
                    .map(|t| t.with_timezone(&tz).format("%H:%M").to_string()),
                no_show: a.is_some_and(|a| a.no_show),
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
        stand_by_options(state, &meeting, m.member, now, lang).await?
    } else {
        Vec::new()
    };
    let feedback = if participant {
        state.store.feedback(meeting.id, m.member).await?
    } else {
        None
    };
    let mut t = MeetingTemplate {
        page,
        community: CommunityCard::new(&m.community, Some(m.role)),
        id: meeting.id.to_string(),
        topic_id: meeting.topic_id.to_string(),
        title: meeting.topic_title.clone(),
        when: format!(
            "{}–{} ({})",
            meeting
                .time
                .start()
                .with_timezone(&tz)
                .format("%a %-d %b, %H:%M"),
            meeting.time.end().with_timezone(&tz).format("%H:%M"),
            tz.name()
        ),
        place: crate::notify::place(&meeting, lang),
        video_url: meeting.video_url.clone(),
        confirmed: meeting.confirmed,
        people,
        participant,
        host,
        checked_in,
        can_check_in: participant && meeting.confirmed && open.is_ok() && !checked_in,
        check_in_note: match open {
            Err(c) if participant && meeting.confirmed && !checked_in => {
                AppError::from(c).detail_in(super::page_lang(Some(me)))
            }
            _ => String::new(),
        },
        show_stand_by: partner_missing,
        stand_by,
        can_give_feedback: participant
            && meeting.confirmed
            && feedback.is_none()
            && feedback_open(&meeting.time, now, checked_in),
        feedback,
        form,
    };
    if t.form.rating.is_empty() && t.form.errors.is_empty() {
        t.form.share = true;
    }
    Ok(t)
}

/// Groups starting around now with a free seat, and open offers on the meeting's topic tags
/// from other hosts.
async fn stand_by_options(
    state: &AppState,
    meeting: &Meeting,
    member: peerlearn_domain::MemberId,
    now: DateTime<Utc>,
    lang: crate::i18n::Lang,
) -> Result<Vec<StandBy>, PageError> {
    let mut out = Vec::new();
    for g in state
        .store
        .groups_with_seats(
            meeting.community_id,
            member,
            now - Duration::minutes(10),
            now + Duration::minutes(15),
        )
        .await?
    {
        out.push(StandBy {
            title: g.topic_title.clone(),
            link: format!("/c/{}/topics/{}", g.community_id, g.topic_id),
            detail: format!(
                "Group, {} of {} seats free — {}",
                g.capacity.saturating_sub(g.seats_taken),
                g.participant_seats().1,
                crate::notify::place(&g, lang)
            ),
        });
    }
    let topic = state.store.topic(meeting.topic_id).await?;
    let host = meeting
        .participants
        .iter()
        .find(|p| p.host)
        .map(|p| p.member);
    for tag in topic.tags.iter().take(3) {
        let similar = state
            .store
            .topics(
                meeting.community_id,
                &TopicFilter {
                    tag: peerlearn_domain::Tag::parse("tag", tag).ok(),
                    kind: Some(TopicKind::Offer),
                    limit: 5,
                    ..TopicFilter::default()
                },
            )
            .await?;
        for t in similar.items.iter() {
            if t.id == topic.id || Some(t.host) == host || t.host == member {
                continue;
            }
            if out
                .iter()
                .any(|s| s.link.ends_with(&format!("/topics/{}", t.id)))
            {
                continue;
            }
            out.push(StandBy {
                title: t.title.clone(),
                link: format!("/c/{}/topics/{}", t.community_id, t.id),
                detail: format!("Offered by {}", t.host_name),
            });
        }
    }
    out.truncate(6);
    Ok(out)
}

/// The meeting, if the caller takes part in it or organizes its community.
async fn visible(
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

fn back(cid: &str, mid: &str, notice: &str) -> PageResult {
    Ok(Redirect::to(&format!("/c/{cid}/meetings/{mid}?notice={notice}")).into_response())
}

pub async fn check_in_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, mid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let (meeting, m) = visible(&state, &me, &cid, &mid).await?;
    check_in(&state, &meeting, m.member, CheckInMethod::Button).await?;
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

#[derive(Template)]
#[template(path = "spot_check_in.html")]
struct SpotCheckInTemplate {
    page: Page,
    community: CommunityCard,
    spot_name: String,
    spot_id: String,
    meeting: Option<(String, String)>,
}

/// Where a spot's QR code leads: the member's meeting at that spot, with a one-tap check-in.
pub async fn spot_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Path((_cid, sid)): Path<(String, String)>,
) -> PageResult {
    let id = m.community.id;
    let spot_id: SpotId = path_id(&sid, "spot")?;
    let spot = state
        .store
        .spots(id)
        .await?
        .into_iter()
        .find(|s| s.id == spot_id)
        .ok_or(AppError::NotFound("spot"))?;
    let meeting = match state
        .store
        .meeting_at_spot(id, spot_id, m.member, state.clock.now())
        .await?
    {
        Some(mid) => {
            let g = state.store.meeting(mid).await?;
            Some((g.id.to_string(), g.topic_title))
        }
        None => None,
    };
    render(&SpotCheckInTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        spot_name: spot.name,
        spot_id: spot.id.to_string(),
        meeting,
    })
}

/// Checks in by the spot's QR code.
pub async fn spot_check_in(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    Path((cid, sid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id = m.community.id;
    let spot_id: SpotId = path_id(&sid, "spot")?;
    let mid: MeetingId = state
        .store
        .meeting_at_spot(id, spot_id, m.member, state.clock.now())
        .await?
        .ok_or_else(|| {
            AppError::conflict("no_meeting_here", "you have no meeting at this spot now")
        })?;
    let meeting = state.store.meeting(mid).await?;
    check_in(&state, &meeting, m.member, CheckInMethod::Qr).await?;
    back(&cid, &mid.to_string(), "checked_in")
}
