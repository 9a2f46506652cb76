//! What each request is answered in: the language, the viewer's theme and time zone and the
//! path (for the navigation's `aria-current`), read once by a middleware and available to every
//! page and error rendered while the request is handled. It also keeps the visitor's form
//! token and, once an extractor has found out, who is signed in: an error rendered as a page
//! (which sees no request) shows the same layout and forms as any other page. Once access to
//! a community is checked (`access::visible`), it keeps that community's language (for people
//! whose own is not known) and how it writes its tags; on its pages, the member extractor
//! also notes the viewer's navigation counts there (unread inbox, requests to answer).

use std::sync::{Arc, OnceLock};

use axum::extract::Request;
use axum::http::Method;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use chrono_tz::Tz;
use peerlearn_domain::CommunityId;
use peerlearn_store::{NavCounts, TagLabels, User};

use super::Lang;

/// The cookie that keeps the chosen language on this device.
pub const LANG_COOKIE: &str = "pl_lang";
/// The cookie the theme toggle sets.
pub const THEME_COOKIE: &str = "pl_theme";
/// The cookie the browser script sets to its own time zone.
pub const TZ_COOKIE: &str = "pl_tz";

/// A theme the viewer picked; without one the OS setting applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// The language chosen on this device, else the browser's, if we speak it.
    asked: Option<Lang>,
    pub theme: Option<Theme>,
    /// The browser's own time zone, as its script reported it.
    #[allow(dead_code, reason = "no page shows times in the browser's zone yet")]
    pub browser_tz: Option<Tz>,
    pub path: String,
    /// Whether the request only reads (GET or HEAD): a page someone can be sent back to.
    pub reads: bool,
    /// This visitor's CSRF token, for the forms of a page.
    pub csrf: String,
    viewer: Arc<OnceLock<User>>,
    community: Arc<OnceLock<CommunityContext>>,
    /// The navigation counts of the viewer in the page's community (pages only).
    nav: Arc<OnceLock<(CommunityId, NavCounts)>>,
}

/// What a request learns about the community it is about, once access to it is checked.
#[derive(Debug)]
struct CommunityContext {
    lang: Lang,
    labels: Arc<TagLabels>,
}

impl RequestContext {
    /// The language chosen on this device, else the browser's, else the community's (when the
    /// request is about one), else English. A member's own setting comes before all of these
    /// (see `pages::page_lang`).
    pub fn lang(&self) -> Lang {
        self.asked
            .or_else(|| self.community.get().map(|c| c.lang))
            .unwrap_or_default()
    }

    /// Who is signed in, if an extractor of this request found someone.
    pub fn viewer(&self) -> Option<User> {
        self.viewer.get().cloned()
    }

    /// The viewer's navigation counts in `community`, if this page read them.
    pub fn nav(&self, community: CommunityId) -> Option<NavCounts> {
        self.nav
            .get()
            .filter(|(c, _)| *c == community)
            .map(|(_, n)| *n)
    }
}

tokio::task_local! {
    static CONTEXT: RequestContext;
}

/// The context of the request being handled (defaults outside one, e.g. in the worker).
pub fn current() -> RequestContext {
    CONTEXT.try_with(Clone::clone).unwrap_or_default()
}

/// Notes who is signed in for the rest of the request (the first answer stays).
pub fn remember_viewer(user: &User) {
    let _ = CONTEXT.try_with(|c| c.viewer.set(user.clone()));
}

/// Notes the community the request is about: its language, for people whose own is not known,
/// and how it writes its tags (the first answer stays).
pub fn remember_community(lang: Lang, labels: Arc<TagLabels>) {
    let _ = CONTEXT.try_with(|c| c.community.set(CommunityContext { lang, labels }));
}

/// How the community of this request writes the tag `key` ("Autodesk AutoCAD" for
/// `autodesk autocad`); the key itself outside a community.
pub fn tag_label(key: &str) -> String {
    CONTEXT
        .try_with(|c| {
            c.community
                .get()
                .map(|community| community.labels.show(key).to_string())
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| key.to_string())
}

/// Notes the viewer's navigation counts in `community` for the page being rendered.
pub fn remember_nav(community: CommunityId, counts: NavCounts) {
    let _ = CONTEXT.try_with(|c| c.nav.set((community, counts)));
}

/// The middleware: reads the language, theme and time zone once per request (and the form
/// token, which the CSRF middleware, running before it, has set).
pub async fn negotiate(jar: CookieJar, request: Request, next: Next) -> Response {
    let chosen = jar.get(LANG_COOKIE).and_then(|c| Lang::from_tag(c.value()));
    let from_browser = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    let context = RequestContext {
        asked: chosen.or(from_browser),
        theme: jar.get(THEME_COOKIE).and_then(|c| match c.value() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }),
        browser_tz: jar.get(TZ_COOKIE).and_then(|c| c.value().parse().ok()),
        path: request.uri().path().to_string(),
        reads: matches!(*request.method(), Method::GET | Method::HEAD),
        csrf: request
            .extensions()
            .get::<crate::auth::CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default(),
        viewer: Arc::default(),
        community: Arc::default(),
        nav: Arc::default(),
    };
    CONTEXT.scope(context, next.run(request)).await
}
