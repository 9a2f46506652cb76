# The member's account page.
account-title = Your account
account-preferences = Language and time
account-preferences-invalid = Choose a language and a time zone from the lists.
account-language = Language
account-language-browser = As my browser says
account-time-zone = Time zone
account-time-zone-device = As my device says
account-time-zone-now = Times are shown in { $zone }.
account-time-zone-unknown = Times are shown in each community's time zone until your device tells us yours.
account-save = Save
account-sign-out = Sign out
account-lead = Who you are on peerlearn, and how pages speak to you.
account-preferences-lead = Used on every page and in the messages we send you.
account-session = This device
account-session-lead = Sign out when you are done on a shared computer.
