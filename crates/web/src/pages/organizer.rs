//! Organizer settings: the community, its invite link, spots and members' roles.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_domain::{CommunityId, InvalidInput, MemberId, Role, SpotId};
use peerlearn_store::{Community, MemberSummary, Spot};
use serde::Deserialize;

use super::account::EmptyForm;
use super::communities::{CommunityCard, CommunityFormTemplate};
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageError, PageResult, render, render_status};
use crate::access;
use crate::auth::{CsrfToken, CurrentUser, Organizer};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::queries::directory_filter;
use crate::input::{CommunityInput, SpotInput, path_id};
use crate::state::AppState;

fn input_of(c: &Community) -> CommunityInput {
    CommunityInput {
        name: c.name.clone(),
        description: c.description.clone(),
        kind: c.kind.as_str().into(),
        timezone: c.calendar.timezone.name().into(),
        starts_on: c.calendar.dates.map(|d| d.starts_on.to_string()),
        ends_on: c.calendar.dates.map(|d| d.ends_on.to_string()),
        day_start: c.calendar.hours.start().format("%H:%M").to_string(),
        day_end: c.calendar.hours.end().format("%H:%M").to_string(),
        join_policy: c.join_policy.as_str().into(),
        language: Some(c.language.as_str().into()),
    }
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsTemplate {
    page: Page,
    community: CommunityCard,
    settings: CommunityFormTemplate,
    invite_url: String,
    spots: Vec<Spot>,
    spot_input: SpotInput,
    spot_errors: FieldErrors,
    /// A change to or removal of one spot that was refused: the spot and why.
    spot_problem: Option<(String, String)>,
    members: Vec<MemberSummary>,
    q: String,
    next_url: Option<String>,
    roles: Vec<RoleOption>,
}

/// A role in the members' role menus: its form value and its name in the page's language.
pub struct RoleOption {
    pub value: &'static str,
    pub label: String,
}

impl SettingsTemplate {
    /// Why the last change to `spot` was refused, if it was.
    fn spot_problem_for(&self, spot: &SpotId) -> Option<&str> {
        let id = spot.to_string();
        self.spot_problem
            .as_ref()
            .filter(|(s, _)| *s == id)
            .map(|(_, why)| why.as_str())
    }
}

/// The name of `role` in `lang`.
pub fn role_label(lang: Lang, role: Role) -> String {
    lang.t(match role {
        Role::Organizer => "organizer-role-organizer",
        Role::Moderator => "organizer-role-moderator",
        Role::Member => "organizer-role-member",
    })
}

#[derive(Deserialize, Default)]
pub struct SettingsQuery {
    notice: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

async fn settings_template(
    state: &AppState,
    me: &CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
    query: &SettingsQuery,
) -> Result<(SettingsTemplate, access::AsMember), PageError> {
    let id = m.community.id;
    let org = m;
    let q = query.q.clone().unwrap_or_default();
    let cursor = query.cursor.as_deref().and_then(|c| c.parse().ok());
    let filter = directory_filter(None, Some(&q), 20, cursor)?;
    let members = state.store.directory(id, &filter).await?;
    let next_url = members.next_cursor.map(|c| {
        let params: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &q)
            .append_pair("cursor", &c)
            .finish();
        format!("/c/{id}/settings?{params}#members")
    });
    let page = Page::new(Some(me), csrf).with_notice(query.notice.as_deref());
    let lang = page.lang;
    let t = SettingsTemplate {
        community: CommunityCard::new(&org.community, Some(org.role)),
        settings: CommunityFormTemplate {
            lang: page.lang,
            csrf: csrf.0.clone(),
            action: format!("/c/{id}/settings"),
            submit: page.lang.t("communities-form-save"),
            input: input_of(&org.community),
            errors: FieldErrors::default(),
        },
        page,
        invite_url: format!(
            "{}/join/{}",
            state.config.public_url, org.community.invite_code
        ),
        spots: state.store.spots(id).await?,
        spot_input: SpotInput {
            kind: "table".into(),
            capacity: 4,
            ..Default::default()
        },
        spot_errors: FieldErrors::default(),
        spot_problem: None,
        members: members.items,
        q,
        next_url,
        roles: Role::ALL
            .iter()
            .map(|&r| RoleOption {
                value: r.as_str(),
                label: role_label(lang, r),
            })
            .collect(),
    };
    Ok((t, org))
}

pub async fn settings_page(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Query(query): Query<SettingsQuery>,
) -> PageResult {
    let (t, _) = settings_template(&state, &me, &csrf, m, &query).await?;
    render(&t)
}

fn back(id: CommunityId, notice: &str) -> PageResult {
    debug_assert!(super::NOTICES.contains(&notice));
    Ok(Redirect::to(&format!("/c/{id}/settings?notice={notice}")).into_response())
}

pub async fn save_settings(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfForm(input): CsrfForm<CommunityInput>,
) -> PageResult {
    let (mut t, org) = settings_template(&state, &me, &csrf, m, &SettingsQuery::default()).await?;
    match input.parse() {
        Ok(update) => {
            state
                .store
                .update_community(org.community.id, &update)
                .await?;
            back(org.community.id, "settings_saved")
        }
        Err(errors) => {
            t.settings.input = input;
            t.settings.errors = FieldErrors::new(t.page.lang, &errors);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
    }
}

pub async fn regenerate_invite(
    State(state): State<AppState>,
    Organizer { m, .. }: Organizer,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id = m.community.id;
    state.store.regenerate_invite_code(id).await?;
    back(id, "invite_regenerated")
}

pub async fn add_spot(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfForm(input): CsrfForm<SpotInput>,
) -> PageResult {
    let (mut t, org) = settings_template(&state, &me, &csrf, m, &SettingsQuery::default()).await?;
    let result = match input.parse() {
        Ok(new) => state
            .store
            .create_spot(org.community.id, &new, state.clock.now())
            .await
            .map_err(AppError::from),
        Err(e) => Err(AppError::Invalid(e)),
    };
    match result {
        Ok(_) => back(org.community.id, "spot_added"),
        Err(AppError::Invalid(errors)) => {
            t.spot_input = input;
            t.spot_errors = FieldErrors::new(t.page.lang, &errors);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(AppError::Conflict {
            code: "spot_name_taken",
            ..
        }) => {
            t.spot_input = input;
            t.spot_errors = FieldErrors::new(
                t.page.lang,
                &InvalidInput::one("name", "invalid-spot-name-taken"),
            );
            render_status(StatusCode::CONFLICT, &t)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn edit_spot(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Path((_cid, sid)): Path<(String, String)>,
    CsrfForm(input): CsrfForm<SpotInput>,
) -> PageResult {
    let id = m.community.id;
    let sid: SpotId = path_id(&sid, "spot")?;
    match crate::app::spots::change(&state, id, sid, &input).await {
        Ok(_) => back(id, "spot_changed"),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            spot_refused(&state, &me, &csrf, m, sid, e).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete_spot(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Path((_cid, sid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id = m.community.id;
    let sid: SpotId = path_id(&sid, "spot")?;
    match crate::app::spots::remove(&state, id, sid).await {
        Ok(removal) if removal.moved.is_empty() => back(id, "spot_deleted"),
        Ok(_) => back(id, "spot_deleted_moved"),
        Err(e @ AppError::Conflict { .. }) => spot_refused(&state, &me, &csrf, m, sid, e).await,
        Err(e) => Err(e.into()),
    }
}

/// The settings page again, with why a change to one spot was refused beside it.
async fn spot_refused(
    state: &AppState,
    me: &CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
    spot: SpotId,
    refusal: AppError,
) -> PageResult {
    let status = refusal.status();
    let (mut t, _) = settings_template(state, me, csrf, m, &SettingsQuery::default()).await?;
    t.spot_problem = Some((spot.to_string(), refusal.detail_in(t.page.lang)));
    render_status(status, &t)
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    Path((_cid, mid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> PageResult {
    let id = m.community.id;
    let mid: MemberId = path_id(&mid, "member")?;
    let role = Role::parse("role", &form.role)?;
    state
        .store
        .set_role(id, mid, role, me.user.id, state.clock.now())
        .await?;
    back(id, "role_changed")
}
