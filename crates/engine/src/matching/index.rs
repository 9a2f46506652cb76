//! The matching index: interned members and topics with inverted postings, updated
//! incrementally (a new topic is recommendable as soon as it is added).

use std::collections::HashMap;

use super::model::{Horizon, MatchConfig, Member, Topic, TopicFormat, TopicKind};
use super::related::{RelatedTags, related_tags};
use super::slots::{SlotSets, day_starts, first_shared_run, first_shared_run_in};
use super::text::{Analyzer, normalise_tag};

pub use super::hot::{CounterBits, MemberHot, TopicHot, fingerprint, language_mask};
pub use super::interner::Interner;

/// A member as stored in the index. Placeholders (referenced before being added) are not live.
#[derive(Debug, Clone, Default)]
pub struct MemberRec {
    pub id: String,
    pub name: String,
    pub live: bool,
    pub team: u32,
    pub languages: Vec<u32>,
    pub offers: Vec<u32>,
    pub wants: Vec<u32>,
    /// Stemmed profile terms with counts.
    pub profile_terms: Vec<(u32, u16)>,
    pub met: Vec<u32>,
    pub dismissed_topics: Vec<String>,
    pub dismissed_hosts: Vec<u32>,
}

/// A topic as stored in the index.
#[derive(Debug, Clone)]
pub struct TopicRec {
    pub id: String,
    pub host: u32,
    pub kind: TopicKind,
    pub live: bool,
    pub tags: Vec<u32>,
    pub title: String,
    pub format: TopicFormat,
    pub language: Option<u32>,
    pub requests_left: u32,
    /// Whether the topic has its own availability row in `topic_slots`.
    pub own_slots: bool,
    pub posted_day: u32,
    pub doc_len: u32,
}

/// One text posting: topic, term frequency, topic length (saturated at `u16::MAX`).
#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub topic: u32,
    pub tf: u16,
    pub len: u16,
}

/// Postings of the topics of one kind.
#[derive(Debug, Default, Clone)]
pub struct KindPostings {
    pub tag_topics: Vec<Vec<u32>>,
    /// term → (topic, term count, topic length).
    pub term_topics: Vec<Vec<Posting>>,
    pub total_len: u64,
    pub live: u32,
}

impl KindPostings {
    pub fn avg_len(&self) -> f32 {
        if self.live == 0 {
            1.0
        } else {
            (self.total_len as f32 / self.live as f32).max(1.0)
        }
    }
}

fn push_to(lists: &mut Vec<Vec<u32>>, key: u32, value: u32) {
    if lists.len() <= key as usize {
        lists.resize(key as usize + 1, Vec::new());
    }
    lists[key as usize].push(value);
}

fn sorted_unique(mut ids: Vec<u32>) -> Vec<u32> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The index the recommender queries.
pub struct Index {
    pub horizon: Horizon,
    /// Day index of "today", for freshness.
    pub today: u32,
    pub(crate) analyzer: Analyzer,
    pub tags: Interner,
    /// Display spelling of each tag (as first seen).
    pub(crate) tag_labels: Vec<String>,
    pub(crate) terms: Interner,
    pub(crate) teams: Interner,
    pub(crate) languages: Interner,
    pub(crate) member_ids: Interner,
    pub(crate) members: Vec<MemberRec>,
    pub(crate) member_slots: SlotSets,
    pub(crate) topic_ids: HashMap<String, u32>,
    pub(crate) topics: Vec<TopicRec>,
    /// Per topic, compact for the hot loop: host data and posting day.
    pub(crate) topic_hot: Vec<TopicHot>,
    /// The topics by the bits of their [`TopicHot::counter`] fingerprints.
    pub(crate) counter_bits: CounterBits,
    /// Per member, compact for the hot loop: team and 64-bit fingerprints of wanted and
    /// offered tags (a set bit may be a false positive, never a false negative).
    pub(crate) member_hot: Vec<MemberHot>,
    /// Stemmed term ids of each tag's words.
    pub(crate) tag_terms: Vec<Vec<u32>>,
    pub(crate) topic_slots: SlotSets,
    /// First slots of days, for bit-parallel meeting-length checks (`None`: days out of order).
    pub(crate) day_starts: Option<Vec<u64>>,
    /// Offer topics at 0, ask topics at 1.
    pub(crate) postings: [KindPostings; 2],
    pub(crate) offer_members: Vec<Vec<u32>>,
    pub(crate) want_members: Vec<Vec<u32>>,
    pub(crate) host_topics: Vec<Vec<u32>>,
    pub(crate) related: RelatedTags,
}

pub(crate) fn kind_slot(kind: TopicKind) -> usize {
    match kind {
        TopicKind::Offer => 0,
        TopicKind::Ask => 1,
    }
}

impl Index {
    pub fn new(horizon: Horizon, today: u32) -> Self {
        let slots = horizon.num_slots();
        let starts = day_starts(&horizon);
        Self {
            horizon,
            today,
            analyzer: Analyzer::default(),
            tags: Interner::default(),
            tag_labels: Vec::new(),
            terms: Interner::default(),
            teams: Interner::default(),
            languages: Interner::default(),
            member_ids: Interner::default(),
            members: Vec::new(),
            member_slots: SlotSets::new(slots),
            topic_ids: HashMap::new(),
            topics: Vec::new(),
            topic_hot: Vec::new(),
            counter_bits: CounterBits::default(),
            member_hot: Vec::new(),
            tag_terms: Vec::new(),
            topic_slots: SlotSets::new(slots),
            day_starts: starts,
            postings: [KindPostings::default(), KindPostings::default()],
            offer_members: Vec::new(),
            want_members: Vec::new(),
            host_topics: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Builds an index with related tags computed from all profiles and topics.
    pub fn build(
        horizon: Horizon,
        today: u32,
        members: &[Member],
        topics: &[Topic],
        config: &MatchConfig,
    ) -> Self {
        let mut index = Self::new(horizon, today);
        for member in members {
            index.upsert_member(member);
        }
        // Topics that share tags get neighbouring indices: a query walks a tag's postings
        // through nearby accumulators and topic records instead of all over memory.
        // Each topic is filed under its most common tag first (the longest postings, walked
        // most often), then its next most common, and so on.
        let mut df: HashMap<String, u32> = HashMap::new();
        let normalised: Vec<Vec<String>> = topics
            .iter()
            .map(|t| t.tags.iter().map(|tag| normalise_tag(tag)).collect())
            .collect();
        for tags in &normalised {
            for tag in tags {
                *df.entry(tag.clone()).or_default() += 1;
            }
        }
        let mut order: Vec<usize> = (0..topics.len()).collect();
        order.sort_by_cached_key(|&i| {
            let mut tags: Vec<(std::cmp::Reverse<u32>, &str)> = normalised[i]
                .iter()
                .map(|tag| (std::cmp::Reverse(df[tag]), tag.as_str()))
                .collect();
            tags.sort_unstable();
            (kind_slot(topics[i].kind), tags)
        });
        let order = order.into_iter().map(|i| &topics[i]);
        for topic in order {
            index.upsert_topic(topic);
        }
        index.rebuild_related(config);
        index
    }

    /// Dense id of a member id, creating a placeholder when unknown.
    pub(crate) fn member_slot(&mut self, id: &str) -> u32 {
        let slot = self.member_ids.intern(id);
        if self.members.len() <= slot as usize {
            self.members.resize(slot as usize + 1, MemberRec::default());
            self.members[slot as usize].id = id.to_string();
            self.host_topics.resize(slot as usize + 1, Vec::new());
            self.member_hot
                .resize(slot as usize + 1, MemberHot::default());
        }
        slot
    }

    pub fn member_index(&self, id: &str) -> Option<u32> {
        self.member_ids
            .get(id)
            .filter(|&m| self.members[m as usize].live)
    }

    pub fn member(&self, index: u32) -> &MemberRec {
        &self.members[index as usize]
    }

    pub fn topic(&self, index: u32) -> &TopicRec {
        &self.topics[index as usize]
    }

    pub fn member_count(&self) -> usize {
        self.members.iter().filter(|m| m.live).count()
    }

    pub fn topic_count(&self) -> usize {
        self.topics.iter().filter(|t| t.live).count()
    }

    fn tag_ids(&mut self, tags: &[String]) -> Vec<u32> {
        let mut ids = Vec::with_capacity(tags.len());
        for tag in tags {
            let normal = normalise_tag(tag);
            if normal.is_empty() {
                continue;
            }
            let id = self.tags.intern(&normal);
            if self.tag_labels.len() <= id as usize {
                self.tag_labels
                    .push(tag.split_whitespace().collect::<Vec<_>>().join(" "));
                let terms = self
                    .analyzer
                    .terms(&normal)
                    .iter()
                    .map(|t| self.terms.intern(t))
                    .collect();
                self.tag_terms.push(terms);
            }
            ids.push(id);
        }
        sorted_unique(ids)
    }

    /// Display spelling of a tag.
    pub fn tag_label(&self, tag: u32) -> &str {
        &self.tag_labels[tag as usize]
    }

    fn term_counts(&mut self, text: &str) -> Vec<(u32, u16)> {
        let mut ids: Vec<u32> = self
            .analyzer
            .terms(text)
            .iter()
            .map(|t| self.terms.intern(t))
            .collect();
        ids.sort_unstable();
        let mut counts: Vec<(u32, u16)> = Vec::new();
        for id in ids {
            match counts.last_mut() {
                Some((last, c)) if *last == id => *c = c.saturating_add(1),
                _ => counts.push((id, 1)),
            }
        }
        counts
    }

    /// Adds or replaces a member.
    pub fn upsert_member(&mut self, member: &Member) {
        let slot = self.member_slot(&member.id);
        let old = std::mem::take(&mut self.members[slot as usize]);
        for &t in &old.offers {
            self.offer_members[t as usize].retain(|&m| m != slot);
        }
        for &t in &old.wants {
            self.want_members[t as usize].retain(|&m| m != slot);
        }
        let offers = self.tag_ids(&member.offers);
        let wants = self.tag_ids(&member.wants);
        for &t in &offers {
            push_to(&mut self.offer_members, t, slot);
        }
        for &t in &wants {
            push_to(&mut self.want_members, t, slot);
        }
        let team = self.teams.intern(&member.team);
        let languages = sorted_unique(
            member
                .languages
                .iter()
                .map(|l| self.languages.intern(&normalise_tag(l)))
                .collect(),
        );
        let met = sorted_unique(member.met.iter().map(|m| self.member_slot(m)).collect());
        let dismissed_hosts = sorted_unique(
            member
                .dismissed_hosts
                .iter()
                .map(|m| self.member_slot(m))
                .collect(),
        );
        let profile_terms = self.term_counts(&member.profile);
        let mut dismissed_topics = member.dismissed_topics.clone();
        dismissed_topics.sort();
        self.member_slots
            .set(slot as usize, &member.availability, &self.horizon);
        let hot = MemberHot {
            wants: fingerprint(&wants),
            offers: fingerprint(&offers),
            languages: language_mask(&languages),
            avail0: self.member_slots.row(slot as usize)[0],
            team,
            live: true,
        };
        self.member_hot[slot as usize] = hot;
        for i in 0..self.host_topics[slot as usize].len() {
            let t = self.host_topics[slot as usize][i];
            let offer = self.topics[t as usize].kind == TopicKind::Offer;
            let old = self.topic_hot[t as usize].counter;
            self.topic_hot[t as usize].follow_host(&hot, offer);
            self.counter_bits
                .file(t, old, self.topic_hot[t as usize].counter);
        }
        self.members[slot as usize] = MemberRec {
            id: member.id.clone(),
            name: member.name.clone(),
            live: true,
            team,
            languages,
            offers,
            wants,
            profile_terms,
            met,
            dismissed_topics,
            dismissed_hosts,
        };
    }

    /// Adds or replaces a topic; it is recommendable at once.
    pub fn upsert_topic(&mut self, topic: &Topic) {
        self.remove_topic(&topic.id);
        let index = self.topics.len() as u32;
        let host = self.member_slot(&topic.host);
        let tags = self.tag_ids(&topic.tags);
        let tag_text: Vec<&str> = topic.tags.iter().map(String::as_str).collect();
        let text = format!(
            "{} {} {}",
            topic.title,
            topic.description,
            tag_text.join(" ")
        );
        let terms = self.term_counts(&text);
        let doc_len: u32 = terms.iter().map(|&(_, c)| u32::from(c)).sum();
        let kind = kind_slot(topic.kind);
        let postings = &mut self.postings[kind];
        for &t in &tags {
            push_to(&mut postings.tag_topics, t, index);
        }
        for &(term, count) in &terms {
            if postings.term_topics.len() <= term as usize {
                postings.term_topics.resize(term as usize + 1, Vec::new());
            }
            postings.term_topics[term as usize].push(Posting {
                topic: index,
                tf: count,
                len: u16::try_from(doc_len).unwrap_or(u16::MAX),
            });
        }
        postings.total_len += u64::from(doc_len);
        postings.live += 1;
        let own_slots = match &topic.availability {
            Some(ranges) => {
                self.topic_slots.set(index as usize, ranges, &self.horizon);
                true
            }
            None => false,
        };
        let language = topic
            .language
            .as_ref()
            .map(|l| self.languages.intern(&normalise_tag(l)));
        self.host_topics[host as usize].push(index);
        self.topic_ids.insert(topic.id.clone(), index);
        let mut hot = TopicHot {
            avail0: if own_slots {
                self.topic_slots.row(index as usize)[0]
            } else {
                0
            },
            languages: language.map_or(0, |l| language_mask(&[l])),
            counter: 0,
            host,
            team: 0,
            posted_day: topic.posted_day,
            open: topic.kind == TopicKind::Ask || topic.requests_left > 0,
            host_live: false,
            own_slots,
            own_language: language.is_some(),
        };
        hot.follow_host(
            &self.member_hot[host as usize],
            topic.kind == TopicKind::Offer,
        );
        self.topic_hot.push(hot);
        self.counter_bits.file(index, 0, hot.counter);
        self.topics.push(TopicRec {
            id: topic.id.clone(),
            host,
            kind: topic.kind,
            live: true,
            tags,
            title: topic.title.clone(),
            format: topic.format,
            language,
            requests_left: topic.requests_left,
            own_slots,
            posted_day: topic.posted_day,
            doc_len,
        });
    }

    /// Removes a topic (postings are filtered lazily). Returns whether it existed.
    pub fn remove_topic(&mut self, id: &str) -> bool {
        let Some(index) = self.topic_ids.remove(id) else {
            return false;
        };
        self.topic_hot[index as usize].open = false;
        let topic = &mut self.topics[index as usize];
        topic.live = false;
        let postings = &mut self.postings[kind_slot(topic.kind)];
        postings.total_len -= u64::from(topic.doc_len);
        postings.live -= 1;
        let host = topic.host as usize;
        self.host_topics[host].retain(|&t| t != index);
        true
    }

    /// Updates the free capacity of a topic's host without re-indexing it.
    pub fn set_requests_left(&mut self, topic_id: &str, requests_left: u32) {
        if let Some(&index) = self.topic_ids.get(topic_id) {
            let topic = &mut self.topics[index as usize];
            topic.requests_left = requests_left;
            self.topic_hot[index as usize].open =
                topic.live && (topic.kind == TopicKind::Ask || requests_left > 0);
        }
    }

    /// Recomputes related tags from all live profiles and topics.
    pub fn rebuild_related(&mut self, config: &MatchConfig) {
        let mut documents: Vec<Vec<u32>> = Vec::with_capacity(self.members.len());
        for member in self.members.iter().filter(|m| m.live) {
            let mut doc: Vec<u32> = member.offers.iter().chain(&member.wants).copied().collect();
            doc.sort_unstable();
            doc.dedup();
            documents.push(doc);
        }
        for topic in self.topics.iter().filter(|t| t.live) {
            documents.push(topic.tags.clone());
        }
        self.related = related_tags(
            self.tags.len(),
            documents.iter().map(Vec::as_slice),
            config.related_per_tag,
            config.related_min_similarity,
        );
    }

    /// Related tags of a tag (empty for tags newer than the last rebuild).
    pub fn related_of(&self, tag: u32) -> &[(u32, f32)] {
        self.related.get(tag as usize).map_or(&[], Vec::as_slice)
    }

    /// Availability row of a topic (its own, else its host's).
    pub(crate) fn topic_row(&self, topic: u32) -> &[u64] {
        let rec = &self.topics[topic as usize];
        if rec.own_slots {
            self.topic_slots.row(topic as usize)
        } else {
            self.member_slots.row(rec.host as usize)
        }
    }

    /// First slot where `a` and `b` are both free for `need` consecutive slots within one day.
    pub(crate) fn shared_run(&self, a: &[u64], b: &[u64], need: u32) -> Option<u32> {
        match &self.day_starts {
            Some(starts) => first_shared_run_in(a, b, need, starts),
            None => first_shared_run(a, b, need, &self.horizon),
        }
    }

    /// The host's free capacity: the most requests left on any of their live offer topics.
    pub fn host_capacity(&self, host: u32) -> u32 {
        self.host_topics
            .get(host as usize)
            .map(|topics| {
                topics
                    .iter()
                    .map(|&t| &self.topics[t as usize])
                    .filter(|t| t.kind == TopicKind::Offer)
                    .map(|t| t.requests_left)
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0)
    }
}
