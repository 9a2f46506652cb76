//! Auto-scheduling over the API (organizers), as the Auto-schedule page does it: propose a
//! schedule for every pending request, then confirm the meetings to keep in one go.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use peerlearn_domain::{RequestId, SpotId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use super::views::rfc3339;
use crate::app::autoschedule;
use crate::auth::Organizer;
use crate::autoschedule::LeftOutReason;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// A request the engine placed: confirm it by sending back `request_id`, `start` and
/// `spot_id`.
#[derive(Serialize, ToSchema)]
pub struct PlacedView {
    pub request_id: String,
    pub topic_title: String,
    pub host_name: String,
    pub guest_name: String,
    pub start: String,
    /// The table or room; absent for a video meeting with a link of its own.
    pub spot_id: Option<String>,
    pub spot_name: Option<String>,
    pub video: bool,
}

/// A request left out, with the likeliest reason: `no_time_left` (the community's calendar
/// is full), `no_common_time`, `no_spot` (in person, and no table or room) or `times_taken`.
#[derive(Serialize, ToSchema)]
pub struct LeftOutView {
    pub topic_title: String,
    pub host_name: String,
    pub guest_name: String,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct ScheduleProposalView {
    pub placed: Vec<PlacedView>,
    pub left_out: Vec<LeftOutView>,
    /// At most this many could be placed, when the engine proved it.
    pub upper_bound: Option<u64>,
    /// How long the engine searched.
    pub seconds: f64,
}

/// Proposes a schedule for every pending request of the community (organizers); nothing is
/// written until the meetings are confirmed.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/schedule/proposal", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = ScheduleProposalView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn propose_schedule(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
) -> Result<axum::Json<ScheduleProposalView>, AppError> {
    let p = autoschedule::propose(&state, &m).await?;
    Ok(axum::Json(ScheduleProposalView {
        placed: p
            .placed
            .iter()
            .map(|x| PlacedView {
                request_id: x.request.to_string(),
                topic_title: x.topic.clone(),
                host_name: x.people.host.clone(),
                guest_name: x.people.guest.clone(),
                start: rfc3339(x.start),
                spot_id: x.spot.map(|s| s.to_string()),
                spot_name: x.spot_name.clone(),
                video: x.video,
            })
            .collect(),
        left_out: p
            .left_out
            .iter()
            .map(|l| LeftOutView {
                topic_title: l.topic.clone(),
                host_name: l.people.host.clone(),
                guest_name: l.people.guest.clone(),
                reason: match l.reason {
                    LeftOutReason::NoTimeLeft => "no_time_left",
                    LeftOutReason::NoCommonTime => "no_common_time",
                    LeftOutReason::NoSpot => "no_spot",
                    LeftOutReason::TimesTaken => "times_taken",
                }
                .into(),
            })
            .collect(),
        upper_bound: p.upper_bound,
        seconds: p.seconds,
    }))
}

/// A meeting of a proposal to confirm.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScheduledMeetingInput {
    pub request_id: String,
    /// RFC 3339.
    pub start: String,
    pub spot_id: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ConfirmScheduleInput {
    /// At most 5,000.
    pub meetings: Vec<ScheduledMeetingInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ConfirmedView {
    pub meeting_ids: Vec<String>,
}

/// The most meetings confirmed at once.
const MAX_CONFIRMED: usize = 5_000;

/// Confirms meetings of a proposal in one transaction (organizers): every one, or none when
/// one can no longer be booked (the answer names why).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/schedule/confirm", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = ConfirmScheduleInput,
    responses(
        (status = 201, body = ConfirmedView),
        (status = 403, body = Problem),
        (status = 404, description = "a request is not of this community", body = Problem),
        (status = 409, description = "`already_decided`, `person_busy`, `no_spot_free`: nothing was confirmed", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn confirm_schedule(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiJson(input): ApiJson<ConfirmScheduleInput>,
) -> Result<impl IntoResponse, AppError> {
    let bad = || AppError::invalid("meetings", "invalid-proposed-meeting");
    if input.meetings.is_empty() || input.meetings.len() > MAX_CONFIRMED {
        return Err(bad());
    }
    let now = state.clock.now();
    let mut items = Vec::with_capacity(input.meetings.len());
    for x in &input.meetings {
        let request: RequestId = x.request_id.parse().map_err(|_| bad())?;
        let start = DateTime::parse_from_rfc3339(x.start.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| bad())?;
        // A meeting is confirmed for later, never in the past.
        if start < now {
            return Err(bad());
        }
        let spot: Option<SpotId> = x
            .spot_id
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|_| bad())?;
        items.push((request, start, spot));
    }
    let ids = autoschedule::confirm(&state, &m, &items).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ConfirmedView {
            meeting_ids: ids.iter().map(ToString::to_string).collect(),
        }),
    ))
}
