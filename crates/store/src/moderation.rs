//! Moderation: members report content; moderators hide or restore it with a reason and
//! dismiss reports. Every moderation action writes its audit entry in the same transaction.

use chrono::{DateTime, Utc};
use peerlearn_domain::{BoundedText, CommunityId, MemberId, ReportId, SubjectKind, UserId};

use crate::error::unique_as;
use crate::records::{Page, time, word};
use crate::{Store, StoreError, StoreResult};

/// Where a kind of content lives: its table, the column naming its author, and a short text
/// that says what it is (for the queue and the audit log). Adding a kind is one arm here.
fn source(kind: SubjectKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        SubjectKind::Topic => ("topics", "host_member_id", "title"),
        SubjectKind::Question => ("questions", "asker_member_id", "title"),
        SubjectKind::Answer => ("answers", "author_member_id", "body"),
        SubjectKind::Note => ("notes", "author_member_id", "body"),
    }
}

/// A report's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    Open,
    Dismissed,
    /// The content was hidden.
    Actioned,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Dismissed => "dismissed",
            Self::Actioned => "actioned",
        }
    }

    fn parse(_: &str, raw: &str) -> Result<Self, peerlearn_domain::Invalid> {
        Ok(match raw {
            "open" => Self::Open,
            "dismissed" => Self::Dismissed,
            "actioned" => Self::Actioned,
            _ => {
                return Err(peerlearn_domain::Invalid::new("status", "invalid-choice")
                    .arg("choices", "open, dismissed, actioned"));
            }
        })
    }
}

/// Content a member reported.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: ReportId,
    pub community_id: CommunityId,
    pub kind: SubjectKind,
    pub subject_id: i64,
    /// What the content says (a title, or the start of an answer).
    pub subject_text: String,
    pub subject_author: MemberId,
    /// Whether the content is hidden now.
    pub subject_hidden: bool,
    pub reporter: MemberId,
    pub reporter_name: String,
    pub reason: String,
    pub status: ReportStatus,
    pub created_at: DateTime<Utc>,
}

/// Why and when content was hidden.
#[derive(Debug, Clone)]
pub struct Hidden {
    pub reason: String,
    pub hidden_at: DateTime<Utc>,
}

/// One line of a community's audit log (role changes and moderation).
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_name: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub created_at: DateTime<Utc>,
}

/// Who acts: their membership (who hid it) and their account (the audit log's actor).
#[derive(Debug, Clone, Copy)]
pub struct Moderator {
    pub member: MemberId,
    pub user: UserId,
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    community_id: i64,
    subject_kind: String,
    subject_id: i64,
    subject_text: Option<String>,
    subject_author: Option<i64>,
    subject_hidden: i64,
    reporter_member_id: i64,
    reporter_name: String,
    reason: String,
    status: String,
    created_at: i64,
}

impl TryFrom<ReportRow> for Report {
    type Error = StoreError;

    fn try_from(r: ReportRow) -> StoreResult<Self> {
        Ok(Report {
            id: ReportId(r.id),
            community_id: CommunityId(r.community_id),
            kind: word(SubjectKind::parse, &r.subject_kind)?,
            subject_id: r.subject_id,
            subject_text: r
                .subject_text
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
            subject_author: MemberId(r.subject_author.unwrap_or_default()),
            subject_hidden: r.subject_hidden != 0,
            reporter: MemberId(r.reporter_member_id),
            status: word(ReportStatus::parse, &r.status)?,
            created_at: time(r.created_at)?,
            reporter_name: r.reporter_name,
            reason: r.reason,
        })
    }
}

/// `CASE r.subject_kind WHEN 'topic' THEN (SELECT … FROM topics …) … END` for one column.
fn per_kind(column: fn(SubjectKind) -> &'static str) -> String {
    let arms: Vec<String> = SubjectKind::ALL
        .iter()
        .map(|k| {
            let (table, _, _) = source(*k);
            format!(
                "WHEN '{}' THEN (SELECT s.{} FROM {table} s WHERE s.id = r.subject_id)",
                k.as_str(),
                column(*k)
            )
        })
        .collect();
    format!("CASE r.subject_kind {} END", arms.join(" "))
}

fn report_select() -> String {
    format!(
        "SELECT r.id, r.community_id, r.subject_kind, r.subject_id, \
         {} AS subject_text, {} AS subject_author, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM hidden_items h WHERE h.subject_kind = r.subject_kind \
         AND h.subject_id = r.subject_id) THEN 1 ELSE 0 END AS BIGINT) AS subject_hidden, \
         r.reporter_member_id, u.display_name AS reporter_name, r.reason, r.status, r.created_at \
         FROM reports r JOIN members m ON m.community_id = r.community_id AND m.id = r.reporter_member_id \
         JOIN users u ON u.id = m.user_id",
        per_kind(|k| source(k).2),
        per_kind(|k| source(k).1),
    )
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The content's author and text, if it exists in `community`.
async fn subject_in(
    tx: &mut Tx,
    community: CommunityId,
    kind: SubjectKind,
    id: i64,
) -> StoreResult<(i64, String)> {
    let (table, author, text) = source(kind);
    let row: Option<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {author}, {text} FROM {table} WHERE id = $1 AND community_id = $2"
    )))
    .bind(id)
    .bind(community.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.ok_or(StoreError::NotFound(kind.label()))
}

#[allow(clippy::too_many_arguments)]
async fn audit(
    tx: &mut Tx,
    community: CommunityId,
    actor: UserId,
    action: &str,
    kind: SubjectKind,
    id: i64,
    text: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let short: String = text.chars().take(80).collect();
    sqlx::query(
        "INSERT INTO audit_log (community_id, actor_user_id, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(community.0)
    .bind(actor.0)
    .bind(action)
    .bind(format!("{} {id} ({short})", kind.as_str()))
    .bind(detail)
    .bind(now.timestamp())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// A member reports content of their community: `already_reported` while their earlier
    /// report of it is open.
    pub async fn report(
        &self,
        community: CommunityId,
        kind: SubjectKind,
        subject: i64,
        reporter: MemberId,
        reason: &BoundedText,
        now: DateTime<Utc>,
    ) -> StoreResult<Report> {
        let mut tx = self.write_tx().await?;
        subject_in(&mut tx, community, kind, subject).await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO reports (community_id, subject_kind, subject_id, reporter_member_id, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(community.0)
        .bind(kind.as_str())
        .bind(subject)
        .bind(reporter.0)
        .bind(reason.as_str())
        .bind(now.timestamp())
        .fetch_one(&mut *tx)
        .await
        .map_err(unique_as("already_reported", "you have already reported this; the moderators will look at it"))?;
        tx.commit().await?;
        self.wrote();
        self.report_by_id(ReportId(id)).await
    }

    /// A report by id (any community: the caller checks who may see it).
    pub async fn report_by_id(&self, id: ReportId) -> StoreResult<Report> {
        let row: Option<ReportRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE r.id = $1",
            report_select()
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("report"))?.try_into()
    }

    /// The moderation queue: a community's open reports, oldest first, paged by id.
    pub async fn open_reports(
        &self,
        community: CommunityId,
        after: Option<i64>,
        limit: i64,
    ) -> StoreResult<Page<Report>> {
        let limit = limit.clamp(1, 200);
        let mut rows: Vec<ReportRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE r.community_id = $1 AND r.status = 'open' AND r.id > $2 ORDER BY r.id LIMIT $3",
            report_select()
        )))
        .bind(community.0)
        .bind(after.unwrap_or(0))
        .bind(limit + 1)
        .fetch_all(self.reader())
        .await?;
        let next_cursor = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.id.to_string())
        } else {
            None
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(TryInto::try_into)
                .collect::<StoreResult<_>>()?,
            next_cursor,
        })
    }

    /// Whether content is hidden, and why.
    pub async fn hidden(&self, kind: SubjectKind, id: i64) -> StoreResult<Option<Hidden>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT reason, hidden_at FROM hidden_items WHERE subject_kind = $1 AND subject_id = $2",
        )
        .bind(kind.as_str())
        .bind(id)
        .fetch_optional(self.reader())
        .await?;
        row.map(|(reason, at)| {
            Ok(Hidden {
                reason,
                hidden_at: time(at)?,
            })
        })
        .transpose()
    }

    /// Hides content of `community` for everyone but moderators and its author, closes the
    /// open reports of it and writes the audit entry, in one transaction (`already_hidden`).
    pub async fn hide(
        &self,
        community: CommunityId,
        kind: SubjectKind,
        subject: i64,
        by: Moderator,
        reason: &BoundedText,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        let (_, text) = subject_in(&mut tx, community, kind, subject).await?;
        sqlx::query(
            "INSERT INTO hidden_items (community_id, subject_kind, subject_id, reason, hidden_by_member_id, hidden_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(community.0)
        .bind(kind.as_str())
        .bind(subject)
        .bind(reason.as_str())
        .bind(by.member.0)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await
        .map_err(unique_as("already_hidden", "this is already hidden"))?;
        sqlx::query(
            "UPDATE reports SET status = 'actioned', resolved_at = $1 \
             WHERE subject_kind = $2 AND subject_id = $3 AND status = 'open'",
        )
        .bind(now.timestamp())
        .bind(kind.as_str())
        .bind(subject)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            community,
            by.user,
            "hidden",
            kind,
            subject,
            &text,
            reason.as_str(),
            now,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        self.market.forget();
        Ok(())
    }

    /// Shows hidden content again, with the audit entry, in one transaction (`not_hidden`).
    pub async fn restore(
        &self,
        community: CommunityId,
        kind: SubjectKind,
        subject: i64,
        by: Moderator,
        reason: &BoundedText,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        let (_, text) = subject_in(&mut tx, community, kind, subject).await?;
        let done = sqlx::query(
            "DELETE FROM hidden_items WHERE subject_kind = $1 AND subject_id = $2 AND community_id = $3",
        )
        .bind(kind.as_str())
        .bind(subject)
        .bind(community.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::conflict("not_hidden", "this is not hidden"));
        }
        audit(
            &mut tx,
            community,
            by.user,
            "restored",
            kind,
            subject,
            &text,
            reason.as_str(),
            now,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        self.market.forget();
        Ok(())
    }

    /// Dismisses an open report (the content stays), with the audit entry, in one
    /// transaction (`already_decided` if it was no longer open).
    pub async fn dismiss_report(
        &self,
        report: &Report,
        by: Moderator,
        note: &BoundedText,
        now: DateTime<Utc>,
    ) -> StoreResult<Report> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE reports SET status = 'dismissed', resolved_at = $1 WHERE id = $2 AND status = 'open'",
        )
        .bind(now.timestamp())
        .bind(report.id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::conflict(
                "already_decided",
                "this report was already handled",
            ));
        }
        let detail = if note.as_str().is_empty() {
            format!("report {} by {}", report.id, report.reporter_name)
        } else {
            format!(
                "report {} by {}: {}",
                report.id,
                report.reporter_name,
                note.as_str()
            )
        };
        audit(
            &mut tx,
            report.community_id,
            by.user,
            "report_dismissed",
            report.kind,
            report.subject_id,
            &report.subject_text,
            &detail,
            now,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        self.report_by_id(report.id).await
    }

    /// A community's audit log, newest first, paged by id.
    pub async fn audit_log(
        &self,
        community: CommunityId,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Page<AuditEntry>> {
        let limit = limit.clamp(1, 200);
        let mut rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
            "SELECT a.id, u.display_name, a.action, a.subject, a.detail, a.created_at \
             FROM audit_log a JOIN users u ON u.id = a.actor_user_id \
             WHERE a.community_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
        )
        .bind(community.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(self.reader())
        .await?;
        let next_cursor = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.0.to_string())
        } else {
            None
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(|(id, actor_name, action, subject, detail, at)| {
                    Ok(AuditEntry {
                        id,
                        actor_name,
                        action,
                        subject,
                        detail,
                        created_at: time(at)?,
                    })
                })
                .collect::<StoreResult<_>>()?,
            next_cursor,
        })
    }
}
