# Importing attendees from a file, and their invitations.
nav-import = Import attendees
nav-invitations = Invitations
import-title = Import attendees
import-intro = Bring a registration list in at once: everyone gets an account and an email to join this community.
import-upload-title = Upload a file
import-file-label = CSV file
import-file-hint = A CSV file (UTF-8) of at most { $mb } MB and { $rows } rows, with a header row.
import-upload = Check the file
import-upload-hint = Nothing is created yet: you first see what the import will do.
import-format-title = What the file holds
import-format-intro = One person per row, columns in any order. Columns are separated by commas (or semicolons); tags within a cell by “;” or “|”.
import-format-example = An example file
import-column-email = their email address (required)
import-column-name = their name as others see it (required)
import-column-team = their team or organisation (required, may be empty)
import-column-tags = what they want to learn (optional)
import-column-offers = what they can share (optional)
import-column-language = en or fr: the language of their emails and pages (optional)
import-see-invitations = See who joined
import-preview-title = Check the import
import-summary = What the import will do
import-count-new = { $count ->
    [one] new account
   *[other] new accounts
}
import-count-existing = { $count ->
    [one] existing account to add
   *[other] existing accounts to add
}
import-count-members = { $count ->
    [one] already a member
   *[other] already members
}
import-count-errors = { $count ->
    [one] row with an error
   *[other] rows with errors
}
import-errors-note = skipped; fix them and import those rows again
import-nothing = Nobody in this file can be added: everyone is a member already or their row has an error.
import-upload-again = Upload a file
import-confirm = { $count ->
    [one] Import and invite 1 person
   *[other] Import and invite { $count } people
}
import-confirm-question = { $count ->
    [one] Add this person to the community and email them an invitation?
   *[other] Add these { $count } people to the community and email each an invitation?
}
import-confirm-yes = Import and invite
import-confirm-hint = New accounts get a link to choose a password; existing accounts are told they were added. Links work for 14 days.
import-expired = This upload has expired (after 24 hours) and can no longer be confirmed.
import-not-mine = Another organizer uploaded this file; only they can confirm it.
import-confirmed-line = Imported { $when }: { $accounts } new accounts, { $members } people added.
import-rows-title = { $count ->
    [one] 1 row
   *[other] { $count } rows
}
import-rows-title-short = Rows of the file
import-filter-label = Show rows
import-filter-all = { $count ->
    [one] All (1)
   *[other] All ({ $count })
}
import-filter-new = New accounts ({ $count })
import-filter-existing = Existing accounts ({ $count })
import-filter-members = Already members ({ $count })
import-filter-errors = Errors ({ $count })
import-no-rows = No rows here.
import-col-line = Line
import-col-outcome = What happens
import-outcome-new-account = New account
import-outcome-existing-account = Added
import-outcome-already-member = Already a member
import-outcome-error = Not imported
invitations-title = Invitations
invitations-intro = Who was invited from an imported file, who joined, and who has not yet.
invitations-empty = Nobody has been invited from a file yet.
invitations-summary = Invitations in numbers
invitations-count-invited = { $count ->
    [one] person invited
   *[other] people invited
}
invitations-count-joined = joined
invitations-count-pending = not joined yet
invitations-resend-all = { $count ->
    [one] Send the invitation again
   *[other] Send again to the { $count } who have not joined
}
invitations-resend-question = { $count ->
    [one] Send the invitation again, with a new link?
   *[other] Send the invitation again, with a new link, to the { $count } people who have not joined?
}
invitations-resend-yes = Send again
invitations-resend-hint = Each person gets at most one invitation an hour; the old link stops working.
invitations-filter-label = Show invitations
invitations-filter-all = All ({ $count })
invitations-filter-pending = Not joined ({ $count })
invitations-filter-joined = Joined ({ $count })
invitations-none-here = Nobody here.
invitations-joined-at = Joined { $when }
invitations-sent-at = { $count ->
    [one] Invited { $when }
   *[other] Invited { $when } · sent { $count } times
}
invitations-resend = Send again
invitations-resend-to = Send again to { $name }
invitations-import-more = Import more attendees
invitation-title = Join { $community }
invitation-lead-new = Welcome, { $name }. Choose a password for your peerlearn account and you are in.
invitation-lead-existing = Welcome, { $name }. You were added to this community with your peerlearn account.
invitation-password = Choose a password
invitation-join = Save and join
invitation-open = Open { $community }
invitation-expired-title = This invitation link no longer works
invitation-expired = It was already used, a newer invitation replaced it, or its 14 days are over. Ask the organizer to send it again, or choose a password with “Forgot your password?”.
invitation-forgot = Forgot your password?
notice-import-done = The import is done: invitations are on their way.
notice-invitation-resent = The invitation is on its way again, with a new link.
notice-invitations-resent = { $sent ->
    [one] 1 invitation sent again.
   *[other] { $sent } invitations sent again.
} { $skipped ->
    [0] {""}
    [one] 1 person got one less than an hour ago and was skipped.
   *[other] { $skipped } people got one less than an hour ago and were skipped.
}
notice-invitation-joined = Welcome! You are a member of this community.
mail-invite-subject = You are invited to { $community } on peerlearn
mail-invite-body = The organizers of { $community } created a peerlearn account for you, to meet and learn from other members. Open this link to choose your password and join:
mail-added-subject = You were added to { $community } on peerlearn
mail-added-body = The organizers of { $community } added you to it with your peerlearn account. Open this link to go there:
mail-invite-expiry = The link works once, for { $days } days. If you did not expect this email, you can ignore it.
import-header-email = email
import-header-name = name
import-header-team = team
import-header-tags = tags
import-header-offers = offers
import-header-language = language
import-format-sample =
    email,name,team,tags,language
    ana@example.org,Ana Lima,Platform,Rust; SQL,en
    zoe@example.org,Zoé Martin,Design,UX|Figma,fr
import-language-en = English
import-language-fr = French
