//! How many groups, and of which sizes, when the member count is not a multiple of `k`.

/// Group sizes for `n` members and a target size `k`.
///
/// Picks the number of groups (`⌊n/k⌋` or `⌈n/k⌉`) whose sizes stay closest to `k`, preferring
/// slightly larger groups over slightly smaller ones on a tie; sizes differ by at most one and
/// are listed largest first. With `n < k` everybody is in one group. `k == 0` is treated as 1.
pub fn group_sizes(n: usize, k: usize) -> Vec<usize> {
    let k = k.max(1);
    if n == 0 {
        return Vec::new();
    }
    let floor = (n / k).max(1);
    let ceil = n.div_ceil(k);
    let deviation = |groups: usize| {
        let small = n / groups;
        let large = n.div_ceil(groups);
        small.abs_diff(k).max(large.abs_diff(k))
    };
    let groups = if deviation(ceil) < deviation(floor) {
        ceil
    } else {
        floor
    };
    let base = n / groups;
    let extra = n % groups;
    (0..groups)
        .map(|g| if g < extra { base + 1 } else { base })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisible_counts_give_equal_groups() {
        assert_eq!(group_sizes(32, 4), vec![4; 8]);
        assert_eq!(group_sizes(9, 3), vec![3; 3]);
    }

    #[test]
    fn remainders_are_spread_one_per_group() {
        assert_eq!(group_sizes(34, 4), vec![5, 5, 4, 4, 4, 4, 4, 4]);
        // 35 = 9 groups (4×8 + 3) is closer to 4 than 8 groups with three of 5: tie → larger.
        let sizes = group_sizes(35, 4);
        assert_eq!(sizes.iter().sum::<usize>(), 35);
        assert!(sizes.iter().all(|&s| (3..=5).contains(&s)));
    }

    #[test]
    fn small_counts_form_one_group() {
        assert_eq!(group_sizes(3, 4), vec![3]);
        assert_eq!(group_sizes(0, 4), Vec::<usize>::new());
        assert_eq!(group_sizes(5, 4), vec![5]);
    }
}
