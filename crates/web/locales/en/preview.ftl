# A topic shown to someone who has not joined its (open) community.
preview-hosted-by = Hosted by { $name }
preview-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
preview-join-to-book = Join { $community } to ask to meet about this topic.
preview-join = Join { $community } to book
