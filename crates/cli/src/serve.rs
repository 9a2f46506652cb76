//! `peerlearn serve` and `peerlearn migrate`.

use anyhow::Context;
use peerlearn_store::Store;
use peerlearn_web::AppState;

use crate::settings::{DatabaseArgs, ServeArgs, Settings};

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
pub async fn open(settings: &Settings) -> anyhow::Result<Store> {
    let url = normalise_url(settings.database_url.expose());
    let store = Store::connect(&url, settings.db_max_connections)
        .await
        .with_context(|| format!("could not open the database {}", settings.database_url))?;
    store
        .migrate()
        .await
        .context("could not migrate the database")?;
    Ok(store)
}

pub async fn migrate(args: DatabaseArgs) -> anyhow::Result<()> {
    let settings = Settings::for_database(&args)?;
    open(&settings).await?;
    eprintln!("database {} is up to date", settings.database_url);
    Ok(())
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let settings = Settings::for_server(&args)?;
    let store = open(&settings).await?;
    serve_store(store, &settings).await
}

/// Serves an opened store until Ctrl-C or SIGTERM.
pub async fn serve_store(store: Store, settings: &Settings) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .with_context(|| format!("could not listen on {}", settings.bind))?;
    let config = settings.web();
    eprintln!(
        "peerlearn is serving {} (database: {})",
        config.public_url, settings.database_url
    );
    if config.metrics_token.is_some() {
        eprintln!(
            "metrics are served at {}/metrics to the holder of the token",
            config.public_url
        );
    }
    let mut state = AppState::new(store.clone(), config);
    if let Some(url) = &settings.smtp_url {
        let mailer = peerlearn_web::mailer::SmtpMailer::new(url.expose(), &settings.mail_from)
            .map_err(|e| anyhow::anyhow!("email: {e}"))?;
        state = state.with_mailer(std::sync::Arc::new(mailer));
        eprintln!("email notifications go out through {url}");
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
