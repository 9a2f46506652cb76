//! Mixer rounds: organizers publish small groups for several rounds as group meetings.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use super::views::MeetingView;
use crate::app::mixer;
use crate::auth::Organizer;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::input::mixer::MixerInput;
use crate::state::AppState;

/// Published mixer rounds.
#[derive(Serialize, ToSchema)]
pub struct MixerView {
    /// Members mixed.
    pub people: usize,
    /// Group meetings written, over all rounds.
    pub meetings: usize,
    pub rounds: Vec<MixerRoundView>,
}

/// One published round.
#[derive(Serialize, ToSchema)]
pub struct MixerRoundView {
    /// 1 for the first round.
    pub number: usize,
    /// When the round starts (RFC 3339).
    pub start: String,
    /// When it ends.
    pub end: String,
    /// One meeting per group, each with its spot (or video link) and its people.
    pub meetings: Vec<MeetingView>,
    /// Display names of people left out of this round because they were already in a
    /// meeting then.
    pub busy: Vec<String>,
    /// Display names of people left out because everyone else in their group was busy.
    pub alone: Vec<String>,
}

/// Publishes mixer rounds (organizers): the community's members in groups of about
/// `group_size` for up to `rounds` rounds, nobody meeting the same person twice, each group
/// an ordinary meeting at its round's time with a spot, its people told with an invitation.
/// All or nothing: either every meeting is written or none. Someone already in a meeting
/// during a round is left out of that round only, and named in `busy`.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/mixers", tag = "meetings",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = MixerInput,
    responses(
        (status = 201, body = MixerView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`not_enough_spots` (a round's groups do not all find a free table or room), `everyone_busy` (nobody is free for any group), `mixer_changed` (the rounds differ from the `preview` given) or `too_few_members`", body = Problem),
        (status = 422, description = "`invalid_input`: a field out of range, a start in the past or a round outside the community's hours", body = Problem),
    ))]
pub async fn create_mixer(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiJson(input): ApiJson<MixerInput>,
) -> Result<impl IntoResponse, AppError> {
    let publication = input.parse(&m.community.calendar, state.clock.now())?;
    let lang = crate::i18n::current().lang();
    let published = mixer::publish(&state, &m, &publication, lang)
        .await
        .map_err(|(e, _)| e)?;
    let view = MixerView {
        people: published.people,
        meetings: published.meetings(),
        rounds: published
            .rounds
            .iter()
            .map(|r| MixerRoundView {
                number: r.number,
                start: rfc3339(r.time.start()),
                end: rfc3339(r.time.end()),
                meetings: r.meetings.iter().map(MeetingView::from).collect(),
                busy: r.busy.clone(),
                alone: r.alone.clone(),
            })
            .collect(),
    };
    Ok((StatusCode::CREATED, axum::Json(view)))
}
