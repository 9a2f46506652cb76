//! Where a spot's QR code leads: the member's meeting at that table or room, with one big
//! check-in button.

use askama::Template;
use axum::extract::{Path, State};
use peerlearn_domain::{CheckInMethod, MeetingId, SpotId};

use super::after_meeting::back;
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::meeting_cards::{Clock, MeetingCard};
use super::{Page, PageResult, render};
use crate::app::after_meeting::check_in;
use crate::auth::{CsrfToken, Member};
use crate::error::AppError;
use crate::input::{CheckInFields, path_id};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "spot_check_in.html")]
struct SpotCheckInTemplate {
    page: Page,
    community: CommunityCard,
    spot_name: String,
    spot_id: String,
    /// The viewer's meeting here now (or starting within 10 minutes).
    meeting: Option<MeetingCard>,
    /// They have checked in to it already.
    checked_in: bool,
    zone: String,
}

/// The member's meeting at the spot, with a one-tap check-in.
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
    let now = state.clock.now();
    let page = Page::new(Some(&me), &csrf);
    let clock = Clock::new(&page, m.community.calendar.timezone.tz(), now);
    let (meeting, checked_in) = match state
        .store
        .meeting_at_spot(id, spot_id, m.member, now)
        .await?
    {
        Some(mid) => {
            let g = state.store.meeting(mid).await?;
            let here = state
                .store
                .attendance(mid)
                .await?
                .iter()
                .any(|a| a.member == m.member && a.checked_in_at.is_some());
            (Some(MeetingCard::new(&g, m.member, &clock)), here)
        }
        None => (None, false),
    };
    let zone = clock.zone();
    render(&SpotCheckInTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        spot_name: spot.name,
        spot_id: spot.id.to_string(),
        meeting,
        checked_in,
        zone,
        page,
    })
}

/// Checks in by the spot's QR code. A check-in the phone saved with no connection says when
/// she tapped: the meeting is the one at the spot then.
pub async fn spot_check_in(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    Path((cid, sid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<CheckInFields>,
) -> PageResult {
    let tapped = f.tapped().map_err(AppError::from)?;
    let id = m.community.id;
    let spot_id: SpotId = path_id(&sid, "spot")?;
    let now = state.clock.now();
    let mut found = None;
    if let Some(t) = tapped.filter(|t| *t <= now) {
        found = state
            .store
            .meeting_at_spot(id, spot_id, m.member, t)
            .await?;
    }
    if found.is_none() {
        found = state
            .store
            .meeting_at_spot(id, spot_id, m.member, now)
            .await?;
    }
    let mid: MeetingId = found.ok_or_else(|| {
        AppError::conflict("no_meeting_here", "you have no meeting at this spot now")
    })?;
    let meeting = state.store.meeting(mid).await?;
    check_in(&state, &meeting, m.member, CheckInMethod::Qr, tapped).await?;
    back(&cid, &mid.to_string(), "checked_in")
}
