//! Relationship flows as users follow them through the pages, and what the tests read back
//! from the database; shared by the relationship, audit and demo tests.

use diesel::prelude::*;
use support_contacts::db::schema::{audit_events, customer_relationships, partnerships};

use crate::helpers::*;
pub use crate::support_contact::{contact_of, org_id};

/// What the page after a request shows: the link, its token and the message to send.
pub struct Sent {
    pub link: String,
    pub token: String,
    pub message: String,
}

impl Sent {
    pub fn from_page(page: &Page) -> Sent {
        assert_eq!(page.status, 200, "{}", page.main_text());
        let link = page
            .input_value("invitation_link")
            .expect("an invitation link");
        let token = link.rsplit('/').next().unwrap().to_string();
        let start = page.body.find("name=\"invitation_message\"").unwrap();
        let open = start + page.body[start..].find('>').unwrap() + 1;
        let close = open + page.body[open..].find("</textarea>").unwrap();
        Sent {
            token,
            message: html_unescape(&page.body[open..close]),
            link,
        }
    }

    /// The link's path on the test server.
    pub fn path(&self) -> String {
        format!("/invitations/{}", self.token)
    }
}

/// A provider's admin types a partner ID into "Request a relationship" on Indirect resellers.
pub async fn request_partnership(b: &Browser, partner_id: &str) -> Page {
    b.submit(
        "/indirect-resellers",
        "/indirect-resellers",
        &[("partner_id", partner_id)],
    )
    .await
}

pub async fn invite_reseller(b: &Browser, partner_id: &str) -> Sent {
    Sent::from_page(&request_partnership(b, partner_id).await)
}

/// A partner's admin requests a relationship from the Customers page (`customer` None) or
/// from a customer's page, ticking "Include delegated admin privileges" or not.
pub async fn invite_customer(b: &Browser, customer: Option<&str>, delegated_admin: bool) -> Sent {
    let form_path = match customer {
        Some(id) => format!("/relationship-requests?customer={id}"),
        None => "/relationship-requests".to_string(),
    };
    let form = b.get(&form_path).await;
    assert_eq!(form.status, 200, "{}", form.main_text());
    let csrf = form.csrf();
    let mut fields = vec![("csrf_token", csrf.as_str())];
    if let Some(id) = customer {
        fields.push(("customer", id));
    }
    if delegated_admin {
        fields.push(("delegated_admin", "on"));
    }
    Sent::from_page(&b.post("/relationship-requests", &fields).await)
}

/// Opens the link and presses Accept (`"accept"`) or Decline (`"decline"`).
pub async fn answer(b: &Browser, sent: &Sent, button: &str) -> Page {
    let page = b.get(&sent.link).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    b.post(
        &format!("{}/{button}", sent.path()),
        &[("csrf_token", &page.csrf())],
    )
    .await
}

/// Posts Accept or Decline with a valid CSRF token even when the link's page refuses, as a
/// forged or replayed form would.
pub async fn force_answer(b: &Browser, sent: &Sent, button: &str) -> Page {
    let csrf = b.get(&sent.path()).await.csrf();
    b.post(
        &format!("{}/{button}", sent.path()),
        &[("csrf_token", &csrf)],
    )
    .await
}

/// Asks for a confirmation page, then presses its button (the form posts to its action).
pub async fn confirm(b: &Browser, path: &str) -> Page {
    let page = b.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.main_text());
    let main = &page.body[page.body.find("<main").unwrap_or(0)..];
    let at = main
        .find("<form method=\"post\" action=\"")
        .expect("a confirmation form")
        + 28;
    let action = html_unescape(&main[at..at + main[at..].find('"').unwrap()]);
    b.post(&action, &[("csrf_token", &page.csrf())]).await
}

/// A user with a Helpdesk role designates `reseller` for the customer's product, as the seed
/// says.
pub async fn designate(b: &Browser, customer: &str, product: &str, reseller: &str) {
    let path = subscription_path(b, customer, product).await;
    let form = b.get(&path).await;
    let id = form.option_value("support_contact", reseller);
    let done = b.post_contact(&path, &form, &id).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
}

/// The status of a partnership, if there is a row.
pub fn partnership_status(app: &TestApp, provider: &str, reseller: &str) -> Option<String> {
    partnerships::table
        .filter(partnerships::provider_id.eq(org_id(app, provider)))
        .filter(partnerships::reseller_id.eq(org_id(app, reseller)))
        .select(partnerships::status)
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

/// Whether a partner's relationship with a customer has delegated admin privileges; None
/// without a relationship.
pub fn delegated_admin(app: &TestApp, partner: &str, customer: &str) -> Option<bool> {
    customer_relationships::table
        .filter(customer_relationships::partner_id.eq(org_id(app, partner)))
        .filter(customer_relationships::customer_id.eq(org_id(app, customer)))
        .select(customer_relationships::delegated_admin)
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

/// How many events record `action`.
pub fn events(app: &TestApp, action: &str) -> i64 {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

pub fn all_events(app: &TestApp) -> i64 {
    audit_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The "Designated support contact" options of a subscription, as Contoso's Helpdesk agent
/// sees them.
pub async fn available_contacts(app: &TestApp, customer: &str, product: &str) -> Vec<String> {
    let b = app.signed_in("helpdesk@contoso.example").await;
    let path = subscription_path(&b, customer, product).await;
    b.get(&path).await.option_texts("support_contact")
}

/// The support contact Adatum's (or Wingtip's) admin sees for a product under Admin -> Support.
pub async fn contact_on_support_page(b: &Browser, product: &str) -> String {
    let page = b.get("/admin/support").await;
    let card = page
        .body
        .split("<li class=\"card\">")
        .find(|c| c.contains(product))
        .unwrap_or_else(|| panic!("no card for {product}"));
    let marker = "class=\"contact-name\">";
    let start = card.find(marker).unwrap() + marker.len();
    let end = start + card[start..].find('<').unwrap();
    html_unescape(&card[start..end])
}

/// Adds a user with the demo password (the demo world has no users for some resellers).
pub fn add_user(
    app: &TestApp,
    organization: &str,
    email: &str,
    role: support_contacts::domain::roles::Role,
) {
    use support_contacts::db::{self, users::NewUser};
    let hash = support_contacts::auth::password::hash_password(DEMO_PASSWORD).unwrap();
    db::users::insert(
        &mut app.conn(),
        NewUser {
            id: &support_contacts::domain::new_id(),
            organization_id: &org_id(app, organization),
            email,
            display_name: email,
            password_hash: &hash,
            role,
            state: support_contacts::domain::accounts::UserState::Active,
            created_at: db::now(),
        },
    )
    .unwrap();
}

/// Sets a demo user's role.
pub fn set_role(app: &TestApp, email: &str, role: support_contacts::domain::roles::Role) {
    use support_contacts::db;
    let mut conn = app.conn();
    let user = db::users::find_by_email(&mut conn, email).unwrap().unwrap();
    db::users::set_role(&mut conn, &user.id, role).unwrap();
}
