//! The database: one connection type for SQLite and PostgreSQL, the pool, migrations, and the
//! queries, one file per table family. Every SQL statement of the product lives below here.
//!
//! Error policy: query functions return `QueryResult`; [`Db::run`] moves them off the async
//! workers and turns failures into [`AppError`], so handlers never see a database message.
//! Writes that read first do their first write at the start of the transaction (SQLite then
//! takes the write lock up front) and check what they read inside the same transaction.
//!
//! Ids that are easy to mix up have their own types ([`crate::domain::ids`]): an organization
//! is an [`OrganizationId`], a customer a [`CustomerId`], a subscription a [`SubscriptionId`].
//! Models read them with `#[diesel(deserialize_as = String)]`, like the stored enums, and
//! queries bind `id.as_str()`.
//!
//! Every query function takes its arguments in one order:
//! 1. `conn`;
//! 2. `actor`, for a write that records an audit event, with what qualifies it (the kind of its
//!    organization, or the capacity it acts in, e.g. a `Remover`); the actor's organization is
//!    then the tenant scope;
//! 3. otherwise the acting organization, the tenant scope taken from the session (a provider,
//!    reseller or partner: an [`OrganizationId`]);
//! 4. the objects, from outer to inner: the customer, then the subscription, then other ids
//!    (the partner of a customer relationship, the reseller of a partnership, a user, an event);
//! 5. values and options: the version a form was shown with, the new value, a page, `now`.
//!
//! [`OrganizationId`]: crate::domain::OrganizationId
//! [`CustomerId`]: crate::domain::CustomerId
//! [`SubscriptionId`]: crate::domain::SubscriptionId

pub mod api_clients;
pub mod audit;
pub mod customers;
pub mod fragment;
pub mod imports;
pub mod invitations;
pub mod mfa;
pub mod organizations;
pub mod password_links;
pub mod relationships;
pub mod schema;
pub mod sessions;
pub mod sign_in_limits;
pub mod subscriptions;
pub mod users;

use std::time::Duration;

use actix_web::web;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::AppError;

/// Runs `$body` with `$c` bound to the backend's own connection. For the queries of the pages
/// read on every request: through [`DbConnection`] diesel writes a statement's SQL again at
/// every execution (the statement itself stays cached), on the backend's own connection it
/// does not. Everything else goes through [`DbConnection`].
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// Keeps the rows of a boxed `$query` whose `$table::$column` is one of `$ids` (a `&[String]`),
/// on `$conn`'s backend. SQLite gets the ids as one JSON array ([`sqlite_among`]); PostgreSQL
/// as a list (`eq_any`).
macro_rules! filter_among {
    ($query:expr, $conn:expr, $table:ident :: $column:ident, $ids:expr) => {{
        let ids: &[String] = $ids;
        match $conn {
            $crate::db::DbConnection::Sqlite(_) => $query.filter($crate::db::sqlite_among(
                concat!(stringify!($table), ".", stringify!($column)),
                ids,
            )),
            _ => $query.filter($table::$column.eq_any(ids.to_vec())),
        }
    }};
}
pub(crate) use filter_among;

/// `column` (SQL text of this program) is one of `ids`, as SQLite reads it best: the ids come
/// as one bound JSON array, so the statement is kept prepared whatever their number. A list of
/// placeholders (`eq_any`) is a statement of its own for each length, which diesel parses and
/// plans again on every run. The array's value does not change the plan: SQLite plans without
/// looking at bound values ([`plan_without_bound_values`]).
pub fn sqlite_among(
    column: &'static str,
    ids: &[String],
) -> fragment::Fragment<diesel::sql_types::Bool> {
    fragment::fragment(column)
        .sql(" IN (SELECT value FROM json_each(")
        .text(serde_json::Value::from(ids.to_vec()).to_string())
        .sql("))")
}

/// Every backend the product runs on, behind one type.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Postgres(diesel::PgConnection),
}

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Which backend a `DATABASE_URL` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Sqlite { path: String },
    Postgres { url: String },
}

impl DatabaseTarget {
    /// `postgres://` or `postgresql://` is PostgreSQL; `sqlite://PATH` or a plain file path is
    /// SQLite; any other scheme is refused with a message that says what is accepted.
    pub fn parse(url: &str) -> Result<DatabaseTarget, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("DATABASE_URL is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseTarget::Postgres { url: url.into() });
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("sqlite:// needs a file path, e.g. sqlite://data/app.db".into());
            }
            return Ok(DatabaseTarget::Sqlite { path: path.into() });
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(format!(
                "unsupported database scheme `{scheme}://`: use postgres://, postgresql://, sqlite:// or a file path"
            ));
        }
        if url.contains(':') && !url.starts_with('/') && !url.starts_with('.') {
            return Err(format!(
                "`{url}` is neither a URL this product knows nor a file path: use postgres://, sqlite:// or a file path"
            ));
        }
        Ok(DatabaseTarget::Sqlite { path: url.into() })
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseTarget::Sqlite { .. } => "sqlite",
            DatabaseTarget::Postgres { .. } => "postgres",
        }
    }
}

/// How SQLite makes a commit durable (`PRAGMA synchronous`), on every connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SqliteSynchronous {
    /// In WAL mode: syncs at checkpoints, not at each commit. A power cut (not a crash of the
    /// process) may lose the last commits; the file is never corrupted. Faster writes.
    #[default]
    Normal,
    /// Syncs the WAL at each commit: a committed change survives a power cut. Slower writes.
    Full,
}

impl SqliteSynchronous {
    fn pragma_value(self) -> &'static str {
        match self {
            SqliteSynchronous::Normal => "NORMAL",
            SqliteSynchronous::Full => "FULL",
        }
    }
}

/// Pool and connection settings.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_size: u32,
    pub connect_timeout: Duration,
    pub statement_timeout: Duration,
    pub sqlite_synchronous: SqliteSynchronous,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_size: 8,
            connect_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(10),
            sqlite_synchronous: SqliteSynchronous::default(),
        }
    }
}

/// How much of an SQLite file each connection reads through a memory map (`PRAGMA mmap_size`;
/// SQLite caps it at its own maximum, 2 GiB on Linux). A read then takes the page from the
/// operating system's cache as it is: without the map every page that is not in the
/// connection's own small cache is copied in by a system call, through a page cache whose lock
/// the pool's connections queue on. At 100,000 customers the pages that index reads jump
/// between (the audit log's filters, the name index) are mostly not in that small cache. The
/// map is read-only (SQLite writes through the file), so a stray pointer cannot change the
/// database; the pages read count in the process's resident memory, though they are the
/// operating system's cache and shared.
const SQLITE_MMAP_BYTES: u64 = 1 << 31;

/// Opens connections for the pool and prepares each one (pragmas, timeouts).
pub struct Manager {
    target: DatabaseTarget,
    statement_timeout: Duration,
    sqlite_synchronous: SqliteSynchronous,
}

impl Manager {
    fn open(&self) -> Result<DbConnection, diesel::r2d2::Error> {
        use diesel::r2d2::Error;
        match &self.target {
            DatabaseTarget::Sqlite { path } => {
                let mut conn =
                    diesel::SqliteConnection::establish(path).map_err(Error::ConnectionError)?;
                let busy_ms = self.statement_timeout.as_millis().max(1000);
                // busy_timeout first, so the other settings wait for a busy file too; the
                // journal mode (WAL) was set once when the pool was made.
                let synchronous = self.sqlite_synchronous.pragma_value();
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {busy_ms}; PRAGMA synchronous = {synchronous}; \
                     PRAGMA foreign_keys = ON; PRAGMA mmap_size = {SQLITE_MMAP_BYTES};"
                ))
                .map_err(Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseTarget::Postgres { url } => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(Error::ConnectionError)?;
                conn.batch_execute(&format!(
                    "SET statement_timeout = {}; SET TIME ZONE 'UTC';",
                    self.statement_timeout.as_millis()
                ))
                .map_err(Error::QueryError)?;
                Ok(DbConnection::Postgres(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.open()
    }

    /// Not called by the pool (it lends without a test); [`checkout`] decides when a ping is
    /// worth its round trip and makes it itself.
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    /// A connection is dropped instead of going back to the pool when a panic unwinds through
    /// its work, when its transaction state is broken, or when [`checkout`] found it dead.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        let found_dead = FOUND_DEAD.with(|dead| dead.replace(false));
        found_dead || std::thread::panicking() || conn.is_broken()
    }
}

thread_local! {
    /// Set just before a connection that failed its ping is dropped on this thread, so that
    /// [`Manager::has_broken`], which the pool calls there and then, drops it for good.
    static FOUND_DEAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// When a pooled connection last came back from work that went well.
struct ProvenAt(std::time::Instant);

/// How long after a connection last came back from work that went well it is lent again
/// without a ping.
const PROVEN_FOR: Duration = Duration::from_secs(1);

/// A connection from the pool, ready for work. A SQLite connection is a file handle with
/// nothing on the way that could drop it: it is lent as it is. A PostgreSQL connection in
/// steady use is lent without a ping (a round trip before every request); one idle for longer
/// than [`PROVEN_FOR`], or whose last work failed, is pinged first, and replaced when the
/// server went away (a restart, an idle timeout on the way).
fn checkout(pool: &DbPool) -> Result<PooledConnection<Manager>, AppError> {
    // Each dead connection is dropped; a pool of them all is emptied, then opened anew.
    for _ in 0..=pool.max_size() {
        let mut conn = pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        if matches!(*conn, DbConnection::Sqlite(_)) {
            return Ok(conn);
        }
        let proven = PooledConnection::extensions(&conn)
            .get::<ProvenAt>()
            .is_some_and(|at| at.0.elapsed() < PROVEN_FOR);
        if proven || conn.ping().is_ok() {
            return Ok(conn);
        }
        FOUND_DEAD.with(|dead| dead.set(true));
        drop(conn);
    }
    Err(AppError::Unavailable("no live database connection".into()))
}

/// Records how the work on a PostgreSQL `conn` went: after an error that may come from the
/// connection (a lost server, something unexpected) it is pinged before its next use.
fn judge<T>(conn: &mut PooledConnection<Manager>, done: &Result<T, AppError>) {
    if matches!(**conn, DbConnection::Sqlite(_)) {
        return;
    }
    let extensions = PooledConnection::extensions_mut(conn);
    if matches!(done, Err(AppError::Unavailable(_) | AppError::Internal(_))) {
        extensions.remove::<ProvenAt>();
    } else {
        extensions.insert(ProvenAt(std::time::Instant::now()));
    }
}

pub type DbPool = Pool<Manager>;

/// The shared handle to the database that handlers use.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    target: DatabaseTarget,
}

impl Db {
    /// Opens the pool. A SQLite file's folder is created when missing.
    pub fn connect(target: DatabaseTarget, settings: &PoolSettings) -> anyhow::Result<Db> {
        if let DatabaseTarget::Sqlite { path } = &target {
            configure_sqlite_library();
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)?;
                }
            }
        }
        if let DatabaseTarget::Sqlite { path } = &target {
            // WAL is a property of the file: set it once on one connection, so the pool's
            // connections do not race to change the journal mode. Another instance may be
            // doing the same on a new file at this moment: wait for it a little.
            let mut conn = diesel::SqliteConnection::establish(path)
                .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
            let mut attempts = 0;
            while let Err(e) =
                conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
            {
                attempts += 1;
                if attempts >= 50 {
                    return Err(anyhow::anyhow!("cannot switch the database to WAL: {e}"));
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
        let manager = Manager {
            target: target.clone(),
            statement_timeout: settings.statement_timeout,
            sqlite_synchronous: settings.sqlite_synchronous,
        };
        let pool = Pool::builder()
            .max_size(settings.max_size)
            .min_idle(Some(1.min(settings.max_size)))
            .connection_timeout(settings.connect_timeout)
            .test_on_check_out(false)
            .build(manager)
            .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
        Ok(Db { pool, target })
    }

    /// The most connections the pool keeps.
    pub fn pool_size(&self) -> u32 {
        self.pool.max_size()
    }

    pub fn target(&self) -> &DatabaseTarget {
        &self.target
    }

    /// A connection for work outside a request (start-up, the demo loader, tests).
    pub fn conn(&self) -> anyhow::Result<PooledConnection<Manager>> {
        checkout(&self.pool).map_err(|e| anyhow::anyhow!("no database connection: {e:?}"))
    }

    /// Runs pending migrations once, even when several instances start together: on PostgreSQL
    /// an advisory lock serialises them; SQLite's own write lock does the same for a file.
    pub fn migrate(&self) -> anyhow::Result<usize> {
        let mut conn = self.conn()?;
        run_migrations(&mut conn)
    }

    /// Runs `f` with a pooled connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        // The blocking thread writes its log lines in the request's span.
        let span = tracing::Span::current();
        web::block(move || {
            let _in_request = span.enter();
            let mut conn = checkout(&pool)?;
            let done = f(&mut conn).map_err(|e| explain(&mut conn, e));
            judge(&mut conn, &done);
            done
        })
        .await
        .map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))?
    }

    /// Runs read-only work `f`. On SQLite, when a pooled connection is free at once, `f` runs
    /// on the calling thread: in WAL mode a read never waits for a writer, and a short read
    /// costs less than the two thread wake-ups of a trip to a blocking thread, which were the
    /// largest cost of the pages read on every request. Otherwise (PostgreSQL, whose answer
    /// comes over the network, or no connection free) it is [`Db::run`].
    ///
    /// `f` must not write: a write may wait for SQLite's lock, and it would wait on a thread
    /// that answers other requests.
    ///
    /// On that thread all of `f`'s statements are one read transaction. Each SQLite read
    /// transaction takes and releases file locks on the database and its write-ahead log (a
    /// system call each); as one statement each, the session check and the subscription page's
    /// two statements spent about a fifth of the page's time there. One transaction also reads
    /// all of them from the same state of the database.
    pub async fn run_read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        if matches!(self.target, DatabaseTarget::Sqlite { .. }) {
            if let Some(mut conn) = self.pool.try_get() {
                let sqlite: &mut DbConnection = &mut conn;
                return sqlite.transaction(f).map_err(|e| explain(sqlite, e));
            }
        }
        self.run(f).await
    }

    /// Whether a pooled connection answers a query within `within` (the readiness check).
    /// The work runs on a blocking thread; past `within` the answer is "no" even if that thread
    /// is still waiting. On SQLite the file must also still be at its path: connections keep
    /// working on a deleted file, whose changes would be lost.
    pub async fn check_ready(&self, within: Duration) -> Result<(), String> {
        let pool = self.pool.clone();
        let target = self.target.clone();
        let check = web::block(move || -> Result<(), String> {
            let mut conn = pool.get_timeout(within).map_err(|e| e.to_string())?;
            conn.batch_execute("SELECT 1").map_err(|e| e.to_string())?;
            if let DatabaseTarget::Sqlite { path } = &target {
                std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
            }
            Ok(())
        });
        match actix_web::rt::time::timeout(within, check).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => Err(format!("blocking task failed: {e}")),
            Err(_) => Err(format!("no answer within {within:?}")),
        }
    }
}

/// Sets the SQLite library's process-wide options, once, before its first connection:
/// - multi-thread mode instead of serialized: a connection is used by one thread at a time
///   (a diesel connection is `&mut`, a pooled one is handed over whole), so the lock SQLite
///   otherwise takes around every call on a connection (each step, each column read) only
///   costs time;
/// - no memory statistics, which take a process-wide lock at every allocation SQLite makes.
///
/// When the library is already in use (a connection was opened before this), SQLite refuses
/// the options and keeps its safe defaults.
///
/// Every connection opened afterwards also plans without looking at bound values
/// ([`plan_without_bound_values`]).
fn configure_sqlite_library() {
    static CONFIGURED: std::sync::Once = std::sync::Once::new();
    CONFIGURED.call_once(|| {
        use libsqlite3_sys as ffi;
        // SAFETY: sqlite3_config is called before any connection of this program is opened
        // (the first Db::connect), with the argument types these two options take; SQLite
        // answers SQLITE_MISUSE, and changes nothing, when it is already initialized.
        let (threads, memstatus) = unsafe {
            (
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD),
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int),
            )
        };
        if threads != ffi::SQLITE_OK || memstatus != ffi::SQLITE_OK {
            tracing::debug!(threads, memstatus, "SQLite kept its default options");
        }
        // SAFETY: the entry point has the signature SQLite calls it with, and SQLite keeps
        // only the function's address.
        let registered = unsafe { ffi::sqlite3_auto_extension(Some(plan_without_bound_values)) };
        if registered != ffi::SQLITE_OK {
            tracing::warn!(registered, "SQLite will plan with bound values");
        }
    });
}

/// Called by SQLite for each new connection ([`configure_sqlite_library`]): turns on the query
/// planner stability guarantee, so a statement's plan never depends on the values bound to it.
///
/// Without it, this build of SQLite (with the index samples that `ANALYZE` keeps) marks a
/// statement that compares a bound value with the first column of an index, or matches a bound
/// LIKE pattern, to be parsed and planned again each time that value is bound: nearly every
/// list page's statement, on every request (`sqlite3RunParser` and the planner were a tenth of
/// the Customers search's time). The statements are written so that one plan suits every
/// value: what differs by size (a partner with few customers, a rare part of a name) is chosen
/// by the program, not by the planner.
unsafe extern "C" fn plan_without_bound_values(
    db: *mut libsqlite3_sys::sqlite3,
    _error: *mut *mut std::ffi::c_char,
    _api: *const libsqlite3_sys::sqlite3_api_routines,
) -> std::ffi::c_int {
    use libsqlite3_sys as ffi;
    // SAFETY: `db` is the connection SQLite is opening; this option takes an int (1: on) and
    // a pointer for the new setting, which may be null.
    let set = unsafe {
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as std::ffi::c_int,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    };
    if set != ffi::SQLITE_OK {
        tracing::warn!(set, "SQLite will plan this connection with bound values");
    }
    // Anything but OK would refuse the connection: the option only saves time.
    ffi::SQLITE_OK
}

/// The error of work done on `conn`, made ready for the page and the log: an unknown stored
/// value is described with the rows that hold it.
fn explain(conn: &mut DbConnection, e: AppError) -> AppError {
    match e {
        AppError::UnknownStored(unknown) => AppError::Internal(describe_unknown(conn, &unknown)),
        other => other,
    }
}

/// What to log when a row holds a value the program does not know: the value, the column and
/// the ids of the rows that hold it (up to five), so an operator can find and mend them.
pub fn describe_unknown(conn: &mut DbConnection, unknown: &crate::domain::UnknownValue) -> String {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    // `column` comes from the program (`table.column` in `stored_enum!`), never from a request;
    // it is still checked to be a plain name before it becomes part of a statement.
    let plain =
        |name: &str| !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    let rows = match unknown.column.split_once('.') {
        Some((table, column)) if plain(table) && plain(column) => {
            let sql = |placeholder: &str| {
                format!("SELECT id FROM {table} WHERE {column} = {placeholder} ORDER BY id LIMIT 5")
            };
            let value = unknown.value.as_str();
            let found: QueryResult<Vec<Row>> = match conn {
                DbConnection::Sqlite(c) => diesel::sql_query(sql("?"))
                    .bind::<diesel::sql_types::Text, _>(value)
                    .load(c),
                DbConnection::Postgres(c) => diesel::sql_query(sql("$1"))
                    .bind::<diesel::sql_types::Text, _>(value)
                    .load(c),
            };
            match found {
                Ok(rows) if rows.is_empty() => "no row holds it now".to_string(),
                Ok(rows) => {
                    let ids: Vec<String> = rows.into_iter().map(|r| r.id).collect();
                    format!("rows with that value: {}", ids.join(", "))
                }
                Err(e) => format!("its rows could not be listed: {e}"),
            }
        }
        _ => "its rows could not be listed".to_string(),
    };
    format!("{unknown}; {rows}")
}

/// Applies the embedded migrations of the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<usize> {
    const LOCK_KEY: i64 = 0x5c_0c_0a_7a;
    let applied = match conn {
        // An immediate transaction takes SQLite's write lock first, so a second instance on the
        // same file waits, then finds nothing pending.
        DbConnection::Sqlite(c) => c.immediate_transaction(|c| {
            c.run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|v| v.len())
                .map_err(|e| anyhow::anyhow!("migration failed: {e}"))
        })?,
        DbConnection::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({LOCK_KEY})"))?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len())
                .map_err(|e| anyhow::anyhow!("migration failed: {e}"));
            c.batch_execute(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"))?;
            result?
        }
    };
    Ok(applied)
}

/// The current time as stored in the database (UTC, whole microseconds, so both backends
/// return exactly what was written).
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DateTime::from_timestamp_micros(now.and_utc().timestamp_micros())
        .map(|d| d.naive_utc())
        .unwrap_or(now)
}

/// A time bound as a statement's parameter, as diesel binds a `NaiveDateTime` but written
/// faster on SQLite: there a timestamp is text, and diesel writes it through chrono's format
/// string, parsed again for each value (3,000 instructions; the session check of every
/// signed-in request binds three). The text is the same to the byte, which matters: SQLite
/// compares the stored timestamps with it as text. PostgreSQL binds it as diesel does.
#[derive(Debug, Clone, Copy, diesel::expression::AsExpression)]
#[diesel(sql_type = diesel::sql_types::Timestamp)]
pub struct BoundTime(pub chrono::NaiveDateTime);

impl diesel::serialize::ToSql<diesel::sql_types::Timestamp, diesel::sqlite::Sqlite> for BoundTime {
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
    ) -> diesel::serialize::Result {
        out.set_value(timestamp_text(self.0));
        Ok(diesel::serialize::IsNull::No)
    }
}

impl diesel::serialize::ToSql<diesel::sql_types::Timestamp, diesel::pg::Pg> for BoundTime {
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
    ) -> diesel::serialize::Result {
        diesel::serialize::ToSql::<diesel::sql_types::Timestamp, diesel::pg::Pg>::to_sql(
            &self.0, out,
        )
    }
}

/// `at` as diesel writes a timestamp for SQLite (chrono's `%F %T%.f`): the date, the time, and
/// the fraction of a second only when there is one, in 3, 6 or 9 digits, the fewest that hold
/// it. A year outside 0-9999 or a leap second goes through chrono itself.
fn timestamp_text(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let (year, nanos) = (at.year(), at.nanosecond());
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return at.format("%F %T%.f").to_string();
    }
    // Bytes first, checked as text once at the end.
    let mut out = Vec::with_capacity(29);
    push_digits(&mut out, year.unsigned_abs(), 4);
    out.push(b'-');
    push_digits(&mut out, at.month(), 2);
    out.push(b'-');
    push_digits(&mut out, at.day(), 2);
    out.push(b' ');
    push_digits(&mut out, at.hour(), 2);
    out.push(b':');
    push_digits(&mut out, at.minute(), 2);
    out.push(b':');
    push_digits(&mut out, at.second(), 2);
    if nanos != 0 {
        out.push(b'.');
        if nanos % 1_000_000 == 0 {
            push_digits(&mut out, nanos / 1_000_000, 3);
        } else if nanos % 1_000 == 0 {
            push_digits(&mut out, nanos / 1_000, 6);
        } else {
            push_digits(&mut out, nanos, 9);
        }
    }
    // ASCII digits and separators only.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the last `width` (at most 9) decimal digits of `value`, zeros in front.
fn push_digits(out: &mut Vec<u8>, mut value: u32, width: usize) {
    let mut digits = [b'0'; 9];
    for digit in digits[..width].iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
    out.extend_from_slice(&digits[..width]);
}

/// Defines `$name`, a column of SQL type `$sql` read as diesel reads a `$value`, but faster on
/// SQLite: the text the app writes is read by `$parse`; any text it does not take (None) goes
/// to diesel, so what comes out is always diesel's value. PostgreSQL reads it as diesel does.
/// A field takes it with `#[diesel(deserialize_as = ...)]`.
macro_rules! read_faster {
    ($(#[$doc:meta])* $name:ident, $value:ty, $sql:ty, $parse:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
        pub struct $name(pub $value);

        impl From<$name> for $value {
            fn from(read: $name) -> Self {
                read.0
            }
        }

        impl diesel::deserialize::FromSql<$sql, diesel::sqlite::Sqlite> for $name {
            fn from_sql(
                mut value: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let parse: fn(&str) -> Option<$value> = $parse;
                if let Some(read) = parse(value.read_text()) {
                    return Ok($name(read));
                }
                <$value as diesel::deserialize::FromSql<$sql, diesel::sqlite::Sqlite>>::from_sql(
                    value,
                )
                .map($name)
            }
        }

        impl diesel::deserialize::FromSql<$sql, diesel::pg::Pg> for $name {
            fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                <$value as diesel::deserialize::FromSql<$sql, diesel::pg::Pg>>::from_sql(value)
                    .map($name)
            }
        }

        impl diesel::deserialize::FromSql<$sql, MultiBackend> for $name {
            fn from_sql(
                value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                value.from_sql::<Self, $sql>()
            }
        }
    };
}

read_faster!(
    /// A timestamp column. On SQLite it is text, which diesel reads by trying chrono's format
    /// strings in turn, each parsed again for each value (3,000 instructions; the
    /// subscription page read twelve); the shape the app writes, `%F %T%.f`, is read here by
    /// hand ([`parse_timestamp_text`]).
    ReadTime,
    chrono::NaiveDateTime,
    diesel::sql_types::Timestamp,
    parse_timestamp_text
);

read_faster!(
    /// A date column: `%F` read by hand on SQLite ([`parse_date_text`]).
    ReadDate,
    chrono::NaiveDate,
    diesel::sql_types::Date,
    parse_date_text
);

/// The number written in ASCII digits in `digits`; None if any byte is not a digit.
fn digits_value(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0_u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `text` when it is a date, `YYYY-MM-DD` (chrono's `%F` with a year of four digits) and
/// nothing more; None for any other shape or a day that does not exist.
fn parse_date_text(text: &str) -> Option<chrono::NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text.as_bytes() else {
        return None;
    };
    chrono::NaiveDate::from_ymd_opt(
        i32::try_from(digits_value(&[y1, y2, y3, y4])?).ok()?,
        digits_value(&[m1, m2])?,
        digits_value(&[d1, d2])?,
    )
}

/// `text` when it has the shape diesel writes for SQLite ([`timestamp_text`]):
/// `YYYY-MM-DD HH:MM:SS`, then `.` and 1 to 9 digits or nothing. Read as chrono reads it with
/// `%F %T%.f`; None for any other shape, a time that does not exist or a leap second.
fn parse_timestamp_text(text: &str) -> Option<chrono::NaiveDateTime> {
    let bytes = text.as_bytes();
    let [b' ', h1, h2, b':', m1, m2, b':', s1, s2] = *bytes.get(10..19)? else {
        return None;
    };
    let (hour, minute, second) = (
        digits_value(&[h1, h2])?,
        digits_value(&[m1, m2])?,
        digits_value(&[s1, s2])?,
    );
    let nanos = match &bytes[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            // Fewer than nine digits are the first of nine: ".5" is 500,000,000.
            digits_value(fraction)? * 10_u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    // chrono has no second 60 here: a leap second is None, and goes to diesel.
    parse_date_text(text.get(..10)?)?.and_hms_nano_opt(hour, minute, second, nanos)
}

/// `column || ''`: the same text, but no index serves a comparison with it. For a column a
/// read only tests, where the planner would otherwise choose the column's index over the one
/// that narrows the rows: SQLite without statistics (a partner's file, unless an operator
/// gathers them) takes every index to be selective. Each use says which index it keeps out.
pub fn unindexed<C>(column: C) -> diesel::dsl::Concat<C, &'static str>
where
    C: TextExpressionMethods,
    C::SqlType: diesel::sql_types::SqlType,
    &'static str: diesel::expression::AsExpression<C::SqlType>,
{
    column.concat("")
}

/// Escapes `%`, `_` and `\` for a LIKE pattern that uses `\` as its escape character.
pub fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The customer's lower-cased name (`organizations.search_name`) contains `key` (a
/// [`crate::domain::search_key`]), for a statement that walks names and tests each. Planned on
/// each run, with the text: PostgreSQL chooses by it between its trigram index and a walk in
/// order, and a prepared statement's plan, made without the text (or the partner beside it),
/// chose badly (the audit log's name filter hashed a large provider's whole log, 2.6 s a page
/// at 100,000 customers).
pub fn name_contains(key: &str) -> fragment::Fragment<diesel::sql_types::Bool> {
    fragment::fragment("organizations.search_name LIKE ")
        .text(like_contains(key))
        .sql(" ESCAPE '\\'")
        .planned_each_run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What diesel binds for a `NaiveDateTime` on SQLite, from diesel itself.
    fn diesel_text(at: chrono::NaiveDateTime) -> String {
        use diesel::sql_types::{Text, Timestamp};
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        diesel::select(
            diesel::dsl::sql::<Text>("CAST(")
                .bind::<Timestamp, _>(at)
                .sql(" AS TEXT)"),
        )
        .get_result(&mut conn)
        .unwrap()
    }

    #[test]
    fn a_bound_time_is_the_text_diesel_writes_for_sqlite() {
        use chrono::{NaiveDate, NaiveDateTime, TimeDelta, Timelike};
        use rand::Rng;
        let at = |y, mo, d, h, mi, s, nanos| -> NaiveDateTime {
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_nano_opt(h, mi, s, nanos)
                .unwrap()
        };
        let mut times = vec![
            at(2026, 12, 7, 22, 5, 1, 0),
            at(2026, 12, 7, 22, 5, 1, 120_000_000),
            at(2026, 12, 7, 22, 5, 1, 123_456_000),
            at(2026, 12, 7, 22, 5, 1, 1_000),
            at(2026, 12, 7, 22, 5, 1, 123_456_789),
            at(2026, 1, 1, 0, 0, 0, 1),
            at(9999, 12, 31, 23, 59, 59, 999_999_999),
            at(0, 1, 1, 0, 0, 0, 0),
            at(-1, 12, 31, 23, 59, 59, 0),
            at(10000, 1, 1, 0, 0, 0, 5_000_000),
            // A leap second: chrono writes it as second 60.
            at(2016, 12, 31, 23, 59, 59, 1_500_000_000),
        ];
        // What the app binds: now, whole microseconds, and the times a session check derives.
        let now = now();
        times.extend([
            now,
            now - TimeDelta::minutes(30),
            now - TimeDelta::seconds(60),
        ]);
        let mut rng = rand::rng();
        let start = at(1900, 1, 1, 0, 0, 0, 0);
        for _ in 0..20_000 {
            let micros = rng.random_range(0..(300_i64 * 365 * 86_400 * 1_000_000));
            let t = start + TimeDelta::microseconds(micros);
            // Whole seconds, milliseconds, microseconds and nanoseconds, each in turn.
            let t = match rng.random_range(0..4) {
                0 => t.with_nanosecond(0).unwrap(),
                1 => t
                    .with_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000)
                    .unwrap(),
                2 => t,
                _ => t
                    .with_nanosecond(t.nanosecond() + rng.random_range(1..1_000))
                    .unwrap(),
            };
            times.push(t);
        }
        for t in times {
            assert_eq!(timestamp_text(t), t.format("%F %T%.f").to_string(), "{t:?}");
        }
        // And chrono's format is what diesel binds, so the two stay the same text in the
        // database (SQLite compares timestamps as text).
        for t in [
            at(2026, 12, 7, 22, 5, 1, 0),
            at(2026, 12, 7, 22, 5, 1, 123_456_000),
            now,
        ] {
            assert_eq!(diesel_text(t), timestamp_text(t), "{t:?}");
        }
    }

    /// `text` read from SQLite as a timestamp by diesel and by [`ReadTime`], and as a date by
    /// diesel and by [`ReadDate`]: each pair must be the same value or both an error.
    fn read_both_ways(conn: &mut SqliteConnection, text: &str) {
        use diesel::sql_types::{Date, Text, Timestamp};
        let timestamp = || diesel::select(diesel::dsl::sql::<Timestamp>("").bind::<Text, _>(text));
        let date = || diesel::select(diesel::dsl::sql::<Date>("").bind::<Text, _>(text));
        assert_eq!(
            timestamp().get_result::<ReadTime>(conn).ok().map(|t| t.0),
            timestamp().get_result::<chrono::NaiveDateTime>(conn).ok(),
            "timestamp {text:?}"
        );
        assert_eq!(
            date().get_result::<ReadDate>(conn).ok().map(|d| d.0),
            date().get_result::<chrono::NaiveDate>(conn).ok(),
            "date {text:?}"
        );
    }

    #[test]
    fn a_time_read_is_what_diesel_reads_from_sqlite() {
        use chrono::{NaiveDate, TimeDelta, Timelike};
        use rand::Rng;
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        let mut rng = rand::rng();
        let start = NaiveDate::from_ymd_opt(1900, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        for _ in 0..5_000 {
            let micros = rng.random_range(0..(300_i64 * 365 * 86_400 * 1_000_000));
            let t = start + TimeDelta::microseconds(micros);
            let t = match rng.random_range(0..3) {
                0 => t.with_nanosecond(0).unwrap(),
                1 => t,
                _ => t
                    .with_nanosecond(t.nanosecond() + rng.random_range(1..1_000))
                    .unwrap(),
            };
            let text = timestamp_text(t);
            read_both_ways(&mut conn, &text);
            read_both_ways(&mut conn, &text[..10]);
            // A fraction of any length from one to nine digits.
            let cut = 19 + rng.random_range(2..=10).min(text.len() - 19);
            read_both_ways(&mut conn, &text[..cut]);
        }
        for text in [
            "2026-12-07 22:05:01",
            "2026-12-07 22:05:01.5",
            "2026-12-07 22:05:01.000000001",
            "2026-12-07 22:05:01.",
            "2026-12-07 22:05:01.1234567891",
            "2026-12-07 22:05",
            "2026-12-07T22:05:01",
            "2026-12-07 22:05:01Z",
            "2026-12-07 22:05:01+01:00",
            "2026-12-07  22:05:01",
            " 2026-12-07 22:05:01",
            "2026-02-29 00:00:00",
            "2024-02-29 00:00:00",
            "2026-13-01 00:00:00",
            "2026-12-32 00:00:00",
            "2026-12-07 24:00:00",
            "2026-12-07 23:60:00",
            "2016-12-31 23:59:60",
            "2016-12-31 23:59:60.5",
            "0000-01-01 00:00:00",
            "9999-12-31 23:59:59.999999999",
            "+2026-12-07 22:05:01",
            "20261-12-07 22:05:01",
            "2026-1-07 22:05:01",
            "２０２６-12-07 22:05:01",
            "2461000.5",
            "2026-12-07",
            "2026-02-30",
            "",
        ] {
            read_both_ways(&mut conn, text);
        }
    }

    /// Runs `SELECT count(*) FROM t WHERE a = ?` with each value bound in turn, on a table
    /// whose index `ANALYZE` sampled, and returns how many times SQLite prepared the statement
    /// again. `stable` sets the connection's planner stability guarantee first.
    fn reprepares_of_bound_lookups(stable: Option<bool>) -> i32 {
        use libsqlite3_sys as ffi;
        use std::ffi::{c_int, CString};
        configure_sqlite_library();
        let exec = |db: *mut ffi::sqlite3, sql: &str| {
            let sql = CString::new(sql).unwrap();
            // SAFETY: `db` is open and `sql` a NUL-terminated statement; no callback.
            let rc = unsafe {
                ffi::sqlite3_exec(
                    db,
                    sql.as_ptr(),
                    None,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )
            };
            assert_eq!(rc, ffi::SQLITE_OK);
        };
        let mut db: *mut ffi::sqlite3 = std::ptr::null_mut();
        let name = CString::new(":memory:").unwrap();
        // SAFETY: a new in-memory database, closed below; SQLite runs the auto extension.
        let rc = unsafe {
            ffi::sqlite3_open_v2(
                name.as_ptr(),
                &mut db,
                ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE,
                std::ptr::null(),
            )
        };
        assert_eq!(rc, ffi::SQLITE_OK);
        if let Some(on) = stable {
            // SAFETY: the option takes an int and a pointer that may be null.
            let rc = unsafe {
                ffi::sqlite3_db_config(
                    db,
                    ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
                    c_int::from(on),
                    std::ptr::null_mut::<c_int>(),
                )
            };
            assert_eq!(rc, ffi::SQLITE_OK);
        }
        exec(
            db,
            "CREATE TABLE t (a TEXT NOT NULL, b TEXT NOT NULL); CREATE INDEX t_a ON t (a);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT CASE WHEN i % 100 = 0 THEN 'rare' ELSE 'common' END, i FROM n;
             ANALYZE;",
        );
        let sql = CString::new("SELECT count(*) FROM t WHERE a = ?1").unwrap();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        // SAFETY: `db` is open; the statement is finalized below.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut())
        };
        assert_eq!(rc, ffi::SQLITE_OK);
        for value in ["rare", "common", "rare", "common"] {
            let value = CString::new(value).unwrap();
            // SAFETY: `stmt` is prepared; SQLITE_TRANSIENT makes SQLite copy the text.
            unsafe {
                assert_eq!(
                    ffi::sqlite3_bind_text(stmt, 1, value.as_ptr(), -1, ffi::SQLITE_TRANSIENT()),
                    ffi::SQLITE_OK
                );
                assert_eq!(ffi::sqlite3_step(stmt), ffi::SQLITE_ROW);
                assert_eq!(ffi::sqlite3_step(stmt), ffi::SQLITE_DONE);
                assert_eq!(ffi::sqlite3_reset(stmt), ffi::SQLITE_OK);
            }
        }
        // SAFETY: `stmt` and `db` are finished with.
        unsafe {
            let reprepared = ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
            ffi::sqlite3_finalize(stmt);
            ffi::sqlite3_close(db);
            reprepared
        }
    }

    #[test]
    fn sqlite_connections_keep_a_statement_prepared_whatever_value_is_bound() {
        // Every connection the program opens: the setting comes with it.
        assert_eq!(reprepares_of_bound_lookups(None), 0);
        // What the setting saves: without it, each new value prepares the statement again.
        assert!(reprepares_of_bound_lookups(Some(false)) >= 3);
    }

    #[test]
    fn database_urls_pick_a_backend_or_say_why_not() {
        assert_eq!(
            DatabaseTarget::parse("postgres://u@h/db")
                .unwrap()
                .backend_name(),
            "postgres"
        );
        assert_eq!(
            DatabaseTarget::parse("postgresql://u@h/db")
                .unwrap()
                .backend_name(),
            "postgres"
        );
        assert_eq!(
            DatabaseTarget::parse("sqlite://data/x.db").unwrap(),
            DatabaseTarget::Sqlite {
                path: "data/x.db".into()
            }
        );
        assert_eq!(
            DatabaseTarget::parse("./x.db").unwrap(),
            DatabaseTarget::Sqlite {
                path: "./x.db".into()
            }
        );
        let err = DatabaseTarget::parse("mysql://root@localhost/db").unwrap_err();
        assert!(err.contains("mysql://"), "{err}");
        assert!(DatabaseTarget::parse("").is_err());
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_contains("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
