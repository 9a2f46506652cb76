-- Topic descriptions are rendered from Markdown to safe HTML once, when written, not on every read.
ALTER TABLE topics ADD COLUMN description_html TEXT NOT NULL DEFAULT '';
