//! What the lounge board reads besides meetings: who is free now and what they can share,
//! today's conversations and bridges, and the board's display link (kept only as a hash).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId};

use crate::records::time;
use crate::sql::Sql;
use crate::{Store, StoreResult};

/// A member whose availability covers now, or who said "I'm free now", and who is in no
/// meeting now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeMember {
    pub member: MemberId,
    pub name: String,
    /// What they can share, in order, at most the number asked for.
    pub offers: Vec<String>,
}

/// Today's figures on the board: meetings begun so far, and those between people of more
/// than one team (the dashboard's notion of a bridge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoardDay {
    pub conversations: i64,
    pub bridges: i64,
}

impl Store {
    /// Up to `limit` members of `community` free at `now` (an availability window covers it
    /// and no confirmed meeting of theirs is under way), by name, each with up to `tags` of
    /// their offers.
    pub async fn free_members(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        limit: i64,
        tags: usize,
    ) -> StoreResult<Vec<FreeMember>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT m.id, u.display_name FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.community_id = $1 \
             AND (EXISTS (SELECT 1 FROM availability a WHERE a.community_id = m.community_id \
                 AND a.member_id = m.id AND a.starts_at <= $2 AND a.ends_at > $2) \
                 OR EXISTS (SELECT 1 FROM free_now f WHERE f.community_id = m.community_id \
                 AND f.member_id = m.id AND f.since <= $2 AND f.until > $2)) \
             AND NOT EXISTS (SELECT 1 FROM meeting_participants p JOIN meetings g ON g.id = p.meeting_id \
                 WHERE p.member_id = m.id AND p.status = 'confirmed' AND g.status = 'confirmed' \
                 AND g.starts_at <= $2 AND g.ends_at > $2) \
             ORDER BY u.display_name, m.id LIMIT $3",
        )
        .bind(community.0)
        .bind(now.timestamp())
        .bind(limit.max(0))
        .fetch_all(self.reader())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("SELECT member_id, tag FROM member_tags WHERE community_id = ");
        let c = sql.int(community.0);
        sql.push(&c);
        sql.push(" AND kind = 'offer' AND member_id IN (");
        let ids: Vec<String> = rows.iter().map(|(id, _)| sql.int(*id)).collect();
        sql.push(&ids.join(", "));
        sql.push(") ORDER BY member_id, tag");
        let found: Vec<(i64, String)> = sql.query_as().fetch_all(self.reader()).await?;
        let mut offers: HashMap<i64, Vec<String>> = HashMap::new();
        for (member, tag) in found {
            let list = offers.entry(member).or_default();
            if list.len() < tags {
                list.push(tag);
            }
        }
        Ok(rows
            .into_iter()
            .map(|(id, name)| FreeMember {
                member: MemberId(id),
                name,
                offers: offers.remove(&id).unwrap_or_default(),
            })
            .collect())
    }

    /// Confirmed meetings of `community` that began in `[from, now]`, and how many of them
    /// bring together confirmed participants of more than one team.
    pub async fn board_day(
        &self,
        community: CommunityId,
        from: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<BoardDay> {
        let (conversations, bridges): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN (SELECT COUNT(DISTINCT m.team) \
                 FROM meeting_participants p JOIN members m ON m.id = p.member_id \
                 WHERE p.meeting_id = g.id AND p.status = 'confirmed' AND m.team <> '') > 1 \
                 THEN 1 ELSE 0 END), 0) \
             FROM meetings g WHERE g.community_id = $1 AND g.status = 'confirmed' \
             AND g.starts_at >= $2 AND g.starts_at <= $3",
        )
        .bind(community.0)
        .bind(from.timestamp())
        .bind(now.timestamp())
        .fetch_one(self.reader())
        .await?;
        Ok(BoardDay {
            conversations,
            bridges,
        })
    }

    /// Sets (or replaces) the board's display link of `community`; the old one stops working.
    pub async fn set_board_display(
        &self,
        community: CommunityId,
        secret_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO board_displays (community_id, secret_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (community_id) DO UPDATE SET secret_hash = excluded.secret_hash, \
             created_at = excluded.created_at",
        )
        .bind(community.0)
        .bind(secret_hash)
        .bind(now.timestamp())
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Whether `secret_hash` is the current display link of `community`.
    pub async fn board_display_matches(
        &self,
        community: CommunityId,
        secret_hash: &str,
    ) -> StoreResult<bool> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT community_id FROM board_displays WHERE community_id = $1 AND secret_hash = $2",
        )
        .bind(community.0)
        .bind(secret_hash)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.is_some())
    }

    /// When the current display link of `community` was made, if it has one.
    pub async fn board_display_since(
        &self,
        community: CommunityId,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT created_at FROM board_displays WHERE community_id = $1")
                .bind(community.0)
                .fetch_optional(self.reader())
                .await?;
        row.map(|(t,)| time(t)).transpose()
    }
}
