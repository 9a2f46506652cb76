# My communities, creating a community, its settings form and invites.
communities-title = My communities
communities-lead = Where you learn from others and share what you know.
communities-create = Create a community
communities-none = You are not in any community yet. Open an invite link someone sent you, join an open community below, or create your own.
communities-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}
communities-open = Open communities
communities-open-lead = Anyone signed in can join these.
communities-join = Join
communities-join-name = Join { $name }

# When a community meets.
communities-schedule-one-day = { $day } · { $from }–{ $to } { $zone }
communities-schedule-days = { $first } – { $last } · { $from }–{ $to } { $zone }
communities-schedule-ongoing = Ongoing · { $from }–{ $to } { $zone }

communities-new-title = Create a community
communities-new-lead = You will be its organizer. You can change all of this later.
communities-new-submit = Create the community

# The community form (new community and the organizer's settings).
communities-form-name = Name
communities-form-description = Description
communities-form-description-hint = What people will learn and share here. Optional.
communities-form-kind = Kind
communities-form-kind-event = An event
communities-form-kind-event-hint = A conference or a workshop, with a first and a last day.
communities-form-kind-ongoing = An ongoing space
communities-form-kind-ongoing-hint = A school, a company or a co-working space, every day.
communities-form-starts-on = First day
communities-form-ends-on = Last day
communities-form-dates-hint = For events only.
communities-form-day-start = Meetings from
communities-form-day-end = Until
communities-form-language = Language
communities-form-language-hint = For members who have not chosen a language and whose browser asks for neither English nor French. Each member can still choose their own.
communities-form-timezone = Time zone
communities-form-timezone-hint = Where the community meets, for example Europe/Lisbon. Hours are in this zone.
communities-form-join-policy = Who can join
communities-form-open = Anyone signed in
communities-form-open-hint = The community is listed for everyone to join.
communities-form-invite = Only people with the invite link
communities-form-invite-hint = You share the link with the people you want.
communities-form-save = Save the settings

# An invite link.
communities-invite-title = Join { $name }
communities-invite-eyebrow = You are invited to join
communities-invite-visitor = Create an account to join, or sign in if you have one. You will come back here.
communities-invite-create-account = Create an account
communities-invite-sign-in = Sign in
communities-invite-already = You are already a member.
communities-invite-go = Go to the community
communities-invite-join = Join { $name }
