//! Compact per-member and per-topic data read in the candidate-ranking loop, so that most
//! candidates are judged without touching the full records.

/// Hot per-member data for ranking candidates.
#[derive(Debug, Clone, Copy)]
pub struct MemberHot {
    pub wants: u64,
    pub offers: u64,
    /// Language bit set (0: none listed; all ones: ids past 63, never used to reject).
    pub languages: u64,
    /// Availability in the first 64 slots.
    pub avail0: u64,
    pub team: u32,
    pub live: bool,
}

impl Default for MemberHot {
    fn default() -> Self {
        Self {
            wants: 0,
            offers: 0,
            languages: 0,
            avail0: 0,
            team: u32::MAX,
            live: false,
        }
    }
}

/// Bit set of language ids (see [`MemberHot::languages`]).
pub fn language_mask(ids: &[u32]) -> u64 {
    if ids.iter().any(|&l| l >= 64) {
        u64::MAX
    } else {
        ids.iter().fold(0, |bits, &l| bits | 1 << l)
    }
}

/// Hot per-topic data for ranking candidates (host data copied from [`MemberHot`]).
#[derive(Debug, Clone, Copy)]
pub struct TopicHot {
    pub host: u32,
    pub posted_day: u32,
    /// Live and (for offers) with requests left.
    pub open: bool,
    pub own_slots: bool,
    /// The topic's language bit (0: any shared language).
    pub language: u64,
    /// The topic's availability in the first 64 slots.
    pub avail0: u64,
    pub host_data: MemberHot,
}

/// 64-bit fingerprint of a tag set.
pub fn fingerprint(tags: &[u32]) -> u64 {
    tags.iter().fold(0u64, |bits, &t| {
        bits | 1 << (t.wrapping_mul(2_654_435_761) >> 26)
    })
}
