//! Leaving a community and deleting an account. Both end a membership the same way
//! ([`detach_member`]): future meetings are cancelled (or the seat given up) with notices to
//! the others through the outbox, pending requests withdrawn, open topics closed, the profile
//! and private traces (tags, availability, inbox, dismissals, private feedback) erased, and the
//! membership row moved to a "former member": a user of its own that cannot sign in
//! (`users.former = 1`), named in the community's language. What others need (topics,
//! meetings, notes, questions, answers) keeps its member id and so stays, attributed to it.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, Role, UserId};

use crate::meetings::cancel::cancel_in;
use crate::meetings::seats::give_up_seat_in;
use crate::{Backend, SchemaTable, Store, StoreError, StoreResult};

/// Names a former member in a community's language (its `communities.language` tag).
pub type FormerName<'a> = &'a (dyn Fn(&str) -> String + Sync);

/// Names shorter than this are not searched for in others' messages when an account is
/// erased: replacing "Al" would mangle every "Also".
const MIN_SCRUBBED_NAME: usize = 4;

type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Whether `member` is the last organizer of `community` among current (not former) members,
/// and how many other current members there are.
async fn organizer_standing(tx: &mut Tx, community: i64, member: i64) -> StoreResult<(bool, i64)> {
    let (role,): (String,) = sqlx::query_as("SELECT role FROM members WHERE id = $1")
        .bind(member)
        .fetch_one(&mut **tx)
        .await?;
    let (organizers, others): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN m.role = 'organizer' THEN 1 ELSE 0 END), 0), COUNT(*) \
         FROM members m JOIN users u ON u.id = m.user_id \
         WHERE m.community_id = $1 AND m.id <> $2 AND u.former = 0",
    )
    .bind(community)
    .bind(member)
    .fetch_one(&mut **tx)
    .await?;
    Ok((role == Role::Organizer.as_str() && organizers == 0, others))
}

fn last_organizer(community: &str) -> StoreError {
    StoreError::conflict(
        "last_organizer",
        format!(
            "you are the last organizer of {community}; make another member an organizer first"
        ),
    )
}

/// Ends `member`'s part in `community` inside the caller's transaction (see the module).
/// With `erase`, the person's name and address are also taken out of the community's
/// messages to others, its audit log and its queued events.
#[allow(clippy::too_many_arguments)]
async fn detach_member(
    tx: &mut Tx,
    backend: Backend,
    community: i64,
    member: i64,
    user: i64,
    former: &str,
    erase: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let t = now.timestamp();
    // Future meetings: a one-on-one or a hosted group is cancelled for everyone; a seat in
    // someone else's group is given up (and offered to its waitlist).
    let meetings: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT mt.id, p.role, mt.capacity FROM meeting_participants p \
         JOIN meetings mt ON mt.id = p.meeting_id \
         WHERE p.member_id = $1 AND p.status = 'confirmed' AND mt.status = 'confirmed' \
         AND mt.starts_at > $2",
    )
    .bind(member)
    .bind(t)
    .fetch_all(&mut **tx)
    .await?;
    for (meeting, role, capacity) in meetings {
        if role == "participant" && capacity > 2 {
            give_up_seat_in(tx, backend, meeting, member, now).await?;
            sqlx::query("DELETE FROM meeting_waitlist WHERE member_id = $1")
                .bind(member)
                .execute(&mut **tx)
                .await?;
        } else {
            cancel_in(tx, meeting, member, "", now).await?;
        }
    }
    sqlx::query(
        "UPDATE meeting_requests SET status = 'withdrawn', decided_at = $1 \
         WHERE status = 'pending' AND (requester_member_id = $2 OR decider_member_id = $2)",
    )
    .bind(t)
    .bind(member)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE meeting_requests SET message = '' WHERE requester_member_id = $1")
        .bind(member)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE meeting_requests SET reply = '' WHERE decider_member_id = $1")
        .bind(member)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE topics SET status = 'closed' WHERE host_member_id = $1 AND status = 'open'",
    )
    .bind(member)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE notes SET named = 0 WHERE author_member_id = $1")
        .bind(member)
        .execute(&mut **tx)
        .await?;
    // Out of the meet-now pool: an open proposal ends, and the other side is free again.
    sqlx::query(
        "UPDATE free_now SET proposal_id = NULL WHERE proposal_id IN (SELECT id FROM \
         meet_now_proposals WHERE status = 'open' AND (host_member_id = $1 OR guest_member_id = $1))",
    )
    .bind(member)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE meet_now_proposals SET status = 'declined' WHERE status = 'open' \
         AND (host_member_id = $1 OR guest_member_id = $1)",
    )
    .bind(member)
    .execute(&mut **tx)
    .await?;
    for table in [
        "free_now",
        "meeting_waitlist",
        "seat_offers",
        "member_tags",
        "availability",
        "notifications",
        "demand_invitations",
        "feedback",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE member_id = $1"
        )))
        .bind(member)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM dismissals WHERE member_id = $1 OR host_member_id = $1")
        .bind(member)
        .execute(&mut **tx)
        .await?;
    let (ghost,): (i64,) = sqlx::query_as(
        "INSERT INTO users (email, display_name, password_hash, created_at, former) \
         VALUES ($1, $2, '', $3, 1) RETURNING id",
    )
    .bind(format!("#former-member:{member}"))
    .bind(former)
    .bind(t)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE members SET user_id = $1, role = 'member', headline = '', bio = '', team = '', \
         languages = '', daily_cap = NULL, paused_at = NULL WHERE id = $2",
    )
    .bind(ghost)
    .bind(member)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE audit_log SET actor_user_id = $1 WHERE community_id = $2 AND actor_user_id = $3",
    )
    .bind(ghost)
    .bind(community)
    .bind(user)
    .execute(&mut **tx)
    .await?;
    crate::webhooks::enqueue_for_webhooks(
        tx,
        community,
        crate::outbox::JobKind::MemberLeft,
        peerlearn_domain::EventType::MemberLeft,
        member,
        Some(member),
        "",
        now,
    )
    .await?;
    if let Some((name, email)) = erase {
        for word in [name, email] {
            if word.chars().count() < MIN_SCRUBBED_NAME {
                continue;
            }
            scrub(tx, Some(community), word, former).await?;
        }
    }
    Ok(())
}

/// Replaces `word` with `with` in the texts of messages, live updates, queued events and the
/// audit log of one community, in its language.
async fn scrub(tx: &mut Tx, community: Option<i64>, word: &str, with: &str) -> StoreResult<()> {
    let pattern = format!("%{}%", word.replace(['%', '_'], ""));
    let scope = if community.is_some() {
        " AND community_id = $4"
    } else {
        ""
    };
    for (table, columns) in [
        ("notifications", &["title", "body"][..]),
        ("live_events", &["title", "body"][..]),
        ("outbox", &["payload"][..]),
        ("audit_log", &["subject", "detail"][..]),
    ] {
        for column in columns {
            let q = format!(
                "UPDATE {table} SET {column} = REPLACE({column}, $1, $2) WHERE {column} LIKE $3{scope}"
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(q))
                .bind(word.to_string())
                .bind(with.to_string())
                .bind(pattern.clone());
            if let Some(c) = community {
                q = q.bind(c);
            }
            q.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Replaces `word` with `with` in every text column of every table.
async fn scrub_everywhere(
    tx: &mut Tx,
    schema: &[SchemaTable],
    word: &str,
    with: &str,
) -> StoreResult<()> {
    let pattern = format!("%{}%", word.replace(['%', '_'], ""));
    // Accounts are left alone: theirs is deleted, and another's address that happens to
    // contain theirs must not change.
    for table in schema.iter().filter(|t| t.name != "users") {
        for (column, _) in table.columns.iter().filter(|(_, text)| *text) {
            let q = format!(
                "UPDATE \"{t}\" SET \"{column}\" = REPLACE(\"{column}\", $1, $2) WHERE \"{column}\" LIKE $3",
                t = table.name
            );
            sqlx::query(sqlx::AssertSqlSafe(q))
                .bind(word.to_string())
                .bind(with.to_string())
                .bind(pattern.clone())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

impl Store {
    /// Leaves a community (see the module): `last_organizer` (409) when the member is its last
    /// organizer, `not_found` when they are not a member. One transaction.
    pub async fn leave_community(
        &self,
        community: CommunityId,
        user: UserId,
        former: FormerName<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<MemberId> {
        let mut tx = self.write_tx().await?;
        let found: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT m.id, c.name, c.language FROM members m JOIN communities c ON c.id = m.community_id \
             WHERE m.community_id = $1 AND m.user_id = $2",
        )
        .bind(community.0)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (member, name, language) = found.ok_or(StoreError::NotFound("community"))?;
        let (last, _) = organizer_standing(&mut tx, community.0, member).await?;
        if last {
            return Err(last_organizer(&name));
        }
        detach_member(
            &mut tx,
            self.backend(),
            community.0,
            member,
            user.0,
            &former(&language),
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        self.forget_people();
        Ok(MemberId(member))
    }

    /// Deletes an account (see the module): every membership ends as in
    /// [`Store::leave_community`], a community where the person is the only current member is
    /// deleted with everything in it, their name and address are taken out of what others
    /// keep, and the account row goes with its sessions, tokens, links, calendar feed, live
    /// updates and exports. `last_organizer` (409, nothing changed) when they are the last
    /// organizer of a community that has other members. One transaction.
    pub async fn delete_account(
        &self,
        user: UserId,
        former: FormerName<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        // Read before the write transaction: an in-memory database has one connection.
        let schema = self.schema().await?;
        let mut tx = self.write_tx().await?;
        let found: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT display_name, email, language FROM users WHERE id = $1 AND former = 0",
        )
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
        let (name, email, language) = found.ok_or(StoreError::NotFound("user"))?;
        let memberships: Vec<(i64, i64, String, String)> = sqlx::query_as(
            "SELECT m.id, c.id, c.name, c.language FROM members m \
             JOIN communities c ON c.id = m.community_id WHERE m.user_id = $1 ORDER BY m.id",
        )
        .bind(user.0)
        .fetch_all(&mut *tx)
        .await?;
        for (member, community, community_name, community_language) in memberships {
            let (last, others) = organizer_standing(&mut tx, community, member).await?;
            if others == 0 {
                for table in ["outbox", "live_events"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DELETE FROM {table} WHERE community_id = $1"
                    )))
                    .bind(community)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query("DELETE FROM communities WHERE id = $1")
                    .bind(community)
                    .execute(&mut *tx)
                    .await?;
                continue;
            }
            if last {
                return Err(last_organizer(&community_name));
            }
            let label = former(&community_language);
            detach_member(
                &mut tx,
                self.backend(),
                community,
                member,
                user.0,
                &label,
                Some((&name, &email)),
                now,
            )
            .await?;
        }
        // Emails still queued for the account go; its name and address leave the rest.
        sqlx::query("DELETE FROM outbox WHERE kind = 'email' AND payload LIKE $1")
            .bind(format!("%\"to\":\"{}\"%", email.replace(['%', '_'], "")))
            .execute(&mut *tx)
            .await?;
        // Then every text of every table (what others wrote about them too), walked from
        // the schema as the erasure tests walk it.
        let label = former(language.as_deref().unwrap_or("en"));
        for word in [name.as_str(), email.as_str()] {
            if word.chars().count() >= MIN_SCRUBBED_NAME {
                scrub_everywhere(&mut tx, &schema, word, &label).await?;
            }
        }
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        self.forget_people();
        Ok(())
    }

    /// The communities where `user` is the last organizer: id, name, and whether anyone else
    /// (not a former member) is in it.
    pub async fn last_organizer_of(
        &self,
        user: UserId,
    ) -> StoreResult<Vec<(CommunityId, String, bool)>> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT c.id, c.name, (SELECT COUNT(*) FROM members o JOIN users u ON u.id = o.user_id \
               WHERE o.community_id = m.community_id AND o.id <> m.id AND u.former = 0) \
             FROM members m JOIN communities c ON c.id = m.community_id \
             WHERE m.user_id = $1 AND m.role = 'organizer' AND NOT EXISTS ( \
               SELECT 1 FROM members o JOIN users u ON u.id = o.user_id \
               WHERE o.community_id = m.community_id AND o.id <> m.id \
               AND o.role = 'organizer' AND u.former = 0) \
             ORDER BY c.name, c.id",
        )
        .bind(user.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, others)| (CommunityId(id), name, others > 0))
            .collect())
    }

    /// Empties the caches that hold memberships, tokens and the market after people left.
    fn forget_people(&self) {
        self.lookups.forget();
        self.market.forget();
        self.wrote();
    }
}
