//! Command line: parse, configure, migrate, serve.

use std::net::TcpListener;

use clap::Parser;
use support_contacts::config::{
    parse_public_url, parse_session_key, random_key, Cli, Command, Settings,
};
use support_contacts::db::{demo, Db};
use support_contacts::startup::{serve, AppState};

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

fn open_database(args: &support_contacts::config::DatabaseArgs) -> anyhow::Result<Db> {
    let target = args
        .target()
        .map_err(|e| anyhow::anyhow!("DATABASE_URL: {e}"))?;
    tracing::info!(backend = target.backend_name(), "opening database");
    let db = Db::connect(target, &args.pool_settings())?;
    let applied = db.migrate()?;
    tracing::info!(applied, "migrations up to date");
    Ok(db)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing();
    match cli.command {
        Command::Migrate(args) => {
            open_database(&args)?;
            Ok(())
        }
        Command::Serve(args) => {
            let session_key = match &args.session_key {
                Some(raw) => parse_session_key(raw).map_err(|e| anyhow::anyhow!(e))?,
                None => {
                    tracing::warn!(
                        "SESSION_KEY is not set: using a random key, so sessions end when this \
                         process restarts and other instances cannot read them"
                    );
                    random_key()
                }
            };
            let public_url = match &args.public_url {
                Some(raw) => Some(parse_public_url(raw).map_err(|e| anyhow::anyhow!(e))?),
                None => None,
            };
            let db = open_database(&args.database)?;
            if args.demo {
                let password = std::env::var("DEMO_PASSWORD")
                    .ok()
                    .filter(|p| !p.is_empty());
                let mut conn = db.conn()?;
                match demo::load(&mut conn, password.as_deref())? {
                    demo::DemoLoad::Loaded {
                        generated_password: Some(p),
                    } => {
                        println!("Demo world loaded. Every demo user's password: {p}");
                    }
                    demo::DemoLoad::Loaded {
                        generated_password: None,
                    } => {
                        println!("Demo world loaded; passwords are DEMO_PASSWORD.");
                    }
                    demo::DemoLoad::AlreadyPresent => {
                        println!("Demo world already present; nothing changed.");
                    }
                    demo::DemoLoad::DatabaseNotEmpty => {
                        println!(
                            "The database already holds other data; the demo world was not loaded."
                        );
                    }
                }
            }
            let settings = Settings {
                session_key,
                secure_cookies: !args.insecure_cookies && !is_loopback(&args.bind),
                max_concurrent_hashes: std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2),
                session_ttl: support_contacts::config::SESSION_TTL,
                public_url,
            };
            let listener = TcpListener::bind(&args.bind)
                .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
            println!("Listening on http://{}", listener.local_addr()?);
            let state = AppState::new(db, settings)?;
            actix_web::rt::System::new()
                .block_on(async move { serve(listener, state, args.workers)?.await })?;
            Ok(())
        }
    }
}

/// Plain-HTTP local development on the loopback interface gets cookies without Secure, so the
/// browser keeps them; anything else is assumed to sit behind TLS.
fn is_loopback(bind: &str) -> bool {
    bind.starts_with("127.") || bind.starts_with("localhost") || bind.starts_with("[::1]")
}
