//! One `Settings` type for the server, layered: defaults, then an optional TOML file
//! (`--config`), then `PEERLEARN_*` environment variables, then flags. `peerlearn config`
//! prints the result with every secret redacted, and no `Debug` of the settings shows one.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use peerlearn_web::{Config, ConnectionLimits, Secret};
use serde::{Deserialize, Serialize};

/// Everything a server is run with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address and port to listen on.
    pub bind: SocketAddr,
    /// The address people use (for links); `http://BIND` when unset.
    pub public_url: Option<String>,
    /// `sqlite://FILE` or `postgres://user@host/db`.
    pub database_url: SecretUrl,
    /// Largest number of database connections.
    pub db_max_connections: u32,
    /// Mark cookies `Secure` (serving over HTTPS).
    pub secure_cookies: bool,
    /// Send email through this SMTP server; without it, notifications go to the inbox only.
    pub smtp_url: Option<SecretUrl>,
    /// The sender of emails.
    pub mail_from: String,
    /// Video meetings get a link made of this and a random room name.
    pub video_base_url: String,
    /// The bearer token that opens `GET /metrics`; without it the endpoint does not exist.
    pub metrics_token: Option<Secret>,
    /// Connections open at once; beyond it a new one is answered 503 and closed.
    pub max_connections: usize,
    /// Seconds a new connection may stay silent before it is closed.
    pub header_timeout_secs: u64,
    /// Seconds a connection may take to send a request head (idle between keep-alive
    /// requests, or sending slowly) before it is closed.
    pub idle_timeout_secs: u64,
    /// Let webhooks go to `http` URLs and private or local addresses (tests and development
    /// only).
    pub allow_local_webhooks: bool,
}

impl Default for Settings {
    fn default() -> Self {
        let web = Config::default();
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            database_url: SecretUrl("sqlite://peerlearn.db".into()),
            db_max_connections: 16,
            secure_cookies: false,
            smtp_url: None,
            mail_from: "peerlearn <noreply@localhost>".into(),
            video_base_url: web.video_base_url,
            metrics_token: None,
            max_connections: web.connections.max_connections,
            header_timeout_secs: web.connections.header_timeout.as_secs(),
            idle_timeout_secs: web.connections.idle_timeout.as_secs(),
            allow_local_webhooks: web.webhooks.allow_local,
        }
    }
}

/// A URL that may carry a password: printed, shown and logged with the password replaced.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL itself, for the one place that connects with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&peerlearn_store::redact(&self.0))
    }
}

impl std::fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&peerlearn_store::redact(&self.0))
    }
}

impl Serialize for SecretUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&peerlearn_store::redact(&self.0))
    }
}

/// Where the data lives, and the settings file.
#[derive(Debug, Args, Clone, Default)]
pub struct DatabaseArgs {
    /// A TOML file of settings (the names of `peerlearn config`'s output); the environment and
    /// flags override it.
    #[arg(long = "config", env = "PEERLEARN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Database URL: `sqlite://FILE` (created if missing) or `postgres://user@host/db`
    /// [default: sqlite://peerlearn.db].
    #[arg(long = "database-url", env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Largest number of database connections [default: 16].
    #[arg(long, env = "PEERLEARN_DB_MAX_CONNECTIONS")]
    pub db_max_connections: Option<u32>,
}

/// The server's flags; each also reads its `PEERLEARN_*` variable.
#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "PEERLEARN_BIND")]
    pub bind: Option<SocketAddr>,

    /// The address people use to reach this server (for invite links) [default: http://BIND].
    #[arg(long, env = "PEERLEARN_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Mark cookies Secure (set this when serving over HTTPS).
    #[arg(long, env = "PEERLEARN_SECURE_COOKIES", num_args = 0..=1, default_missing_value = "true")]
    pub secure_cookies: Option<bool>,

    /// Send email through this SMTP server, e.g. `smtp://user:pass@mail.example.org:587?tls=required`
    /// (without it, notifications go to the in-app inbox only).
    #[arg(long, env = "PEERLEARN_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of emails [default: peerlearn <noreply@localhost>].
    #[arg(long, env = "PEERLEARN_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Video meetings get a link made of this and a random room name
    /// [default: https://meet.jit.si/peerlearn-].
    #[arg(long, env = "PEERLEARN_VIDEO_BASE_URL")]
    pub video_base_url: Option<String>,

    /// The bearer token that opens `GET /metrics` (Prometheus); without it there is none.
    #[arg(long, env = "PEERLEARN_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// Connections open at once (each member with a page open holds one); beyond it a new
    /// connection is answered 503 and closed. The server raises its open-file limit to the
    /// system's maximum at start and keeps the cap 256 below it [default: 10000].
    #[arg(long, env = "PEERLEARN_MAX_CONNECTIONS", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: Option<u64>,

    /// Seconds a new connection may stay silent before it is closed [default: 10].
    #[arg(long, env = "PEERLEARN_HEADER_TIMEOUT", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: Option<u64>,

    /// Seconds a connection may take to send a request's headers, idle between keep-alive
    /// requests included, before it is closed [default: 60].
    #[arg(long, env = "PEERLEARN_IDLE_TIMEOUT", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: Option<u64>,

    /// Let webhooks go to `http` URLs and to private, loopback and link-local addresses
    /// (for tests and development; never in production).
    #[arg(long, env = "PEERLEARN_ALLOW_LOCAL_WEBHOOKS", num_args = 0..=1, default_missing_value = "true")]
    pub allow_local_webhooks: Option<bool>,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

impl Settings {
    /// The settings of `migrate`: the file, then the database flags.
    pub fn for_database(args: &DatabaseArgs) -> anyhow::Result<Self> {
        let mut settings = Self::from_file(args.config.as_deref())?;
        settings.apply_database(args);
        Ok(settings)
    }

    /// The settings of `serve` and `demo`: the file, then the environment and flags (clap
    /// reads both, flags first).
    pub fn for_server(args: &ServeArgs) -> anyhow::Result<Self> {
        let mut s = Self::from_file(args.database.config.as_deref())?;
        s.apply_database(&args.database);
        if let Some(v) = args.bind {
            s.bind = v;
        }
        if let Some(v) = &args.public_url {
            s.public_url = Some(v.clone());
        }
        if let Some(v) = args.secure_cookies {
            s.secure_cookies = v;
        }
        if let Some(v) = &args.smtp_url {
            s.smtp_url = Some(SecretUrl::new(v.clone()));
        }
        if let Some(v) = &args.mail_from {
            s.mail_from = v.clone();
        }
        if let Some(v) = &args.video_base_url {
            s.video_base_url = v.clone();
        }
        if let Some(v) = &args.metrics_token {
            s.metrics_token = Some(Secret::new(v.clone()));
        }
        if let Some(v) = args.max_connections {
            s.max_connections = usize::try_from(v).unwrap_or(usize::MAX);
        }
        if let Some(v) = args.header_timeout {
            s.header_timeout_secs = v;
        }
        if let Some(v) = args.idle_timeout {
            s.idle_timeout_secs = v;
        }
        if let Some(v) = args.allow_local_webhooks {
            s.allow_local_webhooks = v;
        }
        Ok(s)
    }

    fn from_file(path: Option<&std::path::Path>) -> anyhow::Result<Self> {
        let Some(path) = path else {
            return Ok(Self::default());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read the settings file {}", path.display()))?;
        toml::from_str(&text)
            .with_context(|| format!("the settings file {} is not valid", path.display()))
    }

    fn apply_database(&mut self, args: &DatabaseArgs) {
        if let Some(v) = &args.database_url {
            self.database_url = SecretUrl::new(v.clone());
        }
        if let Some(v) = args.db_max_connections {
            self.db_max_connections = v;
        }
    }

    /// The address people use, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_string()
    }

    /// The web app's part.
    pub fn web(&self) -> Config {
        Config {
            public_url: self.public_url(),
            // Served over HTTPS: cookies go over HTTPS only, whatever the flag says.
            secure_cookies: self.secure_cookies || self.public_url().starts_with("https://"),
            video_base_url: self.video_base_url.clone(),
            metrics_token: self.metrics_token.clone(),
            connections: ConnectionLimits {
                max_connections: self.max_connections.max(1),
                header_timeout: Duration::from_secs(self.header_timeout_secs.max(1)),
                idle_timeout: Duration::from_secs(self.idle_timeout_secs.max(1)),
            },
            webhooks: peerlearn_web::WebhookSettings {
                allow_local: self.allow_local_webhooks,
                ..peerlearn_web::WebhookSettings::default()
            },
            ..Config::default()
        }
    }

    /// The settings as TOML, secrets redacted (`peerlearn config`).
    pub fn to_toml(&self) -> anyhow::Result<String> {
        toml::to_string(self).context("the settings could not be printed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().expect("a file");
        std::fs::write(f.path(), text).expect("written");
        f
    }

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let f = file(
            "bind = \"0.0.0.0:9000\"\nmail_from = \"Events <events@example.org>\"\n\
             database_url = \"postgres://app:hunter2@db.example.org/peerlearn\"\n",
        );
        let args = ServeArgs {
            bind: Some("127.0.0.1:7000".parse().expect("an address")),
            database: DatabaseArgs {
                config: Some(f.path().to_path_buf()),
                ..DatabaseArgs::default()
            },
            ..ServeArgs::default()
        };
        let s = Settings::for_server(&args).expect("settings");
        assert_eq!(s.bind.to_string(), "127.0.0.1:7000");
        assert_eq!(s.mail_from, "Events <events@example.org>");
        assert_eq!(s.db_max_connections, 16);
        assert_eq!(
            s.database_url.expose(),
            "postgres://app:hunter2@db.example.org/peerlearn"
        );
        assert_eq!(s.public_url(), "http://127.0.0.1:7000");
    }

    #[test]
    fn secrets_are_redacted_when_printed_and_debugged() {
        let args = ServeArgs {
            smtp_url: Some("smtp://mailer:s3cret-pass@mail.example.org:587".into()),
            metrics_token: Some("scrape-token-123".into()),
            database: DatabaseArgs {
                database_url: Some("postgres://app:hunter2@db/peerlearn".into()),
                ..DatabaseArgs::default()
            },
            ..ServeArgs::default()
        };
        let s = Settings::for_server(&args).expect("settings");
        for shown in [
            s.to_toml().expect("TOML"),
            format!("{s:?}"),
            format!("{:?}", s.web()),
        ] {
            for secret in ["s3cret-pass", "scrape-token-123", "hunter2"] {
                assert!(!shown.contains(secret), "{secret} shown in {shown}");
            }
        }
        assert!(s.to_toml().expect("TOML").contains("mail.example.org"));
    }

    #[test]
    fn a_bad_file_names_the_file_and_the_problem() {
        let f = file("bind = \"not an address\"\n");
        let args = DatabaseArgs {
            config: Some(f.path().to_path_buf()),
            ..DatabaseArgs::default()
        };
        let e = format!("{:#}", Settings::for_database(&args).expect_err("invalid"));
        assert!(e.contains(&f.path().display().to_string()), "{e}");
        let unknown = file("databse_url = \"sqlite://x.db\"\n");
        let args = DatabaseArgs {
            config: Some(unknown.path().to_path_buf()),
            ..DatabaseArgs::default()
        };
        let e = format!("{:#}", Settings::for_database(&args).expect_err("unknown"));
        assert!(e.contains("databse_url"), "{e}");
    }

    #[test]
    fn printed_settings_read_back() {
        let s = Settings::default();
        let back: Settings = toml::from_str(&s.to_toml().expect("TOML")).expect("parses");
        assert_eq!(back, s);
    }
}
