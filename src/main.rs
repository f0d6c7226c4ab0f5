//! Command line: parse, configure, migrate, serve.

use std::net::TcpListener;

use clap::Parser;
use support_contacts::auth::password::HashPoolSettings;
use support_contacts::cli::{self, Failure};
use support_contacts::config::{
    is_loopback, parse_public_url, parse_session_key, random_key, Cli, Command, DatabaseArgs,
    LogFormat, Settings, UserCommand,
};
use support_contacts::db::Db;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use support_contacts::demo;
use support_contacts::startup::{serve, AppState};

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Logs go to stderr, so that what a command prints (a link, JSON) is all of stdout; colour
    // only when a person watches a terminal.
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => builder.json().with_current_span(true).init(),
    }
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

/// Runs an operator command on a connection and exits with its code.
fn operator(
    database: &DatabaseArgs,
    run: impl FnOnce(&mut support_contacts::db::DbConnection) -> Result<(), Failure>,
) -> ! {
    // One connection and no more: a pool that opened spare connections in the background
    // could still be inside libpq when the process exits.
    let database = DatabaseArgs {
        pool_size: 1,
        ..database.clone()
    };
    let code = {
        let result = open_database(&database)
            .map_err(|e| Failure::other(format!("{e:#}")))
            .and_then(|db| {
                let mut conn = db.conn().map_err(|e| Failure::other(format!("{e:#}")))?;
                let result = run(&mut conn);
                // Close every connection before the process exits: libpq's exit handlers must
                // not run while the pool still holds connections.
                drop(conn);
                drop(db);
                result
            });
        match result {
            Ok(()) => 0,
            Err(failure) => {
                eprintln!("error: {}", failure.message);
                failure.code
            }
        }
    };
    std::process::exit(code)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(cli.log_format);
    match cli.command {
        Command::Migrate(args) => {
            open_database(&args)?;
            Ok(())
        }
        Command::Init(args) => operator(&args.database, |conn| {
            cli::init(conn, &args, &mut std::io::stdout())
        }),
        Command::User {
            command:
                UserCommand::ResetPassword {
                    email,
                    json,
                    link,
                    database,
                },
        } => operator(&database, |conn| {
            cli::reset_password(conn, &email, json, &link, &mut std::io::stdout())
        }),
        Command::User {
            command:
                UserCommand::List {
                    organization,
                    json,
                    database,
                },
        } => operator(&database, |conn| {
            cli::list_users(conn, organization.as_deref(), json, &mut std::io::stdout())
        }),
        Command::BenchData(args) => operator(&args.database, |conn| {
            cli::bench_data(conn, &args, &mut std::io::stdout())
        }),
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
                        println!(
                            "Demo world already present; nothing changed. The demo users keep \
                             the password they were loaded with (DEMO_PASSWORD applies only \
                             when the demo world is first loaded)."
                        );
                    }
                    demo::DemoLoad::DatabaseNotEmpty => {
                        println!(
                            "The database already holds other data; the demo world was not loaded."
                        );
                    }
                }
            }
            let listener = TcpListener::bind(&args.bind)
                .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
            let local = listener.local_addr()?;
            let loopback = is_loopback(&local);
            if !loopback && public_url.is_none() {
                anyhow::bail!(
                    "PUBLIC_URL is required when listening on {local}, which is not a loopback \
                     address: invitation and set-password links are made from it, never from \
                     the Host header a client sends"
                );
            }
            let settings = Settings {
                session_key,
                secure_cookies: !args.insecure_cookies && !loopback,
                hashing: HashPoolSettings::for_this_machine(),
                sign_in_limits: Default::default(),
                session_ttl: support_contacts::config::SESSION_TTL,
                idle_timeout: std::time::Duration::from_secs(args.session_idle_minutes.max(1) * 60),
                public_url,
                trusted_proxies: args.trusted_proxies.clone(),
                body_timeout: std::time::Duration::from_secs(args.body_timeout.max(1)),
                max_requests_per_address: args.max_requests_per_address.max(1),
                max_connections_per_worker: args.max_connections_per_worker.max(16),
                api_requests_per_minute: args.api_requests_per_minute.max(1),
            };
            match &settings.public_url {
                Some(url) => println!("Listening on http://{local}; links point to {url}"),
                None => println!("Listening on http://{local}"),
            }
            let state = AppState::new(db, settings)?;
            actix_web::rt::System::new()
                .block_on(async move { serve(listener, state, args.workers)?.await })?;
            Ok(())
        }
    }
}
