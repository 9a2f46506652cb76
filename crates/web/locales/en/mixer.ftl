# The organizer's mixer: small groups for several rounds, nobody meeting the same person twice.
mixer-title = Mixer
mixer-intro = Split everyone into small groups for a few rounds: nobody meets the same person twice, and groups share interests.
mixer-settings = Groups and rounds
mixer-group-size = People per group
mixer-group-size-hint = From 2 to 12 people.
mixer-rounds = Rounds
mixer-rounds-hint = From 1 to 20.
mixer-run = Make the rounds
mixer-run-again = Make new rounds
mixer-empty = Not enough members to form groups yet.
mixer-empty-action = Invite people
mixer-result = { $count ->
    [one] 1 round without anyone meeting twice
   *[other] { $count } rounds without anyone meeting twice
}
mixer-result-bound = { $count ->
    [one] (at most 1 is possible with these group sizes).
   *[other] (at most { $count } are possible with these group sizes).
}
mixer-people = { $count ->
    [one] 1 member mixed
   *[other] { $count } members mixed
}
mixer-how = Read the groups out or show this page on a screen. Nothing is saved or sent until you publish.
mixer-round = Round { $number }
mixer-groups = { $count ->
    [one] 1 group
   *[other] { $count } groups
}
mixer-group = Group { $number }
mixer-shared = Shared interests
mixer-publish-title = Publish these rounds
mixer-publish-intro = Each group becomes a meeting at a table or room, in everyone's meetings, calendar and on the lounge board; everyone is told with an invitation.
mixer-starts-at = Round 1 starts at
mixer-starts-at-hint = Your time zone: { $zone }. Every round must fit within the community's hours.
mixer-round-minutes = Each round lasts
mixer-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
mixer-break-minutes = Break between rounds (minutes)
mixer-break-minutes-hint = From 0 to 60, for moving to the next table.
mixer-title-field = Title
mixer-title-hint = Names the meetings: “Title — round 1, group 2”.
mixer-default-title = Mixer
mixer-topic-title = { $title } — round { $round }, group { $group }
mixer-mode = Where groups meet
mixer-mode-in-person = At a table or room (all needed)
mixer-mode-either = At a table or room, else by video
mixer-mode-video = By video
mixer-busy-rule = Someone already in a meeting during a round is left out of that round only, and you will see who. If a round's groups do not all find a free table or room, nothing is published.
mixer-publish = Publish and tell everyone
mixer-published = { $count ->
    [one] 1 group meeting published.
   *[other] { $count } group meetings published.
}
mixer-published-people = { $count ->
    [one] 1 member mixed.
   *[other] { $count } members mixed.
}
mixer-published-how = Everyone was told, with an invitation; the meetings are in their meetings, calendars and on the lounge board.
mixer-published-left-out = { $count ->
    [one] 1 person was left out of a round: they were already in a meeting (see below).
   *[other] { $count } people were left out of a round: they were already in a meeting (see below).
}
mixer-busy = Left out, already in a meeting: { $names }.
mixer-alone = Left out, the rest of their group was busy: { $names }.
