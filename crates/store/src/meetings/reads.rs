//! Reading meetings: one by id, a member's or a user's, a community's upcoming ones and a
//! group topic's, each list with its participants read in one query.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, MeetingId, MeetingStatus, MemberId, ParticipantRole, SpotId, SpotKind, TimeRange,
    TopicId,
};

use super::{Meeting, MeetingSpot, Participant};
use crate::records::{time, word};
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// Meetings whose participants one query reads (well under both backends' bound-parameter
/// limits).
const PARTICIPANT_CHUNK: usize = 1000;

/// A meeting as [`MEETING_SELECT`] reads it, before its participants.
#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    community_id: i64,
    topic_id: i64,
    topic_title: String,
    starts_at: i64,
    ends_at: i64,
    spot_id: Option<i64>,
    spot_name: Option<String>,
    spot_kind: Option<String>,
    video_url: Option<String>,
    capacity: i64,
    seats_taken: i64,
    status: String,
    sequence: i64,
    cancel_reason: String,
    created_at: i64,
    updated_at: i64,
}

/// A meeting with its topic's title and its spot; each read adds its own conditions.
const MEETING_SELECT: &str = "SELECT g.id, g.community_id, g.topic_id, t.title AS topic_title, \
     g.starts_at, g.ends_at, g.spot_id, s.name AS spot_name, s.kind AS spot_kind, g.video_url, \
     g.capacity, g.seats_taken, g.status, g.sequence, g.cancel_reason, g.created_at, g.updated_at \
     FROM meetings g JOIN topics t ON t.id = g.topic_id LEFT JOIN spots s ON s.id = g.spot_id";

impl Store {
    /// A meeting by id, with its participants.
    pub async fn meeting(&self, id: MeetingId) -> StoreResult<Meeting> {
        let row: Option<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE g.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        let row = row.ok_or(StoreError::NotFound("meeting"))?;
        let mut list = self.with_participants(vec![row]).await?;
        list.pop().ok_or(StoreError::NotFound("meeting"))
    }

    /// The group meeting of a topic (more than two people), if it has one: the meeting of a
    /// group with a fixed time, or one its host made from requests. A one-on-one's meetings
    /// have no seats to take.
    pub async fn topic_meeting(&self, topic: TopicId) -> StoreResult<Option<Meeting>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM meetings WHERE topic_id = $1 AND capacity > 2 \
             ORDER BY CASE status WHEN 'confirmed' THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(topic.0)
        .fetch_optional(self.reader())
        .await?;
        match row {
            Some((id,)) => Ok(Some(self.meeting(MeetingId(id)).await?)),
            None => Ok(None),
        }
    }

    /// The meetings `member` takes part in (confirmed or cancelled), by start time.
    pub async fn meetings_of(
        &self,
        member: MemberId,
        community: Option<CommunityId>,
    ) -> StoreResult<Vec<Meeting>> {
        let rows: Vec<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE g.id IN (SELECT meeting_id FROM meeting_participants WHERE member_id = $1) \
             AND ($2 = 0 OR g.community_id = $2) ORDER BY g.starts_at, g.id LIMIT 500"
        )))
        .bind(member.0)
        .bind(community.map_or(0, |c| c.0))
        .fetch_all(self.reader())
        .await?;
        self.with_participants(rows).await
    }

    /// The meetings of all of a user's memberships (for `GET /me/meetings`).
    pub async fn meetings_of_user(
        &self,
        user: peerlearn_domain::UserId,
        community: Option<CommunityId>,
    ) -> StoreResult<Vec<Meeting>> {
        let rows: Vec<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE g.id IN (SELECT p.meeting_id FROM meeting_participants p \
             JOIN members m ON m.id = p.member_id WHERE m.user_id = $1) \
             AND ($2 = 0 OR g.community_id = $2) ORDER BY g.starts_at, g.id LIMIT 500"
        )))
        .bind(user.0)
        .bind(community.map_or(0, |c| c.0))
        .fetch_all(self.reader())
        .await?;
        self.with_participants(rows).await
    }

    /// A community's confirmed meetings that end after `after`, by start time.
    pub async fn upcoming_meetings(
        &self,
        community: CommunityId,
        after: DateTime<Utc>,
    ) -> StoreResult<Vec<Meeting>> {
        let rows: Vec<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE g.community_id = $1 AND g.status = 'confirmed' AND g.ends_at > $2 \
             ORDER BY g.starts_at, g.id"
        )))
        .bind(community.0)
        .bind(after.timestamp())
        .fetch_all(self.reader())
        .await?;
        self.with_participants(rows).await
    }

    /// Meetings with their participants, read in one query per thousand meetings.
    async fn with_participants(&self, rows: Vec<MeetingRow>) -> StoreResult<Vec<Meeting>> {
        let mut people: HashMap<i64, Vec<(i64, String, String, String)>> = HashMap::new();
        for chunk in rows.chunks(PARTICIPANT_CHUNK) {
            let mut q = Sql::new(
                "SELECT p.meeting_id, p.member_id, u.display_name, p.role, p.status \
                 FROM meeting_participants p \
                 JOIN members m ON m.id = p.member_id JOIN users u ON u.id = m.user_id \
                 WHERE p.meeting_id IN (",
            );
            let ids: Vec<String> = chunk.iter().map(|r| q.int(r.id)).collect();
            q.push(&ids.join(", "));
            q.push(
                ") ORDER BY p.meeting_id, CASE p.role WHEN 'host' THEN 0 ELSE 1 END, p.member_id",
            );
            let found: Vec<(i64, i64, String, String, String)> =
                q.query_as().fetch_all(self.reader()).await?;
            for (meeting, member, name, role, status) in found {
                people
                    .entry(meeting)
                    .or_default()
                    .push((member, name, role, status));
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let people = people.get(&r.id).cloned().unwrap_or_default();
            let spot = match (r.spot_id, r.spot_name, r.spot_kind) {
                (Some(id), Some(name), Some(kind)) => Some(MeetingSpot {
                    id: SpotId(id),
                    name,
                    kind: word(SpotKind::parse, &kind)?,
                }),
                _ => None,
            };
            out.push(Meeting {
                id: MeetingId(r.id),
                community_id: CommunityId(r.community_id),
                topic_id: TopicId(r.topic_id),
                time: TimeRange::from_unix(r.starts_at, r.ends_at)
                    .ok_or_else(|| StoreError::Corrupt(format!("meeting {} time", r.id)))?,
                spot,
                video_url: r.video_url,
                capacity: u32::try_from(r.capacity).unwrap_or(0),
                seats_taken: u32::try_from(r.seats_taken).unwrap_or(0),
                confirmed: word(MeetingStatus::parse, &r.status)? == MeetingStatus::Confirmed,
                sequence: r.sequence,
                cancel_reason: r.cancel_reason,
                participants: people
                    .into_iter()
                    .map(|(m, name, role, status)| {
                        Ok(Participant {
                            member: MemberId(m),
                            name,
                            host: word(ParticipantRole::parse, &role)? == ParticipantRole::Host,
                            confirmed: word(MeetingStatus::parse, &status)?
                                == MeetingStatus::Confirmed,
                        })
                    })
                    .collect::<StoreResult<_>>()?,
                created_at: time(r.created_at)?,
                updated_at: time(r.updated_at)?,
                topic_title: r.topic_title,
            });
        }
        Ok(out)
    }
}
