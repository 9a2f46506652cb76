# The member directory and a member's profile.
members-title = Members
members-count = { $count ->
    [one] 1 member to learn from
   *[other] { $count } members to learn from
}
members-role-organizer = Organizer
members-role-moderator = Moderator
members-role-member = Member
members-team = { $team } team
members-speaks = Speaks { $languages }

members-filters = Filters
members-filters-active = { $count ->
    [one] filter set
   *[other] filters set
}
members-search = Find members
members-search-label = Name, headline or team
members-search-placeholder = For example Ana or data
members-tag-label = Tag
members-tag-placeholder = For example python
members-filter-submit = Show members
members-popular-tags = Popular tags
members-filter-tag = Tag: { $tag }
members-filter-text = Search: “{ $text }”
members-clear-filters = Clear filters
members-none = No one matches these filters.
members-tags = Tags
members-offers-short = Can share:
members-wants-short = Wants to learn:
members-more-tags = { $count ->
    [one] 1 more
   *[other] { $count } more
}
members-pages = Pages
members-first-page = First page
members-next-page = Next page

members-edit-mine = Edit my profile
members-can-share = Can share
members-wants-to-learn = Wants to learn
members-nothing-yet = Nothing listed yet.
members-topics = Topics by { $name }
members-topics-mine = Your topics
members-topics-none = No open topics yet.
members-topics-none-mine = You have no open topics. Post one to be found for what you know.
members-post-topic = Post a topic
members-topics-all = See all their topics
members-topic-offer = Offer
members-topic-ask = Ask
members-topic-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
members-free = Free to meet
members-free-none = No times shared yet.
members-free-none-mine = You have not said when you are free.
members-free-add = Add when you are free
members-times-in = Times in { $zone }
