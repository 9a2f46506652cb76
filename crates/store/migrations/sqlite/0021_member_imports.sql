-- Attendees imported from a CSV file by an organizer, and the invitations sent to them.

-- An uploaded file, parsed and checked, waiting for the organizer who uploaded it to confirm
-- (nothing else is written before that). `parsed` is the parsed file (JSON, written and read by
-- the web app); a staged import expires, a confirmed one keeps what it did.
CREATE TABLE member_imports (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    file_name        TEXT NOT NULL DEFAULT '',
    parsed           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('staged', 'confirmed')),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    confirmed_at     INTEGER,
    accounts_created INTEGER NOT NULL DEFAULT 0,
    members_added    INTEGER NOT NULL DEFAULT 0,
    CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
);
CREATE INDEX member_imports_community ON member_imports(community_id, id);

-- One invitation per person and community: a single-use sign-in link (only its SHA-256 hash,
-- NULL once used) that lets a new account choose its password and lands in the community.
-- `joined_at` is when the link was used; `sent_at` the last (re-)send, `sends` how many.
CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    import_id     INTEGER REFERENCES member_imports(id) ON DELETE SET NULL,
    new_account   INTEGER NOT NULL CHECK (new_account IN (0, 1)),
    token_hash    TEXT UNIQUE,
    created_at    INTEGER NOT NULL,
    sent_at       INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    sends         INTEGER NOT NULL DEFAULT 1,
    joined_at     INTEGER,
    UNIQUE (community_id, user_id)
);
CREATE INDEX invitations_community ON invitations(community_id, id);

-- Imported accounts have no password until their owner chooses one with the invitation link
-- (or a reset link): their `users.password_hash` is the empty string, which no password
-- matches, and no argon2 hash is computed for them.
