//! The booking invariants, counted: nobody in two meetings at once, no spot booked twice at
//! once, no group meeting over its capacity.

use crate::{Store, StoreResult};

impl Store {
    /// Counts, per invariant, the rows that break it (all zero in a healthy database). Used by
    /// tests and by operators after an incident.
    pub async fn invariant_violations(&self) -> StoreResult<[i64; 3]> {
        let (people,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meeting_participants a JOIN meeting_participants b \
             ON a.member_id = b.member_id AND a.meeting_id < b.meeting_id \
             WHERE a.status = 'confirmed' AND b.status = 'confirmed' \
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
        )
        .fetch_one(self.reader())
        .await?;
        let (spots,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meetings a JOIN meetings b ON a.spot_id = b.spot_id AND a.id < b.id \
             WHERE a.status = 'confirmed' AND b.status = 'confirmed' \
             AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
        )
        .fetch_one(self.reader())
        .await?;
        let (groups,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meetings g WHERE g.status = 'confirmed' AND \
             (SELECT COUNT(*) FROM meeting_participants p WHERE p.meeting_id = g.id AND p.status = 'confirmed') > g.capacity",
        )
        .fetch_one(self.reader())
        .await?;
        Ok([people, spots, groups])
    }
}
