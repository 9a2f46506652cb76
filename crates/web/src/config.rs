//! Runtime settings of the web app (the CLI fills them from flags and `PEERLEARN_*` variables).

/// How the web app behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address people use to reach the app, for links in invites (e.g. `https://learn.example.org`).
    pub public_url: String,
    /// Mark cookies `Secure` (serve over HTTPS).
    pub secure_cookies: bool,
    /// How long a browser session lasts, in days.
    pub session_days: i64,
    /// How long an API token lasts, in days (90 by default).
    pub token_days: i64,
    /// Failed sign-ins allowed for one account from one address in a row; one more comes back
    /// each minute. Other addresses (the owner's) are not affected.
    pub login_attempts_per_account: u32,
    /// Sign-in attempts allowed per IP address per minute (refilled steadily).
    pub login_attempts_per_ip: u32,
    /// Sign-ups allowed per IP address in a row; one more comes back every 3 minutes.
    pub signups_per_ip: u32,
    /// Video meetings get a link made of this and a random room name.
    pub video_base_url: String,
    /// The bearer token that opens `GET /metrics`; without one the endpoint does not exist.
    pub metrics_token: Option<Secret>,
    /// How many connections stay open, and for how long a quiet one may stay.
    pub connections: crate::ConnectionLimits,
    /// How webhooks are sent.
    pub webhooks: WebhookSettings,
}

/// How webhook deliveries are sent.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Allow `http` URLs and private, loopback and link-local addresses (tests and
    /// development only: in production a receiver must be public and use HTTPS).
    pub allow_local: bool,
    /// How long connecting (and the TLS handshake) may take.
    pub connect_timeout: std::time::Duration,
    /// How long a whole delivery may take, answer included.
    pub total_timeout: std::time::Duration,
    /// Deliveries sent at once by one server process.
    pub concurrency: usize,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            allow_local: false,
            connect_timeout: std::time::Duration::from_secs(5),
            total_timeout: std::time::Duration::from_secs(10),
            concurrency: 8,
        }
    }
}

/// A value never printed: `Debug` shows `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this secret, compared in time that does not depend on where they
    /// first differ.
    pub fn matches(&self, given: &str) -> bool {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.0.as_bytes()) == Sha256::digest(given.as_bytes())
    }
}

/// Shown as `[redacted]` wherever settings are printed.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("[redacted]")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            session_days: 30,
            token_days: 90,
            login_attempts_per_account: 10,
            login_attempts_per_ip: 60,
            signups_per_ip: 20,
            video_base_url: "https://meet.jit.si/peerlearn-".into(),
            metrics_token: None,
            connections: crate::ConnectionLimits::default(),
            webhooks: WebhookSettings::default(),
        }
    }
}
