-- Webhooks: endpoints organizers register per community, and the deliveries the notification
-- pipeline writes for them in the transaction that completes an event. A worker sends due
-- deliveries (leased with `locked_until`), retries failures with backoff and switches off an
-- endpoint that keeps failing. The secret is kept as issued: it signs every delivery.
CREATE TABLE webhook_endpoints (
    id                 INTEGER PRIMARY KEY,
    community_id       INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    url                TEXT NOT NULL,
    -- Event type names between spaces (' meeting.confirmed seat.taken '), so LIKE '% name %'
    -- finds one; the names come from a fixed list.
    event_types        TEXT NOT NULL,
    secret             TEXT NOT NULL,
    enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    -- Why it is off: '' (on), 'organizer' or 'failing'.
    disabled_reason    TEXT NOT NULL DEFAULT '',
    -- The first failed attempt since the last success.
    failing_since      INTEGER,
    -- Deliveries given up in a row.
    failed_deliveries  INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_community ON webhook_endpoints(community_id, id);

CREATE TABLE webhook_deliveries (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL,
    endpoint_id       INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    -- The `webhook-id` header: the same for every attempt and redelivery of one message.
    message_id        TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   INTEGER,
    locked_until      INTEGER,
    -- The last attempt: the receiver's status code, how long it took, what it answered (at
    -- most 1 KB) or why it could not be reached.
    response_status   INTEGER,
    latency_ms        INTEGER,
    response_excerpt  TEXT NOT NULL DEFAULT '',
    error             TEXT NOT NULL DEFAULT '',
    last_attempt_at   INTEGER,
    created_at        INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);
