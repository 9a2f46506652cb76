//! peerlearn's algorithms. Plain structs in, plain structs out: no I/O, no async.
//!
//! - [`schedule`]: place many meeting requests into times and spots (format `p2p-sched/1`).
//! - [`matching`]: recommendations (who and what to meet, with reasons) and global pairing.
//! - [`grouping`]: circles and mixer rounds.

pub mod grouping;
pub mod matching;
pub mod schedule;
