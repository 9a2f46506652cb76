//! Why a proposal could not be made.

use peerlearn_engine::schedule::InstanceError;
use peerlearn_store::StoreError;

/// A failure of auto-scheduling; the web's `AppError` takes it in one `From`.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// Reading the requests, people, meetings or spots failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The engine refused the instance built for it (a bug).
    #[error("schedule instance: {0}")]
    Instance(#[from] InstanceError),
    /// The engine's task panicked or was cancelled.
    #[error("scheduling task: {0}")]
    Task(#[from] tokio::task::JoinError),
}
