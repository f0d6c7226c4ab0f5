//! A real server on port 0 with its own database: a copy of a demo-world template, or an
//! empty one; on SQLite by default, on PostgreSQL with `TEST_DATABASE_URL=postgres://…` (a
//! database per test, made from a template database created once per run).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diesel::connection::SimpleConnection;
use support_contacts::config::Settings;
use support_contacts::db::{DatabaseTarget, Db, PoolSettings};
use support_contacts::demo;
use support_contacts::startup::{serve, AppState};

use super::browser::Browser;

pub const DEMO_PASSWORD: &str = "demo-password-for-tests";

/// The PostgreSQL server the whole suite runs on, when `TEST_DATABASE_URL` names one.
pub fn postgres_server() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres://") || u.starts_with("postgresql://"))
}

/// Where the PostgreSQL-only tests look when `TEST_DATABASE_URL` is not set.
pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A PostgreSQL server for the tests that need one whatever the suite's backend: the suite's
/// own, or the project machines' local server. None (after one loud line on stderr, which the
/// test harness does not capture) when there is none.
pub fn available_postgres() -> Option<String> {
    static FOUND: OnceLock<Option<String>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let candidate = postgres_server().unwrap_or_else(|| DEFAULT_POSTGRES.to_string());
            let reachable = <diesel::PgConnection as diesel::Connection>::establish(
                &pg_url_with_db(&candidate, "postgres"),
            )
            .is_ok();
            if reachable {
                Some(candidate)
            } else {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** PostgreSQL suite NOT run: no PostgreSQL server at {candidate}. \
                     Start one and run `TEST_DATABASE_URL=postgres://USER@HOST:PORT cargo test` \
                     (see README). ***\n"
                );
                None
            }
        })
        .clone()
}

/// Replaces the database name of a PostgreSQL URL.
pub fn pg_url_with_db(server: &str, db: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{base}/{db}{query}")
}

/// Runs administrative SQL on the server's `postgres` database. Serialised, because
/// PostgreSQL refuses to copy a template that another CREATE DATABASE is reading.
pub fn pg_admin(server: &str, sql: &str) {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut conn = <diesel::PgConnection as diesel::Connection>::establish(&pg_url_with_db(
        server, "postgres",
    ))
    .expect("connect to the PostgreSQL server");
    conn.batch_execute(sql).expect(sql);
}

/// Drops databases that earlier test runs (whose process is gone) left behind.
fn drop_leftover_databases(server: &str) {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        datname: String,
    }
    let mut conn = <diesel::PgConnection as diesel::Connection>::establish(&pg_url_with_db(
        server, "postgres",
    ))
    .expect("connect to the PostgreSQL server");
    let names: Vec<Name> =
        diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE 'sc\\_t%'")
            .load(&mut conn)
            .unwrap_or_default();
    for Name { datname } in names {
        let pid = datname
            .split('_')
            .nth(2)
            .and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|p| Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)"));
        }
    }
}

/// Loads the demo world into a fresh database at `target` and closes it.
fn build_template(target: DatabaseTarget) {
    let db = Db::connect(target, &PoolSettings::default()).expect("open template database");
    db.migrate().expect("migrate template");
    let mut conn = db.conn().expect("template connection");
    demo::load(&mut conn, Some(DEMO_PASSWORD)).expect("load demo world");
}

/// The PostgreSQL template database of this run, made once.
fn postgres_template(server: &str) -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            drop_leftover_databases(server);
            let name = format!("sc_tmpl_{}", std::process::id());
            pg_admin(server, &format!("DROP DATABASE IF EXISTS {name}"));
            pg_admin(server, &format!("CREATE DATABASE {name}"));
            build_template(DatabaseTarget::Postgres {
                url: pg_url_with_db(server, &name),
            });
            name
        })
        .clone()
}

/// The SQLite template file of this run, made once.
fn sqlite_template() -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let path = test_dir().join("template.db").display().to_string();
            let target = DatabaseTarget::Sqlite { path: path.clone() };
            build_template(target.clone());
            // Fold the WAL into the main file so a plain copy holds everything.
            let db = Db::connect(target, &PoolSettings::default()).unwrap();
            db.conn()
                .unwrap()
                .batch_execute("PRAGMA wal_checkpoint(TRUNCATE);")
                .unwrap();
            path
        })
        .clone()
}

/// This run's folder of SQLite files. Folders that earlier runs (whose process is gone) left
/// behind are removed first, so files of a test that panicked do not pile up.
fn test_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        const PREFIX: &str = "support-contacts-it-";
        if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(pid) = name.strip_prefix(PREFIX) else {
                    continue;
                };
                if !Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
    .clone()
}

/// A new, empty (unmigrated) PostgreSQL database on `server`.
pub fn empty_postgres_database(server: &str) -> DatabaseTarget {
    let name = format!(
        "sc_test_{}_{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    );
    pg_admin(server, &format!("CREATE DATABASE {name}"));
    DatabaseTarget::Postgres {
        url: pg_url_with_db(server, &name),
    }
}

/// A new PostgreSQL database with the demo world on `server`.
pub fn fresh_postgres_database(server: &str) -> DatabaseTarget {
    let template = postgres_template(server);
    let name = format!(
        "sc_test_{}_{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    );
    pg_admin(
        server,
        &format!("CREATE DATABASE {name} TEMPLATE {template}"),
    );
    DatabaseTarget::Postgres {
        url: pg_url_with_db(server, &name),
    }
}

/// A new SQLite file with the demo world.
pub fn fresh_sqlite_database() -> DatabaseTarget {
    let path = test_dir().join(format!("{}.db", uuid::Uuid::new_v4().simple()));
    std::fs::copy(sqlite_template(), &path).unwrap();
    DatabaseTarget::Sqlite {
        path: path.display().to_string(),
    }
}

/// A fresh database with the demo world, for one test, on the suite's backend.
pub fn fresh_database() -> DatabaseTarget {
    match postgres_server() {
        Some(server) => fresh_postgres_database(&server),
        None => fresh_sqlite_database(),
    }
}

/// A path for a new, empty SQLite file.
pub fn empty_sqlite_path() -> String {
    test_dir()
        .join(format!("{}.db", uuid::Uuid::new_v4().simple()))
        .display()
        .to_string()
}

/// A running server on its own database.
pub struct TestApp {
    pub base: String,
    /// The server's hashing threads, to count what they computed.
    pub hasher: actix_web::web::Data<support_contacts::auth::password::PasswordHasher>,
    pub db: Db,
    pub target: DatabaseTarget,
    pub settings: Settings,
    /// The SQLite file this app made for its test, removed when the test ends.
    owned_file: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(path) = &self.owned_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let target = fresh_database();
        Self::spawn_on(target, Settings::for_tests(), PoolSettings::default())
            .await
            .owning_its_file()
    }

    /// A server on a copy of the demo world with other settings.
    pub async fn spawn_with(settings: Settings) -> TestApp {
        Self::spawn_on(fresh_database(), settings, PoolSettings::default())
            .await
            .owning_its_file()
    }

    /// The address and port the server listens on.
    pub fn address(&self) -> std::net::SocketAddr {
        self.base
            .trim_start_matches("http://")
            .parse()
            .expect("the base is an address")
    }

    /// Marks the app's SQLite file as made for this test alone.
    fn owning_its_file(mut self) -> TestApp {
        if let DatabaseTarget::Sqlite { path } = &self.target {
            self.owned_file = Some(PathBuf::from(path));
        }
        self
    }

    /// A server on a new, empty database (migrated, no demo world), on the suite's backend.
    pub async fn spawn_empty() -> TestApp {
        let target = match postgres_server() {
            Some(server) => empty_postgres_database(&server),
            None => DatabaseTarget::Sqlite {
                path: empty_sqlite_path(),
            },
        };
        Self::spawn_on(target, Settings::for_tests(), PoolSettings::default())
            .await
            .owning_its_file()
    }

    /// Another server (instance) on the same database and settings.
    pub async fn spawn_on(
        target: DatabaseTarget,
        settings: Settings,
        pool: PoolSettings,
    ) -> TestApp {
        let db = Db::connect(target.clone(), &pool).expect("open test database");
        db.migrate().expect("migrate");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = AppState::new(db.clone(), settings.clone()).unwrap();
        let hasher = state.hasher.clone();
        let server = serve(listener, state, Some(1)).unwrap();
        actix_web::rt::spawn(server);
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            hasher,
            db,
            target,
            settings,
            owned_file: None,
        }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// A browser already signed in as a demo user.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let b = self.browser();
        let page = b.sign_in(email).await;
        assert_eq!(page.status, 303, "sign-in as {email} failed: {}", page.body);
        b
    }

    /// Runs SQL-free work against the test's database on a blocking thread.
    pub fn conn(&self) -> diesel::r2d2::PooledConnection<support_contacts::db::Manager> {
        self.db.conn().unwrap()
    }
}

/// Adds an organization of `kind` named `name` (with `partner_id`, for a partner) straight to
/// the database, as the tests' own data; its id. Organizations added so have ids that no other
/// test's database shares (the demo world's have the same ids in each).
pub fn insert_organization(
    conn: &mut support_contacts::db::DbConnection,
    kind: support_contacts::domain::OrgKind,
    name: &str,
    partner_id: Option<&str>,
) -> diesel::QueryResult<String> {
    use support_contacts::{db, domain};
    let id = domain::new_id();
    db::organizations::insert(
        conn,
        db::organizations::NewOrganization {
            id: &id,
            kind,
            name,
            search_name: &domain::search_key(name),
            partner_id,
            tenant_id: &domain::new_id(),
            support_email: None,
            support_phone: None,
            support_website: None,
            created_at: db::now(),
            domain: None,
            country: None,
            mfa_required: false,
        },
    )?;
    Ok(id)
}
