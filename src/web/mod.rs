//! HTTP: one module per page or page family, each with its handlers and template structs, plus
//! what every page shares (the page context's helpers, rendering, the route table).

pub mod account;
pub mod admin_support;
pub mod api;
pub mod api_clients;
pub mod audit;
pub mod bulk_changes;
pub mod confirm;
pub mod customer_relationships;
pub mod customers;
pub mod error_pages;
pub mod guard;
pub mod health;
pub mod home;
pub mod html;
pub mod imports;
pub mod indirect_resellers;
pub mod invitations;
pub mod language;
pub mod mfa;
pub mod paging;
pub mod partner_relationships;
pub mod request_log;
pub mod sessions;
pub mod set_password;
pub mod sign_in;
pub mod subscription_admin;
pub mod subscriptions;
pub mod support_profile;
pub mod supported_subscriptions;
pub mod urls;
pub mod users;

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;

use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::Locale;

/// The route table, shared by `main` and the tests.
///
/// The router tries each route in the order given here until one matches, and a route with
/// parts costs a regular-expression match to try (a tenth of the subscription page's time when
/// it came after twenty others). So the paths without parts come first, then the pages opened
/// most, each after any route its pattern would swallow (`…/subscriptions/new` before
/// `…/subscriptions/{subscription_id}`), then the rest.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use subscription_admin as sa;
    cfg.route(urls::HOME, web::get().to(home::index))
        .route(urls::ADMIN_SUPPORT, web::get().to(admin_support::show))
        .route(urls::STYLESHEET, web::get().to(home::stylesheet))
        .route(urls::FAVICON, web::get().to(home::favicon))
        .route(urls::FAVICON_ICO, web::get().to(home::favicon))
        .route(urls::LANGUAGE, web::get().to(language::switch))
        .route(urls::SIGN_IN, web::get().to(sign_in::show))
        .route(urls::SIGN_IN, web::post().to(sign_in::submit))
        .route(urls::SIGN_OUT, web::post().to(sign_in::sign_out))
        .route(urls::CUSTOMERS, web::get().to(customers::list))
        .route(urls::CUSTOMERS_NEW, web::get().to(customers::new_form))
        .route(urls::CUSTOMERS_NEW, web::post().to(customers::add))
        .route(urls::BULK_CHANGE, web::get().to(bulk_changes::choose))
        .route(
            urls::BULK_CHANGE_REVIEW,
            web::post().to(bulk_changes::review),
        )
        .route(urls::BULK_CHANGE_APPLY, web::post().to(bulk_changes::apply))
        .route(urls::IMPORT, web::get().to(imports::form))
        .route(urls::IMPORT, web::post().to(imports::upload))
        .route(urls::IMPORT_TEMPLATE, web::get().to(imports::template))
        .route(urls::EXPORT, web::get().to(imports::export))
        .route(urls::SUPPORT_PROFILE, web::get().to(support_profile::show))
        .route(
            urls::SUPPORT_PROFILE,
            web::post().to(support_profile::submit),
        )
        .route(urls::route::SUBSCRIPTION_NEW, web::get().to(sa::new_form))
        .route(urls::route::SUBSCRIPTION_NEW, web::post().to(sa::add))
        .route(
            urls::route::SUBSCRIPTION,
            web::get().to(subscriptions::show),
        )
        .route(
            urls::route::SUBSCRIPTION,
            web::post().to(subscriptions::submit),
        )
        .route(urls::route::CUSTOMER, web::get().to(subscriptions::list))
        .route(urls::route::REVIEW, web::get().to(subscriptions::review))
        .configure(catalog_routes)
        .configure(relationship_routes)
        .configure(account_routes)
        .configure(mfa::routes)
        .configure(api_clients::routes)
        .configure(api::routes);
}

/// A provider's work on its customers and subscriptions: import, change, end (the routes with
/// parts; [`routes`] has the others).
fn catalog_routes(cfg: &mut web::ServiceConfig) {
    use subscription_admin as sa;
    cfg.route(urls::route::IMPORT_APPLY, web::post().to(imports::apply))
        .route(
            urls::route::SUBSCRIPTION_QUANTITY,
            web::post().to(sa::quantity),
        )
        .route(
            urls::route::SUBSCRIPTION_CANCEL,
            web::get().to(sa::confirm_cancel),
        )
        .route(urls::route::SUBSCRIPTION_STEP, web::post().to(sa::step))
        .route(
            urls::route::CUSTOMER_RELATIONSHIP_END,
            web::get().to(customer_relationships::confirm_end),
        )
        .route(
            urls::route::CUSTOMER_RELATIONSHIP_END,
            web::post().to(customer_relationships::end),
        )
        .route(
            urls::route::INVITATION_WITHDRAW,
            web::post().to(invitations::withdraw),
        );
}

/// Passwords, and User management for partners (`/users`) and customers (`/admin/users`).
fn account_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(urls::route::SET_PASSWORD, web::get().to(set_password::show))
        .route(
            urls::route::SET_PASSWORD,
            web::post().to(set_password::submit),
        )
        .route(urls::ACCOUNT_PASSWORD, web::get().to(account::show))
        .route(urls::ACCOUNT_PASSWORD, web::post().to(account::submit))
        .route(urls::ACCOUNT_SESSIONS, web::get().to(sessions::list))
        .route(urls::ACCOUNT_SESSIONS_END, web::post().to(sessions::end));
    for base in [urls::PARTNER_USERS, urls::CUSTOMER_USERS] {
        cfg.route(base, web::get().to(users::list))
            .route(
                &urls::users_page(base, "new"),
                web::get().to(users::new_form),
            )
            .route(&urls::users_page(base, "new"), web::post().to(users::add))
            .route(&urls::user(base, "{user_id}"), web::get().to(users::show))
            .route(
                &urls::user_action(base, "{user_id}", "role"),
                web::post().to(users::change_role),
            )
            .route(
                &urls::user_action(base, "{user_id}", "disable"),
                web::get().to(users::confirm_disable),
            )
            .route(
                &urls::user_action(base, "{user_id}", "disable"),
                web::post().to(users::disable),
            )
            .route(
                &urls::user_action(base, "{user_id}", "enable"),
                web::post().to(users::enable),
            )
            .route(
                &urls::user_action(base, "{user_id}", "remove"),
                web::get().to(users::confirm_remove),
            )
            .route(
                &urls::user_action(base, "{user_id}", "remove"),
                web::post().to(users::remove),
            )
            .route(
                &urls::user_action(base, "{user_id}", "password-link"),
                web::post().to(users::new_link),
            );
    }
}

/// Partnerships, customer relationships, invitations, the audit log and what resellers support.
fn relationship_routes(cfg: &mut web::ServiceConfig) {
    use customer_relationships as cr;
    use indirect_resellers as ir;
    use partner_relationships as pr;
    cfg.route(urls::INDIRECT_RESELLERS, web::get().to(ir::list))
        .route(urls::INDIRECT_RESELLERS, web::post().to(ir::request))
        .route(
            urls::route::INDIRECT_RESELLER_REMOVE,
            web::get().to(ir::confirm_remove),
        )
        .route(
            urls::route::INDIRECT_RESELLER_REMOVE,
            web::post().to(ir::remove),
        )
        .route(urls::RELATIONSHIP_REQUESTS, web::get().to(cr::form))
        .route(urls::RELATIONSHIP_REQUESTS, web::post().to(cr::request))
        .route(
            urls::route::CUSTOMER_RESELLER_REMOVE,
            web::get().to(cr::confirm_remove),
        )
        .route(
            urls::route::CUSTOMER_RESELLER_REMOVE,
            web::post().to(cr::remove),
        )
        .route(urls::route::INVITATION, web::get().to(invitations::show))
        .route(
            urls::route::INVITATION_ACCEPT,
            web::post().to(invitations::accept),
        )
        .route(
            urls::route::INVITATION_DECLINE,
            web::post().to(invitations::decline),
        )
        .route(urls::ADMIN_RELATIONSHIPS, web::get().to(pr::list))
        .route(
            urls::route::ADMIN_RELATIONSHIP_REMOVE,
            web::get().to(pr::confirm_remove),
        )
        .route(
            urls::route::ADMIN_RELATIONSHIP_REMOVE,
            web::post().to(pr::remove),
        )
        .route(
            urls::route::ADMIN_DELEGATED_ADMIN_REMOVE,
            web::get().to(pr::confirm_remove_delegated_admin),
        )
        .route(
            urls::route::ADMIN_DELEGATED_ADMIN_REMOVE,
            web::post().to(pr::remove_delegated_admin),
        )
        .route(urls::AUDIT, web::get().to(audit::partner_log))
        .route(urls::AUDIT_CSV, web::get().to(audit::partner_csv))
        .route(urls::ADMIN_AUDIT, web::get().to(audit::customer_log))
        .route(urls::ADMIN_AUDIT_CSV, web::get().to(audit::customer_csv))
        .route(
            urls::SUPPORTED_SUBSCRIPTIONS,
            web::get().to(supported_subscriptions::list),
        );
}

/// A message a page shows about what just happened: its Fluent id and whether it reports a
/// problem (an alert) or news (a status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub id: &'static str,
    pub is_error: bool,
}

impl Notice {
    pub fn info(id: &'static str) -> Notice {
        Notice {
            id,
            is_error: false,
        }
    }

    pub fn error(id: &'static str) -> Notice {
        Notice { id, is_error: true }
    }
}

/// A link of a navigation: where it goes, its label, and whether it is this page.
pub struct NavLink {
    pub href: &'static str,
    pub label_id: &'static str,
    pub current: bool,
}

/// The address of a page of this site as other people reach it, for links sent by email: the
/// configured public address, else (only allowed on a loopback address, for local use) the
/// address this server listens on. Never the `Host`, `X-Forwarded-Host` or `Forwarded` a
/// client sends: a forged header must not put another site's address in a link.
pub fn site_link(req: &actix_web::HttpRequest, path: &str) -> String {
    let configured = req
        .app_data::<web::Data<crate::config::Settings>>()
        .and_then(|s| s.public_url.clone());
    match configured {
        Some(base) => format!("{base}{path}"),
        None => format!("http://{}{path}", req.app_config().local_addr()),
    }
}

/// A link in the language switcher.
pub struct LanguageLink {
    pub tag: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// What templates call on the page context.
impl Viewer {
    /// The message `id` in the viewer's language.
    pub fn t(&self, id: &str) -> std::borrow::Cow<'_, str> {
        self.i18n.text(self.locale, id)
    }

    /// The message `id`, when there is one (a field's error).
    pub fn t_opt(&self, id: &Option<&str>) -> Option<String> {
        id.map(|id| self.t(id).into_owned())
    }

    /// The message `id` with one named argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.i18n.format_with(self.locale, id, &[(name, value)])
    }

    /// The message `id` with several named arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.i18n.format_with(self.locale, id, args)
    }

    /// The message `id` with a count (plural forms).
    pub fn tn(&self, id: &str, name: &str, count: &i32) -> String {
        self.i18n
            .format_count(self.locale, id, name, i64::from(*count))
    }

    pub fn date(&self, at: &NaiveDateTime) -> String {
        self.locale.format_date(*at)
    }

    /// A calendar day in the locale's format.
    pub fn day(&self, day: &chrono::NaiveDate) -> String {
        self.locale
            .format_date(day.and_time(chrono::NaiveTime::MIN))
    }

    pub fn datetime(&self, at: &NaiveDateTime) -> String {
        self.locale.format_datetime(*at)
    }

    /// True when the main navigation's link to `prefix` leads to this page or one below it.
    pub fn nav_current(&self, prefix: &str) -> bool {
        let path = self.path.split('?').next().unwrap_or("");
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// What a new password must be, with the numbers of the rules.
    pub fn password_rules(&self) -> String {
        use crate::domain::accounts::{MIN_PASSWORD_CHARS, RECOMMENDED_PASSWORD_CHARS};
        self.t_args(
            "password-rules",
            &[
                ("min", &MIN_PASSWORD_CHARS.to_string()),
                ("recommended", &RECOMMENDED_PASSWORD_CHARS.to_string()),
            ],
        )
    }

    /// True on the pages of a customer admin's Admin area, which show its sections.
    pub fn in_admin_area(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.is_customer_admin())
            && self.nav_current(urls::ADMIN)
    }

    /// The sections of a customer's Admin area this user may open, Support first.
    pub fn admin_sections(&self) -> Vec<NavLink> {
        let global_admin = self
            .user
            .as_ref()
            .is_some_and(|u| u.role == crate::domain::roles::Role::CustomerGlobalAdmin);
        let mut sections = vec![(urls::ADMIN_SUPPORT, "support-title")];
        if global_admin {
            sections.extend([
                (urls::ADMIN_RELATIONSHIPS, "nav-partner-relationships"),
                (urls::CUSTOMER_USERS, "nav-user-management"),
                (urls::ADMIN_AUDIT, "nav-audit-log"),
            ]);
        }
        sections
            .into_iter()
            .map(|(href, label_id)| NavLink {
                href,
                label_id,
                current: self.nav_current(href),
            })
            .collect()
    }

    /// The language switcher's links, each coming back to this page.
    pub fn languages(&self) -> Vec<LanguageLink> {
        // This page's address, encoded once for the three links (and not copied when, as
        // usual, nothing in it needs encoding).
        let next: std::borrow::Cow<'_, str> =
            percent_encoding::utf8_percent_encode(&self.path, QUERY_VALUE).into();
        Locale::ALL
            .into_iter()
            .map(|l| {
                let parts = [urls::LANGUAGE, "?lang=", l.tag(), "&next=", &next];
                LanguageLink {
                    tag: l.tag(),
                    name: l.native_name(),
                    href: parts.concat(),
                    current: l == self.locale,
                }
            })
            .collect()
    }
}

/// Characters escaped in a query value.
pub const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'/');

/// Renders a template as a full HTML page with the given status.
pub fn render_with_status<T: Template>(
    status: StatusCode,
    template: &T,
) -> Result<HttpResponse, AppError> {
    let html = template
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    let mut response = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(html);
    response.extensions_mut().insert(error_pages::PageRendered);
    Ok(response)
}

/// Renders a template as a 200 page.
pub fn render<T: Template>(template: &T) -> Result<HttpResponse, AppError> {
    render_with_status(StatusCode::OK, template)
}

/// A 303 redirect to a path of this site.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// Only well-formed ids reach the database; anything else is simply not found.
pub fn checked_id(raw: &str) -> Result<&str, AppError> {
    if crate::domain::is_valid_id(raw) {
        Ok(raw)
    } else {
        Err(AppError::NotFound)
    }
}

/// The start of a CSV download's answer: its type, its file name, not kept by caches.
pub(super) fn csv_answer(file_name: &str) -> actix_web::HttpResponseBuilder {
    let mut answer = HttpResponse::Ok();
    answer
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"));
    answer
}

/// A CSV download sent a page at a time as it is read, so the server holds a page, not the
/// whole file. `head` is its start, with the first page, read before the answer starts (a
/// failure there is still an error page); `after` is where the next page starts, if anywhere;
/// `page(after)` reads it as text, with where the one after it starts. A failure after the
/// answer has started can only cut the download short: it is logged.
pub(super) fn paged_download<K, P, F>(
    file_name: &'static str,
    head: String,
    after: Option<K>,
    page: P,
) -> HttpResponse
where
    K: 'static,
    P: Fn(K) -> F + 'static,
    F: std::future::Future<Output = Result<(String, Option<K>), AppError>> + 'static,
{
    use futures_util::StreamExt;
    let rest = futures_util::stream::unfold((after, page), move |(after, page)| async move {
        let read = page(after?).await;
        match read {
            Ok((text, after)) => Some((Ok(web::Bytes::from(text)), (after, page))),
            Err(e) => {
                tracing::error!(error = %e, file = file_name, "a download was cut short");
                let cut = std::io::Error::other("the download was cut short");
                Some((Err(cut), (None, page)))
            }
        }
    });
    let body = futures_util::stream::once(async { Ok(web::Bytes::from(head)) }).chain(rest);
    csv_answer(file_name).streaming(body)
}
