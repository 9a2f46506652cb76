-- Personal calendar feeds: calendar apps subscribe to a secret URL. Only the SHA-256 of the
-- secret is stored; making a new link revokes the old one.
CREATE TABLE calendar_feeds (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
