//! The community in figures: a member's private reciprocity ledger, the demand board (and
//! turning many requests into one group meeting), and the organizer's dashboard.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use peerlearn_domain::TopicId;
use peerlearn_store::Demand;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use super::views::{MeetingView, rfc3339};
use super::{ApiQuery, PageQuery, path_id};
use crate::app::insights;
use crate::auth::{CurrentUser, Member, Organizer};
use crate::error::{AppError, Problem};
pub use crate::input::queries::DashboardQuery;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct LedgerView {
    pub meetings_hosted: i64,
    pub meetings_attended: i64,
    pub minutes_shared: i64,
    pub minutes_learned: i64,
    pub notes_shared: i64,
    pub thanks_received: i64,
    pub answers_given: i64,
    /// Set when the member has taken much more than given: a gentle suggestion to share.
    pub nudge: Option<String>,
    /// Tags from the member's profile that others want, most wanted first.
    pub could_share: Vec<WantedTag>,
    /// When recommendations were paused for missed meetings (rejoin to lift it).
    pub paused_since: Option<String>,
}

impl From<insights::Ledger> for LedgerView {
    fn from(l: insights::Ledger) -> Self {
        Self {
            meetings_hosted: l.counts.meetings_hosted,
            meetings_attended: l.counts.meetings_attended,
            minutes_shared: l.counts.minutes_shared,
            minutes_learned: l.counts.minutes_learned,
            notes_shared: l.counts.notes_shared,
            thanks_received: l.counts.thanks_received,
            answers_given: l.counts.answers_given,
            // In the request's language, as problem documents are.
            nudge: l.nudge.map(|n| n.text(crate::i18n::current().lang())),
            could_share: l
                .could_share
                .into_iter()
                .map(|(tag, wanted_by)| WantedTag { tag, wanted_by })
                .collect(),
            paused_since: l.paused_since.map(rfc3339),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WantedTag {
    pub tag: String,
    pub wanted_by: i64,
}

/// The caller's private reciprocity ledger: what they gave and received.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/ledger", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = LedgerView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_ledger(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<axum::Json<LedgerView>, AppError> {
    let id = m.community.id;
    Ok(axum::Json(LedgerView::from(
        insights::ledger(&state, id, m.member).await?,
    )))
}

/// Lifts the pause on the caller's recommendations after missed meetings.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/rejoin", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn rejoin(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<StatusCode, AppError> {
    let id = m.community.id;
    state.store.rejoin(id, m.member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct DemandView {
    pub tag: String,
    pub wanted_by: i64,
    pub can_share: i64,
    pub open_asks: i64,
    pub pending_requests: i64,
}

impl From<&Demand> for DemandView {
    fn from(d: &Demand) -> Self {
        Self {
            tag: d.tag.clone(),
            wanted_by: d.wanted_by,
            can_share: d.can_share,
            open_asks: d.open_asks,
            pending_requests: d.pending_requests,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DemandPage {
    pub items: Vec<DemandView>,
    pub next_cursor: Option<String>,
}

/// The demand board: what members want to learn, grouped by tag, with who could share it.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/demand", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = DemandPage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_demand(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<axum::Json<DemandPage>, AppError> {
    let id = m.community.id;
    let (limit, offset) = page.parse()?;
    let offset = offset.unwrap_or(0);
    let mut rows = state
        .store
        .demand(id, state.clock.now(), limit + 1, offset)
        .await?;
    let next_cursor = (rows.len() as i64 > limit).then(|| (offset + limit).to_string());
    rows.truncate(limit as usize);
    Ok(axum::Json(DemandPage {
        items: rows.iter().map(DemandView::from).collect(),
        next_cursor,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct DashboardView {
    pub from: String,
    pub to: String,
    pub members: i64,
    pub new_members: i64,
    pub offers: i64,
    pub asks: i64,
    pub requests: i64,
    pub acceptance_rate: Option<f64>,
    pub meetings_held: i64,
    pub no_show_rate: Option<f64>,
    pub average_rating: Option<f64>,
    pub notes: i64,
    /// Share of meetings held between people of different teams.
    pub bridge_share: Option<f64>,
    /// New cross-team ties per 100 meetings held.
    pub new_cross_team_ties_per_100: Option<f64>,
    /// Most-wanted tags nobody offers.
    pub supply_gap: Vec<WantedTag>,
    pub meetings_per_day: Vec<DayCount>,
    /// Members free now (meet now), whatever the period.
    pub free_now: i64,
    /// Meet-now proposals made in the period, and those booked.
    pub meet_now_proposals: i64,
    pub meet_now_booked: i64,
    /// Re-pairings offered to members whose partner had not come, in the period.
    pub repairs_offered: i64,
    /// Re-pairings accepted (booked), in the period.
    pub repairs_booked: i64,
    /// Free seats of group sessions starting soon offered to free members, in the period.
    pub seats_offered: i64,
    /// Offered seats the member took, in the period.
    pub seats_taken: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DayCount {
    pub day: String,
    pub meetings: i64,
}

/// The organizer's dashboard for a period (organizers only).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/dashboard", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), DashboardQuery),
    responses((status = 200, body = DashboardView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_dashboard(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<axum::Json<DashboardView>, AppError> {
    let id = m.community.id;
    let period = q.period(m.community.calendar.timezone.tz(), state.clock.now())?;
    let (d, gap) = insights::dashboard(&state, id, &period).await?;
    Ok(axum::Json(DashboardView {
        from: period.from_day.to_string(),
        to: period.to_day.to_string(),
        members: d.members,
        new_members: d.new_members,
        offers: d.offers,
        asks: d.asks,
        requests: d.requests,
        acceptance_rate: d.acceptance_rate(),
        meetings_held: d.meetings_held,
        no_show_rate: d.no_show_rate(),
        average_rating: d.average_rating(),
        notes: d.notes,
        bridge_share: d.bridge_share(),
        new_cross_team_ties_per_100: d.ties_per_100(),
        supply_gap: gap
            .into_iter()
            .map(|(tag, wanted_by)| WantedTag { tag, wanted_by })
            .collect(),
        free_now: d.free_now,
        meet_now_proposals: d.now_proposals,
        meet_now_booked: d.now_booked,
        repairs_offered: d.repairs_offered,
        repairs_booked: d.repairs_booked,
        seats_offered: d.seats_offered,
        seats_taken: d.seats_taken,
        meetings_per_day: d
            .per_day
            .iter()
            .map(|(day, n)| DayCount {
                day: day.clone(),
                meetings: *n,
            })
            .collect(),
    }))
}

/// One table of the organizer's dashboard as CSV, for the period (organizers only): `summary`,
/// `meetings_per_day`, `supply_gap` or `demand` (a `.csv` ending is allowed), as the
/// dashboard page offers them for download.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/dashboard/{table}", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"),
        ("table" = String, Path, description = "`summary`, `meetings_per_day`, `supply_gap` or `demand`"),
        DashboardQuery),
    responses((status = 200, description = "The table, with a header row", content_type = "text/csv", body = String),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_dashboard_table(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, table)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<axum::response::Response, AppError> {
    let period = q.period(m.community.calendar.timezone.tz(), state.clock.now())?;
    let name = table.strip_suffix(".csv").unwrap_or(&table);
    if !crate::app::dashboard_tables::TABLES.contains(&name) {
        return Err(AppError::NotFound("table"));
    }
    let bytes =
        crate::app::dashboard_tables::table_csv(&state, m.community.id, name, &period).await?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GroupMeetingInput {
    /// A start time (RFC 3339) that at least two pending requests proposed.
    pub start: String,
}

/// Turns the pending requests on the caller's one-on-one offer that proposed the same time into
/// one group meeting: every requester still free then gets a seat and is notified; other
/// requests stay pending.
#[utoipa::path(post, path = "/api/v1/topics/{tid}/group-meeting", tag = "after the meeting",
    security(("bearer" = [])),
    params(("tid" = String, Path, description = "topic id (a one-on-one offer you host)")),
    request_body = GroupMeetingInput,
    responses(
        (status = 201, body = MeetingView),
        (status = 404, body = Problem),
        (status = 409, description = "`too_few_requests`, `no_spot_free`, `person_busy`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_group_meeting(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(tid): Path<String>,
    ApiJson(input): ApiJson<GroupMeetingInput>,
) -> Result<impl IntoResponse, AppError> {
    let topic: TopicId = path_id(&tid, "topic")?;
    let start = DateTime::parse_from_rfc3339(input.start.trim())
        .map_err(|_| AppError::invalid("start", "invalid-instant-example"))?
        .with_timezone(&Utc);
    let meeting = crate::app::seats::group_from_requests(&state, &me, topic, start).await?;
    Ok((StatusCode::CREATED, axum::Json(MeetingView::from(&meeting))))
}
