//! The locks a write takes: on the people it books (PostgreSQL advisory locks, in one global
//! order) and on a meeting whose seats change.

use peerlearn_domain::{MeetingId, MeetingStatus, MemberId};

use crate::db::Backend;
use crate::{StoreError, StoreResult};

/// On PostgreSQL, takes transaction-scoped locks on the people a write books, in one global
/// order, so two bookings of the same person queue instead of deadlocking on each other's
/// uncommitted rows (SQLite already runs one writer at a time).
pub(crate) async fn lock_people(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    members: &[i64],
) -> StoreResult<()> {
    if backend.serializes_writes() {
        return Ok(());
    }
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for member in sorted {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('peerlearn.member.' || $1, 0))")
            .bind(member.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Locks a confirmed meeting for a change of its seats (its row on PostgreSQL; SQLite runs one
/// writer at a time) and the person taking part; answers its community, start, end, capacity
/// and seats taken, or `meeting_cancelled`.
pub(super) async fn lock_seat_change(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    meeting: MeetingId,
    member: MemberId,
) -> StoreResult<(i64, i64, i64, i64, i64)> {
    let lock = backend.lock_rows(" FOR UPDATE");
    let row: Option<(i64, i64, i64, i64, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT community_id, starts_at, ends_at, capacity, seats_taken, status FROM meetings WHERE id = $1{lock}"
    )))
    .bind(meeting.0)
    .fetch_optional(&mut **tx)
    .await?;
    let (community, start, end, capacity, taken, status) =
        row.ok_or(StoreError::NotFound("meeting"))?;
    lock_people(tx, backend, &[member.0]).await?;
    if status != MeetingStatus::Confirmed.as_str() {
        return Err(StoreError::conflict(
            "meeting_cancelled",
            "this meeting was cancelled",
        ));
    }
    Ok((community, start, end, capacity, taken))
}
