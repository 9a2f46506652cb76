# Questions and answers: the list, asking, a question's page with its answers.
questions-title = Questions
questions-intro = Ask the community; answer what you know.
questions-ask = Ask a question
questions-search-label = Search questions
questions-search-placeholder = Search questions, e.g. kubernetes
questions-search = Search
questions-tag-label = Tag
questions-all-tags = All tags
questions-unanswered-only = Unanswered only
questions-clear = Clear search and filters
questions-no-match = No questions match. Try fewer words or another filter — or ask it yourself.
questions-empty = No questions yet. Ask the first one: someone here probably knows.
questions-answered = Answered
questions-unanswered = Unanswered
questions-hidden = Hidden
questions-answers = { $count ->
    [0] Answers
    [one] 1 answer
   *[other] { $count } answers
}
questions-times-in = Times in { $zone }
questions-more = More questions
questions-all = All questions
questions-hidden-question = Hidden by a moderator: { $reason }. Only you and the moderators see it.
questions-hidden-answer = Hidden by a moderator: { $reason }.
questions-became-topic = This question became an ask topic:
questions-meet-about-it = meet someone about it
questions-write-answer = Write an answer
questions-to-topic = No good answer yet? Make it an ask topic
questions-to-topic-confirm = Post this question as an ask topic, so people who can help can offer to meet you?
questions-to-topic-yes = Make it a topic
questions-no-answers = No answers yet. If you know something that helps, share it below.
questions-accepted-answer = Accepted answer
questions-helpful-count = { $count ->
    [one] 1 person found this helpful
   *[other] { $count } people found this helpful
}
questions-accept = Accept this answer
questions-accept-instead = Accept this one instead
questions-helpful = Helpful
questions-helpful-on = You found it helpful · Undo
questions-your-answer = Your answer
questions-markdown-hint = Markdown works: **bold**, lists, links. Give images a description: ![a cat asleep](…).
questions-post-answer = Post answer
questions-ask-intro = Someone here probably knows. Say what you tried and what you need.
questions-field-title = Your question
questions-field-title-placeholder = How do I size a Kubernetes cluster for a small team?
questions-field-title-hint = One sentence people can answer.
questions-field-body = Details (optional)
questions-field-tags = Tags
questions-field-tags-placeholder = kubernetes, operations
questions-field-tags-hint = Separated by commas, so the people who know find it.
questions-post-question = Post your question
