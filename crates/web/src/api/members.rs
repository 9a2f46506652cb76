//! Profiles, availability, the member directory, roles and tag suggestions.

use axum::extract::{Path, State};
use peerlearn_domain::{MemberId, Role};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::json::ApiJson;
use super::views::{MemberPage, MemberSummaryView, MemberView, TagCountView};
use super::{ApiQuery, PageQuery, path_id};
use crate::app::profiles;
use crate::auth::{Member, Organizer};
use crate::error::{AppError, Problem};
use crate::input::queries::directory_filter;
use crate::input::{AvailabilityInput, ProfileInput, parse_windows};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Only members who offer or want this tag.
    pub tag: Option<String>,
    /// Only members whose name, headline or team contains this text.
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The member directory (members only), filtered by tag or text, paginated.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/members", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), DirectoryQuery),
    responses((status = 200, body = MemberPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn directory(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(query): ApiQuery<DirectoryQuery>,
) -> Result<axum::Json<MemberPage>, AppError> {
    let id = m.community.id;
    let (limit, cursor) = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let filter = directory_filter(query.tag.as_deref(), query.q.as_deref(), limit, cursor)?;
    let page = state.store.directory(id, &filter).await?;
    Ok(axum::Json(MemberPage {
        items: page.items.iter().map(MemberSummaryView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// The caller's own profile in the community.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/members/me", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = MemberView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_me(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<axum::Json<MemberView>, AppError> {
    let id = m.community.id;
    let member = state.store.member(id, m.member).await?;
    Ok(axum::Json(MemberView::from(&member)))
}

/// Replaces the caller's profile: text, languages, tags they can share and want to learn.
#[utoipa::path(put, path = "/api/v1/communities/{cid}/members/me", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = ProfileInput,
    responses(
        (status = 200, body = MemberView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_me(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiJson(input): ApiJson<ProfileInput>,
) -> Result<axum::Json<MemberView>, AppError> {
    let member = profiles::update(&state, &m, &input.parse()?).await?;
    Ok(axum::Json(MemberView::from(&member)))
}

/// Replaces the caller's availability. Each window must lie within the community's hours
/// (and dates); overlapping windows are merged.
#[utoipa::path(put, path = "/api/v1/communities/{cid}/members/me/availability", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = AvailabilityInput,
    responses(
        (status = 200, body = MemberView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn update_availability(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiJson(input): ApiJson<AvailabilityInput>,
) -> Result<axum::Json<MemberView>, AppError> {
    let windows = parse_windows(&m.community.calendar, &input.windows)?;
    let member = profiles::set_availability(&state, &m, &windows).await?;
    Ok(axum::Json(MemberView::from(&member)))
}

/// A member's profile (members of the community only).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/members/{mid}", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("mid" = String, Path, description = "member id")),
    responses((status = 200, body = MemberView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_member(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    Path((_cid, mid)): Path<(String, String)>,
) -> Result<axum::Json<MemberView>, AppError> {
    let id = m.community.id;
    let mid: MemberId = path_id(&mid, "member")?;
    let member = state.store.member(id, mid).await?;
    Ok(axum::Json(MemberView::from(&member)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleInput {
    /// `organizer`, `moderator` or `member`.
    pub role: String,
}

/// Changes a member's role (organizers). Recorded in the audit log; the last organizer
/// cannot step down (`last_organizer`).
#[utoipa::path(put, path = "/api/v1/communities/{cid}/members/{mid}/role", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("mid" = String, Path, description = "member id")),
    request_body = RoleInput,
    responses(
        (status = 200, body = MemberView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "`last_organizer`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn set_role(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    Path((_cid, mid)): Path<(String, String)>,
    ApiJson(input): ApiJson<RoleInput>,
) -> Result<axum::Json<MemberView>, AppError> {
    let id = m.community.id;
    let mid: MemberId = path_id(&mid, "member")?;
    let role = Role::parse("role", &input.role)?;
    let member = state
        .store
        .set_role(id, mid, role, me.user.id, state.clock.now())
        .await?;
    Ok(axum::Json(MemberView::from(&member)))
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct TagQuery {
    /// The beginning of a tag (empty: the most used tags).
    pub prefix: Option<String>,
    /// How many (1 to 200, default 20).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Tags members of the community use, most used first (for suggestions).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/tags", tag = "members",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), TagQuery),
    responses((status = 200, body = Vec<TagCountView>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn tag_suggestions(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(query): ApiQuery<TagQuery>,
) -> Result<axum::Json<Vec<TagCountView>>, AppError> {
    let id = m.community.id;
    let limit = query.limit.unwrap_or(20);
    if !(1..=200).contains(&limit) {
        return Err(AppError::out_of_range("limit", 1, 200));
    }
    let prefix: String = query.prefix.unwrap_or_default().chars().take(40).collect();
    let tags = state.store.tag_suggestions(id, &prefix, limit).await?;
    Ok(axum::Json(
        tags.into_iter()
            .map(|t| TagCountView {
                tag: t.tag,
                count: t.count,
            })
            .collect(),
    ))
}
