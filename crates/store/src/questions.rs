//! Questions and answers: asking, answering, helpful votes, the accepted answer, turning a
//! question into an ask topic, and the questions list (full-text search, tag, unanswered).

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    AnswerId, BoundedText, CommunityId, MemberId, QuestionId, Tag, TagList, TopicId,
};

use crate::error::is_unique_violation;
use crate::outbox::{JobKind, enqueue};
use crate::records::{Page, split_lines, time};
use crate::sql::{Sql, search_terms};
use crate::{NewTopic, Store, StoreError, StoreResult};

/// A question to ask, already validated.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub title: BoundedText,
    pub body: BoundedText,
    /// The body rendered to safe HTML (by the caller that owns rendering).
    pub body_html: String,
    pub tags: TagList,
}

/// An answer to write, already validated.
#[derive(Debug, Clone)]
pub struct NewAnswer {
    pub body: BoundedText,
    pub body_html: String,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: QuestionId,
    pub community_id: CommunityId,
    pub asker: MemberId,
    pub asker_name: String,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub tags: Vec<String>,
    pub accepted_answer: Option<AnswerId>,
    /// The ask topic this question became, if it did.
    pub topic: Option<TopicId>,
    /// Answers not hidden by a moderator.
    pub answer_count: i64,
    /// Why a moderator hid it, if one did.
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub id: AnswerId,
    pub question_id: QuestionId,
    pub community_id: CommunityId,
    pub author: MemberId,
    pub author_name: String,
    pub body: String,
    pub body_html: String,
    pub helpful_count: i64,
    /// Whether the member the answer was read for marked it helpful.
    pub helpful_by_viewer: bool,
    pub accepted: bool,
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// What the questions list shows.
#[derive(Debug, Clone, Default)]
pub struct QuestionFilter {
    /// Full-text search over title, body and tags (stemmed; the last word may be a prefix).
    pub q: Option<String>,
    pub tag: Option<Tag>,
    /// Only questions without an answer.
    pub unanswered: bool,
    /// Only this member's questions.
    pub asker: Option<MemberId>,
    /// Who is looking: hidden questions are left out, except the viewer's own.
    pub viewer: Option<MemberId>,
    /// The viewer moderates the community: hidden questions are listed too.
    pub moderator: bool,
    /// How many matching questions to skip (the cursor).
    pub offset: i64,
    /// Page size (1 to 200).
    pub limit: i64,
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    community_id: i64,
    asker_member_id: i64,
    asker_name: String,
    title: String,
    body: String,
    body_html: String,
    tags: String,
    accepted_answer_id: Option<i64>,
    topic_id: Option<i64>,
    answer_count: i64,
    hidden_reason: Option<String>,
    created_at: i64,
}

impl TryFrom<QuestionRow> for Question {
    type Error = StoreError;

    fn try_from(r: QuestionRow) -> StoreResult<Self> {
        Ok(Question {
            id: QuestionId(r.id),
            community_id: CommunityId(r.community_id),
            asker: MemberId(r.asker_member_id),
            tags: split_lines(&r.tags),
            accepted_answer: r.accepted_answer_id.map(AnswerId),
            topic: r.topic_id.map(TopicId),
            created_at: time(r.created_at)?,
            asker_name: r.asker_name,
            title: r.title,
            body: r.body,
            body_html: r.body_html,
            answer_count: r.answer_count,
            hidden_reason: r.hidden_reason,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: i64,
    question_id: i64,
    community_id: i64,
    author_member_id: i64,
    author_name: String,
    body: String,
    body_html: String,
    helpful_count: i64,
    helpful_by_viewer: i64,
    accepted: i64,
    hidden_reason: Option<String>,
    created_at: i64,
}

impl TryFrom<AnswerRow> for Answer {
    type Error = StoreError;

    fn try_from(r: AnswerRow) -> StoreResult<Self> {
        Ok(Answer {
            id: AnswerId(r.id),
            question_id: QuestionId(r.question_id),
            community_id: CommunityId(r.community_id),
            author: MemberId(r.author_member_id),
            helpful_by_viewer: r.helpful_by_viewer != 0,
            accepted: r.accepted != 0,
            created_at: time(r.created_at)?,
            author_name: r.author_name,
            body: r.body,
            body_html: r.body_html,
            helpful_count: r.helpful_count,
            hidden_reason: r.hidden_reason,
        })
    }
}

const QUESTION_COLUMNS: &str = "q.id, q.community_id, q.asker_member_id, u.display_name AS asker_name, \
     q.title, q.body, q.body_html, q.tags, q.accepted_answer_id, q.topic_id, \
     (SELECT COUNT(*) FROM answers a WHERE a.question_id = q.id AND NOT EXISTS \
      (SELECT 1 FROM hidden_items ha WHERE ha.subject_kind = 'answer' AND ha.subject_id = a.id)) AS answer_count, \
     h.reason AS hidden_reason, q.created_at";

const QUESTION_JOINS: &str = "JOIN members m ON m.community_id = q.community_id AND m.id = q.asker_member_id \
     JOIN users u ON u.id = m.user_id \
     LEFT JOIN hidden_items h ON h.subject_kind = 'question' AND h.subject_id = q.id";

/// The answer columns, read for the member bound at `$1`.
const ANSWER_SELECT: &str = "SELECT a.id, a.question_id, a.community_id, a.author_member_id, \
     u.display_name AS author_name, a.body, a.body_html, \
     (SELECT COUNT(*) FROM answer_votes v WHERE v.answer_id = a.id) AS helpful_count, \
     (SELECT COUNT(*) FROM answer_votes v WHERE v.answer_id = a.id AND v.member_id = $1) AS helpful_by_viewer, \
     CAST(CASE WHEN q.accepted_answer_id = a.id THEN 1 ELSE 0 END AS BIGINT) AS accepted, \
     h.reason AS hidden_reason, a.created_at \
     FROM answers a JOIN questions q ON q.id = a.question_id \
     JOIN members m ON m.community_id = a.community_id AND m.id = a.author_member_id \
     JOIN users u ON u.id = m.user_id \
     LEFT JOIN hidden_items h ON h.subject_kind = 'answer' AND h.subject_id = a.id";

impl Store {
    /// Asks a question in a community, with its tags, in one transaction.
    pub async fn create_question(
        &self,
        community: CommunityId,
        asker: MemberId,
        new: &NewQuestion,
        now: DateTime<Utc>,
    ) -> StoreResult<Question> {
        let tags: Vec<&str> = new.tags.iter().map(Tag::as_str).collect();
        let mut tx = self.write_tx().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO questions (community_id, asker_member_id, title, body, body_html, tags, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(community.0)
        .bind(asker.0)
        .bind(new.title.as_str())
        .bind(new.body.as_str())
        .bind(&new.body_html)
        .bind(tags.join("\n"))
        .bind(now.timestamp())
        .fetch_one(&mut *tx)
        .await?;
        for tag in &tags {
            sqlx::query(
                "INSERT INTO question_tags (community_id, question_id, tag) VALUES ($1, $2, $3)",
            )
            .bind(community.0)
            .bind(id)
            .bind(*tag)
            .execute(&mut *tx)
            .await?;
        }
        crate::tag_labels::remember(&mut tx, community, new.tags.iter()).await?;
        tx.commit().await?;
        self.wrote();
        self.labels.forget();
        self.question(QuestionId(id)).await
    }

    /// A question by id (any community: the caller checks visibility).
    pub async fn question(&self, id: QuestionId) -> StoreResult<Question> {
        let row: Option<QuestionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {QUESTION_COLUMNS} FROM questions q {QUESTION_JOINS} WHERE q.id = $1"
        )))
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("question"))?.try_into()
    }

    /// One page of a community's questions: by relevance when searching, newest first otherwise.
    pub async fn questions(
        &self,
        community: CommunityId,
        filter: &QuestionFilter,
    ) -> StoreResult<Page<Question>> {
        let limit = filter.limit.clamp(1, 200);
        let terms = filter.q.as_deref().map(search_terms).unwrap_or_default();
        let mut sql = Sql::new(&format!(
            "SELECT {QUESTION_COLUMNS} FROM questions q {QUESTION_JOINS}"
        ));
        let search = (!terms.is_empty()).then(|| {
            sql.join_full_text(
                self.backend(),
                &terms,
                "questions_fts",
                "10.0, 1.0, 5.0",
                "q",
            )
        });
        let c = sql.int(community.0);
        sql.push(&format!(" WHERE q.community_id = {c}"));
        if let Some(filter) = search.as_ref().and_then(|s| s.filter.as_deref()) {
            sql.push(filter);
        }
        if !filter.moderator {
            let v = sql.int(filter.viewer.map_or(-1, |v| v.0));
            sql.push(&format!(
                " AND (h.subject_id IS NULL OR q.asker_member_id = {v})"
            ));
        }
        if let Some(tag) = &filter.tag {
            let p = sql.text(tag.as_str());
            sql.push(&format!(
                " AND EXISTS (SELECT 1 FROM question_tags qt WHERE qt.question_id = q.id AND qt.tag = {p})"
            ));
        }
        if filter.unanswered {
            sql.push(
                " AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id AND NOT EXISTS \
                 (SELECT 1 FROM hidden_items ha WHERE ha.subject_kind = 'answer' AND ha.subject_id = a.id))",
            );
        }
        if let Some(asker) = filter.asker {
            let p = sql.int(asker.0);
            sql.push(&format!(" AND q.asker_member_id = {p}"));
        }
        match &search {
            Some(s) => sql.push(&format!(" ORDER BY {}, q.id DESC", s.rank)),
            None => sql.push(" ORDER BY q.id DESC"),
        };
        let l = sql.int(limit + 1);
        let o = sql.int(filter.offset.max(0));
        sql.push(&format!(" LIMIT {l} OFFSET {o}"));
        let rows: Vec<QuestionRow> = sql.query_as().fetch_all(self.reader()).await?;
        Page::from_offset_rows(rows, limit, filter.offset.max(0))
    }

    /// The most used question tags of a community.
    pub async fn question_tags(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<Vec<crate::TagCount>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT qt.tag, COUNT(*) AS n FROM question_tags qt WHERE qt.community_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM hidden_items h WHERE h.subject_kind = 'question' \
             AND h.subject_id = qt.question_id) GROUP BY qt.tag ORDER BY n DESC, qt.tag LIMIT $2",
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

    /// Answers a question. The asker is told through the outbox (in the same transaction),
    /// unless they answered themselves.
    pub async fn create_answer(
        &self,
        question: &Question,
        author: MemberId,
        new: &NewAnswer,
        now: DateTime<Utc>,
    ) -> StoreResult<Answer> {
        let mut tx = self.write_tx().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO answers (community_id, question_id, author_member_id, body, body_html, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(question.community_id.0)
        .bind(question.id.0)
        .bind(author.0)
        .bind(new.body.as_str())
        .bind(&new.body_html)
        .bind(now.timestamp())
        .fetch_one(&mut *tx)
        .await?;
        if author != question.asker {
            enqueue(
                &mut tx,
                question.community_id.0,
                JobKind::AnswerPosted,
                id,
                Some(author.0),
                "",
                now,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.wrote();
        self.answer(AnswerId(id), author).await
    }

    /// An answer, read for `viewer` (whether they marked it helpful).
    pub async fn answer(&self, id: AnswerId, viewer: MemberId) -> StoreResult<Answer> {
        let row: Option<AnswerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ANSWER_SELECT} WHERE a.id = $2"
        )))
        .bind(viewer.0)
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("answer"))?.try_into()
    }

    /// A question's answers, oldest first, read for `viewer`. Hidden answers are left out,
    /// except the viewer's own and, for a `moderator`, all.
    pub async fn answers(
        &self,
        question: QuestionId,
        viewer: MemberId,
        moderator: bool,
    ) -> StoreResult<Vec<Answer>> {
        let rows: Vec<AnswerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ANSWER_SELECT} WHERE a.question_id = $2 \
             AND (h.subject_id IS NULL OR $3 = 1 OR a.author_member_id = $1) ORDER BY a.id"
        )))
        .bind(viewer.0)
        .bind(question.0)
        .bind(i64::from(moderator))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Marks an answer helpful for `member`, or withdraws the mark. Marking twice is one
    /// mark; one's own answer cannot be marked (`own_answer`).
    pub async fn set_helpful(
        &self,
        answer: &Answer,
        member: MemberId,
        helpful: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<Answer> {
        if helpful {
            if answer.author == member {
                return Err(own_answer());
            }
            sqlx::query(
                "INSERT INTO answer_votes (community_id, answer_id, member_id, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (answer_id, member_id) DO NOTHING",
            )
            .bind(answer.community_id.0)
            .bind(answer.id.0)
            .bind(member.0)
            .bind(now.timestamp())
            .execute(self.writer())
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(d) if d.message().contains("own_answer") => own_answer(),
                _ => e.into(),
            })?;
        } else {
            sqlx::query("DELETE FROM answer_votes WHERE answer_id = $1 AND member_id = $2")
                .bind(answer.id.0)
                .bind(member.0)
                .execute(self.writer())
                .await?;
        }
        self.answer(answer.id, member).await
    }

    /// Makes `answer` the question's accepted answer (replacing any earlier choice). The
    /// caller checks that the asker is the one choosing.
    pub async fn accept_answer(&self, answer: &Answer) -> StoreResult<Question> {
        let done = sqlx::query("UPDATE questions SET accepted_answer_id = $1 WHERE id = $2")
            .bind(answer.id.0)
            .bind(answer.question_id.0)
            .execute(self.writer())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("question"));
        }
        self.question(answer.question_id).await
    }

    /// Turns a question with no accepted answer into an ask topic hosted by its asker, and
    /// links the question to it, in one transaction: `already_answered` if an answer was
    /// accepted, `already_topic` if it became a topic before.
    pub async fn question_to_topic(
        &self,
        question: QuestionId,
        topic: &NewTopic,
        now: DateTime<Utc>,
    ) -> StoreResult<(Question, TopicId)> {
        let mut tx = self.write_tx().await?;
        let current: Option<(i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT community_id, asker_member_id, accepted_answer_id, topic_id FROM questions WHERE id = $1",
        )
        .bind(question.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (community, asker, accepted, linked) =
            current.ok_or(StoreError::NotFound("question"))?;
        if accepted.is_some() {
            return Err(StoreError::conflict(
                "already_answered",
                "this question has an accepted answer",
            ));
        }
        if linked.is_some() {
            return Err(already_topic());
        }
        let topic_id = crate::topics::insert_topic(
            &mut tx,
            CommunityId(community),
            MemberId(asker),
            topic,
            now,
        )
        .await?;
        // The condition makes a concurrent second conversion a no-op that we then refuse.
        let done =
            sqlx::query("UPDATE questions SET topic_id = $1 WHERE id = $2 AND topic_id IS NULL")
                .bind(topic_id)
                .bind(question.0)
                .execute(&mut *tx)
                .await
                .map_err(|e| {
                    if is_unique_violation(&e) {
                        already_topic()
                    } else {
                        e.into()
                    }
                })?;
        if done.rows_affected() == 0 {
            return Err(already_topic());
        }
        tx.commit().await?;
        self.wrote();
        self.market.forget();
        self.labels.forget();
        Ok((self.question(question).await?, TopicId(topic_id)))
    }

    /// How many answers a member has given in a community (hidden ones do not count).
    pub async fn answers_given(
        &self,
        community: CommunityId,
        member: MemberId,
    ) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM answers a WHERE a.community_id = $1 AND a.author_member_id = $2 \
             AND NOT EXISTS (SELECT 1 FROM hidden_items h WHERE h.subject_kind = 'answer' AND h.subject_id = a.id)",
        )
        .bind(community.0)
        .bind(member.0)
        .fetch_one(self.reader())
        .await?;
        Ok(n)
    }
}

fn own_answer() -> StoreError {
    StoreError::conflict("own_answer", "you cannot mark your own answer helpful")
}

fn already_topic() -> StoreError {
    StoreError::conflict(
        "already_topic",
        "this question has already become an ask topic",
    )
}
