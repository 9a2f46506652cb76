//! The organizer's "Import attendees" pages: upload a CSV file, read the preview of what will
//! happen (new accounts, existing accounts added, already members, rows with errors and why,
//! paged), confirm. The file travels as `multipart/form-data` with the form's CSRF field.

use askama::Template;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use peerlearn_domain::InvalidInput;
use serde::Deserialize;

use super::account::EmptyForm;
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageError, PageResult, render_status};
use crate::app::imports::{self, MAX_BYTES, MAX_ROWS, Outcome, Preview, StagedRow};
use crate::auth::{CSRF_FIELD, CsrfToken, Organizer};
use crate::error::AppError;
use crate::i18n::{Lang, capitalize};
use crate::input::upload::{boundary, parse_multipart, read_body};
use crate::state::AppState;

/// Rows of the preview on one page.
const PAGE_ROWS: usize = 50;

/// An uploaded file from one of our forms (its CSRF field checked first). `Err` when the
/// body is too large or holds no file, for the page to say so next to the file field.
pub struct CsrfUpload(pub Result<(String, Vec<u8>), AppError>);

impl<S: Send + Sync> FromRequest<S> for CsrfUpload {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Response> {
        let token = req
            .extensions()
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| {
                PageError(AppError::Internal("CSRF middleware missing".into())).into_response()
            })?;
        if crate::auth::from_another_site(req.headers()) {
            return Err(PageError(AppError::Forbidden("forbidden-cross-site")).into_response());
        }
        let Some(boundary) = boundary(req.headers()) else {
            return Err(PageError(AppError::BadRequest {
                code: "invalid_form",
                message: String::new(),
            })
            .into_response());
        };
        let body = match read_body(req.into_body()).await {
            Ok(body) => body,
            Err(e @ AppError::Invalid(_)) => return Ok(Self(Err(e))),
            Err(e) => return Err(PageError(e).into_response()),
        };
        let Some(parts) = parse_multipart(&body, &boundary) else {
            return Err(PageError(AppError::BadRequest {
                code: "invalid_form",
                message: String::new(),
            })
            .into_response());
        };
        let sent = parts
            .iter()
            .find(|p| p.name == CSRF_FIELD)
            .and_then(|p| std::str::from_utf8(&p.data).ok());
        token
            .verify(sent)
            .map_err(|e| PageError(e).into_response())?;
        let file = parts
            .into_iter()
            .find(|p| p.name == "file" && p.file_name.as_deref().is_some_and(|n| !n.is_empty()))
            .map(|p| (p.file_name.unwrap_or_default(), p.data))
            .ok_or_else(|| AppError::invalid("file", "invalid-import-no-file"));
        Ok(Self(file))
    }
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    page: Page,
    community: CommunityCard,
    error: Option<String>,
    /// "A CSV file of at most 5 MB and 20,000 rows."
    file_hint: String,
    /// Each column's header and what it holds.
    columns: Vec<(String, String)>,
}

fn upload_page(page: Page, m: &crate::access::AsMember, error: Option<String>) -> ImportTemplate {
    ImportTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        error,
        columns: ["email", "name", "team", "tags", "offers", "language"]
            .into_iter()
            .map(|c| {
                (
                    page.t(&format!("import-header-{c}")),
                    page.t(&format!("import-column-{c}")),
                )
            })
            .collect(),
        file_hint: page.lang.t_args(
            "import-file-hint",
            &[
                ("mb", ((MAX_BYTES / (1024 * 1024)) as i64).into()),
                ("rows", page.lang.number(MAX_ROWS as i64).into()),
            ],
        ),
        page,
    }
}

/// The upload form.
pub async fn page(Organizer { me, m }: Organizer, csrf: CsrfToken) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    render_status(StatusCode::OK, &upload_page(page, &m, None))
}

/// Why a file cannot be used, as one sentence.
fn file_error(lang: Lang, e: &InvalidInput) -> String {
    e.errors
        .first()
        .map(|i| capitalize(&lang.invalid(i)))
        .unwrap_or_default()
}

/// Reads the file and stages it, then shows its preview; a file that cannot be used comes
/// back to the form with why (nothing is written).
pub async fn upload(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfUpload(file): CsrfUpload,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let staged = match file {
        Ok((name, bytes)) => imports::stage(&state, &m, me.user.id, &name, &bytes).await,
        Err(e) => Err(e),
    };
    match staged {
        Ok(preview) => Ok(Redirect::to(&format!(
            "/c/{}/import/{}",
            m.community.id, preview.import.id
        ))
        .into_response()),
        Err(AppError::Invalid(e)) => {
            let error = Some(file_error(page.lang, &e));
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &upload_page(page, &m, error),
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// A row of the preview, in the page's language.
pub struct RowView {
    pub line: u64,
    pub email: String,
    pub name: String,
    pub team: String,
    pub tags: String,
    pub language: String,
    pub outcome: &'static str,
    pub outcome_label: String,
    pub problem: Option<String>,
}

impl RowView {
    fn new(r: &StagedRow, lang: Lang) -> Self {
        let mut tags = r.row.tags.clone();
        tags.extend(r.row.offers.iter().cloned());
        Self {
            line: r.row.line,
            email: r.row.email.clone(),
            name: r.row.name.clone(),
            team: r.row.team.clone(),
            tags: tags.join(", "),
            language: r
                .row
                .language
                .as_deref()
                .map(|l| lang.t(&format!("import-language-{l}")))
                .unwrap_or_default(),
            outcome: r.outcome.as_str(),
            outcome_label: outcome_label(lang, r.outcome),
            problem: r.row.problem.as_ref().map(|p| {
                let message = lang.message(&p.id, &p.message_args());
                match lang.field_label(&p.field) {
                    Some(field) => capitalize(&lang.t_args(
                        "field-error",
                        &[("field", field.into()), ("message", message.into())],
                    )),
                    None => capitalize(&message),
                }
            }),
        }
    }
}

/// What happens to a row, in words.
pub fn outcome_label(lang: Lang, o: Outcome) -> String {
    lang.t(match o {
        Outcome::NewAccount => "import-outcome-new-account",
        Outcome::ExistingAccount => "import-outcome-existing-account",
        Outcome::AlreadyMember => "import-outcome-already-member",
        Outcome::Error => "import-outcome-error",
    })
}

/// A filter of the preview's rows: its link, its label with the count, whether current.
pub struct FilterLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct PreviewTemplate {
    page: Page,
    community: CommunityCard,
    preview_id: i64,
    file_name: String,
    counts: imports::Counts,
    to_invite: usize,
    /// Waiting, and this organizer uploaded it.
    can_confirm: bool,
    confirmed: bool,
    expired: bool,
    /// "Uploaded by another organizer".
    not_mine: bool,
    confirmed_line: String,
    filters: Vec<FilterLink>,
    rows: Vec<RowView>,
    next_url: Option<String>,
    first_url: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct PreviewQuery {
    show: Option<String>,
    cursor: Option<String>,
    notice: Option<String>,
}

/// The preview of a staged import (or what a confirmed one did).
pub async fn preview(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Path((_cid, id)): Path<(String, String)>,
    Query(query): Query<PreviewQuery>,
) -> PageResult {
    let id = import_id(&id)?;
    let preview = imports::preview(&state, m.community.id, id).await?;
    let page = Page::new(Some(&me), &csrf).with_notice(query.notice.as_deref());
    let t = preview_template(&state, page, &m, &preview, me.user.id, &query)?;
    render_status(StatusCode::OK, &t)
}

/// An import id from the path (a malformed one is "not found").
fn import_id(raw: &str) -> Result<i64, AppError> {
    peerlearn_domain::parse_id(raw).map_err(|_| AppError::NotFound("import"))
}

fn preview_template(
    state: &AppState,
    page: Page,
    m: &crate::access::AsMember,
    preview: &Preview,
    me: peerlearn_domain::UserId,
    query: &PreviewQuery,
) -> Result<PreviewTemplate, AppError> {
    let lang = page.lang;
    let now = state.clock.now();
    let show = match query.show.as_deref() {
        None | Some("" | "all") => None,
        Some(raw) => Some(Outcome::parse(raw).ok_or_else(|| {
            AppError::from(
                peerlearn_domain::Invalid::new("show", "invalid-choice").arg(
                    "choices",
                    "all, new_account, existing_account, already_member, error",
                ),
            )
        })?),
    };
    let offset: usize = match query.cursor.as_deref() {
        None | Some("") => 0,
        Some(c) => c
            .parse()
            .map_err(|_| AppError::invalid("cursor", "invalid-cursor"))?,
    };
    let (rows, more) = preview.page(show, offset, PAGE_ROWS);
    let base = format!("/c/{}/import/{}", m.community.id, preview.import.id);
    let with = |show: Option<Outcome>, cursor: Option<usize>| {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        if let Some(s) = show {
            params.append_pair("show", s.as_str());
        }
        if let Some(c) = cursor {
            params.append_pair("cursor", &c.to_string());
        }
        let params = params.finish();
        if params.is_empty() {
            format!("{base}#rows")
        } else {
            format!("{base}?{params}#rows")
        }
    };
    let c = preview.counts;
    let filters = [
        (None, "import-filter-all", c.rows),
        (
            Some(Outcome::NewAccount),
            "import-filter-new",
            c.new_accounts,
        ),
        (
            Some(Outcome::ExistingAccount),
            "import-filter-existing",
            c.existing_accounts,
        ),
        (
            Some(Outcome::AlreadyMember),
            "import-filter-members",
            c.already_members,
        ),
        (Some(Outcome::Error), "import-filter-errors", c.errors),
    ]
    .into_iter()
    .filter(|(o, _, n)| o.is_none() || *n > 0)
    .map(|(o, key, n)| FilterLink {
        href: with(o, None),
        label: lang.t_count(key, n as i64),
        current: o == show,
    })
    .collect();
    let confirmed = preview.import.status == peerlearn_store::ImportStatus::Confirmed;
    let mine = preview.import.uploaded_by == me;
    let confirmed_line = preview
        .import
        .confirmed_at
        .map(|at| {
            lang.t_args(
                "import-confirmed-line",
                &[
                    (
                        "when",
                        page.when(at, m.community.calendar.timezone.tz()).into(),
                    ),
                    ("accounts", preview.import.accounts_created.into()),
                    ("members", preview.import.members_added.into()),
                ],
            )
        })
        .unwrap_or_default();
    Ok(PreviewTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        preview_id: preview.import.id,
        file_name: preview.import.file_name.clone(),
        counts: c,
        to_invite: c.to_invite(),
        can_confirm: mine && preview.confirmable(now),
        confirmed,
        expired: !confirmed && preview.import.expires_at <= now,
        not_mine: !mine && !confirmed,
        confirmed_line,
        filters,
        rows: rows.iter().map(|r| RowView::new(r, lang)).collect(),
        next_url: more.then(|| with(show, Some(offset + PAGE_ROWS))),
        first_url: (offset > 0).then(|| with(show, None)),
        page,
    })
}

/// Applies the import; then the invitations page shows who was invited.
pub async fn confirm(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    Path((_cid, id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id = import_id(&id)?;
    imports::confirm(&state, &m, me.user.id, id).await?;
    Ok(Redirect::to(&format!(
        "/c/{}/invitations?notice=import_done",
        m.community.id
    ))
    .into_response())
}
