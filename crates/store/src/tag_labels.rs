//! How a community writes its tags. Tags are stored and matched by their lower-case key; the
//! first spelling with capitals that anyone typed ("Autodesk AutoCAD", "R") is kept per
//! community and shown to everyone. A key nobody typed with capitals shows as itself.
//!
//! Labels are read on nearly every community page, so each community's are kept in an
//! in-process cache for [`TTL`](crate::cache::TTL), emptied after every committed write that
//! can add a label (a profile saved, a topic posted, a question asked).

use std::collections::HashMap;
use std::sync::Arc;

use peerlearn_domain::{CommunityId, Tag};

use crate::cache::{Entry, Generational, fresh, keep};
use crate::{Store, StoreResult};

/// A community's tag labels by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagLabels(HashMap<String, String>);

impl TagLabels {
    /// The label of the tag with `key`, or the key itself.
    pub fn show<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, String)> for TagLabels {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

#[derive(Default)]
pub(crate) struct LabelCache {
    maps: Generational<HashMap<i64, Entry<Arc<TagLabels>>>>,
}

impl std::fmt::Debug for LabelCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabelCache")
            .field("communities", &self.maps.read().len())
            .finish()
    }
}

impl LabelCache {
    /// Call after committing a write that may have added labels.
    pub(crate) fn forget(&self) {
        self.maps.forget();
    }
}

/// Keeps the spelling of each tag typed with capitals that the community has no label for yet
/// (inside the caller's transaction).
pub(crate) async fn remember<'a>(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: CommunityId,
    tags: impl IntoIterator<Item = &'a Tag>,
) -> StoreResult<()> {
    for tag in tags.into_iter().filter(|t| t.label() != t.as_str()) {
        sqlx::query(
            "INSERT INTO tag_labels (community_id, tag, label) VALUES ($1, $2, $3) \
             ON CONFLICT (community_id, tag) DO NOTHING",
        )
        .bind(community.0)
        .bind(tag.as_str())
        .bind(tag.label())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// How `community` writes its tags.
    pub async fn tag_labels(&self, community: CommunityId) -> StoreResult<Arc<TagLabels>> {
        if let Some(labels) = fresh(self.labels.maps.read().get(&community.0)) {
            return Ok(labels);
        }
        let read = self.labels.maps.generation();
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT tag, label FROM tag_labels WHERE community_id = $1")
                .bind(community.0)
                .fetch_all(self.reader())
                .await?;
        let labels = Arc::new(rows.into_iter().collect::<TagLabels>());
        if let Some(mut maps) = self.labels.maps.write_since(read) {
            keep(&mut maps, community.0, labels.clone());
        }
        Ok(labels)
    }
}
