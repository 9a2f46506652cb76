//! What scheduling many requests at once reads in bulk: the topics of the requests and the
//! availability of the people in them, each in one query however many requests there are
//! (up to [`MAX_IDS`] ids a query).

use std::collections::{BTreeMap, HashMap};

use peerlearn_domain::{CommunityId, MemberId, RequestId, TimeRange, TopicId};

use crate::records::TopicRow;
use crate::sql::Sql;
use crate::topics::{TOPIC_COLUMNS, TOPIC_JOINS};
use crate::{Store, StoreError, StoreResult, Topic};

/// The most ids one IN-list binds: SQLite takes at most 32,766 values in a statement and
/// PostgreSQL 65,535. Longer lists are read in several queries.
const MAX_IDS: usize = 30_000;

impl Store {
    /// The topics of `requests` (requests of `community`), by topic id. Ids of requests that do
    /// not exist or belong to another community are skipped.
    pub async fn request_topics(
        &self,
        community: CommunityId,
        requests: &[RequestId],
    ) -> StoreResult<HashMap<TopicId, Topic>> {
        let mut topics = HashMap::new();
        for chunk in requests.chunks(MAX_IDS) {
            let mut sql = Sql::new("");
            let c = sql.int(community.0);
            let ids = in_list(&mut sql, chunk.iter().map(|r| r.0));
            sql.push(&format!(
                "SELECT {TOPIC_COLUMNS} FROM topics t {TOPIC_JOINS} \
                 WHERE t.community_id = {c} AND t.id IN (SELECT topic_id FROM meeting_requests \
                 WHERE community_id = {c} AND id IN ({ids}))"
            ));
            let rows: Vec<TopicRow> = sql.query_as().fetch_all(self.reader()).await?;
            for row in rows {
                let topic = Topic::try_from(row)?;
                topics.insert(topic.id, topic);
            }
        }
        Ok(topics)
    }

    /// The availability windows of `members` of `community`, earliest first, by member. A
    /// member without windows maps to none; ids of people not in the community are absent.
    pub async fn members_availability(
        &self,
        community: CommunityId,
        members: &[MemberId],
    ) -> StoreResult<BTreeMap<MemberId, Vec<TimeRange>>> {
        let mut ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut availability = BTreeMap::new();
        for chunk in ids.chunks(MAX_IDS) {
            let mut sql = Sql::new("");
            let c = sql.int(community.0);
            let list = in_list(&mut sql, chunk.iter().copied());
            sql.push(&format!(
                "SELECT m.id, a.starts_at, a.ends_at FROM members m \
                 LEFT JOIN availability a ON a.community_id = m.community_id AND a.member_id = m.id \
                 WHERE m.community_id = {c} AND m.id IN ({list}) ORDER BY m.id, a.starts_at"
            ));
            let rows: Vec<(i64, Option<i64>, Option<i64>)> =
                sql.query_as().fetch_all(self.reader()).await?;
            for (member, starts, ends) in rows {
                let windows: &mut Vec<TimeRange> =
                    availability.entry(MemberId(member)).or_default();
                if let (Some(s), Some(e)) = (starts, ends) {
                    windows.push(
                        TimeRange::from_unix(s, e)
                            .ok_or_else(|| StoreError::Corrupt("availability".into()))?,
                    );
                }
            }
        }
        Ok(availability)
    }
}

/// Binds `ids` and answers their placeholders joined for an IN-list, e.g. `$2, $3, $4`.
/// `ids` must not be empty.
fn in_list(sql: &mut Sql, ids: impl Iterator<Item = i64>) -> String {
    ids.map(|id| sql.int(id)).collect::<Vec<_>>().join(", ")
}
