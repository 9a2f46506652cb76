//! Invitations to a community sent to imported attendees: who joined (used their link) and
//! who has not, re-sends (each with a new link, at most one per person per interval), and
//! using a link (a new account chooses its password with it).

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, UserId};

use crate::imports::{InvitationEmails, Invitee};
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::{Page, time};
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// An invitation, as the organizer sees it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub user: UserId,
    pub name: String,
    pub email: String,
    /// The account was created by the import.
    pub new_account: bool,
    pub sent_at: DateTime<Utc>,
    pub sends: i64,
    pub expires_at: DateTime<Utc>,
    /// When the person used their link.
    pub joined_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    user_id: i64,
    display_name: String,
    email: String,
    new_account: i64,
    sent_at: i64,
    sends: i64,
    expires_at: i64,
    joined_at: Option<i64>,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = StoreError;
    fn try_from(r: InvitationRow) -> StoreResult<Self> {
        Ok(Self {
            id: r.id,
            user: UserId(r.user_id),
            name: r.display_name,
            email: r.email,
            new_account: r.new_account != 0,
            sent_at: time(r.sent_at)?,
            sends: r.sends,
            expires_at: time(r.expires_at)?,
            joined_at: r.joined_at.map(time).transpose()?,
        })
    }
}

/// Which invitations a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvitationFilter {
    #[default]
    All,
    Joined,
    Pending,
}

/// How many people were invited, and how many joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InvitationCounts {
    pub invited: i64,
    pub joined: i64,
}

/// A link that works: whose it is and where it leads.
#[derive(Debug, Clone)]
pub struct InvitationLink {
    pub community: CommunityId,
    pub user: UserId,
    pub name: String,
    pub email: String,
    /// The account has no password yet: the link lets its owner choose one.
    pub needs_password: bool,
}

/// What re-sending did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Resent {
    pub sent: i64,
    /// Not sent because the last invitation went out less than the interval ago.
    pub too_soon: i64,
}

const COLUMNS: &str = "i.id, i.user_id, u.display_name, u.email, i.new_account, i.sent_at, \
     i.sends, i.expires_at, i.joined_at";

impl Store {
    /// A page of the community's invitations, newest first.
    pub async fn invitations(
        &self,
        community: CommunityId,
        filter: InvitationFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Page<Invitation>> {
        let condition = match filter {
            InvitationFilter::All => "",
            InvitationFilter::Joined => " AND i.joined_at IS NOT NULL",
            InvitationFilter::Pending => " AND i.joined_at IS NULL",
        };
        let rows: Vec<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM invitations i JOIN users u ON u.id = i.user_id \
             WHERE i.community_id = $1{condition} ORDER BY i.id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(community.0)
        .bind(limit + 1)
        .bind(offset)
        .fetch_all(self.reader())
        .await?;
        Page::from_offset_rows(rows, limit, offset)
    }

    /// One invitation of the community.
    pub async fn invitation(&self, community: CommunityId, id: i64) -> StoreResult<Invitation> {
        let row: Option<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM invitations i JOIN users u ON u.id = i.user_id \
             WHERE i.community_id = $1 AND i.id = $2"
        )))
        .bind(community.0)
        .bind(id)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("invitation"))?.try_into()
    }

    /// How many were invited to the community and how many joined.
    pub async fn invitation_counts(&self, community: CommunityId) -> StoreResult<InvitationCounts> {
        let (invited, joined): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), SUM(CASE WHEN joined_at IS NULL THEN 0 ELSE 1 END) \
             FROM invitations WHERE community_id = $1",
        )
        .bind(community.0)
        .fetch_one(self.reader())
        .await?;
        Ok(InvitationCounts {
            invited,
            joined: joined.unwrap_or(0),
        })
    }

    /// Sends the invitation again, with a new link (the old one stops working), to one person
    /// (`only`) or to everyone who has not joined, skipping whoever was sent one less than
    /// `gap` ago. `make_hash(index)` gives the hash of the new link for the `index`th
    /// invitee; their email is composed by `emails.compose`. One transaction.
    pub async fn resend_invitations(
        &self,
        community: CommunityId,
        only: Option<i64>,
        gap: Duration,
        make_hash: &(dyn Fn(usize) -> String + Send + Sync),
        emails: InvitationEmails<'_>,
    ) -> StoreResult<Resent> {
        let now = emails.now;
        let mut tx = self.write_tx().await?;
        let mut q = Sql::new(
            "SELECT i.id, i.user_id, u.email, u.display_name, i.new_account, u.language, i.sent_at \
             FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.community_id = ",
        );
        let c = q.int(community.0);
        q.push(&c).push(" AND i.joined_at IS NULL");
        if let Some(id) = only {
            let id = q.int(id);
            q.push(" AND i.id = ").push(&id);
        }
        q.push(" ORDER BY i.id");
        type Row = (i64, i64, String, String, i64, Option<String>, i64);
        let rows: Vec<Row> = q.query_as().fetch_all(&mut *tx).await?;
        if let Some(id) = only
            && rows.is_empty()
        {
            let exists: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM invitations WHERE community_id = $1 AND id = $2")
                    .bind(community.0)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(match exists {
                Some(_) => StoreError::conflict("already_joined", "this person has already joined"),
                None => StoreError::NotFound("invitation"),
            });
        }
        let latest = (now - gap).timestamp();
        let mut out = Resent::default();
        let mut payloads: Vec<(i64, String)> = Vec::new();
        for (id, user, email, name, new_account, language, sent_at) in rows {
            if sent_at > latest {
                out.too_soon += 1;
                continue;
            }
            let index = payloads.len();
            sqlx::query(
                "UPDATE invitations SET token_hash = $1, sent_at = $2, expires_at = $3, \
                 sends = sends + 1 WHERE id = $4",
            )
            .bind(make_hash(index))
            .bind(now.timestamp())
            .bind(emails.expires_at.timestamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let payload = (emails.compose)(&Invitee {
                index,
                user: UserId(user),
                email: &email,
                name: &name,
                new_account: new_account != 0,
                language: language.as_deref(),
            })?;
            payloads.push((user, payload));
        }
        for chunk in payloads.chunks(200) {
            let jobs: Vec<NewJob<'_>> = chunk
                .iter()
                .map(|(user, payload)| NewJob {
                    kind: JobKind::Email,
                    subject: *user,
                    actor: None,
                    payload,
                    run_at: now,
                })
                .collect();
            enqueue_all(&mut tx, community.0, &jobs, now).await?;
        }
        tx.commit().await?;
        self.wrote();
        out.sent = payloads.len() as i64;
        Ok(out)
    }

    /// The invitation an unused, unexpired link is for.
    pub async fn invitation_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<InvitationLink>> {
        let row: Option<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT i.community_id, i.user_id, u.display_name, u.email, u.password_hash \
             FROM invitations i JOIN users u ON u.id = i.user_id \
             WHERE i.token_hash = $1 AND i.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|(c, u, name, email, hash)| InvitationLink {
            community: CommunityId(c),
            user: UserId(u),
            name,
            email,
            needs_password: hash.is_empty(),
        }))
    }

    /// Uses an invitation link, once: the invitation is marked joined and, when
    /// `password_hash` is given and the account has no password yet, it becomes the
    /// account's password. `None` (nothing written) when the link does not work (any more).
    pub async fn use_invitation(
        &self,
        token_hash: &str,
        password_hash: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(CommunityId, UserId)>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE invitations SET token_hash = NULL, joined_at = $1 \
             WHERE token_hash = $2 AND expires_at > $1 RETURNING community_id, user_id",
        )
        .bind(now.timestamp())
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((community, user)) = row else {
            return Ok(None);
        };
        if let Some(hash) = password_hash {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = ''")
                .bind(hash)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.wrote();
        Ok(Some((CommunityId(community), UserId(user))))
    }
}
