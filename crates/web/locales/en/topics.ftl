# The topic market, a topic's page and posting a topic.

# The market.
topics-title = Topics
topics-subtitle = What people here can share, and what they want to learn.
topics-post = Post a topic
topics-search-label = Search topics
topics-search-placeholder = Search topics
topics-search = Search
topics-filters = Filters
topics-filters-set = { $count ->
    [one] 1 filter set
   *[other] { $count } filters set
}
topics-kind-label = Show
topics-kind-all = All
topics-kind-offers = Offers
topics-kind-asks = Asks
topics-format-label = Format
topics-format-any = Any format
topics-group = Group
topics-mode-label = Where
topics-mode-any = In person or video
topics-tag-label = Tag
topics-day-label = Day
topics-free-label = Only times I am free
topics-sort-label = Order
topics-sort-newest = Newest first
topics-sort-best = Best match first
topics-sort-soonest = Group sessions by start time
topics-apply = Show topics
topics-clear = Clear search and filters
topics-none-filtered = No topics match. Try fewer words or another filter, or post what you are looking for as an ask.
topics-none = No topics yet. Be the first: share something you know, or ask for something you want to learn.
topics-more = More topics
topics-times-in = Times in { $zone }

# A topic, on a card or its page.
topics-kind-offer = Offer
topics-kind-ask = Ask
topics-one-on-one = One-on-one
topics-group-seats = { $count ->
    [one] Group · 1 seat
   *[other] Group · { $count } seats
}
topics-minutes = { $count ->
    [one] 1 min
   *[other] { $count } min
}
topics-mode-in-person = In person
topics-mode-video = Video
topics-mode-either = In person or video
topics-tags = Tags

# A topic's page.
topics-back = All topics
topics-closed = Closed
topics-host = Host
topics-facts = About this topic
topics-hidden = Hidden by a moderator: { $reason }. Only the host and the moderators see it.
topics-no-description = No description.
topics-ask-to-meet = Ask to meet
topics-offer-to-help = Offer to help
topics-request-intro = Pick up to three times; { $name } chooses one.
topics-both-free = Times you are both free
topics-no-common-time = You and { $name } have no free time in common yet. Propose another time, or add when you are free to your profile.
topics-add-availability = Add when you are free
topics-another-time = Another time
topics-another-time-hint = In { $zone }, on the hour or half hour.
topics-message = Message (optional)
topics-message-hint = What would you like to talk about?
topics-send-request = Send request
topics-seats-title = Seats
topics-seats-taken = { $taken } of { $size } taken
topics-seats-left = { $count ->
    [0] No seat left
    [one] 1 seat left
   *[other] { $count } seats left
}
topics-you-host-group = You host this group. You can cancel it from your meetings.
topics-my-meetings = My meetings
topics-seated = You have a seat.
topics-leave-seat = Give up my seat
topics-leave-seat-confirm = Give up your seat?
topics-waitlist-place = You are number { $position } of { $length } on the waitlist. When a seat frees and you are free then, it is yours and you will be told.
topics-leave-waitlist = Leave the waitlist
topics-leave-waitlist-confirm = Leave the waitlist? You would lose your place.
topics-full = This group is full. Join the waitlist: the first freed seat goes to the first member on it who is free at that time.
topics-waiting = { $count ->
    [one] 1 person is waiting.
   *[other] { $count } people are waiting.
}
topics-join-waitlist = Join the waitlist
topics-take-seat = Take a seat
topics-group-no-time = This group has no time yet.
topics-your-topic = This is your topic. Requests to meet arrive in your meetings.
topics-close-as-moderator = As a moderator, you can take this topic out of the market.
topics-close = Close topic
topics-close-confirm = Close this topic? It leaves the market; you can reopen it later.
topics-reopen = Reopen topic
topics-edit = Edit topic
topics-edit-title = Edit topic
topics-edit-intro = Fix a typo, sharpen the description or change the tags. How and when people meet stays as posted.
topics-edit-submit = Save changes
topics-edit-cancel = Cancel
topics-notes-title = What people learned here
topics-notes-more = More in the knowledge base

# Posting a topic.
topics-new-title = Post a topic
topics-new-intro = Share something you know, or ask for something you want to learn.
topics-new-kind = This is
topics-new-kind-offer = Something I can share
topics-new-kind-offer-hint = People ask you for a time to meet.
topics-new-kind-ask = Something I want to learn
topics-new-kind-ask-hint = People who can share it offer to help.
topics-new-title-label = Title
topics-new-title-hint = One line people recognise, e.g. “Property-based testing in 30 minutes”.
topics-new-description = Description (optional)
topics-new-description-hint = What you will cover and what to bring. Markdown works: **bold**, lists, links.
topics-new-tags = Tags
topics-new-tags-hint = Separated by commas, e.g. testing, rust. People find topics by them.
topics-new-format = Format
topics-new-format-group = Small group
topics-new-capacity = Seats for participants (you are not counted)
topics-new-capacity-hint = For groups only: between 2 and { $max }.
topics-new-mode = Where
topics-new-duration = Length
topics-new-duration-default = Default: 30 min, 45 for a group
topics-new-duration-option = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
topics-new-starts-at = Fixed time (optional, groups only)
topics-new-starts-at-hint = In { $zone }. Leave it empty to agree on a time with each person.
topics-new-submit = Post topic
