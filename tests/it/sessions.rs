//! Sessions: idle timeout, the list of open sessions, cookies and headers, requests from other sites.

use std::io::{Read, Write};
use std::time::Duration;

use diesel::prelude::*;
use support_contacts::config::Settings;
use support_contacts::db::schema::audit_events;

use crate::helpers::*;

const HELPDESK: &str = "helpdesk@contoso.example";

#[actix_web::test]
async fn a_session_unused_for_the_idle_timeout_ends_and_use_keeps_it_open() {
    let app = TestApp::spawn_with(Settings {
        idle_timeout: Duration::from_secs(4),
        ..Settings::for_tests()
    })
    .await;
    let b = app.signed_in(HELPDESK).await;
    // Used every second for 6 s: longer than the idle timeout, never idle that long (a slow
    // request on a busy machine still leaves seconds to spare).
    for _ in 0..6 {
        actix_web::rt::time::sleep(Duration::from_millis(1000)).await;
        assert_eq!(b.get("/customers").await.status, 200, "still signed in");
    }
    actix_web::rt::time::sleep(Duration::from_millis(4500)).await;
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn a_user_sees_their_sessions_and_signs_out_another() {
    let app = TestApp::spawn().await;
    let laptop = app.signed_in(HELPDESK).await;
    let phone = app.signed_in(HELPDESK).await;
    let other_user = app.signed_in("admin.agent@contoso.example").await;
    let page = laptop.get("/account/sessions").await;
    assert_eq!(page.status, 200);
    let rows: Vec<Vec<String>> = page.rows().into_iter().skip(1).collect();
    assert_eq!(
        rows.len(),
        2,
        "two sessions of this user, not the other user's: {rows:?}"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r.iter().any(|c| c == "This session"))
            .count(),
        1
    );
    assert!(rows.iter().all(|r| r[1] == "127.0.0.1"), "{rows:?}");
    // The form names the other session by a handle, never by its id (the cookie's secret).
    let handle = page
        .body
        .split("name=\"session\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    assert_eq!(handle.len(), 16);
    let ended = laptop
        .post(
            "/account/sessions/end",
            &[("csrf_token", &page.csrf()), ("session", &handle)],
        )
        .await;
    assert_eq!(ended.status, 303);
    assert_eq!(ended.location(), "/account/sessions?ended=1");
    let after = laptop.get(ended.location()).await;
    assert!(after
        .main_text()
        .contains("The sessions you chose are signed out."));
    assert_eq!(after.rows().len(), 2, "the header and this session");
    assert_eq!(phone.get("/customers").await.location(), "/sign-in");
    assert_eq!(laptop.get("/customers").await.status, 200);
    assert_eq!(other_user.get("/customers").await.status, 200);
    // Ending it again changes nothing and says so.
    let again = laptop
        .post(
            "/account/sessions/end",
            &[("csrf_token", &page.csrf()), ("session", &handle)],
        )
        .await;
    assert_eq!(again.status, 409);
    let events: Vec<(String, Option<String>)> = audit_events::table
        .filter(audit_events::action.eq("sessions_ended"))
        .select((audit_events::actor_name, audit_events::new_value))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        events,
        vec![("Hana Helpdesk".to_string(), Some("1".to_string()))]
    );
}

#[actix_web::test]
async fn sign_out_all_other_sessions_keeps_this_one() {
    let app = TestApp::spawn().await;
    let here = app.signed_in(HELPDESK).await;
    let elsewhere: Vec<Browser> =
        vec![app.signed_in(HELPDESK).await, app.signed_in(HELPDESK).await];
    let page = here.get("/account/sessions").await;
    let done = here
        .post(
            "/account/sessions/end",
            &[("csrf_token", &page.csrf()), ("session", "others")],
        )
        .await;
    assert_eq!(done.status, 303);
    for b in &elsewhere {
        assert_eq!(b.get("/customers").await.location(), "/sign-in");
    }
    assert_eq!(here.get("/customers").await.status, 200);
    let page = here.get("/account/sessions").await;
    assert!(
        !page.body.contains("value=\"others\""),
        "no other session to end"
    );
    let bad = here
        .post(
            "/account/sessions/end",
            &[("csrf_token", &page.csrf()), ("session", "'; drop table")],
        )
        .await;
    assert_eq!(bad.status, 400);
}

#[actix_web::test]
async fn secure_cookies_use_the_host_prefix_and_https_sites_send_hsts() {
    let plain = TestApp::spawn().await;
    let page = plain.browser().get("/sign-in").await;
    assert!(page.header("strict-transport-security").is_none());
    let secure = TestApp::spawn_with(Settings {
        secure_cookies: true,
        ..Settings::for_tests()
    })
    .await;
    let b = secure.browser();
    let page = b.get("/sign-in").await;
    assert_eq!(
        page.header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains")
    );
    let cookie = page.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("__Host-sc_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("Path=/"));
    assert!(!cookie.to_ascii_lowercase().contains("domain="));
    let language = b.get("/language?lang=ja-JP&next=/sign-in").await;
    let lang_cookie = language.header("set-cookie").expect("a language cookie");
    assert!(lang_cookie.starts_with("lang=ja-JP"), "{lang_cookie}");
    assert!(lang_cookie.contains("Secure"), "{lang_cookie}");
}

#[actix_web::test]
async fn a_form_sent_from_another_site_is_refused_even_with_a_valid_token() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("admin.agent@contoso.example").await;
    let page = b.get("/support-profile").await;
    let token = page.csrf();
    let fields = [
        ("csrf_token", token.as_str()),
        ("email", "support@contoso.example"),
        ("phone", "+1 425 555 0100"),
        ("website", "https://contoso.example/support"),
    ];
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![
            ("Sec-Fetch-Site", "same-site"),
            ("Origin", app.base.as_str()),
        ],
    ] {
        let refused = b
            .post_with_headers("/support-profile", &headers, &fields)
            .await;
        assert_eq!(refused.status, 403, "{headers:?}");
        assert!(
            refused
                .main_text()
                .contains("This form was sent from another site"),
            "{}",
            refused.main_text()
        );
    }
    for headers in [
        vec![("Origin", app.base.as_str())],
        vec![
            ("Sec-Fetch-Site", "same-origin"),
            ("Origin", app.base.as_str()),
        ],
        vec![],
    ] {
        let accepted = b
            .post_with_headers("/support-profile", &headers, &fields)
            .await;
        assert_eq!(
            accepted.status,
            303,
            "{headers:?}: {}",
            accepted.main_text()
        );
    }
}

#[actix_web::test]
async fn links_never_take_their_address_from_a_forged_host() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("global.admin@contoso.example").await;
    let form = admin.get("/users/new").await;
    let page = admin
        .post_with_headers(
            "/users/new",
            &[
                ("Host", "evil.example"),
                ("X-Forwarded-Host", "evil.example"),
                ("Forwarded", "host=evil.example;proto=https"),
            ],
            &[
                ("csrf_token", &form.csrf()),
                ("email", "new.colleague@contoso.example"),
                ("name", "New Colleague"),
                ("role", "helpdesk_agent"),
            ],
        )
        .await;
    assert!(!page.body.contains("evil.example"), "{}", page.body);
    assert!(
        page.body.contains(&format!("{}/set-password/", app.base)),
        "the link uses the address the server listens on: {}",
        page.main_text()
    );
    let public = TestApp::spawn_with(Settings {
        public_url: Some("https://support.contoso.example".into()),
        ..Settings::for_tests()
    })
    .await;
    let admin = public.signed_in("global.admin@contoso.example").await;
    let form = admin.get("/users/new").await;
    let page = admin
        .post_with_headers(
            "/users/new",
            &[("Host", "evil.example")],
            &[
                ("csrf_token", &form.csrf()),
                ("email", "new.colleague@contoso.example"),
                ("name", "New Colleague"),
                ("role", "helpdesk_agent"),
            ],
        )
        .await;
    assert!(page
        .body
        .contains("https://support.contoso.example/set-password/"));
    assert!(!page.body.contains("evil.example"));
}

#[actix_web::test]
async fn the_server_refuses_to_start_on_a_public_address_without_public_url() {
    let db = empty_sqlite_path();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_support-contacts"))
        .args(["serve", "--bind", "0.0.0.0:0"])
        .env("DATABASE_URL", format!("sqlite://{db}"))
        .env_remove("PUBLIC_URL")
        .output()
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("PUBLIC_URL is required"), "{stderr}");
}

/// Opens a connection and sends a POST's headers with only part of its body.
fn start_slow_post(address: std::net::SocketAddr) -> std::net::TcpStream {
    let mut socket = std::net::TcpStream::connect(address).unwrap();
    // Never hang the suite: a server that kept waiting fails the test instead.
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    socket
        .write_all(
            format!(
                "POST /sign-in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail="
            )
            .as_bytes(),
        )
        .unwrap();
    socket
}

#[actix_web::test]
async fn a_slow_body_gets_408_and_one_address_cannot_hold_every_connection() {
    let app = TestApp::spawn_with(Settings {
        body_timeout: Duration::from_secs(1),
        max_requests_per_address: 2,
        ..Settings::for_tests()
    })
    .await;
    let address = app.address();
    let (first, second) = actix_web::rt::task::spawn_blocking(move || {
        (start_slow_post(address), start_slow_post(address))
    })
    .await
    .unwrap();
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    // Both places of this address are taken: a third request is turned away at once.
    let third = app.browser().get("/sign-in").await;
    assert_eq!(third.status, 429);
    assert_eq!(third.header("retry-after"), Some("1"));
    assert!(third
        .main_text()
        .contains("Too many requests are in progress from your address"));
    let answers = actix_web::rt::task::spawn_blocking(move || {
        [first, second].map(|mut socket| {
            let started = std::time::Instant::now();
            let mut answer = String::new();
            let _ = socket.read_to_string(&mut answer);
            (answer, started.elapsed())
        })
    })
    .await
    .unwrap();
    for (answer, waited) in answers {
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(waited < Duration::from_secs(5), "{waited:?}");
    }
    assert_eq!(app.browser().get("/sign-in").await.status, 200);
}

#[actix_web::test]
async fn an_upload_that_arrives_too_slowly_gets_408_on_the_localized_page() {
    let app = TestApp::spawn_with(Settings {
        body_timeout: Duration::from_secs(1),
        ..Settings::for_tests()
    })
    .await;
    let b = app.signed_in("admin.agent@contoso.example").await;
    let token = b.get("/customers/import").await.csrf();
    let cookie = format!("sc_session={}", b.cookie("sc_session").unwrap());
    let address = app.address();
    let answer = actix_web::rt::task::spawn_blocking(move || {
        let mut socket = std::net::TcpStream::connect(address).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let boundary = "slowboundary";
        let start = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
             Content-Type: text/csv\r\n\r\ncustomer_name,"
        );
        let head = format!(
            "POST /customers/import HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\nConnection: close\r\n\
             Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 100000\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).unwrap();
        socket.write_all(start.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = socket.read_to_string(&mut answer);
        answer
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains("The form took too long to arrive."),
        "{answer}"
    );
}
