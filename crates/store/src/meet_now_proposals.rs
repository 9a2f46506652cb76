//! Meet-now proposals: writing a pairing's proposals (claiming both members of each at most
//! once), answering one (booking the meeting when both accepted) and ending one that could not
//! be booked. The pool and the proposals' types are in [`crate::meet_now`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, MeetingId, MeetingMode, MemberId, NowProposalId, ParticipantRole, TimeRange,
    TopicId,
};

use crate::error::write_error;
use crate::meet_now::{NowProposal, NowStatus, PROPOSAL_COLUMNS, ProposalRow, close_in, closed};
use crate::meetings::booking::{write_meeting, write_meeting_at};
use crate::meetings::locks::lock_people;
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::repairing::give_way_in;
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// A pair to propose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewNowProposal {
    pub host: MemberId,
    pub guest: MemberId,
    pub topic: TopicId,
    pub mode: MeetingMode,
    pub time: TimeRange,
    pub expires_at: DateTime<Utc>,
}

/// What answering a proposal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NowAnswer {
    /// Accepted; the other has not yet.
    Waiting,
    /// Both accepted: the meeting is booked.
    Booked(MeetingId),
    Declined,
}

impl Store {
    /// Writes the proposals of `pairs` that can still be made: both members are in the pool,
    /// unclaimed and free until the meeting ends. Answers the proposals written, with their
    /// hosts. A handful of statements whatever the number of pairs: the pool rows are locked
    /// and read, the proposals inserted, and both sides claimed, in one transaction.
    pub async fn propose_now(
        &self,
        community: CommunityId,
        pairs: &[NewNowProposal],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(NowProposalId, MemberId)>> {
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.write_tx().await?;
        // Who is still unclaimed, and until when (locked on PostgreSQL until the commit, so a
        // racing pairing waits and then sees them claimed).
        let mut read = Sql::new("SELECT member_id, until FROM free_now WHERE community_id = ");
        let c = read.int(community.0);
        read.push(&c);
        read.push(" AND proposal_id IS NULL AND member_id IN (");
        let people: Vec<String> = pairs
            .iter()
            .flat_map(|p| [p.host.0, p.guest.0])
            .map(|m| read.int(m))
            .collect();
        read.push(&people.join(", "));
        read.push(")");
        read.push(self.backend().lock_rows(" FOR UPDATE"));
        let free: HashMap<i64, i64> = read
            .query_as::<(i64, i64)>()
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
        let mut taken: HashSet<i64> = HashSet::new();
        let fits = |m: MemberId, end: i64| free.get(&m.0).is_some_and(|&until| until >= end);
        let kept: Vec<&NewNowProposal> = pairs
            .iter()
            .filter(|p| {
                let end = p.time.end().timestamp();
                let ok = p.host != p.guest
                    && fits(p.host, end)
                    && fits(p.guest, end)
                    && !taken.contains(&p.host.0)
                    && !taken.contains(&p.guest.0);
                if ok {
                    taken.extend([p.host.0, p.guest.0]);
                }
                ok
            })
            .collect();
        if kept.is_empty() {
            return Ok(Vec::new());
        }
        let mut insert = Sql::new(
            "INSERT INTO meet_now_proposals (community_id, host_member_id, guest_member_id, \
             topic_id, mode, starts_at, ends_at, expires_at, created_at) VALUES ",
        );
        let [c, n] = [community.0, now.timestamp()].map(|v| insert.int(v));
        for p in &kept {
            let row = [
                c.clone(),
                insert.int(p.host.0),
                insert.int(p.guest.0),
                insert.int(p.topic.0),
                insert.text(p.mode.as_str()),
                insert.int(p.time.start().timestamp()),
                insert.int(p.time.end().timestamp()),
                insert.int(p.expires_at.timestamp()),
                n.clone(),
            ];
            insert.values(&row);
        }
        insert.push(" RETURNING id, host_member_id, guest_member_id");
        let made: Vec<(i64, i64, i64)> = insert
            .query_as()
            .fetch_all(&mut *tx)
            .await
            .map_err(write_error)?;
        // Both sides of each proposal are claimed in one statement.
        let mut claim = Sql::new("UPDATE free_now SET proposal_id = CASE member_id");
        let mut members = Vec::with_capacity(made.len() * 2);
        for &(id, host, guest) in &made {
            for m in [host, guest] {
                let (m, id) = (claim.int(m), claim.int(id));
                claim.push(&format!(" WHEN {m} THEN {id}"));
                members.push(m);
            }
        }
        claim.push(" END WHERE community_id = ");
        let c = claim.int(community.0);
        claim.push(&c);
        claim.push(" AND proposal_id IS NULL AND member_id IN (");
        claim.push(&members.join(", "));
        claim.push(")");
        let claimed = claim.query().execute(&mut *tx).await?.rows_affected();
        if claimed != 2 * made.len() as u64 {
            return Err(StoreError::Corrupt(format!(
                "meet now: {claimed} pool rows claimed for {} proposals",
                made.len()
            )));
        }
        let jobs: Vec<NewJob<'_>> = made
            .iter()
            .map(|&(id, ..)| NewJob {
                kind: JobKind::NowProposed,
                subject: id,
                actor: None,
                payload: "",
                run_at: now,
            })
            .collect();
        enqueue_all(&mut tx, community.0, &jobs, now).await?;
        tx.commit().await.map_err(write_error)?;
        Ok(made
            .into_iter()
            .map(|(id, host, _)| (NowProposalId(id), MemberId(host)))
            .collect())
    }

    /// `member` accepts or declines proposal `id`. Accepting when the other side accepted (or
    /// auto-accepts) books the meeting, at a free spot for the proposal's mode (a re-pairing:
    /// at its spot, after cancelling the meeting it replaces), in the same transaction.
    /// `proposal_closed`, `proposal_expired` or `already_accepted`, and nothing changed, when
    /// it cannot be answered; a booking refused by the schema (`person_busy`, `no_spot_free`)
    /// or a re-pairing whose partner arrived (`partner_arrived`) leaves the proposal open for
    /// [`Store::fail_now_proposal`].
    pub async fn answer_now_proposal(
        &self,
        community: CommunityId,
        id: NowProposalId,
        member: MemberId,
        accept: bool,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<NowAnswer> {
        let mut tx = self.write_tx().await?;
        let lock = self.backend().lock_rows(" FOR UPDATE OF p");
        let row: Option<ProposalRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {PROPOSAL_COLUMNS} WHERE p.id = $1 AND p.community_id = $2{lock}"
        )))
        .bind(id.0)
        .bind(community.0)
        .fetch_optional(&mut *tx)
        .await?;
        let p: NowProposal = row.ok_or(StoreError::NotFound("proposal"))?.try_into()?;
        if !p.involves(member) {
            return Err(StoreError::NotFound("proposal"));
        }
        if p.status != NowStatus::Open {
            return Err(closed(
                "proposal_closed",
                "this proposal was already answered or has ended",
            ));
        }
        if p.expires_at <= now {
            return Err(closed(
                "proposal_expired",
                "this proposal has expired; you are back among the free members",
            ));
        }
        if !accept {
            close_in(&mut tx, community, id, "declined", Some(member), now).await?;
            tx.commit().await.map_err(write_error)?;
            return Ok(NowAnswer::Declined);
        }
        if p.accepted_by(member) {
            return Err(closed(
                "already_accepted",
                "you already accepted this proposal",
            ));
        }
        let column = if member == p.host {
            "host_accepted"
        } else {
            "guest_accepted"
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE meet_now_proposals SET {column} = 1 WHERE id = $1"
        )))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        let (other, _) = p.other(member);
        let other_auto: Option<(i64,)> = sqlx::query_as(
            "SELECT auto_accept FROM free_now WHERE community_id = $1 AND member_id = $2",
        )
        .bind(community.0)
        .bind(other.0)
        .fetch_optional(&mut *tx)
        .await?;
        let other_accepted = p.accepted_by(other) || other_auto.is_some_and(|(a,)| a == 1);
        if !other_accepted {
            let job = [NewJob {
                kind: JobKind::NowAccepted,
                subject: id.0,
                actor: Some(member.0),
                payload: "",
                run_at: now,
            }];
            enqueue_all(&mut tx, community.0, &job, now).await?;
            tx.commit().await.map_err(write_error)?;
            return Ok(NowAnswer::Waiting);
        }
        lock_people(&mut tx, self.backend(), &[p.host.0, p.guest.0]).await?;
        if let Some(replaces) = p.replaces {
            give_way_in(&mut tx, self.backend(), &p, replaces, now).await?;
        }
        let (start, end) = (p.time.start().timestamp(), p.time.end().timestamp());
        let people = [
            (p.host.0, ParticipantRole::Host),
            (p.guest.0, ParticipantRole::Participant),
        ];
        let written = match &p.spot {
            // A re-pairing meets at the spot of the meeting it replaces.
            Some((spot, _)) => {
                write_meeting_at(
                    &mut tx,
                    community.0,
                    p.topic.0,
                    start,
                    end,
                    spot.0,
                    p.mode,
                    video_room,
                    &people,
                    &[],
                    now,
                )
                .await
            }
            None => {
                write_meeting(
                    &mut tx,
                    community.0,
                    p.topic.0,
                    start,
                    end,
                    2,
                    p.mode,
                    video_room,
                    &people,
                    &[],
                    now,
                )
                .await
            }
        }
        .map_err(|e| match e {
            StoreError::Conflict {
                code: "person_busy",
                ..
            } => closed(
                "person_busy",
                "one of you now has another meeting at that time",
            ),
            other => other,
        })?;
        enqueue_all(
            &mut tx,
            community.0,
            &[NewJob {
                kind: JobKind::NowBooked,
                subject: written.id,
                actor: Some(member.0),
                payload: "",
                run_at: now,
            }],
            now,
        )
        .await?;
        sqlx::query(
            "UPDATE meet_now_proposals SET status = 'booked', meeting_id = $1, decided_at = $2 \
             WHERE id = $3",
        )
        .bind(written.id)
        .bind(now.timestamp())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM free_now WHERE community_id = $1 AND member_id IN ($2, $3)")
            .bind(community.0)
            .bind(p.host.0)
            .bind(p.guest.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        Ok(NowAnswer::Booked(MeetingId(written.id)))
    }

    /// Ends an open proposal that could not be booked: both sides go back to the pool.
    pub async fn fail_now_proposal(
        &self,
        community: CommunityId,
        id: NowProposalId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        close_in(&mut tx, community, id, "failed", None, now).await?;
        tx.commit().await.map_err(write_error)?;
        Ok(())
    }
}
