-- Questions and answers among members (full-text search with FTS5, porter stemming), helpful
-- votes, accepted answers; and moderation: reports, hidden content (audited in audit_log).

CREATE TABLE questions (
    id                  INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL,
    asker_member_id     INTEGER NOT NULL,
    title               TEXT NOT NULL,
    body                TEXT NOT NULL DEFAULT '',
    body_html           TEXT NOT NULL DEFAULT '',
    tags                TEXT NOT NULL DEFAULT '',
    accepted_answer_id  INTEGER,
    topic_id            INTEGER REFERENCES topics(id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL,
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, asker_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE,
    -- The accepted answer is an answer to this question.
    FOREIGN KEY (id, accepted_answer_id) REFERENCES answers(question_id, id)
);
CREATE INDEX questions_community ON questions(community_id, id);
CREATE UNIQUE INDEX questions_topic ON questions(topic_id) WHERE topic_id IS NOT NULL;

CREATE TABLE question_tags (
    community_id  INTEGER NOT NULL,
    question_id   INTEGER NOT NULL,
    tag           TEXT NOT NULL,
    PRIMARY KEY (question_id, tag),
    FOREIGN KEY (community_id, question_id) REFERENCES questions(community_id, id) ON DELETE CASCADE
);
CREATE INDEX question_tags_community_tag ON question_tags(community_id, tag);

CREATE TABLE answers (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL,
    question_id       INTEGER NOT NULL,
    author_member_id  INTEGER NOT NULL,
    body              TEXT NOT NULL,
    body_html         TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    UNIQUE (community_id, id),
    UNIQUE (question_id, id),
    FOREIGN KEY (community_id, question_id) REFERENCES questions(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, author_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX answers_question ON answers(question_id, id);
CREATE INDEX answers_author ON answers(community_id, author_member_id);

-- One helpful vote per member and answer; never on one's own answer.
CREATE TABLE answer_votes (
    community_id  INTEGER NOT NULL,
    answer_id     INTEGER NOT NULL,
    member_id     INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (answer_id, member_id),
    FOREIGN KEY (community_id, answer_id) REFERENCES answers(community_id, id) ON DELETE CASCADE,
    FOREIGN KEY (community_id, member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE TRIGGER answer_votes_not_own BEFORE INSERT ON answer_votes
WHEN (SELECT author_member_id FROM answers WHERE id = new.answer_id) = new.member_id
BEGIN
    SELECT RAISE(ABORT, 'own_answer');
END;

CREATE VIRTUAL TABLE questions_fts USING fts5(
    title, body, tags,
    content = 'questions', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts(rowid, title, body, tags)
    VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
    INSERT INTO questions_fts(questions_fts, rowid, title, body, tags)
    VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE OF title, body, tags ON questions BEGIN
    INSERT INTO questions_fts(questions_fts, rowid, title, body, tags)
    VALUES ('delete', old.id, old.title, old.body, old.tags);
    INSERT INTO questions_fts(rowid, title, body, tags)
    VALUES (new.id, new.title, new.body, new.tags);
END;

-- Reports of content to the moderators. The kinds are checked where they are parsed
-- (domain::SubjectKind), so a new kind needs no table rebuild.
CREATE TABLE reports (
    id                   INTEGER PRIMARY KEY,
    community_id         INTEGER NOT NULL,
    subject_kind         TEXT NOT NULL,
    subject_id           INTEGER NOT NULL,
    reporter_member_id   INTEGER NOT NULL,
    reason               TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
    created_at           INTEGER NOT NULL,
    resolved_at          INTEGER,
    FOREIGN KEY (community_id, reporter_member_id) REFERENCES members(community_id, id) ON DELETE CASCADE
);
CREATE INDEX reports_open ON reports(community_id, status, id);
CREATE UNIQUE INDEX reports_one_open ON reports(subject_kind, subject_id, reporter_member_id)
    WHERE status = 'open';

-- Content hidden by a moderator: invisible to everyone but moderators and its author.
CREATE TABLE hidden_items (
    community_id         INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    subject_kind         TEXT NOT NULL,
    subject_id           INTEGER NOT NULL,
    reason               TEXT NOT NULL,
    hidden_by_member_id  INTEGER NOT NULL,
    hidden_at            INTEGER NOT NULL,
    PRIMARY KEY (subject_kind, subject_id)
);
CREATE INDEX hidden_items_community ON hidden_items(community_id, subject_kind);
