//! What the community learns: the knowledge base, a member's private ledger, the demand board,
//! the organizer's dashboard (server-rendered SVG chart, CSV export of every table) and the
//! printable QR codes of the spots.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use peerlearn_store::{Dashboard, Demand, Note};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::CsrfForm;
use super::{Page, PageResult, render};
use crate::app::insights::{Ledger, dashboard, ledger};
use crate::auth::{CsrfToken, Member, Organizer};
use crate::error::AppError;
use crate::input::queries::{DashboardQuery, NoteQuery, Period};
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
    fn new(n: &Note, tz: chrono_tz::Tz, viewer: peerlearn_domain::MemberId) -> Self {
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
            when: n
                .created_at
                .with_timezone(&tz)
                .format("%-d %b %Y")
                .to_string(),
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
        tags: state.store.note_tags(id, 30).await?,
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
                .map(|n| NoteRow::new(n, tz, m.member))
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
    /// The day recommendations were paused, in the community's time zone.
    paused_since: Option<String>,
    thanks: Vec<peerlearn_store::Thanks>,
}

pub async fn ledger_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let id = m.community.id;
    let l = ledger(&state, id, m.member).await?;
    render(&LedgerTemplate {
        page: Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref()),
        community: CommunityCard::new(&m.community, Some(m.role)),
        paused_since: l.paused_since.map(|at| {
            m.community
                .calendar
                .local_date(at)
                .format("%a %-d %b")
                .to_string()
        }),
        ledger: l,
        thanks: state.store.thanks_received(id, m.member, 20).await?,
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

// ---------- dashboard ----------

pub struct Figure {
    pub label: &'static str,
    pub value: String,
}

pub struct Bar {
    pub x: usize,
    pub y: usize,
    pub height: usize,
    pub label: String,
    pub count: i64,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardTemplate {
    page: Page,
    community: CommunityCard,
    from: String,
    to: String,
    figures: Vec<Figure>,
    gap: Vec<(String, i64)>,
    demand: Vec<Demand>,
    bars: Vec<Bar>,
    chart_width: usize,
    error: Option<String>,
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0} %", 100.0 * v))
        .unwrap_or_else(|| "—".into())
}

fn figures(d: &Dashboard) -> Vec<Figure> {
    let f = |label, value: String| Figure { label, value };
    vec![
        f("Members", d.members.to_string()),
        f("New members", d.new_members.to_string()),
        f("Offers posted", d.offers.to_string()),
        f("Asks posted", d.asks.to_string()),
        f("Requests", d.requests.to_string()),
        f("Acceptance rate", percent(d.acceptance_rate())),
        f("Meetings held", d.meetings_held.to_string()),
        f("No-show rate", percent(d.no_show_rate())),
        f(
            "Average rating",
            d.average_rating()
                .map(|r| format!("{r:.1} / 5"))
                .unwrap_or_else(|| "—".into()),
        ),
        f("Notes shared", d.notes.to_string()),
        f(
            "Bridges built (cross-team meetings)",
            percent(d.bridge_share()),
        ),
        f(
            "New cross-team ties per 100 meetings",
            d.ties_per_100()
                .map(|v| format!("{v:.0}"))
                .unwrap_or_else(|| "—".into()),
        ),
    ]
}

/// Bars of the meetings-per-day chart, one per day of the period (at most 92).
fn bars(d: &Dashboard, period: &Period) -> Vec<Bar> {
    const HEIGHT: usize = 120;
    let days = (period.to_day - period.from_day).num_days().clamp(0, 91) as usize + 1;
    let first = period.to_day - chrono::Duration::days(days as i64 - 1);
    let max = d.per_day.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    (0..days)
        .map(|i| {
            let day = (first + chrono::Duration::days(i as i64))
                .format("%Y-%m-%d")
                .to_string();
            let count = d
                .per_day
                .iter()
                .find(|(d, _)| *d == day)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let height = (count as usize * HEIGHT) / max as usize;
            Bar {
                x: i * 12,
                y: HEIGHT - height,
                height,
                label: day,
                count,
            }
        })
        .collect()
}

pub async fn dashboard_page(
    State(state): State<AppState>,
    Organizer { me, m }: Organizer,
    csrf: CsrfToken,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    let tz = m.community.calendar.timezone.tz();
    let now = state.clock.now();
    let (period, error) = match q.period(tz, now) {
        Ok(p) => (p, None),
        Err(e @ AppError::Invalid(_)) => (
            DashboardQuery::default().period(tz, now)?,
            Some(e.detail_in(super::page_lang(Some(&me)))),
        ),
        Err(e) => return Err(e.into()),
    };
    let (d, gap) = dashboard(&state, m.community.id, &period).await?;
    let bars = bars(&d, &period);
    render(&DashboardTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        from: period.from_day.to_string(),
        to: period.to_day.to_string(),
        figures: figures(&d),
        gap,
        demand: state.store.demand(m.community.id, now, 20, 0).await?,
        chart_width: bars.len() * 12,
        bars,
        error,
    })
}

/// One of the dashboard's tables as CSV: `summary`, `meetings_per_day`, `supply_gap` or
/// `demand`.
pub async fn dashboard_csv(
    State(state): State<AppState>,
    Organizer { me: _, m }: Organizer,
    Path((_cid, table)): Path<(String, String)>,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    let tz = m.community.calendar.timezone.tz();
    let now = state.clock.now();
    let period = q.period(tz, now)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    let name = table.trim_end_matches(".csv");
    match name {
        "summary" => {
            let (d, _) = dashboard(&state, m.community.id, &period).await?;
            out.write_record(["figure", "value"]).map_err(csv_error)?;
            for f in figures(&d) {
                out.write_record([f.label, f.value.as_str()])
                    .map_err(csv_error)?;
            }
        }
        "meetings_per_day" => {
            let (d, _) = dashboard(&state, m.community.id, &period).await?;
            out.write_record(["day", "meetings"]).map_err(csv_error)?;
            for b in bars(&d, &period) {
                out.write_record([b.label, b.count.to_string()])
                    .map_err(csv_error)?;
            }
        }
        "supply_gap" => {
            out.write_record(["tag", "wanted_by"]).map_err(csv_error)?;
            for (tag, n) in state.store.supply_gap(m.community.id, 200).await? {
                out.write_record([tag, n.to_string()]).map_err(csv_error)?;
            }
        }
        "demand" => {
            out.write_record([
                "tag",
                "wanted_by",
                "can_share",
                "open_asks",
                "pending_requests",
            ])
            .map_err(csv_error)?;
            for d in state.store.demand(m.community.id, now, 200, 0).await? {
                out.write_record([
                    d.tag,
                    d.wanted_by.to_string(),
                    d.can_share.to_string(),
                    d.open_asks.to_string(),
                    d.pending_requests.to_string(),
                ])
                .map_err(csv_error)?;
            }
        }
        _ => return Err(AppError::NotFound("table").into()),
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
    let filename = format!(
        "attachment; filename=\"{name}-{}-{}.csv\"",
        period.from_day, period.to_day
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        bytes,
    )
        .into_response())
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
    let mut codes = Vec::new();
    for spot in state.store.spots(m.community.id).await? {
        if spot.kind == peerlearn_domain::SpotKind::Virtual {
            continue;
        }
        let url = format!(
            "{}/c/{}/spots/{}/check-in",
            state.config.public_url, m.community.id, spot.id
        );
        let svg = qrcode::QrCode::new(url.as_bytes())
            .map_err(|e| AppError::Internal(format!("qr code: {e}")))?
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(180, 180)
            .build();
        codes.push(SpotCode {
            name: spot.name,
            url,
            svg,
        });
    }
    render(&SpotCodesTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        codes,
    })
}
