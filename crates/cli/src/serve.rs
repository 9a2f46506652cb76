//! `peerlearn serve` and `peerlearn migrate`.

use std::net::SocketAddr;

use anyhow::Context;
use clap::Args;
use peerlearn_store::Store;
use peerlearn_web::{AppState, Config};

/// Where the data lives.
#[derive(Debug, Args, Clone)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://FILE` (created if missing) or `postgres://user@host/db`.
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "sqlite://peerlearn.db"
    )]
    pub database_url: String,

    /// Largest number of database connections.
    #[arg(long, env = "PEERLEARN_DB_MAX_CONNECTIONS", default_value_t = 16)]
    pub db_max_connections: u32,
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PEERLEARN_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The address people use to reach this server (for invite links); defaults to http://BIND.
    #[arg(long, env = "PEERLEARN_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Mark cookies Secure (set this when serving over HTTPS).
    #[arg(long, env = "PEERLEARN_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Send email through this SMTP server, e.g. `smtp://user:pass@mail.example.org:587?tls=required`
    /// (without it, notifications go to the in-app inbox only).
    #[arg(long, env = "PEERLEARN_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of emails.
    #[arg(
        long,
        env = "PEERLEARN_MAIL_FROM",
        default_value = "peerlearn <noreply@localhost>"
    )]
    pub mail_from: String,

    /// Video meetings get a link made of this and a random room name.
    #[arg(
        long,
        env = "PEERLEARN_VIDEO_BASE_URL",
        default_value = "https://meet.jit.si/peerlearn-"
    )]
    pub video_base_url: String,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

impl ServeArgs {
    pub fn config(&self) -> Config {
        Config {
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", self.bind))
                .trim_end_matches('/')
                .to_string(),
            secure_cookies: self.secure_cookies,
            video_base_url: self.video_base_url.clone(),
            ..Config::default()
        }
    }
}

/// Makes a `sqlite://FILE` URL create the file when it is missing.
pub fn normalise_url(url: &str) -> String {
    if url.starts_with("sqlite:") && !url.contains(":memory:") && !url.contains("mode=") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    }
}

/// Connects and migrates.
pub async fn open(db: &DatabaseArgs) -> anyhow::Result<Store> {
    let url = normalise_url(&db.database_url);
    let store = Store::connect(&url, db.db_max_connections)
        .await
        .with_context(|| {
            format!(
                "could not open the database {}",
                peerlearn_store::redact(&db.database_url)
            )
        })?;
    store
        .migrate()
        .await
        .context("could not migrate the database")?;
    Ok(store)
}

pub async fn migrate(db: DatabaseArgs) -> anyhow::Result<()> {
    open(&db).await?;
    eprintln!(
        "database {} is up to date",
        peerlearn_store::redact(&db.database_url)
    );
    Ok(())
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let store = open(&args.database).await?;
    serve_store(store, &args).await
}

/// Serves an opened store until Ctrl-C or SIGTERM.
pub async fn serve_store(store: Store, args: &ServeArgs) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("could not listen on {}", args.bind))?;
    let config = args.config();
    eprintln!(
        "peerlearn is serving {} (database: {})",
        config.public_url,
        peerlearn_store::redact(&args.database.database_url)
    );
    let mut state = AppState::new(store.clone(), config);
    if let Some(url) = &args.smtp_url {
        let mailer = peerlearn_web::mailer::SmtpMailer::new(url, &args.mail_from)
            .map_err(|e| anyhow::anyhow!("email: {e}"))?;
        state = state.with_mailer(std::sync::Arc::new(mailer));
        eprintln!(
            "email notifications go out through {}",
            peerlearn_store::redact(url)
        );
    }
    peerlearn_web::serve(listener, state, shutdown_signal()).await?;
    store.close().await;
    eprintln!("peerlearn stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
