//! The `peerlearn` command.

mod admin;
mod demo;
mod export;
mod import;
mod schedule;
mod serve;
mod settings;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: the recommendation batch and the server allocate many small, short-lived
/// buffers on several threads, where it is faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// peerlearn turns a community — a conference, a school, a company — into a peer-learning hub.
#[derive(Debug, Parser)]
#[command(name = "peerlearn", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web app and the JSON API (creates and migrates the database if needed).
    Serve(settings::ServeArgs),
    /// Build a lively demo community in a fresh database, then serve it.
    Demo(demo::DemoArgs),
    /// Apply pending database migrations and exit.
    Migrate(settings::DatabaseArgs),
    /// Print the effective settings (defaults, the --config file, the environment and flags)
    /// as TOML, with secrets redacted.
    Config(settings::ServeArgs),
    /// Place a whole event's meeting requests into times and spots (p2p-sched/1 files).
    Schedule(schedule::ScheduleArgs),
    /// Import attendees from a CSV file and invite them by email.
    Import(import::ImportArgs),
    /// Write a community's data into a folder as CSV files and JSON.
    Export(export::ExportArgs),
    /// Operator commands: make an organizer, hand over a password reset link, list the
    /// communities.
    Admin(admin::AdminArgs),
    /// Print the OpenAPI document of the JSON API.
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    if let Command::Schedule(args) = cli.command {
        return schedule::run(args).unwrap_or_else(|e| {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        });
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve::run(args).await,
            Command::Demo(args) => demo::run(args).await,
            Command::Migrate(args) => serve::migrate(args).await,
            Command::Config(args) => settings::Settings::for_server(&args)
                .and_then(|s| s.to_toml())
                .map(|toml| print!("{toml}")),
            Command::Schedule(_) => Ok(()),
            Command::Import(args) => import::run(args).await,
            Command::Export(args) => export::run(args).await,
            Command::Admin(args) => admin::run(args).await,
            Command::Openapi => {
                println!("{}", peerlearn_web::openapi_json());
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("PEERLEARN_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = std::env::var("PEERLEARN_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
