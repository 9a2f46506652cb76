# Errors: why something was refused, for the person who asked. Field messages (invalid-…)
# follow the field's name ("Title: must not be empty."), so they start in lower case and
# never name a field the way the code spells it.

## Reason phrases (the title of an error page or problem document).
status-400 = Bad request
status-401 = Not signed in
status-403 = Not allowed
status-404 = Not found
status-409 = Conflict
status-413 = Too large
status-415 = Unsupported media type
status-422 = Some fields need a change
status-429 = Too many attempts
status-500 = Something went wrong

## A field and why it is invalid, as one sentence.
field-error = { $field }: { $message }.
field-error-unnamed = { $message }.

## Fields, named as a person would say them.
field-a = Proposed meeting
field-at = Time you checked in
field-bio = Bio
field-body = Text
field-capacity = Seats
field-community = Community
field-cursor = Page
field-daily-cap = Meetings a day
field-day = Day
field-day-end = End of the day
field-day-start = Start of the day
field-description = Description
field-current-password = Current password
field-display-name = Name
field-duration-minutes = Length
field-email = Email
field-end = End
field-ends-on = Last day
field-format = Format
field-free = Only times I am free
field-from = First day
field-group-size = People per group
field-headline = Headline
field-host = Host
field-host-id = Host
field-join-policy = Who may join
field-kind = Kind
field-lang = Language
field-languages = Languages
field-learned = What you learned
field-limit = Number of results
field-link = Link
field-list = List
field-message = Message
field-mode = Where
field-name = Name
field-new-password = New password
field-offers = What you can share
field-other = Another time
field-password = Password
field-proposed-times = { $n ->
    [1] First time
    [2] Second time
    [3] Third time
   *[other] Time { $n }
}
field-rating = Rating
field-reason = Reason
field-role = Role
field-rounds = Rounds
field-slot = Times you are both free
field-sort = Order
field-start = Time
field-starts-at = Time
field-starts-on = First day
field-status = Status
field-subject-id = Item
field-subject-kind = Kind of item
field-tag = Tag
field-tags = Tags
field-team = Team
field-thanks = Thank-you
field-timezone = Time zone
field-title = Title
field-to = Last day
field-topic = Topic
field-topic-id = Topic
field-tried = Answer
field-unanswered = Unanswered only
field-wants = What you want to learn
field-will-try = What you will try
field-windows = Free time { $n }
field-url = Address
field-event-types = Events
field-enabled = On

## Why a field is invalid.
invalid-between = must be between { $min } and { $max }
invalid-boolean = must be true or false
invalid-choice = must be one of: { $choices }
invalid-choose-proposed = choose one of the proposed times
invalid-clock-time = “{ $value }” is not a time like 09:00
invalid-control-characters = must not contain control characters
invalid-cursor = is not a cursor from a previous page
invalid-daily-cap = must be between 1 and { $max } meetings a day, or empty for no cap
invalid-current-password = is not your current password
invalid-date = “{ $value }” is not a date like 2026-05-12
invalid-date-time = is not a date and time
invalid-day-ends-before-it-starts = must be later than the start of the day
invalid-day-missing = is not a day in this time zone
invalid-direction-characters = must not contain { $character }, an invisible character that changes the direction of the text around it
invalid-duration = must be one of { $choices } minutes
invalid-email = must be an email address like ana@example.org
invalid-name-new-account = is needed to create a new account (--name)
invalid-email-same = is already your address
invalid-email-taken = is already used by an account; sign in instead
invalid-empty = must not be empty
invalid-ends-before-it-starts = must end after it starts
invalid-event-needs-dates = an event needs a first and a last day
invalid-event-too-long = an event lasts at most a year
invalid-feedback-empty = write at least one thing, or give a rating
invalid-fixed-time-one-on-one = only group topics have a fixed time; one-on-one times are agreed per request
invalid-group-size = a group takes between 2 and { $max } people
invalid-host-full = { $name } takes at most { $cap } meetings a day and is full on { $day }; choose another day
invalid-id = is not a valid id
invalid-in-past = must be in the future
invalid-instant = “{ $value }” is not an RFC 3339 time like 2026-05-12T10:30:00Z
invalid-instant-example = must be a time like 2026-05-12T10:30:00Z
invalid-last-day-before-first = must not be before the first day
invalid-link = must be a web address starting with https:// (at most { $max } characters)
invalid-meeting-time = is not a valid meeting time
invalid-no-hours-that-day = the community has no hours on { $day }
invalid-not-available = { $who ->
    [you] you are not available then
    [host] the host is not available then
   *[they] they are not available then
}
invalid-not-proposed = must be one of the proposed times
invalid-number-between = must be a number from { $min } to { $max }
invalid-outside-event-dates = { $day } is outside the event's dates ({ $first } to { $last })
invalid-outside-hours = must lie within the community's hours, { $start }–{ $end } ({ $timezone }) on { $day }
invalid-mixer-round-outside-hours = would put round { $round } outside the community's hours, { $start }–{ $end } ({ $timezone }) on { $day }: start earlier, or choose fewer or shorter rounds
invalid-overlaps = overlaps another proposed time
invalid-period-reversed = must not be after the last day
invalid-period-too-long = the period is at most ten years
invalid-person-busy = { $who ->
    [you] you already have a meeting then
    [host] the host already has a meeting then
   *[they] they already have a meeting then
}
invalid-proposed-meeting = is not a proposed meeting
invalid-share-needs-learned = write one thing you learned to share it as a note
invalid-spot-name-taken = is already the name of another spot
invalid-tag-character = tag “{ $tag }” contains “{ $character }”; use letters, digits, spaces and + # . - / &
invalid-tag-too-long = tag “{ $tag }…” is longer than { $max } characters
invalid-tags-per-question = at most { $max } tags per question
invalid-tags-per-topic = at most { $max } tags per topic
invalid-time-count = propose one to { $max } times
invalid-timezone = “{ $value }” is not a time zone name; use one like Europe/Lisbon or UTC
invalid-too-long = must be at most { $max } characters (it has { $count })
invalid-too-many-languages = at most { $max } languages
invalid-too-many-signups = too many accounts were created from this network just now; try again in a few minutes
invalid-too-many-tags = at most { $max } tags (there are { $count })
invalid-too-many-windows = at most { $max } free times
invalid-too-short = must be at least { $min } characters
invalid-topic-or-host = give either a topic or a host, not both
invalid-whole-number = must be a whole number
invalid-webhook-url = must be a web address starting with https://
invalid-webhook-https = must start with https:// (the events are signed, but they must not travel unencrypted)
invalid-webhook-unresolved = names a host that could not be found
invalid-webhook-private = must be reachable on the public internet, not a private, loopback or local address
invalid-event-type = is not an event webhooks can receive
invalid-event-types-empty = choose at least one event

## Not allowed (403).
forbidden-cross-site = This form was sent from another website, so it was not carried out. Open the page on peerlearn and send it from there.
forbidden-csrf-missing = This call needs the page's form token (the X-CSRF-Token header).
forbidden-form-expired = This form has expired. Reload the page and send it again.
forbidden-host-or-organizer = Only the host or an organizer can change this topic.
forbidden-join-first = Join this community first.
forbidden-board-link = This display link no longer works. Ask an organizer for the new one.
forbidden-moderators-only = Only moderators and organizers can do this.
forbidden-not-your-turn = This request is waiting for the other person's answer.
forbidden-only-asker-accepts = Only the person who asked can accept an answer.
forbidden-only-asker-converts = Only the person who asked can turn a question into a topic.
forbidden-only-requester-withdraws = Only the person who sent a request can withdraw it.
forbidden-organizers-only = Only organizers can do this.
forbidden-own-answer-helpful = You cannot mark your own answer helpful.

## Not found (404): it does not exist, or you cannot see it.
not-found = We could not find what you were looking for.
not-found-answer = This answer does not exist, or you cannot see it.
not-found-calendar = This calendar link does not exist or was turned off.
not-found-community = This community does not exist, or you are not a member. If it is invite-only, ask a member for an invite link.
not-found-dismissal = There is nothing to undo here.
not-found-email-link = This confirmation link no longer works.
not-found-feedback = There is no feedback to show here.
not-found-meeting = This meeting does not exist, or you cannot see it.
not-found-member = This member does not exist, or is not in this community.
not-found-note = This note does not exist, or you cannot see it.
not-found-page = There is no page at this address.
not-found-question = This question does not exist, or you cannot see it.
not-found-report = This report does not exist, or was already handled.
not-found-reset-link = This reset link no longer works.
not-found-request = This request does not exist, or you cannot see it.
not-found-resource = There is nothing at this address.
not-found-spot = This spot does not exist in this community.
not-found-table = There is no such table.
not-found-token = This session or token does not exist, or was already ended.
not-found-topic = This topic does not exist, or you cannot see it.
not-found-user = This account does not exist.
not-found-waitlist-place = You are not on this waitlist.
not-found-export = There is no data export here: it is not yours, not ready yet, or it expired.
not-found-webhook = This webhook does not exist in this community.
not-found-delivery = This delivery does not exist.

## Refused because of how things stand (409), by code.
conflict-already-answered = This question already has an accepted answer.
conflict-already-cancelled = This meeting is already cancelled.
conflict-already-decided = This was already answered, withdrawn or handled.
conflict-already-hidden = This is already hidden.
conflict-already-member = You are already a member of this community.
conflict-already-reported = You have already reported this; the moderators will look at it.
conflict-already-requested = You already have a pending request on this topic.
conflict-already-seated = You already have a seat.
conflict-already-topic = This question has already become an ask topic.
conflict-already-waitlisted = You are already on the waitlist.
conflict-answer-hidden = A hidden answer cannot be accepted.
conflict-check-in-not-open = Check-in opens { $minutes } minutes before the meeting starts.
conflict-email-taken = An account with this email already exists; sign in instead.
conflict-feedback-given = You already gave feedback on this meeting.
conflict-group-topic = Group topics take seats, not requests.
conflict-host-full = The host is full that day; choose another day.
conflict-last-organizer = A community needs at least one organizer; make someone else an organizer first.
conflict-meeting-cancelled = This meeting was cancelled.
conflict-meeting-full = This group meeting is full.
conflict-meeting-not-over = Feedback opens when the meeting ends (or once you have checked in and it has started).
conflict-meeting-over = The meeting is over; check-in is closed.
conflict-meeting-started = This meeting has already started.
conflict-no-meeting-here = You have no meeting at this spot now.
conflict-no-seats = Only group topics with a fixed time have seats.
conflict-no-spot-free = No fitting table or room is free at that time; choose another time.
conflict-not-enough-spots = Round { $round } has { $groups } groups but only { $spots } fitting tables or rooms are free then. Add spots, choose another time or meet by video; nothing was published.
conflict-everyone-busy = Everyone is already in a meeting at those times (were these rounds published already?); nothing was published.
conflict-mixer-changed = The members or their interests changed since this preview: look at the new rounds below, then publish again.
conflict-too-few-members = There are not enough members to form groups yet.
conflict-not-a-participant = Only the meeting's participants can do this.
conflict-not-available = Someone is not available at that time.
conflict-not-hidden = This is not hidden.
conflict-not-proposed = Accept one of the times the request proposed.
conflict-not-seated = You have no seat in this meeting.
conflict-not-waitlisted = You are not on the waitlist.
conflict-not-your-turn = This request is waiting for the other person's answer.
conflict-outside-hours = That time is outside the community's hours.
conflict-own-answer = You cannot mark your own answer helpful.
conflict-own-profile = You cannot dismiss yourself.
conflict-own-topic = This is your own topic.
conflict-person-busy = Someone would be in two meetings at the same time.
conflict-seats-free = This group has a free seat: take it instead.
conflict-spot-name-taken = This community already has a spot with that name.
conflict-spot-in-use = { $change ->
    [remove] { $count ->
        [one] One of the { $total } upcoming meetings at this spot fits in no other free spot of its kind; add a spot or move that meeting first.
       *[other] { $count } of the { $total } upcoming meetings at this spot fit in no other free spot of its kind; add a spot or move those meetings first.
    }
   *[edit] { $count ->
        [one] An upcoming meeting at this spot would no longer fit; keep its kind and size until it is over, or remove the spot to move it elsewhere.
       *[other] { $count } upcoming meetings at this spot would no longer fit; keep its kind and size until they are over, or remove the spot to move them elsewhere.
    }
}
conflict-time-passed = That time has passed; send a new request.
conflict-too-few-requests = A group needs at least two pending requests that proposed this time, from people still free then.
conflict-topic-closed = This topic is closed.

## A body that cannot be read (400), by code; the developer's detail follows.
bad-request-with-detail = { $lead }: { $detail }
bad-request-body-too-large = The body is too large.
bad-request-invalid-body = The body does not have the expected shape.
bad-request-invalid-form = The form could not be read. Go back, reload the page and try again.
bad-request-invalid-query = The query string is not valid.
bad-request-malformed-json = The body is not valid JSON.
bad-request-unreadable-body = The body could not be read.
bad-request-unsupported-media-type = Send a JSON body with Content-Type: application/json.

## Other refusals.
error-not-signed-in = Sign in first.
error-bad-credentials = The email or password is not right.
error-too-many-attempts = { $seconds ->
    [one] Too many attempts; try again in one second.
   *[other] Too many attempts; try again in { $seconds } seconds.
}
error-internal = Something went wrong on our side; it has been logged.

## Errors shown on pages.
error-choose-a-time = Choose at least one time.
error-your-answer = Your answer { $message }.
error-availability-stale = Some of the chosen times are no longer on the calendar. Choose them again below, then save.
error-schedule-changed = Nothing was confirmed: the community changed since the proposal. { $reason } Propose again.

## Where to go from an error page.
next-join = Join this community
next-community-about = About this community
next-community = Back to the community

## A form sent with an expired token, offered to be sent again.
form-expired-title = Your form expired — send it again
form-expired-explain = This page was open for a long time, or you signed in again meanwhile, so the form can no longer be trusted as yours. What you wrote is kept: send it again with one click.
form-expired-send = Send it again
form-expired-back = Back to the page

## Importing attendees from a file.
field-file = File
field-language = Language
field-show = Rows shown
invalid-import-too-large = is larger than { $max } MB: split it into smaller files
invalid-import-encoding = is not UTF-8 text (line { $line }): save it again as “CSV UTF-8”
invalid-import-empty = is empty
invalid-import-no-file = choose a CSV file to upload
invalid-import-no-rows = has a header row but no one under it
invalid-import-unreadable = cannot be read as CSV (line { $line })
invalid-import-duplicate-column = has the column “{ $value }” twice
invalid-import-missing-columns = lacks required columns: { $value } (the header row names the columns)
invalid-import-too-many-rows = has { $count } rows; at most { $max } can be imported at once: split it
invalid-import-duplicate = is already on line { $line } of the file
invalid-import-language = “{ $value }” is not a language we have: write en or fr, or leave it empty
invalid-invitation-status = must be all, joined or pending
forbidden-import-not-yours = Only the organizer who uploaded this file can confirm it.
not-found-import = This import does not exist in this community.
not-found-invitation = This invitation does not exist in this community.
not-found-invitation-link = This invitation link no longer works: it was used, replaced by a newer one, or expired.
conflict-import-not-staged = This import was already confirmed or has expired; upload the file again.
conflict-already-joined = This person has already joined.
conflict-in-meeting = You are in a meeting right now; say you are free once it ends.
conflict-member-paused = Your bookings are paused after missed meetings; an organizer can resume them.
conflict-proposal-closed = This proposal was already answered or has ended.
conflict-proposal-expired = This proposal has expired; you are back among the free members.
conflict-already-accepted = You already accepted this proposal.
conflict-partner-arrived = Your partner has arrived: your meeting goes on as planned.
not-found-proposal = This proposal does not exist, or it is not yours.
invalid-free-minutes = choose between { $min } and { $max } minutes
invalid-now-mode = must be lounge or video
conflict-webhook-limit = A community has at most 10 webhook endpoints; remove one first.
