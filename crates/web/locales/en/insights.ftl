# What the community learns: the knowledge base, a member's ledger, the demand board, check-in codes.
insights-knowledge-title = Knowledge base
insights-knowledge-intro = What members learned in their conversations, shared with their consent.
insights-knowledge-search-label = Search what people learned
insights-knowledge-search-placeholder = Search the notes
insights-knowledge-search = Search
insights-knowledge-tags = Tags
insights-knowledge-all-tags = All
insights-knowledge-tag-current = Tag: { $tag }
insights-knowledge-empty = Nothing here yet. After a meeting, share one thing you learned and it appears here for everyone.
insights-knowledge-empty-action = See my meetings
insights-knowledge-no-match = No notes match. Try other words or another tag.
insights-knowledge-see-all = See all notes
insights-knowledge-more = More notes
insights-note-topic = Topic
insights-anonymous = A member
insights-hidden = Hidden by a moderator: { $reason }

insights-ledger-title = Given and received
insights-ledger-intro = Only you see this page. It is not a score: learning goes both ways over time.
insights-paused-title = Your recommendations are paused
insights-paused = We paused them after missed meetings, on { $since }. Others do not see you in their suggestions until you rejoin.
insights-rejoin = Rejoin recommendations
insights-nudge-tag = You have learned in { $attended } conversations. { $count ->
    [one] 1 person wants
   *[other] { $count } people want
} to learn { $tag }, which you can share: how about offering a short session?
insights-nudge = You have learned in { $attended } conversations. Is there one thing you could share? Add what you can share to your profile, or post an offer.
insights-offer-topic = Offer a topic
insights-you-shared = You shared
insights-you-learned = You learned
insights-hosted = { $count ->
    [one] meeting hosted
   *[other] meetings hosted
}
insights-minutes-shared = { $count ->
    [one] minute sharing
   *[other] minutes sharing
}
insights-notes-shared = { $count ->
    [one] note in the knowledge base
   *[other] notes in the knowledge base
}
insights-answers-given = { $count ->
    [one] answer to a question
   *[other] answers to questions
}
insights-thanks-received = { $count ->
    [one] thank-you
   *[other] thank-yous
}
insights-joined = { $count ->
    [one] meeting joined
   *[other] meetings joined
}
insights-minutes-learned = { $count ->
    [one] minute learning
   *[other] minutes learning
}
insights-could-share = Others want to learn what you can share
insights-could-share-intro = From what your profile says you can share. Offer a topic to meet them.
insights-people-want-it = { $count ->
    [one] 1 person wants it
   *[other] { $count } people want it
}
insights-thanks-title = Thank-yous you received
insights-thanks-empty = None yet. Host a conversation and people can thank you afterwards.

insights-demand-title = What people want to learn
insights-demand-intro = Wishes, open asks and waiting requests, by tag. Can you share one of these? One group session helps many.
insights-demand-empty = Nobody has said what they want to learn yet.
insights-demand-empty-action = Add what you want to learn
insights-demand-wanted = { $count ->
    [one] 1 person wants to learn it
   *[other] { $count } people want to learn it
}
insights-demand-can-share = { $count ->
    [one] 1 person can share it
   *[other] { $count } people can share it
}
insights-demand-nobody = Nobody can share it yet
insights-demand-asks = { $count ->
    [one] 1 open ask
   *[other] { $count } open asks
}
insights-demand-waiting = { $count ->
    [one] 1 request waiting for an answer
   *[other] { $count } requests waiting for an answer
}
insights-demand-host = Host a group
insights-more = More

insights-codes-title = Check-in codes
insights-codes-intro = Print this page and put each code on its table or room. Members scan it to check in to their meeting there.
insights-codes-print = Print
insights-codes-empty = No tables or rooms yet. Add the spots people meet at, then print their codes.
insights-codes-add-spots = Add spots
insights-codes-scan = Scan to check in to your meeting here
insights-codes-qr-label = QR code to check in at { $name }
