# The lounge board: a large screen at the venue.
board-title = Lounge board
board-time = Time:
board-conversations = { $count ->
    [one] conversation today
   *[other] conversations today
}
board-bridges = { $count ->
    [one] bridge between teams
   *[other] bridges between teams
}
board-spots-title = At the tables
board-spots-empty = No meetings right now.
board-now = Now
board-next = Next
board-groups-title = Join a group
board-groups-empty = No group with free seats in the next hour.
board-seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}
board-scan = Scan to take a seat
board-qr-label = QR code to take a seat in { $title }
board-free-title = Free now
board-free-empty = Nobody has said they are free right now.
board-back = Back to the community
board-back-to-board = Back to the board
board-link-title = Display link
board-link-since = A display link made { $when } shows this board without signing in.
board-link-none = Make a link that shows this board on a screen without signing in.
board-link-create = Make a display link
board-link-rotate = Replace the link
board-link-confirm = Replace the display link? Screens showing the old link stop updating.
board-link-made = Open this link on the screen at the venue. Anyone with it sees the board.
board-link-label = The board's display link
board-link-once = Copy it now: it is shown only once. Replacing it makes the old one stop working.
board-link-open = Open the board
