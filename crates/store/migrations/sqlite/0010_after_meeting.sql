-- After the meeting: check-ins, no-shows, feedback (private rating, thanks, a 30-day
-- check-back) and notes that pool what people learned into the community's knowledge base.

CREATE TABLE check_ins (
    meeting_id     INTEGER NOT NULL,
    member_id      INTEGER NOT NULL,
    community_id   INTEGER NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('button', 'qr')),
    checked_in_at  INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (meeting_id, member_id) REFERENCES meeting_participants(meeting_id, member_id) ON DELETE CASCADE
);

CREATE TABLE no_shows (
    meeting_id    INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    recorded_at   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (meeting_id, member_id) REFERENCES meeting_participants(meeting_id, member_id) ON DELETE CASCADE
);
CREATE INDEX no_shows_member ON no_shows(member_id, recorded_at);

-- Recommendations pause after repeated no-shows, until the member rejoins.
ALTER TABLE members ADD COLUMN paused_at INTEGER;

CREATE TABLE feedback (
    meeting_id       INTEGER NOT NULL,
    member_id        INTEGER NOT NULL,
    community_id     INTEGER NOT NULL,
    learned          TEXT NOT NULL DEFAULT '',
    will_try         TEXT NOT NULL DEFAULT '',
    rating           INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    thanks           TEXT NOT NULL DEFAULT '',
    tried            TEXT CHECK (tried IS NULL OR tried IN ('yes', 'not_yet', 'no')),
    created_at       INTEGER NOT NULL,
    checked_back_at  INTEGER,
    PRIMARY KEY (meeting_id, member_id),
    FOREIGN KEY (meeting_id, member_id) REFERENCES meeting_participants(meeting_id, member_id) ON DELETE CASCADE
);
CREATE INDEX feedback_community ON feedback(community_id, created_at);

CREATE TABLE notes (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL,
    topic_id          INTEGER NOT NULL,
    meeting_id        INTEGER NOT NULL,
    author_member_id  INTEGER NOT NULL,
    named             INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1)),
    body              TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    link              TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    UNIQUE (meeting_id, author_member_id),
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (meeting_id, author_member_id) REFERENCES meeting_participants(meeting_id, member_id) ON DELETE CASCADE
);
CREATE INDEX notes_community ON notes(community_id, id);
CREATE INDEX notes_topic ON notes(topic_id);

CREATE TABLE note_tags (
    note_id       INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    community_id  INTEGER NOT NULL,
    tag           TEXT NOT NULL,
    PRIMARY KEY (note_id, tag)
);
CREATE INDEX note_tags_community_tag ON note_tags(community_id, tag);

CREATE VIRTUAL TABLE notes_fts USING fts5(
    body, tags,
    content = 'notes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body, tags ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body, tags) VALUES ('delete', old.id, old.body, old.tags);
    INSERT INTO notes_fts(rowid, body, tags) VALUES (new.id, new.body, new.tags);
END;

-- Members who offer a tag many people want are invited to host a group, once per tag.
CREATE TABLE demand_invitations (
    community_id  INTEGER NOT NULL,
    tag           TEXT NOT NULL,
    member_id     INTEGER NOT NULL,
    invited_at    INTEGER NOT NULL,
    PRIMARY KEY (community_id, tag, member_id),
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
