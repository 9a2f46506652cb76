//! Invitations: the organizer's list of who joined and who has not (with re-sends), and the
//! page behind an invitation link, where a new account chooses its password.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use peerlearn_store::{InvitationFilter, TokenKind};
use serde::Deserialize;

use super::account::{EmptyForm, session_cookie};
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::app::accounts::issue;
use crate::app::invitations;
use crate::auth::{CsrfToken, MaybeUser, Organizer, UserAgent};
use crate::error::AppError;
use crate::state::AppState;

/// Invitations on one page.
const PAGE_SIZE: i64 = 50;

/// One invitation as the list shows it.
pub struct InvitationRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub joined: bool,
    /// "Joined Tue 8 Dec, 10:30" or "Invited Tue 8 Dec, 10:30 · sent 2 times".
    pub status: String,
}

pub struct FilterLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "invitations.html")]
struct InvitationsTemplate {
    page: Page,
    community: CommunityCard,
    invited: i64,
    joined: i64,
    pending: i64,
    filters: Vec<FilterLink>,
    rows: Vec<InvitationRow>,
    next_url: Option<String>,
    first_url: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<String>,
    notice: Option<String>,
    sent: Option<String>,
    skipped: Option<String>,
}

/// Who was invited, who joined and who has not.
pub async fn list(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let id = m.community.id;
    let filter = invitations::filter(query.status.as_deref())?;
    let offset: i64 = match query.cursor.as_deref() {
        None | Some("") => 0,
        Some(c) => c
            .parse()
            .ok()
            .filter(|n: &i64| *n >= 0)
            .ok_or_else(|| AppError::invalid("cursor", "invalid-cursor"))?,
    };
    let list = state
        .store
        .invitations(id, filter, PAGE_SIZE, offset)
        .await?;
    let counts = state.store.invitation_counts(id).await?;
    let mut page = Page::new(Some(&me), &csrf).with_notice(query.notice.as_deref());
    let lang = page.lang;
    if query.notice.as_deref() == Some("invitations_resent") {
        let n = |raw: &Option<String>| {
            raw.as_deref()
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        };
        page.notice = Some(lang.t_args(
            "notice-invitations-resent",
            &[
                ("sent", n(&query.sent).into()),
                ("skipped", n(&query.skipped).into()),
            ],
        ));
    }
    let tz = m.community.calendar.timezone.tz();
    let word = |f: InvitationFilter| match f {
        InvitationFilter::All => "all",
        InvitationFilter::Joined => "joined",
        InvitationFilter::Pending => "pending",
    };
    let href = |f: InvitationFilter, cursor: Option<i64>| {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        if f != InvitationFilter::All {
            params.append_pair("status", word(f));
        }
        if let Some(c) = cursor {
            params.append_pair("cursor", &c.to_string());
        }
        let params = params.finish();
        if params.is_empty() {
            format!("/c/{id}/invitations")
        } else {
            format!("/c/{id}/invitations?{params}")
        }
    };
    let pending = counts.invited - counts.joined;
    let filters = [
        (
            InvitationFilter::All,
            "invitations-filter-all",
            counts.invited,
        ),
        (
            InvitationFilter::Pending,
            "invitations-filter-pending",
            pending,
        ),
        (
            InvitationFilter::Joined,
            "invitations-filter-joined",
            counts.joined,
        ),
    ]
    .into_iter()
    .map(|(f, key, n)| FilterLink {
        href: href(f, None),
        label: lang.t_count(key, n),
        current: f == filter,
    })
    .collect();
    let rows = list
        .items
        .iter()
        .map(|i| InvitationRow {
            id: i.id,
            name: i.name.clone(),
            email: i.email.clone(),
            joined: i.joined_at.is_some(),
            status: match i.joined_at {
                Some(at) => page.t1("invitations-joined-at", "when", page.when(at, tz)),
                None => lang.t_args(
                    "invitations-sent-at",
                    &[
                        ("when", page.when(i.sent_at, tz).into()),
                        ("count", i.sends.into()),
                    ],
                ),
            },
        })
        .collect();
    let next_url = list
        .next_cursor
        .as_deref()
        .and_then(|c| c.parse().ok())
        .map(|c| href(filter, Some(c)));
    let first_url = (offset > 0).then(|| href(filter, None));
    render(&InvitationsTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        invited: counts.invited,
        joined: counts.joined,
        pending,
        filters,
        rows,
        next_url,
        first_url,
        page,
    })
}

/// Sends the invitation again to everyone who has not joined (skipping whoever got one in
/// the last hour).
pub async fn resend_all(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let done = invitations::resend(&state, &m, None).await?;
    Ok(Redirect::to(&format!(
        "/c/{}/invitations?notice=invitations_resent&sent={}&skipped={}",
        m.community.id, done.sent, done.too_soon
    ))
    .into_response())
}

/// Sends one person's invitation again (at most once an hour).
pub async fn resend_one(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    Path((_cid, iid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let iid = peerlearn_domain::parse_id(&iid).map_err(|_| AppError::NotFound("invitation"))?;
    invitations::resend(&state, &m, Some(iid)).await?;
    Ok(Redirect::to(&format!(
        "/c/{}/invitations?status=pending&notice=invitation_resent",
        m.community.id
    ))
    .into_response())
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct LandingTemplate {
    page: Page,
    works: bool,
    needs_password: bool,
    community_name: String,
    name: String,
    email: String,
    action: String,
    errors: FieldErrors,
}

async fn landing(
    state: &AppState,
    page: Page,
    secret: &str,
    errors: FieldErrors,
) -> Result<(StatusCode, LandingTemplate), AppError> {
    let found = invitations::link(state, secret).await?;
    let community_name = match &found {
        Some(l) => state.store.community(l.community).await?.name,
        None => String::new(),
    };
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok((
        status,
        LandingTemplate {
            page,
            works: found.is_some(),
            needs_password: found.as_ref().is_some_and(|l| l.needs_password),
            name: found.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
            email: found.as_ref().map(|l| l.email.clone()).unwrap_or_default(),
            community_name,
            action: format!("/invitations/{secret}"),
            errors,
        },
    ))
}

/// The page behind an invitation link (opening it changes nothing: mail scanners open links).
pub async fn landing_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    Path(secret): Path<String>,
) -> PageResult {
    let page = Page::new(user.as_ref(), &csrf);
    let (status, t) = landing(&state, page, &secret, FieldErrors::default()).await?;
    render_status(status, &t)
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    password: Option<String>,
}

/// Uses the link: a new account's password is set and this browser signed in; then the
/// community's home.
pub async fn accept(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    csrf: CsrfToken,
    UserAgent(agent): UserAgent,
    jar: CookieJar,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> PageResult {
    let page = Page::new(user.as_ref(), &csrf);
    match invitations::accept(&state, &secret, form.password.as_deref()).await {
        Ok((community, user, sign_in)) => {
            let to = Redirect::to(&format!("/c/{community}?notice=invitation_joined"));
            if sign_in {
                let session = issue(&state, &user, TokenKind::Session, &agent).await?;
                let jar = jar.add(session_cookie(&state, session.secret));
                Ok((jar, to).into_response())
            } else {
                Ok(to.into_response())
            }
        }
        Err(AppError::Invalid(e)) => {
            let errors = FieldErrors::new(page.lang, &e);
            let (_, t) = landing(&state, page, &secret, errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(AppError::NotFound(_)) => {
            let (_, t) = landing(&state, page, &secret, FieldErrors::default()).await?;
            render_status(StatusCode::GONE, &t)
        }
        Err(e) => Err(e.into()),
    }
}
