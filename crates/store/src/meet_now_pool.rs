//! What pairing the meet-now pool reads: the members free now and unclaimed, with their team,
//! languages, interests, open one-on-one topics, what they hosted today and whom never to
//! propose to them (dismissed, or declined in the last hours).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    CommunityId, LEAD_MINUTES, MEETING_MIN_MINUTES, MeetingMode, MemberId, TopicId,
};

use crate::records::{split_lines, time, word};
use crate::{Store, StoreResult};

/// An open one-on-one topic of a free member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolTopicRow {
    pub id: TopicId,
    pub ask: bool,
    pub tags: Vec<String>,
}

/// A member who can be paired now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolEntry {
    pub member: MemberId,
    pub mode: MeetingMode,
    pub auto_accept: bool,
    pub until: DateTime<Utc>,
    pub team: String,
    pub languages: Vec<String>,
    pub wants: Vec<String>,
    pub offers: Vec<String>,
    pub topics: Vec<PoolTopicRow>,
    pub hosted_today: u32,
    pub avoid: Vec<MemberId>,
}

impl PoolEntry {
    /// An entry without interests, topics, hosting or avoided members yet (see
    /// `pool_details`), not auto-accepting.
    fn bare(
        member: MemberId,
        mode: MeetingMode,
        until: DateTime<Utc>,
        team: String,
        languages: &str,
    ) -> Self {
        Self {
            member,
            mode,
            auto_accept: false,
            until,
            team,
            languages: split_lines(languages),
            wants: Vec::new(),
            offers: Vec::new(),
            topics: Vec::new(),
            hosted_today: 0,
            avoid: Vec::new(),
        }
    }
}

/// Declined or expired proposals are not made again for this long.
const DECLINE_MEMORY_HOURS: i64 = 3;

/// The pool's rows, and the members' ids as an SQL list (for the queries that follow).
const POOL: &str = "SELECT member_id FROM free_now WHERE community_id = $1";

impl Store {
    /// The members of `community` who can be paired at `now`: in the pool, in no open
    /// proposal, free long enough for a meeting after the lead time, in no meeting during
    /// their window and not paused. In member order.
    pub async fn meet_now_pool(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<PoolEntry>> {
        let soonest_end = now + Duration::minutes(LEAD_MINUTES + MEETING_MIN_MINUTES);
        let rows: Vec<(i64, String, i64, i64, String, String)> = sqlx::query_as(
            "SELECT f.member_id, f.mode, f.auto_accept, f.until, m.team, m.languages \
             FROM free_now f JOIN members m ON m.id = f.member_id \
             WHERE f.community_id = $1 AND f.proposal_id IS NULL AND f.until >= $2 \
             AND m.paused_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM meeting_participants p JOIN meetings g ON g.id = p.meeting_id \
                 WHERE p.member_id = f.member_id AND p.status = 'confirmed' AND g.status = 'confirmed' \
                 AND g.starts_at < f.until AND $3 < g.ends_at) \
             ORDER BY f.member_id",
        )
        .bind(community.0)
        .bind(soonest_end.timestamp())
        .bind(now.timestamp())
        .fetch_all(self.reader())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut pool: Vec<PoolEntry> = Vec::with_capacity(rows.len());
        for (member, mode, auto, until, team, languages) in rows {
            pool.push(PoolEntry {
                auto_accept: auto == 1,
                ..PoolEntry::bare(
                    MemberId(member),
                    word(MeetingMode::parse, &mode)?,
                    time(until)?,
                    team,
                    &languages,
                )
            });
        }
        self.pool_details(community, now, &mut pool, POOL).await?;
        Ok(pool)
    }

    /// `member` (not in the pool: a member whose partner has not come) as pairing sees them,
    /// meeting in `mode` until `until`.
    pub async fn pairing_entry(
        &self,
        community: CommunityId,
        member: MemberId,
        mode: MeetingMode,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<PoolEntry> {
        let (team, languages): (String, String) = sqlx::query_as(
            "SELECT team, languages FROM members WHERE id = $1 AND community_id = $2",
        )
        .bind(member.0)
        .bind(community.0)
        .fetch_optional(self.reader())
        .await?
        .ok_or(crate::StoreError::NotFound("member"))?;
        let mut entry = [PoolEntry::bare(member, mode, until, team, &languages)];
        // An integer, so safe to write into the statements.
        self.pool_details(community, now, &mut entry, &member.0.to_string())
            .await?;
        let [entry] = entry;
        Ok(entry)
    }

    /// Fills in the interests, topics, hosting and avoided members of `pool`, whose members
    /// are `who` (an SQL list or subquery of member ids, with `$1` the community).
    async fn pool_details(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        pool: &mut [PoolEntry],
        who: &str,
    ) -> StoreResult<()> {
        let at: HashMap<i64, usize> = pool
            .iter()
            .enumerate()
            .map(|(i, e)| (e.member.0, i))
            .collect();

        let tags: Vec<(i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT member_id, kind, tag FROM member_tags WHERE community_id = $1 \
             AND member_id IN ({who}) ORDER BY member_id, kind, tag"
        )))
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        for (member, kind, tag) in tags {
            if let Some(&i) = at.get(&member) {
                let list = if kind == "want" {
                    &mut pool[i].wants
                } else {
                    &mut pool[i].offers
                };
                list.push(tag);
            }
        }

        let topics: Vec<(i64, i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT t.host_member_id, t.id, t.kind, tt.tag FROM topics t \
             JOIN topic_tags tt ON tt.topic_id = t.id \
             WHERE t.community_id = $1 AND t.status = 'open' AND t.format = 'one_on_one' \
             AND t.host_member_id IN ({who}) \
             AND NOT EXISTS (SELECT 1 FROM hidden_items h WHERE h.subject_kind = 'topic' \
                 AND h.subject_id = t.id) \
             ORDER BY t.host_member_id, t.id, tt.tag"
        )))
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        for (member, topic, kind, tag) in topics {
            let Some(&i) = at.get(&member) else { continue };
            let list = &mut pool[i].topics;
            match list.last_mut() {
                Some(t) if t.id.0 == topic => t.tags.push(tag),
                _ => list.push(PoolTopicRow {
                    id: TopicId(topic),
                    ask: kind == "ask",
                    tags: vec![tag],
                }),
            }
        }

        let hosted: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT member_id, COUNT(*) FROM meeting_participants WHERE community_id = $1 \
             AND role = 'host' AND status = 'confirmed' AND starts_at >= $2 AND starts_at < $3 \
             AND member_id IN ({who}) GROUP BY member_id"
        )))
        .bind(community.0)
        .bind((now - Duration::hours(12)).timestamp())
        .bind((now + Duration::hours(12)).timestamp())
        .fetch_all(self.reader())
        .await?;
        for (member, n) in hosted {
            if let Some(&i) = at.get(&member) {
                pool[i].hosted_today = u32::try_from(n).unwrap_or(u32::MAX);
            }
        }

        let dismissed: Vec<(i64, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT d.member_id, COALESCE(d.host_member_id, t.host_member_id) FROM dismissals d \
             LEFT JOIN topics t ON t.id = d.topic_id \
             WHERE d.community_id = $1 AND d.member_id IN ({who})"
        )))
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        let declined: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT host_member_id, guest_member_id FROM meet_now_proposals \
             WHERE community_id = $1 AND status IN ('declined', 'expired', 'failed') \
             AND created_at >= $2",
        )
        .bind(community.0)
        .bind((now - Duration::hours(DECLINE_MEMORY_HOURS)).timestamp())
        .fetch_all(self.reader())
        .await?;
        for (member, other) in dismissed.into_iter().chain(declined) {
            let Some(other) = other else { continue };
            if let Some(&i) = at.get(&member) {
                pool[i].avoid.push(MemberId(other));
            }
            // A declined pair is avoided from both sides (the engine reads either list).
        }
        Ok(())
    }
}
