# The inbox: messages about one's requests and meetings, newest first.
inbox-title = Inbox
inbox-unread = { $count ->
    [one] 1 new
   *[other] { $count } new
}
inbox-times-in = Times in { $zone }
inbox-new = New
inbox-empty = Nothing yet. When someone asks to meet you, answers your request or changes a meeting, you find it here.
inbox-empty-action = Find a topic
inbox-just-now = just now
inbox-minutes-ago = { $count ->
    [one] 1 min ago
   *[other] { $count } min ago
}
inbox-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
