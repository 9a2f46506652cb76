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
    /// How long an API token lasts, in days.
    pub token_days: i64,
    /// Sign-in attempts allowed per account per minute.
    pub login_attempts_per_account: u32,
    /// Sign-in attempts allowed per IP address per minute.
    pub login_attempts_per_ip: u32,
    /// Video meetings get a link made of this and a random room name.
    pub video_base_url: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            session_days: 30,
            token_days: 365,
            login_attempts_per_account: 10,
            login_attempts_per_ip: 60,
            video_base_url: "https://meet.jit.si/peerlearn-".into(),
        }
    }
}
