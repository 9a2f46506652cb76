-- "Meet now": members who said they are free right now (the pool), and the pairs proposed
-- to them. A member is in at most one open proposal: `free_now.proposal_id` is set for both
-- sides in the transaction that writes the proposal, only where it was empty.
CREATE TABLE free_now (
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual')),
    auto_accept   INTEGER NOT NULL DEFAULT 0 CHECK (auto_accept IN (0, 1)),
    since         INTEGER NOT NULL,
    until         INTEGER NOT NULL CHECK (until > since),
    proposal_id   INTEGER,
    PRIMARY KEY (community_id, member_id),
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX free_now_member ON free_now(member_id);

CREATE TABLE meet_now_proposals (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL,
    host_member_id   INTEGER NOT NULL,
    guest_member_id  INTEGER NOT NULL,
    topic_id         INTEGER NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual')),
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL CHECK (ends_at > starts_at),
    expires_at       INTEGER NOT NULL,
    host_accepted    INTEGER NOT NULL DEFAULT 0 CHECK (host_accepted IN (0, 1)),
    guest_accepted   INTEGER NOT NULL DEFAULT 0 CHECK (guest_accepted IN (0, 1)),
    status           TEXT NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'booked', 'declined', 'expired', 'failed')),
    meeting_id       INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    created_at       INTEGER NOT NULL,
    decided_at       INTEGER,
    CHECK (host_member_id <> guest_member_id),
    FOREIGN KEY (community_id, host_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, guest_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE
);
CREATE INDEX meet_now_proposals_open ON meet_now_proposals(status, expires_at);
CREATE INDEX meet_now_proposals_community ON meet_now_proposals(community_id, created_at);
CREATE INDEX meet_now_proposals_host ON meet_now_proposals(host_member_id);
CREATE INDEX meet_now_proposals_guest ON meet_now_proposals(guest_member_id);
