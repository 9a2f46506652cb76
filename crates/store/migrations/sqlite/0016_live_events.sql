-- Live updates: what the notification pipeline's live channel wrote for each user, numbered
-- per user in the order the events completed, so a stream that reconnects with the last
-- number it saw gets exactly what it missed. `live_streams` holds each user's last number;
-- the transaction that completes events raises it, which also orders two completions for the
-- same user (the second waits for the first's row).
CREATE TABLE live_streams (
    user_id  INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_id  INTEGER NOT NULL
);

CREATE TABLE live_events (
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id            INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    link          TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);
CREATE INDEX live_events_age ON live_events(created_at);
