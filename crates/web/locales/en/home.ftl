# A community's home: the next meeting, the best recommendations, then the rest.
home-hello = Hello, { $name }
home-dates-range = { $from } – { $to }
home-ongoing = Ongoing
home-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}
home-invite-only = Invite only
home-times-in = Times in { $zone }

# A visitor of an open community.
home-not-member = You are not a member yet. Join to see who is here and what they share.
home-join = Join { $community }

# The next meeting.
home-next-title = Your next meeting
home-next-with = With { $names }
home-next-now = Now
home-next-in-minutes = { $count ->
    [one] In 1 minute
   *[other] In { $count } minutes
}
home-next-video = Video call
home-next-join-video = Join the video call
home-next-check-in = Check in
home-next-details = Details
home-next-none = No meeting booked yet. Pick a recommendation below, or browse what people share.
home-next-browse = Browse topics

# The best recommendations.
home-recommended-title = Recommended for you
home-all-topics = All topics
home-reasons = Why it fits
home-why = Why?
home-not-interested = Not interested
home-hide-host = Hide everything from { $name }
home-empty-wants = Tell us what you want to learn and we will find topics and people for you.
home-empty-wants-action = Add what you want to learn to your profile
home-empty-availability = Recommendations need a time you are both free.
home-empty-availability-action = Mark when you are free
home-empty-no-match = Nobody offers what you want to learn at a time you are free, yet. Post an ask so people who can share it find you.
home-empty-no-match-action = Post an ask

# The rest of the home.
home-profile-title = Complete your profile
home-profile-text = Others find you by what you share and want to learn.
home-profile-progress = { $done } of { $total } done
home-missing-headline = Add a headline
home-missing-offers = Say what you can share
home-missing-wants = Say what you want to learn
home-missing-availability = Mark when you are free
home-profile-edit = Edit my profile
home-could-help-title = You could help
home-could-help-no-offers = Add what you can share and we will show you who is asking for it.
home-could-help-no-offers-action = Add what you can share
home-could-help-none = No one is asking for what you can share right now.
home-could-help-none-action = Offer it as a topic
home-swap-title = Swap partners
home-swap-text = A swap partner can teach you something and wants to learn something you offer.
home-swap-needs-both = Add both what you can share and what you want to learn
home-swap-none-action = Browse the members
home-people-title = People to meet
home-tags-title = Popular here
home-tags-none = No one has added tags yet.
home-tags-first = Be the first
home-tag-count = { $count ->
    [one] 1 member
   *[other] { $count } members
}
home-organize-title = Organize
home-organize-spots = { $count ->
    [one] 1 spot to meet at.
   *[other] { $count } spots to meet at.
}
home-organize-settings = Settings
home-organize-dashboard = Dashboard
home-about-title = About
home-see-my-profile = See how others see you
home-dismissed-title = Not interested ({ $count })
home-dismissed-topic = Topic “{ $label }”
home-dismissed-host = Everything from { $label }
home-undo = Undo
