//! A community's data as its organizers know it, in files: members, topics and meetings as
//! CSV, the dashboard's tables as the same CSV the dashboard page offers for download, and
//! `community.json` describing the community and every file. Former members (who left or
//! deleted their account) are not among the members, and what they posted or attended
//! carries the community's word for a former member, never their name or address. Times are
//! RFC 3339 in the community's time zone. The files are built in memory; writing them is the
//! caller's part.

use chrono::{DateTime, Utc};
use peerlearn_domain::CommunityId;
use peerlearn_store::{Community, TagLabels};
use serde::Serialize;

use crate::app::dashboard_tables::{TABLES, table_csv};
use crate::error::AppError;
use crate::input::queries::DashboardQuery;
use crate::state::AppState;

/// The format of `community.json`.
pub const FORMAT: &str = "peerlearn-community-export/1";

/// A file of the export.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Rows of data (a CSV file's header row is not counted; 1 for the JSON file).
    pub rows: usize,
}

/// Every file of a community's export, `community.json` last.
#[derive(Debug, Clone)]
pub struct CommunityExport {
    pub community: Community,
    pub files: Vec<ExportFile>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: &'static str,
    exported_at: DateTime<Utc>,
    community: CommunityInfo<'a>,
    /// The days the dashboard tables cover (in the community's time zone).
    dashboard_period: Period,
    files: Vec<FileInfo<'a>>,
}

#[derive(Serialize)]
struct CommunityInfo<'a> {
    id: String,
    name: &'a str,
    description: &'a str,
    kind: &'static str,
    time_zone: &'static str,
    starts_on: Option<String>,
    ends_on: Option<String>,
    day_starts: String,
    day_ends: String,
    join_policy: &'static str,
    language: &'static str,
    members: i64,
    created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct Period {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct FileInfo<'a> {
    name: &'a str,
    rows: usize,
}

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("csv: {e}"))
}

/// A CSV file of `header` and `rows`.
fn csv_file<const N: usize>(
    name: &str,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> Result<ExportFile, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(csv_error)?;
    let mut count = 0;
    for row in rows {
        out.write_record(&row).map_err(csv_error)?;
        count += 1;
    }
    Ok(ExportFile {
        name: name.to_string(),
        bytes: out.into_inner().map_err(csv_error)?,
        rows: count,
    })
}

/// Data rows of a CSV file with a header row.
fn count_rows(bytes: &[u8]) -> Result<usize, AppError> {
    let mut reader = csv::Reader::from_reader(bytes);
    let mut count = 0;
    for record in reader.records() {
        record.map_err(csv_error)?;
        count += 1;
    }
    Ok(count)
}

fn hh_mm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn tags(labels: &TagLabels, keys: &[String]) -> String {
    keys.iter()
        .map(|k| labels.show(k))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Builds the export of `community`; the dashboard tables cover `from`..=`to`
/// (`YYYY-MM-DD`, the dashboard's defaults when absent: the 30 days up to today).
/// `NotFound("community")` for an unknown community; a bad day is `invalid`.
pub async fn export_community(
    state: &AppState,
    community: CommunityId,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<CommunityExport, AppError> {
    let c = state.store.community(community).await?;
    let tz = c.calendar.timezone.tz();
    let now = state.clock.now();
    let period = DashboardQuery {
        from: from.map(str::to_string),
        to: to.map(str::to_string),
    }
    .period(tz, now)?;
    let at = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    let labels = state.store.tag_labels(community).await?;
    let mut files = Vec::new();

    let members = state.store.export_members(community).await?;
    files.push(csv_file(
        "members.csv",
        ["name", "email", "team", "role", "joined"],
        members.into_iter().map(|m| {
            [
                m.name,
                m.email,
                m.team,
                m.role.as_str().to_string(),
                at(m.joined_at),
            ]
        }),
    )?);

    let topics = state.store.export_topics(community).await?;
    files.push(csv_file(
        "topics.csv",
        ["id", "title", "kind", "author", "tags", "status", "created"],
        topics.into_iter().map(|t| {
            [
                t.id.to_string(),
                t.title,
                t.kind,
                t.author,
                tags(&labels, &t.tags),
                t.status,
                at(t.created_at),
            ]
        }),
    )?);

    let meetings = state.store.export_meetings(community).await?;
    files.push(csv_file(
        "meetings.csv",
        [
            "id",
            "start",
            "end",
            "topic",
            "mode",
            "spot",
            "participants",
            "status",
        ],
        meetings.into_iter().map(|m| {
            [
                m.id.to_string(),
                at(m.starts_at),
                at(m.ends_at),
                m.topic,
                m.mode.to_string(),
                m.spot,
                m.participants.join("; "),
                m.status,
            ]
        }),
    )?);

    for table in TABLES {
        let bytes = table_csv(state, community, table, &period).await?;
        files.push(ExportFile {
            name: format!("dashboard_{table}.csv"),
            rows: count_rows(&bytes)?,
            bytes,
        });
    }

    let manifest = Manifest {
        format: FORMAT,
        exported_at: now,
        community: CommunityInfo {
            id: c.id.0.to_string(),
            name: &c.name,
            description: &c.description,
            kind: c.kind.as_str(),
            time_zone: c.calendar.timezone.name(),
            starts_on: c.calendar.dates.map(|d| d.starts_on.to_string()),
            ends_on: c.calendar.dates.map(|d| d.ends_on.to_string()),
            day_starts: hh_mm(c.calendar.hours.start_minutes()),
            day_ends: hh_mm(c.calendar.hours.end_minutes()),
            join_policy: c.join_policy.as_str(),
            language: c.language.as_str(),
            members: c.member_count,
            created_at: c.created_at,
        },
        dashboard_period: Period {
            from: period.from_day.to_string(),
            to: period.to_day.to_string(),
        },
        files: files
            .iter()
            .map(|f| FileInfo {
                name: &f.name,
                rows: f.rows,
            })
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| AppError::Internal(format!("json: {e}")))?;
    files.push(ExportFile {
        name: "community.json".into(),
        bytes: json,
        rows: 1,
    });
    Ok(CommunityExport {
        community: c,
        files,
    })
}
