//! Empty seats offered: a free seat in a group session starting soon is offered, live, to
//! members free then who match it. Each member is offered a given session once; the offer is
//! a message with the way to take the seat (taking it is the ordinary take-a-seat, under the
//! same checks), and taking it marks the offer taken, for the dashboard.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, MeetingId, MeetingMode, MemberId, TimeRange, TopicId};

use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::time;
use crate::{Store, StoreError, StoreResult};

/// A confirmed group session starting soon with a free seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSeats {
    pub meeting: MeetingId,
    pub community: CommunityId,
    pub topic: TopicId,
    pub host: MemberId,
    pub mode: MeetingMode,
    pub time: TimeRange,
    /// Seats free now.
    pub free: u32,
    /// Offers made and not taken (yet).
    pub pending: u32,
    /// What the session is about.
    pub tags: Vec<String>,
    /// Members seated (the host too) or offered a seat already.
    pub inside: Vec<MemberId>,
    /// Waitlisted members with no other meeting at its time, first in line first.
    pub waitlisted: Vec<MemberId>,
}

type SeatRow = (i64, i64, i64, i64, Option<String>, i64, i64, i64, i64);

impl Store {
    /// The communities with a group session starting within `within` of `now` that has a free
    /// seat.
    pub async fn communities_with_open_seats(
        &self,
        now: DateTime<Utc>,
        within: Duration,
    ) -> StoreResult<Vec<CommunityId>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT community_id FROM meetings WHERE status = 'confirmed' \
             AND capacity > 2 AND seats_taken < capacity AND starts_at > $1 AND starts_at <= $2 \
             ORDER BY community_id",
        )
        .bind(now.timestamp())
        .bind((now + within).timestamp())
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(|(c,)| CommunityId(c)).collect())
    }

    /// The group sessions of `community` starting within `within` of `now` with a free seat,
    /// soonest first.
    pub async fn open_seats(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        within: Duration,
    ) -> StoreResult<Vec<OpenSeats>> {
        let rows: Vec<SeatRow> = sqlx::query_as(
            "SELECT g.id, g.topic_id, t.host_member_id, g.starts_at, g.video_url, g.ends_at, \
             g.capacity - g.seats_taken, \
             (SELECT COUNT(*) FROM seat_offers o WHERE o.meeting_id = g.id AND o.taken_at IS NULL), \
             g.community_id \
             FROM meetings g JOIN topics t ON t.id = g.topic_id \
             WHERE g.community_id = $1 AND g.status = 'confirmed' AND g.capacity > 2 \
             AND g.seats_taken < g.capacity AND g.starts_at > $2 AND g.starts_at <= $3 \
             ORDER BY g.starts_at, g.id",
        )
        .bind(community.0)
        .bind(now.timestamp())
        .bind((now + within).timestamp())
        .fetch_all(self.reader())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut sessions = Vec::with_capacity(rows.len());
        let mut at: HashMap<i64, usize> = HashMap::new();
        for (id, topic, host, start, video, end, free, pending, community) in rows {
            let time = TimeRange::new(time(start)?, time(end)?)
                .map_err(|_| StoreError::Corrupt(format!("meeting {id}: its time")))?;
            at.insert(id, sessions.len());
            sessions.push(OpenSeats {
                meeting: MeetingId(id),
                community: CommunityId(community),
                topic: TopicId(topic),
                host: MemberId(host),
                mode: if video.is_some() {
                    MeetingMode::Virtual
                } else {
                    MeetingMode::InPerson
                },
                time,
                free: u32::try_from(free).unwrap_or(0),
                pending: u32::try_from(pending).unwrap_or(0),
                tags: Vec::new(),
                inside: Vec::new(),
                waitlisted: Vec::new(),
            });
        }
        // Integers only, so safe to write into the statements.
        let list = sessions
            .iter()
            .map(|s| s.meeting.0.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let tags: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT g.id, tt.tag FROM meetings g JOIN topic_tags tt ON tt.topic_id = g.topic_id \
             WHERE g.id IN ({list}) ORDER BY g.id, tt.tag"
        )))
        .fetch_all(self.reader())
        .await?;
        for (meeting, tag) in tags {
            sessions[at[&meeting]].tags.push(tag);
        }
        let inside: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT meeting_id, member_id FROM meeting_participants \
             WHERE meeting_id IN ({list}) AND status = 'confirmed' \
             UNION SELECT meeting_id, member_id FROM seat_offers WHERE meeting_id IN ({list}) \
             ORDER BY 1, 2"
        )))
        .fetch_all(self.reader())
        .await?;
        for (meeting, member) in inside {
            sessions[at[&meeting]].inside.push(MemberId(member));
        }
        let waiting: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT w.meeting_id, w.member_id FROM meeting_waitlist w \
             JOIN meetings g ON g.id = w.meeting_id \
             WHERE w.meeting_id IN ({list}) AND NOT EXISTS (SELECT 1 FROM meeting_participants p \
                 WHERE p.member_id = w.member_id AND p.meeting_id <> w.meeting_id \
                 AND p.status = 'confirmed' AND p.starts_at < g.ends_at AND g.starts_at < p.ends_at) \
             ORDER BY w.meeting_id, w.created_at, w.member_id"
        )))
        .fetch_all(self.reader())
        .await?;
        for (meeting, member) in waiting {
            sessions[at[&meeting]].waitlisted.push(MemberId(member));
        }
        Ok(sessions)
    }

    /// Offers a seat in `meeting` to each of `members` not offered it before, and tells each
    /// (one event per member), in one transaction; answers those offered now.
    pub async fn offer_seats(
        &self,
        meeting: MeetingId,
        members: &[MemberId],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<MemberId>> {
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.write_tx().await?;
        let community: Option<(i64,)> = sqlx::query_as(
            "SELECT community_id FROM meetings WHERE id = $1 AND status = 'confirmed'",
        )
        .bind(meeting.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((community,)) = community else {
            return Err(StoreError::NotFound("meeting"));
        };
        let mut offered = Vec::with_capacity(members.len());
        for member in members {
            // Only a member of the community; once per member and session.
            let done = sqlx::query(
                "INSERT INTO seat_offers (meeting_id, community_id, member_id, offered_at) \
                 SELECT $1, $2, m.id, $3 FROM members m WHERE m.id = $4 AND m.community_id = $2 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(meeting.0)
            .bind(community)
            .bind(now.timestamp())
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 1 {
                offered.push(*member);
            }
        }
        let jobs: Vec<NewJob<'_>> = offered
            .iter()
            .map(|m| NewJob {
                kind: JobKind::SeatOffered,
                subject: meeting.0,
                actor: Some(m.0),
                payload: "",
                run_at: now,
            })
            .collect();
        enqueue_all(&mut tx, community, &jobs, now).await?;
        tx.commit().await?;
        Ok(offered)
    }
}

/// Marks `member`'s offer of a seat in `meeting`, if any, taken (in the transaction that
/// seats them).
pub(crate) async fn mark_taken(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: i64,
    member: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE seat_offers SET taken_at = $1 WHERE meeting_id = $2 AND member_id = $3 \
         AND taken_at IS NULL",
    )
    .bind(now.timestamp())
    .bind(meeting)
    .bind(member)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
