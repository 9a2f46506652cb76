-- How a community writes its tags. Tags are stored and matched in lower case; the first
-- spelling with capitals someone typed ("Autodesk AutoCAD", "R") is what everyone sees.
CREATE TABLE tag_labels (
    community_id  INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    label         TEXT NOT NULL,
    PRIMARY KEY (community_id, tag)
);

-- The language of a community's pages and messages for someone whose own is not known.
ALTER TABLE communities ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'fr'));
