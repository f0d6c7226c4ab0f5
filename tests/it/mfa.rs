//! Multi-factor authentication: enrolment, the sign-in step, recovery codes, policy, reset.
//!
//! Codes are computed here with the same crate the server uses (`totp-rs`), from the key the
//! set-up page shows or the secret stored for the user, as an authenticator app would.

use diesel::prelude::*;
use support_contacts::db::schema::{mfa_recovery_codes, organizations, user_sessions, users};

use crate::accounts::{command, printed_link, set_password, GOOD_PASSWORD};
use crate::flows::events;
use crate::helpers::*;
use crate::support_contact::org_id;

/// Seconds since 1970.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The code an authenticator app shows for a base32 secret at a moment.
pub fn code_at(secret: &str, unix_seconds: u64) -> String {
    let bytes = totp_rs::Secret::try_from_base32(secret).expect("a base32 secret");
    totp_rs::Builder::new()
        .with_secret(bytes.as_bytes().to_vec())
        .build()
        .expect("a TOTP")
        .generate(unix_seconds)
        .to_string()
}

/// The code of the current step.
pub fn current_code(secret: &str) -> String {
    code_at(secret, unix_now())
}

/// The key a set-up page shows, without its spaces.
pub fn key_on_page(page: &Page) -> String {
    let marker = "<code id=\"mfa-key\">";
    let start = page.body.find(marker).expect("the page shows the key") + marker.len();
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].replace(' ', "")
}

/// The recovery codes a page shows.
pub fn codes_on_page(page: &Page) -> Vec<String> {
    let start = page
        .body
        .find("class=\"recovery-codes\"")
        .expect("the page lists recovery codes");
    let end = start + page.body[start..].find("</ul>").unwrap();
    page.body[start..end]
        .split("<code>")
        .skip(1)
        .map(|c| c[..c.find("</code>").unwrap()].to_string())
        .collect()
}

/// The secret stored for a user, if they have MFA.
pub fn stored_secret(app: &TestApp, email: &str) -> Option<String> {
    users::table
        .filter(users::email.eq(email))
        .select(users::mfa_secret)
        .first(&mut app.conn())
        .unwrap()
}

fn last_step(app: &TestApp, email: &str) -> Option<i32> {
    users::table
        .filter(users::email.eq(email))
        .select(users::mfa_last_step)
        .first(&mut app.conn())
        .unwrap()
}

/// A code the server accepts now for a user: of the current step, or of the next one when the
/// current one was used (the server accepts one step either side); after both, the next step's
/// start is waited for.
pub async fn fresh_code(app: &TestApp, email: &str) -> String {
    let secret = stored_secret(app, email).expect("the user has MFA");
    loop {
        let now = unix_now();
        let step = now / 30;
        let last = last_step(app, email);
        // Not the last second of a step, so the code is still in the window when it arrives.
        for candidate in [step, step + 1] {
            if last.is_none_or(|l| candidate > l as u64) && now % 30 < 28 {
                return code_at(&secret, candidate * 30);
            }
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

/// Sets MFA up on the page at `setup` (the account's or the sign-in's) and returns the key and
/// the recovery codes shown once, with the page that showed them.
pub async fn set_up(b: &Browser, setup: &str) -> (String, Vec<String>, Page) {
    let page = b.get(setup).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(
        page.body.contains("<svg class=\"qr-code\""),
        "an inline SVG QR code"
    );
    let key = key_on_page(&page);
    let done = b
        .post(
            setup,
            &[("csrf_token", &page.csrf()), ("code", &current_code(&key))],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert!(
        done.location().starts_with("/account/mfa/recovery-codes"),
        "{}",
        done.location()
    );
    let shown = b.get(done.location()).await;
    assert_eq!(shown.status, 200, "{}", shown.main_text());
    let codes = codes_on_page(&shown);
    (key, codes, shown)
}

/// The second step after a password, whatever it is: a code, or setting MFA up (the browser is
/// then signed in). Does nothing when the sign-in needed none.
pub async fn second_step(app: &TestApp, b: &Browser, email: &str, after_password: &Page) {
    match after_password.location() {
        "/sign-in/mfa" => {
            let code = fresh_code(app, email).await;
            let done = b
                .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &code)])
                .await;
            assert_eq!(done.status, 303, "{email}: {}", done.main_text());
        }
        "/sign-in/mfa/setup" => {
            set_up(b, "/sign-in/mfa/setup").await;
        }
        _ => {}
    }
}

fn unused_codes(app: &TestApp, email: &str) -> i64 {
    mfa_recovery_codes::table
        .inner_join(users::table)
        .filter(users::email.eq(email))
        .filter(mfa_recovery_codes::used_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn user_id(app: &TestApp, email: &str) -> String {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap()
}

fn mfa_required(app: &TestApp, organization: &str) -> bool {
    organizations::table
        .filter(organizations::name.eq(organization))
        .select(organizations::mfa_required)
        .first(&mut app.conn())
        .unwrap()
}

fn live_sessions(app: &TestApp, email: &str) -> i64 {
    user_sessions::table
        .filter(user_sessions::user_id.eq(user_id(app, email)))
        .filter(user_sessions::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn the_demo_world_signs_in_with_a_password_alone() {
    let app = TestApp::spawn().await;
    let names: Vec<(String, bool)> = organizations::table
        .select((organizations::name, organizations::mfa_required))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(names.len(), 7);
    assert!(names.iter().all(|(_, required)| !required), "{names:?}");
    let b = app.browser();
    assert_eq!(
        b.sign_in("global.admin@contoso.example").await.location(),
        "/"
    );
}

#[actix_web::test]
async fn enrolment_refuses_a_wrong_code_and_turns_on_with_the_right_one() {
    let app = TestApp::spawn().await;
    let email = "helpdesk@contoso.example";
    let b = app.signed_in(email).await;
    let account = b.get("/account/password").await;
    assert_eq!(
        account
            .link("Multi-factor authentication (MFA) settings")
            .as_deref(),
        Some("/account/mfa")
    );
    let off = b.get("/account/mfa").await;
    assert!(
        off.main_text().contains("Status Off"),
        "{}",
        off.main_text()
    );
    assert_eq!(off.link("Set up").as_deref(), Some("/account/mfa/setup"));

    let setup = b.get("/account/mfa/setup").await;
    assert_eq!(setup.status, 200);
    let key = key_on_page(&setup);
    assert_eq!(key.len(), 32, "160 bits in base32");
    assert!(
        setup.main_text().contains(&key[..4]),
        "the key is shown in groups of four"
    );
    // The page keeps its secret when reloaded, so a scanned code stays right.
    assert_eq!(key_on_page(&b.get("/account/mfa/setup").await), key);
    // The QR code is markup in the page, not an image from elsewhere, and has no style.
    let svg_start = setup.body.find("<svg").unwrap();
    let svg = &setup.body[svg_start..svg_start + setup.body[svg_start..].find("</svg>").unwrap()];
    assert!(!svg.contains("style") && !svg.contains("data:"), "{svg}");
    assert!(
        !setup.body.contains("otpauth"),
        "the address is drawn, not printed"
    );

    let wrong_code = if current_code(&key) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = b
        .post(
            "/account/mfa/setup",
            &[("csrf_token", &setup.csrf()), ("code", wrong_code)],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.main_text().contains("That code is not right."));
    assert_eq!(stored_secret(&app, email), None, "nothing stored yet");
    assert_eq!(key_on_page(&refused), key, "the same key to try again");

    let right = b
        .post(
            "/account/mfa/setup",
            &[("csrf_token", &setup.csrf()), ("code", &current_code(&key))],
        )
        .await;
    assert_eq!(right.status, 303, "{}", right.main_text());
    assert_eq!(right.location(), "/account/mfa/recovery-codes");
    let shown = b.get("/account/mfa/recovery-codes").await;
    let codes = codes_on_page(&shown);
    assert_eq!(codes.len(), 10);
    assert!(shown.main_text().contains("They are shown only once."));
    assert_eq!(shown.link("Continue").as_deref(), Some("/account/mfa"));
    // Once: a reload goes to the MFA page instead.
    assert_eq!(
        b.get("/account/mfa/recovery-codes").await.location(),
        "/account/mfa"
    );
    assert_eq!(stored_secret(&app, email).as_deref(), Some(key.as_str()));
    // Only hashes are stored.
    let hashes: Vec<String> = mfa_recovery_codes::table
        .select(mfa_recovery_codes::code_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(hashes.len(), 10);
    for code in &codes {
        let bare = code.replace('-', "").to_lowercase();
        assert!(!hashes.iter().any(|h| h.contains(&bare)), "{code}");
    }
    let on = b.get("/account/mfa").await.main_text();
    assert!(on.contains("On since"), "{on}");
    assert!(on.contains("10 unused"), "{on}");
    assert_eq!(events(&app, "mfa_enrolled"), 1);
    // A second set-up is not offered.
    assert_eq!(b.get("/account/mfa/setup").await.location(), "/account/mfa");
}

#[actix_web::test]
async fn sign_in_asks_for_the_code_and_a_wrong_code_fails() {
    let app = TestApp::spawn().await;
    let email = "admin.agent@contoso.example";
    let (key, _, _) = set_up(&app.signed_in(email).await, "/account/mfa/setup").await;

    let b = app.browser();
    let after_password = b.sign_in(email).await;
    assert_eq!(after_password.status, 303);
    assert_eq!(after_password.location(), "/sign-in/mfa");
    // Not signed in yet.
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
    let form = b.get("/sign-in/mfa").await;
    assert_eq!(form.status, 200);
    assert!(form.main_text().contains("Enter your code"));
    let wrong = if current_code(&key) == "123456" {
        "654321"
    } else {
        "123456"
    };
    let refused = b
        .post(
            "/sign-in/mfa",
            &[("csrf_token", &form.csrf()), ("code", wrong)],
        )
        .await;
    assert_eq!(refused.status, 401);
    assert!(refused.main_text().contains("That code is not right."));
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
    // A form without the CSRF token does nothing.
    let code = fresh_code(&app, email).await;
    assert_eq!(b.post("/sign-in/mfa", &[("code", &code)]).await.status, 403);

    let done = b
        .post(
            "/sign-in/mfa",
            &[("csrf_token", &form.csrf()), ("code", &code)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(done.location(), "/");
    assert_eq!(b.get("/customers").await.status, 200);
    // The second step's page is for a pending sign-in only.
    assert_eq!(
        app.browser().get("/sign-in/mfa").await.location(),
        "/sign-in"
    );
}

#[actix_web::test]
async fn a_code_is_accepted_once() {
    let app = TestApp::spawn().await;
    let email = "helpdesk@contoso.example";
    set_up(&app.signed_in(email).await, "/account/mfa/setup").await;
    let code = fresh_code(&app, email).await;

    let first = app.browser();
    first.sign_in(email).await;
    let used = first
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &code)])
        .await;
    assert_eq!(used.status, 303, "{}", used.main_text());

    // The same code again, on another browser, within its 30 seconds.
    let second = app.browser();
    assert_eq!(second.sign_in(email).await.location(), "/sign-in/mfa");
    let replayed = second
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &code)])
        .await;
    assert_eq!(replayed.status, 401);
    assert!(
        replayed.main_text().contains("That code was used already."),
        "{}",
        replayed.main_text()
    );
    assert_eq!(second.get("/customers").await.location(), "/sign-in");
    // The previous step's code is older than the one used: refused as well.
    let secret = stored_secret(&app, email).unwrap();
    let older = code_at(&secret, (last_step(&app, email).unwrap() as u64 - 1) * 30);
    let refused = second
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &older)])
        .await;
    assert_eq!(refused.status, 401);
}

#[actix_web::test]
async fn a_recovery_code_works_once() {
    let app = TestApp::spawn().await;
    let email = "global.admin@contoso.example";
    let (_, codes, _) = set_up(&app.signed_in(email).await, "/account/mfa/setup").await;
    let code = codes[3].clone();

    let b = app.browser();
    b.sign_in(email).await;
    // Typed the way people do: lower case, a space for the hyphen.
    let typed = code.to_lowercase().replace('-', " ");
    let done = b
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &typed)])
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(b.get("/customers").await.status, 200);
    assert_eq!(unused_codes(&app, email), 9);
    assert_eq!(events(&app, "mfa_recovery_code_used"), 1);
    assert!(b.get("/account/mfa").await.main_text().contains("9 unused"));

    let again = app.browser();
    again.sign_in(email).await;
    let refused = again
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &code)])
        .await;
    assert_eq!(refused.status, 401);
    assert!(refused.main_text().contains("That code is not right."));
    assert_eq!(again.get("/customers").await.location(), "/sign-in");
    // Another user's code is not this user's.
    let (_, other_codes, _) = set_up(
        &app.signed_in("helpdesk@contoso.example").await,
        "/account/mfa/setup",
    )
    .await;
    let refused = again
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &other_codes[0])])
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(events(&app, "mfa_recovery_code_used"), 1);
}

#[actix_web::test]
async fn new_recovery_codes_replace_the_old_and_mfa_turns_off_only_when_not_required() {
    let app = TestApp::spawn().await;
    let email = "admin@adatum.example";
    let b = app.signed_in(email).await;
    let (_, old_codes, _) = set_up(&b, "/account/mfa/setup").await;
    let account = b.get("/account/mfa").await;
    let renewed = b
        .post(
            "/account/mfa/recovery-codes/new",
            &[("csrf_token", &account.csrf())],
        )
        .await;
    assert_eq!(renewed.status, 303);
    let new_codes = codes_on_page(&b.get(renewed.location()).await);
    assert_eq!(new_codes.len(), 10);
    assert!(old_codes.iter().all(|c| !new_codes.contains(c)));
    assert_eq!(events(&app, "mfa_recovery_codes_renewed"), 1);
    let other = app.browser();
    other.sign_in(email).await;
    let refused = other
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &old_codes[0])])
        .await;
    assert_eq!(refused.status, 401, "an old code stopped working");
    let accepted = other
        .submit("/sign-in/mfa", "/sign-in/mfa", &[("code", &new_codes[0])])
        .await;
    assert_eq!(accepted.status, 303);

    // Adatum does not require MFA: its admin may turn their own off, with the password.
    let wrong = b
        .submit(
            "/account/mfa",
            "/account/mfa/turn-off",
            &[("proof", "not my password")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .main_text()
        .contains("That is not your current password or a current code."));
    assert!(stored_secret(&app, email).is_some());
    let off = b
        .submit(
            "/account/mfa",
            "/account/mfa/turn-off",
            &[("proof", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(off.status, 303, "{}", off.main_text());
    assert_eq!(stored_secret(&app, email), None);
    assert_eq!(unused_codes(&app, email), 0);
    assert!(b
        .get(off.location())
        .await
        .main_text()
        .contains("Multi-factor authentication is off."));
    assert_eq!(events(&app, "mfa_turned_off"), 1);
    assert_eq!(
        app.browser().sign_in(email).await.location(),
        "/",
        "a password alone again"
    );

    // Contoso requires it once its Global admin says so; then nobody there may turn it off.
    let hana = app.signed_in("helpdesk@contoso.example").await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let saved = gil
        .submit("/users", "/users/mfa-policy", &[("required", "on")])
        .await;
    assert_eq!(saved.status, 303);
    // Sessions that are open already stay open; Hana sets MFA up from her account page.
    set_up(&hana, "/account/mfa/setup").await;
    let page = hana.get("/account/mfa").await;
    assert!(page
        .main_text()
        .contains("requires multi-factor authentication for all users"));
    assert!(
        !page.body.contains("/account/mfa/turn-off"),
        "no turn-off form"
    );
    let refused = hana
        .post(
            "/account/mfa/turn-off",
            &[("csrf_token", &page.csrf()), ("proof", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.main_text().contains("cannot be turned off"));
    assert!(stored_secret(&app, "helpdesk@contoso.example").is_some());
}

#[actix_web::test]
async fn a_partner_made_by_init_requires_mfa_and_sets_it_up_at_first_sign_in() {
    let app = TestApp::spawn_empty().await;
    let (code, out, err) = command(
        &app,
        &[
            "init",
            "--organization",
            "Contoso Distribution",
            "--kind",
            "provider",
            "--partner-id",
            "1000001",
            "--admin-email",
            "gil@contoso.example",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(mfa_required(&app, "Contoso Distribution"));
    let link = printed_link(&out);
    assert_eq!(
        set_password(&app.browser(), &link, GOOD_PASSWORD)
            .await
            .status,
        303
    );

    let b = app.browser();
    let after_password = b
        .submit(
            "/sign-in?next=/audit",
            "/sign-in",
            &[
                ("email", "gil@contoso.example"),
                ("password", GOOD_PASSWORD),
                ("next", "/audit"),
            ],
        )
        .await;
    assert_eq!(after_password.status, 303);
    assert_eq!(after_password.location(), "/sign-in/mfa/setup");
    assert_eq!(
        b.get("/customers").await.location(),
        "/sign-in",
        "not signed in yet"
    );
    assert_eq!(
        b.get("/sign-in/mfa").await.location(),
        "/sign-in/mfa/setup",
        "no way around the set-up"
    );
    let setup = b.get("/sign-in/mfa/setup").await;
    assert!(setup
        .main_text()
        .contains("Your organization requires multi-factor authentication."));
    let (_, codes, shown) = set_up(&b, "/sign-in/mfa/setup").await;
    assert_eq!(codes.len(), 10);
    assert_eq!(shown.link("Continue").as_deref(), Some("/audit"));
    let log = b.get("/audit").await;
    assert_eq!(log.status, 200);
    assert!(log
        .main_text()
        .contains("Multi-factor authentication set up"));

    // The next sign-in asks for a code.
    let again = app.browser();
    let page = again
        .sign_in_with("gil@contoso.example", GOOD_PASSWORD)
        .await;
    assert_eq!(page.location(), "/sign-in/mfa");
    second_step(&app, &again, "gil@contoso.example", &page).await;
    assert_eq!(again.get("/customers").await.status, 200);
}

#[actix_web::test]
async fn a_global_admin_requires_mfa_for_the_organization_and_nobody_else_may() {
    let app = TestApp::spawn().await;
    // A customer's Global admin, on the customer's User management.
    let ada = app.signed_in("admin@adatum.example").await;
    let users = ada.get("/admin/users").await;
    assert!(users
        .main_text()
        .contains("Require multi-factor authentication for all users"));
    let saved = ada
        .submit(
            "/admin/users",
            "/admin/users/mfa-policy",
            &[("required", "on")],
        )
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(saved.location(), "/admin/users?done=mfa_policy");
    assert!(mfa_required(&app, "Adatum Corporation"));
    assert!(
        !mfa_required(&app, "Contoso Distribution"),
        "one organization only"
    );
    assert!(ada
        .get(saved.location())
        .await
        .main_text()
        .contains("The multi-factor authentication setting was saved."));
    assert_eq!(events(&app, "mfa_required"), 1);
    // Saving the same setting again records nothing.
    ada.submit(
        "/admin/users",
        "/admin/users/mfa-policy",
        &[("required", "on")],
    )
    .await;
    assert_eq!(events(&app, "mfa_required"), 1);

    // Its other users set MFA up at their next sign-in.
    let user = app.browser();
    assert_eq!(
        user.sign_in("user@adatum.example").await.location(),
        "/sign-in/mfa/setup"
    );

    // Nobody but a Global admin may change it, nor another organization's.
    let customer_user = app.browser();
    let page = customer_user.sign_in("user@adatum.example").await;
    assert_eq!(page.location(), "/sign-in/mfa/setup");
    set_up(&customer_user, "/sign-in/mfa/setup").await;
    let refused = customer_user
        .submit("/account/mfa", "/admin/users/mfa-policy", &[])
        .await;
    assert_eq!(refused.status, 403);
    let agent = app.signed_in("admin.agent@contoso.example").await;
    assert_eq!(
        agent
            .submit("/customers", "/users/mfa-policy", &[("required", "on")])
            .await
            .status,
        403
    );
    assert!(!mfa_required(&app, "Contoso Distribution"));
    let gil = app.signed_in("global.admin@contoso.example").await;
    assert_eq!(
        gil.submit("/users", "/admin/users/mfa-policy", &[])
            .await
            .status,
        404,
        "a partner's admin has no customer User management"
    );
    assert!(mfa_required(&app, "Adatum Corporation"));

    // Off again: an event too.
    let off = ada
        .submit("/admin/users", "/admin/users/mfa-policy", &[])
        .await;
    assert_eq!(off.status, 303);
    assert!(!mfa_required(&app, "Adatum Corporation"));
    assert_eq!(events(&app, "mfa_not_required"), 1);
    let log = ada.get("/admin/audit").await.main_text();
    assert!(
        log.contains("Multi-factor authentication required for all users"),
        "{log}"
    );
    assert!(
        log.contains("Multi-factor authentication no longer required"),
        "{log}"
    );
}

#[actix_web::test]
async fn a_reset_ends_the_colleagues_sessions_and_sends_them_through_setup_again() {
    let app = TestApp::spawn().await;
    let email = "helpdesk@contoso.example";
    let hana = app.signed_in(email).await;
    set_up(&hana, "/account/mfa/setup").await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    gil.submit("/users", "/users/mfa-policy", &[("required", "on")])
        .await;
    assert!(live_sessions(&app, email) >= 1);

    let path = format!("/users/{}", user_id(&app, email));
    let page = gil.get(&path).await;
    assert!(
        page.main_text().contains("On since"),
        "{}",
        page.main_text()
    );
    assert!(page.body.contains(&format!("{path}/mfa-reset")));
    // Without the CSRF token, nothing happens.
    assert_eq!(
        gil.post(&format!("{path}/mfa-reset"), &[]).await.status,
        403
    );
    assert!(stored_secret(&app, email).is_some());
    let done = gil
        .post(
            &format!("{path}/mfa-reset"),
            &[("csrf_token", &page.csrf())],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(done.location(), "/users?done=mfa_reset");
    assert!(gil
        .get(done.location())
        .await
        .main_text()
        .contains("Multi-factor authentication was reset."));
    assert_eq!(stored_secret(&app, email), None);
    assert_eq!(unused_codes(&app, email), 0);
    assert_eq!(live_sessions(&app, email), 0);
    assert_eq!(
        hana.get("/customers").await.location(),
        "/sign-in",
        "signed out"
    );
    assert_eq!(events(&app, "mfa_reset"), 1);
    assert!(gil
        .get("/audit")
        .await
        .main_text()
        .contains("Multi-factor authentication reset"));

    // The next sign-in sets MFA up again (Contoso requires it now).
    let again = app.browser();
    assert_eq!(again.sign_in(email).await.location(), "/sign-in/mfa/setup");
    set_up(&again, "/sign-in/mfa/setup").await;
    assert_eq!(again.get("/customers").await.status, 200);
    assert_eq!(events(&app, "mfa_enrolled"), 2);

    // An admin does not reset their own here.
    set_up(&gil, "/account/mfa/setup").await;
    let own = format!("/users/{}", user_id(&app, "global.admin@contoso.example"));
    let own_page = gil.get(&own).await;
    assert!(!own_page.body.contains("/mfa-reset"));
    let refused = gil
        .post(
            &format!("{own}/mfa-reset"),
            &[("csrf_token", &own_page.csrf())],
        )
        .await;
    assert_eq!(refused.status, 409);
}

#[actix_web::test]
async fn a_reset_is_for_global_admins_of_the_same_organization_only() {
    let app = TestApp::spawn().await;
    let email = "helpdesk@contoso.example";
    set_up(&app.signed_in(email).await, "/account/mfa/setup").await;
    let target = user_id(&app, email);

    // Another organization's Global admin: not found, whichever User management they use.
    let ada = app.signed_in("admin@adatum.example").await;
    let token = ada.get("/admin/users").await.csrf();
    for path in [
        format!("/admin/users/{target}/mfa-reset"),
        format!("/users/{target}/mfa-reset"),
    ] {
        let refused = ada.post(&path, &[("csrf_token", &token)]).await;
        assert_eq!(refused.status, 404, "{path}");
    }
    // Another partner's Global admin (Fabrikam has none in the demo: one is added).
    crate::flows::add_user(
        &app,
        "Fabrikam Solutions",
        "gil@fabrikam.example",
        support_contacts::domain::roles::Role::GlobalAdmin,
    );
    let fabrikam = app.signed_in("gil@fabrikam.example").await;
    let token = fabrikam.get("/users").await.csrf();
    let refused = fabrikam
        .post(
            &format!("/users/{target}/mfa-reset"),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(refused.status, 404);
    // A colleague who is not a Global admin.
    let agent = app.signed_in("admin.agent@contoso.example").await;
    let token = agent.get("/customers").await.csrf();
    let refused = agent
        .post(
            &format!("/users/{target}/mfa-reset"),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(refused.status, 403);

    assert!(stored_secret(&app, email).is_some(), "nothing was reset");
    assert_eq!(unused_codes(&app, email), 10);
    assert_eq!(events(&app, "mfa_reset"), 0);
    assert_eq!(org_id(&app, "Contoso Distribution").len(), 36);
}

#[actix_web::test]
async fn mfa_pages_are_in_every_language() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    for (lang, title, app_word) in [
        ("zh-TW", "設定多重要素驗證", "驗證器應用程式"),
        ("ja-JP", "多要素認証の設定", "認証アプリ"),
    ] {
        *b.accept_language.borrow_mut() = Some(lang.into());
        let page = b.get("/account/mfa/setup").await;
        assert_eq!(page.html_lang(), Some(lang));
        assert!(page.main_text().contains(title), "{lang}");
        assert!(page.main_text().contains(app_word), "{lang}");
    }
    let (_, _, shown) = set_up(&b, "/account/mfa/setup").await;
    assert!(shown.main_text().contains("回復コード"));
}

#[actix_web::test]
async fn codes_are_limited_like_passwords_five_wrong_then_a_pause_even_for_the_right_one() {
    let app = TestApp::spawn().await;
    let email = "admin.agent@contoso.example";
    let (key, _, _) = set_up(&app.signed_in(email).await, "/account/mfa/setup").await;
    let b = app.browser();
    assert_eq!(b.sign_in(email).await.location(), "/sign-in/mfa");
    let form = b.get("/sign-in/mfa").await;
    let wrong = if current_code(&key) == "123456" {
        "654321"
    } else {
        "123456"
    };
    for n in 1..=5 {
        let refused = b
            .post(
                "/sign-in/mfa",
                &[("csrf_token", &form.csrf()), ("code", wrong)],
            )
            .await;
        assert_eq!(refused.status, 401, "wrong code {n}");
    }
    let code = fresh_code(&app, email).await;
    let paused = b
        .post(
            "/sign-in/mfa",
            &[("csrf_token", &form.csrf()), ("code", &code)],
        )
        .await;
    assert_eq!(paused.status, 429);
    assert!(paused.header("retry-after").is_some());
    assert!(
        paused
            .main_text()
            .contains("Too many wrong codes or passwords were typed."),
        "{}",
        paused.main_text()
    );
    assert_eq!(b.get("/customers").await.location(), "/sign-in");
}

#[actix_web::test]
async fn wrong_passwords_to_turn_mfa_off_are_limited_like_codes() {
    let app = TestApp::spawn().await;
    let email = "admin@adatum.example";
    let b = app.signed_in(email).await;
    set_up(&b, "/account/mfa/setup").await;
    for n in 1..=5 {
        let wrong = b
            .submit(
                "/account/mfa",
                "/account/mfa/turn-off",
                &[("proof", &format!("not my password {n}"))],
            )
            .await;
        assert_eq!(wrong.status, 422, "wrong password {n}");
    }
    let paused = b
        .submit(
            "/account/mfa",
            "/account/mfa/turn-off",
            &[("proof", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(paused.status, 429, "even the right password waits");
    assert!(paused
        .main_text()
        .contains("Too many wrong codes or passwords were typed."));
    assert!(stored_secret(&app, email).is_some(), "MFA is still on");
}
