//! The organizer's dashboard tables as CSV (English column names and values, stable for
//! spreadsheets): what the dashboard page offers for download, and what the command-line
//! export of a community writes.

use chrono::NaiveDate;
use peerlearn_domain::CommunityId;
use peerlearn_store::Dashboard;

use crate::app::insights::dashboard;
use crate::error::AppError;
use crate::input::queries::Period;
use crate::state::AppState;

/// Every table, by the name of its download (`/c/{cid}/dashboard/{table}.csv`).
pub const TABLES: [&str; 4] = ["summary", "meetings_per_day", "supply_gap", "demand"];

/// The most rows of the supply gap and demand tables.
const MAX_ROWS: i64 = 200;

/// A figure of the summary.
pub struct Figure {
    pub label: &'static str,
    pub value: String,
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0} %", 100.0 * v))
        .unwrap_or_else(|| "—".into())
}

/// The summary's figures.
pub fn figures(d: &Dashboard) -> Vec<Figure> {
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

/// Meetings held on each day of the period (at most its last 92 days), in order.
pub fn meetings_per_day(d: &Dashboard, period: &Period) -> Vec<(NaiveDate, i64)> {
    let days = (period.to_day - period.from_day).num_days().clamp(0, 91) + 1;
    let first = period.to_day - chrono::Duration::days(days - 1);
    (0..days)
        .map(|i| {
            let date = first + chrono::Duration::days(i);
            let day = date.format("%Y-%m-%d").to_string();
            let count = d
                .per_day
                .iter()
                .find(|(d, _)| *d == day)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            (date, count)
        })
        .collect()
}

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("csv: {e}"))
}

/// The table `name` (one of [`TABLES`], a trailing `.csv` allowed) of `community` over
/// `period`, as CSV with a header row. `NotFound("table")` for another name.
pub async fn table_csv(
    state: &AppState,
    community: CommunityId,
    name: &str,
    period: &Period,
) -> Result<Vec<u8>, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    match name.trim_end_matches(".csv") {
        "summary" => {
            let (d, _) = dashboard(state, community, period).await?;
            out.write_record(["figure", "value"]).map_err(csv_error)?;
            for f in figures(&d) {
                out.write_record([f.label, f.value.as_str()])
                    .map_err(csv_error)?;
            }
        }
        "meetings_per_day" => {
            let (d, _) = dashboard(state, community, period).await?;
            out.write_record(["day", "meetings"]).map_err(csv_error)?;
            for (day, count) in meetings_per_day(&d, period) {
                out.write_record([day.format("%Y-%m-%d").to_string(), count.to_string()])
                    .map_err(csv_error)?;
            }
        }
        "supply_gap" => {
            out.write_record(["tag", "wanted_by"]).map_err(csv_error)?;
            for (tag, n) in state.store.supply_gap(community, MAX_ROWS).await? {
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
            let now = state.clock.now();
            for d in state.store.demand(community, now, MAX_ROWS, 0).await? {
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
        _ => return Err(AppError::NotFound("table")),
    }
    out.into_inner().map_err(csv_error)
}
