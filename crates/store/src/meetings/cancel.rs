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
        let done: Option<(i64,)> = sqlx::query_as(
            "UPDATE meetings SET status = 'cancelled', cancel_reason = $1, sequence = sequence + 1, \
             updated_at = $2 WHERE id = $3 AND status = 'confirmed' RETURNING community_id",
        )
        .bind(reason)
        .bind(now.timestamp())
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((community,)) = done {
            enqueue(
                &mut tx,
                community,
                JobKind::MeetingCancelled,
                id.0,
                Some(actor.0),
                reason,
                now,
                now,
            )
            .await?;
        } else {
            drop(tx);
            self.meeting(id).await?;
            return Err(StoreError::conflict(
                "already_cancelled",
                "this meeting is already cancelled",
            ));
        }
        sqlx::query("UPDATE meeting_participants SET status = 'cancelled' WHERE meeting_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        self.meeting(id).await
    }
}
