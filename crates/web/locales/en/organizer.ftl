# The organizer's settings: the community, its spots, its invite link and members' roles.
organizer-settings-title = Settings
organizer-settings-intro = How your community runs: its dates and hours, where people meet, who can join and who helps organize.
organizer-community-title = The community

organizer-spots-title = Spots
organizer-spots-intro = Where meetings happen: tables and rooms on site, video rooms for remote meetings.
organizer-spots-count = { $count ->
    [one] 1 place to meet
   *[other] { $count } places to meet
}
organizer-spots-empty = No spots yet. Add the tables and rooms people meet at, and video rooms for remote meetings.
organizer-spots-codes = Check-in codes
organizer-spot-add-title = Add a spot
organizer-spot-name-placeholder = Lounge table 1
organizer-spot-add = Add spot

organizer-invite-title = Invite people
organizer-invite-only = Share this link: only people who have it can join.
organizer-invite-open = Share this link. Anyone signed in can also join from the list of open communities.
organizer-invite-label = Invite link
organizer-invite-new = Make a new link
organizer-invite-new-confirm = Make a new invite link? The current link stops working at once.

organizer-members-title = Members and roles
organizer-members-intro = Organizers change the settings and everyone's roles; moderators hide reported content.
organizer-members-find = Find a member
organizer-members-search = Search members
organizer-members-none = Nobody matches “{ $q }”.
organizer-members-all = Show everyone
organizer-members-next = Next members
organizer-no-team = No team
organizer-role-label = Role of { $name }
organizer-role-change = Change
organizer-role-change-yes = Change the role
organizer-role-confirm = Change the role of { $name }? Organizers can change the settings and everyone's roles; moderators can hide content.
organizer-role-organizer = Organizer
organizer-role-moderator = Moderator
organizer-role-member = Member
