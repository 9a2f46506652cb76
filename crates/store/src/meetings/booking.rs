//! Booking: choosing the spot of a meeting and writing the meeting, its participants and its
//! events inside the caller's transaction (the caller has locked the people it books).

use chrono::{DateTime, Utc};
use peerlearn_domain::{MeetingMode, ParticipantRole, SpotId, SpotKind};

use super::MeetingSpot;
use crate::error::write_error;
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::word;
use crate::sql::Sql;
use crate::{StoreError, StoreResult};

/// Participants are reminded this many minutes before a meeting starts.
const REMINDER_MINUTES: i64 = 15;

/// Writes a confirmed two-person meeting in a given spot (checked to belong to the community,
/// to hold two and to suit the mode; the schema refuses a double booking).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_meeting_at(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    topic: i64,
    start: i64,
    end: i64,
    spot: i64,
    mode: MeetingMode,
    video_room: &str,
    participants: &[(i64, ParticipantRole)],
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
struct Placement {
    spot: Option<MeetingSpot>,
    video: bool,
}

/// A meeting just written: its id and where it happens.
pub(crate) struct Written {
    pub(crate) id: i64,
    pub(super) spot: Option<MeetingSpot>,
    pub(super) video_url: Option<String>,
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
    participants: &[(i64, ParticipantRole)],
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
    participants: &[(i64, ParticipantRole)],
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
            insert.text(role.as_str()),
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

/// Chooses the smallest free spot that holds `people` for `[start, end)`: in person for
/// in-person meetings (`no_spot_free` when none), a video room otherwise (a virtual spot if
/// one is free, else only a link), in person first when either will do.
async fn place(
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
