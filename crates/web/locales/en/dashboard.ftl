# The organizer's dashboard: key figures, meetings per day, demand and supply gap, CSV exports.
dashboard-title = Dashboard
dashboard-period = { $from } to { $to }
dashboard-period-change = Change the period
dashboard-from = From
dashboard-to = To
dashboard-show = Show
dashboard-period-invalid = { $reason } — showing the last 30 days instead.
dashboard-percent = { $value }%
dashboard-figures = Key figures
dashboard-stat-members = { $count ->
    [one] member
   *[other] members
}
dashboard-stat-new-members = { $count ->
    [0] nobody new in this period
    [one] 1 new in this period
   *[other] { $count } new in this period
}
dashboard-stat-meetings = { $count ->
    [one] meeting held
   *[other] meetings held
}
dashboard-stat-requests = { $count ->
    [one] request to meet
   *[other] requests to meet
}
dashboard-stat-accepted = { $share } accepted
dashboard-stat-offers = { $count ->
    [one] offer posted
   *[other] offers posted
}
dashboard-stat-asks = { $count ->
    [one] ask posted
   *[other] asks posted
}
dashboard-stat-notes = { $count ->
    [one] note shared
   *[other] notes shared
}
dashboard-stat-rating = average rating, out of 5
dashboard-stat-no-shows = no-shows
dashboard-stat-no-shows-note = of places in meetings with check-in
dashboard-stat-bridges = of meetings bring teams together
dashboard-stat-ties = new cross-team ties per 100 meetings
dashboard-chart = Meetings held per day
dashboard-chart-summary = { $count ->
    [one] 1 meeting in the period
   *[other] { $count } meetings in the period
}, at most { $peak } in a day.
dashboard-bar = { $day }: { $count ->
    [one] 1 meeting
   *[other] { $count } meetings
}
dashboard-demand = Most wanted
dashboard-demand-intro = What members want to learn, and who can share it.
dashboard-demand-empty = Nobody has said what they want to learn yet.
dashboard-demand-table = Most wanted, by tag
dashboard-col-tag = Tag
dashboard-col-want = Want it
dashboard-col-share = Can share
dashboard-col-asks = Open asks
dashboard-col-waiting = Waiting requests
dashboard-nobody = nobody
dashboard-gap = Supply gap
dashboard-gap-intro = Wanted, and offered by nobody: people to find or invite.
dashboard-gap-empty = Everything people want, someone offers.
dashboard-gap-wanted = { $count ->
    [one] 1 wants it
   *[other] { $count } want it
}
dashboard-exports = Download the data
dashboard-exports-intro = CSV files, for a spreadsheet.
dashboard-csv-summary = Key figures (CSV)
dashboard-csv-per-day = Meetings per day (CSV)
dashboard-csv-demand = Most wanted (CSV)
dashboard-csv-gap = Supply gap (CSV)
dashboard-codes = Check-in codes
dashboard-codes-intro = Print a QR code for each table and room.
dashboard-stat-free-now = { $count ->
    [one] member free now (meet now)
   *[other] members free now (meet now)
}
dashboard-stat-now-booked = { $count ->
    [one] meet-now meeting booked
   *[other] meet-now meetings booked
}
dashboard-stat-now-proposed = { $count ->
    [one] out of one pairing proposed
   *[other] out of { $count } pairings proposed
}
dashboard-stat-repairs-booked = { $count ->
    [one] re-pairing accepted (partner absent)
   *[other] re-pairings accepted (partner absent)
}
dashboard-stat-repairs-offered = { $count ->
    [one] out of one offered
   *[other] out of { $count } offered
}
dashboard-stat-seats-taken = { $count ->
    [one] free group seat taken when offered
   *[other] free group seats taken when offered
}
dashboard-stat-seats-offered = { $count ->
    [one] out of one offered
   *[other] out of { $count } offered
}
