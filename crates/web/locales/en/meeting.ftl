# A meeting's page (check in, feedback, "did you try it?", who is there, stand-by) and the
# check-in page a spot's QR code opens.
meeting-about-topic = About the topic
meeting-back = Back to my meetings
meeting-checked-in = You are checked in
meeting-check-in-title = Arrived? Check in
meeting-check-in-explain = Let the others know you are here. Once the conversation has started you can note what you learned.
# Tapped with no connection: the phone keeps the check-in and sends it later.
meeting-check-in-saved = No connection: your check-in is saved on this phone and will be sent when the connection returns.
meeting-waiting-explain = The conversation starts soon. After it starts, you can note here what you learned.
meeting-note-check-in-opens = Check-in opens { $time }, { $minutes } minutes before the start.
meeting-note-check-in-closed = The meeting is over; check-in is closed.
meeting-note-not-participant = Participants check in and give feedback here.
meeting-people = Who is here
meeting-people-after = Who came
meeting-host = Host
meeting-here-since = Here since { $time }
meeting-did-not-come = Did not come
meeting-not-here-yet = Not checked in yet

meeting-stand-by-title = Your partner has not checked in
meeting-stand-by-intro = Rather than wait, join someone else now:
meeting-stand-by-none = No group is starting now and no similar topic is on offer. Wait a few more minutes, or find another topic.
meeting-stand-by-group = { $free ->
    [one] Group, 1 of { $seats } seats free
   *[other] Group, { $free } of { $seats } seats free
}
meeting-stand-by-offer = Offered by { $name }

meeting-feedback-title = What did you take away?
meeting-feedback-intro = A line or two is enough. With your consent, what you learned helps others in the knowledge base.
meeting-learned = One thing I learned
meeting-will-try = One thing I will try
meeting-will-try-hint = In 30 days we ask whether you did.
meeting-rating = How useful was it?
meeting-rating-hint = Private: nobody else sees your rating.
meeting-rating-low = Not useful
meeting-rating-high = Very useful
meeting-rating-1 = 1 of 5, not useful
meeting-rating-2 = 2 of 5, a little useful
meeting-rating-3 = 3 of 5, useful
meeting-rating-4 = 4 of 5, very useful
meeting-rating-5 = 5 of 5, extremely useful
meeting-thanks = A thank-you to the host (optional)
meeting-thanks-hint = The host sees it.
meeting-link = A link to share with your note (optional)
meeting-share = Share what I learned in the community's knowledge base
meeting-named = Show my name on it
meeting-feedback-send = Send feedback
meeting-feedback-thanks = Thank you for your feedback
meeting-your-rating = Your private rating: { $rating } of 5 (only you see it).
meeting-note-shared = Your note is in the knowledge base.
meeting-tried-question = Did you try it?
meeting-tried-yes = Yes
meeting-tried-not-yet = Not yet
meeting-tried-no = No

meeting-spot-title = Check in at { $spot }
meeting-spot-your-meeting = Your meeting here
meeting-spot-details = Meeting details
meeting-spot-none = You have no meeting at { $spot } right now. Check-in opens 10 minutes before a meeting starts.
meeting-spot-see-meetings = See my meetings
