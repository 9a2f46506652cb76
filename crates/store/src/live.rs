//! Live updates: the rows the notification pipeline's live channel writes, numbered per user.
//!
//! Each user has one stream of events, numbered 1, 2, 3… in the order their events completed
//! (`live_streams.last_id` is raised in the transaction that completes them, so a second
//! completion for the same user waits for the first one's row and takes the next numbers).
//! A client that reconnects with the last number it saw reads exactly what came after it.
//! After the commit the users concerned are woken ([`crate::LiveFeed`]): in process on
//! SQLite, and through `NOTIFY` (sent at commit) to every server process on PostgreSQL.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, MemberId, UserId};

use crate::db::Backend;
use crate::outbox::CompletedEvent;
use crate::sql::Sql;
use crate::{Store, StoreResult};

/// The PostgreSQL channel completions notify, with the users concerned as the payload.
pub(crate) const CHANNEL: &str = "peerlearn_live";

/// Rows per statement (well under both backends' limits on bound parameters).
const ROWS: usize = 200;

/// Users named in one `NOTIFY` payload (it must stay under 8,000 bytes).
const USERS_PER_NOTIFY: usize = 400;

/// What the live channel sends a member about one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLiveEvent {
    pub member: MemberId,
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    pub link: String,
}

/// One event of a user's live stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// The event's number in the user's stream.
    pub id: i64,
    pub community: CommunityId,
    pub member: MemberId,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
}

/// What a member's navigation counts: unread inbox entries and requests waiting for their
/// answer; and the number of the last event of their user's live stream, from which a page
/// rendered with these counts starts listening.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NavCounts {
    pub inbox: i64,
    pub requests: i64,
    pub last_event: i64,
}

#[derive(sqlx::FromRow)]
struct LiveRow {
    id: i64,
    community_id: i64,
    member_id: i64,
    kind: String,
    title: String,
    body: String,
    link: String,
    created_at: i64,
}

/// Writes the live events of `events` inside the transaction that completes them; returns the
/// users to wake once it commits. On PostgreSQL the `NOTIFY` is part of the transaction, so
/// other processes hear of it exactly when the rows are visible.
pub(crate) async fn write_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    events: &[CompletedEvent],
    now: DateTime<Utc>,
) -> StoreResult<Vec<UserId>> {
    let all: Vec<(CommunityId, &NewLiveEvent)> = events
        .iter()
        .flat_map(|e| e.live.iter().map(|l| (e.community, l)))
        .collect();
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let mut members: Vec<i64> = all.iter().map(|(_, l)| l.member.0).collect();
    members.sort_unstable();
    members.dedup();
    let mut user_of: HashMap<i64, i64> = HashMap::new();
    for chunk in members.chunks(ROWS) {
        let mut q = Sql::new("SELECT id, user_id FROM members WHERE id IN (");
        let ids: Vec<String> = chunk.iter().map(|m| q.int(*m)).collect();
        q.push(&ids.join(", ")).push(")");
        let rows: Vec<(i64, i64)> = q.query_as().fetch_all(&mut **tx).await?;
        user_of.extend(rows);
    }
    // Each user's events in completion order; users in ascending order, so that two
    // transactions raising the same users' numbers lock their rows in the same order.
    let mut by_user: BTreeMap<i64, Vec<(CommunityId, &NewLiveEvent)>> = BTreeMap::new();
    for (community, live) in all {
        if let Some(user) = user_of.get(&live.member.0) {
            by_user.entry(*user).or_default().push((community, live));
        }
    }
    let users: Vec<(i64, i64)> = by_user.iter().map(|(u, e)| (*u, e.len() as i64)).collect();
    let mut last: HashMap<i64, i64> = HashMap::new();
    for chunk in users.chunks(ROWS) {
        let mut q = Sql::new("INSERT INTO live_streams (user_id, last_id) VALUES ");
        for (user, n) in chunk {
            let row = [q.int(*user), q.int(*n)];
            q.values(&row);
        }
        q.push(
            " ON CONFLICT (user_id) DO UPDATE SET last_id = live_streams.last_id + excluded.last_id \
             RETURNING user_id, last_id",
        );
        let rows: Vec<(i64, i64)> = q.query_as().fetch_all(&mut **tx).await?;
        last.extend(rows);
    }
    let mut rows: Vec<(i64, i64, CommunityId, &NewLiveEvent)> = Vec::new();
    for (user, list) in &by_user {
        let first = last.get(user).copied().unwrap_or_default() - list.len() as i64 + 1;
        for (i, (community, live)) in list.iter().enumerate() {
            rows.push((*user, first + i as i64, *community, live));
        }
    }
    for chunk in rows.chunks(ROWS) {
        let mut insert = Sql::new(
            "INSERT INTO live_events (user_id, id, community_id, member_id, kind, title, body, \
             link, created_at) VALUES ",
        );
        let at = insert.int(now.timestamp());
        for (user, id, community, live) in chunk {
            let row = [
                insert.int(*user),
                insert.int(*id),
                insert.int(community.0),
                insert.int(live.member.0),
                insert.text(live.kind),
                insert.text(&live.title),
                insert.text(&live.body),
                insert.text(&live.link),
                at.clone(),
            ];
            insert.values(&row);
        }
        insert.query().execute(&mut **tx).await?;
    }
    let woken: Vec<UserId> = by_user.keys().map(|u| UserId(*u)).collect();
    if backend == Backend::Postgres {
        for chunk in woken.chunks(USERS_PER_NOTIFY) {
            let payload: Vec<String> = chunk.iter().map(|u| u.0.to_string()).collect();
            let _: (bool,) = sqlx::query_as("SELECT pg_notify($1, $2)::text IS NULL")
                .bind(CHANNEL)
                .bind(payload.join(","))
                .fetch_one(&mut **tx)
                .await?;
        }
    }
    Ok(woken)
}

/// The users a `NOTIFY` payload names (ids joined by commas; anything else is skipped).
pub(crate) fn users_in(payload: &str) -> impl Iterator<Item = UserId> + '_ {
    payload
        .split(',')
        .filter_map(|u| u.trim().parse().ok())
        .map(UserId)
}

impl Store {
    /// The events of `user`'s live stream after number `after`, oldest first, at most `limit`.
    pub async fn live_events_after(
        &self,
        user: UserId,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<LiveEvent>> {
        let rows: Vec<LiveRow> = sqlx::query_as(
            "SELECT id, community_id, member_id, kind, title, body, link, created_at \
             FROM live_events WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(user.0)
        .bind(after)
        .bind(limit.clamp(1, 1000))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(LiveEvent {
                    id: r.id,
                    community: CommunityId(r.community_id),
                    member: MemberId(r.member_id),
                    kind: r.kind,
                    title: r.title,
                    body: r.body,
                    link: r.link,
                    created_at: crate::records::time(r.created_at)?,
                })
            })
            .collect()
    }

    /// The number of the last event of `user`'s live stream (0 before the first).
    pub async fn live_last_id(&self, user: UserId) -> StoreResult<i64> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT last_id FROM live_streams WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(self.reader())
                .await?;
        Ok(row.map_or(0, |(n,)| n))
    }

    /// What `member`'s navigation counts as of `now`, and where `user`'s live stream stands,
    /// in one query.
    pub async fn nav_counts(
        &self,
        user: UserId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<NavCounts> {
        let (inbox, requests, last_event): (i64, i64, i64) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM notifications WHERE member_id = $1 AND read_at IS NULL), \
             (SELECT COUNT(*) FROM meeting_requests r WHERE r.status = 'pending' \
               AND ((r.decider_member_id = $1 AND r.awaiting_requester = 0) \
                 OR (r.requester_member_id = $1 AND r.awaiting_requester = 1)) \
               AND EXISTS (SELECT 1 FROM request_times t WHERE t.request_id = r.id \
                 AND t.starts_at > $2)), \
             COALESCE((SELECT last_id FROM live_streams WHERE user_id = $3), 0)",
        )
        .bind(member.0)
        .bind(now.timestamp())
        .bind(user.0)
        .fetch_one(self.reader())
        .await?;
        Ok(NavCounts {
            inbox,
            requests,
            last_event,
        })
    }

    /// Forgets live events older than `keep` (a client away that long reloads its page, which
    /// reads everything afresh); returns how many went.
    pub async fn prune_live_events(&self, now: DateTime<Utc>, keep: Duration) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM live_events WHERE created_at < $1")
            .bind((now - keep).timestamp())
            .execute(self.writer())
            .await?;
        Ok(done.rows_affected())
    }
}
