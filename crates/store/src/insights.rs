//! What a community learns, in figures: a member's private reciprocity ledger, the demand
//! board (what people want that nobody has taken), and the organizer's dashboard.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, TopicId};

use crate::{Store, StoreResult};

/// What one member gave and received. Private to the member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    pub meetings_hosted: i64,
    pub meetings_attended: i64,
    pub minutes_shared: i64,
    pub minutes_learned: i64,
    pub notes_shared: i64,
    pub thanks_received: i64,
    pub answers_given: i64,
}

/// Demand for one tag: who wants it and who could share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    pub tag: String,
    /// Members who want it (profile wants and open asks).
    pub wanted_by: i64,
    /// Members who could share it (profile offers and open offers).
    pub can_share: i64,
    /// Open asks on it that no meeting has taken.
    pub open_asks: i64,
    /// Requests on topics with the tag still waiting for an answer.
    pub pending_requests: i64,
}

/// The organizer's figures for a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dashboard {
    pub members: i64,
    pub new_members: i64,
    pub offers: i64,
    pub asks: i64,
    pub requests: i64,
    pub requests_accepted: i64,
    pub requests_declined: i64,
    pub meetings_held: i64,
    /// Participant places in held meetings that used check-in, and how many were missed.
    pub checked_places: i64,
    pub no_shows: i64,
    pub ratings: i64,
    pub rating_sum: i64,
    pub notes: i64,
    /// Held meetings whose participants come from more than one team.
    pub cross_team_meetings: i64,
    /// Pairs of people from different teams who met for the first time in the period.
    pub new_cross_team_ties: i64,
    /// Meetings held per day (UTC date, count).
    pub per_day: Vec<(String, i64)>,
    /// Members who said "I'm free now" and whose window is open now.
    pub free_now: i64,
    /// Meet-now proposals made in the period, and those that became meetings.
    pub now_proposals: i64,
    pub now_booked: i64,
    /// Re-pairings offered in the period (someone free, instead of an absent partner), and
    /// those accepted (booked).
    pub repairs_offered: i64,
    pub repairs_booked: i64,
    /// Free seats of group sessions offered in the period, and those the member took.
    pub seats_offered: i64,
    pub seats_taken: i64,
}

impl Dashboard {
    pub fn acceptance_rate(&self) -> Option<f64> {
        let decided = self.requests_accepted + self.requests_declined;
        (decided > 0).then(|| self.requests_accepted as f64 / decided as f64)
    }

    pub fn no_show_rate(&self) -> Option<f64> {
        (self.checked_places > 0).then(|| self.no_shows as f64 / self.checked_places as f64)
    }

    pub fn average_rating(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.rating_sum as f64 / self.ratings as f64)
    }

    /// Share of held meetings between people of different teams.
    pub fn bridge_share(&self) -> Option<f64> {
        (self.meetings_held > 0)
            .then(|| self.cross_team_meetings as f64 / self.meetings_held as f64)
    }

    /// New cross-team ties per 100 meetings held.
    pub fn ties_per_100(&self) -> Option<f64> {
        (self.meetings_held > 0)
            .then(|| 100.0 * self.new_cross_team_ties as f64 / self.meetings_held as f64)
    }
}

/// Who wants and who shares a tag, as SQL over one community ($1).
const WANTERS: &str = "SELECT tag, member_id FROM member_tags WHERE community_id = $1 AND kind = 'want' \
     UNION SELECT tt.tag, t.host_member_id FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
     WHERE tt.community_id = $1 AND t.kind = 'ask' AND t.status = 'open'";
const SHARERS: &str = "SELECT tag, member_id FROM member_tags WHERE community_id = $1 AND kind = 'offer' \
     UNION SELECT tt.tag, t.host_member_id FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
     WHERE tt.community_id = $1 AND t.kind = 'offer' AND t.status = 'open'";

/// Runs a `COUNT` (or `SUM`) query with integer binds `$1…`.
async fn count(store: &Store, sql: &str, binds: &[i64]) -> StoreResult<i64> {
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()));
    for b in binds {
        q = q.bind(*b);
    }
    let (n,): (i64,) = q.fetch_one(store.reader()).await?;
    Ok(n)
}

impl Store {
    /// A member's reciprocity ledger: meetings held before `now` that they hosted or joined.
    pub async fn ledger(
        &self,
        community: CommunityId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Ledger> {
        let (hosted, attended, shared, learned): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN p.role = 'host' THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN p.role = 'host' THEN 0 ELSE 1 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN p.role = 'host' THEN (g.ends_at - g.starts_at) / 60 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN p.role = 'host' THEN 0 ELSE (g.ends_at - g.starts_at) / 60 END), 0) AS BIGINT) \
             FROM meeting_participants p JOIN meetings g ON g.id = p.meeting_id \
             WHERE p.community_id = $1 AND p.member_id = $2 AND p.status = 'confirmed' \
             AND g.status = 'confirmed' AND g.ends_at <= $3 \
             AND NOT EXISTS (SELECT 1 FROM no_shows n WHERE n.meeting_id = g.id AND n.member_id = p.member_id)",
        )
        .bind(community.0)
        .bind(member.0)
        .bind(now.timestamp())
        .fetch_one(self.reader())
        .await?;
        let (notes, thanks): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM notes WHERE community_id = $1 AND author_member_id = $2), \
             (SELECT COUNT(*) FROM feedback f JOIN meeting_participants h \
              ON h.meeting_id = f.meeting_id AND h.role = 'host' AND h.member_id = $2 \
              WHERE f.community_id = $1 AND f.member_id <> $2 AND f.thanks <> '')",
        )
        .bind(community.0)
        .bind(member.0)
        .fetch_one(self.reader())
        .await?;
        let answers_given = self.answers_given(community, member).await?;
        Ok(Ledger {
            answers_given,
            meetings_hosted: hosted,
            meetings_attended: attended,
            minutes_shared: shared,
            minutes_learned: learned,
            notes_shared: notes,
            thanks_received: thanks,
        })
    }

    /// What a member could share that others want, most wanted first (for the nudge to give
    /// back): their offered tags, and the topics' tags they hosted, with the demand for each.
    pub async fn wanted_from(
        &self,
        community: CommunityId,
        member: MemberId,
        limit: i64,
    ) -> StoreResult<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.tag, COUNT(DISTINCT w.member_id) AS wanted FROM \
             (SELECT tag FROM member_tags WHERE community_id = $1 AND member_id = $2 AND kind = 'offer') o \
             JOIN ({WANTERS}) w ON w.tag = o.tag AND w.member_id <> $2 \
             GROUP BY o.tag ORDER BY wanted DESC, o.tag LIMIT $3"
        )))
        .bind(community.0)
        .bind(member.0)
        .bind(limit.clamp(1, 50))
        .fetch_all(self.reader())
        .await?;
        Ok(rows)
    }

    /// The demand board: tags people want, most wanted first, with who could share them.
    pub async fn demand(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<Demand>> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT w.tag, COUNT(DISTINCT w.member_id) AS wanted, \
             (SELECT COUNT(DISTINCT s.member_id) FROM ({SHARERS}) s WHERE s.tag = w.tag) AS can_share, \
             (SELECT COUNT(*) FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
              WHERE tt.community_id = $1 AND tt.tag = w.tag AND t.kind = 'ask' AND t.status = 'open' \
              AND NOT EXISTS (SELECT 1 FROM meetings g WHERE g.topic_id = t.id AND g.status = 'confirmed')) AS open_asks, \
             (SELECT COUNT(*) FROM meeting_requests r JOIN topic_tags tt ON tt.topic_id = r.topic_id \
              WHERE r.community_id = $1 AND tt.tag = w.tag AND r.status = 'pending' \
              AND EXISTS (SELECT 1 FROM request_times rt WHERE rt.request_id = r.id AND rt.starts_at > $2)) AS pending \
             FROM ({WANTERS}) w GROUP BY w.tag ORDER BY wanted DESC, w.tag LIMIT $3 OFFSET $4"
        )))
        .bind(community.0)
        .bind(now.timestamp())
        .bind(limit.clamp(1, 200))
        .bind(offset.max(0))
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(tag, wanted_by, can_share, open_asks, pending_requests)| Demand {
                    tag,
                    wanted_by,
                    can_share,
                    open_asks,
                    pending_requests,
                },
            )
            .collect())
    }

    /// For an ask just posted: for each of its tags wanted by at least `threshold` members,
    /// the members who could share it and were not yet invited to host a group on it (not the
    /// people who want it themselves). Answers (member, tag, how many want it).
    pub async fn demand_invitees(
        &self,
        community: CommunityId,
        ask: TopicId,
        threshold: i64,
    ) -> StoreResult<Vec<(MemberId, String, i64)>> {
        // Every part is restricted to the ask's tags first (index `(community_id, tag)`), so
        // the work grows with the people around those tags, not with the community.
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "WITH ask_tags AS (SELECT tag FROM topic_tags WHERE topic_id = $2), \
             w AS MATERIALIZED (\
               SELECT tag, member_id FROM member_tags WHERE community_id = $1 AND kind = 'want' \
                 AND tag IN (SELECT tag FROM ask_tags) \
               UNION SELECT tt.tag, t.host_member_id FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
                 WHERE tt.community_id = $1 AND tt.tag IN (SELECT tag FROM ask_tags) \
                 AND t.kind = 'ask' AND t.status = 'open'), \
             s AS MATERIALIZED (\
               SELECT tag, member_id FROM member_tags WHERE community_id = $1 AND kind = 'offer' \
                 AND tag IN (SELECT tag FROM ask_tags) \
               UNION SELECT tt.tag, t.host_member_id FROM topic_tags tt JOIN topics t ON t.id = tt.topic_id \
                 WHERE tt.community_id = $1 AND tt.tag IN (SELECT tag FROM ask_tags) \
                 AND t.kind = 'offer' AND t.status = 'open'), \
             wanted AS (SELECT tag, COUNT(*) AS n FROM w GROUP BY tag) \
             SELECT s.member_id, s.tag, wanted.n FROM s JOIN wanted ON wanted.tag = s.tag \
             WHERE wanted.n >= $3 \
             AND NOT EXISTS (SELECT 1 FROM w w2 WHERE w2.tag = s.tag AND w2.member_id = s.member_id) \
             AND NOT EXISTS (SELECT 1 FROM demand_invitations d WHERE d.community_id = $1 \
                             AND d.tag = s.tag AND d.member_id = s.member_id) \
             ORDER BY s.tag, s.member_id",
        )
        .bind(community.0)
        .bind(ask.0)
        .bind(threshold)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(m, tag, n)| (MemberId(m), tag, n))
            .collect())
    }

    /// Tags people want that nobody offers (the supply gap), most wanted first.
    pub async fn supply_gap(
        &self,
        community: CommunityId,
        limit: i64,
    ) -> StoreResult<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT w.tag, COUNT(DISTINCT w.member_id) AS wanted FROM ({WANTERS}) w \
             WHERE NOT EXISTS (SELECT 1 FROM ({SHARERS}) s WHERE s.tag = w.tag) \
             GROUP BY w.tag ORDER BY wanted DESC, w.tag LIMIT $2"
        )))
        .bind(community.0)
        .bind(limit.clamp(1, 200))
        .fetch_all(self.reader())
        .await?;
        Ok(rows)
    }

    /// The organizer's figures for meetings, requests and members in `[from, to)`; meetings
    /// count as held once they have ended (before `now`).
    pub async fn dashboard(
        &self,
        community: CommunityId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Dashboard> {
        let (f, t) = (from.timestamp(), to.min(now).timestamp());
        let to_all = to.timestamp();
        let c = community.0;
        let held =
            "g.community_id = $1 AND g.status = 'confirmed' AND g.ends_at >= $2 AND g.ends_at < $3";
        let mut d = Dashboard {
            members: count(self, "SELECT COUNT(*) FROM members WHERE community_id = $1 AND joined_at < $2", &[c, to_all]).await?,
            new_members: count(self, "SELECT COUNT(*) FROM members WHERE community_id = $1 AND joined_at >= $2 AND joined_at < $3", &[c, f, to_all]).await?,
            offers: count(self, "SELECT COUNT(*) FROM topics WHERE community_id = $1 AND kind = 'offer' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            asks: count(self, "SELECT COUNT(*) FROM topics WHERE community_id = $1 AND kind = 'ask' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            requests: count(self, "SELECT COUNT(*) FROM meeting_requests WHERE community_id = $1 AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            requests_accepted: count(self, "SELECT COUNT(*) FROM meeting_requests WHERE community_id = $1 AND status = 'accepted' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            requests_declined: count(self, "SELECT COUNT(*) FROM meeting_requests WHERE community_id = $1 AND status = 'declined' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            meetings_held: count(self, &format!("SELECT COUNT(*) FROM meetings g WHERE {held}"), &[c, f, t]).await?,
            checked_places: count(self, &format!(
                "SELECT COUNT(*) FROM meeting_participants p JOIN meetings g ON g.id = p.meeting_id \
                 WHERE {held} AND p.status = 'confirmed' AND EXISTS (SELECT 1 FROM check_ins c WHERE c.meeting_id = g.id)"
            ), &[c, f, t]).await?,
            no_shows: count(self, &format!("SELECT COUNT(*) FROM no_shows n JOIN meetings g ON g.id = n.meeting_id WHERE {held}"), &[c, f, t]).await?,
            ratings: count(self, "SELECT COUNT(rating) FROM feedback WHERE community_id = $1 AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            rating_sum: count(self, "SELECT CAST(COALESCE(SUM(rating), 0) AS BIGINT) FROM feedback WHERE community_id = $1 AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            notes: count(self, "SELECT COUNT(*) FROM notes n WHERE n.community_id = $1 AND n.created_at >= $2 AND n.created_at < $3 AND NOT EXISTS (SELECT 1 FROM hidden_items h WHERE h.subject_kind = 'note' AND h.subject_id = n.id)", &[c, f, to_all]).await?,
            cross_team_meetings: count(self, &format!(
                "SELECT COUNT(*) FROM meetings g WHERE {held} AND (SELECT COUNT(DISTINCT m.team) FROM meeting_participants p \
                 JOIN members m ON m.id = p.member_id WHERE p.meeting_id = g.id AND p.status = 'confirmed' AND m.team <> '') > 1"
            ), &[c, f, t]).await?,
            free_now: count(self, "SELECT COUNT(*) FROM free_now WHERE community_id = $1 AND since <= $2 AND until > $2", &[c, now.timestamp()]).await?,
            now_proposals: count(self, "SELECT COUNT(*) FROM meet_now_proposals WHERE community_id = $1 AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            now_booked: count(self, "SELECT COUNT(*) FROM meet_now_proposals WHERE community_id = $1 AND status = 'booked' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            repairs_offered: count(self, "SELECT COUNT(*) FROM meet_now_proposals WHERE community_id = $1 AND replaces_meeting_id IS NOT NULL AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            repairs_booked: count(self, "SELECT COUNT(*) FROM meet_now_proposals WHERE community_id = $1 AND replaces_meeting_id IS NOT NULL AND status = 'booked' AND created_at >= $2 AND created_at < $3", &[c, f, to_all]).await?,
            seats_offered: count(self, "SELECT COUNT(*) FROM seat_offers WHERE community_id = $1 AND offered_at >= $2 AND offered_at < $3", &[c, f, to_all]).await?,
            seats_taken: count(self, "SELECT COUNT(*) FROM seat_offers WHERE community_id = $1 AND taken_at IS NOT NULL AND offered_at >= $2 AND offered_at < $3", &[c, f, to_all]).await?,
            ..Dashboard::default()
        };
        // A tie is a pair of people from different teams; it is new in the period when their
        // first meeting together was held in it.
        d.new_cross_team_ties = count(self,
            "SELECT COUNT(*) FROM (SELECT a.member_id, b.member_id AS other, MIN(g.ends_at) AS first \
             FROM meeting_participants a JOIN meeting_participants b ON b.meeting_id = a.meeting_id AND b.member_id > a.member_id \
             JOIN meetings g ON g.id = a.meeting_id \
             JOIN members ma ON ma.id = a.member_id JOIN members mb ON mb.id = b.member_id \
             WHERE g.community_id = $1 AND g.status = 'confirmed' AND a.status = 'confirmed' AND b.status = 'confirmed' \
             AND ma.team <> '' AND mb.team <> '' AND ma.team <> mb.team AND g.ends_at < $3 \
             GROUP BY a.member_id, b.member_id) ties WHERE ties.first >= $2",
            &[c, f, t]).await?;
        let days: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT g.ends_at / 86400 AS day, COUNT(*) FROM meetings g WHERE {held} GROUP BY g.ends_at / 86400 ORDER BY day"
        )))
        .bind(community.0)
        .bind(f)
        .bind(t)
        .fetch_all(self.reader())
        .await?;
        d.per_day = days
            .into_iter()
            .filter_map(|(day, n)| {
                DateTime::from_timestamp(day * 86400, 0)
                    .map(|d| (d.format("%Y-%m-%d").to_string(), n))
            })
            .collect();
        Ok(d)
    }
}
