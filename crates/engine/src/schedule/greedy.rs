//! The constructive pass: requests in order of weight (heaviest first), then difficulty
//! (fewest feasible options first), then size; each goes to the free option that uses the
//! first class in its preference order (less pressed kind, then smallest capacity), the
//! least-loaded slots, and the earliest start; or, given the bound's prices, the option
//! cheapest at those prices first.

use super::prices::Prices;
use super::problem::Problem;
use super::state::State;

/// Preference among free options: earlier in the request's class order (see
/// [`Problem::classes_of`]), lower load (per 1024), earlier start.
type OptionKey = (u32, u32, u32);

/// The best option for `r` that needs no other meeting to move, if any: with `prices`, the
/// cheapest at those prices (in 1/1024ths, less the pull of where the LP puts it), then by
/// [`OptionKey`].
pub fn best_free_option(st: &State, r: u32, prices: Option<&Prices>) -> Option<(u32, u32)> {
    let p = st.problem;
    let d = p.reqs[r as usize].dur;
    let mut best: Option<((i64, OptionKey), (u32, u32))> = None;
    let people = st.people_check(r);
    for &t in p.starts(r) {
        let t = t as u32;
        if !people.free(st, r, t) {
            continue;
        }
        // The people's price (less the pull) is the same for every class: computed once, when
        // needed.
        let mut people_cost = None;
        for (rank, &c) in p.classes_of(r).iter().enumerate() {
            let rank = rank as u32;
            if prices.is_none()
                && let Some((k, _)) = best
                && k.1.0 < rank
            {
                break;
            }
            if !p.class_open(c, t, d) {
                continue;
            }
            let size = p.classes[c as usize].size();
            let mut max_load = 0;
            let mut ok = true;
            for x in t..t + d {
                let l = st.class_load(c, x);
                if l >= size {
                    ok = false;
                    break;
                }
                max_load = max_load.max(l * 1024 / size);
            }
            if !ok {
                continue;
            }
            let cost = prices.map_or(0, |pr| {
                let people =
                    *people_cost.get_or_insert_with(|| pr.people(p, r, t) - pr.pull(p, r, t));
                ((people + pr.room(p, r, t, c)) * 1024.0) as i64
            });
            let key = (cost, (rank, max_load, t));
            if best.is_none_or(|(k, _)| key < k) {
                best = Some((key, (t, c)));
            }
        }
    }
    best.map(|b| b.1)
}

/// Number of `(start, class)` options of `r`, ignoring other meetings.
pub fn option_count(p: &Problem, r: u32) -> usize {
    let d = p.reqs[r as usize].dur;
    p.starts(r)
        .iter()
        .map(|&t| {
            p.classes_of(r)
                .iter()
                .filter(|&&c| p.class_open(c, t as u32, d))
                .count()
        })
        .sum()
}

/// The order in which the constructive pass considers requests. `noise` (a per-request value
/// in `[0, 1)`) perturbs the weight so that different seeds build different schedules.
pub fn order(p: &Problem, noise: Option<&[f64]>) -> Vec<u32> {
    let mut keyed: Vec<(f64, usize, usize, u32)> = (0..p.n_reqs() as u32)
        .filter(|&r| p.reqs[r as usize].fixed.is_none() && !p.starts(r).is_empty())
        .map(|r| {
            let w = p.reqs[r as usize].weight as f64;
            let w = match noise {
                Some(n) => w * (1.0 + 0.6 * n[r as usize]),
                None => w,
            };
            (-w, option_count(p, r), usize::MAX - p.members(r).len(), r)
        })
        .collect();
    keyed.sort_by(|a, b| a.partial_cmp(b).unwrap());
    keyed.into_iter().map(|k| k.3).collect()
}

/// Places, in `order`, every request that still fits (where it is cheapest at `prices`, if
/// given).
pub fn fill(st: &mut State, order: &[u32], prices: Option<&Prices>) {
    for &r in order {
        if st.is_scheduled(r) {
            continue;
        }
        if let Some((t, c)) = best_free_option(st, r, prices) {
            st.place(r, t, c);
        }
    }
}

/// A uniformly random free option for `r` (reservoir sampling over starts and classes), if
/// any. `draw(n)` returns a uniform index below `n`.
pub fn random_free_option(
    st: &State,
    r: u32,
    draw: &mut dyn FnMut(usize) -> usize,
) -> Option<(u32, u32)> {
    let p = st.problem;
    let d = p.reqs[r as usize].dur;
    let mut chosen = None;
    let mut seen = 0;
    let people = st.people_check(r);
    for &t in p.starts(r) {
        let t = t as u32;
        if !people.free(st, r, t) {
            continue;
        }
        for &c in p.classes_of(r) {
            if p.class_open(c, t, d) && st.class_free(c, t, d) {
                seen += 1;
                if draw(seen) == 0 {
                    chosen = Some((t, c));
                }
                break;
            }
        }
    }
    chosen
}
