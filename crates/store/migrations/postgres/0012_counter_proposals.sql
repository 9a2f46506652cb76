-- Counter-proposals: the person asked may propose other times instead of accepting or
-- declining; the request's times are replaced and it then waits for the other side, who may in
-- turn accept, decline or propose again. `awaiting_requester` says whose answer it waits for
-- (0: the person asked, as for every new request).
ALTER TABLE meeting_requests ADD COLUMN awaiting_requester BIGINT NOT NULL DEFAULT 0
    CHECK (awaiting_requester IN (0, 1));
