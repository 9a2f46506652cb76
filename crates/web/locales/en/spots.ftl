# The organizer's list of spots (tables, rooms, video rooms).
spots-kind-table = Table
spots-kind-room = Room
spots-kind-virtual = Video room
spots-seats = { $count ->
    [one] 1 seat
   *[other] { $count } seats
}
spots-edit = Edit
spots-name = Name
spots-kind = Kind
spots-capacity = Seats
spots-save = Save spot
spots-remove = Remove
spots-remove-confirm = Remove { $name }? Its upcoming meetings move to another free spot of the same kind, and everyone in them is told.
