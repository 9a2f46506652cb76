//! My communities, creating one, joining (open or by invite link). A community's home is in
//! [`super::home`].

use std::borrow::Borrow;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{CommunityCalendar, CommunityId, JoinPolicy, Role};
use peerlearn_store::Community;
use serde::Deserialize;

use super::account::NoticeQuery;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageError, PageResult, SignedIn, render, render_status};
use crate::access;
use crate::app::preferences;
use crate::auth::{CsrfToken, MaybeUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::{CommunityInput, path_id};
use crate::state::AppState;

/// How a community is described in lists and headers.
pub struct CommunityCard {
    pub id: String,
    pub name: String,
    pub description: String,
    pub member_count: i64,
    pub role: Option<&'static str>,
    pub invite_only: bool,
    /// The viewer's navigation counts here, when the page read them (a member's page).
    pub nav: Option<peerlearn_store::NavCounts>,
    calendar: CommunityCalendar,
}

impl CommunityCard {
    pub fn new(c: &Community, role: Option<Role>) -> Self {
        Self {
            id: c.id.to_string(),
            name: c.name.clone(),
            description: c.description.clone(),
            member_count: c.member_count,
            role: role.map(Role::as_str),
            invite_only: c.join_policy == JoinPolicy::Invite,
            nav: crate::i18n::current().nav(c.id),
            calendar: c.calendar,
        }
    }

    /// When the community meets, in a language: "Tue 12 May – Wed 13 May 2026 · 09:00–18:00
    /// Europe/Lisbon", or "Ongoing · 09:00–18:00 UTC".
    pub fn schedule(&self, lang: impl Borrow<Lang>) -> String {
        let lang = *lang.borrow();
        let hours = &self.calendar.hours;
        let mut args = vec![
            ("from", FluentValue::from(lang.clock(&hours.start()))),
            ("to", FluentValue::from(lang.clock(&hours.end()))),
            ("zone", FluentValue::from(self.calendar.timezone.name())),
        ];
        let key = match self.calendar.dates {
            Some(d) if d.starts_on == d.ends_on => {
                args.push(("day", FluentValue::from(lang.day_with_year(d.starts_on))));
                "communities-schedule-one-day"
            }
            Some(d) => {
                args.push(("first", FluentValue::from(lang.day(d.starts_on))));
                args.push(("last", FluentValue::from(lang.day_with_year(d.ends_on))));
                "communities-schedule-days"
            }
            None => "communities-schedule-ongoing",
        };
        lang.t_args(key, &args)
    }

    /// The viewer's role here, in a language ("Organizer").
    pub fn role_label(&self, lang: impl Borrow<Lang>) -> String {
        let lang = *lang.borrow();
        match self.role {
            Some("organizer") => lang.t("members-role-organizer"),
            Some("moderator") => lang.t("members-role-moderator"),
            _ => lang.t("members-role-member"),
        }
    }
}

#[derive(Template)]
#[template(path = "communities.html")]
struct ListTemplate {
    page: Page,
    mine: Vec<CommunityCard>,
    open: Vec<CommunityCard>,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let mine = state.store.communities_of(me.user.id).await?;
    let open = state.store.open_communities(50).await?;
    let open = open
        .iter()
        .filter(|c| !mine.iter().any(|(m, _)| m.id == c.id))
        .map(|c| CommunityCard::new(c, None))
        .collect();
    render(&ListTemplate {
        page: Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref()),
        mine: mine
            .iter()
            .map(|(c, r)| CommunityCard::new(c, Some(*r)))
            .collect(),
        open,
    })
}

/// The community settings form (a fragment, used on the "new" and "settings" pages).
#[derive(Template)]
#[template(path = "community_form.html")]
pub struct CommunityFormTemplate {
    /// The language of the page the form is part of.
    pub lang: Lang,
    pub csrf: String,
    pub action: String,
    pub submit: String,
    pub input: CommunityInput,
    pub errors: FieldErrors,
}

impl CommunityFormTemplate {
    /// The time zones to suggest.
    fn zones(&self) -> impl Iterator<Item = &'static str> {
        preferences::zones()
    }
}

#[derive(Template)]
#[template(path = "community_new.html")]
struct NewCommunityTemplate {
    page: Page,
    form: CommunityFormTemplate,
}

fn new_form(
    lang: Lang,
    csrf: &CsrfToken,
    input: CommunityInput,
    errors: FieldErrors,
) -> CommunityFormTemplate {
    CommunityFormTemplate {
        lang,
        csrf: csrf.0.clone(),
        action: "/communities/new".into(),
        submit: lang.t("communities-new-submit"),
        input,
        errors,
    }
}

pub async fn new_page(SignedIn(me): SignedIn, csrf: CsrfToken) -> PageResult {
    let input = CommunityInput {
        kind: "event".into(),
        timezone: "UTC".into(),
        day_start: "09:00".into(),
        day_end: "18:00".into(),
        join_policy: "open".into(),
        ..Default::default()
    };
    let page = Page::new(Some(&me), &csrf);
    let input = CommunityInput {
        language: Some(page.community_language().into()),
        ..input
    };
    render(&NewCommunityTemplate {
        form: new_form(page.lang, &csrf, input, FieldErrors::default()),
        page,
    })
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    CsrfForm(input): CsrfForm<CommunityInput>,
) -> PageResult {
    match input.parse() {
        Ok(new) => {
            let c = state
                .store
                .create_community(&new, me.user.id, state.clock.now())
                .await?;
            Ok(Redirect::to(&format!("/c/{}?notice=created", c.id)).into_response())
        }
        Err(errors) => {
            let page = Page::new(Some(&me), &csrf);
            let errors = FieldErrors::new(page.lang, &errors);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewCommunityTemplate {
                    form: new_form(page.lang, &csrf, input, errors),
                    page,
                },
            )
        }
    }
}

pub async fn join_open(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(cid): Path<String>,
    CsrfForm(form): CsrfForm<JoinForm>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    join_and_go(&state, id, me.user.id, None, form.next.as_deref()).await
}

/// Joining an open community, and where to go then (the topic whose preview led here, say).
#[derive(Deserialize)]
pub struct JoinForm {
    next: Option<String>,
}

async fn join_and_go(
    state: &AppState,
    id: CommunityId,
    user: peerlearn_domain::UserId,
    code: Option<&str>,
    next: Option<&str>,
) -> PageResult {
    let inside = format!("/c/{id}/");
    let next = next
        .map(|n| super::safe_next(Some(n)))
        .filter(|n| n.starts_with(&inside))
        .unwrap_or_else(|| format!("/c/{id}/profile"));
    match access::join(&state.store, id, user, code, state.clock.now()).await {
        Ok(_) => Ok(Redirect::to(&format!("{next}?notice=joined")).into_response()),
        Err(AppError::Conflict { .. }) => Ok(Redirect::to(&format!("/c/{id}")).into_response()),
        Err(e) => Err(PageError(e)),
    }
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InviteTemplate {
    page: Page,
    community: CommunityCard,
    code: String,
    already_member: bool,
}

/// An invite: anyone with the link sees the community; a visitor without an account is
/// offered to create one (or sign in) and comes back here to join.
pub async fn invite_page(
    State(state): State<AppState>,
    MaybeUser(me): MaybeUser,
    csrf: CsrfToken,
    Path(code): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let c = state.store.community_by_invite_code(&code).await?;
    crate::access::remember(&state.store, &c).await?;
    let membership = match &me {
        Some(me) => state.store.membership(c.id, me.user.id).await?,
        None => None,
    };
    render(&InviteTemplate {
        page: Page::new(me.as_ref(), &csrf).with_notice(q.notice.as_deref()),
        community: CommunityCard::new(&c, membership.map(|m| m.1)),
        code,
        already_member: membership.is_some(),
    })
}

#[derive(Deserialize)]
pub struct InviteForm {}

pub async fn join_by_invite(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(code): Path<String>,
    CsrfForm(_): CsrfForm<InviteForm>,
) -> PageResult {
    let c = state.store.community_by_invite_code(&code).await?;
    join_and_go(&state, c.id, me.user.id, Some(&code), None).await
}
