-- Re-pairing the stood-up: a meet-now proposal can offer a member whose partner has not come
-- another free member, at the same spot, in place of that meeting. Accepting cancels the
-- meeting and books the new one in one transaction. At most one such offer is open per
-- meeting; `decided_by` records who declined, so a member who said no is not asked again.
ALTER TABLE meet_now_proposals ADD COLUMN replaces_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL;
ALTER TABLE meet_now_proposals ADD COLUMN spot_id INTEGER REFERENCES spots(id) ON DELETE SET NULL;
ALTER TABLE meet_now_proposals ADD COLUMN decided_by INTEGER;
CREATE UNIQUE INDEX meet_now_proposals_one_repair ON meet_now_proposals(replaces_meeting_id)
    WHERE status = 'open' AND replaces_meeting_id IS NOT NULL;
CREATE INDEX meet_now_proposals_replaces ON meet_now_proposals(replaces_meeting_id);
