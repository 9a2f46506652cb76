//! Recommendations for the caller (members): topics "for you" and asks they "could help" with,
//! swap partners, and dismissals ("not interested") with undo.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_engine::matching::ListKind;
use peerlearn_store::Dismissed;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiQuery;
use super::json::ApiJson;
use crate::app::dismissals;
use crate::auth::Member;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
pub use crate::input::queries::DismissalInput;
use crate::recommend::reason::paragraph;
use crate::recommend::{MAX_LIST, PersonItem, RecItem, Scores, Want};
use crate::state::AppState;

/// How reasons and times are worded for the caller: in the request's language, times in the
/// caller's own zone (else the community's).
#[derive(Clone, Copy)]
struct Wording {
    lang: Lang,
    zone: chrono_tz::Tz,
}

impl Wording {
    fn of(me: &crate::auth::CurrentUser, community: &peerlearn_store::Community) -> Self {
        Self {
            lang: crate::i18n::current().lang(),
            zone: me
                .user
                .time_zone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .unwrap_or_else(|| community.calendar.timezone.tz()),
        }
    }

    fn when(self, at: Option<chrono::DateTime<chrono::Utc>>) -> String {
        at.map(|at| self.lang.when(&at.with_timezone(&self.zone)))
            .unwrap_or_default()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberRef {
    pub id: String,
    pub display_name: String,
}

/// A recommended topic with its reason and score breakdown.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationView {
    pub topic: TopicRef,
    pub host: MemberRef,
    pub score: f32,
    /// The reasons in the request's language, one sentence each ("You want to learn Rust. …").
    pub reason: String,
    pub breakdown: Scores,
    /// The first time both are free for the meeting.
    pub first_free_at: Option<String>,
    /// The same, as shown to people ("Tue 8 Dec, 10:30") in the request's language.
    pub first_free: String,
    /// In the share of the list reserved for people on other teams one has not met.
    pub bridging: bool,
}

impl RecommendationView {
    fn new(r: RecItem, w: Wording) -> Self {
        Self {
            reason: paragraph(&r.reason, r.first_free, w.lang, w.zone),
            first_free: w.when(r.first_free),
            topic: TopicRef {
                id: r.topic_id,
                title: r.title,
            },
            host: MemberRef {
                id: r.host_id,
                display_name: r.host_name,
            },
            score: r.scores.total,
            breakdown: r.scores,
            first_free_at: r.first_free.map(rfc3339),
            bridging: r.bridging,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationList {
    pub items: Vec<RecommendationView>,
}

/// A member to meet, with what each could learn from the other.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerView {
    pub member: MemberRef,
    pub score: f32,
    /// What the caller could learn from them, 0 to 1.
    pub learn: f32,
    /// What they could learn from the caller, 0 to 1.
    pub teach: f32,
    pub reason: String,
    pub first_free_at: Option<String>,
    pub first_free: String,
}

impl PartnerView {
    fn new(p: PersonItem, w: Wording) -> Self {
        Self {
            reason: paragraph(&p.reason, p.first_free, w.lang, w.zone),
            first_free: w.when(p.first_free),
            member: MemberRef {
                id: p.member_id,
                display_name: p.name,
            },
            score: p.score,
            learn: p.learn,
            teach: p.teach,
            first_free_at: p.first_free.map(rfc3339),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerList {
    pub items: Vec<PartnerView>,
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct RecommendationQuery {
    /// `for_you` (offers matching what you want to learn; the default) or `could_help` (asks
    /// matching what you can share).
    pub list: Option<String>,
    /// Entries, 1 to 20 (default 10).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<i64>,
}

fn limit(raw: Option<i64>) -> Result<usize, AppError> {
    let n = raw.unwrap_or(10);
    usize::try_from(n)
        .ok()
        .filter(|n| (1..=MAX_LIST).contains(n))
        .ok_or_else(|| AppError::out_of_range("limit", 1, MAX_LIST as i64))
}

/// The caller's recommended topics, best first.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/recommendations", tag = "recommendations",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), RecommendationQuery),
    responses(
        (status = 200, body = RecommendationList),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn recommendations(
    State(state): State<AppState>,
    Member { me, m }: Member,
    ApiQuery(q): ApiQuery<RecommendationQuery>,
) -> Result<axum::Json<RecommendationList>, AppError> {
    let kind = match q.list.as_deref().map(str::trim) {
        None | Some("") | Some("for_you") => ListKind::ForYou,
        Some("could_help") => ListKind::CouldHelp,
        Some(_) => {
            return Err(peerlearn_domain::Invalid::new("list", "invalid-choice")
                .arg("choices", "for_you, could_help")
                .into());
        }
    };
    let limit = limit(q.limit)?;
    let lists = state
        .recommendations
        .lists(
            &state.store,
            &m.community,
            m.member,
            Want::Topics(kind),
            state.clock.now(),
        )
        .await?;
    let items = match kind {
        ListKind::ForYou => lists.for_you,
        ListKind::CouldHelp => lists.could_help,
    };
    let w = Wording::of(&me, &m.community);
    Ok(axum::Json(RecommendationList {
        items: items
            .into_iter()
            .take(limit)
            .map(|r| RecommendationView::new(r, w))
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// Entries, 1 to 20 (default 10).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<i64>,
}

/// Reciprocal partners: members who can teach the caller something and want to learn
/// something the caller offers.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/swap-partners", tag = "recommendations",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), LimitQuery),
    responses(
        (status = 200, body = PartnerList),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn swap_partners(
    State(state): State<AppState>,
    Member { me, m }: Member,
    ApiQuery(q): ApiQuery<LimitQuery>,
) -> Result<axum::Json<PartnerList>, AppError> {
    let limit = limit(q.limit)?;
    let lists = state
        .recommendations
        .lists(
            &state.store,
            &m.community,
            m.member,
            Want::SwapPartners,
            state.clock.now(),
        )
        .await?;
    let w = Wording::of(&me, &m.community);
    Ok(axum::Json(PartnerList {
        items: lists
            .swap_partners
            .into_iter()
            .take(limit)
            .map(|p| PartnerView::new(p, w))
            .collect(),
    }))
}

/// A dismissal, for undo.
#[derive(Debug, Serialize, ToSchema)]
pub struct DismissalView {
    /// `topic` or `host`.
    pub kind: String,
    /// The topic's or the host's id.
    pub id: String,
    /// The topic's title or the host's name.
    pub label: String,
}

impl From<Dismissed> for DismissalView {
    fn from(d: Dismissed) -> Self {
        match d {
            Dismissed::Topic { id, title } => Self {
                kind: "topic".into(),
                id: id.to_string(),
                label: title,
            },
            Dismissed::Host { id, name } => Self {
                kind: "host".into(),
                id: id.to_string(),
                label: name,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DismissalList {
    pub items: Vec<DismissalView>,
}

/// "Not interested": the topic leaves the caller's lists, or the host and their topics do.
/// Dismissing twice is the same as once.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/dismissals", tag = "recommendations",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = DismissalInput,
    responses(
        (status = 201, body = DismissalList, description = "the caller's dismissals, newest first"),
        (status = 403, body = Problem),
        (status = 404, description = "community, topic or member not found", body = Problem),
        (status = 409, description = "`own_topic`, `own_profile`", body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_dismissal(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiJson(input): ApiJson<DismissalInput>,
) -> Result<impl IntoResponse, AppError> {
    let target = input.parse()?;
    dismissals::dismiss(&state, &m, target).await?;
    let items = state.store.dismissals(m.member, 200).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(DismissalList {
            items: items.into_iter().map(Into::into).collect(),
        }),
    ))
}

/// The caller's dismissals, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/dismissals", tag = "recommendations",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses(
        (status = 200, body = DismissalList),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
    ))]
pub async fn list_dismissals(
    State(state): State<AppState>,
    Member { m, .. }: Member,
) -> Result<axum::Json<DismissalList>, AppError> {
    let items = state.store.dismissals(m.member, 200).await?;
    Ok(axum::Json(DismissalList {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Undoes a dismissal (`?topic_id=` or `?host_id=`).
#[utoipa::path(delete, path = "/api/v1/communities/{cid}/dismissals", tag = "recommendations",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), DismissalInput),
    responses(
        (status = 204, description = "undone"),
        (status = 403, body = Problem),
        (status = 404, description = "no such dismissal", body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn delete_dismissal(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    ApiQuery(q): ApiQuery<DismissalInput>,
) -> Result<StatusCode, AppError> {
    let target = q.parse()?;
    if dismissals::undo(&state, &m, target).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound("dismissal"))
    }
}
