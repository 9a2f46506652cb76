//! Memberships and profiles: joining, roles, profile text, tags, availability, the directory.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use peerlearn_domain::{
    CommunityId, Languages, MemberId, ProfileText, Role, Tag, TagList, TimeRange, UserId,
};

use crate::error::unique_as;
use crate::records::{Member, MemberSummary, Page, TagCount, split_lines, time, word};
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// A member's new profile, already validated.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub text: ProfileText,
    pub languages: Languages,
    pub offers: TagList,
    pub wants: TagList,
    /// The most meetings the member takes in one day (1 to 20), or no cap.
    pub daily_cap: Option<u32>,
}

/// What the member directory shows.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    /// Only members who offer or want this tag.
    pub tag: Option<Tag>,
    /// Only members whose name, headline or team contains this text.
    pub text: Option<String>,
    /// The cursor of the page to show.
    pub cursor: Option<i64>,
    /// Page size (1 to 200).
    pub limit: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    community_id: i64,
    user_id: i64,
    display_name: String,
    role: String,
    headline: String,
    bio: String,
    team: String,
    languages: String,
    daily_cap: Option<i64>,
    joined_at: i64,
}

/// Member id, name, email, daily cap, language and time zone.
type ContactRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

const MEMBER_COLUMNS: &str = "m.id, m.community_id, m.user_id, u.display_name, m.role, \
     m.headline, m.bio, m.team, m.languages, m.daily_cap, m.joined_at";

/// A member's name and address, how many meetings a day they take at most (`None`: no cap),
/// and the language and time zone they chose for what they are told (`None`: not chosen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberContact {
    pub name: String,
    pub email: String,
    pub daily_cap: Option<u32>,
    /// A language tag such as `fr`, as the member chose it.
    pub language: Option<String>,
    /// An IANA time zone name such as `America/Montreal`, as the member chose it.
    pub time_zone: Option<String>,
}

/// Members whose contact details one query reads at most.
const CONTACT_CHUNK: usize = 1000;

impl Store {
    /// Adds `user` to `community` as a member. `already_member` if they are one.
    pub async fn join_community(
        &self,
        community: CommunityId,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Member> {
        let mut tx = self.write_tx().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO members (community_id, user_id, role, joined_at) \
             VALUES ($1, $2, 'member', $3) RETURNING id",
        )
        .bind(community.0)
        .bind(user.0)
        .bind(now.timestamp())
        .fetch_one(&mut *tx)
        .await
        .map_err(unique_as(
            "already_member",
            "you are already a member of this community",
        ))?;
        crate::webhooks::enqueue_for_webhooks(
            &mut tx,
            community.0,
            crate::outbox::JobKind::MemberJoined,
            peerlearn_domain::EventType::MemberJoined,
            id,
            Some(id),
            "",
            now,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        // The community's member count changed.
        self.lookups.forget();
        self.wrote();
        self.member(community, MemberId(id)).await
    }

    /// `user`'s membership in `community`, if any: the cheap check behind every authorization.
    pub async fn membership(
        &self,
        community: CommunityId,
        user: UserId,
    ) -> StoreResult<Option<(MemberId, Role)>> {
        if let Some(membership) = self.lookups.membership(community.0, user.0) {
            return Ok(Some(membership));
        }
        let read = self.lookups.generation();
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT id, role FROM members WHERE community_id = $1 AND user_id = $2")
                .bind(community.0)
                .bind(user.0)
                .fetch_optional(self.reader())
                .await?;
        let Some((id, role)) = row else {
            return Ok(None);
        };
        let membership = (MemberId(id), word(Role::parse, &role)?);
        self.lookups
            .keep_membership(read, community.0, user.0, membership);
        Ok(Some(membership))
    }

    /// A member's name, email address, daily cap, language and time zone: one row, for telling
    /// them of an event or checking a booking, without the whole profile.
    pub async fn member_contact(
        &self,
        community: CommunityId,
        id: MemberId,
    ) -> StoreResult<MemberContact> {
        self.member_contacts(community, &[id])
            .await?
            .remove(&id)
            .ok_or(StoreError::NotFound("member"))
    }

    /// The contact details of several members of `community`, read in one query per thousand
    /// members (everyone told of one event, in their own language and time zone). Members not
    /// in `community` are left out.
    pub async fn member_contacts(
        &self,
        community: CommunityId,
        members: &[MemberId],
    ) -> StoreResult<HashMap<MemberId, MemberContact>> {
        let mut ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CONTACT_CHUNK) {
            let mut q = Sql::new(
                "SELECT m.id, u.display_name, u.email, m.daily_cap, u.language, u.time_zone \
                 FROM members m JOIN users u ON u.id = m.user_id WHERE m.community_id = ",
            );
            let c = q.int(community.0);
            q.push(&c).push(" AND m.id IN (");
            let placeholders: Vec<String> = chunk.iter().map(|id| q.int(*id)).collect();
            q.push(&placeholders.join(", ")).push(")");
            let rows: Vec<ContactRow> = q.query_as().fetch_all(self.reader()).await?;
            out.extend(rows.into_iter().map(|r| {
                (
                    MemberId(r.0),
                    MemberContact {
                        name: r.1,
                        email: r.2,
                        daily_cap: r.3.and_then(|c| u32::try_from(c).ok()),
                        language: r.4,
                        time_zone: r.5,
                    },
                )
            }));
        }
        Ok(out)
    }

    /// A member of `community` with their whole profile.
    pub async fn member(&self, community: CommunityId, id: MemberId) -> StoreResult<Member> {
        let row: Option<MemberRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {MEMBER_COLUMNS} FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.community_id = $1 AND m.id = $2"
        )))
        .bind(community.0)
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        let row = row.ok_or(StoreError::NotFound("member"))?;
        let tags: Vec<(String, String)> =
            sqlx::query_as("SELECT kind, tag FROM member_tags WHERE member_id = $1 ORDER BY tag")
                .bind(id.0)
                .fetch_all(self.reader())
                .await?;
        let windows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT starts_at, ends_at FROM availability WHERE member_id = $1 ORDER BY starts_at",
        )
        .bind(id.0)
        .fetch_all(self.reader())
        .await?;
        let availability = windows
            .into_iter()
            .map(|(s, e)| {
                TimeRange::from_unix(s, e).ok_or_else(|| StoreError::Corrupt("availability".into()))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let pick = |kind: &str| {
            tags.iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, t)| t.clone())
                .collect::<Vec<_>>()
        };
        Ok(Member {
            id: MemberId(row.id),
            community_id: CommunityId(row.community_id),
            user_id: UserId(row.user_id),
            role: word(Role::parse, &row.role)?,
            languages: split_lines(&row.languages),
            daily_cap: row.daily_cap.and_then(|c| u32::try_from(c).ok()),
            offers: pick("offer"),
            wants: pick("want"),
            availability,
            joined_at: time(row.joined_at)?,
            display_name: row.display_name,
            headline: row.headline,
            bio: row.bio,
            team: row.team,
        })
    }

    /// Replaces a member's profile text, languages and tags, in one transaction.
    pub async fn update_profile(
        &self,
        community: CommunityId,
        member: MemberId,
        update: &ProfileUpdate,
    ) -> StoreResult<Member> {
        self.save_profile(community, member, update, None).await
    }

    /// Replaces a member's profile text, languages and tags and, when `windows` is given, their
    /// availability (already merged and checked against the community's hours), in one
    /// transaction: the profile editor saves everything at once.
    pub async fn save_profile(
        &self,
        community: CommunityId,
        member: MemberId,
        update: &ProfileUpdate,
        windows: Option<&[TimeRange]>,
    ) -> StoreResult<Member> {
        let mut tx = self.write_tx().await?;
        let languages: Vec<&str> = update.languages.iter().map(|l| l.as_str()).collect();
        let done = sqlx::query(
            "UPDATE members SET headline = $1, bio = $2, team = $3, languages = $4, daily_cap = $7 \
             WHERE community_id = $5 AND id = $6",
        )
        .bind(update.text.headline.as_str())
        .bind(update.text.bio.as_str())
        .bind(update.text.team.as_str())
        .bind(languages.join("\n"))
        .bind(community.0)
        .bind(member.0)
        .bind(update.daily_cap.map(i64::from))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("member"));
        }
        sqlx::query("DELETE FROM member_tags WHERE member_id = $1")
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        for (kind, list) in [("offer", &update.offers), ("want", &update.wants)] {
            for tag in list.iter() {
                sqlx::query(
                    "INSERT INTO member_tags (community_id, member_id, kind, tag) VALUES ($1, $2, $3, $4)",
                )
                .bind(community.0)
                .bind(member.0)
                .bind(kind)
                .bind(tag.as_str())
                .execute(&mut *tx)
                .await?;
            }
        }
        crate::tag_labels::remember(&mut tx, community, update.offers.iter()).await?;
        crate::tag_labels::remember(&mut tx, community, update.wants.iter()).await?;
        if let Some(windows) = windows {
            replace_availability(&mut tx, community, member, windows).await?;
        }
        tx.commit().await?;
        self.wrote();
        // The team is listed with the host's topics.
        self.market.forget();
        self.labels.forget();
        self.member(community, member).await
    }

    /// Replaces a member's availability with `windows` (already merged and checked against
    /// the community's hours), in one transaction.
    pub async fn set_availability(
        &self,
        community: CommunityId,
        member: MemberId,
        windows: &[TimeRange],
    ) -> StoreResult<Member> {
        let mut tx = self.write_tx().await?;
        let exists: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM members WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(member.0)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound("member"));
        }
        replace_availability(&mut tx, community, member, windows).await?;
        tx.commit().await?;
        self.wrote();
        self.member(community, member).await
    }

    /// Changes a member's role and records it in the audit log, in one transaction. A community
    /// always keeps at least one organizer (`last_organizer`).
    pub async fn set_role(
        &self,
        community: CommunityId,
        member: MemberId,
        role: Role,
        actor: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<Member> {
        let mut tx = self.write_tx().await?;
        let current: Option<(String, String)> = sqlx::query_as(
            "SELECT m.role, u.display_name FROM members m JOIN users u ON u.id = m.user_id \
             WHERE m.community_id = $1 AND m.id = $2",
        )
        .bind(community.0)
        .bind(member.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (current, name) = current.ok_or(StoreError::NotFound("member"))?;
        if current == Role::Organizer.as_str() && role != Role::Organizer {
            let (organizers,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM members WHERE community_id = $1 AND role = 'organizer'",
            )
            .bind(community.0)
            .fetch_one(&mut *tx)
            .await?;
            if organizers <= 1 {
                return Err(StoreError::conflict(
                    "last_organizer",
                    "a community needs at least one organizer; promote someone else first",
                ));
            }
        }
        sqlx::query("UPDATE members SET role = $1 WHERE community_id = $2 AND id = $3")
            .bind(role.as_str())
            .bind(community.0)
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO audit_log (community_id, actor_user_id, action, subject, detail, created_at) \
             VALUES ($1, $2, 'role_changed', $3, $4, $5)",
        )
        .bind(community.0)
        .bind(actor.0)
        .bind(format!("member {} ({name})", member.0))
        .bind(format!("{current} → {}", role.as_str()))
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        self.lookups.forget();
        self.member(community, member).await
    }

    /// One page of the member directory, ordered by join order.
    pub async fn directory(
        &self,
        community: CommunityId,
        filter: &DirectoryFilter,
    ) -> StoreResult<Page<MemberSummary>> {
        let limit = filter.limit.clamp(1, 200);
        let mut sql = Sql::new(
            "SELECT m.id, m.user_id, u.display_name, m.role, m.headline, m.team \
             FROM members m JOIN users u ON u.id = m.user_id WHERE u.former = 0 AND m.community_id = ",
        );
        let (c, after) = (sql.int(community.0), sql.int(filter.cursor.unwrap_or(0)));
        sql.push(&format!("{c} AND m.id > {after}"));
        if let Some(tag) = &filter.tag {
            let t = sql.text(tag.as_str());
            sql.push(&format!(
                " AND EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = m.id AND t.tag = {t})"
            ));
        }
        if let Some(text) = &filter.text {
            let escaped = text.to_lowercase().replace(['%', '_'], "");
            let n = sql.text(format!("%{escaped}%"));
            sql.push(&format!(
                " AND (LOWER(u.display_name) LIKE {n} OR LOWER(m.headline) LIKE {n} OR LOWER(m.team) LIKE {n})"
            ));
        }
        let l = sql.int(limit + 1);
        sql.push(&format!(" ORDER BY m.id LIMIT {l}"));
        let mut rows: Vec<(i64, i64, String, String, String, String)> =
            sql.query_as().fetch_all(self.reader()).await?;
        let next_cursor = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.0.to_string())
        } else {
            None
        };
        let tags = self.tags_of(rows.iter().map(|r| r.0)).await?;
        let items = rows
            .into_iter()
            .map(|(id, user_id, display_name, role, headline, team)| {
                let mine = |kind: &str| {
                    tags.iter()
                        .filter(|(m, k, _)| *m == id && k == kind)
                        .map(|(_, _, t)| t.clone())
                        .collect()
                };
                Ok(MemberSummary {
                    id: MemberId(id),
                    user_id: UserId(user_id),
                    role: word(Role::parse, &role)?,
                    offers: mine("offer"),
                    wants: mine("want"),
                    display_name,
                    headline,
                    team,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page { items, next_cursor })
    }

    async fn tags_of(
        &self,
        members: impl Iterator<Item = i64>,
    ) -> StoreResult<Vec<(i64, String, String)>> {
        let mut sql = Sql::new("SELECT member_id, kind, tag FROM member_tags WHERE member_id IN (");
        let ids: Vec<String> = members.map(|id| sql.int(id)).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push(&ids.join(", "));
        sql.push(") ORDER BY tag");
        Ok(sql.query_as().fetch_all(self.reader()).await?)
    }

    /// The community's most used tags starting with `prefix` (all tags if empty), for
    /// suggestions and the directory's filter.
    pub async fn tag_suggestions(
        &self,
        community: CommunityId,
        prefix: &str,
        limit: i64,
    ) -> StoreResult<Vec<TagCount>> {
        let prefix = prefix.trim().to_lowercase().replace(['%', '_'], "");
        let limit = limit.clamp(1, 200);
        // Without a prefix it is the community's popular tags, the same for everyone: served
        // from the market cache, which every profile edit empties.
        if prefix.is_empty() {
            if let Some(tags) = self.market.member_tags(community.0, limit) {
                return Ok(tags.as_ref().clone());
            }
            let read = self.market.generation();
            let _filling = self.market.fill(&("member_tags", community.0, limit)).await;
            if let Some(tags) = self.market.member_tags(community.0, limit) {
                return Ok(tags.as_ref().clone());
            }
            let tags = self.tag_counts(community, "", limit).await?;
            self.market.keep_member_tags(
                read,
                community.0,
                limit,
                std::sync::Arc::new(tags.clone()),
            );
            return Ok(tags);
        }
        self.tag_counts(community, &prefix, limit).await
    }

    async fn tag_counts(
        &self,
        community: CommunityId,
        prefix: &str,
        limit: i64,
    ) -> StoreResult<Vec<TagCount>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT tag, COUNT(*) AS n FROM member_tags WHERE community_id = $1 AND tag LIKE $2 \
             GROUP BY tag ORDER BY n DESC, tag LIMIT $3",
        )
        .bind(community.0)
        .bind(format!("{prefix}%"))
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(tag, count)| TagCount { tag, count })
            .collect())
    }
}

impl Store {
    /// How many confirmed meetings `member` takes part in that start within `range`.
    pub async fn meetings_in(&self, member: MemberId, range: &TimeRange) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM meeting_participants WHERE member_id = $1 AND status = 'confirmed' \
             AND starts_at >= $2 AND starts_at < $3",
        )
        .bind(member.0)
        .bind(range.start().timestamp())
        .bind(range.end().timestamp())
        .fetch_one(self.reader())
        .await?;
        Ok(n)
    }
}

/// Replaces a member's availability windows inside a transaction.
async fn replace_availability(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    member: MemberId,
    windows: &[TimeRange],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM availability WHERE member_id = $1")
        .bind(member.0)
        .execute(&mut **tx)
        .await?;
    for w in windows {
        sqlx::query(
            "INSERT INTO availability (community_id, member_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(community.0)
        .bind(member.0)
        .bind(w.start().timestamp())
        .bind(w.end().timestamp())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
