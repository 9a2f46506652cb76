//! Meetings: accepting a request (the meeting, its participants and its spot, written in one
//! transaction), reading, listing and cancelling. The schema refuses double-booking; this
//! code maps the database's refusals to clear codes, and looks first only where that gives a
//! clearer answer than the refusal would.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, MeetingId, MeetingMode, MemberId, RequestId, SpotId, SpotKind, TimeRange, TopicId,
    TopicKind,
};

use crate::db::Backend;
use crate::error::write_error;
use crate::outbox::{JobKind, NewJob, enqueue, enqueue_all};
use crate::records::{time, word};
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// Meetings whose participants one query reads (well under both backends' bound-parameter
/// limits).
const PARTICIPANT_CHUNK: usize = 1000;

#[derive(Debug, Clone)]
pub struct Participant {
    pub member: MemberId,
    pub name: String,
    pub host: bool,
    pub confirmed: bool,
}

#[derive(Debug, Clone)]
pub struct MeetingSpot {
    pub id: SpotId,
    pub name: String,
    pub kind: SpotKind,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: MeetingId,
    pub community_id: CommunityId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub time: TimeRange,
    pub spot: Option<MeetingSpot>,
    pub video_url: Option<String>,
    pub capacity: u32,
    pub seats_taken: u32,
    pub confirmed: bool,
    pub sequence: i64,
    pub cancel_reason: String,
    pub participants: Vec<Participant>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    pub fn is_participant(&self, member: MemberId) -> bool {
        self.participants.iter().any(|p| p.member == member)
    }
}

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

const MEETING_SELECT: &str = "SELECT g.id, g.community_id, g.topic_id, t.title AS topic_title, \
     g.starts_at, g.ends_at, g.spot_id, s.name AS spot_name, s.kind AS spot_kind, g.video_url, \
     g.capacity, g.seats_taken, g.status, g.sequence, g.cancel_reason, g.created_at, g.updated_at \
     FROM meetings g JOIN topics t ON t.id = g.topic_id LEFT JOIN spots s ON s.id = g.spot_id";

/// How an accept picks its time and place.
#[derive(Debug, Clone, Copy)]
enum Placing {
    /// One of the request's proposed times; the smallest free spot that fits.
    Proposed,
    /// A time a schedule chose, in the spot it chose (or the smallest free one).
    Scheduled(Option<i64>),
}

/// Writes a confirmed two-person meeting in a given spot (checked to belong to the community,
/// to hold two and to suit the mode; the schema refuses a double booking).
#[allow(clippy::too_many_arguments)]
async fn write_meeting_at(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    topic: i64,
    start: i64,
    end: i64,
    spot: i64,
    mode: MeetingMode,
    video_room: &str,
    participants: &[(i64, &str)],
    also: &[NewJob<'_>],
    now: DateTime<Utc>,
) -> StoreResult<Written> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT kind, capacity, name FROM spots WHERE id = $1 AND community_id = $2",
    )
    .bind(spot)
    .bind(community)
    .fetch_optional(&mut **tx)
    .await?;
    let (kind, capacity, name) = row.ok_or(StoreError::NotFound("spot"))?;
    let is_virtual = kind == "virtual";
    let suits = match mode {
        MeetingMode::InPerson => !is_virtual,
        MeetingMode::Virtual => is_virtual,
        MeetingMode::Either => true,
    };
    if !suits || capacity < participants.len() as i64 {
        return Err(StoreError::conflict(
            "no_spot_free",
            "the chosen spot does not suit this meeting",
        ));
    }
    let video = is_virtual.then_some(video_room);
    let size = participants.len() as i64;
    let spot = MeetingSpot {
        id: SpotId(spot),
        name,
        kind: word(SpotKind::parse, &kind)?,
    };
    insert_meeting(
        tx,
        community,
        topic,
        (start, end),
        Some(spot),
        video,
        size,
        participants,
        also,
        now,
    )
    .await
}

/// Where a meeting happens, chosen inside the transaction that writes it.
pub(crate) struct Placement {
    pub spot: Option<MeetingSpot>,
    pub video: bool,
}

/// A meeting just written: its id and where it happens.
pub(crate) struct Written {
    pub id: i64,
    pub spot: Option<MeetingSpot>,
    pub video_url: Option<String>,
}

/// Writes a confirmed meeting for `people` with its first participants and a spot chosen by
/// [`place`], inside the caller's transaction, with the events in `also` recorded alongside
/// its own.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_meeting(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    topic: i64,
    start: i64,
    end: i64,
    people: i64,
    mode: MeetingMode,
    video_room: &str,
    participants: &[(i64, &str)],
    also: &[NewJob<'_>],
    now: DateTime<Utc>,
) -> StoreResult<Written> {
    let placement = place(tx, community, start, end, people, mode).await?;
    let video = placement.video.then_some(video_room);
    insert_meeting(
        tx,
        community,
        topic,
        (start, end),
        placement.spot,
        video,
        people,
        participants,
        also,
        now,
    )
    .await
}

/// Inserts the meeting, its participants, its reminder and follow-up events, and the events
/// in `also`.
#[allow(clippy::too_many_arguments)]
async fn insert_meeting(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    topic: i64,
    (start, end): (i64, i64),
    spot: Option<MeetingSpot>,
    video_url: Option<&str>,
    capacity: i64,
    participants: &[(i64, &str)],
    also: &[NewJob<'_>],
    now: DateTime<Utc>,
) -> StoreResult<Written> {
    let (meeting,): (i64,) = sqlx::query_as(
        "INSERT INTO meetings (community_id, topic_id, starts_at, ends_at, spot_id, video_url, \
         capacity, seats_taken, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(community)
    .bind(topic)
    .bind(start)
    .bind(end)
    .bind(spot.as_ref().map(|s| s.id.0))
    .bind(video_url.map(str::to_string))
    .bind(capacity)
    .bind(participants.len() as i64)
    .bind(now.timestamp())
    .fetch_one(&mut **tx)
    .await
    .map_err(write_error)?;
    // All participants in one statement: a booking holds the write lock for fewer round trips.
    let mut insert = Sql::new(
        "INSERT INTO meeting_participants (meeting_id, community_id, member_id, role, starts_at, \
         ends_at) VALUES ",
    );
    let [m, c, s, e] = [meeting, community, start, end].map(|v| insert.int(v));
    for (member, role) in participants {
        let row = [
            m.clone(),
            c.clone(),
            insert.int(*member),
            insert.text(*role),
            s.clone(),
            e.clone(),
        ];
        insert.values(&row);
    }
    insert
        .query()
        .execute(&mut **tx)
        .await
        .map_err(write_error)?;
    let at = |t: i64| DateTime::from_timestamp(t, 0).unwrap_or(now).max(now);
    let grace = peerlearn_domain::NO_SHOW_GRACE_MINUTES * 60;
    let job = |kind, run_at| NewJob {
        kind,
        subject: meeting,
        actor: None,
        payload: "",
        run_at,
    };
    let mut jobs = vec![
        job(JobKind::Reminder, at(start - REMINDER_MINUTES * 60)),
        job(JobKind::CheckInDue, at(start + grace)),
        job(JobKind::MeetingEnded, at(end)),
    ];
    jobs.extend_from_slice(also);
    enqueue_all(tx, community, &jobs, now).await?;
    Ok(Written {
        id: meeting,
        spot,
        video_url: video_url.map(str::to_string),
    })
}

/// Locks a confirmed meeting for a change of its seats (its row on PostgreSQL; SQLite runs one
/// writer at a time) and the person taking part; answers its community, start, end, capacity
/// and seats taken, or `meeting_cancelled`.
pub(crate) async fn lock_seat_change(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    meeting: MeetingId,
    member: MemberId,
) -> StoreResult<(i64, i64, i64, i64, i64)> {
    let lock = if backend == Backend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let row: Option<(i64, i64, i64, i64, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT community_id, starts_at, ends_at, capacity, seats_taken, status FROM meetings WHERE id = $1{lock}"
    )))
    .bind(meeting.0)
    .fetch_optional(&mut **tx)
    .await?;
    let (community, start, end, capacity, taken, status) =
        row.ok_or(StoreError::NotFound("meeting"))?;
    lock_people(tx, backend, &[member.0]).await?;
    if status != "confirmed" {
        return Err(StoreError::conflict(
            "meeting_cancelled",
            "this meeting was cancelled",
        ));
    }
    Ok((community, start, end, capacity, taken))
}

/// Participants are reminded this many minutes before a meeting starts.
pub const REMINDER_MINUTES: i64 = 15;

/// On PostgreSQL, takes transaction-scoped locks on the people a write books, in one global
/// order, so two bookings of the same person queue instead of deadlocking on each other's
/// uncommitted rows (SQLite already runs one writer at a time).
pub(crate) async fn lock_people(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    members: &[i64],
) -> StoreResult<()> {
    if backend != Backend::Postgres {
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

/// Chooses the smallest free spot that holds `people` for `[start, end)`: in person for
/// in-person meetings (`no_spot_free` when none), a video room otherwise (a virtual spot if
/// one is free, else only a link), in person first when either will do.
pub(crate) async fn place(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    start: i64,
    end: i64,
    people: i64,
    mode: MeetingMode,
) -> StoreResult<Placement> {
    let free: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT s.id, s.kind, s.name FROM spots s WHERE s.community_id = $1 AND s.capacity >= $2 \
         AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.spot_id = s.id AND m.status = 'confirmed' \
         AND m.starts_at < $3 AND $4 < m.ends_at) ORDER BY s.capacity, s.id",
    )
    .bind(community)
    .bind(people)
    .bind(end)
    .bind(start)
    .fetch_all(&mut **tx)
    .await?;
    let spot = |(id, kind, name): &(i64, String, String)| -> StoreResult<MeetingSpot> {
        Ok(MeetingSpot {
            id: SpotId(*id),
            name: name.clone(),
            kind: word(SpotKind::parse, kind)?,
        })
    };
    let in_person = free
        .iter()
        .find(|(_, k, _)| k != "virtual")
        .map(spot)
        .transpose()?;
    let virtual_room = free
        .iter()
        .find(|(_, k, _)| k == "virtual")
        .map(spot)
        .transpose()?;
    Ok(match (mode, in_person) {
        (MeetingMode::InPerson | MeetingMode::Either, Some(spot)) => Placement {
            spot: Some(spot),
            video: false,
        },
        (MeetingMode::InPerson, None) => {
            return Err(StoreError::conflict(
                "no_spot_free",
                format!("no table or room for {people} is free at that time; choose another time"),
            ));
        }
        (MeetingMode::Virtual, _) | (MeetingMode::Either, None) => Placement {
            spot: virtual_room,
            video: true,
        },
    })
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
                }) if attempt < 3 && self.backend() == Backend::Postgres => {}
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
        let mut tx = self.begin_write().await?;
        let meeting = self
            .accept_in(&mut tx, id, start, Placing::Proposed, video_room, now)
            .await?;
        tx.commit().await.map_err(write_error)?;
        Ok(meeting)
    }

    /// Accepts many requests at the times (and spots) a schedule gives them, all in one
    /// transaction: every one is confirmed, or none is (the first refusal is returned). The
    /// invariants hold as for single accepts; a time need not be one the request proposed.
    /// `video_room` makes each video meeting's link unique by appending the request id.
    pub async fn accept_scheduled(
        &self,
        items: &[(RequestId, DateTime<Utc>, Option<SpotId>)],
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<MeetingId>> {
        let mut sorted = items.to_vec();
        sorted.sort_by_key(|(r, start, _)| (*start, *r));
        let mut tx = self.begin_write().await?;
        let mut out = Vec::with_capacity(sorted.len());
        for (id, start, spot) in sorted {
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
        let lock = if self.backend() == Backend::Postgres {
            " FOR UPDATE OF r"
        } else {
            ""
        };
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
        let participants = [(host.0, "host"), (learner.0, "participant")];
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

    pub async fn meeting(&self, id: MeetingId) -> StoreResult<Meeting> {
        let row: Option<MeetingRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE g.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        let row = row.ok_or(StoreError::NotFound("meeting"))?;
        let mut list = self.with_participants(vec![row]).await?;
        list.pop().ok_or(StoreError::NotFound("meeting"))
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
        .fetch_all(&self.pool)
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
        .fetch_all(&self.pool)
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
                q.query_as().fetch_all(&self.pool).await?;
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
                confirmed: r.status == "confirmed",
                sequence: r.sequence,
                cancel_reason: r.cancel_reason,
                participants: people
                    .into_iter()
                    .map(|(m, name, role, status)| Participant {
                        member: MemberId(m),
                        name,
                        host: role == "host",
                        confirmed: status == "confirmed",
                    })
                    .collect(),
                created_at: time(r.created_at)?,
                updated_at: time(r.updated_at)?,
                topic_title: r.topic_title,
            });
        }
        Ok(out)
    }

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
        let mut tx = self.begin_write().await?;
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
        self.meeting(id).await
    }

    /// The meeting of a group topic with a fixed time, if it has one.
    pub async fn topic_meeting(&self, topic: TopicId) -> StoreResult<Option<Meeting>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM meetings WHERE topic_id = $1 ORDER BY CASE status WHEN 'confirmed' THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(topic.0)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some((id,)) => Ok(Some(self.meeting(MeetingId(id)).await?)),
            None => Ok(None),
        }
    }

    /// Takes a seat in a group meeting, in one transaction that locks the meeting:
    /// `meeting_full`, `person_busy` or `already_seated` and nothing written otherwise.
    pub async fn take_seat(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.begin_write().await?;
        let (community, start, end, capacity, taken) =
            lock_seat_change(&mut tx, self.backend(), meeting, member).await?;
        let seat: Option<(String,)> = sqlx::query_as(
            "SELECT status FROM meeting_participants WHERE meeting_id = $1 AND member_id = $2",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_optional(&mut *tx)
        .await?;
        if seat.as_ref().is_some_and(|(s,)| s == "confirmed") {
            return Err(StoreError::conflict(
                "already_seated",
                "you already have a seat",
            ));
        }
        if taken >= capacity {
            return Err(StoreError::conflict(
                "meeting_full",
                "this group meeting is full",
            ));
        }
        if seat.is_some() {
            sqlx::query("UPDATE meeting_participants SET status = 'confirmed' WHERE meeting_id = $1 AND member_id = $2")
                .bind(meeting.0)
                .bind(member.0)
                .execute(&mut *tx)
                .await
                .map_err(write_error)?;
        } else {
            sqlx::query(
                "INSERT INTO meeting_participants (meeting_id, community_id, member_id, role, starts_at, ends_at) \
                 VALUES ($1, $2, $3, 'participant', $4, $5)",
            )
            .bind(meeting.0)
            .bind(community)
            .bind(member.0)
            .bind(start)
            .bind(end)
            .execute(&mut *tx)
            .await
            .map_err(write_error)?;
        }
        sqlx::query(
            "UPDATE meetings SET seats_taken = seats_taken + 1, updated_at = $1 WHERE id = $2",
        )
        .bind(now.timestamp())
        .bind(meeting.0)
        .execute(&mut *tx)
        .await
        .map_err(write_error)?;
        crate::waitlist::drop_from_waitlist(&mut tx, meeting.0, member.0).await?;
        enqueue(
            &mut tx,
            community,
            JobKind::SeatTaken,
            meeting.0,
            Some(member.0),
            "",
            now,
            now,
        )
        .await?;
        tx.commit().await.map_err(write_error)?;
        self.meeting(meeting).await
    }

    /// Gives up a seat in a group meeting (not the host's: the host cancels the meeting).
    pub async fn leave_seat(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Meeting> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE meeting_participants SET status = 'cancelled' WHERE meeting_id = $1 AND member_id = $2 \
             AND status = 'confirmed' AND role = 'participant'",
        )
        .bind(meeting.0)
        .bind(member.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::conflict(
                "not_seated",
                "you have no seat in this meeting",
            ));
        }
        let community: (i64,) = sqlx::query_as(
            "UPDATE meetings SET seats_taken = seats_taken - 1, updated_at = $1 WHERE id = $2 \
             RETURNING community_id",
        )
        .bind(now.timestamp())
        .bind(meeting.0)
        .fetch_one(&mut *tx)
        .await?;
        enqueue(
            &mut tx,
            community.0,
            JobKind::SeatLeft,
            meeting.0,
            Some(member.0),
            "",
            now,
            now,
        )
        .await?;
        crate::waitlist::fill_free_seats(&mut tx, self.backend(), meeting.0, now).await?;
        tx.commit().await.map_err(write_error)?;
        self.meeting(meeting).await
    }

    /// Counts, per invariant, the rows that break it (all zero in a healthy database). Used by
    /// tests and by operators after an incident.
    pub async fn invariant_violations(&self) -> StoreResult<[i64; 3]> {
        let (people,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meeting_participants a JOIN meeting_participants b \
             ON a.member_id = b.member_id AND a.meeting_id < b.meeting_id \
             WHERE a.status = 'confirmed' AND b.status = 'confirmed' \
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
        )
        .fetch_one(&self.pool)
        .await?;
        let (spots,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meetings a JOIN meetings b ON a.spot_id = b.spot_id AND a.id < b.id \
             WHERE a.status = 'confirmed' AND b.status = 'confirmed' \
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
        )
        .fetch_one(&self.pool)
        .await?;
        let (groups,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meetings g WHERE g.status = 'confirmed' AND \
             (SELECT COUNT(*) FROM meeting_participants p WHERE p.meeting_id = g.id AND p.status = 'confirmed') > g.capacity",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok([people, spots, groups])
    }
}

impl Store {
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
        .fetch_all(&self.pool)
        .await?;
        self.with_participants(rows).await
    }
}
