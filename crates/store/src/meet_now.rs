//! "Meet now": the pool of members free right now, and the meetings proposed to pairs of them.
//!
//! A member joins the pool for a window; pairing (in the app, with the matching engine)
//! proposes meetings to pairs; a proposal becomes a meeting when both accept (or one accepts
//! and the other said "auto-accept"). A member is in at most one open proposal: writing a
//! proposal claims both members' pool rows (`proposal_id`) only where they are unclaimed, in
//! the proposal's transaction, so concurrent pairings cannot hand one person two proposals.
//! Booking writes the meeting as every other booking does: the schema refuses a double
//! booking. Writing and answering proposals: [`crate::meet_now_proposals`].

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, MeetingId, MeetingMode, MemberId, NowProposalId, SpotId, TimeRange, TopicId,
};

use crate::error::write_error;
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::{time, word};
use crate::{Store, StoreError, StoreResult};

/// A member's place in the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeEntry {
    pub member: MemberId,
    pub mode: MeetingMode,
    pub auto_accept: bool,
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub proposal: Option<NowProposalId>,
}

/// What a proposal's state is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NowStatus {
    Open,
    Booked,
    Declined,
    Expired,
    Failed,
}

impl NowStatus {
    fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "open" => Self::Open,
            "booked" => Self::Booked,
            "declined" => Self::Declined,
            "expired" => Self::Expired,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// A meeting proposed to two free members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NowProposal {
    pub id: NowProposalId,
    pub community: CommunityId,
    pub host: MemberId,
    pub host_name: String,
    pub guest: MemberId,
    pub guest_name: String,
    pub topic: TopicId,
    pub topic_title: String,
    pub mode: MeetingMode,
    pub time: TimeRange,
    pub expires_at: DateTime<Utc>,
    pub host_accepted: bool,
    pub guest_accepted: bool,
    pub status: NowStatus,
    pub meeting: Option<MeetingId>,
    /// The meeting this proposal would replace: its partner has not come (re-pairing).
    pub replaces: Option<MeetingId>,
    /// Where a re-pairing meets: the replaced meeting's spot (id and name).
    pub spot: Option<(SpotId, String)>,
}

impl NowProposal {
    /// Whether `member` is one of the two.
    pub fn involves(&self, member: MemberId) -> bool {
        self.host == member || self.guest == member
    }

    /// Whether `member` already accepted.
    pub fn accepted_by(&self, member: MemberId) -> bool {
        (member == self.host && self.host_accepted) || (member == self.guest && self.guest_accepted)
    }

    /// The other one of the two, with their name.
    pub fn other(&self, member: MemberId) -> (MemberId, &str) {
        if member == self.host {
            (self.guest, &self.guest_name)
        } else {
            (self.host, &self.host_name)
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProposalRow {
    id: i64,
    community_id: i64,
    host_member_id: i64,
    host_name: String,
    guest_member_id: i64,
    guest_name: String,
    topic_id: i64,
    title: String,
    mode: String,
    starts_at: i64,
    ends_at: i64,
    expires_at: i64,
    host_accepted: i64,
    guest_accepted: i64,
    status: String,
    meeting_id: Option<i64>,
    replaces_meeting_id: Option<i64>,
    spot_id: Option<i64>,
    spot_name: Option<String>,
}

pub(crate) const PROPOSAL_COLUMNS: &str = "p.id, p.community_id, p.host_member_id, hu.display_name AS host_name, \
     p.guest_member_id, gu.display_name AS guest_name, p.topic_id, t.title, p.mode, p.starts_at, \
     p.ends_at, p.expires_at, p.host_accepted, p.guest_accepted, p.status, p.meeting_id, \
     p.replaces_meeting_id, p.spot_id, s.name AS spot_name \
     FROM meet_now_proposals p JOIN topics t ON t.id = p.topic_id \
     LEFT JOIN spots s ON s.id = p.spot_id \
     JOIN members hm ON hm.id = p.host_member_id JOIN users hu ON hu.id = hm.user_id \
     JOIN members gm ON gm.id = p.guest_member_id JOIN users gu ON gu.id = gm.user_id";

impl TryFrom<ProposalRow> for NowProposal {
    type Error = StoreError;

    fn try_from(r: ProposalRow) -> StoreResult<Self> {
        Ok(Self {
            id: NowProposalId(r.id),
            community: CommunityId(r.community_id),
            host: MemberId(r.host_member_id),
            host_name: r.host_name,
            guest: MemberId(r.guest_member_id),
            guest_name: r.guest_name,
            topic: TopicId(r.topic_id),
            topic_title: r.title,
            mode: word(MeetingMode::parse, &r.mode)?,
            time: TimeRange::from_unix(r.starts_at, r.ends_at)
                .ok_or_else(|| StoreError::Corrupt(format!("meet-now proposal {} time", r.id)))?,
            expires_at: time(r.expires_at)?,
            host_accepted: r.host_accepted == 1,
            guest_accepted: r.guest_accepted == 1,
            status: NowStatus::parse(&r.status)
                .ok_or_else(|| StoreError::Corrupt(format!("meet-now status {}", r.status)))?,
            meeting: r.meeting_id.map(MeetingId),
            replaces: r.replaces_meeting_id.map(MeetingId),
            spot: r
                .spot_id
                .zip(r.spot_name)
                .map(|(id, name)| (SpotId(id), name)),
        })
    }
}

pub(crate) fn closed(code: &'static str, message: &str) -> StoreError {
    StoreError::conflict(code, message.to_string())
}

/// The SQL that says a member is in a confirmed meeting overlapping `[$2, $3)`.
const BUSY: &str = "EXISTS (SELECT 1 FROM meeting_participants bp JOIN meetings bg ON bg.id = bp.meeting_id \
     WHERE bp.member_id = $1 AND bp.status = 'confirmed' AND bg.status = 'confirmed' \
     AND bg.starts_at < $3 AND $2 < bg.ends_at)";

impl Store {
    /// Puts `member` in the pool for `window` (or changes their mode, window and auto-accept
    /// if they are in it; an open proposal stays). `in_meeting` when they are in a meeting
    /// now, `member_paused` when their bookings are paused.
    pub async fn set_free(
        &self,
        community: CommunityId,
        member: MemberId,
        mode: MeetingMode,
        auto_accept: bool,
        window: TimeRange,
        now: DateTime<Utc>,
    ) -> StoreResult<FreeEntry> {
        let mut tx = self.write_tx().await?;
        let (paused, busy): (Option<i64>, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT m.paused_at, CASE WHEN {BUSY} THEN 1 ELSE 0 END FROM members m \
             WHERE m.id = $1 AND m.community_id = $4"
        )))
        .bind(member.0)
        .bind(now.timestamp())
        .bind(now.timestamp() + 1)
        .bind(community.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("member"))?;
        if paused.is_some() {
            return Err(closed(
                "member_paused",
                "your bookings are paused after missed meetings; an organizer can resume them",
            ));
        }
        if busy == 1 {
            return Err(closed("in_meeting", "you are in a meeting right now"));
        }
        // A stale entry (its window over, not yet swept) starts afresh.
        sqlx::query(
            "INSERT INTO free_now (community_id, member_id, mode, auto_accept, since, until) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (community_id, member_id) DO UPDATE SET mode = excluded.mode, \
             auto_accept = excluded.auto_accept, until = excluded.until, \
             since = CASE WHEN free_now.until <= $7 THEN excluded.since ELSE free_now.since END",
        )
        .bind(community.0)
        .bind(member.0)
        .bind(mode.as_str())
        .bind(i64::from(auto_accept))
        .bind(window.start().timestamp())
        .bind(window.end().timestamp())
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await
        .map_err(write_error)?;
        let entry = free_entry_in(&mut tx, community, member)
            .await?
            .ok_or(StoreError::NotFound("member"))?;
        tx.commit().await.map_err(write_error)?;
        Ok(entry)
    }

    /// `member`'s place in the pool, if they are in it.
    pub async fn free_entry(
        &self,
        community: CommunityId,
        member: MemberId,
    ) -> StoreResult<Option<FreeEntry>> {
        let mut conn = self.reader().acquire().await?;
        free_entry_in(&mut conn, community, member).await
    }

    /// Takes `member` out of the pool; an open proposal of theirs is declined (the other side
    /// is told and goes back to the pool). `false` when they were not in it.
    pub async fn leave_free(
        &self,
        community: CommunityId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.write_tx().await?;
        let Some(entry) = free_entry_in(&mut tx, community, member).await? else {
            return Ok(false);
        };
        if let Some(p) = entry.proposal {
            close_in(&mut tx, community, p, "declined", Some(member), now).await?;
        }
        sqlx::query("DELETE FROM free_now WHERE community_id = $1 AND member_id = $2")
            .bind(community.0)
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await.map_err(write_error)?;
        Ok(true)
    }

    /// A proposal of `community`.
    pub async fn now_proposal(
        &self,
        community: CommunityId,
        id: NowProposalId,
    ) -> StoreResult<NowProposal> {
        let row: Option<ProposalRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PROPOSAL_COLUMNS} WHERE p.id = $1 AND p.community_id = $2"
        )))
        .bind(id.0)
        .bind(community.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("proposal"))?.try_into()
    }

    /// `member`'s latest proposal made since `since` (open, or how it ended), if any.
    pub async fn latest_now_proposal(
        &self,
        community: CommunityId,
        member: MemberId,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<NowProposal>> {
        let row: Option<ProposalRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PROPOSAL_COLUMNS} WHERE p.community_id = $1 \
             AND (p.host_member_id = $2 OR p.guest_member_id = $2) AND p.created_at >= $3 \
             ORDER BY p.created_at DESC, p.id DESC LIMIT 1"
        )))
        .bind(community.0)
        .bind(member.0)
        .bind(since.timestamp())
        .fetch_optional(self.reader())
        .await?;
        row.map(NowProposal::try_from).transpose()
    }

    /// Ends expired proposals (both sides go back to the pool, and are told) and pool
    /// entries whose window is over. Answers the communities whose pool changed.
    pub async fn sweep_meet_now(&self, now: DateTime<Utc>) -> StoreResult<Vec<CommunityId>> {
        let expired: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, community_id FROM meet_now_proposals WHERE status = 'open' \
             AND expires_at <= $1 ORDER BY id",
        )
        .bind(now.timestamp())
        .fetch_all(self.reader())
        .await?;
        let gone: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT community_id FROM free_now WHERE until <= $1 AND proposal_id IS NULL",
        )
        .bind(now.timestamp())
        .fetch_all(self.reader())
        .await?;
        if expired.is_empty() && gone.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.write_tx().await?;
        for &(id, community) in &expired {
            close_in(
                &mut tx,
                CommunityId(community),
                NowProposalId(id),
                "expired",
                None,
                now,
            )
            .await?;
        }
        sqlx::query("DELETE FROM free_now WHERE until <= $1 AND proposal_id IS NULL")
            .bind(now.timestamp())
            .execute(&mut *tx)
            .await?;
        tx.commit().await.map_err(write_error)?;
        let mut out: Vec<CommunityId> = expired
            .iter()
            .map(|&(_, c)| CommunityId(c))
            .chain(gone.into_iter().map(|(c,)| CommunityId(c)))
            .collect();
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// How many members are in the pool of `community` at `now`.
    pub async fn free_now_count(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM free_now WHERE community_id = $1 AND until > $2")
                .bind(community.0)
                .bind(now.timestamp())
                .fetch_one(self.reader())
                .await?;
        Ok(n)
    }
}

async fn free_entry_in(
    conn: &mut sqlx::AnyConnection,
    community: CommunityId,
    member: MemberId,
) -> StoreResult<Option<FreeEntry>> {
    let row: Option<(String, i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT mode, auto_accept, since, until, proposal_id FROM free_now \
         WHERE community_id = $1 AND member_id = $2",
    )
    .bind(community.0)
    .bind(member.0)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(mode, auto, since, until, proposal)| {
        Ok(FreeEntry {
            member,
            mode: word(MeetingMode::parse, &mode)?,
            auto_accept: auto == 1,
            since: time(since)?,
            until: time(until)?,
            proposal: proposal.map(NowProposalId),
        })
    })
    .transpose()
}

/// Closes open proposal `id` with `status`: both sides' pool rows are unclaimed, and the
/// other side is told (`NowDeclined`, with `actor` as who declined; none when it expired).
pub(crate) async fn close_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    id: NowProposalId,
    status: &str,
    actor: Option<MemberId>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let changed = sqlx::query(
        "UPDATE meet_now_proposals SET status = $1, decided_at = $2, decided_by = $5 \
         WHERE id = $3 AND community_id = $4 AND status = 'open'",
    )
    .bind(status)
    .bind(now.timestamp())
    .bind(id.0)
    .bind(community.0)
    .bind(actor.map(|m| m.0))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(());
    }
    sqlx::query("UPDATE free_now SET proposal_id = NULL WHERE proposal_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    if status != "failed" {
        let job = [NewJob {
            kind: JobKind::NowDeclined,
            subject: id.0,
            actor: actor.map(|m| m.0),
            payload: "",
            run_at: now,
        }];
        enqueue_all(tx, community.0, &job, now).await?;
    }
    Ok(())
}
