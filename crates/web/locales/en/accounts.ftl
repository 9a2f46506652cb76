# The welcome page, signing in and signing up.
accounts-create-account = Create an account
accounts-sign-in = Sign in
accounts-email = Email
accounts-password = Password
accounts-name = Your name

accounts-landing-eyebrow = Peer learning for events, schools and teams
accounts-landing-title = Learn from each other.
accounts-landing-lead = peerlearn turns your conference, school, company or co-working space into a place where people share what they know in short conversations.
# A sample meeting drawn on the welcome page.
accounts-landing-demo-name = Ana Silva
accounts-landing-demo-topic = Kubernetes basics
accounts-landing-demo-place = Table 3
accounts-landing-demo-want = wants Rust
accounts-landing-demo-free = free 10:30
accounts-landing-demo-ask = Ask to meet
accounts-landing-demo-name-2 = Tomás Reis
accounts-landing-demo-topic-2 = Public speaking
accounts-landing-demo-place-2 = Video
accounts-landing-how = How it works
accounts-landing-step-share = Share and ask
accounts-landing-step-share-text = Say what you can share and what you want to learn. See who else is into the same things.
accounts-landing-step-meet = Meet
accounts-landing-step-meet-text = Book a short conversation at a lounge table or by video, with people beyond your own team.
accounts-landing-step-keep = Keep what you learned
accounts-landing-step-keep-text = After each meeting, what people learned joins your community's knowledge.
accounts-landing-organize = Bring your people together
accounts-landing-organize-text = Create a community for your event or team in a minute, and share its invite link.
accounts-landing-organize-action = Start a community

accounts-signin-title = Welcome back
accounts-signin-lead = Sign in to meet the people in your communities.
accounts-signin-invited = Sign in to join the community you were invited to.
accounts-signin-new-here = New here?

accounts-signup-title = Create your account
accounts-signup-lead = One account for every community you learn in.
accounts-signup-invited = Create your account, then join the community you were invited to.
accounts-name-hint = Shown to the people you meet.
accounts-password-hint = At least 8 characters.
accounts-email-taken = An account with this email exists already.
accounts-sign-in-instead = Sign in instead
accounts-signup-submit = Create my account
accounts-signup-have-account = Already have an account?
