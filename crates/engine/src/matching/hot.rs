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

/// Hot per-topic data for ranking candidates, 40 bytes: what the ranking loop reads for each
/// of the thousands of topics a popular interest touches, so that it stays in cache.
#[derive(Debug, Clone, Copy)]
pub struct TopicHot {
    /// The topic's availability (its own, else its host's) in the first 64 slots.
    pub avail0: u64,
    /// Languages a guest must share one of: the topic's language bit when it has one, else the
    /// host's languages (0: no constraint).
    pub languages: u64,
    /// Fingerprint of the host's tags on the reciprocal side: what they want (offers) or offer
    /// (asks).
    pub counter: u64,
    pub host: u32,
    /// The host's team.
    pub team: u32,
    pub posted_day: u32,
    /// Live and (for offers) with requests left.
    pub open: bool,
    pub host_live: bool,
    pub own_slots: bool,
    /// The topic has its own language (else `languages` follows the host).
    pub own_language: bool,
}

impl TopicHot {
    /// Copies what the topic takes from its host.
    pub fn follow_host(&mut self, host: &MemberHot, offer: bool) {
        self.counter = if offer { host.wants } else { host.offers };
        self.team = host.team;
        self.host_live = host.live;
        if !self.own_language {
            self.languages = host.languages;
        }
        if !self.own_slots {
            self.avail0 = host.avail0;
        }
    }
}

/// 64-bit fingerprint of a tag set.
pub fn fingerprint(tags: &[u32]) -> u64 {
    tags.iter().fold(0u64, |bits, &t| {
        bits | 1 << (t.wrapping_mul(2_654_435_761) >> 26)
    })
}
