-- A member may cap how many meetings they take in one day (NULL: no cap), so popular hosts
-- are not flooded; beyond it their topics show as full for that day.
ALTER TABLE members ADD COLUMN daily_cap INTEGER CHECK (daily_cap IS NULL OR daily_cap BETWEEN 1 AND 20);
