-- Topics: what members offer to share or ask to learn, with full-text search (FTS5, porter
-- stemming) over title, description and tags.

ALTER TABLE communities ADD COLUMN max_group_capacity INTEGER NOT NULL DEFAULT 6
    CHECK (max_group_capacity BETWEEN 2 AND 50);

CREATE TABLE topics (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL,
    host_member_id    INTEGER NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('offer', 'ask')),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '',
    format            TEXT NOT NULL CHECK (format IN ('one_on_one', 'group')),
    capacity          INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 50),
    mode              TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual', 'either')),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240),
    starts_at         INTEGER,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at        INTEGER NOT NULL,
    UNIQUE (community_id, id),
    CHECK (format = 'group' OR starts_at IS NULL),
    CHECK ((format = 'one_on_one') = (capacity = 1)),
    FOREIGN KEY (community_id, host_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX topics_community ON topics(community_id, id);
CREATE INDEX topics_host ON topics(host_member_id);

CREATE TABLE topic_tags (
    community_id  INTEGER NOT NULL,
    topic_id      INTEGER NOT NULL,
    tag           TEXT NOT NULL,
    PRIMARY KEY (topic_id, tag),
    FOREIGN KEY (community_id, topic_id) REFERENCES topics(community_id, id) ON DELETE CASCADE
);
CREATE INDEX topic_tags_community_tag ON topic_tags(community_id, tag);

CREATE VIRTUAL TABLE topics_fts USING fts5(
    title, description, tags,
    content = 'topics', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER topics_fts_insert AFTER INSERT ON topics BEGIN
    INSERT INTO topics_fts(rowid, title, description, tags)
    VALUES (new.id, new.title, new.description, new.tags);
END;
CREATE TRIGGER topics_fts_delete AFTER DELETE ON topics BEGIN
    INSERT INTO topics_fts(topics_fts, rowid, title, description, tags)
    VALUES ('delete', old.id, old.title, old.description, old.tags);
END;
CREATE TRIGGER topics_fts_update AFTER UPDATE OF title, description, tags ON topics BEGIN
    INSERT INTO topics_fts(topics_fts, rowid, title, description, tags)
    VALUES ('delete', old.id, old.title, old.description, old.tags);
    INSERT INTO topics_fts(rowid, title, description, tags)
    VALUES (new.id, new.title, new.description, new.tags);
END;
