//! The operator's commands: `init` (a real partner's first start) and `user` (list users, make
//! a new set-password link). They print to stdout what the operator needs (the link is printed,
//! never logged) and end with an exit code a script can test.

use std::io::Write;

use serde::Serialize;

use crate::auth::session::random_token;
use crate::config::{parse_public_url, BenchDataArgs, InitArgs, LinkArgs, PartnerKindArg};
use crate::db::audit::MadeBy;
use crate::db::organizations::{self, CreateError, NewTenant};
use crate::db::password_links;
use crate::db::{users, DbConnection};
use crate::domain::accounts::{self, LinkPurpose, UserState};
use crate::domain::OrgKind;

/// How a command ended: its exit code and, on failure, what to tell the operator.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    /// Bad input: the command line's values are not usable.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// What the command would make exists already.
    fn conflict(message: impl Into<String>) -> Failure {
        Failure {
            code: 3,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            code: 4,
            message: message.into(),
        }
    }

    /// Anything else (the database could not be reached, …).
    pub fn other(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::other(format!("database error: {e}"))
    }
}

/// The base of the links the commands print.
fn link_base(args: &LinkArgs) -> Result<String, Failure> {
    match &args.public_url {
        Some(raw) => parse_public_url(raw).map_err(Failure::input),
        None => Ok("http://127.0.0.1:8080".to_string()),
    }
}

/// The set-password page of `token`.
pub fn set_password_link(base: &str, token: &str) -> String {
    format!("{base}{}", crate::urls::set_password(token))
}

#[derive(Serialize)]
struct CreatedJson<'a> {
    organization: OrgJson<'a>,
    user: UserJson<'a>,
    set_password_link: &'a str,
    link_expires_at: String,
}

#[derive(Serialize)]
struct OrgJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    partner_id: Option<&'a str>,
    tenant_id: &'a str,
}

#[derive(Serialize)]
struct UserJson<'a> {
    id: &'a str,
    organization_id: &'a str,
    organization: &'a str,
    email: &'a str,
    display_name: &'a str,
    role: &'a str,
    state: &'a str,
    password_set: bool,
}

/// Messages of the refusals the rules give, for the command line.
fn refusal(id: &str) -> &'static str {
    match id {
        "validation-name-required" => "the organization name is empty",
        "validation-name-invalid" => {
            "the name is longer than 200 characters or has control characters"
        }
        "validation-partner-id-required" => "--partner-id is empty",
        "validation-partner-id-invalid" => "the partner ID must be 6 to 10 digits",
        "validation-email-required" => "--admin-email is empty",
        "validation-email-invalid" => "the email address is not valid",
        "validation-email-taken" => "a user with this email exists already",
        "init-error-name-taken" => "a partner organization with this name exists already",
        "init-error-partner-id-taken" => "an organization with this partner ID exists already",
        _ => "the input was refused",
    }
}

/// `init`: a partner organization and its first Global admin, with a 7-day set-password link.
pub fn init(conn: &mut DbConnection, args: &InitArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let base = link_base(&args.link)?;
    let input = |r: Result<String, &'static str>, what: &str| {
        r.map_err(|id| Failure::input(format!("{what}: {}", refusal(id))))
    };
    let name = input(accounts::check_name(&args.organization), "--organization")?;
    let partner_id = input(accounts::check_partner_id(&args.partner_id), "--partner-id")?;
    let email = input(accounts::check_email(&args.admin_email), "--admin-email")?;
    let admin_name = match &args.admin_name {
        Some(n) => input(accounts::check_name(n), "--admin-name")?,
        None => email.split('@').next().unwrap_or(&email).to_string(),
    };
    let kind = match args.kind {
        PartnerKindArg::Provider => OrgKind::IndirectProvider,
        PartnerKindArg::Reseller => OrgKind::IndirectReseller,
    };
    let token = random_token();
    let tenant = NewTenant {
        kind,
        name: &name,
        partner_id: Some(&partner_id),
        admin_email: &email,
        admin_name: &admin_name,
        domain: None,
        country: None,
    };
    let (org, user, expires) =
        match organizations::create_with_admin(conn, MadeBy::Operator, &tenant, &token) {
            Ok(created) => created,
            Err(CreateError::Conflict(id)) => return Err(Failure::conflict(refusal(id))),
            Err(CreateError::Database(e)) => return Err(e.into()),
        };
    let link = set_password_link(&base, &token);
    let written = if args.json {
        let json = CreatedJson {
            organization: OrgJson {
                id: org.id.as_str(),
                name: &org.name,
                kind: org.kind.as_str(),
                partner_id: org.partner_id.as_deref(),
                tenant_id: &org.tenant_id,
            },
            user: user_json(&user, &org.name),
            set_password_link: &link,
            link_expires_at: expires.and_utc().to_rfc3339(),
        };
        writeln!(out, "{}", to_json(&json)?)
    } else {
        writeln!(
            out,
            "Created {} ({}, partner ID {}) and its Global admin {}.\n\
             {} sets the password at this link, once, before {} UTC:\n\n  {link}\n\n\
             Then sign in, add colleagues under User management, and start serving with \
             `support-contacts serve`.",
            org.name,
            match kind {
                OrgKind::IndirectProvider => "indirect provider",
                _ => "indirect reseller",
            },
            partner_id,
            user.email,
            user.display_name,
            expires.format("%Y-%m-%d %H:%M"),
        )
    };
    written.map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}

fn user_json<'a>(user: &'a users::User, organization: &'a str) -> UserJson<'a> {
    UserJson {
        id: &user.id,
        organization_id: user.organization_id.as_str(),
        organization,
        email: &user.email,
        display_name: &user.display_name,
        role: user.role.as_str(),
        state: user.state.as_str(),
        password_set: user.password().is_some(),
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map_err(|e| Failure::other(e.to_string()))
}

/// `user reset-password EMAIL`: a new 1-hour link; older links of the user stop working.
pub fn reset_password(
    conn: &mut DbConnection,
    email: &str,
    json: bool,
    link: &LinkArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let base = link_base(link)?;
    let email = accounts::check_email(email)
        .map_err(|id| Failure::input(format!("EMAIL: {}", refusal(id))))?;
    let Some(user) = users::find_by_email(conn, &email)? else {
        return Err(Failure::not_found(format!("no user has the email {email}")));
    };
    if user.state != UserState::Active {
        return Err(Failure::input(format!(
            "{email} is disabled; a Global admin enables the user first"
        )));
    }
    let org = organizations::find(conn, &user.organization_id)?
        .ok_or_else(|| Failure::other("the user's organization is missing"))?;
    let token = random_token();
    let expires = {
        use diesel::Connection;
        conn.transaction(|conn| {
            password_links::issue(
                conn,
                MadeBy::Operator,
                &user,
                org.kind,
                LinkPurpose::Reset,
                &token,
            )
        })?
    };
    let link = set_password_link(&base, &token);
    let written = if json {
        #[derive(Serialize)]
        struct Reset<'a> {
            user: UserJson<'a>,
            set_password_link: &'a str,
            link_expires_at: String,
        }
        let value = Reset {
            user: user_json(&user, &org.name),
            set_password_link: &link,
            link_expires_at: expires.and_utc().to_rfc3339(),
        };
        writeln!(out, "{}", to_json(&value)?)
    } else {
        writeln!(
            out,
            "{} ({}) sets a new password at this link, once, before {} UTC:\n\n  {link}",
            user.email,
            org.name,
            expires.format("%Y-%m-%d %H:%M"),
        )
    };
    written.map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}

/// `user list [--organization NAME|ID]`: users with organization, role and state.
pub fn list_users(
    conn: &mut DbConnection,
    organization: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let org_filter = match organization {
        Some(key) => Some(
            organizations::find_by_id_or_name(conn, key.trim())?
                .ok_or_else(|| Failure::not_found(format!("no organization is called {key}")))?,
        ),
        None => None,
    };
    let users = users::list_all(conn, org_filter.as_ref().map(|o| &o.id))?;
    let orgs = organizations::lookup(conn, users.iter().map(|u| &u.organization_id))?;
    let org_name = |id: &str| orgs.get(id).map(|o| o.name.as_str()).unwrap_or("");
    let written = if json {
        let rows: Vec<UserJson<'_>> = users
            .iter()
            .map(|u| user_json(u, org_name(u.organization_id.as_str())))
            .collect();
        writeln!(out, "{}", to_json(&rows)?)
    } else {
        let mut text = format!(
            "{:<32} {:<36} {:<24} {:<24} {}\n",
            "ORGANIZATION", "EMAIL", "NAME", "ROLE", "STATE"
        );
        for u in &users {
            let state = match (u.state, u.password().is_some()) {
                (UserState::Active, false) => "active (no password yet)",
                (state, _) => state.as_str(),
            };
            text.push_str(&format!(
                "{:<32} {:<36} {:<24} {:<24} {}\n",
                org_name(u.organization_id.as_str()),
                u.email,
                u.display_name,
                u.role.as_str(),
                state
            ));
        }
        if users.is_empty() {
            text.push_str("(no users)\n");
        }
        write!(out, "{text}")
    };
    written.map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}

/// `bench-data`: the benchmark dataset, and how long it took.
pub fn bench_data(
    conn: &mut DbConnection,
    args: &BenchDataArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let password = std::env::var("DEMO_PASSWORD").ok();
    let made = crate::bench_data::make(
        conn,
        crate::bench_data::Size {
            customers: args.customers,
            subscriptions_per_customer: args.subscriptions_per_customer,
        },
        password.as_deref(),
    )?;
    let mut text = format!(
        "Made {} customers, {} resellers, {} partnerships, {} customer relationships, \
         {} subscriptions and {} audit events in {:.1}s.\n",
        made.customers,
        made.resellers,
        made.partnerships,
        made.customer_relationships,
        made.subscriptions,
        made.audit_events,
        started.elapsed().as_secs_f64()
    );
    if let Some(p) = &made.generated_password {
        text.push_str(&format!("The demo users' password is {p}\n"));
    }
    write!(out, "{text}").map_err(|e| Failure::other(format!("cannot write the output: {e}")))
}
