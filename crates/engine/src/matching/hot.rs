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

/// The topics filed by the bits of their [`TopicHot::counter`] fingerprints, 64 topics at a
/// time: entry `64·w + b` has bit `i` set when topic `64·w + i` has bit `b` in its fingerprint.
/// A query reads the few entries of its member's bits for each block of topics it touches,
/// instead of each topic's fingerprint.
#[derive(Debug, Clone, Default)]
pub struct CounterBits {
    entries: Vec<u64>,
}

impl CounterBits {
    /// Moves topic `t` from the bits of fingerprint `old` to those of `new`.
    pub fn file(&mut self, t: u32, old: u64, new: u64) {
        let base = t as usize / 64 * 64;
        if self.entries.len() < base + 64 {
            self.entries.resize(base + 64, 0);
        }
        let topic = 1u64 << (t % 64);
        for (b, entry) in self.entries[base..base + 64].iter_mut().enumerate() {
            if old >> b & 1 == 1 {
                *entry &= !topic;
            }
            if new >> b & 1 == 1 {
                *entry |= topic;
            }
        }
    }

    /// The topics of block `w` (topics `64·w` to `64·w + 63`, as bits) whose fingerprint
    /// meets `bits`.
    pub fn meets(&self, w: usize, bits: u64) -> u64 {
        let Some(block) = self.entries.get(w * 64..w * 64 + 64) else {
            return 0;
        };
        let mut rest = bits;
        let mut topics = 0;
        while rest != 0 {
            topics |= block[rest.trailing_zeros() as usize];
            rest &= rest - 1;
        }
        topics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_bits_follow_refiled_fingerprints() {
        let mut bits = CounterBits::default();
        bits.file(3, 0, 0b1010);
        bits.file(70, 0, 0b0110);
        assert_eq!(bits.meets(0, 0b0010), 1 << 3);
        assert_eq!(bits.meets(1, 0b0100), 1 << (70 - 64));
        assert_eq!(bits.meets(0, 0b0100), 0);
        bits.file(3, 0b1010, 0b0100);
        assert_eq!(bits.meets(0, 0b1010), 0);
        assert_eq!(bits.meets(0, 0b0100), 1 << 3);
        assert_eq!(bits.meets(5, u64::MAX), 0);
    }
}
