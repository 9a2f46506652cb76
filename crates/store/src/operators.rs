//! What the operator of a server does from the command line: list every community with its
//! head counts, and make someone an organizer of a community (creating their account, with an
//! invitation link to choose a password, when the address has none). Former members (who
//! left or deleted their account) are never counted.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, DisplayName, Email, MemberId, Role, UserId};

use crate::error::unique_as;
use crate::records::{time, word};
use crate::{Store, StoreError, StoreResult};

/// A line of the operator's list of communities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityListing {
    pub id: CommunityId,
    pub name: String,
    /// Current members (organizers included), not former ones.
    pub members: i64,
    pub organizers: i64,
    pub created_at: DateTime<Utc>,
}

/// Someone to make an organizer: their address, the name a new account gets (required when
/// the address has no account), and the hashed invitation link a new account chooses its
/// password with.
#[derive(Debug, Clone, Copy)]
pub struct NewOrganizer<'a> {
    pub email: &'a Email,
    pub name: Option<&'a DisplayName>,
    pub link_hash: &'a str,
    pub link_expires: DateTime<Utc>,
}

/// What making someone an organizer changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganizerChange {
    /// A new account (without a password) joined as organizer, with an invitation link.
    NewAccount,
    /// An existing account that was not a member joined as organizer.
    Joined,
    /// A member with this role became an organizer.
    Promoted(Role),
    /// They were an organizer already; nothing changed.
    AlreadyOrganizer,
}

/// The audit log's word for what an operator did.
const AUDIT_ACTION: &str = "operator_made_organizer";

type Tx = sqlx::Transaction<'static, sqlx::Any>;

impl Store {
    /// Every community, oldest first, with its current members and organizers.
    pub async fn list_communities(&self) -> StoreResult<Vec<CommunityListing>> {
        let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT c.id, c.name, \
               (SELECT COUNT(*) FROM members m JOIN users u ON u.id = m.user_id \
                WHERE m.community_id = c.id AND u.former = 0), \
               (SELECT COUNT(*) FROM members m JOIN users u ON u.id = m.user_id \
                WHERE m.community_id = c.id AND u.former = 0 AND m.role = 'organizer'), \
               c.created_at \
             FROM communities c ORDER BY c.id",
        )
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|(id, name, members, organizers, created)| {
                Ok(CommunityListing {
                    id: CommunityId(id),
                    name,
                    members,
                    organizers,
                    created_at: time(created)?,
                })
            })
            .collect()
    }

    /// Makes the account with `new.email` an organizer of `community`, in one transaction:
    /// a member is promoted, an account that is not a member joins as organizer, and an
    /// address without an account gets one (named `new.name`, without a password) that joins
    /// as organizer with an invitation holding `new.link_hash` until `new.link_expires`. The
    /// change is written to the community's audit log, by the person themselves (an operator
    /// has no account). `NotFound("community")`, or `NotFound("user")` when the address has
    /// no account and no name is given; nothing is written then.
    pub async fn make_organizer(
        &self,
        community: CommunityId,
        new: NewOrganizer<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<(UserId, OrganizerChange)> {
        let mut tx = self.write_tx().await?;
        let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM communities WHERE id = $1")
            .bind(community.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound("community"));
        }
        let account: Option<(i64, String)> =
            sqlx::query_as("SELECT id, display_name FROM users WHERE email = $1 AND former = 0")
                .bind(new.email.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        let (user, name, change) = match account {
            Some((user, name)) => {
                let membership: Option<(i64, String)> = sqlx::query_as(
                    "SELECT id, role FROM members WHERE community_id = $1 AND user_id = $2",
                )
                .bind(community.0)
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
                match membership {
                    Some((_, role)) if role == Role::Organizer.as_str() => {
                        return Ok((UserId(user), OrganizerChange::AlreadyOrganizer));
                    }
                    Some((member, role)) => {
                        let role = word(Role::parse, &role)?;
                        sqlx::query(
                            "UPDATE members SET role = 'organizer' WHERE community_id = $1 AND id = $2",
                        )
                        .bind(community.0)
                        .bind(member)
                        .execute(&mut *tx)
                        .await?;
                        let detail = format!("{} → organizer", role.as_str());
                        audit(&mut tx, community, user, member, &name, &detail, now).await?;
                        (user, name, OrganizerChange::Promoted(role))
                    }
                    None => (user, name, OrganizerChange::Joined),
                }
            }
            None => {
                let name = new.name.ok_or(StoreError::NotFound("user"))?;
                let (user,): (i64,) = sqlx::query_as(
                    "INSERT INTO users (email, display_name, password_hash, created_at) \
                     VALUES ($1, $2, '', $3) RETURNING id",
                )
                .bind(new.email.as_str())
                .bind(name.as_str())
                .bind(now.timestamp())
                .fetch_one(&mut *tx)
                .await
                .map_err(unique_as(
                    "email_taken",
                    "an account with this email already exists",
                ))?;
                sqlx::query(
                    "INSERT INTO invitations (community_id, user_id, import_id, new_account, \
                     token_hash, created_at, sent_at, expires_at, sends) \
                     VALUES ($1, $2, NULL, 1, $3, $4, $4, $5, 1)",
                )
                .bind(community.0)
                .bind(user)
                .bind(new.link_hash)
                .bind(now.timestamp())
                .bind(new.link_expires.timestamp())
                .execute(&mut *tx)
                .await?;
                (user, name.as_str().to_string(), OrganizerChange::NewAccount)
            }
        };
        if matches!(
            change,
            OrganizerChange::NewAccount | OrganizerChange::Joined
        ) {
            let member = join_as_organizer(&mut tx, community, user, now).await?;
            audit(
                &mut tx,
                community,
                user,
                member.0,
                &name,
                "→ organizer",
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.wrote();
        // The community's counts and the person's membership changed.
        self.lookups.forget();
        Ok((UserId(user), change))
    }
}

/// Adds `user` to `community` as an organizer, with the join event webhooks read.
async fn join_as_organizer(
    tx: &mut Tx,
    community: CommunityId,
    user: i64,
    now: DateTime<Utc>,
) -> StoreResult<MemberId> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO members (community_id, user_id, role, joined_at) \
         VALUES ($1, $2, 'organizer', $3) RETURNING id",
    )
    .bind(community.0)
    .bind(user)
    .bind(now.timestamp())
    .fetch_one(&mut **tx)
    .await?;
    crate::webhooks::enqueue_for_webhooks(
        tx,
        community.0,
        crate::outbox::JobKind::MemberJoined,
        peerlearn_domain::EventType::MemberJoined,
        id,
        Some(id),
        "",
        now,
    )
    .await?;
    Ok(MemberId(id))
}

async fn audit(
    tx: &mut Tx,
    community: CommunityId,
    actor: i64,
    member: i64,
    name: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (community_id, actor_user_id, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(community.0)
    .bind(actor)
    .bind(AUDIT_ACTION)
    .bind(format!("member {member} ({name})"))
    .bind(detail)
    .bind(now.timestamp())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
