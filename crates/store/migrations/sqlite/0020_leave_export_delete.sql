-- Leaving a community and deleting an account keep what others need (topics, meetings, notes,
-- answers) under a "former member": the membership row moves to a user of its own that
-- cannot sign in (`former = 1`, no password, an address that is not one), and its profile is
-- erased. Data exports (GDPR art. 15/20): one per account, built in the background, kept as
-- JSON until it expires.
ALTER TABLE users ADD COLUMN former INTEGER NOT NULL DEFAULT 0 CHECK (former IN (0, 1));

CREATE TABLE data_exports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'ready')),
    archive     TEXT,
    created_at  INTEGER NOT NULL,
    ready_at    INTEGER,
    expires_at  INTEGER NOT NULL
);
