//! The waitlist of a full group meeting. Members join it in order; when a seat frees (a
//! participant gives theirs up), the first waitlisted member who is still free at that time
//! takes it in the same transaction, leaves the list, and an event tells them so.

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingId, MeetingStatus, MemberId};

use super::locks::{lock_people, lock_seat_change};
use crate::db::Backend;
use crate::error::{unique_as, write_error};
use crate::outbox::{JobKind, enqueue};
use crate::{Store, StoreError, StoreResult};

/// A member's place on a meeting's waitlist: `position` is 1 for the next in line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitlistPlace {
    pub meeting: MeetingId,
    pub position: u32,
    pub length: u32,
}

/// Whether `member` has a confirmed meeting overlapping `[start, end)` other than `meeting`.
async fn busy_elsewhere(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    member: i64,
    meeting: i64,
    start: i64,
    end: i64,
) -> StoreResult<bool> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM meeting_participants WHERE member_id = $1 AND meeting_id <> $2 \
         AND status = 'confirmed' AND starts_at < $3 AND $4 < ends_at LIMIT 1",
    )
    .bind(member)
    .bind(meeting)
    .bind(end)
    .bind(start)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// Seats `member` in `meeting` (a new participant row, or a cancelled one confirmed again)
/// and counts the seat. The caller holds the meeting and the person.
async fn seat(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: i64,
    community: i64,
    member: i64,
    (start, end): (i64, i64),
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let done = sqlx::query(
        "UPDATE meeting_participants SET status = 'confirmed' WHERE meeting_id = $1 AND member_id = $2",
    )
    .bind(meeting)
    .bind(member)
    .execute(&mut **tx)
    .await
    .map_err(write_error)?;
    if done.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO meeting_participants (meeting_id, community_id, member_id, role, starts_at, ends_at) \
             VALUES ($1, $2, $3, 'participant', $4, $5)",
        )
        .bind(meeting)
        .bind(community)
        .bind(member)
        .bind(start)
        .bind(end)
        .execute(&mut **tx)
        .await
        .map_err(write_error)?;
    }
    sqlx::query("UPDATE meetings SET seats_taken = seats_taken + 1, updated_at = $1 WHERE id = $2")
        .bind(now.timestamp())
        .bind(meeting)
        .execute(&mut **tx)
        .await
        .map_err(write_error)?;
    crate::seat_offers::mark_taken(tx, meeting, member, now).await
}

/// Gives the free seats of `meeting` to its waitlist, first come first served, skipping
/// members who are now busy at that time (they keep their place). Runs inside the caller's
/// transaction, which has already written the seat that freed (and so holds the meeting's
/// row on PostgreSQL). A meeting that was cancelled or has started gives no seats away.
/// Returns the members seated.
pub(crate) async fn fill_free_seats(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    meeting: i64,
    now: DateTime<Utc>,
) -> StoreResult<Vec<MemberId>> {
    let (community, start, end, capacity, taken, status): (i64, i64, i64, i64, i64, String) =
        sqlx::query_as(
            "SELECT community_id, starts_at, ends_at, capacity, seats_taken, status FROM meetings WHERE id = $1",
        )
        .bind(meeting)
        .fetch_one(&mut **tx)
        .await?;
    let mut free = capacity - taken;
    let mut seated = Vec::new();
    if status != MeetingStatus::Confirmed.as_str() || start <= now.timestamp() || free <= 0 {
        return Ok(seated);
    }
    let waiting: Vec<(i64,)> = sqlx::query_as(
        "SELECT member_id FROM meeting_waitlist WHERE meeting_id = $1 ORDER BY created_at, member_id",
    )
    .bind(meeting)
    .fetch_all(&mut **tx)
    .await?;
    for (member,) in waiting {
        if free == 0 {
            break;
        }
        lock_people(tx, backend, &[member]).await?;
        if busy_elsewhere(tx, member, meeting, start, end).await? {
            continue;
        }
        seat(tx, meeting, community, member, (start, end), now).await?;
        sqlx::query("DELETE FROM meeting_waitlist WHERE meeting_id = $1 AND member_id = $2")
            .bind(meeting)
            .bind(member)
            .execute(&mut **tx)
            .await?;
        enqueue(
            tx,
            community,
            JobKind::WaitlistSeat,
            meeting,
            Some(member),
            "",
            now,
            now,
        )
        .await?;
        seated.push(MemberId(member));
        free -= 1;
    }
    Ok(seated)
}

/// Removes `member` from the waitlist of `meeting` (when they take a seat themselves).
pub(super) async fn drop_from_waitlist(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: i64,
    member: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM meeting_waitlist WHERE meeting_id = $1 AND member_id = $2")
        .bind(meeting)
        .bind(member)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// Puts `member` on the waitlist of a full group meeting, in one transaction that holds
    /// the meeting: `meeting_cancelled`, `already_seated` (the host included), `seats_free`
    /// (take a seat instead), `person_busy` (another meeting at that time) or
    /// `already_waitlisted`, and nothing written otherwise.
    pub async fn join_waitlist(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<WaitlistPlace> {
        let mut tx = self.write_tx().await?;
        let (community, start, end, capacity, taken) =
            lock_seat_change(&mut tx, self.backend(), meeting, member).await?;
        let seated: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM meeting_participants WHERE meeting_id = $1 AND member_id = $2 AND status = 'confirmed'",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_optional(&mut *tx)
        .await?;
        if seated.is_some() {
            return Err(StoreError::conflict(
                "already_seated",
                "you already have a seat",
            ));
        }
        if taken < capacity {
            return Err(StoreError::conflict(
                "seats_free",
                "this group has a free seat: take it instead",
            ));
        }
        if busy_elsewhere(&mut tx, member.0, meeting.0, start, end).await? {
            return Err(StoreError::conflict(
                "person_busy",
                "you have another meeting at that time",
            ));
        }
        sqlx::query(
            "INSERT INTO meeting_waitlist (meeting_id, community_id, member_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(meeting.0)
        .bind(community)
        .bind(member.0)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await
        .map_err(unique_as("already_waitlisted", "you are already on the waitlist"))?;
        tx.commit().await?;
        self.wrote();
        self.waitlist_place(meeting, member)
            .await?
            .ok_or(StoreError::NotFound("waitlist place"))
    }

    /// Takes `member` off the waitlist of `meeting`; `not_waitlisted` when they are not on it.
    pub async fn leave_waitlist(&self, meeting: MeetingId, member: MemberId) -> StoreResult<()> {
        let done =
            sqlx::query("DELETE FROM meeting_waitlist WHERE meeting_id = $1 AND member_id = $2")
                .bind(meeting.0)
                .bind(member.0)
                .execute(self.writer())
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::conflict(
                "not_waitlisted",
                "you are not on the waitlist",
            ));
        }
        Ok(())
    }

    /// Where `member` stands on the waitlist of `meeting`, if they are on it.
    pub async fn waitlist_place(
        &self,
        meeting: MeetingId,
        member: MemberId,
    ) -> StoreResult<Option<WaitlistPlace>> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM meeting_waitlist a WHERE a.meeting_id = w.meeting_id \
               AND (a.created_at < w.created_at OR (a.created_at = w.created_at AND a.member_id <= w.member_id))), \
             (SELECT COUNT(*) FROM meeting_waitlist b WHERE b.meeting_id = w.meeting_id) \
             FROM meeting_waitlist w WHERE w.meeting_id = $1 AND w.member_id = $2",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|(position, length)| WaitlistPlace {
            meeting,
            position: u32::try_from(position).unwrap_or(u32::MAX),
            length: u32::try_from(length).unwrap_or(u32::MAX),
        }))
    }

    /// How many members wait for a seat in `meeting`.
    pub async fn waitlist_length(&self, meeting: MeetingId) -> StoreResult<u32> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM meeting_waitlist WHERE meeting_id = $1")
                .bind(meeting.0)
                .fetch_one(self.reader())
                .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}
