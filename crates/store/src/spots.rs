//! Spots: the tables, rooms and virtual rooms where meetings happen.

use chrono::{DateTime, Utc};
use peerlearn_domain::{BoundedText, Capacity, CommunityId, SpotId, SpotKind};

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

    pub async fn update_spot(
        &self,
        community: CommunityId,
        id: SpotId,
        new: &NewSpot,
    ) -> StoreResult<Spot> {
        let row: Option<SpotRow> = sqlx::query_as(
            "UPDATE spots SET name = $1, kind = $2, capacity = $3 WHERE community_id = $4 AND id = $5 \
             RETURNING id, community_id, name, kind, capacity",
        )
        .bind(new.name.as_str())
        .bind(new.kind.as_str())
        .bind(i64::from(new.capacity.get()))
        .bind(community.0)
        .bind(id.0)
        .fetch_optional(self.writer())
        .await
        .map_err(name_taken)?;
        row.ok_or(StoreError::NotFound("spot"))?.try_into()
    }

    pub async fn delete_spot(&self, community: CommunityId, id: SpotId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM spots WHERE community_id = $1 AND id = $2")
            .bind(community.0)
            .bind(id.0)
            .execute(self.writer())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("spot"));
        }
        Ok(())
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
