//! Cancelling a meeting for everyone.

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingId, MemberId};

use super::Meeting;
use crate::outbox::{JobKind, enqueue};
use crate::{Store, StoreError, StoreResult};

impl Store {
    /// Cancels a meeting for everyone (a one-on-one, or a group by its host), in one
    /// transaction: the meeting and its participants are cancelled and its SEQUENCE goes up,
    /// so calendars update the event instead of adding one.
    pub async fn cancel_meeting(
        &self,
        id: MeetingId,
        actor: MemberId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.write_tx().await?;
        if !cancel_in(&mut tx, id.0, actor.0, reason, now).await? {
            drop(tx);
            self.meeting(id).await?;
            return Err(StoreError::conflict(
                "already_cancelled",
                "this meeting is already cancelled",
            ));
        }
        tx.commit().await?;
        self.wrote();
        self.meeting(id).await
    }
}

/// Cancels confirmed `meeting` for everyone inside the caller's transaction: the meeting and
/// its participants are cancelled, its SEQUENCE goes up, and everyone but `actor` is told
/// (`MeetingCancelled`, with `reason`). `false` when it was not confirmed.
pub(crate) async fn cancel_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: i64,
    actor: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done: Option<(i64,)> = sqlx::query_as(
        "UPDATE meetings SET status = 'cancelled', cancel_reason = $1, sequence = sequence + 1, \
         updated_at = $2 WHERE id = $3 AND status = 'confirmed' RETURNING community_id",
    )
    .bind(reason)
    .bind(now.timestamp())
    .bind(meeting)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((community,)) = done else {
        return Ok(false);
    };
    enqueue(
        tx,
        community,
        JobKind::MeetingCancelled,
        meeting,
        Some(actor),
        reason,
        now,
        now,
    )
    .await?;
    sqlx::query("UPDATE meeting_participants SET status = 'cancelled' WHERE meeting_id = $1")
        .bind(meeting)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}
