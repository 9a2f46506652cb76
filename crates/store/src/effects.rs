//! What events change besides their messages, written in the transaction that completes
//! them (see `outbox`): a meeting's no-shows, with the pauses they bring, and invitations to
//! host a group on a tag many want. Each write is idempotent, so a retried event writes the
//! same rows once.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MeetingId, MemberId};

use crate::StoreResult;

/// The no-shows of one meeting, to record when it has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoShows {
    pub meeting: MeetingId,
    /// Confirmed participants who did not check in.
    pub missing: Vec<MemberId>,
    /// Those among them whose recommendations recording this pauses.
    pub pausing: Vec<MemberId>,
}

/// Writes no-shows inside the caller's transaction. Recording one twice, or pausing a member
/// already paused, changes nothing, so a retried event writes the same rows once.
pub(crate) async fn record_no_shows_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    due: &NoShows,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for member in &due.missing {
        sqlx::query(
            "INSERT INTO no_shows (meeting_id, member_id, community_id, recorded_at) \
             SELECT p.meeting_id, p.member_id, p.community_id, $3 FROM meeting_participants p \
             WHERE p.meeting_id = $1 AND p.member_id = $2 ON CONFLICT DO NOTHING",
        )
        .bind(due.meeting.0)
        .bind(member.0)
        .bind(now.timestamp())
        .execute(&mut **tx)
        .await?;
    }
    for member in &due.pausing {
        sqlx::query("UPDATE members SET paused_at = $1 WHERE id = $2 AND paused_at IS NULL")
            .bind(now.timestamp())
            .bind(member.0)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records that members were invited to host a group on a tag, inside the caller's
/// transaction; an invitation recorded before is kept as it was.
pub(crate) async fn record_demand_invitations_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    invited: &[(MemberId, String)],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for (member, tag) in invited {
        sqlx::query(
            "INSERT INTO demand_invitations (community_id, tag, member_id, invited_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(community.0)
        .bind(tag)
        .bind(member.0)
        .bind(now.timestamp())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
