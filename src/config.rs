//! Settings, from the command line and the environment. Secrets are never logged.

use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::{DatabaseTarget, PoolSettings, SqliteSynchronous};

/// support-contacts: designate which reseller gives technical support for each of a customer's
/// subscriptions, and show customers who their support contact is.
#[derive(Debug, Parser)]
#[command(name = "support-contacts", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How log lines are written to stderr: text for people, json (one object a line, with the
    /// request id) for log collectors.
    #[arg(long, global = true, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the web application.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Create a partner organization and its first Global admin, and print the link that sets
    /// the admin's password. Exit codes: 0 created, 2 bad input, 3 already exists, 1 other.
    Init(InitArgs),
    /// Users: list them, or make a new set-password link (the way back in for an admin who
    /// forgot the password).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Make a benchmark dataset on the demo world: customers, resellers, relationships,
    /// subscriptions and audit events. Only into an empty database (the demo world is loaded
    /// first, with DEMO_PASSWORD) or one holding the untouched demo world; exit code 3 otherwise.
    BenchData(BenchDataArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BenchDataArgs {
    /// How many customers to make.
    #[arg(long, default_value_t = 1000)]
    pub customers: u32,
    /// Subscriptions of each customer.
    #[arg(long, default_value_t = 10)]
    pub subscriptions_per_customer: u32,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Which kind of partner `init` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PartnerKindArg {
    /// An indirect provider (sells to customers through resellers).
    Provider,
    /// An indirect reseller.
    Reseller,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The organization's name, as customers and partners will see it.
    #[arg(long)]
    pub organization: String,
    #[arg(long, value_enum)]
    pub kind: PartnerKindArg,
    /// The organization's Partner Center partner ID (6 to 10 digits).
    #[arg(long)]
    pub partner_id: String,
    /// The first Global admin's email; they set their password with the printed link.
    #[arg(long)]
    pub admin_email: String,
    /// The first Global admin's name (default: the part of the email before the @).
    #[arg(long)]
    pub admin_name: Option<String>,
    /// Print what was created as JSON, for scripts.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub link: LinkArgs,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Clone, Args)]
pub struct LinkArgs {
    /// The address users reach this site at, for the printed link (default: http://127.0.0.1:8080).
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Make a new set-password link for a user (valid 1 hour; older links stop working).
    /// Exit codes: 0 done, 2 bad input, 4 no such user, 1 other.
    ResetPassword {
        email: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        link: LinkArgs,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List users with their organization, role and state.
    List {
        /// Only the users of this organization (its name or id).
        #[arg(long)]
        organization: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// postgres://… for PostgreSQL; sqlite://PATH or a file path for SQLite.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/support-contacts.db"
    )]
    pub database_url: String,
    /// Most connections this instance keeps open.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 8)]
    pub pool_size: u32,
    /// Seconds to wait for a connection before a request gets the "try again" page.
    #[arg(long, env = "DATABASE_CONNECT_TIMEOUT", default_value_t = 5)]
    pub connect_timeout: u64,
    /// Seconds a statement may run (PostgreSQL statement_timeout; SQLite busy timeout).
    #[arg(long, env = "DATABASE_STATEMENT_TIMEOUT", default_value_t = 10)]
    pub statement_timeout: u64,
    /// SQLite only: normal syncs at checkpoints (a power cut may lose the last commits, never
    /// corrupts); full syncs every commit (slower writes).
    #[arg(long, env = "SQLITE_SYNCHRONOUS", value_enum, default_value_t = SqliteSynchronous::Normal)]
    pub sqlite_synchronous: SqliteSynchronous,
}

impl DatabaseArgs {
    pub fn target(&self) -> Result<DatabaseTarget, String> {
        DatabaseTarget::parse(&self.database_url)
    }

    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_size: self.pool_size.max(1),
            connect_timeout: Duration::from_secs(self.connect_timeout.max(1)),
            statement_timeout: Duration::from_secs(self.statement_timeout.max(1)),
            sqlite_synchronous: self.sqlite_synchronous,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Load the demo world into an empty database (idempotent).
    #[arg(long)]
    pub demo: bool,
    /// Key that signs and encrypts session cookies: at least 64 bytes, hex or text. Instances
    /// behind one load balancer must share it. Without it a random key is made at start.
    #[arg(long, env = "SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,
    /// Send cookies without the Secure flag (only for plain-HTTP local development).
    #[arg(long, env = "INSECURE_COOKIES")]
    pub insecure_cookies: bool,
    /// The address users reach this site at (e.g. https://support.example.com), used in the
    /// invitation links the product makes. Without it the request's own host is used.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Worker threads (defaults to the number of cores).
    #[arg(long, env = "WORKERS")]
    pub workers: Option<usize>,
    /// Reverse proxies whose `X-Forwarded-For` is believed, as addresses or CIDR ranges
    /// separated by commas (e.g. `10.0.0.0/8,127.0.0.1`). Without it the client's address is
    /// the connection's, and `X-Forwarded-For` is ignored.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Minutes a signed-in session may sit unused before it ends (on top of the 8-hour limit).
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,
    /// Seconds a client has to send a request's body once the headers arrived.
    #[arg(long, env = "BODY_TIMEOUT", default_value_t = 30)]
    pub body_timeout: u64,
    /// Requests one client address may have in progress at once; more get 429 at once.
    #[arg(long, env = "MAX_REQUESTS_PER_ADDRESS", default_value_t = 64)]
    pub max_requests_per_address: usize,
    /// Connections each worker thread keeps open at once; more wait in the listen queue.
    #[arg(long, env = "MAX_CONNECTIONS_PER_WORKER", default_value_t = 1024)]
    pub max_connections_per_worker: usize,
    /// Requests one API client may make per minute on each instance; more get 429.
    #[arg(long, env = "API_REQUESTS_PER_MINUTE", default_value_t = 600)]
    pub api_requests_per_minute: u32,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// How long a signed-in session lives.
pub const SESSION_TTL: Duration = Duration::from_secs(8 * 3600);

/// Plain-HTTP local development on the loopback interface gets cookies without Secure, so the
/// browser keeps them, and may go without PUBLIC_URL; anything else is assumed to sit behind
/// TLS. Judged from the address actually bound (an IPv4 address written as IPv6 included),
/// never from how it was spelt.
pub fn is_loopback(addr: &std::net::SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

/// How long a signed-in session may sit unused, by default.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// A trusted proxy: an address (a single host) or a CIDR range.
pub fn parse_proxy(raw: &str) -> Result<ipnet::IpNet, String> {
    let raw = raw.trim();
    raw.parse::<ipnet::IpNet>()
        .or_else(|_| raw.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("`{raw}` is not an IP address or CIDR range"))
}

/// Everything the application needs at run time.
#[derive(Clone)]
pub struct Settings {
    /// 64 bytes of key material for the cookie.
    pub session_key: Vec<u8>,
    pub secure_cookies: bool,
    /// The hashing threads and their queue.
    pub hashing: crate::auth::password::HashPoolSettings,
    /// Failed sign-in attempts allowed per account, address and second-factor user.
    pub sign_in_limits: crate::domain::sign_in_limits::SignInLimits,
    /// How long a signed-in session lives.
    pub session_ttl: Duration,
    /// How long a signed-in session may sit unused.
    pub idle_timeout: Duration,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How long a client has to send a request body.
    pub body_timeout: Duration,
    /// Requests in progress allowed per client address.
    pub max_requests_per_address: usize,
    /// Connections each worker keeps open at once.
    pub max_connections_per_worker: usize,
    /// The site's public address without a trailing slash, for links sent to other people.
    pub public_url: Option<String>,
    /// Requests one API client may make per minute on this instance.
    pub api_requests_per_minute: u32,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("session_key", &"<redacted>")
            .field("secure_cookies", &self.secure_cookies)
            .field("hashing", &self.hashing)
            .field("sign_in_limits", &self.sign_in_limits)
            .field("session_ttl", &self.session_ttl)
            .field("idle_timeout", &self.idle_timeout)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("body_timeout", &self.body_timeout)
            .field("max_requests_per_address", &self.max_requests_per_address)
            .field(
                "max_connections_per_worker",
                &self.max_connections_per_worker,
            )
            .field("public_url", &self.public_url)
            .field("api_requests_per_minute", &self.api_requests_per_minute)
            .finish()
    }
}

impl Settings {
    /// Settings for tests and tools: random key, insecure cookies (plain HTTP).
    pub fn for_tests() -> Settings {
        Settings {
            session_key: random_key(),
            secure_cookies: false,
            hashing: crate::auth::password::HashPoolSettings {
                threads: 2,
                queue: 64,
                max_wait: Duration::from_secs(30),
            },
            sign_in_limits: Default::default(),
            session_ttl: SESSION_TTL,
            idle_timeout: IDLE_TIMEOUT,
            public_url: None,
            trusted_proxies: Vec::new(),
            body_timeout: Duration::from_secs(30),
            max_requests_per_address: 256,
            max_connections_per_worker: 1024,
            api_requests_per_minute: 600,
        }
    }
}

/// 64 random bytes.
pub fn random_key() -> Vec<u8> {
    use rand::RngCore;
    let mut key = vec![0u8; 64];
    rand::rng().fill_bytes(&mut key);
    key
}

/// Turns the configured key into 64 bytes: hex of at least 64 bytes, or text of at least 64
/// characters. Anything shorter is refused rather than silently weakened.
pub fn parse_session_key(raw: &str) -> Result<Vec<u8>, String> {
    let raw = raw.trim();
    let bytes = match hex::decode(raw) {
        Ok(b) if b.len() >= 64 => b,
        _ if raw.len() >= 64 => raw.as_bytes().to_vec(),
        _ => {
            return Err(
                "SESSION_KEY must be at least 64 bytes (128 hex digits or 64 characters)".into(),
            )
        }
    };
    Ok(bytes)
}

/// Checks the configured public address: http or https, a host, nothing after the path.
pub fn parse_public_url(raw: &str) -> Result<String, String> {
    let parsed =
        url::Url::parse(raw.trim()).map_err(|e| format!("PUBLIC_URL `{raw}` is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "PUBLIC_URL `{raw}` must be an http:// or https:// address"
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "PUBLIC_URL `{raw}` must not have a query or fragment"
        ));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_judged_from_the_address() {
        for yes in [
            "127.0.0.1:80",
            "127.8.9.1:80",
            "[::1]:80",
            "[::ffff:127.0.0.1]:80",
        ] {
            assert!(is_loopback(&yes.parse().unwrap()), "{yes}");
        }
        for no in [
            "0.0.0.0:80",
            "10.0.0.1:80",
            "[::]:80",
            "[::ffff:10.0.0.1]:80",
        ] {
            assert!(!is_loopback(&no.parse().unwrap()), "{no}");
        }
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        assert_eq!(parse_proxy("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(
            parse_proxy(" 127.0.0.1 ").unwrap().to_string(),
            "127.0.0.1/32"
        );
        assert_eq!(parse_proxy("::1").unwrap().to_string(), "::1/128");
        assert!(parse_proxy("proxy.example").is_err());
    }

    #[test]
    fn public_urls_are_checked() {
        assert_eq!(
            parse_public_url("https://support.example.com/").unwrap(),
            "https://support.example.com"
        );
        assert!(parse_public_url("ftp://x.example").is_err());
        assert!(parse_public_url("support.example.com").is_err());
    }

    #[test]
    fn sqlite_synchronous_is_normal_unless_full_is_asked_for() {
        let synchronous = |args: &[&str]| {
            let cli = Cli::try_parse_from([&["support-contacts", "migrate"], args].concat())?;
            let Command::Migrate(db) = cli.command else {
                unreachable!()
            };
            Ok::<_, clap::Error>(db.pool_settings().sqlite_synchronous)
        };
        assert_eq!(synchronous(&[]).unwrap(), SqliteSynchronous::Normal);
        assert_eq!(
            synchronous(&["--sqlite-synchronous", "full"]).unwrap(),
            SqliteSynchronous::Full
        );
        assert!(synchronous(&["--sqlite-synchronous", "off"]).is_err());
    }

    #[test]
    fn short_session_keys_are_refused() {
        assert!(parse_session_key("short").is_err());
        assert_eq!(parse_session_key(&"ab".repeat(64)).unwrap().len(), 64);
        assert_eq!(parse_session_key(&"k".repeat(70)).unwrap().len(), 70);
    }
}
