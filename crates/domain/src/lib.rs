//! peerlearn's domain types.
