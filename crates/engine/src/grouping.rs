//! Grouping: mixer rounds and learning circles.
//!
//! - [`mixer`]: split members into groups of about `k` for several rounds so that no pair meets
//!   twice and groups share as much interest as possible (the social golfer problem). Known
//!   cases use a finite-geometry design ([`design`]); the rest use conflict-minimising local
//!   search ([`search`]). Member labels are then placed on the design to maximise shared
//!   interest ([`interest`]).
//! - [`circles`]: groups of 4–8 around a shared "want to learn" tag, each with a member who
//!   offers that tag as facilitator.
//!
//! Members are referred to by their index in the input slice; ids are carried for convenience.

pub mod circles;
pub mod design;
pub mod interest;
pub mod mixer;
pub mod search;
pub mod sizes;

pub use circles::{Circle, CircleConfig, CircleMember, CirclePlan, form_circles};
pub use mixer::{MixerConfig, MixerMember, MixerPlan, Round, mixer_rounds};
pub use sizes::group_sizes;

/// Normalises a tag for comparison: trimmed and lower-cased.
pub(crate) fn normalise_tag(tag: &str) -> String {
    tag.trim().to_lowercase()
}
