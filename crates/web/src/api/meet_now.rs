//! "Meet now" in the API: say you are free for a while, read what was proposed to you, answer
//! it, or stop being free.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use peerlearn_domain::{FreeFor, InvalidInput, MeetingMode, NowProposalId};
use peerlearn_store::{NowAnswer, NowStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use crate::app::meet_now::{self, NowMode, NowState};
use crate::auth::Member;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::input::path_id;
use crate::state::AppState;

/// Being free now.
#[derive(Deserialize, ToSchema)]
pub struct FreeNowInput {
    /// How long, from now: 15 to 45 minutes (cut short when the community's hours end).
    pub minutes: i64,
    /// `lounge` (in person, at a free table) or `video`.
    pub mode: String,
    /// Book at once when someone is found, without accepting first.
    #[serde(default)]
    pub auto_accept: bool,
}

/// The caller's place among the free members.
#[derive(Serialize, ToSchema)]
pub struct FreeNowView {
    pub since: String,
    pub until: String,
    /// `lounge` or `video`.
    pub mode: String,
    pub auto_accept: bool,
}

/// A meeting proposed to the caller and one other free member.
#[derive(Serialize, ToSchema)]
pub struct NowProposalView {
    pub id: String,
    pub host_member_id: String,
    pub guest_member_id: String,
    /// The other member's display name.
    pub with_name: String,
    pub topic_id: String,
    pub topic_title: String,
    /// `lounge` or `video`.
    pub mode: String,
    pub starts_at: String,
    pub ends_at: String,
    /// It must be answered before this.
    pub expires_at: String,
    pub you_accepted: bool,
    /// `open`, `booked`, `declined`, `expired` or `failed`.
    pub status: String,
    pub meeting_id: Option<String>,
    /// A re-pairing: the caller's meeting (whose partner has not come) that this one replaces;
    /// accepting cancels it.
    pub replaces_meeting_id: Option<String>,
    /// Where a re-pairing meets: the spot of the meeting it replaces.
    pub spot_id: Option<String>,
    pub spot_name: Option<String>,
}

/// The caller's meet-now state.
#[derive(Serialize, ToSchema)]
pub struct MeetNowView {
    /// Present while the caller is free.
    pub free: Option<FreeNowView>,
    /// The latest proposal since they became free (or a booking made in the last minutes).
    pub proposal: Option<NowProposalView>,
    /// Members of the community free now, the caller included.
    pub free_members: i64,
}

/// What answering a proposal did.
#[derive(Serialize, ToSchema)]
pub struct NowAnswerView {
    /// `waiting` (for the other member), `booked` or `declined`.
    pub outcome: String,
    /// The meeting, when booked.
    pub meeting_id: Option<String>,
}

fn mode_word(mode: MeetingMode) -> &'static str {
    if mode == MeetingMode::Virtual {
        "video"
    } else {
        "lounge"
    }
}

fn view(state: NowState, who: &Member) -> MeetNowView {
    let me = who.m.member;
    MeetNowView {
        free: state.entry.as_ref().map(|e| FreeNowView {
            since: rfc3339(e.since),
            until: rfc3339(e.until),
            mode: mode_word(e.mode).into(),
            auto_accept: e.auto_accept,
        }),
        proposal: state.proposal.as_ref().map(|p| NowProposalView {
            id: p.id.to_string(),
            host_member_id: p.host.to_string(),
            guest_member_id: p.guest.to_string(),
            with_name: p.other(me).1.to_string(),
            topic_id: p.topic.to_string(),
            topic_title: p.topic_title.clone(),
            mode: mode_word(p.mode).into(),
            starts_at: rfc3339(p.time.start()),
            ends_at: rfc3339(p.time.end()),
            expires_at: rfc3339(p.expires_at),
            you_accepted: p.accepted_by(me),
            status: match p.status {
                NowStatus::Open => "open",
                NowStatus::Booked => "booked",
                NowStatus::Declined => "declined",
                NowStatus::Expired => "expired",
                NowStatus::Failed => "failed",
            }
            .into(),
            meeting_id: p.meeting.map(|m| m.to_string()),
            replaces_meeting_id: p.replaces.map(|m| m.to_string()),
            spot_id: p.spot.as_ref().map(|(id, _)| id.to_string()),
            spot_name: p.spot.as_ref().map(|(_, name)| name.clone()),
        }),
        free_members: state.free,
    }
}

/// The caller's meet-now state: whether they are free, what was proposed to them, and how
/// many are free.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/meet-now", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses(
        (status = 200, body = MeetNowView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
    ))]
pub async fn get_meet_now(
    State(state): State<AppState>,
    who: Member,
) -> Result<axum::Json<MeetNowView>, AppError> {
    let now = meet_now::view(&state, &who.m).await?;
    Ok(axum::Json(view(now, &who)))
}

/// Says the caller is free now, for 15 to 45 minutes, at the lounge or by video (again: changes
/// the window, mode and auto-accept). Free members are paired at once with the matching
/// engine; each pair is proposed a meeting starting in 5 minutes.
#[utoipa::path(put, path = "/api/v1/communities/{cid}/meet-now", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = FreeNowInput,
    responses(
        (status = 200, body = MeetNowView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`in_meeting`: the caller is in a meeting now; `member_paused`: their bookings are paused", body = Problem),
        (status = 422, description = "`invalid_input`: minutes out of range, an unknown mode, or outside the community's hours", body = Problem),
    ))]
pub async fn put_meet_now(
    State(state): State<AppState>,
    who: Member,
    ApiJson(input): ApiJson<FreeNowInput>,
) -> Result<axum::Json<MeetNowView>, AppError> {
    let mut errors = InvalidInput::default();
    let minutes = FreeFor::parse("minutes", input.minutes)
        .map_err(|e| errors.add(e))
        .ok();
    let mode = NowMode::parse("mode", input.mode.trim())
        .map_err(|e| errors.add(e))
        .ok();
    errors.into_result()?;
    let (Some(minutes), Some(mode)) = (minutes, mode) else {
        return Err(AppError::invalid("minutes", "invalid-free-minutes"));
    };
    meet_now::go_free(&state, &who.m, minutes, mode, input.auto_accept).await?;
    let now = meet_now::view(&state, &who.m).await?;
    Ok(axum::Json(view(now, &who)))
}

/// The caller is no longer free; an open proposal of theirs is declined.
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/meet-now", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses(
        (status = 204),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
    ))]
pub async fn delete_meet_now(
    State(state): State<AppState>,
    who: Member,
) -> Result<StatusCode, AppError> {
    meet_now::leave(&state, &who.m).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn answered(answer: NowAnswer) -> NowAnswerView {
    let (outcome, meeting) = match answer {
        NowAnswer::Waiting => ("waiting", None),
        NowAnswer::Booked(m) => ("booked", Some(m.to_string())),
        NowAnswer::Declined => ("declined", None),
    };
    NowAnswerView {
        outcome: outcome.into(),
        meeting_id: meeting,
    }
}

/// Accepts a proposal: the meeting is booked (at a free spot, or with a video link) when the
/// other member accepted too, or auto-accepts.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/meet-now/proposals/{pid}/accept", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("pid" = String, Path, description = "proposal id")),
    responses(
        (status = 200, body = NowAnswerView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`proposal_closed`, `proposal_expired`, `already_accepted`, or the booking was refused (`person_busy`, `no_spot_free`: both are free again; for a re-pairing, `partner_arrived` when the absent partner checked in meanwhile)", body = Problem),
    ))]
pub async fn accept_now_proposal(
    State(state): State<AppState>,
    who: Member,
    Path((_cid, pid)): Path<(String, String)>,
) -> Result<axum::Json<NowAnswerView>, AppError> {
    let id: NowProposalId = path_id(&pid, "proposal")?;
    let answer = meet_now::answer(&state, &who.m, id, true).await?;
    Ok(axum::Json(answered(answer)))
}

/// Declines a proposal: both members stay free, and are not proposed to each other again.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/meet-now/proposals/{pid}/decline", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("pid" = String, Path, description = "proposal id")),
    responses(
        (status = 200, body = NowAnswerView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`proposal_closed` or `proposal_expired`", body = Problem),
    ))]
pub async fn decline_now_proposal(
    State(state): State<AppState>,
    who: Member,
    Path((_cid, pid)): Path<(String, String)>,
) -> Result<axum::Json<NowAnswerView>, AppError> {
    let id: NowProposalId = path_id(&pid, "proposal")?;
    let answer = meet_now::answer(&state, &who.m, id, false).await?;
    Ok(axum::Json(answered(answer)))
}
