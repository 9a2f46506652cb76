//! One click for a popular host: the pending requests on one of their one-on-one offers that
//! proposed the same time become one group meeting, in one transaction.

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingMode, MemberId, ParticipantRole, RequestId, TopicId};

use crate::error::write_error;
use crate::meetings::booking::write_meeting;
use crate::meetings::locks::lock_people;
use crate::outbox::{JobKind, enqueue};
use crate::records::word;
use crate::{Meeting, Store, StoreError, StoreResult};

/// The most people a group made from requests holds (the host included).
pub const MAX_GROUP_FROM_REQUESTS: usize = 51;

impl Store {
    /// Turns the pending requests on `topic` (a one-on-one offer hosted by `host`) that
    /// proposed `start` into one group meeting with the host and every requester still free
    /// then. Those requests are accepted and their requesters notified; the others stay
    /// pending. `too_few_requests` unless at least two requesters can come.
    pub async fn group_requests(
        &self,
        topic: TopicId,
        host: MemberId,
        start: DateTime<Utc>,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Meeting, Vec<RequestId>)> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT community_id, host_member_id, kind, format, mode FROM topics WHERE id = $1",
        )
        .bind(topic.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (community, topic_host, kind, format, mode) =
            row.ok_or(StoreError::NotFound("topic"))?;
        if topic_host != host.0 || kind != "offer" || format != "one_on_one" {
            return Err(StoreError::NotFound("topic"));
        }
        let mode = word(MeetingMode::parse, &mode)?;
        let lock = self.backend().lock_rows(" FOR UPDATE OF r");
        let requests: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.requester_member_id, rt.ends_at FROM meeting_requests r \
             JOIN request_times rt ON rt.request_id = r.id \
             WHERE r.topic_id = $1 AND r.status = 'pending' AND rt.starts_at = $2 ORDER BY r.id{lock}"
        )))
        .bind(topic.0)
        .bind(start.timestamp())
        .fetch_all(&mut *tx)
        .await?;
        let Some(&(_, _, end)) = requests.first() else {
            return Err(too_few());
        };
        let mut people: Vec<i64> = vec![host.0];
        people.extend(requests.iter().map(|r| r.1));
        lock_people(&mut tx, self.backend(), &people).await?;
        let mut included = Vec::new();
        for &(request, requester, _) in &requests {
            let busy: Option<(i64,)> = sqlx::query_as(
                "SELECT meeting_id FROM meeting_participants WHERE member_id = $1 \
                 AND status = 'confirmed' AND starts_at < $2 AND $3 < ends_at LIMIT 1",
            )
            .bind(requester)
            .bind(end)
            .bind(start.timestamp())
            .fetch_optional(&mut *tx)
            .await?;
            if busy.is_none() && included.len() + 1 < MAX_GROUP_FROM_REQUESTS {
                included.push((request, requester));
            }
        }
        if included.len() < 2 {
            return Err(too_few());
        }
        let mut participants: Vec<(i64, ParticipantRole)> = vec![(host.0, ParticipantRole::Host)];
        participants.extend(
            included
                .iter()
                .map(|&(_, m)| (m, ParticipantRole::Participant)),
        );
        let meeting = write_meeting(
            &mut tx,
            community,
            topic.0,
            start.timestamp(),
            end,
            participants.len() as i64,
            mode,
            video_room,
            &participants,
            &[],
            now,
        )
        .await?
        .id;
        for &(request, _) in &included {
            sqlx::query(
                "UPDATE meeting_requests SET status = 'accepted', meeting_id = $1, decided_at = $2 WHERE id = $3",
            )
            .bind(meeting)
            .bind(now.timestamp())
            .bind(request)
            .execute(&mut *tx)
            .await?;
            enqueue(
                &mut tx,
                community,
                JobKind::RequestAccepted,
                request,
                Some(host.0),
                "",
                now,
                now,
            )
            .await?;
        }
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        let meeting = self.meeting(peerlearn_domain::MeetingId(meeting)).await?;
        Ok((
            meeting,
            included.into_iter().map(|(r, _)| RequestId(r)).collect(),
        ))
    }
}

fn too_few() -> StoreError {
    StoreError::conflict(
        "too_few_requests",
        "at least two pending requests that proposed this time, from people still free then, make a group",
    )
}
