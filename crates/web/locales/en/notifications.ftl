# What members are told of events: inbox messages, emails and calendar invitations. Each is
# written in the member's language; $when is a time in their time zone, naming the zone
# ("Tue 10 Dec, 10:30 (Europe/Lisbon)"), and $times a list of such times.

## Words a message falls back to

notification-someone = Someone
notification-your-partner = Your partner
notification-a-participant = A participant
notification-their-message = Their message: { $message }
notification-reason = Reason: { $reason }
notification-place-video = by video: { $url }
notification-place-unknown = place to be announced
# Between the times of a list.
notification-times-separator = {"; "}

## Requests

notification-request-received-title = { $name } asks to meet
notification-request-received-body =
    { $name } would like to meet about "{ $topic }". { $count ->
        [one] Proposed time
       *[other] Proposed times
    }: { $times }.
notification-times-proposed-title = { $name } proposed other times
notification-times-proposed-body =
    { $name } can't make the times proposed for "{ $topic }" and suggests: { $times }. { $count ->
        [one] Accept it
       *[other] Accept one
    }, decline, or propose others.
notification-request-declined-title = { $name } declined your request
notification-times-declined-title = { $name } declined the times you proposed
notification-request-declined-body = { $name } can't meet about "{ $topic }" this time.
notification-request-accepted-title = Your meeting is confirmed
notification-request-accepted-body = { $name } accepted: "{ $topic }" on { $when }, { $place }. The invitation is attached.

## Meetings and seats

notification-meeting-cancelled-title = A meeting was cancelled
notification-meeting-cancelled-body = { $name } cancelled "{ $topic }" on { $when }.
notification-meeting-moved-title = Your meeting moved to another spot
notification-meeting-moved-body = "{ $topic }" on { $when } moved to { $place }: { $old } was removed. The updated invitation is attached.
notification-waitlist-seat-title = You have a seat from the waitlist
notification-waitlist-seat-body = A seat opened up in "{ $topic }" on { $when }, { $place }, and it is yours: you were next on the waitlist. The invitation is attached.
notification-seat-offered-title = A seat is free: { $topic }
notification-seat-offered-body = "{ $topic }" starts on { $when }, { $place }, and { $left ->
        [one] one seat is still free
       *[other] { $left } seats are still free
    }. It matches what you want to learn: take a seat if you would like to join.
notification-mixer-group-title = You are in a mixer group
notification-mixer-group-body = The organizers put you in "{ $topic }" on { $when }, { $place }, with { $others }. It is in your meetings and calendar; the invitation is attached.
notification-waitlist-seat-host-title = { $name } took a seat in your group
notification-waitlist-seat-host-body =
    { $name } took a freed seat in "{ $topic }" from the waitlist ({ $taken } of { $capacity } { $capacity ->
        [one] seat
       *[other] seats
    } taken).
notification-seat-taken-title = { $name } took a seat in your group
notification-seat-taken-body =
    { $name } took a seat in "{ $topic }" on { $when } ({ $taken } of { $capacity } { $capacity ->
        [one] seat
       *[other] seats
    } taken).
notification-seat-left-title = { $name } gave up their seat in your group
notification-seat-left-body =
    { $name } gave up their seat in "{ $topic }" on { $when } ({ $taken } of { $capacity } { $capacity ->
        [one] seat
       *[other] seats
    } taken).
notification-reminder-title = Your meeting starts in 15 minutes
notification-reminder-body = "{ $topic }" starts at { $when }: { $place }.

## During and after a meeting

notification-stand-by-title = { $name } has not checked in yet
notification-stand-by-body = "{ $topic }" started at { $when }. While you wait, you can take a stand-by: a similar topic or a free seat in a group starting now.
notification-partner-waiting-title = { $name } is waiting for you
notification-partner-waiting-body = "{ $topic }" started at { $when } — { $place }. Check in when you arrive, or cancel so { $name } can meet someone else.
notification-feedback-asked-title = How was "{ $topic }"?
notification-feedback-asked-body = One thing you learned, one thing you will try: it takes a minute, and with your consent what you learned joins the community's knowledge base.
notification-recommendations-paused-title = We paused your recommendations
notification-recommendations-paused-body = You missed a few meetings recently, so we stopped suggesting you to others for now. Rejoin with one click whenever you are ready.
notification-thanks-title = { $name } thanked you
notification-thanks-body = For "{ $topic }": { $thanks }
notification-check-back-title = Did you try it?
notification-check-back-body = After "{ $topic }" you planned to try: { $plan }

## Demand and answers

notification-host-invitation-title =
    { $count } { $count ->
        [one] person wants
       *[other] people want
    } to learn { $tag }
notification-host-invitation-body =
    You can share { $tag }, and { $count } { $count ->
        [one] member
       *[other] members
    } of { $community } want to learn it. One group session could help them all: post a group offer with a time.
notification-answer-posted-title = { $name } answered your question
notification-answer-posted-body = { $name } answered "{ $question }".

## Emails: every message, with its link and the community's signature

email-subject = { $title } · { $community }
email-link = Open in peerlearn: { $link }
email-signature = — peerlearn, { $community }

## Calendar invitations (.ics)

ics-summary = peerlearn: { $topic }
ics-description = With { $people }.

notification-webhook-disabled-title = A webhook was switched off
notification-webhook-disabled-body = Deliveries to { $url } kept failing, so it was switched off. Check the receiver, then switch it on again from the webhook's page.
