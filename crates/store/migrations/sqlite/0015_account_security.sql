-- What a member sees of their sessions and API tokens: when each was last used (written at
-- most every few minutes) and the client that created it (its User-Agent, cut short).
ALTER TABLE auth_tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE auth_tokens ADD COLUMN client TEXT NOT NULL DEFAULT '';

-- One-time links sent by email: a password reset, or the confirmation of a new email address.
-- Only a SHA-256 hash of the secret is stored. A link works once, until it expires; a newer
-- link of the same kind for the same account replaces the older one (one row per kind).
CREATE TABLE account_links (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'email_change')),
    token_hash  TEXT NOT NULL UNIQUE,
    new_email   TEXT,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CHECK ((kind = 'email_change') = (new_email IS NOT NULL)),
    UNIQUE (user_id, kind)
);
