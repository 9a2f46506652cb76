# Recommendations on the community home: why a topic or a person is suggested.
# Names and tags ($host, $tag, $yours, $theirs) are what people typed; $when is a date and time.

# The main reason, one short sentence.
recommendations-line-can-teach = { $host } can teach you { $tag }.
recommendations-line-related = { $host } offers { $theirs }, close to { $yours }, which you want to learn.
recommendations-line-asks = { $host } wants to learn { $tag }, which you can share.
recommendations-line-swap = { $host } can teach you { $tag } and wants to learn { $yours } from you.
recommendations-line-profile = It matches your profile.

# Chips a glance can read.
recommendations-chip-offers = offers { $tag }
recommendations-chip-wants = wants { $tag }
recommendations-chip-profile = matches your profile
recommendations-chip-other-team = other team
recommendations-chip-new-contact = new to you
recommendations-chip-both-free = both free { $when }
recommendations-chip-new = new

# The full explanation behind "Why?", one sentence per reason.
recommendations-why-you-want = You want to learn { $tag }.
recommendations-why-host-offers = { $host } offers it.
recommendations-why-related = You want to learn { $yours }, which goes with { $theirs }.
recommendations-why-profile = It matches the words of your profile.
recommendations-why-host-wants-yours = { $host } wants to learn { $tag }, which you offer.
recommendations-why-you-offer = You can share { $tag }.
recommendations-why-host-asks = { $host } asks for it.
recommendations-why-host-can-teach = { $host } can teach you { $tag }.
recommendations-why-other-team = { $host } is on another team.
recommendations-why-new-contact = You have not met { $host } yet.
recommendations-why-both-free = You are both free { $when }.
recommendations-why-new-topic = It is new.
