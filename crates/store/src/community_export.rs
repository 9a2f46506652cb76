//! What an organizer exports of a community: its current members with their contact
//! details, every topic and every meeting. Former members (who left or deleted their account)
//! are not among the members; what they posted or attended stays under the name the
//! community gives former members, never with their own name or address.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, Role};

use crate::records::{time, word};
use crate::{Store, StoreResult};

/// A current member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedMember {
    pub name: String,
    pub email: String,
    pub team: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

/// A topic, with its author's name (a former member's is the community's word for them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedTopic {
    pub id: i64,
    pub title: String,
    /// `offer` or `ask`.
    pub kind: String,
    pub author: String,
    /// Tag keys, as stored.
    pub tags: Vec<String>,
    /// `open` or `closed`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// A meeting, with the names of the people in it (the host first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedMeeting {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub topic: String,
    /// `virtual` when it has a video link, else `in_person`.
    pub mode: &'static str,
    /// The spot's name, empty when it has none.
    pub spot: String,
    pub participants: Vec<String>,
    /// `confirmed` or `cancelled`.
    pub status: String,
}

impl Store {
    /// The community's current members, in the order they joined.
    pub async fn export_members(&self, community: CommunityId) -> StoreResult<Vec<ExportedMember>> {
        let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
            "SELECT u.display_name, u.email, m.team, m.role, m.joined_at \
             FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.community_id = $1 AND u.former = 0 ORDER BY m.id",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|(name, email, team, role, joined)| {
                Ok(ExportedMember {
                    name,
                    email,
                    team,
                    role: word(Role::parse, &role)?,
                    joined_at: time(joined)?,
                })
            })
            .collect()
    }

    /// Every topic of the community (hidden and closed ones too), oldest first.
    pub async fn export_topics(&self, community: CommunityId) -> StoreResult<Vec<ExportedTopic>> {
        type Row = (i64, String, String, String, String, String, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT t.id, t.title, t.kind, u.display_name, t.tags, t.status, t.created_at \
             FROM topics t JOIN members m ON m.id = t.host_member_id \
             JOIN users u ON u.id = m.user_id \
             WHERE t.community_id = $1 ORDER BY t.id",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|(id, title, kind, author, tags, status, created)| {
                Ok(ExportedTopic {
                    id,
                    title,
                    kind,
                    author,
                    tags: tags
                        .lines()
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect(),
                    status,
                    created_at: time(created)?,
                })
            })
            .collect()
    }

    /// Every meeting of the community, by start time. Its participants are those still in
    /// it (for a cancelled meeting, those who were in it when it was cancelled).
    pub async fn export_meetings(
        &self,
        community: CommunityId,
    ) -> StoreResult<Vec<ExportedMeeting>> {
        type Row = (
            i64,
            i64,
            i64,
            String,
            Option<String>,
            Option<String>,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT mt.id, mt.starts_at, mt.ends_at, t.title, mt.video_url, s.name, mt.status \
             FROM meetings mt JOIN topics t ON t.id = mt.topic_id \
             LEFT JOIN spots s ON s.id = mt.spot_id \
             WHERE mt.community_id = $1 ORDER BY mt.starts_at, mt.id",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        let people: Vec<(i64, String)> = sqlx::query_as(
            "SELECT p.meeting_id, u.display_name FROM meeting_participants p \
             JOIN meetings mt ON mt.id = p.meeting_id \
             JOIN members m ON m.id = p.member_id JOIN users u ON u.id = m.user_id \
             WHERE p.community_id = $1 AND (p.status = 'confirmed' OR mt.status = 'cancelled') \
             ORDER BY p.meeting_id, CASE WHEN p.role = 'host' THEN 0 ELSE 1 END, u.display_name",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        let mut by_meeting: HashMap<i64, Vec<String>> = HashMap::new();
        for (meeting, name) in people {
            by_meeting.entry(meeting).or_default().push(name);
        }
        rows.into_iter()
            .map(|(id, starts, ends, topic, video, spot, status)| {
                Ok(ExportedMeeting {
                    id,
                    starts_at: time(starts)?,
                    ends_at: time(ends)?,
                    topic,
                    mode: if video.is_some() {
                        "virtual"
                    } else {
                        "in_person"
                    },
                    spot: spot.unwrap_or_default(),
                    participants: by_meeting.remove(&id).unwrap_or_default(),
                    status,
                })
            })
            .collect()
    }
}
