//! Communities: creation (with the creator as organizer), settings, invite codes.

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, CommunityId, CommunityKind, CommunityLanguage, JoinPolicy,
    Role, UserId,
};
use rand::Rng;

use crate::records::{Community, CommunityRow};
use crate::{Store, StoreError, StoreResult};

/// A community to create, already validated.
#[derive(Debug, Clone)]
pub struct NewCommunity {
    pub name: BoundedText,
    pub description: BoundedText,
    pub kind: CommunityKind,
    pub calendar: CommunityCalendar,
    pub join_policy: JoinPolicy,
    /// The language for people whose own is not known; `None` keeps the current one (English
    /// for a new community).
    pub language: Option<CommunityLanguage>,
}

/// New settings for a community (organizers only; the caller checks the role).
pub type CommunityUpdate = NewCommunity;

const COMMUNITY_COLUMNS: &str = "c.id, c.name, c.description, c.kind, c.timezone, c.starts_on, \
     c.ends_on, c.day_start, c.day_end, c.join_policy, c.invite_code, c.created_at, c.max_group_capacity, c.language, \
     (SELECT COUNT(*) FROM members m JOIN users u ON u.id = m.user_id \
      WHERE m.community_id = c.id AND u.former = 0) AS member_count";

/// A fresh invite code: ten characters that are easy to read aloud and type.
fn invite_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

fn dates_of(calendar: &CommunityCalendar) -> (Option<String>, Option<String>) {
    match calendar.dates {
        Some(d) => (Some(d.starts_on.to_string()), Some(d.ends_on.to_string())),
        None => (None, None),
    }
}

impl Store {
    /// Creates a community and makes `creator` its organizer, in one transaction.
    pub async fn create_community(
        &self,
        new: &NewCommunity,
        creator: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Community> {
        let mut tx = self.write_tx().await?;
        let (starts_on, ends_on) = dates_of(&new.calendar);
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO communities (name, description, kind, timezone, starts_on, ends_on, \
             day_start, day_end, join_policy, invite_code, created_at, language) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(new.name.as_str())
        .bind(new.description.as_str())
        .bind(new.kind.as_str())
        .bind(new.calendar.timezone.name())
        .bind(starts_on)
        .bind(ends_on)
        .bind(new.calendar.hours.start_minutes())
        .bind(new.calendar.hours.end_minutes())
        .bind(new.join_policy.as_str())
        .bind(invite_code())
        .bind(now.timestamp())
        .bind(new.language.unwrap_or(CommunityLanguage::English).as_str())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO members (community_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(creator.0)
        .bind(Role::Organizer.as_str())
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        self.community(CommunityId(id)).await
    }

    pub async fn community(&self, id: CommunityId) -> StoreResult<Community> {
        if let Some(community) = self.lookups.community(id.0) {
            return Ok(community);
        }
        let read = self.lookups.generation();
        let row: Option<CommunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        let community: Community = row.ok_or(StoreError::NotFound("community"))?.try_into()?;
        self.lookups.keep_community(read, community.clone());
        Ok(community)
    }

    pub async fn community_by_invite_code(&self, code: &str) -> StoreResult<Community> {
        let row: Option<CommunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.invite_code = $1"
        )))
        .bind(code.trim())
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("community"))?.try_into()
    }

    /// The communities `user` belongs to, with their role, newest first.
    pub async fn communities_of(&self, user: UserId) -> StoreResult<Vec<(Community, Role)>> {
        let rows: Vec<(String, CommunityRow)> =
            sqlx::query_as::<_, CommunityWithRole>(sqlx::AssertSqlSafe(format!(
                "SELECT {COMMUNITY_COLUMNS}, me.role AS my_role FROM communities c \
                 JOIN members me ON me.community_id = c.id AND me.user_id = $1 \
                 ORDER BY c.id DESC"
            )))
            .bind(user.0)
            .fetch_all(self.reader())
            .await?
            .into_iter()
            .map(|r| (r.my_role, r.community))
            .collect();
        rows.into_iter()
            .map(|(role, row)| Ok((row.try_into()?, crate::records::word(Role::parse, &role)?)))
            .collect()
    }

    /// Open communities anyone signed in can join, newest first.
    pub async fn open_communities(&self, limit: i64) -> StoreResult<Vec<Community>> {
        let rows: Vec<CommunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COMMUNITY_COLUMNS} FROM communities c WHERE c.join_policy = 'open' \
             ORDER BY c.id DESC LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The `limit` communities with the most members, largest first.
    pub async fn largest_communities(&self, limit: i64) -> StoreResult<Vec<Community>> {
        let rows: Vec<CommunityRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COMMUNITY_COLUMNS} FROM communities c \
             ORDER BY (SELECT COUNT(*) FROM members m WHERE m.community_id = c.id) DESC, c.id \
             LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Changes a community's settings.
    pub async fn update_community(
        &self,
        id: CommunityId,
        update: &CommunityUpdate,
    ) -> StoreResult<Community> {
        let (starts_on, ends_on) = dates_of(&update.calendar);
        let done = sqlx::query(
            "UPDATE communities SET name = $1, description = $2, kind = $3, timezone = $4, \
             starts_on = $5, ends_on = $6, day_start = $7, day_end = $8, join_policy = $9, \
             language = COALESCE($10, language) WHERE id = $11",
        )
        .bind(update.name.as_str())
        .bind(update.description.as_str())
        .bind(update.kind.as_str())
        .bind(update.calendar.timezone.name())
        .bind(starts_on)
        .bind(ends_on)
        .bind(update.calendar.hours.start_minutes())
        .bind(update.calendar.hours.end_minutes())
        .bind(update.join_policy.as_str())
        .bind(update.language.map(CommunityLanguage::as_str))
        .bind(id.0)
        .execute(self.writer())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("community"));
        }
        self.lookups.forget();
        self.wrote();
        self.community(id).await
    }

    /// Replaces the invite code, so old links stop working.
    pub async fn regenerate_invite_code(&self, id: CommunityId) -> StoreResult<Community> {
        let done = sqlx::query("UPDATE communities SET invite_code = $1 WHERE id = $2")
            .bind(invite_code())
            .bind(id.0)
            .execute(self.writer())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("community"));
        }
        self.lookups.forget();
        self.community(id).await
    }
}

#[derive(sqlx::FromRow)]
struct CommunityWithRole {
    #[sqlx(flatten)]
    community: CommunityRow,
    my_role: String,
}
