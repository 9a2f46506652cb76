//! Scheduling: place many meeting requests into times and spots at once (format `p2p-sched/1`,
//! see `bench/scheduling/FORMAT.md`), maximising the total weight of the scheduled requests.
//!
//! ```text
//! parse_instance(json) ─┐
//!                       ├► Instance ─► solve(&instance, &options, &mut progress) ─► SolveResult
//! InstanceBuilder ──────┘                                            .solution.to_json()
//!                          instance.placements(&result.solution) ─► Vec<Placement> (by index)
//! validate(&instance, &solution) ─► Report   (mirrors bench/scheduling/validate.py)
//! ```
//!
//! # How the solver works, and why
//!
//! 1. **Spot classes.** Spots with the same kind (virtual or not), capacity and opening hours
//!    are interchangeable. Meetings are intervals and interval graphs are perfect, so a
//!    schedule fits a class exactly when no slot has more of its meetings than it has spots;
//!    the solver counts per class and slot and assigns concrete spots only at the end (a sweep
//!    over the slots). This shrinks the search space by the number of spots per class with no
//!    loss.
//! 2. **Greedy construction** (heaviest, then most constrained requests first; smallest
//!    sufficient spot class, least-loaded slots) gives a valid schedule in milliseconds even
//!    for 100,000 requests. From then on a valid schedule exists at every moment.
//! 3. **Improvement by insertion with ejection under simulated annealing.** The binding
//!    resources are spot-slots and people's time, and a request that does not fit is blocked
//!    by a few specific meetings. A move takes an unscheduled request, places it where the
//!    meetings in the way weigh least, ejects them, and immediately tries to re-place each
//!    ejected meeting elsewhere and to fill the freed room with other requests of the same
//!    people: a short ejection chain. Moves that lose weight are kept with a probability that
//!    falls over the run, and rejected moves are undone from a journal. We chose this over
//!    large-neighbourhood search with an exact sub-solver because it needs no MIP/CP solver
//!    (the engine stays a pure crate), each move costs microseconds (O(options × people in
//!    the meeting)), and it scales linearly: the same code handles 50 and 100,000 requests.
//!    Plain local search without ejection stalls because almost every unscheduled request
//!    collides with something. An ejected meeting that fits nowhere free may itself eject
//!    cheaper meetings (a chain of depth 2). Three moves in ten are *ruin and recreate*
//!    instead: clear one spot class over a few slots, or the meetings of the people of one
//!    waiting request, and refill from the cleared and waiting requests in a perturbed weight
//!    order, half the time at a random free start. This rearranges many meetings at once,
//!    which single insertions reach only through long runs of losing moves; it was worth
//!    about 1 % of objective on the 1,000- and 5,000-request instances. One move in ten,
//!    when the schedule is as good as the best, *repacks* instead (see `repack`): it adds a
//!    waiting request by moving the meetings in its way, in a min-conflicts search with a
//!    short tabu memory and a random walk, which now and then takes a meeting in a clash out
//!    instead, as long as what goes out weighs less than what comes in. Near the optimum the
//!    next better schedule often holds the same meetings plus one, or with one swapped for a
//!    heavier one, packed differently, which insertion with ejection reaches only through
//!    losing moves. On nine generated 50-request instances at 1.66 ms (one thread,
//!    interleaved batches) 64–70 % of runs reached the optimum with it against 59–64 %
//!    without, and 77–79 % once it could take meetings out; on 1,000 and 5,000 requests it
//!    was neutral. When the search has made no new best for 80 moves, a *round of
//!    re-seating* (see `rounds` and `reseat`) tries each waiting request that could go in:
//!    the meetings within two hops of its people (at most 40) are freed and placed again
//!    with it by an exact depth-first search, and if none fits, swaps the bound's relaxation
//!    suggests are tried the same way (a request it placed in at least half of its steps
//!    in, alone or with another, for a lighter meeting in its way out). Stuck schedules of
//!    the 50-request instances were a few re-seated meetings, or one such swap, from a
//!    better one; random repacking found those slowly. A round also first places any waiting
//!    request that fits as the schedule stands, in focus or not, and the final schedule is
//!    filled the same way. At 1.66 ms, in fresh processes, nine 50-request instances reached
//!    the optimum within the limit in 762–800 runs of 900 with these against 666–700
//!    without, and in 865–873 once the depth-first search failed a node as soon as some
//!    person's meetings still to place needed more slots than their fitting options cover
//!    (which proves most "cannot go in" in a few hundred tests instead of up to millions).
//!    Rounds take at most 30 % of the time, stop at the search's deadline, and stop for good
//!    on instances whose neighbourhoods are all larger (400 requests and up).
//! 4. **Upper bound by Lagrangian relaxation** of the person, spot-class and `max_meetings`
//!    constraints. Its optimum equals the LP-relaxation bound (the per-request subproblems are
//!    integral), it needs no LP solver, and each step is linear in the number of options. The
//!    multipliers are first optimised with a per-multiplier sign-adaptive step (Rprop on the
//!    dual) rather than a global subgradient step: on 100,000 requests the global step needed
//!    thousands of steps, the adaptive one gets within about 1 % of the LP value in a hundred.
//!    Then accelerated gradient (FISTA) on a smoothed dual, with a per-multiplier scaled step,
//!    closes the rest: the bound meets the LP value on the public instances (400 requests:
//!    748 against LP 748.25; 5,000: 8,084 against 8,079.5) where the first phase alone stalled
//!    0.6 % above it. It proves optimality (the search stops there) or reports the gap.
//!    The multipliers are also *prices*, which the bound shares with the searches (see
//!    `prices`), every few steps from its first phase on: a request whose best option loses
//!    more than 12 % of the mean weight at those prices can rarely pay for its room, and the
//!    searches stop spending insertions on such requests; of two waiting requests drawn for
//!    an insertion, the one with the better reduced weight goes first; and where a meeting
//!    goes when it fits freely is the option cheapest at those prices (congested slots and
//!    classes cost more), where the plain rule is the smallest class and least-loaded slot.
//!    Complementary slackness is the reason: in an optimal LP solution, only options of zero
//!    reduced cost are used. But the LP is highly degenerate (on the 50-request instance
//!    most options cost nothing), so the prices cannot tell most options apart; the bound's
//!    steps can: how often the relaxed choice put a request at each start estimates the LP
//!    solution, and a start is cheaper by half a unit of weight times that share. On the
//!    nine 50-request instances, the optimum's requests are all in the LP solution's
//!    support; the pull took the share of runs reaching it at 1.66 ms from 77–79 % to 84–85 %. Together these brought the time to CP-SAT's objective from
//!    0.5–1.1 s to 0.02 s on the 200-request instance and from 0.24 s to 0.03 s on the
//!    5,000-request one, and the 400-request instance to its optimum (747) within 0.4 s.
//!    With two or more threads the bound runs beside the search; with one, it takes 10 % of
//!    the time first; with time limits under 50 ms, it takes 20 % first (a thread started then
//!    may not get a processor in time, and the searches need the prices more than the time).
//!    Under 10 ms one thread does everything, however many are asked for: starting a thread
//!    costs the caller about 0.1 ms, and on a virtual machine whose other processor is idle
//!    the new thread, or the caller moved aside for it, can wait 1.5–2 ms for a processor.
//!    Alone, it gives the first prices 25 % of the time.
//! 5. **Determinism and threads.** All randomness comes from one seeded generator per search.
//!    With `threads > 1`, independent searches with seeds `seed, seed+1, ...` (the extra ones
//!    from a perturbed greedy start) run in parallel on `std::thread` and the best wins, ties
//!    to the lowest seed. The trajectory of each search is fixed by its seed; with a move
//!    limit (`max_moves`) the schedule is identical run to run (the bound is then computed
//!    before the search, so nothing depends on thread timing), with only a time limit it is
//!    the point the trajectory reached when time ran out. With only a time limit, one thread
//!    computes the bound beside the searches; once the bound has converged (it stops
//!    improving at the smallest smoothing temperature) that thread searches too, from a greedy
//!    start over the requests in focus. On 2 cores this is what lets the 400- and
//!    5,000-request instances use both cores for the search for most of their budget.
//! 6. **Fairness** is a secondary objective: people with at least one request who got no
//!    meeting, the Gini coefficient of meetings per person and the busiest person are always
//!    reported. In lexicographic mode (the default) schedules of equal weight are compared by
//!    how many people are left out, and a final pass tries, for each person left out, a swap
//!    that serves them without losing weight.

mod bound;
mod build;
mod eject;
mod fairness;
mod greedy;
mod model;
mod prices;
mod problem;
mod repack;
mod reseat;
mod rounds;
mod rprop;
mod ruin;
mod search;
mod smooth;
mod solver;
mod spots;
mod state;
#[cfg(test)]
mod testkit;
mod validate;

pub use build::{InstanceBuilder, NewRequest, Placement};
pub use fairness::FairnessReport;
pub use model::{
    Assignment, Fixed, Horizon, INSTANCE_FORMAT, Instance, InstanceError, Interval, Mode, Person,
    Request, SOLUTION_FORMAT, Solution, Spot, Status, check_instance, parse_instance,
};
pub use solver::{Fairness, Phase, Progress, SolveOptions, SolveResult, Stats, solve};
pub use validate::{Report, gini, validate};
