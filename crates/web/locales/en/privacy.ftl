# Leaving a community, exporting one's data, deleting one's account.
former-member = A former member

profile-leave = Leave this community
profile-leave-lead = Your future meetings here are cancelled and your profile is removed. You can join again later.
profile-leave-link = Leave this community…

leave-title = Leave this community
leave-lead = You are about to leave { $community }.
leave-what = What happens
leave-meetings = Your future meetings are cancelled, and the other people are told.
leave-requests = Your pending requests, sent and received, are withdrawn.
leave-topics = Your open topics are closed.
leave-profile = Your profile, tags, availability and inbox here are removed.
leave-kept = Past meetings, notes and answers others rely on stay, shown as from a former member.
leave-button = Leave the community
leave-cancel = Stay

export-title = Your data
export-lead = Get a copy of everything peerlearn keeps about you, in every community, as a JSON file.
export-button = Prepare my data
export-pending = Your data is being prepared. We will email you when it is ready; this page shows the download then.
export-ready = Your data is ready. The download works until { $expires }.
export-download = Download my data

delete-title = Delete my account
delete-lead = This cannot be undone.
delete-account-lead = Your account, profiles and personal data are erased. You can download your data first.
delete-account-link = Delete my account…
delete-what = What happens
delete-sessions = You are signed out everywhere; your API tokens stop working.
delete-meetings = Your future meetings are cancelled, the other people are told, and your pending requests are withdrawn.
delete-erased = Your name, email, profiles, availability, inbox and private feedback are erased.
delete-kept = Notes in knowledge bases, answers and past meetings others rely on stay, shown as from a former member.
delete-organizer = If you are the last organizer of a community with other members, make someone else an organizer first. A community where you are the only member is deleted with your account.
delete-export-first = Want a copy first?
delete-password = Your password
delete-button = Delete my account for good
delete-cancel = Keep my account

mail-export-subject = Your peerlearn data is ready
mail-export-body = The copy of your data you asked for is ready. Download it from your account page within { $days } days:

notice-export-requested = Your data is being prepared. We will email you when it is ready.
notice-left-community = You left the community.
notice-account-deleted = Your account was deleted. Goodbye, and thank you.
leave-hand-over = Make another member an organizer
delete-hand-over-first = You are the last organizer of these communities: make another member an organizer in each before you delete your account.
