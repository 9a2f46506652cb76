//! Data exports (GDPR art. 15 and 20): a JSON archive of every row that refers to a person,
//! built in the background (an outbox job) and kept for its owner until it expires.
//!
//! [`ARCHIVE`] is the one list of what the archive holds, table by table. The table-walk
//! tests read the schema itself (`Store::schema`) and fail when a table that refers to a
//! user or a member is missing here.

use chrono::{DateTime, Utc};
use peerlearn_domain::UserId;
use serde_json::{Map, Value};
use sqlx::{Column, Row};

use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::time;
use crate::{Store, StoreError, StoreResult};

/// The archive's format name, written at its top.
pub const ARCHIVE_FORMAT: &str = "peerlearn-export/1";

/// One table of the archive: the columns it shows (secrets such as token hashes are left
/// out, and so are PostgreSQL's search vectors, which the `Any` driver cannot read: name the
/// columns of a table that has one) and which of its rows refer to the person (`$1` is their
/// user id).
#[derive(Debug, Clone, Copy)]
pub struct ArchivePart {
    pub table: &'static str,
    pub columns: &'static str,
    pub rows: &'static str,
}

const fn part(table: &'static str, columns: &'static str, rows: &'static str) -> ArchivePart {
    ArchivePart {
        table,
        columns,
        rows,
    }
}

/// The person's memberships, for the `rows` filters.
macro_rules! mine {
    () => {
        "(SELECT id FROM members WHERE user_id = $1)"
    };
}

/// Everything the archive holds. Keep every table that refers to users or members here.
pub const ARCHIVE: &[ArchivePart] = &[
    part(
        "users",
        "id, email, display_name, created_at, language, time_zone",
        "id = $1",
    ),
    part(
        "auth_tokens",
        "id, kind, created_at, expires_at, last_used_at, client",
        "user_id = $1",
    ),
    part("calendar_feeds", "created_at", "user_id = $1"),
    part(
        "account_links",
        "kind, new_email, created_at, expires_at",
        "user_id = $1",
    ),
    part("live_streams", "last_id", "user_id = $1"),
    part(
        "live_events",
        "id, community_id, member_id, kind, title, body, link, created_at",
        "user_id = $1",
    ),
    part(
        "data_exports",
        "id, status, created_at, ready_at, expires_at",
        "user_id = $1",
    ),
    part(
        "invitations",
        "id, community_id, new_account, created_at, sent_at, expires_at, sends, joined_at",
        "user_id = $1",
    ),
    // Attendee files the person uploaded as an organizer: what they did, not the attendees'
    // rows (those are other people's data).
    part(
        "member_imports",
        "id, community_id, file_name, status, created_at, expires_at, confirmed_at, \
         accounts_created, members_added",
        "user_id = $1",
    ),
    part(
        "members",
        "id, community_id, role, headline, bio, team, languages, daily_cap, paused_at, joined_at",
        "user_id = $1",
    ),
    part("member_tags", "*", concat!("member_id IN ", mine!())),
    part("availability", "*", concat!("member_id IN ", mine!())),
    part("audit_log", "*", "actor_user_id = $1"),
    part(
        "topics",
        "id, community_id, host_member_id, kind, title, description, tags, format, capacity, \
         mode, duration_minutes, starts_at, status, created_at",
        concat!("host_member_id IN ", mine!()),
    ),
    part(
        "topic_tags",
        "*",
        concat!(
            "topic_id IN (SELECT id FROM topics WHERE host_member_id IN ",
            mine!(),
            ")"
        ),
    ),
    part(
        "meeting_requests",
        "*",
        concat!(
            "requester_member_id IN ",
            mine!(),
            " OR decider_member_id IN ",
            mine!()
        ),
    ),
    part(
        "request_times",
        "*",
        concat!(
            "request_id IN (SELECT id FROM meeting_requests WHERE requester_member_id IN ",
            mine!(),
            " OR decider_member_id IN ",
            mine!(),
            ")"
        ),
    ),
    part(
        "meetings",
        "id, community_id, topic_id, starts_at, ends_at, spot_id, video_url, capacity, \
         seats_taken, status, cancel_reason, created_at, updated_at",
        concat!(
            "id IN (SELECT meeting_id FROM meeting_participants WHERE member_id IN ",
            mine!(),
            ")"
        ),
    ),
    part(
        "meeting_participants",
        "*",
        concat!("member_id IN ", mine!()),
    ),
    part("meeting_waitlist", "*", concat!("member_id IN ", mine!())),
    part("seat_offers", "*", concat!("member_id IN ", mine!())),
    part(
        "outbox",
        "id, community_id, kind, subject_id, created_at, done_at",
        concat!("actor_member_id IN ", mine!()),
    ),
    part("notifications", "*", concat!("member_id IN ", mine!())),
    part(
        "dismissals",
        "*",
        concat!("member_id IN ", mine!(), " OR host_member_id IN ", mine!()),
    ),
    part("free_now", "*", concat!("member_id IN ", mine!())),
    part(
        "meet_now_proposals",
        "*",
        concat!(
            "host_member_id IN ",
            mine!(),
            " OR guest_member_id IN ",
            mine!()
        ),
    ),
    part("check_ins", "*", concat!("member_id IN ", mine!())),
    part("no_shows", "*", concat!("member_id IN ", mine!())),
    part("feedback", "*", concat!("member_id IN ", mine!())),
    part(
        "notes",
        "id, community_id, topic_id, meeting_id, author_member_id, named, body, link, tags, created_at",
        concat!("author_member_id IN ", mine!()),
    ),
    part(
        "note_tags",
        "*",
        concat!(
            "note_id IN (SELECT id FROM notes WHERE author_member_id IN ",
            mine!(),
            ")"
        ),
    ),
    part("demand_invitations", "*", concat!("member_id IN ", mine!())),
    part(
        "questions",
        "id, community_id, asker_member_id, title, body, tags, accepted_answer_id, topic_id, created_at",
        concat!("asker_member_id IN ", mine!()),
    ),
    part(
        "question_tags",
        "*",
        concat!(
            "question_id IN (SELECT id FROM questions WHERE asker_member_id IN ",
            mine!(),
            ")"
        ),
    ),
    part(
        "answers",
        "id, community_id, question_id, author_member_id, body, created_at",
        concat!("author_member_id IN ", mine!()),
    ),
    part("answer_votes", "*", concat!("member_id IN ", mine!())),
    part("reports", "*", concat!("reporter_member_id IN ", mine!())),
    part(
        "hidden_items",
        "*",
        concat!("hidden_by_member_id IN ", mine!()),
    ),
];

/// Whether an export is being built or ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStatus {
    Pending,
    Ready,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Ready => "ready",
        }
    }
}

/// A person's data export, without its archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataExport {
    pub id: i64,
    pub status: ExportStatus,
    pub created_at: DateTime<Utc>,
    pub ready_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
}

/// Export jobs are about an account, not a community.
const NO_COMMUNITY: i64 = 0;

/// One value of a row, whatever its SQL type.
fn json_value(row: &sqlx::any::AnyRow, i: usize) -> Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<i32>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    Value::Null
}

impl Store {
    /// Asks for a new export of `user`'s data, expiring at `expires_at`: the row is written
    /// (replacing an older export) with the job that builds it, in one transaction. An export
    /// still being built is returned as it is.
    pub async fn request_export(
        &self,
        user: UserId,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<DataExport> {
        if let Some(e) = self.export_of(user, now).await?
            && e.status == ExportStatus::Pending
        {
            return Ok(e);
        }
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM data_exports WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO data_exports (user_id, status, created_at, expires_at) \
             VALUES ($1, 'pending', $2, $3)",
        )
        .bind(user.0)
        .bind(now.timestamp())
        .bind(expires_at.timestamp())
        .execute(&mut *tx)
        .await?;
        let job = NewJob {
            kind: JobKind::DataExport,
            subject: user.0,
            actor: None,
            payload: "",
            run_at: now,
        };
        enqueue_all(&mut tx, NO_COMMUNITY, &[job], now).await?;
        tx.commit().await?;
        self.wrote();
        self.export_of(user, now)
            .await?
            .ok_or(StoreError::NotFound("export"))
    }

    /// `user`'s export, unless there is none or it has expired.
    pub async fn export_of(
        &self,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DataExport>> {
        let row: Option<(i64, String, i64, Option<i64>, i64)> = sqlx::query_as(
            "SELECT id, status, created_at, ready_at, expires_at FROM data_exports \
             WHERE user_id = $1 AND expires_at > $2",
        )
        .bind(user.0)
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        row.map(|(id, status, created, ready, expires)| {
            Ok(DataExport {
                id,
                status: if status == "ready" {
                    ExportStatus::Ready
                } else {
                    ExportStatus::Pending
                },
                created_at: time(created)?,
                ready_at: ready.map(time).transpose()?,
                expires_at: time(expires)?,
            })
        })
        .transpose()
    }

    /// The archive of `user`'s ready export `id`, unless it is not theirs, not ready or
    /// expired.
    pub async fn export_archive(
        &self,
        user: UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        let row: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT archive FROM data_exports WHERE id = $1 AND user_id = $2 \
             AND status = 'ready' AND expires_at > $3",
        )
        .bind(id)
        .bind(user.0)
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.and_then(|(a,)| a))
    }

    /// Builds the archive of everything that refers to `user` ([`ARCHIVE`]), as JSON.
    pub async fn build_archive(&self, user: UserId, now: DateTime<Utc>) -> StoreResult<String> {
        let mut tables = Map::new();
        for part in ARCHIVE {
            let sql = format!(
                "SELECT {} FROM {} WHERE {}",
                part.columns, part.table, part.rows
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(user.0)
                .fetch_all(self.reader())
                .await?;
            let rows: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let mut object = Map::new();
                    for (i, column) in row.columns().iter().enumerate() {
                        object.insert(column.name().to_string(), json_value(row, i));
                    }
                    Value::Object(object)
                })
                .collect();
            tables.insert(part.table.to_string(), Value::Array(rows));
        }
        let archive = serde_json::json!({
            "format": ARCHIVE_FORMAT,
            "user_id": user.0,
            "generated_at": now.to_rfc3339(),
            "times": "Unix seconds (UTC)",
            "tables": tables,
        });
        serde_json::to_string_pretty(&archive)
            .map_err(|e| StoreError::Corrupt(format!("archive: {e}")))
    }

    /// Stores a built archive and completes its job, in one transaction, with the email that
    /// tells its owner (a serialized email job), if any. An export replaced or gone meanwhile
    /// just completes the job.
    pub async fn finish_export(
        &self,
        job: i64,
        user: UserId,
        archive: &str,
        email: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE data_exports SET status = 'ready', archive = $1, ready_at = $2 \
             WHERE user_id = $3 AND status = 'pending'",
        )
        .bind(archive)
        .bind(now.timestamp())
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0
            && let Some(email) = email
        {
            let job = NewJob {
                kind: JobKind::Email,
                subject: 0,
                actor: None,
                payload: email,
                run_at: now,
            };
            enqueue_all(&mut tx, NO_COMMUNITY, &[job], now).await?;
        }
        sqlx::query("UPDATE outbox SET done_at = $1, locked_until = NULL WHERE id = $2")
            .bind(now.timestamp())
            .bind(job)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }
}
