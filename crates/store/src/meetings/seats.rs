//! Seats in a group meeting: taking one, and giving one up (which offers it to the waitlist).

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingId, MeetingStatus, MemberId};

use super::Meeting;
use super::locks::lock_seat_change;
use super::waitlist::{drop_from_waitlist, fill_free_seats};
use crate::error::write_error;
use crate::outbox::{JobKind, enqueue};
use crate::{Store, StoreError, StoreResult};

impl Store {
    /// Takes a seat in a group meeting, in one transaction that locks the meeting:
    /// `meeting_full`, `person_busy` or `already_seated` and nothing written otherwise.
    pub async fn take_seat(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.write_tx().await?;
        let (community, start, end, capacity, taken) =
            lock_seat_change(&mut tx, self.backend(), meeting, member).await?;
        let seat: Option<(String,)> = sqlx::query_as(
            "SELECT status FROM meeting_participants WHERE meeting_id = $1 AND member_id = $2",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_optional(&mut *tx)
        .await?;
        if seat
            .as_ref()
            .is_some_and(|(s,)| s == MeetingStatus::Confirmed.as_str())
        {
            return Err(StoreError::conflict(
                "already_seated",
                "you already have a seat",
            ));
        }
        if taken >= capacity {
            return Err(StoreError::conflict(
                "meeting_full",
                "this group meeting is full",
            ));
        }
        if seat.is_some() {
            sqlx::query("UPDATE meeting_participants SET status = 'confirmed' WHERE meeting_id = $1 AND member_id = $2")
                .bind(meeting.0)
                .bind(member.0)
                .execute(&mut *tx)
                .await
                .map_err(write_error)?;
        } else {
            sqlx::query(
                "INSERT INTO meeting_participants (meeting_id, community_id, member_id, role, starts_at, ends_at) \
                 VALUES ($1, $2, $3, 'participant', $4, $5)",
            )
            .bind(meeting.0)
            .bind(community)
            .bind(member.0)
            .bind(start)
            .bind(end)
            .execute(&mut *tx)
            .await
            .map_err(write_error)?;
        }
        sqlx::query(
            "UPDATE meetings SET seats_taken = seats_taken + 1, updated_at = $1 WHERE id = $2",
        )
        .bind(now.timestamp())
        .bind(meeting.0)
        .execute(&mut *tx)
        .await
        .map_err(write_error)?;
        drop_from_waitlist(&mut tx, meeting.0, member.0).await?;
        crate::seat_offers::mark_taken(&mut tx, meeting.0, member.0, now).await?;
        enqueue(
            &mut tx,
            community,
            JobKind::SeatTaken,
            meeting.0,
            Some(member.0),
            "",
            now,
            now,
        )
        .await?;
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        self.meeting(meeting).await
    }

    /// Gives up a seat in a group meeting (not the host's: the host cancels the meeting).
    pub async fn leave_seat(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.write_tx().await?;
        if !give_up_seat_in(&mut tx, self.backend(), meeting.0, member.0, now).await? {
            return Err(StoreError::conflict(
                "not_seated",
                "you have no seat in this meeting",
            ));
        }
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        self.meeting(meeting).await
    }
}

/// Gives up `member`'s seat in group `meeting` inside the caller's transaction: the seat is
/// freed, the host is told (`SeatLeft`) and the waitlist fills it. `false` when they had no
/// seat there.
pub(crate) async fn give_up_seat_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: crate::Backend,
    meeting: i64,
    member: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE meeting_participants SET status = 'cancelled' WHERE meeting_id = $1 AND member_id = $2 \
         AND status = 'confirmed' AND role = 'participant'",
    )
    .bind(meeting)
    .bind(member)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let (community,): (i64,) = sqlx::query_as(
        "UPDATE meetings SET seats_taken = seats_taken - 1, updated_at = $1 WHERE id = $2 \
         RETURNING community_id",
    )
    .bind(now.timestamp())
    .bind(meeting)
    .fetch_one(&mut **tx)
    .await?;
    enqueue(
        tx,
        community,
        JobKind::SeatLeft,
        meeting,
        Some(member),
        "",
        now,
        now,
    )
    .await?;
    fill_free_seats(tx, backend, meeting, now).await?;
    Ok(true)
}
