-- Empty seats offered: a free seat in a group session starting soon is offered, live, to
-- members free then who match it (waitlisted members first, then the meet-now pool). Each
-- member is offered a given session once; `taken_at` is set when they take the seat, for
-- the dashboard.
CREATE TABLE seat_offers (
    meeting_id    INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    offered_at    INTEGER NOT NULL,
    taken_at      INTEGER,
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (community_id, meeting_id) REFERENCES meetings(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX seat_offers_member ON seat_offers(member_id);
CREATE INDEX seat_offers_community ON seat_offers(community_id, offered_at);
