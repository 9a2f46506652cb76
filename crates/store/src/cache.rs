//! What the store's in-process caches ([`crate::lookups`], [`crate::market_cache`]) share:
//! entries that carry their age, a bound on entries per map, and maps behind a lock with a
//! generation that every forgetting bumps, so that an answer read from the database before a
//! write is never kept after it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

/// How long an entry may be served.
pub const TTL: Duration = Duration::from_secs(1);
/// Entries per map before it is emptied (a bound on memory, far above a busy process's needs).
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug)]
pub(crate) struct Entry<T> {
    value: T,
    at: Instant,
}

/// The value of an entry younger than [`TTL`].
pub(crate) fn fresh<T: Clone>(entry: Option<&Entry<T>>) -> Option<T> {
    entry
        .filter(|e| e.at.elapsed() < TTL)
        .map(|e| e.value.clone())
}

/// Keeps `value` under `key`, emptying the map first when it is full.
pub(crate) fn keep<K: std::hash::Hash + Eq, T>(map: &mut HashMap<K, Entry<T>>, key: K, value: T) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(
        key,
        Entry {
            value,
            at: Instant::now(),
        },
    );
}

/// A cache's generation when a database read began: what that read found may be kept only if
/// nothing was forgotten since.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Generation(u64);

/// A cache's maps behind a lock, with the generation [`Generational::forget`] bumps.
#[derive(Default)]
pub(crate) struct Generational<M> {
    maps: RwLock<M>,
    generation: AtomicU64,
}

impl<M: Default> Generational<M> {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, M> {
        self.maps
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, M> {
        self.maps
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Call before reading from the database what will be kept.
    pub(crate) fn generation(&self) -> Generation {
        Generation(self.generation.load(Ordering::Acquire))
    }

    /// The write guard, if nothing was forgotten since `read`.
    pub(crate) fn write_since(&self, read: Generation) -> Option<RwLockWriteGuard<'_, M>> {
        let maps = self.write();
        (self.generation.load(Ordering::Acquire) == read.0).then_some(maps)
    }

    /// Forgets every entry and bumps the generation.
    pub(crate) fn forget(&self) {
        let mut maps = self.write();
        self.generation.fetch_add(1, Ordering::AcqRel);
        *maps = M::default();
    }
}
