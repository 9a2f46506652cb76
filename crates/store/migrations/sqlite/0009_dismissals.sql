-- "Not interested": a member dismisses a topic (it leaves their recommendations) or a host
-- (their topics and they themselves leave the member's lists). Exactly one of the two is set;
-- undoing deletes the row.
CREATE TABLE dismissals (
    id INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL,
    member_id        INTEGER NOT NULL,
    topic_id         INTEGER,
    host_member_id   INTEGER,
    created_at       INTEGER NOT NULL,
    CHECK ((topic_id IS NULL) <> (host_member_id IS NULL)),
    CHECK (host_member_id IS NULL OR host_member_id <> member_id),
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, host_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX dismissals_topic ON dismissals(member_id, topic_id) WHERE topic_id IS NOT NULL;
CREATE UNIQUE INDEX dismissals_host ON dismissals(member_id, host_member_id) WHERE host_member_id IS NOT NULL;
CREATE INDEX dismissals_community ON dismissals(community_id, id);
