//! What the recommender needs from a community, read in a few bulk queries: members' profiles,
//! tags, availability, busy times, who met whom, open topics, meetings per member in a day (for
//! requests left under a daily cap) and dismissals ("not interested"); a cheap fingerprint that
//! tells a cached index it is stale; and the dismissals themselves.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, TimeRange, TopicId};

use crate::records::TopicRow;
use crate::records::split_lines;
use crate::sql::Sql;
use crate::topics::{TOPIC_COLUMNS, TOPIC_JOINS};
use crate::{Store, StoreError, StoreResult, Topic};

/// One member as the recommender sees them.
#[derive(Debug, Clone)]
pub struct MatchingMember {
    pub id: MemberId,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub team: String,
    pub languages: Vec<String>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    /// Availability windows ending after the snapshot's `now`.
    pub availability: Vec<TimeRange>,
    /// Confirmed meetings ending after `now` (times the member is not free).
    pub busy: Vec<TimeRange>,
    /// Members they shared a confirmed meeting with.
    pub met: Vec<MemberId>,
    pub daily_cap: Option<u32>,
    /// Confirmed meetings starting within the snapshot's `day`.
    pub meetings_in_day: u32,
    pub dismissed_topics: Vec<TopicId>,
    pub dismissed_hosts: Vec<MemberId>,
}

/// A community's members (or one of them) and its open topics.
#[derive(Debug, Clone, Default)]
pub struct MatchingData {
    pub members: Vec<MatchingMember>,
    pub topics: Vec<Topic>,
}

/// What tells a cached index it is stale, in three parts that call for different updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatchingFingerprint {
    /// Open topics, the newest topic, dismissals (count plus newest), paused members: changes
    /// when topics are posted, closed or reopened, dismissals change, or members are paused
    /// for missed meetings or rejoin.
    pub structure: [i64; 4],
    /// Members: how many (former members left out), and the newest id (changes when members
    /// join or leave).
    pub members: [i64; 2],
    /// Meetings: how many are confirmed, and the latest change to any of them (a booking,
    /// a cancellation, a move, a seat taken or freed), in Unix seconds.
    pub meetings: [i64; 2],
}

impl MatchingFingerprint {
    /// The latest change to the community's meetings (see [`Store::members_changed_since`]).
    pub fn meetings_changed_at(&self) -> i64 {
        self.meetings[1]
    }

    /// The newest member's id.
    pub fn newest_member(&self) -> MemberId {
        MemberId(self.members[1])
    }

    /// How many members joined between `self` and `later`, when members only joined (none
    /// left): a count the caller can check against the members it finds newer than
    /// [`MatchingFingerprint::newest_member`].
    pub fn members_joined_before(&self, later: &Self) -> Option<i64> {
        let joined = later.members[0] - self.members[0];
        (joined >= 0 && later.members[1] >= self.members[1]).then_some(joined)
    }
}

/// A dismissal, as listed for undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dismissed {
    Topic { id: TopicId, title: String },
    Host { id: MemberId, name: String },
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    display_name: String,
    headline: String,
    bio: String,
    team: String,
    languages: String,
    daily_cap: Option<i64>,
}

fn range(s: i64, e: i64) -> StoreResult<TimeRange> {
    TimeRange::from_unix(s, e).ok_or_else(|| StoreError::Corrupt(format!("time range {s}–{e}")))
}

/// A dismissal row: topic id and title, or host id and name.
type DismissalRow = (Option<i64>, Option<String>, Option<i64>, Option<String>);

impl Store {
    /// Everything the recommender needs about `community`'s members (only `only` when given)
    /// and, without `only`, its open topics. `day` is the range counted in `meetings_in_day`.
    pub async fn matching_data(
        &self,
        community: CommunityId,
        only: Option<MemberId>,
        now: DateTime<Utc>,
        day: &TimeRange,
    ) -> StoreResult<MatchingData> {
        // Every query filters by community and, for one member, by that member.
        let scoped = |base: &str, member_column: &str| {
            let mut sql = Sql::new(base);
            let c = sql.int(community.0);
            sql.push(&format!(" WHERE {member_column}community_id = {c}"));
            if let Some(m) = only {
                let p = sql.int(m.0);
                sql.push(&format!(" AND {member_column}member_id = {p}"));
            }
            sql
        };

        let mut sql = Sql::new(
            "SELECT m.id, u.display_name, m.headline, m.bio, m.team, m.languages, m.daily_cap \
             FROM members m JOIN users u ON u.id = m.user_id",
        );
        let c = sql.int(community.0);
        // Former members (who left or deleted their account) are no one to meet.
        sql.push(&format!(" WHERE u.former = 0 AND m.community_id = {c}"));
        if let Some(m) = only {
            let p = sql.int(m.0);
            sql.push(&format!(" AND m.id = {p}"));
        }
        sql.push(" ORDER BY m.id");
        let rows: Vec<ProfileRow> = sql.query_as().fetch_all(self.reader()).await?;
        let mut members: Vec<MatchingMember> = rows
            .into_iter()
            .map(|r| MatchingMember {
                id: MemberId(r.id),
                display_name: r.display_name,
                headline: r.headline,
                bio: r.bio,
                team: r.team,
                languages: split_lines(&r.languages),
                daily_cap: r.daily_cap.and_then(|c| u32::try_from(c).ok()),
                offers: Vec::new(),
                wants: Vec::new(),
                availability: Vec::new(),
                busy: Vec::new(),
                met: Vec::new(),
                meetings_in_day: 0,
                dismissed_topics: Vec::new(),
                dismissed_hosts: Vec::new(),
            })
            .collect();
        let at: HashMap<i64, usize> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.0, i))
            .collect();
        let mut each = |id: i64, f: &mut dyn FnMut(&mut MatchingMember)| {
            if let Some(&i) = at.get(&id) {
                f(&mut members[i]);
            }
        };

        let sql = scoped("SELECT member_id, kind, tag FROM member_tags", "");
        let tags: Vec<(i64, String, String)> = sql.query_as().fetch_all(self.reader()).await?;
        for (id, kind, tag) in tags {
            each(id, &mut |m| match kind.as_str() {
                "offer" => m.offers.push(tag.clone()),
                _ => m.wants.push(tag.clone()),
            });
        }

        let mut sql = scoped("SELECT member_id, starts_at, ends_at FROM availability", "");
        let t = sql.int(now.timestamp());
        sql.push(&format!(" AND ends_at > {t} ORDER BY starts_at"));
        let windows: Vec<(i64, i64, i64)> = sql.query_as().fetch_all(self.reader()).await?;
        for (id, s, e) in windows {
            let r = range(s, e)?;
            each(id, &mut |m| m.availability.push(r));
        }

        let mut sql = scoped(
            "SELECT member_id, starts_at, ends_at FROM meeting_participants",
            "",
        );
        let t = sql.int(now.timestamp());
        sql.push(&format!(" AND status = 'confirmed' AND ends_at > {t}"));
        let busy: Vec<(i64, i64, i64)> = sql.query_as().fetch_all(self.reader()).await?;
        let (day_start, day_end) = (day.start().timestamp(), day.end().timestamp());
        for (id, s, e) in busy {
            let r = range(s, e)?;
            each(id, &mut |m| {
                m.busy.push(r);
                if (day_start..day_end).contains(&s) {
                    m.meetings_in_day += 1;
                }
            });
        }

        let sql = scoped(
            "SELECT a.member_id, b.member_id FROM meeting_participants a \
             JOIN meeting_participants b ON b.meeting_id = a.meeting_id \
             AND b.member_id <> a.member_id AND b.status = 'confirmed'",
            "a.",
        );
        let mut sql = sql;
        sql.push(" AND a.status = 'confirmed'");
        let met: Vec<(i64, i64)> = sql.query_as().fetch_all(self.reader()).await?;
        for (id, other) in met {
            each(id, &mut |m| m.met.push(MemberId(other)));
        }

        let sql = scoped(
            "SELECT member_id, topic_id, host_member_id FROM dismissals",
            "",
        );
        let dismissals: Vec<(i64, Option<i64>, Option<i64>)> =
            sql.query_as().fetch_all(self.reader()).await?;
        for (id, topic, host) in dismissals {
            each(id, &mut |m| {
                if let Some(t) = topic {
                    m.dismissed_topics.push(TopicId(t));
                }
                if let Some(h) = host {
                    m.dismissed_hosts.push(MemberId(h));
                }
            });
        }
        for m in &mut members {
            m.met.sort();
            m.met.dedup();
        }

        let topics = if only.is_some() {
            Vec::new()
        } else {
            let rows: Vec<TopicRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {TOPIC_COLUMNS} FROM topics t {TOPIC_JOINS} \
                 WHERE t.community_id = $1 AND t.status = 'open' AND m.paused_at IS NULL ORDER BY t.id"
            )))
            .bind(community.0)
            .fetch_all(self.reader())
            .await?;
            rows.into_iter()
                .map(Topic::try_from)
                .collect::<StoreResult<Vec<_>>>()?
        };
        Ok(MatchingData { members, topics })
    }

    /// A fingerprint of what the recommender reads in bulk; a cached index whose fingerprint
    /// differs is stale. Profile edits made by other server processes are not in it (the cache
    /// also expires after a while).
    pub async fn matching_fingerprint(
        &self,
        community: CommunityId,
    ) -> StoreResult<MatchingFingerprint> {
        let row: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM topics WHERE community_id = $1 AND status = 'open'), \
             (SELECT COALESCE(MAX(id), 0) FROM topics WHERE community_id = $1), \
             (SELECT COUNT(*) + COALESCE(MAX(id), 0) FROM dismissals WHERE community_id = $1), \
             (SELECT COUNT(*) FROM members WHERE community_id = $1 AND paused_at IS NOT NULL), \
             (SELECT COUNT(*) FROM members m JOIN users u ON u.id = m.user_id \
              WHERE m.community_id = $1 AND u.former = 0), \
             (SELECT COALESCE(MAX(id), 0) FROM members WHERE community_id = $1), \
             (SELECT COUNT(*) FROM meetings WHERE community_id = $1 AND status = 'confirmed'), \
             (SELECT COALESCE(MAX(updated_at), 0) FROM meetings WHERE community_id = $1)",
        )
        .bind(community.0)
        .fetch_one(self.reader())
        .await?;
        Ok(MatchingFingerprint {
            structure: [row.0, row.1, row.2, row.3],
            members: [row.4, row.5],
            meetings: [row.6, row.7],
        })
    }

    /// The members of `community`'s meetings changed at or after `since` (Unix seconds), and
    /// its members newer than `after`: whose busy times, people met and meetings today may
    /// have changed since a fingerprint was taken.
    pub async fn members_changed_since(
        &self,
        community: CommunityId,
        since: i64,
        after: MemberId,
    ) -> StoreResult<Vec<MemberId>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT p.member_id FROM meeting_participants p JOIN meetings g ON g.id = p.meeting_id \
             WHERE g.community_id = $1 AND g.updated_at >= $2 \
             UNION SELECT id FROM members WHERE community_id = $1 AND id > $3",
        )
        .bind(community.0)
        .bind(since)
        .bind(after.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(|(m,)| MemberId(m)).collect())
    }

    /// `member` is not interested in `topic` (of the same community, not their own).
    /// Dismissing twice is the same as once.
    pub async fn dismiss_topic(
        &self,
        community: CommunityId,
        member: MemberId,
        topic: TopicId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        let host: Option<(i64,)> =
            sqlx::query_as("SELECT host_member_id FROM topics WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(topic.0)
                .fetch_optional(&mut *tx)
                .await?;
        match host {
            None => return Err(StoreError::NotFound("topic")),
            Some((h,)) if h == member.0 => {
                return Err(StoreError::conflict(
                    "own_topic",
                    "this is your own topic; close it instead",
                ));
            }
            Some(_) => {}
        }
        sqlx::query(
            "INSERT INTO dismissals (community_id, member_id, topic_id, created_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (member_id, topic_id) WHERE topic_id IS NOT NULL DO NOTHING",
        )
        .bind(community.0)
        .bind(member.0)
        .bind(topic.0)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// `member` is not interested in what `host` (another member) offers or asks.
    pub async fn dismiss_host(
        &self,
        community: CommunityId,
        member: MemberId,
        host: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if host == member {
            return Err(StoreError::conflict(
                "own_profile",
                "you cannot dismiss yourself",
            ));
        }
        let mut tx = self.write_tx().await?;
        let exists: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM members WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(host.0)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound("member"));
        }
        sqlx::query(
            "INSERT INTO dismissals (community_id, member_id, host_member_id, created_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (member_id, host_member_id) WHERE host_member_id IS NOT NULL DO NOTHING",
        )
        .bind(community.0)
        .bind(member.0)
        .bind(host.0)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// Undoes a dismissal of a topic; returns whether there was one.
    pub async fn undo_dismiss_topic(&self, member: MemberId, topic: TopicId) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM dismissals WHERE member_id = $1 AND topic_id = $2")
            .bind(member.0)
            .bind(topic.0)
            .execute(self.writer())
            .await?;
        self.wrote();
        Ok(done.rows_affected() > 0)
    }

    /// Undoes a dismissal of a host; returns whether there was one.
    pub async fn undo_dismiss_host(&self, member: MemberId, host: MemberId) -> StoreResult<bool> {
        let done =
            sqlx::query("DELETE FROM dismissals WHERE member_id = $1 AND host_member_id = $2")
                .bind(member.0)
                .bind(host.0)
                .execute(self.writer())
                .await?;
        self.wrote();
        Ok(done.rows_affected() > 0)
    }

    /// A member's dismissals, newest first, at most `limit`.
    pub async fn dismissals(&self, member: MemberId, limit: i64) -> StoreResult<Vec<Dismissed>> {
        let rows: Vec<DismissalRow> = sqlx::query_as(
            "SELECT d.topic_id, t.title, d.host_member_id, u.display_name \
                 FROM dismissals d \
                 LEFT JOIN topics t ON t.id = d.topic_id \
                 LEFT JOIN members m ON m.id = d.host_member_id \
                 LEFT JOIN users u ON u.id = m.user_id \
                 WHERE d.member_id = $1 ORDER BY d.id DESC LIMIT $2",
        )
        .bind(member.0)
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|row| match row {
                (Some(id), Some(title), _, _) => Ok(Dismissed::Topic {
                    id: TopicId(id),
                    title,
                }),
                (None, _, Some(id), Some(name)) => Ok(Dismissed::Host {
                    id: MemberId(id),
                    name,
                }),
                _ => Err(StoreError::Corrupt("dismissal".into())),
            })
            .collect()
    }
}
