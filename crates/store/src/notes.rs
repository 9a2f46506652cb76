//! The knowledge base: notes of what people learned, shared with consent from their feedback,
//! tagged like the meeting's topic, searchable (SQLite FTS5 / PostgreSQL tsvector) and
//! browsable by tag. Authors are named only when they agreed to be.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, Feedback, MeetingId, MemberId, NoteId, TopicId};

use crate::records::{Page, split_lines, time};
use crate::sql::{Sql, search_terms};
use crate::{Store, StoreError, StoreResult, TagCount};

/// A note in the knowledge base.
#[derive(Debug, Clone)]
pub struct Note {
    pub id: NoteId,
    pub community_id: CommunityId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub meeting_id: MeetingId,
    /// The author, only when they agreed to be named.
    pub author: Option<(MemberId, String)>,
    /// The author, always (for moderators and the author's own view; never shown to others).
    pub author_member: MemberId,
    pub body: String,
    pub link: String,
    pub tags: Vec<String>,
    /// Hidden by a moderator (`store::moderation`), with the reason.
    pub hidden: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Which notes to list.
#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    pub q: Option<String>,
    pub tag: Option<String>,
    pub topic: Option<TopicId>,
    /// Moderators see hidden notes too (marked); everyone else never does.
    pub include_hidden: bool,
    pub limit: i64,
    pub offset: i64,
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    community_id: i64,
    topic_id: i64,
    topic_title: String,
    meeting_id: i64,
    author_member_id: i64,
    author_name: String,
    named: i64,
    body: String,
    link: String,
    tags: String,
    hidden_reason: Option<String>,
    created_at: i64,
}

impl TryFrom<NoteRow> for Note {
    type Error = StoreError;

    fn try_from(r: NoteRow) -> StoreResult<Self> {
        Ok(Self {
            id: NoteId(r.id),
            community_id: CommunityId(r.community_id),
            topic_id: TopicId(r.topic_id),
            topic_title: r.topic_title,
            meeting_id: MeetingId(r.meeting_id),
            author: (r.named == 1).then_some((MemberId(r.author_member_id), r.author_name)),
            author_member: MemberId(r.author_member_id),
            body: r.body,
            link: r.link,
            tags: split_lines(&r.tags),
            hidden: r.hidden_reason,
            created_at: time(r.created_at)?,
        })
    }
}

const NOTE_SELECT: &str = "SELECT n.id, n.community_id, n.topic_id, t.title AS topic_title, \
     n.meeting_id, n.author_member_id, u.display_name AS author_name, n.named, n.body, n.link, \
     n.tags, h.reason AS hidden_reason, n.created_at \
     FROM notes n JOIN topics t ON t.id = n.topic_id \
     JOIN members m ON m.id = n.author_member_id JOIN users u ON u.id = m.user_id \
     LEFT JOIN hidden_items h ON h.subject_kind = 'note' AND h.subject_id = n.id";

/// Writes the note of a feedback, tagged like its topic (inside the feedback's transaction).
pub(crate) async fn insert_note(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    topic: i64,
    meeting: i64,
    member: i64,
    feedback: &Feedback,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let tags: Vec<(String,)> =
        sqlx::query_as("SELECT tag FROM topic_tags WHERE topic_id = $1 ORDER BY tag")
            .bind(topic)
            .fetch_all(&mut **tx)
            .await?;
    let tags: Vec<String> = tags.into_iter().map(|(t,)| t).collect();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO notes (community_id, topic_id, meeting_id, author_member_id, named, body, link, tags, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(community)
    .bind(topic)
    .bind(meeting)
    .bind(member)
    .bind(i64::from(feedback.named))
    .bind(&feedback.learned)
    .bind(&feedback.link)
    .bind(tags.join("\n"))
    .bind(now.timestamp())
    .fetch_one(&mut **tx)
    .await?;
    for tag in &tags {
        sqlx::query("INSERT INTO note_tags (note_id, community_id, tag) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(community)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

impl Store {
    /// One page of a community's knowledge base: best matches first when searching, else
    /// newest first.
    pub async fn notes(
        &self,
        community: CommunityId,
        filter: &NoteFilter,
    ) -> StoreResult<Page<Note>> {
        let limit = filter.limit.clamp(1, 200);
        let terms = filter.q.as_deref().map(search_terms).unwrap_or_default();
        let mut sql = Sql::new(NOTE_SELECT);
        let search = (!terms.is_empty())
            .then(|| sql.join_full_text(self.backend(), &terms, "notes_fts", "2.0, 1.0", "n"));
        let order = search.as_ref().map_or_else(
            || "n.id DESC".to_string(),
            |s| format!("{}, n.id DESC", s.rank),
        );
        let c = sql.int(community.0);
        sql.push(&format!(" WHERE n.community_id = {c}"));
        if let Some(filter) = search.as_ref().and_then(|s| s.filter.as_deref()) {
            sql.push(filter);
        }
        if !filter.include_hidden {
            sql.push(" AND h.subject_id IS NULL");
        }
        if let Some(tag) = &filter.tag {
            let p = sql.text(tag.as_str());
            sql.push(&format!(
                " AND EXISTS (SELECT 1 FROM note_tags nt WHERE nt.note_id = n.id AND nt.tag = {p})"
            ));
        }
        if let Some(topic) = filter.topic {
            let p = sql.int(topic.0);
            sql.push(&format!(" AND n.topic_id = {p}"));
        }
        let l = sql.int(limit + 1);
        let o = sql.int(filter.offset.max(0));
        sql.push(&format!(" ORDER BY {order} LIMIT {l} OFFSET {o}"));
        let rows: Vec<NoteRow> = sql.query_as().fetch_all(self.reader()).await?;
        Page::from_offset_rows(rows, limit, filter.offset.max(0))
    }

    /// One note, hidden or not (callers decide who may see a hidden one).
    pub async fn note(&self, id: NoteId) -> StoreResult<Note> {
        let row: Option<NoteRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{NOTE_SELECT} WHERE n.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("note"))?.try_into()
    }

    /// The tags of a community's visible notes, most used first.
    pub async fn note_tags(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<Vec<TagCount>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT nt.tag, COUNT(*) AS n FROM note_tags nt JOIN notes n ON n.id = nt.note_id \
             WHERE nt.community_id = $1 AND NOT EXISTS (SELECT 1 FROM hidden_items h \
             WHERE h.subject_kind = 'note' AND h.subject_id = n.id) GROUP BY nt.tag ORDER BY n DESC, nt.tag LIMIT $2",
        )
        .bind(community.0)
        .bind(limit.clamp(1, 200))
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(tag, count)| TagCount { tag, count })
            .collect())
    }
}
