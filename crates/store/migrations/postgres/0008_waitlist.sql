-- The waitlist of a full group meeting: members in the order they joined. When a seat frees,
-- the first one still free at that time gets it in the same transaction and leaves the list.
CREATE TABLE meeting_waitlist (
    meeting_id    BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    member_id     BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (community_id, meeting_id) REFERENCES meetings(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX meeting_waitlist_order ON meeting_waitlist(meeting_id, created_at, member_id);
CREATE INDEX meeting_waitlist_member ON meeting_waitlist(member_id);
