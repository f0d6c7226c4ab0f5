//! Sign-in under attack: the hashing queue, clients that left, throttling per account and address.

use std::io::{Read, Write};
use std::time::Duration;

use diesel::prelude::*;
use support_contacts::auth::password::HashPoolSettings;
use support_contacts::config::Settings;
use support_contacts::db::schema::audit_events;
use support_contacts::domain::sign_in_limits::SignInLimits;

use crate::helpers::*;

const HELPDESK: &str = "helpdesk@contoso.example";

fn with_limits(limits: SignInLimits) -> Settings {
    Settings {
        sign_in_limits: limits,
        ..Settings::for_tests()
    }
}

fn limits(per_account: i32, per_address: i32, window: Duration) -> SignInLimits {
    SignInLimits {
        per_account,
        per_address,
        per_code_user: 5,
        window,
    }
}

#[actix_web::test]
async fn an_account_pauses_after_ten_failures_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    let b = app.browser();
    for n in 1..=9 {
        let page = b.sign_in_with(HELPDESK, &format!("wrong {n}")).await;
        assert_eq!(page.status, 401, "failure {n} is an ordinary refusal");
    }
    let tenth = b.sign_in_with(HELPDESK, "wrong 10").await;
    assert_eq!(tenth.status, 429, "the tenth failure pauses the account");
    let right = b.sign_in(HELPDESK).await;
    assert_eq!(
        right.status, 429,
        "no password is checked while the account waits"
    );
    let retry: i64 = right
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((14 * 60..=15 * 60).contains(&retry), "{retry}");
    let text = right.main_text();
    assert!(text.contains("Too many failed sign-in attempts"), "{text}");
    assert!(text.contains("Try again in 15 minutes."), "{text}");
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn the_owner_gets_in_once_the_wait_is_over() {
    let app = TestApp::spawn_with(with_limits(limits(3, 100, Duration::from_secs(2)))).await;
    let b = app.browser();
    for n in 1..=3 {
        b.sign_in_with(HELPDESK, &format!("wrong {n}")).await;
    }
    assert_eq!(b.sign_in(HELPDESK).await.status, 429);
    actix_web::rt::time::sleep(Duration::from_millis(2100)).await;
    let page = b.sign_in(HELPDESK).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(b.get("/customers").await.status, 200);
}

#[actix_web::test]
async fn an_unknown_email_is_paused_like_a_known_one_so_nothing_is_revealed() {
    let app = TestApp::spawn_with(with_limits(limits(2, 100, Duration::from_secs(600)))).await;
    let b = app.browser();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..3 {
        known.push(b.sign_in_with(HELPDESK, "wrong").await);
        unknown.push(b.sign_in_with("nobody@contoso.example", "wrong").await);
    }
    let statuses = |pages: &[Page]| pages.iter().map(|p| p.status).collect::<Vec<_>>();
    assert_eq!(statuses(&known), vec![401, 429, 429]);
    assert_eq!(statuses(&unknown), statuses(&known));
    assert_eq!(unknown[2].main_text(), known[2].main_text());
    // Emails are compared without case or surrounding spaces.
    let shouted = b.sign_in_with(" NOBODY@Contoso.example ", "wrong").await;
    assert_eq!(shouted.status, 429);
}

#[actix_web::test]
async fn one_address_is_paused_across_accounts_and_forwarded_for_counts_only_from_a_trusted_proxy()
{
    let settings = with_limits(limits(100, 3, Duration::from_secs(600)));
    let app = TestApp::spawn_with(settings.clone()).await;
    let b = app.browser();
    for who in [
        "a@contoso.example",
        "b@contoso.example",
        "c@contoso.example",
    ] {
        b.sign_in_with(who, "wrong").await;
    }
    assert_eq!(b.sign_in(HELPDESK).await.status, 429, "the address waits");
    // A forged X-Forwarded-For from a client that is not a trusted proxy changes nothing.
    let token = b.get("/sign-in").await.csrf();
    let forged = b
        .post_with_headers(
            "/sign-in",
            &[("X-Forwarded-For", "198.51.100.7")],
            &[
                ("csrf_token", &token),
                ("email", HELPDESK),
                ("password", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, 429);

    // Behind a trusted proxy (this test's loopback), each client is its own address.
    let proxied = TestApp::spawn_with(Settings {
        trusted_proxies: vec![support_contacts::config::parse_proxy("127.0.0.1").unwrap()],
        ..settings
    })
    .await;
    let b = proxied.browser();
    let from = |ip: &'static str| [("X-Forwarded-For", ip)];
    for who in [
        "a@contoso.example",
        "b@contoso.example",
        "c@contoso.example",
    ] {
        let token = b.get("/sign-in").await.csrf();
        b.post_with_headers(
            "/sign-in",
            &from("198.51.100.7"),
            &[
                ("csrf_token", &token),
                ("email", who),
                ("password", "wrong"),
            ],
        )
        .await;
    }
    let sign_in_from = |ip: &'static str| {
        let b = &b;
        async move {
            let token = b.get("/sign-in").await.csrf();
            b.post_with_headers(
                "/sign-in",
                &from(ip),
                &[
                    ("csrf_token", &token),
                    ("email", HELPDESK),
                    ("password", DEMO_PASSWORD),
                ],
            )
            .await
        }
    };
    assert_eq!(sign_in_from("198.51.100.7").await.status, 429);
    assert_eq!(sign_in_from("203.0.113.5").await.status, 303);
}

#[actix_web::test]
async fn failed_attempts_and_the_pause_are_in_the_organizations_audit_log() {
    let app = TestApp::spawn_with(with_limits(limits(2, 100, Duration::from_secs(600)))).await;
    let b = app.browser();
    b.sign_in_with(HELPDESK, "wrong").await;
    b.sign_in_with(HELPDESK, "wrong again").await;
    let events: Vec<(String, String, Option<String>)> = audit_events::table
        .filter(audit_events::action.like("sign_in%"))
        .order(audit_events::occurred_at)
        .select((
            audit_events::action,
            audit_events::actor_name,
            audit_events::new_value,
        ))
        .load(&mut app.conn())
        .unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        actions,
        ["sign_in_failed", "sign_in_failed", "sign_in_throttled"]
    );
    assert!(events.iter().all(|e| e.1 == "anonymous"));
    assert!(events.iter().all(|e| e.2.as_deref() == Some("127.0.0.1")));
    // The partner's Global admin reads them in the audit log, in words.
    let admin = app.signed_in("global.admin@contoso.example").await;
    let log = admin.get("/audit").await;
    let text = log.main_text();
    assert!(text.contains("Sign-in failed"), "{text}");
    assert!(
        text.contains("Sign-in paused after failed attempts"),
        "{text}"
    );
    assert!(text.contains("Someone not signed in"), "{text}");
}

#[actix_web::test]
async fn a_sign_in_that_cannot_get_a_hashing_thread_in_time_gets_a_localized_503() {
    // A wait of nothing: every request is past its time when a thread takes it.
    let app = TestApp::spawn_with(Settings {
        hashing: HashPoolSettings {
            threads: 1,
            queue: 4,
            max_wait: Duration::ZERO,
        },
        ..Settings::for_tests()
    })
    .await;
    let b = app.browser();
    *b.accept_language.borrow_mut() = Some("zh-TW".into());
    let page = b.sign_in(HELPDESK).await;
    assert_eq!(page.status, 503);
    assert!(page.header("retry-after").is_some());
    assert!(
        page.main_text().contains("目前有許多人正在登入"),
        "{}",
        page.main_text()
    );
    assert_eq!(app.hasher.computed(), 0, "nothing was hashed");
}

/// A sign-in POST as raw HTTP/1.1, on a new connection to `address`.
fn send_raw_sign_in(
    address: std::net::SocketAddr,
    cookie: &str,
    body: &str,
) -> std::net::TcpStream {
    let mut socket = std::net::TcpStream::connect(address).unwrap();
    let request = format!(
        "POST /sign-in HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(request.as_bytes()).unwrap();
    socket
}

/// Sends a complete sign-in POST on its own connection and closes it at once, without
/// reading the answer: what a flood of abandoned sign-ins looks like.
fn fire_and_forget(address: std::net::SocketAddr, cookie: &str, body: &str) {
    drop(send_raw_sign_in(address, cookie, body));
}

/// A sign-in form's cookie and body, for raw requests.
async fn raw_sign_in_form(b: &Browser) -> (String, String) {
    let page = b.get("/sign-in").await;
    let cookie = format!("sc_session={}", b.cookie("sc_session").unwrap());
    let body = format!(
        "csrf_token={}&email=nobody%40contoso.example&password=wrong",
        page.csrf()
    );
    (cookie, body)
}

#[actix_web::test]
async fn sign_ins_whose_clients_left_are_not_hashed_and_do_not_lock_anyone_out() {
    let app = TestApp::spawn().await;
    let (cookie, body) = raw_sign_in_form(&app.browser()).await;
    let address = app.address();
    let before = app.hasher.computed();
    actix_web::rt::task::spawn_blocking(move || {
        for _ in 0..20 {
            fire_and_forget(address, &cookie, &body);
        }
    })
    .await
    .unwrap();
    // Give the server time to take every request off its connections.
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    let abandoned = app.hasher.computed() - before;
    assert!(
        abandoned <= 2,
        "{abandoned} of 20 abandoned sign-ins were hashed"
    );
    let signed_in = app.signed_in(HELPDESK).await;
    assert_eq!(signed_in.get("/customers").await.status, 200);
}

#[actix_web::test]
async fn a_client_that_waits_for_its_answer_is_hashed_and_answered() {
    // The counterpart of the test above: the probe does not mistake a live client for a
    // gone one, even when the client has sent everything and only waits.
    let app = TestApp::spawn().await;
    let (cookie, body) = raw_sign_in_form(&app.browser()).await;
    let address = app.address();
    let answer = actix_web::rt::task::spawn_blocking(move || {
        let mut socket = send_raw_sign_in(address, &cookie, &body);
        let mut answer = String::new();
        socket.read_to_string(&mut answer).unwrap();
        answer
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(app.hasher.computed() >= 1);
}
