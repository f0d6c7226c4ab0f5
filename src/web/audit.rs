//! The audit log, read-only: a partner's Admin agents and Global admins see their
//! organization's log (filterable by customer and dates, downloadable as CSV); a customer's
//! admin sees the changes that concern the customer. Whose log is read always comes from the
//! session, never from the address. There is no route that changes or deletes an event.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::render_with_status;
use crate::auth::{CustomerGlobalAdmin, PartnerAdmin, Viewer};
use crate::db::audit::{AuditEvent, LogOf, ANONYMOUS_ACTOR, OPERATOR_ACTOR, SYSTEM_ACTOR};
use crate::db::{self, Db};
use crate::domain::accounts::UserState;
use crate::domain::audit::{
    self as rules, AuditFilter, LogCursor, LogPage, RelationshipValue, Values,
};
use crate::domain::roles::Role;
use crate::domain::{CustomerId, OrganizationId};
use crate::error::AppError;

/// Events shown on one page; the CSV holds up to [`CSV_LIMIT`].
const PAGE_SIZE: i64 = 50;
const CSV_LIMIT: i64 = 100_000;

#[derive(Deserialize)]
pub struct AuditQuery {
    /// One customer, by id (links from elsewhere in the product).
    customer: Option<String>,
    /// Part of a customer's name, typed into the filter.
    customer_name: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// One bulk change's reference.
    bulk: Option<String>,
    /// Paging cursors (see `LogCursor`).
    older: Option<String>,
    newer: Option<String>,
}

impl AuditQuery {
    /// The filter the query asks for, or the message id that says what is wrong with it.
    fn filter(&self) -> Result<AuditFilter, &'static str> {
        AuditFilter::parse(
            self.customer.as_deref(),
            self.from.as_deref(),
            self.to.as_deref(),
        )?
        .with_customer_name(self.customer_name.as_deref())
        .with_bulk_change(self.bulk.as_deref())
    }
}

/// One event as shown and downloaded, in the reader's language.
pub struct AuditRow {
    pub event_id: String,
    /// Where the event stands in the log, for the paging links.
    pub cursor: LogCursor,
    pub time: String,
    pub actor: String,
    pub organization: String,
    pub customer: String,
    pub object: String,
    pub change: String,
    pub old_value: String,
    pub new_value: String,
    pub cause_event_id: String,
}

/// Whose log, owned, so it can move to the database thread.
#[derive(Clone)]
enum Reader {
    Partner(OrganizationId),
    Customer(CustomerId),
}

impl Reader {
    fn log(&self) -> LogOf<'_> {
        match self {
            Reader::Partner(id) => LogOf::Partner(id),
            Reader::Customer(id) => LogOf::Customer(id),
        }
    }
}

/// Loads the events with the names and causes they refer to, and words them for `ctx`.
async fn rows(
    ctx: &Viewer,
    db: &Db,
    reader: Reader,
    filter: AuditFilter,
    page: LogPage,
    limit: i64,
) -> Result<Vec<AuditRow>, AppError> {
    let (events, names, causes) = db
        .run(move |conn| {
            let events = db::audit::list(conn, reader.log(), &filter, &page, limit)?;
            let names = db::organizations::names(
                conn,
                events
                    .iter()
                    .flat_map(|e| std::iter::once(&e.organization_id).chain(&e.customer_id)),
            )?;
            let cause_ids: Vec<String> = events
                .iter()
                .filter_map(|e| e.cause_event_id.clone())
                .collect();
            let causes = db::audit::actions_of(conn, &cause_ids)?;
            Ok((events, names, causes))
        })
        .await?;
    let name_of = |id: &str| names.name(id);
    let change_of = |action: rules::Action| ctx.t(action.message_id()).into_owned();
    Ok(events
        .iter()
        .map(|e| {
            let value = |v: &Option<String>| {
                let Some(v) = v else {
                    return String::new();
                };
                let message = match e.action.values() {
                    Values::Names => None,
                    Values::Relationship => RelationshipValue::parse(v).map(|c| c.message_id()),
                    Values::Role => Role::parse(v).map(|c| c.message_id()),
                    Values::UserState => UserState::parse(v).map(|c| c.message_id()),
                    Values::SubscriptionStatus => {
                        crate::domain::SubscriptionStatus::parse(v).map(|c| c.message_id())
                    }
                };
                message
                    .map(|id| ctx.t(id).into_owned())
                    .unwrap_or_else(|| v.clone())
            };
            let cause = e
                .cause_event_id
                .as_ref()
                .and_then(|id| causes.iter().find(|(c, _)| c == id))
                .map(|(_, action)| ctx.t1("audit-caused-by", "change", &change_of(*action)));
            AuditRow {
                event_id: e.id.clone(),
                cursor: LogCursor {
                    at: e.occurred_at,
                    id: e.id.clone(),
                },
                time: e.occurred_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                actor: actor_of(ctx, e),
                organization: name_of(&e.organization_id),
                customer: e.customer_id.as_deref().map(name_of).unwrap_or_default(),
                object: match e.object_label.as_str() {
                    "" => ctx.t(e.object_kind.message_id()).into_owned(),
                    label => format!("{}: {label}", ctx.t(e.object_kind.message_id())),
                },
                change: match cause {
                    Some(cause) => format!("{} ({cause})", change_of(e.action)),
                    None => change_of(e.action),
                },
                old_value: value(&e.old_value),
                new_value: value(&e.new_value),
                cause_event_id: e.cause_event_id.clone().unwrap_or_default(),
            }
        })
        .collect())
}

fn actor_of(ctx: &Viewer, event: &AuditEvent) -> String {
    if event.actor_user_id.is_none() && event.actor_name == SYSTEM_ACTOR {
        ctx.t("audit-system").into_owned()
    } else if event.actor_user_id.is_none() && event.actor_name == OPERATOR_ACTOR {
        ctx.t("audit-operator").into_owned()
    } else if event.actor_user_id.is_none() && event.actor_name == ANONYMOUS_ACTOR {
        ctx.t("audit-anonymous").into_owned()
    } else if event.actor_api_client_id.is_some() {
        ctx.t1("audit-api-client", "name", &event.actor_name)
    } else {
        event.actor_name.clone()
    }
}

#[derive(Template)]
#[template(path = "audit.html", config = "templates/askama.toml")]
pub struct AuditPage {
    pub ctx: Viewer,
    pub rows: Vec<AuditRow>,
    pub intro_id: &'static str,
    pub is_partner_log: bool,
    /// The page's own path (the filter form's action).
    pub action: &'static str,
    /// The customer chosen by id (kept by the filter form), and its name when the partner's
    /// log mentions it.
    pub customer: String,
    pub customer_label: Option<String>,
    /// The same filter for every customer.
    pub all_customers_href: String,
    /// The part of a customer's name typed into the filter.
    pub customer_name: String,
    pub from: String,
    pub to: String,
    /// The bulk change the page is narrowed to, if any (kept by the filter form).
    pub bulk: String,
    pub error: Option<&'static str>,
    pub csv_href: String,
    pub older_href: Option<String>,
    pub newer_href: Option<String>,
}

async fn page(
    ctx: Viewer,
    db: &Db,
    reader: Reader,
    query: AuditQuery,
) -> Result<HttpResponse, AppError> {
    let is_partner_log = matches!(reader, Reader::Partner(_));
    let (action, intro_id) = match reader {
        Reader::Partner(_) => (super::urls::AUDIT, "audit-intro-partner"),
        Reader::Customer(_) => (super::urls::ADMIN_AUDIT, "audit-intro-customer"),
    };
    let parsed = query.filter();
    let customer_label = match (&reader, &parsed) {
        (
            Reader::Partner(partner_id),
            Ok(AuditFilter {
                customer_id: Some(customer_id),
                ..
            }),
        ) => {
            let (partner_id, customer_id) = (partner_id.clone(), customer_id.clone());
            db.run(move |conn| {
                Ok(db::audit::customer_in_partner_log(
                    conn,
                    &partner_id,
                    &customer_id,
                )?)
            })
            .await?
        }
        _ => None,
    };
    let all_customers_href = match &parsed {
        Ok(filter) => match filter.without_customer().query().as_str() {
            "" => action.to_string(),
            q => format!("{action}?{q}"),
        },
        Err(_) => action.to_string(),
    };
    let page = match (
        query.older.as_deref().and_then(LogCursor::parse),
        query.newer.as_deref().and_then(LogCursor::parse),
    ) {
        (Some(c), _) => LogPage::Older(c),
        (None, Some(c)) => LogPage::Newer(c),
        _ => LogPage::Newest,
    };
    let (status, mut rows, error, csv_href, filter_query) = match parsed {
        Ok(filter) => {
            let filter_query = filter.query();
            let csv_href = match filter_query.as_str() {
                "" => format!("{action}.csv"),
                q => format!("{action}.csv?{q}"),
            };
            let rows = rows(&ctx, db, reader, filter, page.clone(), PAGE_SIZE + 1).await?;
            (StatusCode::OK, rows, None, csv_href, filter_query)
        }
        Err(id) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            Some(id),
            String::new(),
            String::new(),
        ),
    };
    // One row more than a page says whether there is more in the reading direction.
    let more = rows.len() as i64 > PAGE_SIZE;
    if more {
        match page {
            LogPage::Newer(_) => {
                rows.remove(0);
            }
            _ => rows.truncate(PAGE_SIZE as usize),
        }
    }
    let (has_newer, has_older) = match page {
        LogPage::Newest => (false, more),
        LogPage::Older(_) => (true, more),
        LogPage::Newer(_) => (more, true),
    };
    let link = |key: &str, cursor: &LogCursor| match filter_query.as_str() {
        "" => format!("{action}?{key}={}", cursor.encode()),
        q => format!("{action}?{q}&{key}={}", cursor.encode()),
    };
    let newer_href = rows
        .first()
        .filter(|_| has_newer)
        .map(|r| link("newer", &r.cursor));
    let older_href = rows
        .last()
        .filter(|_| has_older)
        .map(|r| link("older", &r.cursor));
    render_with_status(
        status,
        &AuditPage {
            ctx,
            rows,
            intro_id,
            is_partner_log,
            action,
            customer: query.customer.unwrap_or_default(),
            customer_label,
            all_customers_href,
            customer_name: query
                .customer_name
                .as_deref()
                .unwrap_or("")
                .trim()
                .to_string(),
            from: query.from.unwrap_or_default(),
            to: query.to.unwrap_or_default(),
            bulk: query.bulk.unwrap_or_default(),
            error,
            csv_href,
            older_href,
            newer_href,
        },
    )
}

/// Events an audit download reads at a time.
const CSV_PAGE: i64 = 1_000;

/// Where the page after `rows` starts, when it was a full page of `limit` and the download may
/// hold `left` more events: after its last event, with what is left then.
fn next_after(rows: &[AuditRow], limit: i64, left: i64) -> Option<(LogCursor, i64)> {
    match rows.last() {
        Some(last) if rows.len() as i64 == limit && left > 0 => Some((last.cursor.clone(), left)),
        _ => None,
    }
}

/// The download's lines of `rows`.
fn csv_text(rows: &[AuditRow]) -> String {
    rows.iter()
        .map(|row| {
            rules::csv_record(&[
                &row.time,
                &row.actor,
                &row.organization,
                &row.customer,
                &row.object,
                &row.change,
                &row.old_value,
                &row.new_value,
                &row.event_id,
                &row.cause_event_id,
            ])
        })
        .collect()
}

/// The filtered log as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read every
/// language), with the same columns as the page plus the event ids: up to [`CSV_LIMIT`]
/// events, sent a page at a time ([`super::paged_download`]), each page the older neighbour of
/// the one before, as the page's "Older" link reads it.
async fn csv(
    ctx: Viewer,
    db: web::Data<Db>,
    reader: Reader,
    query: AuditQuery,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter().map_err(AppError::BadRequest)?;
    let mut head = String::from("\u{feff}");
    head.push_str(&rules::csv_record(&[
        ctx.t("audit-col-time"),
        ctx.t("audit-col-actor"),
        ctx.t("audit-col-organization"),
        ctx.t("audit-col-customer"),
        ctx.t("audit-col-object"),
        ctx.t("audit-col-change"),
        ctx.t("audit-col-old"),
        ctx.t("audit-col-new"),
        ctx.t("audit-col-event-id"),
        ctx.t("audit-col-cause-id"),
    ]));
    let newest = LogPage::Newest;
    let first = rows(&ctx, &db, reader.clone(), filter.clone(), newest, CSV_PAGE).await?;
    head.push_str(&csv_text(&first));
    let after = next_after(&first, CSV_PAGE, CSV_LIMIT - first.len() as i64);
    Ok(super::paged_download(
        "audit-log.csv",
        head,
        after,
        move |(cursor, left)| {
            let (ctx, db) = (ctx.clone(), db.clone());
            let (reader, filter) = (reader.clone(), filter.clone());
            async move {
                let limit = CSV_PAGE.min(left);
                let page = rows(&ctx, &db, reader, filter, LogPage::Older(cursor), limit).await?;
                let after = next_after(&page, limit, left - page.len() as i64);
                Ok((csv_text(&page), after))
            }
        },
    ))
}

pub async fn partner_log(
    admin: PartnerAdmin,
    query: web::Query<AuditQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let reader = Reader::Partner(admin.user.organization_id.clone());
    page(admin.viewer, &db, reader, query.into_inner()).await
}

pub async fn partner_csv(
    admin: PartnerAdmin,
    query: web::Query<AuditQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let reader = Reader::Partner(admin.user.organization_id.clone());
    csv(admin.viewer, db, reader, query.into_inner()).await
}

pub async fn customer_log(
    admin: CustomerGlobalAdmin,
    query: web::Query<AuditQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let reader = Reader::Customer(admin.customer_id());
    page(admin.viewer, &db, reader, query.into_inner()).await
}

pub async fn customer_csv(
    admin: CustomerGlobalAdmin,
    query: web::Query<AuditQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let reader = Reader::Customer(admin.customer_id());
    csv(admin.viewer, db, reader, query.into_inner()).await
}
