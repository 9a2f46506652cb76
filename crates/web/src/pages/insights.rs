//! What the community learns: the knowledge base, a member's private ledger, the demand board,
//! the organizer's dashboard (server-rendered SVG chart, CSV export of every table) and the
//! printable QR codes of the spots.

mod dashboard;

pub use dashboard::{dashboard_csv, dashboard_page};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use peerlearn_store::{Demand, Note};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, render};
use crate::app::insights::{Ledger, ledger};
use crate::auth::{CsrfToken, Member, Organizer};
use crate::error::AppError;
use crate::input::queries::NoteQuery;
use crate::state::AppState;

// ---------- knowledge base ----------

pub struct NoteRow {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub body: String,
    pub link: String,
    pub tags: Vec<String>,
    pub author: Option<(String, String)>,
    pub hidden: Option<String>,
    pub when: String,
    /// Written by the viewer (who cannot report their own note).
    pub mine: bool,
}

impl NoteRow {
    fn new(n: &Note, page: &Page, tz: chrono_tz::Tz, viewer: peerlearn_domain::MemberId) -> Self {
        Self {
            id: n.id.to_string(),
            topic_id: n.topic_id.to_string(),
            topic_title: n.topic_title.clone(),
            body: n.body.clone(),
            link: n.link.clone(),
            tags: n.tags.clone(),
            author: n
                .author
                .as_ref()
                .map(|(id, name)| (id.to_string(), name.clone())),
            hidden: n.hidden.clone(),
            mine: n.author_member == viewer,
            when: page
                .lang
                .day_with_year(n.created_at.with_timezone(&page.zone(tz)).date_naive()),
        }
    }
}

#[derive(Template)]
#[template(path = "knowledge.html")]
struct KnowledgeTemplate {
    page: Page,
    community: CommunityCard,
    q: String,
    tag: String,
    notes: Vec<NoteRow>,
    tags: Vec<peerlearn_store::TagCount>,
    next: Option<String>,
    moderator: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct KnowledgeQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    cursor: String,
    notice: Option<String>,
}

pub async fn knowledge(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<KnowledgeQuery>,
) -> PageResult {
    let id = m.community.id;
    let tz = m.community.calendar.timezone.tz();
    let query = NoteQuery {
        q: Some(q.q.clone()),
        tag: Some(q.tag.clone()),
        topic: None,
        limit: Some(20),
        cursor: Some(q.cursor.clone()),
    };
    let mut t = KnowledgeTemplate {
        page: Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref()),
        community: CommunityCard::new(&m.community, Some(m.role)),
        q: q.q.clone(),
        tag: q.tag.clone(),
        notes: Vec::new(),
        tags: state.store.note_tags(id, 20).await?,
        next: None,
        moderator: m.role.can_moderate(),
        error: None,
    };
    match query.filter(m.role.can_moderate()) {
        Ok(filter) => {
            let page = state.store.notes(id, &filter).await?;
            t.notes = page
                .items
                .iter()
                .map(|n| NoteRow::new(n, &t.page, tz, m.member))
                .collect();
            t.next = page.next_cursor.map(|c| {
                let params: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("q", &q.q)
                    .append_pair("tag", &q.tag)
                    .append_pair("cursor", &c)
                    .finish();
                format!("/c/{cid}/knowledge?{params}")
            });
        }
        Err(e @ AppError::Invalid(_)) => t.error = Some(e.detail_in(t.page.lang)),
        Err(e) => return Err(e.into()),
    }
    render(&t)
}

// ---------- ledger ----------

#[derive(Template)]
#[template(path = "ledger.html")]
struct LedgerTemplate {
    page: Page,
    community: CommunityCard,
    ledger: Ledger,
    /// The gentle suggestion to share, in the page's language.
    nudge: Option<String>,
    /// The day recommendations were paused, in the viewer's time zone.
    paused_since: Option<String>,
    thanks: Vec<ThanksCard>,
}

/// A thank-you as the ledger shows it.
pub struct ThanksCard {
    pub from_name: String,
    pub topic_title: String,
    pub text: String,
    pub day: String,
}

pub async fn ledger_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let id = m.community.id;
    let l = ledger(&state, id, m.member).await?;
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    let zone = page.zone(m.community.calendar.timezone.tz());
    let day =
        |at: chrono::DateTime<chrono::Utc>| page.lang.day(at.with_timezone(&zone).date_naive());
    let thanks = state
        .store
        .thanks_received(id, m.member, 20)
        .await?
        .into_iter()
        .map(|t| ThanksCard {
            day: day(t.created_at),
            from_name: t.from_name,
            topic_title: t.topic_title,
            text: t.text,
        })
        .collect();
    render(&LedgerTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        nudge: l.nudge.as_ref().map(|n| n.text(page.lang)),
        paused_since: l.paused_since.map(day),
        ledger: l,
        thanks,
        page,
    })
}

pub async fn rejoin(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    Path(cid): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let id = m.community.id;
    state.store.rejoin(id, m.member).await?;
    Ok(Redirect::to(&format!("/c/{cid}/ledger?notice=rejoined")).into_response())
}

// ---------- demand board ----------

#[derive(Template)]
#[template(path = "demand.html")]
struct DemandTemplate {
    page: Page,
    community: CommunityCard,
    rows: Vec<Demand>,
    my_offers: Vec<String>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct CursorQuery {
    #[serde(default)]
    cursor: String,
}

const DEMAND_PAGE: i64 = 30;

pub async fn demand_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<CursorQuery>,
) -> PageResult {
    let id = m.community.id;
    let offset = q.cursor.parse::<i64>().unwrap_or(0).max(0);
    let mut rows = state
        .store
        .demand(id, state.clock.now(), DEMAND_PAGE + 1, offset)
        .await?;
    let next = (rows.len() as i64 > DEMAND_PAGE)
        .then(|| format!("/c/{cid}/demand?cursor={}", offset + DEMAND_PAGE));
    rows.truncate(DEMAND_PAGE as usize);
    let me_member = state.store.member(id, m.member).await?;
    render(&DemandTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        rows,
        my_offers: me_member.offers,
        next,
    })
}

// ---------- QR codes of the spots ----------

pub struct SpotCode {
    pub name: String,
    pub url: String,
    pub svg: String,
}

#[derive(Template)]
#[template(path = "spot_codes.html")]
struct SpotCodesTemplate {
    page: Page,
    community: CommunityCard,
    codes: Vec<SpotCode>,
}

/// A printable sheet with each spot's QR code; scanning it opens the check-in at that spot.
pub async fn spot_codes(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let mut codes = Vec::new();
    for spot in state.store.spots(m.community.id).await? {
        if spot.kind == peerlearn_domain::SpotKind::Virtual {
            continue;
        }
        let url = format!(
            "{}/c/{}/spots/{}/check-in",
            state.config.public_url, m.community.id, spot.id
        );
        // An image with a name for screen readers.
        let label = page.t1("insights-codes-qr-label", "name", &spot.name);
        let svg = super::qr::qr_svg(&url, &label, 180)?;
        codes.push(SpotCode {
            name: spot.name,
            url,
            svg,
        });
    }
    render(&SpotCodesTemplate {
        page,
        community: CommunityCard::new(&m.community, Some(m.role)),
        codes,
    })
}
