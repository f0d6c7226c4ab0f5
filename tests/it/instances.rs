//! Several app instances on one database, both backends' schemas, start-up and outages.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use support_contacts::config::Settings;
use support_contacts::db::{DatabaseTarget, Db, PoolSettings};

use crate::helpers::*;

/// Two instances behind one load balancer: same database, same session key.
async fn two_instances() -> (TestApp, TestApp) {
    let a = TestApp::spawn().await;
    let b = TestApp::spawn_on(
        a.target.clone(),
        a.settings.clone(),
        PoolSettings::default(),
    )
    .await;
    (a, b)
}

#[actix_web::test]
async fn a_session_from_one_instance_works_on_another_and_ends_on_both() {
    let (a, b) = two_instances().await;
    let on_a = a.signed_in("helpdesk@contoso.example").await;
    let on_b = on_a.clone_to(&b.base);
    let page = on_b.get("/customers").await;
    assert_eq!(page.status, 200, "signed in through A, served by B");
    assert!(page.body.contains("Hana Helpdesk"));
    // A form shown by B is accepted by A (the CSRF token lives in the shared cookie).
    let path = subscription_path(&on_b, "Adatum Corporation", "Office 365 Business Standard").await;
    let form = on_b.get(&path).await;
    let fabrikam = form.option_value("support_contact", "Fabrikam Solutions");
    let saved = on_a
        .post(
            &path,
            &[
                ("csrf_token", &form.csrf()),
                ("version", "1"),
                ("support_contact", &fabrikam),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    // The change made through A shows on B at once, to partner and customer alike.
    let customer_path = on_b
        .get("/customers")
        .await
        .link("Adatum Corporation")
        .unwrap();
    let list = on_b.get(&customer_path).await;
    let row = list
        .body
        .split("<tr>")
        .find(|r| r.contains("Office 365 Business Standard"))
        .unwrap();
    assert!(row.contains("Fabrikam Solutions"));
    let customer = b.signed_in("admin@adatum.example").await;
    assert!(customer
        .get("/admin/support")
        .await
        .body
        .contains("mailto:support@fabrikam.example"));
    // Sign out on A: the same cookie is dead on B.
    let cookie = on_a.cookie("sc_session").unwrap();
    assert_eq!(on_a.sign_out().await.status, 303);
    let replay = b.browser();
    replay.set_cookie("sc_session", &cookie);
    assert_eq!(replay.get("/customers").await.location(), "/sign-in");
    // The subscription page checks the session in the statement that reads the page.
    assert_eq!(replay.get(&path).await.location(), "/sign-in");
}

/// The Support page and the subscription page check the session on their own connection
/// (one trip to the database): a sign-out through A still ends them on B at the next request.
#[actix_web::test]
async fn the_pages_read_on_every_request_end_on_both_instances_at_sign_out() {
    let (a, b) = two_instances().await;
    let partner = a.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(
        &partner,
        "Adatum Corporation",
        "Office 365 Business Standard",
    )
    .await;
    let admin = a.signed_in("admin@adatum.example").await;
    let pages = [(&partner, path.as_str()), (&admin, "/admin/support")];
    let mut cookies = Vec::new();
    for (browser, page) in pages {
        let on_b = browser.clone_to(&b.base);
        assert_eq!(on_b.get(page).await.status, 200, "{page} through B");
        cookies.push((browser.cookie("sc_session").unwrap(), page));
        assert_eq!(browser.sign_out().await.status, 303);
    }
    for (cookie, page) in cookies {
        let replay = b.browser();
        replay.set_cookie("sc_session", &cookie);
        assert_eq!(replay.get(page).await.location(), "/sign-in", "{page}");
    }
}

#[actix_web::test]
async fn an_instance_with_another_key_cannot_read_the_session() {
    let a = TestApp::spawn().await;
    let other = TestApp::spawn_on(
        a.target.clone(),
        Settings::for_tests(),
        PoolSettings::default(),
    )
    .await;
    let on_a = a.signed_in("helpdesk@contoso.example").await;
    let on_other = on_a.clone_to(&other.base);
    assert_eq!(on_other.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn simultaneous_changes_never_lose_an_update_silently() {
    let (a, b) = two_instances().await;
    let first = a.signed_in("helpdesk@contoso.example").await;
    let second = b.signed_in("admin.agent@contoso.example").await;
    let path =
        subscription_path(&first, "Adatum Corporation", "Office 365 Business Standard").await;
    let forms = [first.get(&path).await, second.get(&path).await];
    let fabrikam = forms[0].option_value("support_contact", "Fabrikam Solutions");
    let (t1, t2) = (forms[0].csrf(), forms[1].csrf());
    let fields = |token: &str| {
        vec![
            ("csrf_token".to_string(), token.to_string()),
            ("version".to_string(), "1".to_string()),
            ("support_contact".to_string(), fabrikam.clone()),
        ]
    };
    let (f1, f2) = (fields(&t1), fields(&t2));
    let (r1, r2) = (as_refs(&f1), as_refs(&f2));
    let (p1, p2) = tokio::join!(first.post(&path, &r1), second.post(&path, &r2));
    let mut statuses = [p1.status, p2.status];
    statuses.sort();
    assert_eq!(statuses, [303, 409], "one is saved, the other is told");
    let loser = if p1.status == 409 { &p1 } else { &p2 };
    assert!(loser
        .main_text()
        .contains("Someone else changed this subscription"));
    let selected = loser.selected("support_contact");
    assert_eq!(
        selected,
        vec!["Fabrikam Solutions"],
        "with the current value"
    );
}

fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[actix_web::test]
async fn many_simultaneous_submissions_save_exactly_one() {
    let (a, b) = two_instances().await;
    let path = {
        let first = a.signed_in("helpdesk@contoso.example").await;
        subscription_path(&first, "Adatum Corporation", "Office 365 Business Standard").await
    };
    let emails = [
        "helpdesk@contoso.example",
        "admin.agent@contoso.example",
        "global.admin@contoso.example",
    ];
    let mut browsers = Vec::new();
    for i in 0..6 {
        let app = if i % 2 == 0 { &a } else { &b };
        browsers.push(app.signed_in(emails[i % 3]).await);
    }
    let mut forms = Vec::new();
    for br in &browsers {
        let page = br.get(&path).await;
        let fabrikam = page.option_value("support_contact", "Fabrikam Solutions");
        forms.push((page.csrf(), fabrikam));
    }
    let posts = browsers.iter().zip(&forms).map(|(br, (token, fabrikam))| {
        let path = path.clone();
        async move {
            br.post(
                &path,
                &[
                    ("csrf_token", token.as_str()),
                    ("version", "1"),
                    ("support_contact", fabrikam.as_str()),
                ],
            )
            .await
        }
    });
    let results = futures_util::future::join_all(posts).await;
    let statuses: Vec<u16> = results.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        5,
        "{statuses:?}"
    );
    let events: i64 = support_contacts::db::schema::audit_events::table
        .count()
        .get_result(&mut a.conn())
        .unwrap();
    assert_eq!(events, 1);
}

#[test]
fn both_backends_have_the_same_migration_names() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert!(!names("sqlite").is_empty());
    assert_eq!(names("sqlite"), names("postgres"));
}

#[derive(QueryableByName, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    not_null: i32,
}

/// Table -> column -> (portable type, not null), as each backend describes itself.
fn logical_schema(db: &Db) -> BTreeMap<(String, String), (String, bool)> {
    let mut conn = db.conn().unwrap();
    let columns: Vec<Column> = match db.target() {
        DatabaseTarget::Sqlite { .. } => diesel::sql_query(
            // Ordinary tables only: not SQLite's full-text index of names (a virtual table
            // and its shadow tables), which PostgreSQL keeps as an index.
            "SELECT m.name AS table_name, p.name AS column_name, lower(p.type) AS data_type, \
             p.\"notnull\" AS not_null FROM pragma_table_list m, pragma_table_info(m.name) p \
             WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite%' \
             AND m.name NOT LIKE '\\_\\_%' ESCAPE '\\'",
        )
        .load(&mut *conn)
        .unwrap(),
        DatabaseTarget::Postgres { .. } => diesel::sql_query(
            "SELECT table_name::text, column_name::text, data_type::text, \
             CASE is_nullable WHEN 'NO' THEN 1 ELSE 0 END AS not_null \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name NOT LIKE '\\_\\_%'",
        )
        .load(&mut *conn)
        .unwrap(),
    };
    columns
        .into_iter()
        .map(|c| {
            let portable = match c.data_type.as_str() {
                "text" => "text",
                "integer" => "integer",
                "boolean" => "boolean",
                "timestamp" | "timestamp without time zone" => "timestamp",
                "date" => "date",
                other => panic!(
                    "unexpected column type {other} in {}.{}",
                    c.table_name, c.column_name
                ),
            };
            // SQLite reports a TEXT PRIMARY KEY as nullable unless declared NOT NULL; every key
            // here is declared NOT NULL, so the flags compare directly.
            (
                (c.table_name, c.column_name),
                (portable.to_string(), c.not_null == 1),
            )
        })
        .collect()
}

#[test]
fn both_backends_migrate_to_the_same_logical_schema() {
    let Some(server) = available_postgres() else {
        return;
    };
    let sqlite = Db::connect(
        DatabaseTarget::Sqlite {
            path: empty_sqlite_path(),
        },
        &PoolSettings::default(),
    )
    .unwrap();
    sqlite.migrate().unwrap();
    let pg = Db::connect(empty_postgres_database(&server), &PoolSettings::default()).unwrap();
    pg.migrate().unwrap();
    let (a, b) = (logical_schema(&sqlite), logical_schema(&pg));
    assert!(a.len() > 40, "{a:?}");
    assert_eq!(a, b);
}

#[test]
fn migrations_run_once_when_instances_start_together() {
    let mut targets = vec![DatabaseTarget::Sqlite {
        path: empty_sqlite_path(),
    }];
    if let Some(server) = available_postgres() {
        targets.push(empty_postgres_database(&server));
    }
    for target in targets {
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let target = target.clone();
                std::thread::spawn(move || {
                    let db = Db::connect(target, &PoolSettings::default()).unwrap();
                    db.migrate().unwrap()
                })
            })
            .collect();
        let applied: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let migrations =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
                .unwrap()
                .count();
        assert_eq!(
            applied.iter().sum::<usize>(),
            migrations,
            "{} {applied:?}",
            target.backend_name()
        );
    }
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_support-contacts"))
}

#[test]
fn the_migrate_command_migrates_and_bad_urls_stop_with_a_clear_message() {
    let path = empty_sqlite_path();
    let out = binary()
        .args(["migrate", "--database-url", &format!("sqlite://{path}")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = Db::connect(
        DatabaseTarget::Sqlite { path: path.clone() },
        &PoolSettings::default(),
    )
    .unwrap();
    assert_eq!(db.migrate().unwrap(), 0, "already migrated by the command");
    for bad in ["mysql://root@localhost/db", "http://example.com/db"] {
        let out = binary()
            .args(["migrate", "--database-url", bad])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("unsupported database scheme"),
            "{bad}: {stderr}"
        );
    }
    let out = binary()
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            "redis://127.0.0.1",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("DATABASE_URL"));
}

#[actix_web::test]
async fn a_database_outage_gives_a_localized_try_again_page_and_recovers_by_itself() {
    let Some(server) = available_postgres() else {
        return;
    };
    let target = fresh_postgres_database(&server);
    let DatabaseTarget::Postgres { url } = &target else {
        unreachable!()
    };
    let name = url.rsplit('/').next().unwrap().to_string();
    let pool = PoolSettings {
        max_size: 2,
        connect_timeout: Duration::from_secs(1),
        statement_timeout: Duration::from_secs(5),
        ..PoolSettings::default()
    };
    let app = TestApp::spawn_on(target.clone(), Settings::for_tests(), pool).await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    b.set_cookie("lang", "ja-JP");
    assert_eq!(b.get("/customers").await.status, 200);
    // The database goes away: no new connections, and every existing one is cut.
    pg_admin(
        &server,
        &format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"),
    );
    pg_admin(
        &server,
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    );
    let down = b.get("/customers").await;
    assert_eq!(down.status, 503);
    assert_eq!(down.html_lang(), Some("ja-JP"));
    assert!(
        down.main_text().contains("もう一度"),
        "{}",
        down.main_text()
    );
    assert!(
        !down.body.to_lowercase().contains("postgres"),
        "no database text on the page"
    );
    assert!(
        !down.body.contains("connection"),
        "no database text on the page"
    );
    assert!(down.header("retry-after").is_some());
    // It comes back; the same instance serves again without a restart.
    pg_admin(
        &server,
        &format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"),
    );
    let mut status = 0;
    for _ in 0..20 {
        status = b.get("/customers").await.status;
        if status == 200 {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200, "recovered");
}

/// Cuts every connection the app holds to its PostgreSQL database (the server stays up).
fn cut_connections(server: &str, url: &str) {
    let name = url.rsplit('/').next().unwrap();
    pg_admin(
        server,
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    );
}

/// A PostgreSQL app whose pool holds two connections, with a signed-in helpdesk agent.
async fn postgres_app_with_two_connections() -> Option<(TestApp, String, String)> {
    let server = available_postgres()?;
    let target = fresh_postgres_database(&server);
    let DatabaseTarget::Postgres { url } = &target else {
        unreachable!()
    };
    let url = url.clone();
    let pool = PoolSettings {
        max_size: 2,
        connect_timeout: Duration::from_secs(1),
        ..PoolSettings::default()
    };
    let app = TestApp::spawn_on(target, Settings::for_tests(), pool).await;
    Some((app, server, url))
}

#[actix_web::test]
async fn connections_idle_when_the_server_cut_them_are_replaced_before_anyone_meets_them() {
    let Some((app, server, url)) = postgres_app_with_two_connections().await else {
        return;
    };
    let b = app.signed_in("helpdesk@contoso.example").await;
    assert_eq!(b.get("/customers").await.status, 200);
    cut_connections(&server, &url);
    // Idle for longer than a connection is trusted without a ping.
    actix_web::rt::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(b.get("/customers").await.status, 200);
    assert_eq!(b.get("/customers").await.status, 200);
}

#[actix_web::test]
async fn connections_cut_while_in_steady_use_cost_at_most_a_try_again_page_each() {
    let Some((app, server, url)) = postgres_app_with_two_connections().await else {
        return;
    };
    let b = app.signed_in("helpdesk@contoso.example").await;
    b.set_cookie("lang", "zh-TW");
    assert_eq!(b.get("/customers").await.status, 200);
    cut_connections(&server, &url);
    // At once: the connections were proven a moment ago and are lent without a ping. A
    // request that meets a dead one is asked to try again; the connection is not lent again
    // without a ping, so the pool heals within one try per connection.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let page = b.get("/customers").await;
        if page.status != 200 {
            assert_eq!(page.status, 503, "{}", page.main_text());
            assert_eq!(page.html_lang(), Some("zh-TW"));
            assert!(!page.body.to_lowercase().contains("postgres"));
        }
        statuses.push(page.status);
    }
    let failed = statuses.iter().filter(|s| **s != 200).count();
    assert!(
        failed <= 2,
        "one try-again page at most per connection: {statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&200), "{statuses:?}");
    assert!(
        statuses.windows(2).all(|w| w[0] != 200 || w[1] == 200),
        "once healed it stays healed: {statuses:?}"
    );
}
