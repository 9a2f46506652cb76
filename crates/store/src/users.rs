//! Accounts and their secret tokens (browser sessions and API tokens).

use chrono::{DateTime, Utc};
use peerlearn_domain::{DisplayName, Email, UserId};

use crate::error::unique_as;
use crate::records::{TokenKind, TokenOwner, User, time};
use crate::{Store, StoreError, StoreResult};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    created_at: i64,
    language: Option<String>,
    time_zone: Option<String>,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> StoreResult<Self> {
        Ok(User {
            id: UserId(r.id),
            email: r.email,
            display_name: r.display_name,
            created_at: time(r.created_at)?,
            language: r.language,
            time_zone: r.time_zone,
        })
    }
}

impl Store {
    /// Creates an account. `email_taken` when the (normalised) email already has one.
    pub async fn create_user(
        &self,
        email: &Email,
        display_name: &DisplayName,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<User> {
        let row: UserRow = sqlx::query_as(
            "INSERT INTO users (email, display_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id, email, display_name, created_at, language, time_zone",
        )
        .bind(email.as_str())
        .bind(display_name.as_str())
        .bind(password_hash)
        .bind(now.timestamp())
        .fetch_one(self.writer())
        .await
        .map_err(unique_as("email_taken", "an account with this email already exists"))?;
        row.try_into()
    }

    /// The account and password hash for an email, if there is one.
    pub async fn user_with_password(&self, email: &Email) -> StoreResult<Option<(User, String)>> {
        #[derive(sqlx::FromRow)]
        struct WithHash {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: String,
        }
        let row: Option<WithHash> = sqlx::query_as(
            "SELECT id, email, display_name, created_at, language, time_zone, password_hash \
             FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| Ok((r.user.try_into()?, r.password_hash)))
            .transpose()
    }

    pub async fn user(&self, id: UserId) -> StoreResult<User> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT id, email, display_name, created_at, language, time_zone \
                 FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("user"))?.try_into()
    }

    /// Stores a new token (only its hash) for `user`, from an unknown client.
    pub async fn create_token(
        &self,
        user: UserId,
        token_hash: &str,
        kind: TokenKind,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.create_token_from(user, token_hash, kind, now, expires_at, "")
            .await
    }

    /// Stores a new token (only its hash) for `user`, created by `client` (a User-Agent).
    pub async fn create_token_from(
        &self,
        user: UserId,
        token_hash: &str,
        kind: TokenKind,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        client: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO auth_tokens (user_id, token_hash, kind, created_at, expires_at, client) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user.0)
        .bind(token_hash)
        .bind(kind.as_str())
        .bind(now.timestamp())
        .bind(expires_at.timestamp())
        .bind(client)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// The owner of an unexpired token.
    pub async fn token_owner(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<TokenOwner>> {
        if let Some(owner) = self.lookups.token(token_hash, now) {
            return Ok(Some(owner));
        }
        let read = self.lookups.generation();
        #[derive(sqlx::FromRow)]
        struct WithToken {
            #[sqlx(flatten)]
            user: UserRow,
            kind: String,
            expires_at: i64,
            last_used_at: Option<i64>,
        }
        let row: Option<WithToken> = sqlx::query_as(
            "SELECT u.id, u.email, u.display_name, u.created_at, u.language, u.time_zone, \
             t.kind, t.expires_at, t.last_used_at \
             FROM auth_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        let Some(WithToken {
            user,
            kind,
            expires_at,
            last_used_at,
        }) = row
        else {
            return Ok(None);
        };
        let owner = TokenOwner {
            user: user.try_into()?,
            kind: TokenKind::from_word(&kind),
            last_used_at: last_used_at.map(time).transpose()?,
        };
        self.lookups
            .keep_token(read, token_hash, owner.clone(), time(expires_at)?);
        Ok(Some(owner))
    }

    /// Revokes one token (sign out). Revoking an unknown token is not an error.
    pub async fn delete_token(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM auth_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.writer())
            .await?;
        self.lookups.forget();
        Ok(())
    }

    /// Removes expired tokens; returns how many.
    pub async fn delete_expired_tokens(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM auth_tokens WHERE expires_at <= $1")
            .bind(now.timestamp())
            .execute(self.writer())
            .await?;
        Ok(done.rows_affected())
    }
}

impl Store {
    /// Sets the member's language and time zone (`None`: not chosen).
    pub async fn set_preferences(
        &self,
        user: UserId,
        language: Option<&str>,
        time_zone: Option<&str>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE users SET language = $1, time_zone = $2 WHERE id = $3")
            .bind(language)
            .bind(time_zone)
            .bind(user.0)
            .execute(self.writer())
            .await?;
        self.lookups.forget();
        Ok(())
    }

    /// How many accounts exist.
    pub async fn count_users(&self) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(self.reader())
            .await?;
        Ok(n)
    }
}

impl Store {
    /// Replaces the user's calendar feed secret (the old link stops working).
    pub async fn set_calendar_feed(
        &self,
        user: UserId,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user.0)
        .bind(token_hash)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// Turns the user's calendar feed off.
    pub async fn delete_calendar_feed(&self, user: UserId) -> StoreResult<()> {
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    /// Whether the user has a calendar feed.
    pub async fn has_calendar_feed(&self, user: UserId) -> StoreResult<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT user_id FROM calendar_feeds WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(self.reader())
                .await?;
        Ok(row.is_some())
    }

    /// The owner of a calendar feed secret.
    pub async fn calendar_feed_owner(&self, token_hash: &str) -> StoreResult<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT u.id, u.email, u.display_name, u.created_at, u.language, u.time_zone \
             FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.reader())
        .await?;
        row.map(TryInto::try_into).transpose()
    }
}
