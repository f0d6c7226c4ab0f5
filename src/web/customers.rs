//! The Customers page: the partner's customers (a relationship, or subscriptions it provides),
//! searchable by name, in pages read by keyset (name, id), so that page 4,000 costs what page 1
//! costs; and a provider's Add customer.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::paging::{self, Pager};
use super::{render, render_with_status, site_link, QUERY_VALUE};
use crate::auth::session::random_token;
use crate::auth::{CsrfForm, PartnerUser, ProviderAdmin, Viewer};
use crate::db::organizations::{CreateError, Organization, PageAt};
use crate::db::{self, Db};
use crate::domain::customers::{check_customer, CustomerErrors, CustomerInput};
use crate::domain::{Cursor, OrganizationId};
use crate::error::AppError;

/// Customers shown on one page.
pub const PAGE_SIZE: i64 = 25;
/// The longest search text taken; anything longer is cut.
const MAX_SEARCH_CHARS: usize = 100;

#[derive(Deserialize)]
pub struct CustomersQuery {
    q: Option<String>,
    after: Option<String>,
    before: Option<String>,
    ended: Option<String>,
}

#[derive(Template)]
#[template(path = "customers.html", config = "templates/askama.toml")]
pub struct CustomersPage {
    pub ctx: Viewer,
    pub search: String,
    pub customers: Vec<Organization>,
    pub pager: Pager,
    /// A provider's Admin agents and Global admins add, import and export customers.
    pub may_add: bool,
    /// For a reseller: each customer's relationship (with delegated admin privileges or not)
    /// and how many of its subscriptions the reseller supports.
    pub reseller_view: Option<std::collections::HashMap<String, (Option<bool>, i64)>>,
    pub notice: Option<&'static str>,
}

impl CustomersPage {
    /// The column headings: a reseller also sees its relationship and what it supports.
    pub fn columns(&self) -> Vec<&'static str> {
        let mut columns = vec!["customers-col-name"];
        if self.reseller_view.is_some() {
            columns.extend(["customer-relationship-title", "customer-supported-title"]);
        }
        columns.push("customers-col-tenant");
        columns
    }

    /// The relationship column of a reseller's row, as a Fluent id.
    pub fn relationship_id(&self, customer_id: &OrganizationId) -> &'static str {
        match self.summary(customer_id).0 {
            Some(true) => "audit-value-with-delegated-admin",
            Some(false) => "audit-value-without-delegated-admin",
            None => "audit-value-none",
        }
    }

    /// How many of the customer's subscriptions the reseller supports.
    pub fn supported(&self, customer_id: &OrganizationId) -> i64 {
        self.summary(customer_id).1
    }

    fn summary(&self, customer_id: &OrganizationId) -> (Option<bool>, i64) {
        self.reseller_view
            .as_ref()
            .and_then(|v| v.get(customer_id.as_str()).copied())
            .unwrap_or((None, 0))
    }
}

fn page_href(search: &str, key: &str, cursor: &Cursor) -> String {
    let cursor = paging::cursor_param(key, cursor);
    if search.is_empty() {
        format!("{}?{cursor}", super::urls::CUSTOMERS)
    } else {
        let q = percent_encoding::utf8_percent_encode(search, QUERY_VALUE);
        format!("{}?q={q}&{cursor}", super::urls::CUSTOMERS)
    }
}

pub async fn list(
    partner: PartnerUser,
    query: web::Query<CustomersQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let search: String = query
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_SEARCH_CHARS)
        .collect();
    // A cursor that does not read is taken as the first page: the page is a search's results.
    let at = PageAt::from_links(
        query.after.as_deref(),
        query.before.as_deref(),
        Cursor::parse,
    )
    .unwrap_or(PageAt::First);
    let org_id = partner.user.organization_id.clone();
    let is_reseller = partner.user.organization_kind.is_reseller();
    let (term, position) = (search.clone(), at.clone());
    let (mut customers, reseller_view) = db
        .run(move |conn| {
            let term = (!term.is_empty()).then_some(term.as_str());
            let customers =
                db::organizations::customers_page(conn, &org_id, term, &position, PAGE_SIZE)?;
            let view = if is_reseller {
                let ids: Vec<String> = customers.iter().map(|c| c.id.to_string()).collect();
                Some(db::relationships::reseller_summaries(conn, &org_id, &ids)?)
            } else {
                None
            };
            Ok((customers, view))
        })
        .await?;
    let pager = paging::cut_page(&mut customers, &at, PAGE_SIZE, |key, o: &Organization| {
        let cursor = Cursor {
            name: o.name.clone(),
            id: o.id.to_string(),
        };
        page_href(&search, key, &cursor)
    });
    render(&CustomersPage {
        reseller_view,
        notice: query.ended.is_some().then_some("relationship-ended"),
        may_add: partner
            .user
            .role
            .may_manage_partnerships(partner.user.organization_kind),
        ctx: partner.viewer,
        search,
        customers,
        pager,
    })
}

#[derive(Template)]
#[template(path = "customer_new.html", config = "templates/askama.toml")]
pub struct NewCustomerPage {
    pub ctx: Viewer,
    pub input: CustomerInput,
    pub errors: CustomerErrors,
}

/// Partner Center's Customers → Add customer, for a provider's Admin agents and Global admins.
pub async fn new_form(admin: ProviderAdmin) -> Result<HttpResponse, AppError> {
    render(&NewCustomerPage {
        ctx: admin.viewer,
        input: CustomerInput::default(),
        errors: CustomerErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct NewCustomerForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    domain: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    admin_name: String,
    #[serde(default)]
    admin_email: String,
}

#[derive(Template)]
#[template(path = "customer_added.html", config = "templates/askama.toml")]
pub struct CustomerAddedPage {
    pub ctx: Viewer,
    pub customer: Organization,
    pub link: String,
    pub expires_at: String,
    pub message: String,
}

pub async fn add(
    admin: ProviderAdmin,
    req: HttpRequest,
    form: CsrfForm<NewCustomerForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let f = form.0;
    let input = CustomerInput {
        name: f.name,
        domain: f.domain,
        country: f.country,
        admin_name: f.admin_name,
        admin_email: f.admin_email,
    };
    let refuse = |ctx: Viewer, input: CustomerInput, errors: CustomerErrors| {
        render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &NewCustomerPage { ctx, input, errors },
        )
    };
    let customer = match check_customer(&input) {
        Ok(customer) => customer,
        Err(errors) => return refuse(admin.viewer, input, errors),
    };
    let actor = admin.user.actor();
    let token = random_token();
    let link_token = token.clone();
    let added = db
        .run(
            move |conn| match db::customers::add(conn, &actor, &customer, &link_token) {
                Ok(added) => Ok(Ok(added)),
                Err(CreateError::Conflict(id)) => Ok(Err(id)),
                Err(CreateError::Database(e)) => Err(e.into()),
            },
        )
        .await?;
    let (org, user, expires_at) = match added {
        Ok(added) => added,
        Err(id) => {
            let mut errors = CustomerErrors::default();
            if id == "validation-email-taken" {
                errors.admin_email = Some(id);
            } else {
                errors.domain = Some(id);
            }
            return refuse(admin.viewer, input, errors);
        }
    };
    let ctx = admin.viewer;
    let link = site_link(&req, &super::urls::set_password(&token));
    let expires = ctx.datetime(&expires_at);
    let message = ctx.t_args(
        "customers-added-message",
        &[
            ("name", &user.display_name),
            ("email", &user.email),
            ("customer", &org.name),
            ("partner", &admin.user.organization_name),
            ("date", &expires),
            ("link", &link),
        ],
    );
    render(&CustomerAddedPage {
        ctx,
        customer: org,
        link,
        expires_at: expires,
        message,
    })
}
