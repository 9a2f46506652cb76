//! The lounge board (`/c/{cid}/board`): a page for a large screen at the venue. Members see
//! it signed in; a screen shows it through the organizers' display link (`?key=…`) without
//! signing in. `?fragment=1` answers only the board's content, which `pl.js` fetches every
//! half minute. Organizers make (or replace) the display link from the board itself.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use peerlearn_domain::Role;
use peerlearn_store::{Community, Meeting};
use serde::Deserialize;

use super::account::EmptyForm;
use super::form::CsrfForm;
use super::meeting_cards::Clock;
use super::qr::qr_svg;
use super::{Page, PageError, PageResult, render};
use crate::app::board::{Board, board, check_display_link, first_name, new_display_link};
use crate::auth::{CsrfToken, Member, Organizer};
use crate::error::AppError;
use crate::input::path_id;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct BoardQuery {
    key: Option<String>,
    fragment: Option<String>,
}

/// A meeting as one line of the board: the topic, first names, the time.
pub struct Line {
    pub title: String,
    pub people: String,
    pub time: String,
}

pub struct SpotView {
    pub name: String,
    pub now: Option<Line>,
    pub next: Option<Line>,
}

pub struct GroupView {
    pub title: String,
    pub time: String,
    pub place: String,
    pub seats_left: u32,
    pub qr: String,
}

pub struct FreeView {
    pub name: String,
    pub tags: Vec<String>,
}

/// The board's content, the part `pl.js` refreshes.
#[derive(Template)]
#[template(path = "board_content.html")]
struct ContentTemplate {
    page: Page,
    name: String,
    clock: String,
    spots: Vec<SpotView>,
    groups: Vec<GroupView>,
    free: Vec<FreeView>,
    conversations: i64,
    bridges: i64,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardTemplate {
    /// The rendered content (see [`ContentTemplate`]).
    content: String,
    name: String,
    page: Page,
    id: String,
    /// Where `pl.js` fetches the content (this page, with its key if any).
    src: String,
    /// Shown to an organizer signed in: when the display link was made, if there is one.
    organizer: Option<Option<String>>,
}

#[derive(Template)]
#[template(path = "board_link.html")]
struct LinkTemplate {
    page: Page,
    id: String,
    name: String,
    url: String,
}

/// The board, for a member or through the display link.
pub async fn board_page(
    State(state): State<AppState>,
    member: Result<Member, Response>,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(query): Query<BoardQuery>,
) -> Result<Response, Response> {
    let fragment = query.fragment.is_some();
    let (community, page, role) = match query.key.as_deref() {
        Some(key) => {
            let id = path_id(&cid, "community").map_err(refuse)?;
            check_display_link(&state, id, key).await.map_err(refuse)?;
            let community = state
                .store
                .community(id)
                .await
                .map_err(|e| refuse(e.into()))?;
            // The screen speaks the community's language and writes its tags as it does.
            crate::access::remember(&state.store, &community)
                .await
                .map_err(refuse)?;
            (community, Page::of(None, csrf.0.clone()), None)
        }
        None => {
            let Member { me, m } = member?;
            (m.community, Page::new(Some(&me), &csrf), Some(m.role))
        }
    };
    show(
        &state,
        &community,
        page,
        role,
        query.key.as_deref(),
        fragment,
    )
    .await
    .map_err(IntoResponse::into_response)
}

fn refuse(e: AppError) -> Response {
    PageError(e).into_response()
}

async fn show(
    state: &AppState,
    community: &Community,
    page: Page,
    role: Option<Role>,
    key: Option<&str>,
    fragment: bool,
) -> PageResult {
    let tz = community.calendar.timezone.tz();
    let b = board(state, community.id, tz).await?;
    let content = content(state, community, page.clone(), &b)?.render()?;
    if fragment {
        return Ok(Html(content).into_response());
    }
    let id = community.id.to_string();
    let src = match key {
        Some(k) => format!(
            "/c/{id}/board?key={}",
            url::form_urlencoded::byte_serialize(k.as_bytes()).collect::<String>()
        ),
        None => format!("/c/{id}/board"),
    };
    let organizer = match role {
        Some(Role::Organizer) => Some(
            state
                .store
                .board_display_since(community.id)
                .await?
                .map(|t| page.when(t, tz)),
        ),
        _ => None,
    };
    render(&BoardTemplate {
        content,
        name: community.name.clone(),
        page,
        id,
        src,
        organizer,
    })
}

fn content(
    state: &AppState,
    community: &Community,
    page: Page,
    b: &Board,
) -> Result<ContentTemplate, AppError> {
    let tz = community.calendar.timezone.tz();
    let clock = Clock::new(&page, tz, b.now);
    let line = |g: &Meeting| Line {
        title: g.topic_title.clone(),
        people: g
            .participants
            .iter()
            .filter(|p| p.confirmed)
            .map(|p| first_name(&p.name))
            .collect::<Vec<_>>()
            .join(" · "),
        time: format!(
            "{}–{}",
            clock.clock(g.time.start()),
            clock.clock(g.time.end())
        ),
    };
    let spots = b
        .spots
        .iter()
        .map(|s| SpotView {
            name: s.name.clone(),
            now: s.now.as_ref().map(line),
            next: s.next.as_ref().map(line),
        })
        .collect();
    let mut groups = Vec::new();
    for g in &b.groups {
        let url = format!(
            "{}/c/{}/topics/{}",
            state.config.public_url, community.id, g.topic_id
        );
        let label = page.t1("board-qr-label", "title", &g.topic_title);
        groups.push(GroupView {
            title: g.topic_title.clone(),
            time: clock.clock(g.time.start()),
            place: g.spot.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
            seats_left: g.capacity.saturating_sub(g.seats_taken),
            qr: qr_svg(&url, &label, 160)?,
        });
    }
    let free = b
        .free
        .iter()
        .map(|f| FreeView {
            name: first_name(&f.name).to_string(),
            tags: f.offers.iter().map(|t| page.tag(t)).collect(),
        })
        .collect();
    Ok(ContentTemplate {
        clock: clock.clock(b.now),
        name: community.name.clone(),
        spots,
        groups,
        free,
        conversations: b.day.conversations,
        bridges: b.day.bridges,
        page,
    })
}

/// Makes a new display link (replacing the old one) and shows it once.
pub async fn new_link(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let secret = new_display_link(&state, m.community.id).await?;
    let id = m.community.id.to_string();
    render(&LinkTemplate {
        page: Page::new(Some(&me), &csrf),
        url: format!("{}/c/{id}/board?key={secret}", state.config.public_url),
        id,
        name: m.community.name,
    })
}
