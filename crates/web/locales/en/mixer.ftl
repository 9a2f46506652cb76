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
mixer-how = Read the groups out or show this page on a screen. Nothing is saved or sent.
mixer-round = Round { $number }
mixer-groups = { $count ->
    [one] 1 group
   *[other] { $count } groups
}
mixer-group = Group { $number }
mixer-shared = Shared interests
