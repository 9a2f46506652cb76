//! Spots: the tables, rooms and virtual rooms where meetings happen.

use chrono::{DateTime, Utc};
use peerlearn_domain::{BoundedText, Capacity, CommunityId, MeetingId, SpotId, SpotKind};

use crate::error::is_unique_violation;
use crate::records::{Spot, SpotRow};
use crate::{Store, StoreError, StoreResult};

/// A spot to create or the new settings of one, already validated.
#[derive(Debug, Clone)]
pub struct NewSpot {
    pub name: BoundedText,
    pub kind: SpotKind,
    pub capacity: Capacity,
}

/// What removing a spot did: the upcoming meetings it moved elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotRemoval {
    pub moved: Vec<MeetingId>,
}

fn name_taken(e: sqlx::Error) -> StoreError {
    if is_unique_violation(&e) {
        StoreError::conflict(
            "spot_name_taken",
            "this community already has a spot with that name",
        )
    } else {
        e.into()
    }
}

impl Store {
    pub async fn create_spot(
        &self,
        community: CommunityId,
        new: &NewSpot,
        now: DateTime<Utc>,
    ) -> StoreResult<Spot> {
        let row: SpotRow = sqlx::query_as(
            "INSERT INTO spots (community_id, name, kind, capacity, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, community_id, name, kind, capacity",
        )
        .bind(community.0)
        .bind(new.name.as_str())
        .bind(new.kind.as_str())
        .bind(i64::from(new.capacity.get()))
        .bind(now.timestamp())
        .fetch_one(self.writer())
        .await
        .map_err(name_taken)?;
        row.try_into()
    }

    /// Changes a spot's name, kind or size; `spot_in_use` when an upcoming meeting there
    /// would no longer suit it (a smaller size, or another kind).
    pub async fn update_spot(
        &self,
        community: CommunityId,
        id: SpotId,
        new: &NewSpot,
        now: DateTime<Utc>,
    ) -> StoreResult<Spot> {
        let mut tx = self.write_tx().await?;
        let kind: Option<(String,)> =
            sqlx::query_as("SELECT kind FROM spots WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let (kind,) = kind.ok_or(StoreError::NotFound("spot"))?;
        let (misfits,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meetings WHERE spot_id = $1 AND status = 'confirmed' \
             AND ends_at > $2 AND (capacity > $3 OR $4 <> $5)",
        )
        .bind(id.0)
        .bind(now.timestamp())
        .bind(i64::from(new.capacity.get()))
        .bind(&kind)
        .bind(new.kind.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if misfits > 0 {
            return Err(StoreError::conflict(
                "spot_in_use",
                format!(
                    "{misfits} upcoming meetings at this spot would no longer fit; keep its kind \
                     and size until they are over, or remove it to move them elsewhere"
                ),
            )
            .with_arg("change", "edit")
            .with_arg("count", misfits)
            .with_arg("total", misfits));
        }
        let row: Option<SpotRow> = sqlx::query_as(
            "UPDATE spots SET name = $1, kind = $2, capacity = $3 WHERE community_id = $4 AND id = $5 \
             RETURNING id, community_id, name, kind, capacity",
        )
        .bind(new.name.as_str())
        .bind(new.kind.as_str())
        .bind(i64::from(new.capacity.get()))
        .bind(community.0)
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(name_taken)?;
        let spot = row.ok_or(StoreError::NotFound("spot"))?.try_into()?;
        tx.commit().await.map_err(crate::error::write_error)?;
        self.wrote();
        Ok(spot)
    }

    /// Removes a spot. Its upcoming meetings move, in the same transaction, each to the
    /// smallest other free spot of the same kind that holds it, and everyone in them is told
    /// (a `meeting_moved` event each, and a new SEQUENCE for calendars). When one of them
    /// fits nowhere, nothing changes: `spot_in_use` says how many cannot move.
    pub async fn remove_spot(
        &self,
        community: CommunityId,
        id: SpotId,
        now: DateTime<Utc>,
    ) -> StoreResult<SpotRemoval> {
        let mut tx = self.write_tx().await?;
        let spot: Option<(String, String)> =
            sqlx::query_as("SELECT name, kind FROM spots WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let (name, kind) = spot.ok_or(StoreError::NotFound("spot"))?;
        let upcoming: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT id, starts_at, ends_at, capacity FROM meetings \
             WHERE spot_id = $1 AND status = 'confirmed' AND ends_at > $2 ORDER BY starts_at, id",
        )
        .bind(id.0)
        .bind(now.timestamp())
        .fetch_all(&mut *tx)
        .await?;
        let mut stuck: usize = 0;
        let mut moves = Vec::new();
        for (meeting, start, end, people) in &upcoming {
            // Spots taken by meetings already moved in this transaction are seen as taken.
            let free: Option<(i64,)> = sqlx::query_as(
                "SELECT s.id FROM spots s WHERE s.community_id = $1 AND s.id <> $2 \
                 AND s.kind = $3 AND s.capacity >= $4 AND NOT EXISTS (SELECT 1 FROM meetings m \
                 WHERE m.spot_id = s.id AND m.status = 'confirmed' AND m.starts_at < $5 \
                 AND $6 < m.ends_at) ORDER BY s.capacity, s.id LIMIT 1",
            )
            .bind(community.0)
            .bind(id.0)
            .bind(&kind)
            .bind(people)
            .bind(end)
            .bind(start)
            .fetch_optional(&mut *tx)
            .await?;
            match free {
                Some((to,)) => {
                    sqlx::query(
                        "UPDATE meetings SET spot_id = $1, sequence = sequence + 1, \
                         updated_at = $2 WHERE id = $3",
                    )
                    .bind(to)
                    .bind(now.timestamp())
                    .bind(meeting)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::error::write_error)?;
                    moves.push(*meeting);
                }
                None => stuck += 1,
            }
        }
        if stuck > 0 {
            return Err(StoreError::conflict(
                "spot_in_use",
                format!(
                    "{stuck} of the {} upcoming meetings at this spot fit in no other free spot \
                     of its kind; add a spot or move those meetings first",
                    upcoming.len()
                ),
            )
            .with_arg("change", "remove")
            .with_arg("count", stuck)
            .with_arg("total", upcoming.len()));
        }
        for meeting in &moves {
            crate::outbox::enqueue(
                &mut tx,
                community.0,
                crate::outbox::JobKind::MeetingMoved,
                *meeting,
                None,
                &name,
                now,
                now,
            )
            .await?;
        }
        sqlx::query("DELETE FROM spots WHERE community_id = $1 AND id = $2")
            .bind(community.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await.map_err(crate::error::write_error)?;
        self.wrote();
        Ok(SpotRemoval {
            moved: moves.into_iter().map(MeetingId).collect(),
        })
    }

    pub async fn spot(&self, community: CommunityId, id: SpotId) -> StoreResult<Spot> {
        let row: Option<SpotRow> = sqlx::query_as(
            "SELECT id, community_id, name, kind, capacity FROM spots WHERE community_id = $1 AND id = $2",
        )
        .bind(community.0)
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("spot"))?.try_into()
    }

    /// A community's spots: in-person first, by name.
    pub async fn spots(&self, community: CommunityId) -> StoreResult<Vec<Spot>> {
        let rows: Vec<SpotRow> = sqlx::query_as(
            "SELECT id, community_id, name, kind, capacity FROM spots WHERE community_id = $1 \
             ORDER BY CASE kind WHEN 'virtual' THEN 1 ELSE 0 END, name",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
