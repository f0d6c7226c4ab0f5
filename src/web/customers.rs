//! The Customers page: the customers this partner provides subscriptions to, searchable by name,
//! in pages read by keyset (name, id), so that page 4,000 costs what page 1 costs.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, QUERY_VALUE};
use crate::auth::{PartnerUser, Viewer};
use crate::db::organizations::{Organization, PageAt};
use crate::db::{self, Db};
use crate::domain::Cursor;
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
}

#[derive(Template)]
#[template(path = "customers.html")]
pub struct CustomersPage {
    pub ctx: Viewer,
    pub search: String,
    pub customers: Vec<Organization>,
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
}

fn page_href(search: &str, key: &str, cursor: &Cursor) -> String {
    let cursor =
        percent_encoding::utf8_percent_encode(&cursor.to_string(), QUERY_VALUE).to_string();
    if search.is_empty() {
        format!("/customers?{key}={cursor}")
    } else {
        let q = percent_encoding::utf8_percent_encode(search, QUERY_VALUE);
        format!("/customers?q={q}&{key}={cursor}")
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
    let at = match (
        query.after.as_deref().and_then(Cursor::parse),
        query.before.as_deref().and_then(Cursor::parse),
    ) {
        (Some(c), _) => PageAt::After(c),
        (None, Some(c)) => PageAt::Before(c),
        _ => PageAt::First,
    };
    let org_id = partner.user.organization_id.clone();
    let (term, position) = (search.clone(), at.clone());
    let mut customers = db
        .run(move |conn| {
            let term = (!term.is_empty()).then_some(term.as_str());
            Ok(db::organizations::customers_page(
                conn, &org_id, term, &position, PAGE_SIZE,
            )?)
        })
        .await?;
    let more = customers.len() as i64 > PAGE_SIZE;
    let (has_previous, has_next) = match at {
        PageAt::First => (false, more),
        PageAt::After(_) => (true, more),
        PageAt::Before(_) => (more, true),
    };
    if more {
        if matches!(at, PageAt::Before(_)) {
            customers.remove(0);
        } else {
            customers.truncate(PAGE_SIZE as usize);
        }
    }
    let cursor_of = |o: &Organization| Cursor {
        name: o.name.clone(),
        id: o.id.clone(),
    };
    let previous_href = customers
        .first()
        .filter(|_| has_previous)
        .map(|o| page_href(&search, "before", &cursor_of(o)));
    let next_href = customers
        .last()
        .filter(|_| has_next)
        .map(|o| page_href(&search, "after", &cursor_of(o)));
    render(&CustomersPage {
        ctx: partner.viewer,
        search,
        customers,
        previous_href,
        next_href,
    })
}
