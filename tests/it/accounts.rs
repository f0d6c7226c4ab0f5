//! A real partner's first start and its users: `init` and `user` on the command line,
//! set-password links, the password rules, changing one's own password, User management for
//! partners and customers, and the Admin area's sections.

use std::process::Command;

use diesel::prelude::*;
use support_contacts::db::schema::{password_links, users};
use support_contacts::db::DatabaseTarget;
use support_contacts::i18n::{I18n, Locale};

use crate::flows::events;
use crate::helpers::*;

pub const GOOD_PASSWORD: &str = "violet kettle under 9 stairs";

pub fn database_url(target: &DatabaseTarget) -> String {
    match target {
        DatabaseTarget::Sqlite { path } => format!("sqlite://{path}"),
        DatabaseTarget::Postgres { url } => url.clone(),
    }
}

/// Runs the program's command line on the test's database.
pub fn command(app: &TestApp, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_support-contacts"))
        .args(args)
        .env("DATABASE_URL", database_url(&app.target))
        .env("PUBLIC_URL", &app.base)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run support-contacts");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The set-password link a command printed.
pub fn printed_link(stdout: &str) -> String {
    stdout
        .split_whitespace()
        .find(|w| w.contains("/set-password/"))
        .unwrap_or_else(|| panic!("no link in {stdout}"))
        .to_string()
}

/// Opens a set-password link and sets `password` (twice).
pub async fn set_password(b: &Browser, link: &str, password: &str) -> Page {
    let form = b.get(link).await;
    assert_eq!(form.status, 200, "{link}: {}", form.main_text());
    b.post(
        link,
        &[
            ("csrf_token", &form.csrf()),
            ("password", password),
            ("confirm", password),
        ],
    )
    .await
}

/// Adds a user on the User management page at `base` and returns the link shown.
pub async fn add_user(admin: &Browser, base: &str, email: &str, name: &str, role: &str) -> String {
    let page = admin
        .submit(
            &format!("{base}/new"),
            &format!("{base}/new"),
            &[("email", email), ("name", name), ("role", role)],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    page.input_value("set_password_link")
        .expect("the page shows the link")
}

/// The id of a user, from the User management list (by the link on their name).
async fn user_path(admin: &Browser, base: &str, name: &str) -> String {
    admin
        .get(base)
        .await
        .link(name)
        .unwrap_or_else(|| panic!("no user {name} on {base}"))
}

/// A browser signed in with a password and, when the user needs one, the second factor: a
/// partner made by `init` requires multi-factor authentication, so its users set it up at their
/// first sign-in and enter a code after that.
pub async fn signed_in_with(app: &TestApp, email: &str, password: &str) -> Browser {
    let b = app.browser();
    let page = b.sign_in_with(email, password).await;
    assert_eq!(page.status, 303, "{email}: {}", page.main_text());
    crate::mfa::second_step(app, &b, email, &page).await;
    b
}

#[actix_web::test]
async fn a_provider_starts_from_an_empty_database_through_init_and_the_pages() {
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
            "Gil@Contoso.example",
            "--admin-name",
            "Gil Global",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("/set-password/"), "the link is never logged");
    let link = printed_link(&out);
    assert!(link.starts_with(&app.base), "{link}");

    // The first Global admin sets a password and signs in.
    let anonymous = app.browser();
    let done = set_password(&anonymous, &link, GOOD_PASSWORD).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(done.location(), "/sign-in?password_set=1");
    let gil = signed_in_with(&app, "gil@contoso.example", GOOD_PASSWORD).await;
    assert_eq!(gil.get("/customers").await.status, 200);

    // Two colleagues, each with their own link and password.
    let ana_link = add_user(
        &gil,
        "/users",
        "ana@contoso.example",
        "Ana Admin",
        "admin_agent",
    )
    .await;
    let sam_link = add_user(
        &gil,
        "/users",
        "sam@contoso.example",
        "Sam Sales",
        "sales_agent",
    )
    .await;
    for (link, password) in [
        (&ana_link, "ana's own pass phrase"),
        (&sam_link, "sam sells seashells"),
    ] {
        let done = set_password(&app.browser(), link, password).await;
        assert_eq!(done.status, 303, "{}", done.main_text());
    }
    let ana = signed_in_with(&app, "ana@contoso.example", "ana's own pass phrase").await;
    let sam = signed_in_with(&app, "sam@contoso.example", "sam sells seashells").await;
    assert_eq!(ana.get("/customers").await.status, 200);
    assert_eq!(sam.get("/customers").await.status, 200);

    // A role change, then disabling Sam ends his open session at once.
    let ana_path = user_path(&gil, "/users", "Ana Admin").await;
    let changed = gil
        .submit(
            &ana_path,
            &format!("{ana_path}/role"),
            &[("role", "helpdesk_agent")],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.main_text());
    let list = gil.get(changed.location()).await;
    assert!(list.main_text().contains("The role was changed."));
    assert!(list
        .main_text()
        .contains("Ana Admin ana@contoso.example Helpdesk agent Active"));
    let sam_path = user_path(&gil, "/users", "Sam Sales").await;
    let disabled = crate::flows::confirm(&gil, &format!("{sam_path}/disable")).await;
    assert_eq!(disabled.status, 303);
    assert_eq!(sam.get("/customers").await.location(), "/sign-in");
    assert_eq!(
        app.browser()
            .sign_in_with("sam@contoso.example", "sam sells seashells")
            .await
            .status,
        401
    );

    // Every step is in the audit log.
    let log = gil.get("/audit").await.main_text();
    for step in [
        "Organization created",
        "User added",
        "Set-password link made",
        "Password set through a link",
        "Role changed",
        "User disabled",
        "Operator (command line)",
    ] {
        assert!(log.contains(step), "the log shows {step}: {log}");
    }
    assert!(log.contains("Admin agent") && log.contains("Helpdesk agent"));
    assert!(!log.contains(GOOD_PASSWORD));

    // The operator's view of the same users.
    let (code, out, _) = command(&app, &["user", "list", "--json"]);
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let state_of = |email: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["email"] == email)
            .map(|r| (r["role"].to_string(), r["state"].to_string()))
    };
    assert_eq!(
        state_of("ana@contoso.example"),
        Some(("\"helpdesk_agent\"".into(), "\"active\"".into()))
    );
    assert_eq!(
        state_of("sam@contoso.example"),
        Some(("\"sales_agent\"".into(), "\"disabled\"".into()))
    );
}

#[actix_web::test]
async fn init_refuses_bad_input_and_what_exists_with_a_message_and_an_exit_code() {
    let app = TestApp::spawn_empty().await;
    let init = |org: &str, pid: &str, email: &str| {
        vec![
            "init".to_string(),
            "--organization".into(),
            org.into(),
            "--kind".into(),
            "reseller".into(),
            "--partner-id".into(),
            pid.into(),
            "--admin-email".into(),
            email.into(),
            "--json".into(),
        ]
    };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        command(&app, &refs)
    };
    let (code, out, err) = run(init("Fabrikam Solutions", "2000001", "a@fabrikam.example"));
    assert_eq!(code, 0, "{err}");
    let created: serde_json::Value = serde_json::from_str(&out).expect("--json prints JSON");
    assert_eq!(created["organization"]["kind"], "indirect_reseller");
    assert_eq!(created["organization"]["partner_id"], "2000001");
    assert_eq!(created["user"]["role"], "global_admin");
    assert_eq!(created["user"]["password_set"], false);
    assert!(created["set_password_link"]
        .as_str()
        .unwrap()
        .contains("/set-password/"));

    for (args, want_code, says) in [
        (
            init("fabrikam solutions", "2000002", "b@f.example"),
            3,
            "name exists",
        ),
        (
            init("Other", "2000001", "b@f.example"),
            3,
            "partner ID exists",
        ),
        (
            init("Other", "2000002", "A@Fabrikam.example"),
            3,
            "email exists",
        ),
        (init("Other", "20000", "b@f.example"), 2, "6 to 10 digits"),
        (
            init("Other", "2000002x", "b@f.example"),
            2,
            "6 to 10 digits",
        ),
        (
            init("Other", "2000002", "not-an-email"),
            2,
            "email address is not valid",
        ),
        (init("  ", "2000002", "b@f.example"), 2, "name is empty"),
    ] {
        let (code, out, err) = run(args.clone());
        assert_eq!(code, want_code, "{args:?}: {err}");
        assert!(
            err.contains(says) || err.contains("exists already"),
            "{args:?}: {err}"
        );
        assert!(out.is_empty(), "nothing printed on stdout: {out}");
    }
    let (code, _, err) = command(
        &app,
        &[
            "init",
            "--organization",
            "X",
            "--kind",
            "distributor",
            "--partner-id",
            "2000009",
            "--admin-email",
            "x@x.example",
        ],
    );
    assert_eq!(code, 2, "{err}");
    let count: i64 = users::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 1, "nothing was created by a refused init");

    // The operator's way back in.
    let (code, out, err) = command(&app, &["user", "reset-password", "a@fabrikam.example"]);
    assert_eq!(code, 0, "{err}");
    let reset = printed_link(&out);
    let old = created["set_password_link"].as_str().unwrap().to_string();
    assert_eq!(
        app.browser().get(&old).await.status,
        410,
        "the older link was replaced"
    );
    assert_eq!(app.browser().get(&reset).await.status, 200);
    let (code, _, err) = command(&app, &["user", "reset-password", "nobody@fabrikam.example"]);
    assert_eq!(code, 4, "{err}");
    let (code, out, _) = command(
        &app,
        &["user", "list", "--organization", "Fabrikam Solutions"],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("a@fabrikam.example") && out.contains("global_admin"),
        "{out}"
    );
    assert!(out.contains("no password yet"), "{out}");
    let (code, _, err) = command(&app, &["user", "list", "--organization", "Nobody Inc"]);
    assert_eq!(code, 4, "{err}");
}

/// A demo Global admin's link for a new colleague.
async fn new_colleague_link(app: &TestApp, email: &str) -> (Browser, String) {
    let gil = app.signed_in("global.admin@contoso.example").await;
    let link = add_user(&gil, "/users", email, "New Colleague", "helpdesk_agent").await;
    (gil, link)
}

#[actix_web::test]
async fn used_expired_replaced_malformed_and_closed_links_change_nothing_and_say_why() {
    let app = TestApp::spawn().await;
    let (gil, link) = new_colleague_link(&app, "new@contoso.example").await;
    let b = app.browser();
    assert_eq!(set_password(&b, &link, GOOD_PASSWORD).await.status, 303);
    // Used.
    let again = b.get(&link).await;
    assert_eq!(again.status, 410);
    assert!(again.main_text().contains("This link was used already."));
    let token = b.get("/sign-in").await.csrf();
    let replay = b
        .post(
            &link,
            &[
                ("csrf_token", &token),
                ("password", "another good phrase"),
                ("confirm", "another good phrase"),
            ],
        )
        .await;
    assert_eq!(replay.status, 410);
    signed_in_with(&app, "new@contoso.example", GOOD_PASSWORD).await;

    // Replaced: a newer link makes the older one useless.
    let link2 = add_user(&gil, "/users", "two@contoso.example", "Two", "sales_agent").await;
    let path = user_path(&gil, "/users", "Two").await;
    let newer = gil
        .submit(&path, &format!("{path}/password-link"), &[])
        .await;
    assert_eq!(newer.status, 200, "{}", newer.main_text());
    let link3 = newer.input_value("set_password_link").unwrap();
    let old = b.get(&link2).await;
    assert_eq!(old.status, 410);
    assert!(old.main_text().contains("only the newest link works"));

    // Expired.
    diesel::update(password_links::table)
        .set(
            password_links::expires_at
                .eq(support_contacts::db::now() - chrono::Duration::minutes(1)),
        )
        .execute(&mut app.conn())
        .unwrap();
    let expired = b.get(&link3).await;
    assert_eq!(expired.status, 410);
    assert!(expired.main_text().contains("This link has expired."));

    // Malformed or unknown.
    for bad in [
        "/set-password/abc",
        &format!("/set-password/{}", "0".repeat(64)),
    ] {
        let page = b.get(bad).await;
        assert_eq!(page.status, 404, "{bad}");
        assert!(page.main_text().contains("not a link this site made"));
    }

    // A disabled user's link stops working.
    let link4 = add_user(
        &gil,
        "/users",
        "four@contoso.example",
        "Four",
        "sales_agent",
    )
    .await;
    let four = user_path(&gil, "/users", "Four").await;
    assert_eq!(
        crate::flows::confirm(&gil, &format!("{four}/disable"))
            .await
            .status,
        303
    );
    let closed = b.get(&link4).await;
    assert_eq!(closed.status, 410);
    assert!(closed
        .main_text()
        .contains("This account is disabled or was removed."));
    let hash: String = users::table
        .filter(users::email.eq("four@contoso.example"))
        .select(users::password_hash)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(hash, "", "no password was set through a dead link");
}

#[actix_web::test]
async fn every_password_rule_is_explained_in_each_language() {
    let app = TestApp::spawn().await;
    let (_, link) = new_colleague_link(&app, "rules@contoso.example").await;
    let i18n = I18n::load().unwrap();
    let b = app.browser();
    for locale in Locale::ALL {
        b.set_cookie("lang", locale.tag());
        for (password, confirm, id) in [
            ("short1!", "short1!", "password-error-too-short"),
            (
                &"x9".repeat(65)[..129],
                &"x9".repeat(65)[..129],
                "password-error-too-long",
            ),
            ("password1", "password1", "password-error-common"),
            ("Sunshine", "Sunshine", "password-error-common"),
            (
                "rules@contoso.example",
                "rules@contoso.example",
                "password-error-context",
            ),
            (
                GOOD_PASSWORD,
                "something else entirely",
                "password-error-mismatch",
            ),
        ] {
            let form = b.get(&link).await;
            let page = b
                .post(
                    &link,
                    &[
                        ("csrf_token", &form.csrf()),
                        ("password", password),
                        ("confirm", confirm),
                    ],
                )
                .await;
            assert_eq!(page.status, 422, "{} {id}", locale.tag());
            let expected = i18n.format(locale, id, None);
            assert!(
                page.main_text().contains(&expected),
                "{} {id}: {}",
                locale.tag(),
                page.main_text()
            );
            assert_eq!(page.html_lang(), Some(locale.tag()));
        }
    }
    // 128 characters are accepted whole: no truncation, and case matters.
    let long: String = "Tq7 ".repeat(32);
    assert_eq!(long.chars().count(), 128);
    assert_eq!(set_password(&b, &link, &long).await.status, 303);
    assert_eq!(
        app.browser()
            .sign_in_with("rules@contoso.example", &long[..127])
            .await
            .status,
        401
    );
    assert_eq!(
        app.browser()
            .sign_in_with("rules@contoso.example", &long.to_uppercase())
            .await
            .status,
        401
    );
    signed_in_with(&app, "rules@contoso.example", &long).await;
}

#[actix_web::test]
async fn changing_ones_password_ends_the_other_sessions_only() {
    let app = TestApp::spawn().await;
    let here = app.signed_in("helpdesk@contoso.example").await;
    let elsewhere = app.signed_in("helpdesk@contoso.example").await;
    let wrong = here
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current", "not it"),
                ("password", GOOD_PASSWORD),
                ("confirm", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .main_text()
        .contains("The current password is not right."));
    let done = here
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current", DEMO_PASSWORD),
                ("password", GOOD_PASSWORD),
                ("confirm", GOOD_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(
        here.get("/customers").await.status,
        200,
        "this session stays"
    );
    assert_eq!(elsewhere.get("/customers").await.location(), "/sign-in");
    assert_eq!(
        app.browser()
            .sign_in("helpdesk@contoso.example")
            .await
            .status,
        401
    );
    signed_in_with(&app, "helpdesk@contoso.example", GOOD_PASSWORD).await;
    assert_eq!(events(&app, "password_changed"), 1);
}

#[actix_web::test]
async fn the_last_active_global_admin_cannot_be_disabled_demoted_or_removed() {
    let app = TestApp::spawn().await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let me = user_path(&gil, "/users", "Gil Global").await;
    let demote = gil
        .submit(&me, &format!("{me}/role"), &[("role", "admin_agent")])
        .await;
    assert_eq!(demote.status, 409);
    assert!(demote
        .main_text()
        .contains("must keep at least one active Global admin"));
    for action in ["disable", "remove"] {
        let page = crate::flows::confirm(&gil, &format!("{me}/{action}")).await;
        assert_eq!(page.status, 409, "{action}");
    }
    assert_eq!(
        gil.get("/users").await.status,
        200,
        "still signed in and in charge"
    );
    // With a second Global admin, the first may step down.
    let ana = user_path(&gil, "/users", "Ana Admin").await;
    let promoted = gil
        .submit(&ana, &format!("{ana}/role"), &[("role", "global_admin")])
        .await;
    assert_eq!(promoted.status, 303);
    let stepped_down = gil
        .submit(&me, &format!("{me}/role"), &[("role", "admin_agent")])
        .await;
    assert_eq!(stepped_down.status, 303);
    assert_eq!(
        gil.get("/users").await.status,
        403,
        "an Admin agent manages no users"
    );
}

#[actix_web::test]
async fn user_management_is_for_global_admins_of_their_own_organization() {
    let app = TestApp::spawn().await;
    let gil = app.signed_in("global.admin@contoso.example").await;
    let ana_path = user_path(&gil, "/users", "Ana Admin").await;
    let adatum = app.signed_in("admin@adatum.example").await;
    let adatum_user = user_path(&adatum, "/admin/users", "Uma User").await;

    // Other roles get 403 on every route; nothing changes.
    for email in [
        "admin.agent@contoso.example",
        "helpdesk@contoso.example",
        "sales@contoso.example",
        "billing@contoso.example",
    ] {
        let b = app.signed_in(email).await;
        for path in [
            "/users".to_string(),
            "/users/new".into(),
            ana_path.clone(),
            format!("{ana_path}/disable"),
            format!("{ana_path}/remove"),
        ] {
            assert_eq!(b.get(&path).await.status, 403, "{email} GET {path}");
        }
        let token = b.get("/customers").await.csrf();
        for action in [
            "/users/new".to_string(),
            format!("{ana_path}/role"),
            format!("{ana_path}/disable"),
            format!("{ana_path}/enable"),
            format!("{ana_path}/remove"),
            format!("{ana_path}/password-link"),
        ] {
            let page = b
                .post(
                    &action,
                    &[
                        ("csrf_token", &token),
                        ("role", "global_admin"),
                        ("email", "x@y.example"),
                        ("name", "X"),
                    ],
                )
                .await;
            assert_eq!(page.status, 403, "{email} POST {action}");
        }
    }
    // Another organization's user is not found, whatever the prefix.
    let litware = app.signed_in("admin.agent@litware.example").await;
    crate::flows::add_user(
        &app,
        "Litware Distribution",
        "ga@litware.example",
        support_contacts::domain::roles::Role::GlobalAdmin,
    );
    let litware_ga = app.signed_in("ga@litware.example").await;
    drop(litware);
    assert_eq!(litware_ga.get(&ana_path).await.status, 404);
    let token = litware_ga.get("/users").await.csrf();
    assert_eq!(
        litware_ga
            .post(&format!("{ana_path}/disable"), &[("csrf_token", &token)])
            .await
            .status,
        404
    );
    assert_eq!(
        gil.get(&adatum_user.replace("/admin/users", "/users"))
            .await
            .status,
        404
    );
    assert_eq!(
        gil.get("/admin/users").await.status,
        404,
        "partners have no Admin area"
    );
    assert_eq!(adatum.get("/users").await.status, 404);
    // CSRF on every new POST.
    for action in [
        "/users/new".to_string(),
        format!("{ana_path}/role"),
        format!("{ana_path}/disable"),
        format!("{ana_path}/enable"),
        format!("{ana_path}/remove"),
        format!("{ana_path}/password-link"),
        "/account/password".into(),
    ] {
        let page = gil
            .post(
                &action,
                &[
                    ("role", "sales_agent"),
                    ("email", "x@y.example"),
                    ("name", "X"),
                ],
            )
            .await;
        assert_eq!(page.status, 403, "no token: {action}");
    }
    let state: Vec<(String, String)> = users::table
        .filter(users::email.like("%@contoso.example"))
        .select((users::role, users::state))
        .load(&mut app.conn())
        .unwrap();
    assert!(state.iter().all(|(_, s)| s == "active"), "{state:?}");
    assert_eq!(
        events(&app, "user_disabled") + events(&app, "user_role_changed"),
        0
    );
}

#[actix_web::test]
async fn a_customer_global_admin_manages_the_customers_users_with_customer_roles() {
    let app = TestApp::spawn().await;
    let adatum = app.signed_in("admin@adatum.example").await;
    let page = adatum.get("/admin/users/new").await;
    assert_eq!(
        page.option_texts("role"),
        vec!["Global admin", "Billing admin", "Helpdesk admin", "User"]
    );
    let refused = adatum
        .submit(
            "/admin/users/new",
            "/admin/users/new",
            &[
                ("email", "b@adatum.example"),
                ("name", "Bo"),
                ("role", "admin_agent"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "partner roles are not customer roles");
    let link = add_user(
        &adatum,
        "/admin/users",
        "bo@adatum.example",
        "Bo Billing",
        "customer_billing_admin",
    )
    .await;
    assert_eq!(
        set_password(&app.browser(), &link, GOOD_PASSWORD)
            .await
            .status,
        303
    );
    let bo = signed_in_with(&app, "bo@adatum.example", GOOD_PASSWORD).await;
    // A Billing admin sees Admin -> Support, and only that section.
    let support = bo.get("/admin/support").await;
    assert_eq!(support.status, 200);
    assert!(support.body.contains("class=\"admin-nav\""));
    assert!(!support.body.contains("href=\"/admin/users\""));
    for path in ["/admin/users", "/admin/relationships", "/admin/audit"] {
        assert_eq!(bo.get(path).await.status, 403, "{path}");
    }
    // The Global admin sees every section, Support first, on every Admin page.
    for path in [
        "/admin/support",
        "/admin/relationships",
        "/admin/users",
        "/admin/audit",
    ] {
        let page = adatum.get(path).await;
        let nav_start = page.body.find("class=\"admin-nav\"").expect("admin nav");
        let nav = &page.body[nav_start..nav_start + page.body[nav_start..].find("</nav>").unwrap()];
        let order: Vec<usize> = [
            "/admin/support\"",
            "/admin/relationships\"",
            "/admin/users\"",
            "/admin/audit\"",
        ]
        .iter()
        .map(|h| nav.find(h).unwrap_or_else(|| panic!("{path} lacks {h}")))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{path}: {order:?}");
        assert!(
            nav.contains(&format!("href=\"{path}\" aria-current=\"page\"")),
            "{path}"
        );
    }
    // The customer's log shows its user events.
    let log = adatum.get("/admin/audit").await.main_text();
    assert!(
        log.contains("User added") && log.contains("Bo Billing"),
        "{log}"
    );
}

#[actix_web::test]
async fn error_pages_keep_the_header_and_an_expired_form_offers_the_way_back() {
    let app = TestApp::spawn().await;
    let b = app.signed_in("helpdesk@contoso.example").await;
    let missing = b.get("/no-such-page").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Hana Helpdesk"), "signed-in header");
    assert!(
        missing.body.contains("href=\"/customers\""),
        "main navigation"
    );
    let forbidden = b.get("/users").await;
    assert_eq!(forbidden.status, 403);
    assert!(forbidden.body.contains("action=\"/sign-out\""));
    let stale = b
        .post_with_referer(
            "/support-profile",
            &format!("{}/support-profile", app.base),
            &[("csrf_token", "stale"), ("email", "x@y.example")],
        )
        .await;
    assert_eq!(stale.status, 403);
    assert!(
        stale.body.contains("href=\"/support-profile\""),
        "{}",
        stale.main_text()
    );
    assert!(stale.main_text().contains("Go back to the form"));
}
