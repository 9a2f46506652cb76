//! One-time links sent by email: a password reset, the confirmation of a new email address.
//! Only a hash of each link's secret is kept; a link works once, until it expires, and a newer
//! link of the same kind for the same account replaces the older one. The email that carries
//! a link is queued in the same transaction that keeps the link.

use chrono::{DateTime, Utc};
use peerlearn_domain::{Email, UserId};

use crate::error::unique_as;
use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::{Store, StoreResult};

/// What a link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    PasswordReset,
    EmailChange,
}

impl LinkKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::EmailChange => "email_change",
        }
    }
}

/// Account emails belong to no community; their jobs carry this community id.
const NO_COMMUNITY: i64 = 0;

impl Store {
    /// Keeps a new link for `user` (any earlier link of this kind stops working) and queues
    /// `email` (a serialized email job payload), if any, in the same transaction. Without
    /// one, the link is handed over another way (an operator prints it).
    #[allow(clippy::too_many_arguments)]
    pub async fn create_account_link(
        &self,
        user: UserId,
        kind: LinkKind,
        token_hash: &str,
        new_email: Option<&Email>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        email: Option<&str>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM account_links WHERE user_id = $1 AND kind = $2")
            .bind(user.0)
            .bind(kind.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_links (user_id, kind, token_hash, new_email, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user.0)
        .bind(kind.as_str())
        .bind(token_hash)
        .bind(new_email.map(Email::as_str))
        .bind(now.timestamp())
        .bind(expires_at.timestamp())
        .execute(&mut *tx)
        .await?;
        if let Some(payload) = email {
            let job = NewJob {
                kind: JobKind::Email,
                subject: user.0,
                actor: None,
                payload,
                run_at: now,
            };
            enqueue_all(&mut tx, NO_COMMUNITY, &[job], now).await?;
        }
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// The account an unused, unexpired link of `kind` is for.
    pub async fn account_link_owner(
        &self,
        kind: LinkKind,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM account_links \
             WHERE token_hash = $1 AND kind = $2 AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|(id,)| UserId(id)))
    }

    /// Uses a password reset link: in one transaction the link goes, the password changes
    /// and every session and token of the account ends. `None` (nothing written) when the
    /// link is unknown, used, replaced or expired.
    pub async fn reset_password_with_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "DELETE FROM account_links WHERE token_hash = $1 AND kind = $2 AND expires_at > $3 \
             RETURNING user_id",
        )
        .bind(token_hash)
        .bind(LinkKind::PasswordReset.as_str())
        .bind(now.timestamp())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user,)) = row else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM auth_tokens WHERE user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        self.lookups.forget();
        Ok(Some(UserId(user)))
    }

    /// Uses an email confirmation link: in one transaction the link goes and the account's
    /// email becomes the confirmed one. `None` when the link is not valid; `email_taken` when
    /// another account took the address meanwhile (nothing written).
    pub async fn confirm_email_with_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(i64, Option<String>)> = sqlx::query_as(
            "DELETE FROM account_links WHERE token_hash = $1 AND kind = $2 AND expires_at > $3 \
             RETURNING user_id, new_email",
        )
        .bind(token_hash)
        .bind(LinkKind::EmailChange.as_str())
        .bind(now.timestamp())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user, Some(email))) = row else {
            return Ok(None);
        };
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(&email)
            .bind(user)
            .execute(&mut *tx)
            .await
            .map_err(unique_as(
                "email_taken",
                "an account with this email already exists",
            ))?;
        tx.commit().await?;
        self.wrote();
        self.lookups.forget();
        Ok(Some(UserId(user)))
    }
}
