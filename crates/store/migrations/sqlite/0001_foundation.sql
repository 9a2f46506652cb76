-- Accounts, communities, members, profiles, availability and spots.
-- Times are Unix seconds (INTEGER); every community-owned table carries community_id.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

-- Browser sessions and API tokens. Only a SHA-256 hash of the secret is stored.
CREATE TABLE auth_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);

CREATE TABLE communities (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('event', 'ongoing')),
    timezone     TEXT NOT NULL,
    starts_on    TEXT,
    ends_on      TEXT,
    day_start    INTEGER NOT NULL CHECK (day_start >= 0 AND day_start < 1440),
    day_end      INTEGER NOT NULL CHECK (day_end > day_start AND day_end <= 1440),
    join_policy  TEXT NOT NULL CHECK (join_policy IN ('open', 'invite')),
    invite_code  TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    CHECK ((kind = 'event') = (starts_on IS NOT NULL AND ends_on IS NOT NULL))
);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('organizer', 'moderator', 'member')),
    headline      TEXT NOT NULL DEFAULT '',
    bio           TEXT NOT NULL DEFAULT '',
    team          TEXT NOT NULL DEFAULT '',
    languages     TEXT NOT NULL DEFAULT '',
    joined_at     INTEGER NOT NULL,
    UNIQUE (community_id, user_id),
    UNIQUE (community_id, id)
);
CREATE INDEX members_user ON members(user_id);

-- Tags a member can share ('offer') or wants to learn ('want').
CREATE TABLE member_tags (
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('offer', 'want')),
    tag           TEXT NOT NULL,
    PRIMARY KEY (member_id, kind, tag),
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX member_tags_community_tag ON member_tags(community_id, tag);

CREATE TABLE availability (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX availability_member ON availability(member_id, starts_at);

CREATE TABLE spots (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('table', 'room', 'virtual')),
    capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    created_at    INTEGER NOT NULL,
    UNIQUE (community_id, name)
);

-- Who changed what: role changes now, moderation later.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    actor_user_id INTEGER NOT NULL REFERENCES users(id),
    action        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX audit_log_community ON audit_log(community_id, id);
