//! The one shared state of the app. Handlers take only what they need.

use std::sync::Arc;

use peerlearn_store::Store;

use crate::app::live::LiveStreams;
use crate::auth::LoginLimiter;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::mailer::Mailer;
use crate::recommend::Recommendations;

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub(crate) limiter: Arc<LoginLimiter>,
    /// Email delivery; `None` sends no email (the in-app inbox still fills).
    pub mailer: Option<Arc<dyn Mailer>>,
    /// Per-community matching indexes.
    pub recommendations: Recommendations,
    /// The open live-update streams, ended at shutdown.
    pub live: LiveStreams,
    /// Wakes the notification worker when a write may have queued jobs.
    pub(crate) jobs: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self::with_clock(store, config, Arc::new(SystemClock))
    }

    pub fn with_clock(store: Store, config: Config, clock: Arc<dyn Clock>) -> Self {
        let limiter = Arc::new(LoginLimiter::new(&config));
        Self {
            store,
            clock,
            config: Arc::new(config),
            limiter,
            mailer: None,
            recommendations: Recommendations::default(),
            live: LiveStreams::default(),
            jobs: Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// The same state, sending email through `mailer`.
    pub fn with_mailer(mut self, mailer: Arc<dyn Mailer>) -> Self {
        self.mailer = Some(mailer);
        self
    }
}
