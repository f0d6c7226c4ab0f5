//! The test harness: a real server on port 0 with its own database (a copy of a demo-world
//! template), and browsers that keep cookies, read CSRF tokens from pages and follow the
//! seed's steps.
//!
//! Backend: SQLite by default. With `TEST_DATABASE_URL=postgres://…` every test gets its own
//! PostgreSQL database, made from a template database created once per test run.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diesel::connection::SimpleConnection;
use support_contacts::config::Settings;
use support_contacts::db::{DatabaseTarget, Db, PoolSettings};
use support_contacts::demo;
use support_contacts::startup::{serve, AppState};

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

fn test_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("support-contacts-it-{}", std::process::id()));
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
    pub db: Db,
    pub target: DatabaseTarget,
    pub settings: Settings,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let target = fresh_database();
        Self::spawn_on(target, Settings::for_tests(), PoolSettings::default()).await
    }

    /// A server on a new, empty database (migrated, no demo world), on the suite's backend.
    pub async fn spawn_empty() -> TestApp {
        let target = match postgres_server() {
            Some(server) => empty_postgres_database(&server),
            None => DatabaseTarget::Sqlite {
                path: empty_sqlite_path(),
            },
        };
        Self::spawn_on(target, Settings::for_tests(), PoolSettings::default()).await
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
        let server = serve(listener, state, Some(1)).unwrap();
        actix_web::rt::spawn(server);
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            db,
            target,
            settings,
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

/// A response, read whole.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or("")
    }

    /// The value of the first input `name`.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = at + self.body[at..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let start = tag.find(" value=\"")? + 8;
        let end = tag[start..].find('"')? + start;
        Some(html_unescape(&tag[start..end]))
    }

    pub fn csrf(&self) -> String {
        self.input_value("csrf_token")
            .expect("page has a CSRF token")
    }

    /// The href of the first link whose text is exactly `text`.
    pub fn link(&self, text: &str) -> Option<String> {
        let needle = format!(">{text}</a>");
        let end = self.body.find(&needle)?;
        let tag_start = self.body[..end].rfind("<a ")?;
        let tag = &self.body[tag_start..end];
        let start = tag.find("href=\"")? + 6;
        let stop = tag[start..].find('"')? + start;
        Some(html_unescape(&tag[start..stop]))
    }

    /// The (value, text) of every option of the select `name`.
    pub fn options(&self, name: &str) -> Vec<(String, String, bool)> {
        let Some(start) = self.body.find(&format!("name=\"{name}\"")) else {
            return Vec::new();
        };
        let end = self.body[start..]
            .find("</select>")
            .map(|e| start + e)
            .unwrap_or(start);
        self.body[start..end]
            .split("<option ")
            .skip(1)
            .filter_map(|chunk| {
                let v_start = chunk.find("value=\"")? + 7;
                let v_end = chunk[v_start..].find('"')? + v_start;
                let t_start = chunk.find('>')? + 1;
                let t_end = chunk.find("</option>")?;
                Some((
                    chunk[v_start..v_end].to_string(),
                    html_unescape(chunk[t_start..t_end].trim()),
                    chunk[..t_start].contains("selected"),
                ))
            })
            .collect()
    }

    /// The text of every option of the select `name`.
    pub fn option_texts(&self, name: &str) -> Vec<String> {
        self.options(name).into_iter().map(|o| o.1).collect()
    }

    /// The text of the selected options of the select `name`.
    pub fn selected(&self, name: &str) -> Vec<String> {
        self.options(name)
            .into_iter()
            .filter(|o| o.2)
            .map(|o| o.1)
            .collect()
    }

    /// The value of the option whose text is `text`.
    pub fn option_value(&self, name: &str, text: &str) -> String {
        self.options(name)
            .into_iter()
            .find(|o| o.1 == text)
            .map(|o| o.0)
            .unwrap_or_else(|| panic!("no option {text} in {name}"))
    }

    /// The text of the `<main>` element without tags, for "the page says" assertions.
    pub fn main_text(&self) -> String {
        let start = self.body.find("<main").unwrap_or(0);
        let end = self.body.find("</main>").unwrap_or(self.body.len());
        let mut out = String::new();
        let mut in_tag = false;
        for c in self.body[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        html_unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The text of each cell (header or data) of every table row, in page order, whitespace
    /// folded: what a person reads in the tables, whatever the markup around it.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let html = scraper::Html::parse_document(&self.body);
        let rows = scraper::Selector::parse("main tr").unwrap();
        let cells = scraper::Selector::parse("th, td").unwrap();
        html.select(&rows)
            .map(|row| {
                row.select(&cells)
                    .map(|cell| {
                        cell.text()
                            .collect::<String>()
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect()
    }

    /// The cells of the first table row whose first cell reads `first`.
    pub fn row(&self, first: &str) -> Option<Vec<String>> {
        self.rows()
            .into_iter()
            .find(|cells| cells.first().is_some_and(|c| c == first))
    }

    pub fn html_lang(&self) -> Option<&str> {
        let start = self.body.find("<html lang=\"")? + 12;
        let end = self.body[start..].find('"')? + start;
        Some(&self.body[start..end])
    }

    pub fn title(&self) -> &str {
        let start = self.body.find("<title>").map(|i| i + 7).unwrap_or(0);
        let end = self.body.find("</title>").unwrap_or(start);
        &self.body[start..end]
    }
}

pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A browser: a cookie jar, an optional Accept-Language, and no automatic redirects.
pub struct Browser {
    base: String,
    client: awc::Client,
    cookies: RefCell<HashMap<String, String>>,
    pub accept_language: RefCell<Option<String>>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_string(),
            client: awc::Client::builder()
                // Drop idle connections before the server's 5 s keep-alive closes them, so a
                // request after a slow one never lands on a connection the server just closed.
                .connector(awc::Connector::new().conn_keep_alive(std::time::Duration::from_secs(2)))
                .disable_redirects()
                .timeout(std::time::Duration::from_secs(30))
                .finish(),
            cookies: RefCell::new(HashMap::new()),
            accept_language: RefCell::new(None),
        }
    }

    /// The same cookies, in another browser pointed at another instance.
    pub fn clone_to(&self, base: &str) -> Browser {
        let b = Browser::new(base);
        *b.cookies.borrow_mut() = self.cookies.borrow().clone();
        b
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    async fn send(&self, req: awc::ClientRequest, form: Option<&[(&str, &str)]>) -> Page {
        self.send_body(req, form, None).await
    }

    async fn send_body(
        &self,
        req: awc::ClientRequest,
        form: Option<&[(&str, &str)]>,
        raw: Option<(String, Vec<u8>)>,
    ) -> Page {
        let mut req = req;
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header(("Cookie", cookies));
        }
        if let Some(lang) = self.accept_language.borrow().clone() {
            req = req.insert_header(("Accept-Language", lang));
        }
        let mut res = match (form, raw) {
            (Some(fields), _) => req.send_form(&fields).await,
            (None, Some((content_type, body))) => {
                req.insert_header(("Content-Type", content_type))
                    .send_body(body)
                    .await
            }
            (None, None) => req.send().await,
        }
        .expect("request failed");
        let mut headers = HashMap::new();
        for (name, value) in res.headers() {
            let value = value.to_str().unwrap_or("").to_string();
            headers
                .entry(name.as_str().to_string())
                .and_modify(|v: &mut String| {
                    v.push('\n');
                    v.push_str(&value)
                })
                .or_insert(value);
        }
        for value in res.headers().get_all("set-cookie") {
            let raw = value.to_str().unwrap_or("");
            let first = raw.split(';').next().unwrap_or("");
            if let Some((name, val)) = first.split_once('=') {
                let expired = val.is_empty()
                    || raw.to_ascii_lowercase().contains("max-age=0")
                    || raw.contains("1970");
                if expired {
                    self.cookies.borrow_mut().remove(name.trim());
                } else {
                    self.set_cookie(name.trim(), val.trim());
                }
            }
        }
        let body = res.body().limit(16 << 20).await.expect("read body");
        Page {
            status: res.status().as_u16(),
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let req = self.client.get(self.url(path));
        self.send(req, None).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let req = self.client.post(self.url(path));
        self.send(req, Some(fields)).await
    }

    /// Posts a multipart form (text fields, then one file), as a browser uploads a file.
    pub async fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> Page {
        let boundary = format!("----support-contacts-{}", uuid::Uuid::new_v4().simple());
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        let (name, file_name, content) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self.client.post(self.url(path));
        self.send_body(
            req,
            None,
            Some((format!("multipart/form-data; boundary={boundary}"), body)),
        )
        .await
    }

    /// Posts a form as sent from the page `referer`.
    pub async fn post_with_referer(
        &self,
        path: &str,
        referer: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let req = self
            .client
            .post(self.url(path))
            .insert_header(("Referer", referer.to_string()));
        self.send(req, Some(fields)).await
    }

    /// Posts a raw body with a content type.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let mut req = self
            .client
            .post(self.url(path))
            .insert_header(("Content-Type", content_type.to_string()));
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header(("Cookie", cookies));
        }
        let mut res = req.send_body(body).await.expect("request failed");
        let status = res.status().as_u16();
        let mut headers = HashMap::new();
        for (name, value) in res.headers() {
            headers.insert(
                name.as_str().to_string(),
                value.to_str().unwrap_or("").to_string(),
            );
        }
        let body = res.body().limit(16 << 20).await.unwrap_or_default();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// Posts a form with the CSRF token of the page at `form_page` (as a browser would).
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(form_page).await.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Submits a subscription's contact form as shown on `form`, choosing `contact_id`.
    pub async fn post_contact(&self, path: &str, form: &Page, contact_id: &str) -> Page {
        let version = form.input_value("version").unwrap_or_default();
        self.post(
            path,
            &[
                ("csrf_token", &form.csrf()),
                ("version", &version),
                ("support_contact", contact_id),
            ],
        )
        .await
    }

    /// Signs in with the demo password.
    pub async fn sign_in(&self, email: &str) -> Page {
        self.sign_in_with(email, DEMO_PASSWORD).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Page {
        self.submit(
            "/sign-in",
            "/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn sign_out(&self) -> Page {
        self.submit("/customers", "/sign-out", &[]).await
    }
}

/// Follows the seed's steps up to a subscription page and returns its path.
pub async fn subscription_path(b: &Browser, customer: &str, product: &str) -> String {
    let customers = b.get("/customers").await;
    assert_eq!(customers.status, 200, "{}", customers.body);
    let customer_path = customers
        .link(customer)
        .unwrap_or_else(|| panic!("no link to {customer}"));
    let subs = b.get(&customer_path).await;
    subs.link(product)
        .unwrap_or_else(|| panic!("no link to {product} on {customer_path}"))
}
