//! Importing attendees (organizers): a CSV body staged as a preview, confirmed in a second
//! call; the invitations it sent, who joined, and re-sends.

use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiQuery, PageQuery};
use crate::app::imports::{self, Counts, Outcome, Preview, StagedRow};
use crate::app::invitations;
use crate::auth::Organizer;
use crate::clock::rfc3339 as rfc;
use crate::error::{AppError, Problem};
use crate::input::upload::read_body;
use crate::state::AppState;

/// A row of an uploaded file and what confirming does with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRowView {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    pub email: String,
    pub name: String,
    pub team: String,
    /// Tags they want to learn.
    pub tags: Vec<String>,
    /// Tags they can share.
    pub offers: Vec<String>,
    /// `en` or `fr`, if given.
    pub language: Option<String>,
    pub outcome: Outcome,
    /// Why the row cannot be imported (`outcome` is `error`): the column and a sentence in
    /// the request's language; `code` is the stable message id.
    pub problem: Option<RowProblemView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowProblemView {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An import: its state, what it does (or did) and a page of its rows.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportView {
    pub id: String,
    /// `staged` (waiting for confirmation) or `confirmed`.
    pub status: String,
    pub file_name: String,
    pub created_at: String,
    /// A staged import can be confirmed until then.
    pub expires_at: String,
    pub confirmed_at: Option<String>,
    pub counts: Counts,
    /// What confirming did (0 before).
    pub accounts_created: i64,
    pub members_added: i64,
    pub rows: Vec<ImportRowView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct RowsQuery {
    /// Only rows with this outcome: `new_account`, `existing_account`, `already_member` or
    /// `error`.
    pub outcome: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn row_view(r: &StagedRow) -> ImportRowView {
    let lang = crate::i18n::current().lang();
    ImportRowView {
        line: r.row.line,
        email: r.row.email.clone(),
        name: r.row.name.clone(),
        team: r.row.team.clone(),
        tags: r.row.tags.clone(),
        offers: r.row.offers.clone(),
        language: r.row.language.clone(),
        outcome: r.outcome,
        problem: r.row.problem.as_ref().map(|p| RowProblemView {
            field: p.field.clone(),
            code: p.id.clone(),
            message: crate::i18n::capitalize(&lang.message(&p.id, &p.message_args())),
        }),
    }
}

fn view(p: &Preview, query: &RowsQuery) -> Result<ImportView, AppError> {
    let (limit, cursor) = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let outcome = match query.outcome.as_deref().filter(|o| !o.is_empty()) {
        None => None,
        Some(raw) => Some(Outcome::parse(raw).ok_or_else(|| {
            AppError::from(
                peerlearn_domain::Invalid::new("outcome", "invalid-choice").arg(
                    "choices",
                    "new_account, existing_account, already_member, error",
                ),
            )
        })?),
    };
    let offset = cursor.unwrap_or(0) as usize;
    let (rows, more) = p.page(outcome, offset, limit as usize);
    Ok(ImportView {
        id: p.import.id.to_string(),
        status: p.import.status.as_str().to_string(),
        file_name: p.import.file_name.clone(),
        created_at: rfc(p.import.created_at),
        expires_at: rfc(p.import.expires_at),
        confirmed_at: p.import.confirmed_at.map(rfc),
        counts: p.counts,
        accounts_created: p.import.accounts_created,
        members_added: p.import.members_added,
        rows: rows.into_iter().map(row_view).collect(),
        next_cursor: more.then(|| (offset + limit as usize).to_string()),
    })
}

fn import_id(raw: &str) -> Result<i64, AppError> {
    peerlearn_domain::parse_id(raw).map_err(|_| AppError::NotFound("import"))
}

/// Uploads an attendee list (`text/csv`, UTF-8, at most 5 MB and 20,000 rows; columns
/// `email`, `name`, `team`, optional `tags`, `offers`, `language`) and answers its preview:
/// what confirming would do with each row. Nothing but the staged file is written; it waits
/// 24 hours for `…/confirm`. A file that cannot be used is a 422 on the field `file`.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/imports", tag = "imports",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), RowsQuery),
    request_body(content = String, content_type = "text/csv", description = "the attendee list"),
    responses(
        (status = 201, body = ImportView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_import(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    ApiQuery(query): ApiQuery<RowsQuery>,
    req: Request,
) -> Result<(StatusCode, axum::Json<ImportView>), AppError> {
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("text/csv") || v.eq_ignore_ascii_case("application/csv")
        });
    if !is_csv {
        return Err(AppError::BadRequest {
            code: "unsupported_media_type",
            message: "send the file as text/csv".into(),
        });
    }
    let body = read_body(req.into_body()).await?;
    let preview = imports::stage(&state, &m, me.user.id, "", &body).await?;
    Ok((StatusCode::CREATED, axum::Json(view(&preview, &query)?)))
}

/// An import: its state, counts and a page of its rows.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/imports/{iid}", tag = "imports",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("iid" = String, Path, description = "import id"), RowsQuery),
    responses((status = 200, body = ImportView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_import(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, iid)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<RowsQuery>,
) -> Result<axum::Json<ImportView>, AppError> {
    let preview = imports::preview(&state, m.community.id, import_id(&iid)?).await?;
    Ok(axum::Json(view(&preview, &query)?))
}

/// Confirms a staged import (only the organizer who uploaded it): accounts without a
/// password for new addresses, memberships with team and tags, and an invitation email for
/// each person added, in one transaction. `import_not_staged` (409) when it was confirmed
/// already or expired.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/imports/{iid}/confirm", tag = "imports",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("iid" = String, Path, description = "import id")),
    responses(
        (status = 200, body = ImportView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem),
    ))]
pub async fn confirm_import(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    Path((_cid, iid)): Path<(String, String)>,
) -> Result<axum::Json<ImportView>, AppError> {
    let id = import_id(&iid)?;
    imports::confirm(&state, &m, me.user.id, id).await?;
    let preview = imports::preview(&state, m.community.id, id).await?;
    Ok(axum::Json(view(&preview, &RowsQuery::default())?))
}

/// An invitation sent to an imported attendee.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub email: String,
    /// The account was created by the import.
    pub new_account: bool,
    pub sent_at: String,
    /// How many times it was sent.
    pub sends: i64,
    /// Until then the last link works.
    pub expires_at: String,
    /// When they used their link; `null` while they have not joined.
    pub joined_at: Option<String>,
}

impl From<&peerlearn_store::Invitation> for InvitationView {
    fn from(i: &peerlearn_store::Invitation) -> Self {
        Self {
            id: i.id.to_string(),
            user_id: i.user.to_string(),
            name: i.name.clone(),
            email: i.email.clone(),
            new_account: i.new_account,
            sent_at: rfc(i.sent_at),
            sends: i.sends,
            expires_at: rfc(i.expires_at),
            joined_at: i.joined_at.map(rfc),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPage {
    pub items: Vec<InvitationView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct InvitationsQuery {
    /// `joined`, `pending` (not joined yet) or `all` (default).
    pub status: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The community's invitations, newest first: who joined and who has not.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/invitations", tag = "imports",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), InvitationsQuery),
    responses((status = 200, body = InvitationPage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    ApiQuery(query): ApiQuery<InvitationsQuery>,
) -> Result<axum::Json<InvitationPage>, AppError> {
    let filter = invitations::filter(query.status.as_deref())?;
    let (limit, cursor) = PageQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    }
    .parse()?;
    let page = state
        .store
        .invitations(m.community.id, filter, limit, cursor.unwrap_or(0))
        .await?;
    Ok(axum::Json(InvitationPage {
        items: page.items.iter().map(InvitationView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// Sends one invitation again with a new link (the old one stops working). At most once an
/// hour per person (429); `already_joined` (409) once they joined.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/invitations/{iid}/resend", tag = "imports",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), ("iid" = String, Path, description = "invitation id")),
    responses(
        (status = 200, body = InvitationView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem),
        (status = 429, body = Problem),
    ))]
pub async fn resend_invitation(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, iid)): Path<(String, String)>,
) -> Result<axum::Json<InvitationView>, AppError> {
    let iid = peerlearn_domain::parse_id(&iid).map_err(|_| AppError::NotFound("invitation"))?;
    invitations::resend(&state, &m, Some(iid)).await?;
    let invitation = state.store.invitation(m.community.id, iid).await?;
    Ok(axum::Json(InvitationView::from(&invitation)))
}
