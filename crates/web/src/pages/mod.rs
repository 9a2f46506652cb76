//! Server-rendered pages (askama templates, htmx, our design system in `static/pl.css`). Forms post back to the same
//! paths; every state-changing form carries the CSRF token.

mod account;
mod account_links;
mod account_settings;
mod after_meeting;
#[allow(dead_code, reason = "for the templates, which do not show avatars yet")]
mod avatar;
mod board;
mod communities;
mod data_export;
mod form;
mod home;
mod imports;
mod inbox;
mod insights;
mod invitations;
mod language;
mod leaving;
mod live;
mod meet_now;
mod meeting_cards;
mod meetings;
mod members;
mod mixer;
mod moderation;
mod offline;
mod organizer;
mod preferences;
mod profile;
mod qr;
mod questions;
mod recommend;
mod schedule;
mod spot_check_in;
mod topic;
mod topic_edit;
mod topics;
mod webhooks;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use peerlearn_store::User;

use crate::auth::{CsrfToken, CurrentUser, MaybeUser};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(account::home))
        .route("/signup", get(account::signup_page).post(account::signup))
        .route("/signin", get(account::signin_page).post(account::signin))
        .route("/signout", post(account::signout))
        .route("/language", post(language::choose))
        .route("/offline", get(offline::page))
        .route("/live", get(live::stream))
        .route("/account", get(preferences::page))
        .route("/account/preferences", post(preferences::save))
        .route("/account/name", post(account_settings::rename))
        .route("/account/email", post(account_links::request_email_change))
        .route(
            "/account/email/{secret}",
            get(account_links::confirm_email_page).post(account_links::confirm_email),
        )
        .route(
            "/password/forgot",
            get(account_links::forgot_page).post(account_links::forgot),
        )
        .route(
            "/password/reset/{secret}",
            get(account_links::reset_form).post(account_links::reset),
        )
        .route("/account/password", post(account_settings::change_password))
        .route(
            "/account/sessions/others/end",
            post(account_settings::end_other_sessions),
        )
        .route(
            "/account/sessions/{id}/end",
            post(account_settings::end_session),
        )
        .route("/account/export", post(data_export::request))
        .route("/account/export/{id}", get(data_export::download))
        .route(
            "/account/delete",
            get(leaving::delete_page).post(leaving::delete),
        )
        .route("/c/{cid}/now", get(meet_now::page).post(meet_now::go_free))
        .route("/c/{cid}/now/stop", post(meet_now::stop))
        .route("/c/{cid}/now/{pid}/accept", post(meet_now::accept))
        .route("/c/{cid}/now/{pid}/decline", post(meet_now::decline))
        .route(
            "/c/{cid}/leave",
            get(leaving::leave_page).post(leaving::leave),
        )
        .route("/communities", get(communities::list))
        .route(
            "/communities/new",
            get(communities::new_page).post(communities::create),
        )
        .route("/c/{cid}", get(home::home))
        .route("/c/{cid}/join", post(communities::join_open))
        .route("/c/{cid}/dismiss", post(recommend::dismiss_page))
        .route("/c/{cid}/dismiss/undo", post(recommend::undo_page))
        .route(
            "/join/{code}",
            get(communities::invite_page).post(communities::join_by_invite),
        )
        .route("/c/{cid}/members", get(members::directory))
        .route("/c/{cid}/members/{mid}", get(members::profile))
        .route(
            "/c/{cid}/profile",
            get(profile::edit_page).post(profile::save_profile),
        )
        .route("/c/{cid}/availability", post(profile::save_availability))
        .route(
            "/c/{cid}/settings",
            get(organizer::settings_page).post(organizer::save_settings),
        )
        .route(
            "/c/{cid}/settings/invite",
            post(organizer::regenerate_invite),
        )
        .route(
            "/c/{cid}/settings/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .route(
            "/c/{cid}/settings/webhooks/{wid}",
            get(webhooks::show).post(webhooks::save),
        )
        .route(
            "/c/{cid}/settings/webhooks/{wid}/switch",
            post(webhooks::switch),
        )
        .route(
            "/c/{cid}/settings/webhooks/{wid}/delete",
            post(webhooks::delete),
        )
        .route(
            "/c/{cid}/settings/webhooks/{wid}/deliveries/{did}/redeliver",
            post(webhooks::redeliver),
        )
        .route("/c/{cid}/spots", post(organizer::add_spot))
        .route("/c/{cid}/spots/{sid}", post(organizer::edit_spot))
        .route("/c/{cid}/spots/{sid}/delete", post(organizer::delete_spot))
        .route("/c/{cid}/members/{mid}/role", post(organizer::set_role))
        .route("/c/{cid}/import", get(imports::page).post(imports::upload))
        .route("/c/{cid}/import/{iid}", get(imports::preview))
        .route("/c/{cid}/import/{iid}/confirm", post(imports::confirm))
        .route("/c/{cid}/invitations", get(invitations::list))
        .route("/c/{cid}/invitations/resend", post(invitations::resend_all))
        .route(
            "/c/{cid}/invitations/{iid}/resend",
            post(invitations::resend_one),
        )
        .route(
            "/invitations/{secret}",
            get(invitations::landing_page).post(invitations::accept),
        )
        .route("/c/{cid}/mixer", get(mixer::page).post(mixer::run))
        .route("/c/{cid}/mixer/publish", post(mixer::publish))
        .route("/c/{cid}/schedule", get(schedule::page))
        .route("/c/{cid}/schedule/propose", post(schedule::run))
        .route("/c/{cid}/schedule/confirm", post(schedule::confirm))
        .route("/c/{cid}/topics", get(topics::market))
        .route(
            "/c/{cid}/topics/new",
            get(topics::new_page).post(topics::create),
        )
        .route("/c/{cid}/topics/{tid}", get(topic::show))
        .route(
            "/c/{cid}/topics/{tid}/edit",
            get(topic_edit::edit_page).post(topic_edit::save),
        )
        .route("/c/{cid}/topics/{tid}/close", post(topic::close))
        .route("/c/{cid}/topics/{tid}/reopen", post(topic::reopen))
        .route("/c/{cid}/topics/{tid}/request", post(topic::request))
        .route("/c/{cid}/topics/{tid}/seat", post(topic::take_seat))
        .route(
            "/c/{cid}/topics/{tid}/group-meeting",
            post(meetings::group_page),
        )
        .route("/c/{cid}/topics/{tid}/seat/leave", post(topic::leave_seat))
        .route("/c/{cid}/topics/{tid}/waitlist", post(topic::join_waitlist))
        .route(
            "/c/{cid}/topics/{tid}/waitlist/leave",
            post(topic::leave_waitlist),
        )
        .route("/c/{cid}/meetings", get(meetings::list))
        .route("/c/{cid}/inbox", get(inbox::inbox))
        .route("/c/{cid}/calendar", post(meetings::new_feed))
        .route("/c/{cid}/calendar/delete", post(meetings::delete_feed))
        .route(
            "/c/{cid}/requests/{rid}/accept",
            post(meetings::accept_page),
        )
        .route(
            "/c/{cid}/requests/{rid}/decline",
            post(meetings::decline_page),
        )
        .route(
            "/c/{cid}/requests/{rid}/withdraw",
            post(meetings::withdraw_page),
        )
        .route(
            "/c/{cid}/requests/{rid}/propose",
            post(meetings::propose_page),
        )
        .route(
            "/c/{cid}/meetings/{mid}/cancel",
            post(meetings::cancel_page),
        )
        .route("/c/{cid}/meetings/{mid}", get(after_meeting::show))
        .route(
            "/c/{cid}/meetings/{mid}/check-in",
            post(after_meeting::check_in_page),
        )
        .route(
            "/c/{cid}/meetings/{mid}/feedback",
            post(after_meeting::feedback_page),
        )
        .route(
            "/c/{cid}/meetings/{mid}/check-back",
            post(after_meeting::check_back_page),
        )
        .route(
            "/c/{cid}/spots/{sid}/check-in",
            get(spot_check_in::spot_page).post(spot_check_in::spot_check_in),
        )
        .route("/c/{cid}/spots/codes", get(insights::spot_codes))
        .route("/c/{cid}/board", get(board::board_page))
        .route("/c/{cid}/board/link", post(board::new_link))
        .route("/c/{cid}/knowledge", get(insights::knowledge))
        .route("/c/{cid}/ledger", get(insights::ledger_page))
        .route("/c/{cid}/rejoin", post(insights::rejoin))
        .route("/c/{cid}/demand", get(insights::demand_page))
        .route("/c/{cid}/dashboard", get(insights::dashboard_page))
        .route("/c/{cid}/dashboard/{table}", get(insights::dashboard_csv))
        .route("/c/{cid}/questions", get(questions::list))
        .route(
            "/c/{cid}/questions/new",
            get(questions::new_page).post(questions::create),
        )
        .route("/c/{cid}/questions/{qid}", get(questions::show))
        .route("/c/{cid}/questions/{qid}/answers", post(questions::answer))
        .route("/c/{cid}/questions/{qid}/topic", post(questions::to_topic))
        .route("/c/{cid}/answers/{aid}/helpful", post(questions::helpful))
        .route("/c/{cid}/answers/{aid}/accept", post(questions::accept))
        .route("/c/{cid}/report", post(moderation::report))
        .route("/c/{cid}/moderation", get(moderation::queue))
        .route("/c/{cid}/moderation/hide", post(moderation::hide))
        .route("/c/{cid}/moderation/restore", post(moderation::restore))
        .route(
            "/c/{cid}/reports/{rid}/hide",
            post(moderation::hide_reported),
        )
        .route("/c/{cid}/reports/{rid}/dismiss", post(moderation::dismiss))
        .route("/c/{cid}/audit", get(moderation::audit))
}

/// What every page's layout needs: who is signed in, the CSRF token for forms, and the
/// language, theme and path the page is shown in.
#[derive(Debug, Clone)]
#[allow(
    dead_code,
    reason = "the layout's theme and path, which the templates do not use yet"
)]
pub struct Page {
    pub user: Option<User>,
    pub csrf: String,
    pub notice: Option<String>,
    pub lang: Lang,
    pub theme: Option<String>,
    pub path: String,
    /// The viewer's own time zone: the one they chose, else their browser's.
    pub own_zone: Option<Tz>,
}

/// The language a page is shown in: the member's own choice first, then this device's,
/// then the browser's.
pub fn page_lang(user: Option<&CurrentUser>) -> Lang {
    lang_of(user.map(|u| &u.user))
}

fn lang_of(user: Option<&User>) -> Lang {
    user.and_then(|u| u.language.as_deref())
        .and_then(Lang::from_tag)
        .unwrap_or_else(|| i18n::current().lang())
}

#[allow(
    dead_code,
    reason = "helpers for the templates, which do not use them all yet"
)]
impl Page {
    pub fn new(user: Option<&CurrentUser>, csrf: &CsrfToken) -> Self {
        Self::of(user.map(|u| u.user.clone()), csrf.0.clone())
    }

    /// The page of `user` (if signed in) with the form token `csrf`.
    pub fn of(user: Option<User>, csrf: String) -> Self {
        let context = i18n::current();
        let lang = lang_of(user.as_ref());
        let own_zone = user
            .as_ref()
            .and_then(|u| u.time_zone.as_deref())
            .and_then(|z| z.parse().ok())
            .or(context.browser_tz);
        Self {
            own_zone,
            user,
            csrf,
            notice: None,
            lang,
            theme: context.theme.map(|t| t.as_str().to_string()),
            path: context.path,
        }
    }

    /// The zone times are shown in: the viewer's own, else the community's.
    pub fn zone(&self, community: Tz) -> Tz {
        self.own_zone.unwrap_or(community)
    }

    /// A moment as "Tue 10 Dec, 10:30" in the viewer's zone (else the community's).
    pub fn when(&self, at: DateTime<Utc>, community: Tz) -> String {
        self.lang.when(&at.with_timezone(&self.zone(community)))
    }

    /// Shows the message for a `?notice=` code set by the previous redirect.
    pub fn with_notice(mut self, code: Option<&str>) -> Self {
        self.notice = code
            .filter(|c| NOTICES.contains(c))
            .map(|c| self.lang.t(&format!("notice-{}", c.replace('_', "-"))));
        self
    }

    /// The text for a translation key.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The text for a key with one named value.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang
            .t_args(key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// The text for a key with `$count` (plurals).
    pub fn tn(&self, key: &str, count: impl Count) -> String {
        self.lang.t_count(key, count.count())
    }

    /// A whole number as the language writes it.
    pub fn number(&self, n: impl Count) -> String {
        self.lang.number(n.count())
    }

    /// Whether the page is `path` itself (for `aria-current="page"`).
    pub fn is_current(&self, path: &str) -> bool {
        self.path == path
    }

    /// Whether the page is `prefix` or lies under it.
    pub fn under(&self, prefix: &str) -> bool {
        self.path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The time now, in the viewer's zone: when a page kept for offline use was saved.
    pub fn saved_at(&self) -> String {
        let zone = self.own_zone.unwrap_or(chrono_tz::UTC);
        self.lang.clock(&Utc::now().with_timezone(&zone))
    }

    /// The community language closest to the page's ("en" for the pseudo-locale).
    pub fn community_language(&self) -> &'static str {
        match self.lang {
            Lang::Fr => "fr",
            Lang::En | Lang::Pseudo => "en",
        }
    }

    /// How the community writes the tag `key` ("Autodesk AutoCAD" for `autodesk autocad`).
    pub fn tag(&self, key: &str) -> String {
        i18n::tag_label(key)
    }

    /// Up to two initials for an avatar without a photo.
    pub fn initials(&self, name: &str) -> String {
        avatar::initials(name)
    }

    /// One of eight avatar colours, the same for the same name everywhere.
    pub fn hue(&self, name: &str) -> u8 {
        avatar::hue(name)
    }
}

/// A whole number a template counts with, by value or by reference (templates pass both).
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i64, i32, u32, u64, usize);

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// The codes a redirect's `?notice=` may carry (never client text); each has a
/// `notice-…` translation.
const NOTICES: &[&str] = &[
    "welcome",
    "import_done",
    "invitation_resent",
    "invitation_joined",
    "signed_out",
    "created",
    "joined",
    "profile_saved",
    "availability_saved",
    "settings_saved",
    "invite_regenerated",
    "spot_added",
    "spot_deleted",
    "spot_deleted_moved",
    "spot_changed",
    "preferences_saved",
    "name_saved",
    "password_changed",
    "session_ended",
    "sessions_ended",
    "export_requested",
    "left_community",
    "now_free",
    "now_stopped",
    "now_accepted",
    "now_declined",
    "repair_declined",
    "now_booked",
    "account_deleted",
    "email_link_sent",
    "email_changed",
    "password_reset",
    "role_changed",
    "topic_posted",
    "topic_closed",
    "topic_reopened",
    "topic_saved",
    "request_sent",
    "meeting_confirmed",
    "request_declined",
    "times_proposed",
    "request_withdrawn",
    "meeting_cancelled",
    "auto_scheduled",
    "feed_created",
    "feed_deleted",
    "seat_taken",
    "seat_left",
    "checked_in",
    "group_created",
    "feedback_saved",
    "check_back_saved",
    "rejoined",
    "question_asked",
    "answer_posted",
    "answer_accepted",
    "question_to_topic",
    "reported",
    "hidden",
    "restored",
    "report_dismissed",
    "dismissed",
    "dismissal_undone",
    "waitlist_joined",
    "waitlist_left",
    "request_already_answered",
    "webhook_saved",
    "webhook_on",
    "webhook_off",
    "webhook_deleted",
    "webhook_redelivered",
];

/// A signed-in user, for pages: anyone else is sent to the sign-in page and back.
pub struct SignedIn(pub CurrentUser);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state)
            .await
            .map_err(|e| PageError(e).into_response())?;
        match user {
            Some(u) => Ok(SignedIn(u)),
            None => Err(crate::auth::sign_in_and_back(&parts.uri)),
        }
    }
}

/// Only local paths are followed after sign-in (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/communities".to_string(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    page: Page,
    status: u16,
    title: String,
    detail: String,
    /// Where to go from here, most useful first.
    next: Vec<NextStep>,
}

/// A way on from an error page: a link, or (`post`) a button that sends a form with the
/// CSRF token and the `hidden` fields to `href`; `icon` names one of `icons.svg`.
#[derive(Debug, Clone)]
pub struct NextStep {
    pub label: String,
    pub href: String,
    pub icon: &'static str,
    pub post: bool,
    pub hidden: Vec<(String, String)>,
}

impl NextStep {
    fn link(label: String, href: impl Into<String>, icon: &'static str) -> Self {
        Self {
            label,
            href: href.into(),
            icon,
            post: false,
            hidden: Vec::new(),
        }
    }
}

/// An error shown as a page, to whoever is signed in (the layout shows them), in their
/// language, with the next steps that make sense.
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let context = i18n::current();
        if matches!(self.0, AppError::Unauthorized) {
            let back: axum::http::Uri = context.path.parse().unwrap_or_default();
            return crate::auth::sign_in_and_back(&back);
        }
        self.0.log();
        let status = self.0.status();
        let page = Page::of(context.viewer(), context.csrf.clone());
        let next = next_steps(&self.0, &page, &context.path, context.reads);
        let t = ErrorTemplate {
            status: status.as_u16(),
            title: self.0.title_in(page.lang),
            detail: self.0.detail_in(page.lang),
            next,
            page,
        };
        match t.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, self.0.detail()).into_response(),
        }
    }
}

/// The community a page path is about (`/c/7/topics/3` is about community 7).
fn community_of(path: &str) -> Option<i64> {
    peerlearn_domain::parse_id(path.strip_prefix("/c/")?.split('/').next()?).ok()
}

/// Where someone can go after `error` on `path`: join an open community they have not
/// joined (and come back to the page, when it is one); back to the community or their
/// communities; or sign in when signed out.
fn next_steps(error: &AppError, page: &Page, path: &str, reads: bool) -> Vec<NextStep> {
    let mut next = Vec::new();
    if page.user.is_none() {
        let back = url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>();
        next.push(NextStep::link(
            page.t("error-sign-in"),
            format!("/signin?next={back}"),
            "log-in",
        ));
        next.push(NextStep::link(page.t("error-back-home"), "/", "arrow-left"));
        return next;
    }
    let community = community_of(path);
    match (error, community) {
        // An open community they are not in: joining is the way in.
        (AppError::Forbidden("forbidden-join-first"), Some(cid)) => {
            next.push(NextStep {
                label: page.t("next-join"),
                href: format!("/c/{cid}/join"),
                icon: "plus",
                post: true,
                hidden: if reads {
                    vec![("next".to_string(), path.to_string())]
                } else {
                    Vec::new()
                },
            });
            next.push(NextStep::link(
                page.t("next-community-about"),
                format!("/c/{cid}"),
                "info",
            ));
        }
        // Unknown, or invite-only and not theirs: the text explains; nothing to open here.
        (AppError::NotFound("community"), _) | (_, None) => {}
        (_, Some(cid)) if path != format!("/c/{cid}") => {
            next.push(NextStep::link(
                page.t("next-community"),
                format!("/c/{cid}"),
                "arrow-left",
            ));
        }
        _ => {}
    }
    next.push(NextStep::link(
        page.t("error-back-communities"),
        "/communities",
        "arrow-left",
    ));
    next
}

pub type PageResult = Result<Response, PageError>;

/// Renders a template as a 200 page.
pub fn render(t: &impl Template) -> PageResult {
    Ok(Html(t.render()?).into_response())
}

/// Renders a template with a status (e.g. 422 for a form with errors).
pub fn render_status(status: StatusCode, t: &impl Template) -> PageResult {
    Ok((status, Html(t.render()?)).into_response())
}

/// The fallback for unknown paths: a JSON problem under `/api/`, a page elsewhere (showing
/// who is signed in).
pub async fn not_found(uri: axum::http::Uri, _signed_in: Result<MaybeUser, AppError>) -> Response {
    if uri.path().starts_with("/api/") {
        AppError::NotFound("resource").into_response()
    } else {
        PageError(AppError::NotFound("page")).into_response()
    }
}
