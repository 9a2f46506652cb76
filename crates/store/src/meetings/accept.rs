//! Accepting requests: one at a time at a proposed time, or many at once at the times and
//! spots a schedule gives them, each written with its meeting in one transaction.

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, MeetingId, MeetingMode, MemberId, ParticipantRole, RequestId, SpotId, TimeRange,
    TopicId, TopicKind,
};

use super::booking::{write_meeting, write_meeting_at};
use super::locks::lock_people;
use super::{Meeting, Participant};
use crate::error::write_error;
use crate::outbox::{JobKind, NewJob};
use crate::records::{time, word};
use crate::{Store, StoreError, StoreResult};

/// What accepting a request reads about it, in one query.
#[derive(sqlx::FromRow)]
struct AcceptRow {
    status: String,
    community_id: i64,
    topic_id: i64,
    requester_member_id: i64,
    decider_member_id: i64,
    awaiting_requester: i64,
    kind: String,
    mode: String,
    duration_minutes: i64,
    title: String,
    /// The end of the proposed time that starts at the chosen start, if one does.
    proposed_end: Option<i64>,
    requester_name: String,
    decider_name: String,
}

/// How an accept picks its time and place.
#[derive(Debug, Clone, Copy)]
enum Placing {
    /// One of the request's proposed times; the smallest free spot that fits.
    Proposed,
    /// A time a schedule chose, in the spot it chose (or the smallest free one).
    Scheduled(Option<i64>),
}

impl Store {
    /// Accepts a pending request at one of its proposed times: writes the meeting, both
    /// participants and the smallest free spot that fits (in person), or a video room, in one
    /// transaction. `already_decided`, `not_proposed`, `person_busy` or `no_spot_free` and
    /// nothing written otherwise. `video_room` is the link used if the meeting is by video.
    pub async fn accept_request(
        &self,
        id: RequestId,
        start: DateTime<Utc>,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        // Under PostgreSQL two accepts may pick the same spot at once; the exclusion constraint
        // refuses the second, which then tries again with the spots still free.
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_accept(id, start, video_room, now).await {
                Err(StoreError::Conflict {
                    code: "no_spot_free",
                    ..
                }) if attempt < 3 && !self.backend().serializes_writes() => {}
                other => return other,
            }
        }
    }

    async fn try_accept(
        &self,
        id: RequestId,
        start: DateTime<Utc>,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.write_tx().await?;
        let meeting = self
            .accept_in(&mut tx, id, start, Placing::Proposed, video_room, now)
            .await?;
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        Ok(meeting)
    }

    /// Accepts many requests at the times (and spots) a schedule gives them, all in one
    /// transaction: every one is confirmed, or none is (the first refusal is returned). The
    /// invariants hold as for single accepts; a time need not be one the request proposed.
    /// `video_room` makes each video meeting's link unique by appending the request id. A
    /// request of another community than `community` is `NotFound("request")`.
    pub async fn accept_scheduled(
        &self,
        community: CommunityId,
        items: &[(RequestId, DateTime<Utc>, Option<SpotId>)],
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<MeetingId>> {
        let mut sorted = items.to_vec();
        sorted.sort_by_key(|(r, start, _)| (*start, *r));
        let mut tx = self.write_tx().await?;
        let mut out = Vec::with_capacity(sorted.len());
        for (id, start, spot) in sorted {
            let theirs: Option<(i64,)> = sqlx::query_as(
                "SELECT 1 FROM meeting_requests WHERE id = $1 AND community_id = $2",
            )
            .bind(id.0)
            .bind(community.0)
            .fetch_optional(&mut *tx)
            .await?;
            if theirs.is_none() {
                return Err(StoreError::NotFound("request"));
            }
            let room = format!("{video_room}-{}", id.0);
            let meeting = self
                .accept_in(
                    &mut tx,
                    id,
                    start,
                    Placing::Scheduled(spot.map(|s| s.0)),
                    &room,
                    now,
                )
                .await?;
            out.push(meeting.id);
        }
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        Ok(out)
    }

    /// Accepts request `id` at `start` inside `tx`: one read of the request, its topic, its
    /// proposed time and both names; the busy check; the meeting with its spot, participants
    /// and events. Answers the meeting as written, so nothing is read again after the commit.
    async fn accept_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: RequestId,
        start: DateTime<Utc>,
        placing: Placing,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let lock = self.backend().lock_rows(" FOR UPDATE OF r");
        let row: Option<AcceptRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.status, r.community_id, r.topic_id, r.requester_member_id, \
             r.decider_member_id, r.awaiting_requester, t.kind, t.mode, t.duration_minutes, \
             t.title, rt.ends_at AS proposed_end, ru.display_name AS requester_name, \
             du.display_name AS decider_name \
             FROM meeting_requests r JOIN topics t ON t.id = r.topic_id \
             JOIN members rm ON rm.id = r.requester_member_id JOIN users ru ON ru.id = rm.user_id \
             JOIN members dm ON dm.id = r.decider_member_id JOIN users du ON du.id = dm.user_id \
             LEFT JOIN request_times rt ON rt.request_id = r.id AND rt.starts_at = $2 \
             WHERE r.id = $1{lock}"
        )))
        .bind(id.0)
        .bind(start.timestamp())
        .fetch_optional(&mut **tx)
        .await?;
        let r = row.ok_or(StoreError::NotFound("request"))?;
        // Who accepts: the side the request waits for (the other side is told).
        let accepting = if r.awaiting_requester == 1 {
            r.requester_member_id
        } else {
            r.decider_member_id
        };
        if r.status != "pending" {
            return Err(crate::requests::already_decided());
        }
        let end = match placing {
            Placing::Proposed => r.proposed_end.ok_or_else(|| {
                StoreError::conflict(
                    "not_proposed",
                    "accept one of the times the request proposed",
                )
            })?,
            Placing::Scheduled(_) => start.timestamp() + 60 * r.duration_minutes,
        };
        let kind = word(TopicKind::parse, &r.kind)?;
        let mode = word(MeetingMode::parse, &r.mode)?;
        let requester = (r.requester_member_id, r.requester_name);
        let decider = (r.decider_member_id, r.decider_name);
        let (host, learner) = match kind {
            TopicKind::Offer => (decider, requester),
            TopicKind::Ask => (requester, decider),
        };
        lock_people(tx, self.backend(), &[host.0, learner.0]).await?;
        let participants = [
            (host.0, ParticipantRole::Host),
            (learner.0, ParticipantRole::Participant),
        ];
        let accepted = [NewJob {
            kind: JobKind::RequestAccepted,
            subject: id.0,
            actor: Some(accepting),
            payload: "",
            run_at: now,
        }];
        let written = match placing {
            Placing::Scheduled(Some(spot)) => {
                write_meeting_at(
                    tx,
                    r.community_id,
                    r.topic_id,
                    start.timestamp(),
                    end,
                    spot,
                    mode,
                    video_room,
                    &participants,
                    &accepted,
                    now,
                )
                .await
            }
            _ => {
                write_meeting(
                    tx,
                    r.community_id,
                    r.topic_id,
                    start.timestamp(),
                    end,
                    2,
                    mode,
                    video_room,
                    &participants,
                    &accepted,
                    now,
                )
                .await
            }
        }
        // The schema refuses a person in two meetings at once (trigger or exclusion
        // constraint); no need to look first.
        .map_err(|e| match e {
            StoreError::Conflict {
                code: "person_busy",
                ..
            } => StoreError::conflict(
                "person_busy",
                "one of you already has a meeting at that time",
            ),
            other => other,
        })?;
        sqlx::query(
            "UPDATE meeting_requests SET status = 'accepted', meeting_id = $1, decided_at = $2 WHERE id = $3",
        )
        .bind(written.id)
        .bind(now.timestamp())
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
        // As the database keeps it: whole seconds.
        let written_at = time(now.timestamp())?;
        let person = |(member, name): (i64, String), host: bool| Participant {
            member: MemberId(member),
            name,
            host,
            confirmed: true,
        };
        Ok(Meeting {
            id: MeetingId(written.id),
            community_id: CommunityId(r.community_id),
            topic_id: TopicId(r.topic_id),
            topic_title: r.title,
            time: TimeRange::from_unix(start.timestamp(), end)
                .ok_or_else(|| StoreError::Corrupt(format!("request {} time", id.0)))?,
            spot: written.spot,
            video_url: written.video_url,
            capacity: 2,
            seats_taken: 2,
            confirmed: true,
            sequence: 0,
            cancel_reason: String::new(),
            participants: vec![person(host, true), person(learner, false)],
            created_at: written_at,
            updated_at: written_at,
        })
    }
}
