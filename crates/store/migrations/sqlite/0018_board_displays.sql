-- The lounge board's display link: one per community, kept only as the SHA-256 of its secret.
-- Rotating replaces the row, so the old link stops working at once.
CREATE TABLE board_displays (
    community_id  INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    secret_hash   TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);
