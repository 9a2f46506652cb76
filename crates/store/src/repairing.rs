//! Re-pairing the stood-up: a one-on-one under way in which one side checked in and the other
//! has not, [`REPAIR_AFTER_MINUTES`] after the start, is offered to be replaced by a meeting
//! with a free member of the meet-now pool, at the same spot. The offer is a meet-now
//! proposal that names the meeting it replaces (at most one open per meeting, by a unique
//! index) and claims the free member's pool row as every proposal does. Accepting it cancels
//! the meeting (the absent partner is told and their no-show recorded) and books the new one,
//! in one transaction; a partner who checks in first makes the offer fail (`partner_arrived`).

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    CommunityId, LEAD_MINUTES, MEETING_MIN_MINUTES, MeetingId, MeetingMode, MemberId,
    NowProposalId, REPAIR_AFTER_MINUTES, SpotId,
};

use crate::effects::{NoShows, record_no_shows_in};
use crate::error::write_error;
use crate::meet_now::{NowProposal, closed};
use crate::meet_now_proposals::NewNowProposal;
use crate::meetings::cancel::cancel_in;
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::time;
use crate::{Backend, Store, StoreError, StoreResult};

/// A one-on-one under way whose partner has not come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoodUp {
    pub community: CommunityId,
    pub meeting: MeetingId,
    /// The one who checked in.
    pub waiting: MemberId,
    /// The one who has not.
    pub late: MemberId,
    /// At a spot (in person) or by video.
    pub mode: MeetingMode,
    pub spot: Option<SpotId>,
    pub ends: DateTime<Utc>,
}

/// The meetings that can be re-paired: confirmed one-on-ones started at least
/// [`REPAIR_AFTER_MINUTES`] ago (and at most a day), with time left for a meeting after the
/// lead time, exactly one side checked in, no re-pairing open or booked, none declined by the
/// waiting side, and someone unclaimed in their community's pool.
const STOOD_UP: &str = "SELECT g.id, g.community_id, g.spot_id, s.kind, g.ends_at, \
     w.member_id, l.member_id FROM meetings g \
     JOIN meeting_participants w ON w.meeting_id = g.id AND w.status = 'confirmed' \
     JOIN check_ins wc ON wc.meeting_id = g.id AND wc.member_id = w.member_id \
     JOIN meeting_participants l ON l.meeting_id = g.id AND l.status = 'confirmed' \
         AND l.member_id <> w.member_id \
     LEFT JOIN spots s ON s.id = g.spot_id \
     WHERE g.status = 'confirmed' AND g.capacity = 2 AND g.starts_at <= $1 AND g.starts_at > $2 \
     AND g.ends_at >= $3 \
     AND NOT EXISTS (SELECT 1 FROM check_ins lc WHERE lc.meeting_id = g.id AND lc.member_id = l.member_id) \
     AND NOT EXISTS (SELECT 1 FROM meet_now_proposals r WHERE r.replaces_meeting_id = g.id \
         AND (r.status IN ('open', 'booked') OR (r.status = 'declined' AND r.decided_by = w.member_id))) \
     AND EXISTS (SELECT 1 FROM free_now f WHERE f.community_id = g.community_id \
         AND f.proposal_id IS NULL AND f.until > $4)";

/// Meeting, community, spot, spot kind, end, waiting member, late member.
type StoodUpRow = (i64, i64, Option<i64>, Option<String>, i64, i64, i64);

impl Store {
    /// The one-on-ones that can be re-paired at `now` (in `community`, or everywhere).
    pub async fn stood_up(
        &self,
        community: Option<CommunityId>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<StoodUp>> {
        let filter = if community.is_some() {
            " AND g.community_id = $5 ORDER BY g.id"
        } else {
            " ORDER BY g.id"
        };
        let sql = format!("{STOOD_UP}{filter}");
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind((now - Duration::minutes(REPAIR_AFTER_MINUTES)).timestamp())
            .bind((now - Duration::days(1)).timestamp())
            .bind((now + Duration::minutes(LEAD_MINUTES + MEETING_MIN_MINUTES)).timestamp())
            .bind(now.timestamp());
        if let Some(c) = community {
            query = query.bind(c.0);
        }
        let rows: Vec<StoodUpRow> = query.fetch_all(self.reader()).await?;
        rows.into_iter()
            .map(|(meeting, community, spot, kind, ends, waiting, late)| {
                let by_video = spot.is_none() || kind.as_deref() == Some("virtual");
                Ok(StoodUp {
                    community: CommunityId(community),
                    meeting: MeetingId(meeting),
                    waiting: MemberId(waiting),
                    late: MemberId(late),
                    mode: if by_video {
                        MeetingMode::Virtual
                    } else {
                        MeetingMode::InPerson
                    },
                    spot: spot.map(SpotId),
                    ends: time(ends)?,
                })
            })
            .collect()
    }

    /// Offers `stood.waiting` the meeting `offer` with a free member instead of `stood`'s
    /// meeting. Written only if the free member is still unclaimed and free until it ends, the
    /// partner has still not checked in, and no other offer is open for the meeting; `None`
    /// (and nothing written) otherwise.
    pub async fn propose_repair(
        &self,
        stood: &StoodUp,
        offer: &NewNowProposal,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<NowProposalId>> {
        let free = if offer.host == stood.waiting {
            offer.guest
        } else {
            offer.host
        };
        if free == stood.waiting || !(offer.host == stood.waiting || offer.guest == stood.waiting) {
            return Ok(None);
        }
        let mut tx = self.write_tx().await?;
        if !still_stood_up(&mut tx, self.backend(), stood).await? {
            return Ok(None);
        }
        let lock = self.backend().lock_rows(" FOR UPDATE");
        let until: Option<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT until FROM free_now WHERE community_id = $1 AND member_id = $2 \
             AND proposal_id IS NULL{lock}"
        )))
        .bind(stood.community.0)
        .bind(free.0)
        .fetch_optional(&mut *tx)
        .await?;
        if until.is_none_or(|(u,)| u < offer.time.end().timestamp()) {
            return Ok(None);
        }
        let open: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM meet_now_proposals WHERE replaces_meeting_id = $1 AND status = 'open'",
        )
        .bind(stood.meeting.0)
        .fetch_optional(&mut *tx)
        .await?;
        if open.is_some() {
            return Ok(None);
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO meet_now_proposals (community_id, host_member_id, guest_member_id, \
             topic_id, mode, starts_at, ends_at, expires_at, created_at, replaces_meeting_id, \
             spot_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(stood.community.0)
        .bind(offer.host.0)
        .bind(offer.guest.0)
        .bind(offer.topic.0)
        .bind(stood.mode.as_str())
        .bind(offer.time.start().timestamp())
        .bind(offer.time.end().timestamp())
        .bind(offer.expires_at.timestamp())
        .bind(now.timestamp())
        .bind(stood.meeting.0)
        .bind(stood.spot.map(|s| s.0))
        .fetch_one(&mut *tx)
        .await
        .map_err(write_error)?;
        sqlx::query(
            "UPDATE free_now SET proposal_id = $1 WHERE community_id = $2 AND member_id = $3 \
             AND proposal_id IS NULL",
        )
        .bind(id)
        .bind(stood.community.0)
        .bind(free.0)
        .execute(&mut *tx)
        .await?;
        let job = [NewJob {
            kind: JobKind::NowProposed,
            subject: id,
            actor: None,
            payload: "",
            run_at: now,
        }];
        enqueue_all(&mut tx, stood.community.0, &job, now).await?;
        tx.commit().await.map_err(write_error)?;
        Ok(Some(NowProposalId(id)))
    }
}

/// Whether `stood`'s meeting is still confirmed with its waiting side checked in and the
/// other not (the meeting's row locked on PostgreSQL, as a check-in locks it).
async fn still_stood_up(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    stood: &StoodUp,
) -> StoreResult<bool> {
    let lock = backend.lock_rows(" FOR UPDATE");
    let status: Option<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT status FROM meetings WHERE id = $1 AND community_id = $2{lock}"
    )))
    .bind(stood.meeting.0)
    .bind(stood.community.0)
    .fetch_optional(&mut **tx)
    .await?;
    if status.is_none_or(|(s,)| s != "confirmed") {
        return Ok(false);
    }
    let here: Vec<(i64,)> =
        sqlx::query_as("SELECT member_id FROM check_ins WHERE meeting_id = $1 ORDER BY member_id")
            .bind(stood.meeting.0)
            .fetch_all(&mut **tx)
            .await?;
    Ok(here == [(stood.waiting.0,)])
}

/// Inside the transaction that books re-pairing `p`: cancels the meeting it replaces (the
/// absent partner is told, and their no-show recorded), so its spot and its waiting member
/// are free for the new meeting. `partner_arrived` when the partner checked in meanwhile,
/// `meeting_cancelled` when the meeting is no longer on.
pub(crate) async fn give_way_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    p: &NowProposal,
    replaces: MeetingId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let people: Vec<(i64,)> = sqlx::query_as(
        "SELECT member_id FROM meeting_participants WHERE meeting_id = $1 AND status = 'confirmed' \
         ORDER BY member_id",
    )
    .bind(replaces.0)
    .fetch_all(&mut **tx)
    .await?;
    let waiting = [p.host, p.guest]
        .into_iter()
        .find(|m| people.contains(&(m.0,)))
        .ok_or_else(|| {
            closed(
                "meeting_cancelled",
                "the meeting this replaces was cancelled",
            )
        })?;
    let late = people
        .iter()
        .map(|&(m,)| MemberId(m))
        .find(|&m| m != waiting)
        .ok_or_else(|| {
            closed(
                "meeting_cancelled",
                "the meeting this replaces was cancelled",
            )
        })?;
    let stood = StoodUp {
        community: p.community,
        meeting: replaces,
        waiting,
        late,
        mode: p.mode,
        spot: p.spot.as_ref().map(|(id, _)| *id),
        ends: p.time.end(),
    };
    if !still_stood_up(tx, backend, &stood).await? {
        let arrived: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM check_ins WHERE meeting_id = $1 AND member_id = $2")
                .bind(replaces.0)
                .bind(late.0)
                .fetch_optional(&mut **tx)
                .await?;
        return Err(if arrived.is_some() {
            closed(
                "partner_arrived",
                "your partner has arrived: your meeting goes on as planned",
            )
        } else {
            closed(
                "meeting_cancelled",
                "the meeting this replaces was cancelled",
            )
        });
    }
    if !cancel_in(tx, replaces.0, waiting.0, "", now).await? {
        return Err(StoreError::Corrupt(format!(
            "re-pairing: meeting {} locked as confirmed but not cancelled",
            replaces.0
        )));
    }
    let absent = NoShows {
        meeting: replaces,
        missing: vec![late],
        pausing: Vec::new(),
    };
    record_no_shows_in(tx, &absent, now).await
}
