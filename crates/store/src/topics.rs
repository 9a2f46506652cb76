//! Topics: posting, reading and the topic market (full-text search, filters, pagination).

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    BoundedText, CommunityId, MeetingMode, MemberId, Minutes, ParticipantRole, Tag, TagList,
    TopicFormat, TopicId, TopicKind,
};

use crate::market_cache::PageKey;
use crate::records::{Page, Topic, TopicFilter, TopicRow};
use crate::sql::{Sql, search_terms};
use crate::{Store, StoreError, StoreResult};

/// A topic to post, already validated.
#[derive(Debug, Clone)]
pub struct NewTopic {
    pub kind: TopicKind,
    pub title: BoundedText,
    pub description: BoundedText,
    /// The description rendered to safe HTML (done once, by the caller that owns rendering).
    pub description_html: String,
    pub tags: TagList,
    pub format: TopicFormat,
    /// 1 for one-on-one; the seats of a group.
    pub capacity: u32,
    pub mode: MeetingMode,
    pub duration: Minutes,
    /// A fixed time (group topics only).
    pub starts_at: Option<DateTime<Utc>>,
}

/// What the host (or an organizer) may change of a posted topic, already validated: its kind,
/// format, mode, duration, capacity and time stay as posted.
#[derive(Debug, Clone)]
pub struct TopicEdit {
    pub title: BoundedText,
    pub description: BoundedText,
    /// The description rendered to safe HTML (done once, by the caller that owns rendering).
    pub description_html: String,
    pub tags: TagList,
}

pub(crate) const TOPIC_COLUMNS: &str = "t.id, t.community_id, t.host_member_id, u.display_name AS host_name, \
     m.team AS host_team, t.kind, t.title, t.description, t.description_html, t.tags, t.format, t.capacity, t.mode, \
     t.duration_minutes, t.starts_at, t.status, t.created_at";

pub(crate) const TOPIC_JOINS: &str = "JOIN members m ON m.community_id = t.community_id AND m.id = t.host_member_id \
     JOIN users u ON u.id = m.user_id";

/// Writes a topic and its tags inside the caller's transaction; returns its id.
pub(crate) async fn insert_topic(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    host: MemberId,
    new: &NewTopic,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let tags: Vec<&str> = new.tags.iter().map(Tag::as_str).collect();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO topics (community_id, host_member_id, kind, title, description, tags, \
             format, capacity, mode, duration_minutes, starts_at, created_at, description_html) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(community.0)
    .bind(host.0)
    .bind(new.kind.as_str())
    .bind(new.title.as_str())
    .bind(new.description.as_str())
    .bind(tags.join("\n"))
    .bind(new.format.as_str())
    .bind(i64::from(new.capacity))
    .bind(new.mode.as_str())
    .bind(i64::from(new.duration.get()))
    .bind(new.starts_at.map(|t| t.timestamp()))
    .bind(now.timestamp())
    .bind(&new.description_html)
    .fetch_one(&mut **tx)
    .await?;
    for tag in &tags {
        sqlx::query("INSERT INTO topic_tags (community_id, topic_id, tag) VALUES ($1, $2, $3)")
            .bind(community.0)
            .bind(id)
            .bind(*tag)
            .execute(&mut **tx)
            .await?;
    }
    crate::tag_labels::remember(tx, community, new.tags.iter()).await?;
    if new.kind == TopicKind::Ask && !tags.is_empty() {
        crate::outbox::enqueue(
            tx,
            community.0,
            crate::outbox::JobKind::DemandCheck,
            id,
            Some(host.0),
            "",
            now,
            now,
        )
        .await?;
    }
    Ok(id)
}

impl Store {
    /// Posts a topic hosted by `host`, with its tags, in one transaction. A group topic with a
    /// fixed time gets its meeting at once: the host takes the first seat and the smallest free
    /// spot for the whole group is booked (`no_spot_free`, `person_busy` and nothing written
    /// otherwise); `video_room` is its link if it meets by video.
    pub async fn create_topic(
        &self,
        community: CommunityId,
        host: MemberId,
        new: &NewTopic,
        video_room: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Topic> {
        let mut tx = self.write_tx().await?;
        let id = insert_topic(&mut tx, community, host, new, now).await?;
        if let Some(start) = new.starts_at {
            let start = start.timestamp();
            let end = start + 60 * i64::from(new.duration.get());
            let people = i64::from(new.capacity) + 1;
            crate::meetings::locks::lock_people(&mut tx, self.backend(), &[host.0]).await?;
            crate::meetings::booking::write_meeting(
                &mut tx,
                community.0,
                id,
                start,
                end,
                people,
                new.mode,
                video_room,
                &[(host.0, ParticipantRole::Host)],
                &[],
                now,
            )
            .await?;
        }
        tx.commit().await.map_err(crate::error::write_error)?;
        self.wrote();
        self.market.forget();
        self.labels.forget();
        self.topic(TopicId(id)).await
    }

    /// A topic by id (any community: the caller checks visibility).
    pub async fn topic(&self, id: TopicId) -> StoreResult<Topic> {
        let row: Option<TopicRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TOPIC_COLUMNS} FROM topics t {TOPIC_JOINS} WHERE t.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("topic"))?.try_into()
    }

    /// Opens or closes a topic (its host or an organizer; the caller checks).
    pub async fn set_topic_open(&self, id: TopicId, open: bool) -> StoreResult<Topic> {
        let done = sqlx::query("UPDATE topics SET status = $1 WHERE id = $2")
            .bind(if open { "open" } else { "closed" })
            .bind(id.0)
            .execute(self.writer())
            .await?;
        self.market.forget();
        self.wrote();
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("topic"));
        }
        self.topic(id).await
    }

    /// Changes a topic's title, description and tags (its host or an organizer; the caller
    /// checks) in one transaction: the row (and with it the full-text index: SQLite's trigger,
    /// PostgreSQL's generated column), its `topic_tags` and the community's tag labels.
    /// `NotFound` for a topic of another community.
    pub async fn update_topic(
        &self,
        community: CommunityId,
        id: TopicId,
        edit: &TopicEdit,
    ) -> StoreResult<Topic> {
        let tags: Vec<&str> = edit.tags.iter().map(Tag::as_str).collect();
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE topics SET title = $1, description = $2, description_html = $3, tags = $4 \
             WHERE community_id = $5 AND id = $6",
        )
        .bind(edit.title.as_str())
        .bind(edit.description.as_str())
        .bind(&edit.description_html)
        .bind(tags.join("\n"))
        .bind(community.0)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("topic"));
        }
        sqlx::query("DELETE FROM topic_tags WHERE community_id = $1 AND topic_id = $2")
            .bind(community.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        for tag in &tags {
            sqlx::query("INSERT INTO topic_tags (community_id, topic_id, tag) VALUES ($1, $2, $3)")
                .bind(community.0)
                .bind(id.0)
                .bind(*tag)
                .execute(&mut *tx)
                .await?;
        }
        crate::tag_labels::remember(&mut tx, community, edit.tags.iter()).await?;
        tx.commit().await.map_err(crate::error::write_error)?;
        self.wrote();
        self.market.forget();
        self.labels.forget();
        self.topic(id).await
    }

    /// One page of a community's topics: by relevance when searching, newest first otherwise.
    /// Served from the market cache when the answer is the same for every member (see
    /// [`crate::market_cache`]).
    pub async fn topics(
        &self,
        community: CommunityId,
        filter: &TopicFilter,
    ) -> StoreResult<std::sync::Arc<Page<Topic>>> {
        let Some(key) = PageKey::of(community.0, filter) else {
            return Ok(std::sync::Arc::new(
                self.topics_from_database(community, filter).await?,
            ));
        };
        // Taken before the viewer is checked: if their topic is hidden meanwhile, the page read
        // below (which would still list it for them) is not kept.
        let read = self.market.generation();
        // A host of a hidden topic still sees it: their market is their own.
        if let Some(viewer) = filter.viewer
            && self
                .hidden_topic_hosts(community)
                .await?
                .contains(&viewer.0)
        {
            return Ok(std::sync::Arc::new(
                self.topics_from_database(community, filter).await?,
            ));
        }
        if let Some(page) = self.market.page(&key) {
            return Ok(page);
        }
        let _filling = self.market.fill(&key).await;
        if let Some(page) = self.market.page(&key) {
            return Ok(page);
        }
        let page = std::sync::Arc::new(self.topics_from_database(community, filter).await?);
        self.market.keep_page(read, key, page.clone());
        Ok(page)
    }

    /// Members of a community who host a topic hidden by a moderator.
    async fn hidden_topic_hosts(
        &self,
        community: CommunityId,
    ) -> StoreResult<std::sync::Arc<std::collections::HashSet<i64>>> {
        if let Some(hosts) = self.market.hidden_hosts(community.0) {
            return Ok(hosts);
        }
        let read = self.market.generation();
        let _filling = self.market.fill(&community.0).await;
        if let Some(hosts) = self.market.hidden_hosts(community.0) {
            return Ok(hosts);
        }
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT t.host_member_id FROM hidden_items h JOIN topics t ON t.id = h.subject_id \
             WHERE h.subject_kind = 'topic' AND t.community_id = $1",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        let hosts = std::sync::Arc::new(rows.into_iter().map(|(h,)| h).collect());
        self.market
            .keep_hidden_hosts(read, community.0, std::sync::Arc::clone(&hosts));
        Ok(hosts)
    }

    async fn topics_from_database(
        &self,
        community: CommunityId,
        filter: &TopicFilter,
    ) -> StoreResult<Page<Topic>> {
        let limit = filter.limit.clamp(1, 200);
        let terms = filter.q.as_deref().map(search_terms).unwrap_or_default();
        let mut sql = Sql::new(&format!(
            "SELECT {TOPIC_COLUMNS} FROM topics t {TOPIC_JOINS}"
        ));
        let search = (!terms.is_empty()).then(|| {
            sql.join_full_text(self.backend(), &terms, "topics_fts", "10.0, 1.0, 5.0", "t")
        });
        let c = sql.int(community.0);
        sql.push(&format!(" WHERE t.community_id = {c}"));
        if let Some(filter) = search.as_ref().and_then(|s| s.filter.as_deref()) {
            sql.push(filter);
        }
        if !filter.include_closed {
            sql.push(" AND t.status = 'open'");
        }
        if !filter.moderator {
            let v = sql.int(filter.viewer.map_or(-1, |v| v.0));
            sql.push(&format!(
                " AND (t.host_member_id = {v} OR NOT EXISTS (SELECT 1 FROM hidden_items h \
                 WHERE h.subject_kind = 'topic' AND h.subject_id = t.id))"
            ));
        }
        if let Some(tag) = &filter.tag {
            let p = sql.text(tag.as_str());
            sql.push(&format!(
                " AND EXISTS (SELECT 1 FROM topic_tags tt WHERE tt.topic_id = t.id AND tt.tag = {p})"
            ));
        }
        for (column, value) in [
            ("t.kind", filter.kind.map(TopicKind::as_str)),
            ("t.format", filter.format.map(TopicFormat::as_str)),
            ("t.mode", filter.mode.map(MeetingMode::as_str)),
        ] {
            if let Some(v) = value {
                let p = sql.text(v);
                sql.push(&format!(" AND {column} = {p}"));
            }
        }
        if let Some(host) = filter.host {
            let p = sql.int(host.0);
            sql.push(&format!(" AND t.host_member_id = {p}"));
        }
        if let Some((member, after)) = filter.free_for {
            let (least, greatest) = self.backend().least_greatest();
            let m = sql.int(member.0);
            let a = sql.int(after.timestamp());
            sql.push(&format!(
                " AND ((t.starts_at IS NOT NULL AND t.starts_at > {a} AND EXISTS (SELECT 1 FROM availability ma \
                 WHERE ma.member_id = {m} AND ma.starts_at <= t.starts_at \
                 AND ma.ends_at >= t.starts_at + 60 * t.duration_minutes)) \
                 OR (t.starts_at IS NULL AND EXISTS (SELECT 1 FROM availability ha \
                 JOIN availability ma ON ma.member_id = {m} \
                 WHERE ha.member_id = t.host_member_id \
                 AND {least}(ha.ends_at, ma.ends_at) - {greatest}(ha.starts_at, ma.starts_at, {a}) \
                 >= 60 * t.duration_minutes)))"
            ));
        }
        if let Some(day) = &filter.day {
            let (least, greatest) = self.backend().least_greatest();
            let s = sql.int(day.start().timestamp());
            let e = sql.int(day.end().timestamp());
            sql.push(&format!(
                " AND ((t.starts_at IS NOT NULL AND t.starts_at >= {s} AND t.starts_at < {e}) \
                 OR (t.starts_at IS NULL AND EXISTS (SELECT 1 FROM availability da \
                 WHERE da.member_id = t.host_member_id AND da.starts_at < {e} AND da.ends_at > {s} \
                 AND {least}(da.ends_at, {e}) - {greatest}(da.starts_at, {s}) >= 60 * t.duration_minutes)))"
            ));
        }
        match (&search, filter.soonest) {
            (_, true) => sql.push(
                " ORDER BY CASE WHEN t.starts_at IS NULL THEN 1 ELSE 0 END, t.starts_at, t.id DESC",
            ),
            (Some(s), false) => sql.push(&format!(" ORDER BY {}, t.id DESC", s.rank)),
            (None, false) => sql.push(" ORDER BY t.id DESC"),
        };
        let l = sql.int(limit + 1);
        let o = sql.int(filter.offset.max(0));
        sql.push(&format!(" LIMIT {l} OFFSET {o}"));
        let rows: Vec<TopicRow> = sql.query_as().fetch_all(self.reader()).await?;
        Page::from_offset_rows(rows, limit, filter.offset.max(0))
    }

    /// The most used topic tags of a community (served from the market cache).
    pub async fn topic_tags(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<std::sync::Arc<Vec<crate::TagCount>>> {
        let limit = limit.clamp(1, 200);
        if let Some(tags) = self.market.tags(community.0, limit) {
            return Ok(tags);
        }
        let read = self.market.generation();
        let _filling = self.market.fill(&(community.0, limit)).await;
        if let Some(tags) = self.market.tags(community.0, limit) {
            return Ok(tags);
        }
        let tags = std::sync::Arc::new(self.topic_tags_from_database(community, limit).await?);
        self.market
            .keep_tags(read, community.0, limit, std::sync::Arc::clone(&tags));
        Ok(tags)
    }

    async fn topic_tags_from_database(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<Vec<crate::TagCount>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT tt.tag, COUNT(*) AS n FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
             WHERE tt.community_id = $1 AND t.status = 'open' AND NOT EXISTS (SELECT 1 FROM hidden_items h \
             WHERE h.subject_kind = 'topic' AND h.subject_id = t.id) GROUP BY tt.tag ORDER BY n DESC, tt.tag LIMIT $2",
        )
        .bind(community.0)
        .bind(limit.clamp(1, 200))
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(tag, count)| crate::TagCount { tag, count })
            .collect())
    }
}
