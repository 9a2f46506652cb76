-- A member's own language and time zone. NULL means "not chosen": the language then comes from
-- the browser (Accept-Language), the time zone from the browser or the community.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN time_zone TEXT;
