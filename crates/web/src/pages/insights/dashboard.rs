//! The organizer's dashboard: key figures, meetings per day (a server-rendered SVG chart),
//! what people want and what nobody offers, and a CSV export of every table.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_store::{Dashboard, Demand};

use crate::app::dashboard_tables::{meetings_per_day, table_csv};
use crate::app::insights::dashboard;
use crate::auth::{CsrfToken, Organizer};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::queries::{DashboardQuery, Period};
use crate::pages::communities::CommunityCard;
use crate::pages::{Page, PageResult, render};
use crate::state::AppState;

/// A key figure as the page shows it: a large number, what it counts (agreeing with it) and
/// an optional line of context.
pub struct Stat {
    pub value: String,
    pub label: String,
    pub note: Option<String>,
}

pub struct Bar {
    pub x: usize,
    pub y: usize,
    pub height: usize,
    /// The day, `2026-05-04`.
    pub label: String,
    pub count: i64,
    /// "Mon 4 May: 3 meetings", in the page's language.
    pub title: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardTemplate {
    page: Page,
    community: CommunityCard,
    from: String,
    to: String,
    /// "Sun 8 Nov 2026 – Mon 7 Dec 2026".
    period: String,
    stats: Vec<Stat>,
    gap: Vec<(String, i64)>,
    demand: Vec<Demand>,
    bars: Vec<Bar>,
    chart_width: usize,
    /// The chart in words, for screen readers and as its caption.
    chart_summary: String,
    first_day: String,
    last_day: String,
    error: Option<String>,
}

/// A share as the language writes it: "42%", "42 %" (narrow no-break space); "—" without one.
fn percent_in(lang: Lang, v: Option<f64>) -> String {
    match v {
        Some(v) => lang.t_args(
            "dashboard-percent",
            &[(
                "value",
                FluentValue::from(lang.number((100.0 * v).round() as i64)),
            )],
        ),
        None => "—".into(),
    }
}

/// A number with one decimal as the language writes it: "4.2", "4,2".
fn one_decimal(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En | Lang::Pseudo => s,
    }
}

/// The key figures of the page, in `lang`.
fn stats(d: &Dashboard, lang: Lang) -> Vec<Stat> {
    let count = |n: i64, key: &str, note: Option<String>| Stat {
        value: lang.number(n),
        label: lang.t_count(key, n),
        note,
    };
    let share = |v: Option<f64>, key: &str, note: Option<String>| Stat {
        value: percent_in(lang, v),
        label: lang.t(key),
        note,
    };
    vec![
        count(
            d.members,
            "dashboard-stat-members",
            Some(lang.t_count("dashboard-stat-new-members", d.new_members)),
        ),
        count(d.meetings_held, "dashboard-stat-meetings", None),
        count(
            d.requests,
            "dashboard-stat-requests",
            d.acceptance_rate().map(|r| {
                lang.t_args(
                    "dashboard-stat-accepted",
                    &[("share", FluentValue::from(percent_in(lang, Some(r))))],
                )
            }),
        ),
        count(d.offers, "dashboard-stat-offers", None),
        count(d.asks, "dashboard-stat-asks", None),
        count(d.notes, "dashboard-stat-notes", None),
        Stat {
            value: d
                .average_rating()
                .map_or_else(|| "—".into(), |r| one_decimal(lang, r)),
            label: lang.t("dashboard-stat-rating"),
            note: None,
        },
        share(
            d.no_show_rate(),
            "dashboard-stat-no-shows",
            Some(lang.t("dashboard-stat-no-shows-note")),
        ),
        share(d.bridge_share(), "dashboard-stat-bridges", None),
        Stat {
            value: d
                .ties_per_100()
                .map_or_else(|| "—".into(), |v| lang.number(v.round() as i64)),
            label: lang.t("dashboard-stat-ties"),
            note: None,
        },
        count(d.free_now, "dashboard-stat-free-now", None),
        count(
            d.now_booked,
            "dashboard-stat-now-booked",
            Some(lang.t_count("dashboard-stat-now-proposed", d.now_proposals)),
        ),
        count(
            d.repairs_booked,
            "dashboard-stat-repairs-booked",
            Some(lang.t_count("dashboard-stat-repairs-offered", d.repairs_offered)),
        ),
        count(
            d.seats_taken,
            "dashboard-stat-seats-taken",
            Some(lang.t_count("dashboard-stat-seats-offered", d.seats_offered)),
        ),
    ]
}

/// Bars of the meetings-per-day chart, one per day of the period (at most 92).
fn bars(d: &Dashboard, period: &Period, lang: Lang) -> Vec<Bar> {
    const HEIGHT: usize = 120;
    let max = d.per_day.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    meetings_per_day(d, period)
        .into_iter()
        .enumerate()
        .map(|(i, (date, count))| {
            let height = (count as usize * HEIGHT) / max as usize;
            Bar {
                x: i * 12,
                y: HEIGHT - height,
                height,
                label: date.format("%Y-%m-%d").to_string(),
                count,
                title: lang.t_args(
                    "dashboard-bar",
                    &[
                        ("day", FluentValue::from(lang.day(date))),
                        ("count", FluentValue::from(count)),
                    ],
                ),
            }
        })
        .collect()
}

fn day_of(bar: Option<&Bar>, lang: Lang) -> String {
    bar.and_then(|b| NaiveDate::parse_from_str(&b.label, "%Y-%m-%d").ok())
        .map(|d| lang.day(d))
        .unwrap_or_default()
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
            Some(e.detail_in(crate::pages::page_lang(Some(&me)))),
        ),
        Err(e) => return Err(e.into()),
    };
    let page = Page::new(Some(&me), &csrf);
    let lang = page.lang;
    let (d, gap) = dashboard(&state, m.community.id, &period).await?;
    let bars = bars(&d, &period, lang);
    let total: i64 = bars.iter().map(|b| b.count).sum();
    let peak = bars.iter().map(|b| b.count).max().unwrap_or(0);
    render(&DashboardTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        from: period.from_day.to_string(),
        to: period.to_day.to_string(),
        period: lang.t_args(
            "dashboard-period",
            &[
                (
                    "from",
                    FluentValue::from(lang.day_with_year(period.from_day)),
                ),
                ("to", FluentValue::from(lang.day_with_year(period.to_day))),
            ],
        ),
        stats: stats(&d, lang),
        gap,
        demand: state.store.demand(m.community.id, now, 20, 0).await?,
        chart_width: bars.len() * 12,
        chart_summary: lang.t_args(
            "dashboard-chart-summary",
            &[
                ("count", FluentValue::from(total)),
                ("peak", FluentValue::from(peak)),
            ],
        ),
        first_day: day_of(bars.first(), lang),
        last_day: day_of(bars.last(), lang),
        bars,
        error,
        page,
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
    let name = table.trim_end_matches(".csv");
    let bytes = table_csv(&state, m.community.id, name, &period).await?;
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
