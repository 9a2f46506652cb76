# The organizer's auto-schedule: propose a schedule for every waiting request, review it, confirm it.
schedule-title = Auto-schedule
schedule-intro = Place every waiting request at once: at a time both people are free, in a spot that fits, without double-booking anyone. Nothing is sent until you confirm.
schedule-pending-title = Waiting requests
schedule-pending = { $count ->
    [one] request waiting for an answer
   *[other] requests waiting for an answer
}
schedule-nothing = Nothing to schedule right now: every request has its answer.
schedule-propose = Propose a schedule
schedule-propose-again = Propose again
schedule-propose-hint = It takes a few seconds. You review the proposal before anyone is told.
schedule-proposal = Proposal
schedule-summary = { $placed } placed, { $left } left out
schedule-bound = { $count ->
    [one] at most 1 could be placed
   *[other] at most { $count } could be placed
}
schedule-seconds = computed in { $seconds } s
schedule-none-placed = No request could be placed. The reasons are below.
schedule-times-in = Times in { $zone }
schedule-video-link = Video call
schedule-confirm = { $count ->
    [one] Confirm this meeting
   *[other] Confirm these { $count } meetings
}
schedule-confirm-question = { $count ->
    [one] Confirm this meeting? Both people are told at once.
   *[other] Confirm these { $count } meetings? Everyone in them is told at once.
}
schedule-confirm-yes = Confirm
schedule-confirm-hint = Everyone placed gets the meeting in their inbox and calendar.
schedule-left-out = Left out
schedule-left-out-intro = These requests keep waiting for their host's answer.
schedule-reason-no-time-left = no time left in the community's calendar
schedule-reason-no-common-time = they have no free time in common
schedule-reason-no-spot = the community has no table or room
schedule-reason-times-taken = the times they share went to other meetings
