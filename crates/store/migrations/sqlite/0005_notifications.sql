-- The outbox: events written in the same transaction as the change they describe, and the
-- jobs they lead to (emails). Background workers claim due rows with a lease, so each runs
-- once even with several server processes; failures are retried with backoff.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    subject_id       INTEGER NOT NULL DEFAULT 0,
    actor_member_id  INTEGER,
    payload          TEXT NOT NULL DEFAULT '',
    run_at           INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    locked_until     INTEGER,
    done_at          INTEGER,
    failed           INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(run_at) WHERE done_at IS NULL;

-- The in-app inbox.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    read_at       INTEGER,
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_member ON notifications(member_id, id);
