# The profile editor: one form, saved at once.
profile-title = Your profile
profile-lead = What people here see of you, and how they find you.
profile-see-public = See it as others do
profile-has-errors = Some answers need a look: see the messages below. Nothing was saved yet.
profile-save = Save my profile

profile-about = About you
profile-headline = Headline
profile-headline-placeholder = Data engineer who loves SQL
profile-headline-hint = One line that says what you do or love.
profile-team = Team
profile-team-placeholder = Platform
profile-languages = Languages you speak
profile-languages-placeholder = English, Português
profile-languages-hint = Separated by commas.
profile-bio = About me
profile-bio-hint = A few words for the people you will meet. Optional.

profile-tags = Share and learn
profile-tags-lead = Tags match you with people: those who want what you share, and those who share what you want.
profile-offers = I can share
profile-offers-placeholder = Add a tag, for example postgresql
profile-offers-chips = What you can share: ticked tags are kept
profile-wants = I want to learn
profile-wants-placeholder = Add a tag, for example kubernetes
profile-wants-chips = What you want to learn: ticked tags are kept
profile-tags-hint = Type tags separated by commas, or tap a suggestion. Tap a tag again to remove it.

profile-availability = When you are free
profile-availability-lead = Tick the half hours you can meet. People see them when they ask you to meet.
profile-availability-days = Days
profile-availability-none = This community has no days to meet on.
profile-times-in = Times in { $zone }
profile-daily-cap = Meetings a day, at most
profile-daily-cap-hint = Leave it empty for no limit. Once you reach it, your topics show as full that day.
profile-suggestions = Popular here
