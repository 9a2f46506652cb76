//! Requests to meet: proposed times, the host's inbox, decline. Accepting lives in
//! `meetings/accept.rs`, beside the booking that writes the meeting.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, RequestId, RequestStatus, TimeRange, TopicId};

use crate::records::time as time_of;
use crate::records::word;
use crate::{Store, StoreError, StoreResult};

/// A request to create, already checked against hours, availability and meetings.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub community: CommunityId,
    pub topic: TopicId,
    pub requester: MemberId,
    pub decider: MemberId,
    pub times: Vec<TimeRange>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub id: RequestId,
    pub community_id: CommunityId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub requester: MemberId,
    pub requester_name: String,
    pub decider: MemberId,
    pub decider_name: String,
    pub message: String,
    pub reply: String,
    pub status: RequestStatus,
    pub times: Vec<TimeRange>,
    pub meeting_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Whose answer a pending request waits for: the person asked (`decider`), or, after they
    /// proposed other times, the requester.
    pub awaiting: MemberId,
}

impl Request {
    /// The other side of the request from `member`'s.
    pub fn other_side(&self, member: MemberId) -> MemberId {
        if member == self.requester {
            self.decider
        } else {
            self.requester
        }
    }

    /// The status as of `now`: a pending request whose proposed times have all passed has
    /// expired.
    pub fn status_at(&self, now: DateTime<Utc>) -> RequestStatus {
        if self.status == RequestStatus::Pending && self.times.iter().all(|t| t.start() <= now) {
            RequestStatus::Expired
        } else {
            self.status
        }
    }
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    community_id: i64,
    topic_id: i64,
    topic_title: String,
    requester_member_id: i64,
    requester_name: String,
    decider_member_id: i64,
    decider_name: String,
    message: String,
    reply: String,
    status: String,
    meeting_id: Option<i64>,
    created_at: i64,
    awaiting_requester: i64,
    /// One proposed time per row (the select joins them in).
    time_start: Option<i64>,
    time_end: Option<i64>,
}

const REQUEST_SELECT: &str = "SELECT r.id, r.community_id, r.topic_id, t.title AS topic_title, \
     r.requester_member_id, ru.display_name AS requester_name, r.decider_member_id, \
     du.display_name AS decider_name, r.message, r.reply, r.status, r.meeting_id, r.created_at, \
     r.awaiting_requester, rt.starts_at AS time_start, rt.ends_at AS time_end \
     FROM meeting_requests r JOIN topics t ON t.id = r.topic_id \
     JOIN members rm ON rm.id = r.requester_member_id JOIN users ru ON ru.id = rm.user_id \
     JOIN members dm ON dm.id = r.decider_member_id JOIN users du ON du.id = dm.user_id \
     LEFT JOIN request_times rt ON rt.request_id = r.id";

/// Turns rows of [`REQUEST_SELECT`] (one per proposed time, a request's rows next to each
/// other) into requests, in the rows' order.
fn requests(rows: Vec<RequestRow>) -> StoreResult<Vec<Request>> {
    let mut out: Vec<Request> = Vec::new();
    for r in rows {
        let time = match (r.time_start, r.time_end) {
            (Some(s), Some(e)) => TimeRange::from_unix(s, e),
            _ => None,
        };
        if let Some(last) = out.last_mut().filter(|last| last.id.0 == r.id) {
            last.times.extend(time);
            continue;
        }
        out.push(Request {
            id: RequestId(r.id),
            community_id: CommunityId(r.community_id),
            topic_id: TopicId(r.topic_id),
            requester: MemberId(r.requester_member_id),
            decider: MemberId(r.decider_member_id),
            status: word(RequestStatus::parse, &r.status)?,
            times: time.into_iter().collect(),
            created_at: time_of(r.created_at)?,
            awaiting: MemberId(if r.awaiting_requester == 1 {
                r.requester_member_id
            } else {
                r.decider_member_id
            }),
            meeting_id: r.meeting_id,
            topic_title: r.topic_title,
            requester_name: r.requester_name,
            decider_name: r.decider_name,
            message: r.message,
            reply: r.reply,
        });
    }
    Ok(out)
}

/// Writes a request's proposed times inside the caller's transaction.
async fn insert_times(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    request: i64,
    times: &[TimeRange],
) -> StoreResult<()> {
    for t in times {
        sqlx::query(
            "INSERT INTO request_times (request_id, starts_at, ends_at) VALUES ($1, $2, $3)",
        )
        .bind(request)
        .bind(t.start().timestamp())
        .bind(t.end().timestamp())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A request that is no longer pending.
pub(crate) fn already_decided() -> StoreError {
    StoreError::conflict(
        "already_decided",
        "this request was already answered or withdrawn",
    )
}

impl Store {
    /// Stores a pending request with its proposed times, in one transaction.
    /// `already_requested` when the requester has a pending request on the topic.
    pub async fn create_request(
        &self,
        new: &NewRequest,
        now: DateTime<Utc>,
    ) -> StoreResult<Request> {
        let mut tx = self.write_tx().await?;
        let pending: Option<(i64,)> = sqlx::query_as(
            "SELECT r.id FROM meeting_requests r WHERE r.topic_id = $1 AND r.requester_member_id = $2 \
             AND r.status = 'pending' AND EXISTS (SELECT 1 FROM request_times rt \
             WHERE rt.request_id = r.id AND rt.starts_at > $3)",
        )
        .bind(new.topic.0)
        .bind(new.requester.0)
        .bind(now.timestamp())
        .fetch_optional(&mut *tx)
        .await?;
        if pending.is_some() {
            return Err(StoreError::conflict(
                "already_requested",
                "you already have a pending request on this topic",
            ));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO meeting_requests (community_id, topic_id, requester_member_id, \
             decider_member_id, message, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.community.0)
        .bind(new.topic.0)
        .bind(new.requester.0)
        .bind(new.decider.0)
        .bind(&new.message)
        .bind(now.timestamp())
        .fetch_one(&mut *tx)
        .await?;
        crate::outbox::enqueue(
            &mut tx,
            new.community.0,
            crate::outbox::JobKind::RequestReceived,
            id,
            Some(new.requester.0),
            "",
            now,
            now,
        )
        .await?;
        insert_times(&mut tx, id, &new.times).await?;
        tx.commit().await?;
        self.request(RequestId(id)).await
    }

    pub async fn request(&self, id: RequestId) -> StoreResult<Request> {
        let rows: Vec<RequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{REQUEST_SELECT} WHERE r.id = $1 ORDER BY rt.starts_at"
        )))
        .bind(id.0)
        .fetch_all(self.reader())
        .await?;
        requests(rows)?.pop().ok_or(StoreError::NotFound("request"))
    }

    /// A member's requests: those waiting for their answer and those they sent, newest first.
    pub async fn requests_of(&self, member: MemberId, limit: i64) -> StoreResult<Vec<Request>> {
        let rows: Vec<RequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{REQUEST_SELECT} WHERE r.id IN (SELECT id FROM meeting_requests \
             WHERE decider_member_id = $1 OR requester_member_id = $1 ORDER BY id DESC LIMIT $2) \
             ORDER BY r.id DESC, rt.starts_at"
        )))
        .bind(member.0)
        .bind(limit.clamp(1, 500))
        .fetch_all(self.reader())
        .await?;
        requests(rows)
    }

    /// `by` (the side the request waits for) declines it with an optional reply; the other
    /// side is told. `already_decided` when it is no longer pending.
    pub async fn decline_request(
        &self,
        id: RequestId,
        by: MemberId,
        reply: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Request> {
        self.close_request(id, "declined", Some(by), reply, now)
            .await
    }

    /// `by`, the side a pending request waits for, proposes other times instead: the request's
    /// times are replaced, it now waits for the other side, and they are told. One
    /// transaction; `already_decided` when it is no longer pending, `not_your_turn` when it
    /// waits for the other side.
    pub async fn propose_times(
        &self,
        id: RequestId,
        by: MemberId,
        times: &[TimeRange],
        message: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Request> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE meeting_requests SET awaiting_requester = 1 - awaiting_requester, reply = $1 \
             WHERE id = $2 AND status = 'pending' \
             AND (CASE WHEN awaiting_requester = 1 THEN requester_member_id ELSE decider_member_id END) = $3 \
             RETURNING community_id",
        )
        .bind(message)
        .bind(id.0)
        .bind(by.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((community,)) = row else {
            drop(tx);
            let request = self.request(id).await?;
            return Err(if request.status == RequestStatus::Pending {
                StoreError::conflict(
                    "not_your_turn",
                    "this request is waiting for the other person's answer",
                )
            } else {
                already_decided()
            });
        };
        sqlx::query("DELETE FROM request_times WHERE request_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        insert_times(&mut tx, id.0, times).await?;
        crate::outbox::enqueue(
            &mut tx,
            community,
            crate::outbox::JobKind::TimesProposed,
            id.0,
            Some(by.0),
            "",
            now,
            now,
        )
        .await?;
        tx.commit().await?;
        self.request(id).await
    }

    /// The requester takes a pending request back.
    pub async fn withdraw_request(
        &self,
        id: RequestId,
        now: DateTime<Utc>,
    ) -> StoreResult<Request> {
        self.close_request(id, "withdrawn", None, "", now).await
    }

    /// Closes a pending request; a decline (`by` set) tells the other side.
    async fn close_request(
        &self,
        id: RequestId,
        status: &str,
        by: Option<MemberId>,
        reply: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Request> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE meeting_requests SET status = $1, reply = $2, decided_at = $3 \
             WHERE id = $4 AND status = 'pending' RETURNING community_id",
        )
        .bind(status)
        .bind(reply)
        .bind(now.timestamp())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((community,)) = row else {
            drop(tx);
            self.request(id).await?;
            return Err(already_decided());
        };
        if let Some(by) = by {
            crate::outbox::enqueue(
                &mut tx,
                community,
                crate::outbox::JobKind::RequestDeclined,
                id.0,
                Some(by.0),
                "",
                now,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.request(id).await
    }

    /// Whether `member` has a confirmed meeting overlapping `range`.
    pub async fn is_busy(&self, member: MemberId, range: &TimeRange) -> StoreResult<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT meeting_id FROM meeting_participants WHERE member_id = $1 AND status = 'confirmed' \
             AND starts_at < $2 AND $3 < ends_at LIMIT 1",
        )
        .bind(member.0)
        .bind(range.end().timestamp())
        .bind(range.start().timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.is_some())
    }

    /// Whether `range` lies inside one of `member`'s availability windows.
    pub async fn is_available(&self, member: MemberId, range: &TimeRange) -> StoreResult<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM availability WHERE member_id = $1 AND starts_at <= $2 AND ends_at >= $3 LIMIT 1",
        )
        .bind(member.0)
        .bind(range.start().timestamp())
        .bind(range.end().timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.is_some())
    }
}

impl Store {
    /// A community's pending requests, oldest first (for auto-scheduling).
    pub async fn pending_requests(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<Vec<Request>> {
        let rows: Vec<RequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{REQUEST_SELECT} WHERE r.id IN (SELECT id FROM meeting_requests \
             WHERE community_id = $1 AND status = 'pending' ORDER BY id LIMIT $2) \
             ORDER BY r.id, rt.starts_at"
        )))
        .bind(community.0)
        .bind(limit.clamp(1, 100_000))
        .fetch_all(self.reader())
        .await?;
        requests(rows)
    }
}
