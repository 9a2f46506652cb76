//! Counter-proposals: the side a request waits for proposes other times instead of accepting
//! or declining.

use axum::extract::{Path, State};
use peerlearn_domain::RequestId;
use serde::Deserialize;
use utoipa::ToSchema;

use super::json::ApiJson;
use super::path_id;
use super::views::RequestView;
use crate::app::proposals::Proposal;
use crate::app::requests;
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposeInput {
    /// One to three other start times (RFC 3339); each lasts the topic's duration.
    #[schema(example = json!(["2026-05-13T14:00:00Z"]))]
    pub proposed_times: Vec<String>,
    /// Why these times, shown to the other person.
    #[serde(default)]
    pub message: Option<String>,
}

/// Proposes other times for a pending request instead of accepting or declining it. Only the
/// side the request waits for may do so (at first the person asked); the times replace the
/// request's, pass the same checks as a new request's, and the request then waits for the
/// other side, who is told and may accept one, decline, or propose again.
#[utoipa::path(post, path = "/api/v1/requests/{rid}/propose", tag = "meetings",
    security(("bearer" = [])),
    params(("rid" = String, Path, description = "request id")),
    request_body = ProposeInput,
    responses(
        (status = 200, body = RequestView),
        (status = 403, description = "the request waits for the other side", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`already_decided`, `not_your_turn`, `outside_hours`, `not_available`, `person_busy`, `host_full`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn propose_times(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(rid): Path<String>,
    ApiJson(input): ApiJson<ProposeInput>,
) -> Result<axum::Json<RequestView>, AppError> {
    let id: RequestId = path_id(&rid, "request")?;
    let proposal = Proposal::parse(&input.proposed_times, input.message.as_deref())?;
    let request = requests::propose(&state, &me, id, &proposal).await?;
    Ok(axum::Json(RequestView::new(&request, state.clock.now())))
}
