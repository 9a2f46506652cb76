//! Related tags: tags that co-occur across profiles and topics count as partial matches.
//!
//! Similarity of tags `a` and `b` is the cosine of their occurrence vectors over documents
//! (a member's offers and wants together, or a topic's tags): `co(a, b) / √(df(a)·df(b))`.
//! For each tag the strongest `per_tag` partners above `min_similarity` are kept.

/// Related tags per tag id, strongest first.
pub type RelatedTags = Vec<Vec<(u32, f32)>>;

/// Computes related tags from documents given as lists of tag ids (each tag once per document).
pub fn related_tags<'a>(
    tag_count: usize,
    documents: impl Iterator<Item = &'a [u32]> + Clone,
    per_tag: usize,
    min_similarity: f32,
) -> RelatedTags {
    let mut df = vec![0u32; tag_count];
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); tag_count];
    let docs: Vec<&[u32]> = documents.collect();
    for (d, doc) in docs.iter().enumerate() {
        for &t in doc.iter() {
            df[t as usize] += 1;
            postings[t as usize].push(d as u32);
        }
    }
    let mut counts = vec![0u32; tag_count];
    let mut touched: Vec<u32> = Vec::new();
    let mut related = vec![Vec::new(); tag_count];
    for a in 0..tag_count {
        for &d in &postings[a] {
            for &b in docs[d as usize] {
                if b as usize != a {
                    if counts[b as usize] == 0 {
                        touched.push(b);
                    }
                    counts[b as usize] += 1;
                }
            }
        }
        let mut scored: Vec<(u32, f32)> = touched
            .iter()
            .map(|&b| {
                let co = counts[b as usize] as f32;
                (b, co / ((df[a] as f32) * (df[b as usize] as f32)).sqrt())
            })
            .filter(|&(_, s)| s >= min_similarity)
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored.truncate(per_tag);
        related[a] = scored;
        for &b in &touched {
            counts[b as usize] = 0;
        }
        touched.clear();
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn co_occurring_tags_are_related() {
        // 0 and 1 always together; 2 alone; 3 once with 0.
        let docs: Vec<Vec<u32>> = vec![vec![0, 1], vec![0, 1], vec![0, 1, 3], vec![2], vec![3]];
        let related = related_tags(4, docs.iter().map(|d| d.as_slice()), 5, 0.1);
        assert_eq!(related[0][0].0, 1);
        assert!((related[0][0].1 - 1.0).abs() < 1e-6);
        assert!(related[2].is_empty());
        let sim_0_3 = related[0]
            .iter()
            .find(|r| r.0 == 3)
            .map(|r| r.1)
            .unwrap_or(0.0);
        assert!(sim_0_3 > 0.3 && sim_0_3 < 0.5);
    }
}
