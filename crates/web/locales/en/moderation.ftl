# Moderation: the queue of reports, hiding and restoring, reporting, the audit log.
moderation-title = Moderation
moderation-intro = Open reports, oldest first. Hiding keeps the content for its author and the moderators, with your reason.
moderation-audit-link = Audit log
moderation-queue-link = Moderation queue
moderation-empty = No open reports. Nothing needs your attention.
moderation-open-count = { $count ->
    [one] 1 open report
   *[other] { $count } open reports
}
moderation-times-in = Times in { $zone }
moderation-kind-topic = Topic
moderation-kind-question = Question
moderation-kind-answer = Answer
moderation-kind-note = Note
moderation-kind-member = Member
moderation-subject = { $kind }: { $text }
moderation-hidden = Hidden
moderation-reported-by = Reported by { $name }
moderation-hide = Hide
moderation-hide-open = Hide…
moderation-hide-quiet = Hide (moderators)
moderation-hide-reason = Reason, shown to the author
moderation-hide-reason-hint = At least 3 characters.
moderation-hide-confirm = Hide this for everyone but the moderators and its author?
moderation-dismiss = Dismiss
moderation-dismiss-add-note = Add a note
moderation-dismiss-note = Note (optional)
moderation-dismiss-confirm = Dismiss this report? The content stays visible.
moderation-more = More reports
moderation-restore = Restore
moderation-restore-reason = Why restore it
moderation-report = Report
moderation-report-reason = What is wrong?
moderation-report-placeholder = Spam, rude, off-topic…
moderation-report-send = Send to the moderators

moderation-audit-title = Audit log
moderation-audit-intro = Every role change and moderation action, newest first.
moderation-audit-empty = Nothing recorded yet.
moderation-audit-older = Older entries
moderation-action-hidden = Hidden
moderation-action-restored = Restored
moderation-action-report-dismissed = Report dismissed
moderation-action-role-changed = Role changed
moderation-action-operator-made-organizer = Made an organizer by the server operator
