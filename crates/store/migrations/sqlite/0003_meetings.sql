-- Requests to meet and confirmed meetings. The database is the last word on the invariants:
--   1. nobody is in two overlapping confirmed meetings (trigger on meeting_participants),
--   2. no spot holds two overlapping confirmed meetings (trigger on meetings),
--   3. no group holds more people than its capacity (CHECK seats_taken <= capacity).
-- SQLite runs one writer at a time (write transactions begin IMMEDIATE), so a trigger that
-- looks for an overlap sees every committed and pending row of its own transaction.

CREATE TABLE meeting_requests (
    id                   INTEGER PRIMARY KEY,
    community_id         INTEGER NOT NULL,
    topic_id             INTEGER NOT NULL,
    requester_member_id  INTEGER NOT NULL,
    decider_member_id    INTEGER NOT NULL,
    message              TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    reply                TEXT NOT NULL DEFAULT '',
    meeting_id           INTEGER,
    created_at           INTEGER NOT NULL,
    decided_at           INTEGER,
    CHECK (requester_member_id <> decider_member_id),
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, requester_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, decider_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX meeting_requests_decider ON meeting_requests(decider_member_id, status);
CREATE INDEX meeting_requests_requester ON meeting_requests(requester_member_id, status);

-- One to three proposed times per request.
CREATE TABLE request_times (
    request_id  INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
    PRIMARY KEY (request_id, starts_at)
);

CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL,
    topic_id      INTEGER NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    spot_id       INTEGER REFERENCES spots(id) ON DELETE SET NULL,
    video_url     TEXT,
    capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 51),
    seats_taken   INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
    sequence      INTEGER NOT NULL DEFAULT 0,
    cancel_reason TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (community_id, id),
    CONSTRAINT meeting_full CHECK (seats_taken >= 0 AND seats_taken <= capacity),
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE
);
CREATE INDEX meetings_spot_time ON meetings(spot_id, starts_at);
CREATE INDEX meetings_topic ON meetings(topic_id);

CREATE TABLE meeting_participants (
    meeting_id    INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('host', 'participant')),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    status        TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (community_id, meeting_id) REFERENCES meetings(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX meeting_participants_member_time ON meeting_participants(member_id, starts_at);

CREATE TRIGGER participants_no_overlap_insert BEFORE INSERT ON meeting_participants
WHEN NEW.status = 'confirmed' AND EXISTS (
    SELECT 1 FROM meeting_participants p
    WHERE p.member_id = NEW.member_id AND p.status = 'confirmed'
      AND p.starts_at < NEW.ends_at AND NEW.starts_at < p.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'person_busy');
END;

CREATE TRIGGER participants_no_overlap_update BEFORE UPDATE OF status, starts_at, ends_at ON meeting_participants
WHEN NEW.status = 'confirmed' AND EXISTS (
    SELECT 1 FROM meeting_participants p
    WHERE p.member_id = NEW.member_id AND p.status = 'confirmed' AND p.meeting_id <> NEW.meeting_id
      AND p.starts_at < NEW.ends_at AND NEW.starts_at < p.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'person_busy');
END;

CREATE TRIGGER meetings_spot_no_overlap_insert BEFORE INSERT ON meetings
WHEN NEW.status = 'confirmed' AND NEW.spot_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM meetings m
    WHERE m.spot_id = NEW.spot_id AND m.status = 'confirmed'
      AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'no_spot_free');
END;

CREATE TRIGGER meetings_spot_no_overlap_update BEFORE UPDATE OF status, spot_id, starts_at, ends_at ON meetings
WHEN NEW.status = 'confirmed' AND NEW.spot_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM meetings m
    WHERE m.spot_id = NEW.spot_id AND m.status = 'confirmed' AND m.id <> NEW.id
      AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'no_spot_free');
END;
