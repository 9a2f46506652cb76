//! Publishing mixer rounds: every group of every round becomes an ordinary meeting (with a
//! closed topic of its own, hosted by one of its people), all in one transaction.
//!
//! People already in a meeting during a round are left out of that round's group (and said
//! so): at a live event an organizer cannot move other people's meetings, and the mixer goes
//! on without them. A group left with fewer than two free people is not written; its one free
//! person is reported as left alone. Spots are chosen by the booking code, smallest fitting
//! spot first; a round whose groups do not all find a spot refuses the whole publication.

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    BoundedText, CommunityId, MeetingId, MeetingMode, MemberId, Minutes, ParticipantRole, TagList,
    TopicFormat, TopicKind,
};
use std::collections::{HashMap, HashSet};

use crate::error::write_error;
use crate::meetings::booking::write_meeting;
use crate::meetings::locks::lock_people;
use crate::outbox::{JobKind, enqueue};
use crate::topics::{NewTopic, insert_topic};
use crate::{Store, StoreError, StoreResult};

/// Mixer rounds to publish, already planned and checked against the community's hours.
#[derive(Debug, Clone)]
pub struct NewMixer {
    /// The organizer publishing (recorded as the actor of the notifications).
    pub organizer: MemberId,
    pub mode: MeetingMode,
    /// How long each round lasts.
    pub duration: Minutes,
    pub rounds: Vec<NewMixerRound>,
}

#[derive(Debug, Clone)]
pub struct NewMixerRound {
    pub start: DateTime<Utc>,
    pub groups: Vec<NewMixerGroup>,
}

#[derive(Debug, Clone)]
pub struct NewMixerGroup {
    /// The title of the group's topic ("Mixer — round 1, group 2").
    pub title: BoundedText,
    /// Its people; the first one free then hosts.
    pub members: Vec<MemberId>,
}

/// What publishing wrote for one round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishedRound {
    /// One meeting per group written, in the order of the round's groups.
    pub meetings: Vec<MeetingId>,
    /// People left out because they were already in a meeting during the round.
    pub busy: Vec<MemberId>,
    /// People left out because everyone else in their group was busy.
    pub alone: Vec<MemberId>,
}

impl Store {
    /// Publishes mixer rounds in one transaction: either every meeting is written, with its
    /// topic, participants, spot and notifications, or nothing is. `not_enough_spots` (with
    /// `round`, `groups` and `spots`) when a round's in-person groups do not all find a free
    /// table or room; `everyone_busy` when nobody is free for any group.
    pub async fn publish_mixer(
        &self,
        community: CommunityId,
        mixer: &NewMixer,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<PublishedRound>> {
        let mut tx = self.write_tx().await?;
        let everyone: Vec<i64> = mixer
            .rounds
            .iter()
            .flat_map(|r| r.groups.iter().flat_map(|g| g.members.iter().map(|m| m.0)))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        lock_people(&mut tx, self.backend(), &everyone).await?;
        let length = 60 * i64::from(mixer.duration.get());
        let mut out = Vec::with_capacity(mixer.rounds.len());
        for (index, round) in mixer.rounds.iter().enumerate() {
            let start = round.start.timestamp();
            let end = start + length;
            let busy: HashSet<i64> = sqlx::query_as::<_, (i64,)>(
                "SELECT DISTINCT member_id FROM meeting_participants WHERE community_id = $1 \
                 AND status = 'confirmed' AND starts_at < $2 AND $3 < ends_at",
            )
            .bind(community.0)
            .bind(end)
            .bind(start)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(m,)| m)
            .collect();
            let mut published = PublishedRound::default();
            // The groups that can meet, smallest first: taking the smallest fitting spot in
            // that order places every group whenever the free spots can hold them all.
            let mut groups: Vec<(usize, &NewMixerGroup, Vec<i64>)> = Vec::new();
            for (g, group) in round.groups.iter().enumerate() {
                let (free, taken): (Vec<i64>, Vec<i64>) = group
                    .members
                    .iter()
                    .map(|m| m.0)
                    .partition(|m| !busy.contains(m));
                published.busy.extend(taken.into_iter().map(MemberId));
                if free.len() < 2 {
                    published.alone.extend(free.into_iter().map(MemberId));
                } else {
                    groups.push((g, group, free));
                }
            }
            groups.sort_by_key(|(g, _, free)| (free.len(), *g));
            let spots = if mixer.mode == MeetingMode::Virtual {
                0
            } else {
                free_rooms(&mut tx, community, start, end, groups.first()).await?
            };
            let mut written: HashMap<usize, MeetingId> = HashMap::new();
            for (g, group, free) in &groups {
                let topic = NewTopic {
                    kind: TopicKind::Offer,
                    title: group.title.clone(),
                    description: BoundedText::parse("description", "", 0, 10, true)
                        .map_err(|e| StoreError::Corrupt(e.id.to_string()))?,
                    description_html: String::new(),
                    tags: TagList::default(),
                    // A pair meets one-on-one (which has no fixed time of its own); more
                    // people make a fixed-time group whose seats are all taken.
                    format: if free.len() > 2 {
                        TopicFormat::Group
                    } else {
                        TopicFormat::OneOnOne
                    },
                    capacity: u32::try_from(free.len() - 1).unwrap_or(u32::MAX),
                    mode: mixer.mode,
                    duration: mixer.duration,
                    starts_at: (free.len() > 2).then_some(round.start),
                };
                let topic_id =
                    insert_topic(&mut tx, community, MemberId(free[0]), &topic, now).await?;
                sqlx::query("UPDATE topics SET status = 'closed' WHERE id = $1")
                    .bind(topic_id)
                    .execute(&mut *tx)
                    .await?;
                let mut people = vec![(free[0], ParticipantRole::Host)];
                people.extend(free[1..].iter().map(|&m| (m, ParticipantRole::Participant)));
                let meeting = write_meeting(
                    &mut tx,
                    community.0,
                    topic_id,
                    start,
                    end,
                    free.len() as i64,
                    mixer.mode,
                    video_room,
                    &people,
                    &[],
                    now,
                )
                .await
                .map_err(|e| match e {
                    StoreError::Conflict {
                        code: "no_spot_free",
                        ..
                    } => StoreError::conflict(
                        "not_enough_spots",
                        format!(
                            "round {} has {} groups but only {spots} tables or rooms are free then",
                            index + 1,
                            groups.len()
                        ),
                    )
                    .with_arg("round", index + 1)
                    .with_arg("groups", groups.len())
                    .with_arg("spots", spots),
                    other => other,
                })?
                .id;
                enqueue(
                    &mut tx,
                    community.0,
                    JobKind::MixerGroup,
                    meeting,
                    Some(mixer.organizer.0),
                    "",
                    now,
                    now,
                )
                .await?;
                written.insert(*g, MeetingId(meeting));
            }
            published.meetings = (0..round.groups.len())
                .filter_map(|g| written.get(&g).copied())
                .collect();
            out.push(published);
        }
        if out.iter().all(|r| r.meetings.is_empty()) {
            return Err(StoreError::conflict(
                "everyone_busy",
                "everyone is already in a meeting at those times: nothing was published",
            ));
        }
        tx.commit().await.map_err(write_error)?;
        self.wrote();
        self.market.forget();
        Ok(out)
    }
}

/// How many tables and rooms are free for `[start, end)` that hold the smallest group.
async fn free_rooms(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    start: i64,
    end: i64,
    smallest: Option<&(usize, &NewMixerGroup, Vec<i64>)>,
) -> StoreResult<i64> {
    let Some((_, _, free)) = smallest else {
        return Ok(0);
    };
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM spots s WHERE s.community_id = $1 AND s.kind <> 'virtual' \
         AND s.capacity >= $2 AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.spot_id = s.id \
         AND m.status = 'confirmed' AND m.starts_at < $3 AND $4 < m.ends_at)",
    )
    .bind(community.0)
    .bind(free.len() as i64)
    .bind(end)
    .bind(start)
    .fetch_one(&mut **tx)
    .await?;
    Ok(count)
}
