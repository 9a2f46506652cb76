now-title = Meet now
now-intro = Free for a while? Say so, and peerlearn finds someone here to talk with, starting in { $lead } minutes.
now-how-long = For how long?
now-minutes = { $minutes } min
now-where = Where?
now-lounge = At the lounge
now-lounge-hint = A free table is chosen when you both accept.
now-video = By video
now-video-hint = You both get a video link.
now-auto-accept = Book at once when someone is found
now-auto-accept-hint = You can still cancel the meeting afterwards.
now-go = I'm free now
now-others = { $count ->
    [0] Nobody else is free right now. Others see you as soon as you are.
    [one] One other member is free right now.
   *[other] { $count } other members are free right now.
}
now-looking = You are free until { $until }. We are looking for someone for you.
now-looking-hint = This page updates by itself when someone is found. You are paired on the topics you post and the interests on your profile.
now-stop = I'm no longer free
now-proposal-title = Meet { $name }?
now-proposal-topic = About “{ $topic }”
now-proposal-when = Starts at { $when }
now-at-the-lounge = at the lounge
now-by-video = by video
now-accept = Accept
now-decline = Decline
now-waiting = You accepted. Waiting for { $name } to accept.
now-booked = You are meeting { $name } at { $when }.
now-see-meeting = See the meeting
now-ended = The last proposal did not work out. You are still free: we keep looking.
now-auto-on = Meetings are booked at once when someone is found.
now-home-cta = Free now? Meet someone
notice-now-free = You are free. We are looking for someone for you.
notice-now-stopped = You are no longer among the free members.
notice-now-accepted = Accepted. We tell you as soon as the other person accepts.
notice-now-declined = Declined. You are still free: we keep looking.
notice-now-booked = Booked! Your meeting starts in a few minutes.
notification-now-proposed-title = Meet { $name } now?
notification-now-proposed-body = { $name } is free too. Meet about “{ $topic }” at { $when }, { $place }: accept or decline on the Meet now page.
notification-now-accepted-title = { $name } said yes
notification-now-accepted-body = { $name } accepted to meet about “{ $topic }” at { $when }. Accept to book it.
notification-now-declined-title = { $name } can't make it
notification-now-declined-body = { $name } declined. You are still among the free members; we keep looking for someone.
notification-now-expired-title = The proposal expired
notification-now-expired-body = Nobody answered in time to meet about “{ $topic }”. If you are still free, you stay among the free members.
notification-now-booked-title = You are meeting { $name }
notification-now-booked-body = “{ $topic }” with { $name } at { $when }, { $place }.
