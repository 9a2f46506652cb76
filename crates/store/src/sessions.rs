//! A member's own sessions and API tokens, and the changes to their account that end them:
//! listing, revoking one or all, a new display name, a new password.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{DisplayName, UserId};

use crate::records::{TokenInfo, TokenKind, time};
use crate::{Store, StoreResult};

/// How stale `last_used_at` may be before a request writes it again.
pub const TOUCH_EVERY: Duration = Duration::minutes(5);

impl Store {
    /// Notes that a token was used at `now` (a write only when the last note is older than
    /// [`TOUCH_EVERY`]).
    pub async fn touch_token(
        &self,
        token_hash: &str,
        last_used_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if last_used_at.is_some_and(|t| now - t < TOUCH_EVERY) {
            return Ok(());
        }
        sqlx::query("UPDATE auth_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now.timestamp())
            .bind(token_hash)
            .execute(self.writer())
            .await?;
        self.lookups.forget();
        Ok(())
    }

    /// The user's unexpired sessions and tokens, most recently used first; `current` marks
    /// the one whose hash is `current_hash`.
    pub async fn tokens_of(
        &self,
        user: UserId,
        current_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<TokenInfo>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            kind: String,
            created_at: i64,
            last_used_at: Option<i64>,
            expires_at: i64,
            client: String,
            token_hash: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, kind, created_at, last_used_at, expires_at, client, token_hash \
             FROM auth_tokens WHERE user_id = $1 AND expires_at > $2 \
             ORDER BY COALESCE(last_used_at, created_at) DESC, id DESC",
        )
        .bind(user.0)
        .bind(now.timestamp())
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(TokenInfo {
                    id: r.id,
                    kind: TokenKind::from_word(&r.kind),
                    created_at: time(r.created_at)?,
                    last_used_at: r.last_used_at.map(time).transpose()?,
                    expires_at: time(r.expires_at)?,
                    client: r.client,
                    current: r.token_hash == current_hash,
                })
            })
            .collect()
    }

    /// Revokes one of the user's sessions or tokens; `false` when they have none by that id.
    pub async fn delete_token_of(&self, user: UserId, id: i64) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM auth_tokens WHERE user_id = $1 AND id = $2")
            .bind(user.0)
            .bind(id)
            .execute(self.writer())
            .await?;
        self.lookups.forget();
        Ok(done.rows_affected() > 0)
    }

    /// Revokes all the user's sessions and tokens but the one whose hash is `keep`; returns
    /// how many.
    pub async fn delete_tokens_of(&self, user: UserId, keep: Option<&str>) -> StoreResult<u64> {
        let done = sqlx::query(
            "DELETE FROM auth_tokens WHERE user_id = $1 AND token_hash <> COALESCE($2, '')",
        )
        .bind(user.0)
        .bind(keep)
        .execute(self.writer())
        .await?;
        self.lookups.forget();
        Ok(done.rows_affected())
    }

    /// The user's new display name.
    pub async fn set_display_name(&self, user: UserId, name: &DisplayName) -> StoreResult<()> {
        sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name.as_str())
            .bind(user.0)
            .execute(self.writer())
            .await?;
        self.lookups.forget();
        Ok(())
    }

    /// The user's password hash.
    pub async fn password_hash(&self, user: UserId) -> StoreResult<String> {
        let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_one(self.reader())
            .await?;
        Ok(hash)
    }

    /// A new password: in one transaction, the hash changes, every session and token but
    /// `keep` (the one the member changed it from) ends, and any password reset link too.
    pub async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<&str>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM auth_tokens WHERE user_id = $1 AND token_hash <> COALESCE($2, '')",
        )
        .bind(user.0)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
        // A reset link asked for before stops working once the password has changed.
        sqlx::query("DELETE FROM account_links WHERE user_id = $1 AND kind = 'password_reset'")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        self.lookups.forget();
        Ok(())
    }
}
