# The page layout: app bar, community navigation, footer, confirmations, error pages.
layout-brand = peerlearn
layout-skip-to-content = Skip to content
layout-my-communities = My communities
layout-account = Your account
layout-sign-in = Sign in
layout-sign-up = Sign up
layout-sign-out = Sign out
layout-dark-theme = Dark theme
layout-language = Language
layout-footer = peerlearn — learn from each other.
layout-dismiss = Dismiss
layout-confirm-yes = Yes, go ahead
layout-confirm-no = Cancel

# The community's navigation: tabs (a bar at the bottom on phones), "More" and "Organize".
nav-home = Home
nav-topics = Topics
nav-meetings = Meetings
nav-inbox = Inbox
nav-me = Me
nav-more = More
nav-questions = Questions
nav-members = Members
nav-knowledge = Knowledge
nav-demand = Demand
nav-ledger = Given & received
nav-board = Lounge board
nav-organize = Organize
nav-moderation = Moderation
nav-dashboard = Dashboard
nav-schedule = Auto-schedule
nav-mixer = Mixer
nav-settings = Settings
nav-spot-codes = Check-in codes
# Read after a tab's count by screen readers ("Inbox 3 unread").
nav-badge-unread = unread
nav-badge-requests = waiting for your answer
# Live updates: a toast when something happens while a page is open.
live-open = Open
live-refresh = Refresh

# Error pages (the title and the sentence come from the error itself).
error-code = Error { $status }
error-back-communities = Back to my communities
error-back-home = Go to the home page
error-sign-in = Sign in
# A page kept for offline use, shown while the network is down.
layout-offline = You are offline: this page is as it was at { $time }.
offline-title = Offline
offline-lead = You are offline. The pages you opened recently, such as your meetings, still open; the rest comes back with the connection.
offline-back = My communities
# A check-in saved on the phone with no connection, sent once it returned (the refusal is
# followed by the reason).
layout-check-in-sent = Your saved check-in was sent: you are checked in.
layout-check-in-refused = Your saved check-in could not be recorded.

# Text written by members: an image from another site, shown as a link to it when its
# writer gave it no description.
markdown-image = Image
