-- What the recommender's staleness check reads on every change: the latest change to a
-- community's meetings (and the members of meetings changed since a moment), its open topics
-- and its paused members, each from an index instead of a scan.
CREATE INDEX meetings_community_updated ON meetings(community_id, updated_at);
CREATE INDEX topics_community_status ON topics(community_id, status);
CREATE INDEX members_community_paused ON members(community_id, paused_at);
