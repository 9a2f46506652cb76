# My meetings: the next meeting, requests to answer, later meetings, requests sent, past
# meetings, and the private calendar link.
meetings-title = My meetings
meetings-times-in = Times in { $zone }
meetings-find-topic = Find a topic
meetings-empty = No meetings yet. Find a topic you want to learn about and ask its host to meet.
meetings-next = Next meeting
meetings-happening-now = Happening now
meetings-starts-in-minutes = { $count ->
    [one] Starts in 1 minute
   *[other] Starts in { $count } minutes
}
meetings-starts-in-hours = { $count ->
    [one] Starts in 1 hour
   *[other] Starts in { $count } hours
}
meetings-you-host = You host
meetings-nobody-yet = Nobody has a seat yet
# A list of names, then how many more people (e.g. "Ana Lima, Bo Chen, Cy Diaz and 2 more").
meetings-names-and-more = { $count ->
    [one] { $names } and 1 more
   *[other] { $names } and { $count } more
}
meetings-place-video = Video call
meetings-join-video = Join the video call
meetings-check-in = I'm here — check in
meetings-open = Open the meeting
meetings-add-to-calendar = Add to calendar
meetings-cancel = Cancel meeting
meetings-cancel-confirm = Cancel this meeting? Everyone in it is told.
meetings-leave-seat = Give up my seat
meetings-leave-seat-confirm = Give up your seat in this group? Someone on the waitlist may take it.
meetings-cancelled = Cancelled

meetings-requests-for-you = Requests for you
meetings-group-sentence = { $count ->
    [one] 1 person asked about “{ $topic }” for { $time }.
   *[other] { $count } people asked about “{ $topic }” for { $time }.
}
meetings-group-button = { $count ->
    [one] Meet 1 person
   *[other] Meet all { $count } people together
}
meetings-group-confirm = Make one group meeting with everyone who asked for this time? They are all told.
meetings-counter-explain = { $name } can't make the times you asked for and proposes these instead.
meetings-latest-note = Their latest note: “{ $note }”
meetings-times-passed = All proposed times have passed.
meetings-pick-time = { $count ->
    [one] The proposed time
   *[other] Pick one of the proposed times
}
meetings-accept-at = Accept { $time }
meetings-decline = Decline
meetings-decline-message = A kind word (optional)
meetings-decline-hint = { $name } reads it with your answer.
meetings-decline-send = Decline the request
meetings-propose = Propose other times
meetings-propose-legend = Up to three other times
meetings-propose-hint = Times in { $zone }. Each time is checked against both calendars and the community's hours before it is sent.
meetings-propose-first = First time
meetings-propose-second = Second time (optional)
meetings-propose-third = Third time (optional)
meetings-propose-note = A note (optional)
meetings-propose-send = Send these times

meetings-later = Later
meetings-requests-sent = Requests you sent
meetings-sent-waiting = Waiting for { $name } to answer
meetings-sent-waiting-times = Waiting for { $name } to answer your times
meetings-times-proposed = Proposed times
meetings-withdraw = Withdraw
meetings-withdraw-confirm = Withdraw this request? The host is no longer asked.
meetings-past = Past meetings
meetings-what-you-learned = What you learned
meetings-answered = { $count ->
    [one] 1 answered request
   *[other] { $count } answered requests
}
meetings-status-pending = Waiting
meetings-status-accepted = Accepted
meetings-status-declined = Declined
meetings-status-withdrawn = Withdrawn
meetings-status-expired = Expired

meetings-feed-title = Your meetings in your calendar app
meetings-feed-none = Get a private link your calendar app subscribes to: new meetings appear there, cancelled ones are cancelled.
meetings-feed-new = Subscribe to this link in your calendar app (Google Calendar: “From URL”; Apple Calendar: “New Calendar Subscription”). It is shown only now.
meetings-feed-link = Your private calendar link
meetings-feed-secret = Keep it secret: anyone with it sees your meetings.
meetings-feed-active = Your calendar link is active. Lost it? Make a new one; the old one stops working.
meetings-feed-make = Make my calendar link
meetings-feed-renew = Make a new link
meetings-feed-renew-confirm = Make a new calendar link? The old one stops working.
meetings-feed-off = Turn off
meetings-feed-off-confirm = Turn your calendar link off? Calendar apps stop updating.
