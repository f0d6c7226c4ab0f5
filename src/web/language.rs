//! The language switcher: remembers an explicit choice in a cookie and goes back to the page.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::extract::LANGUAGE_COOKIE;
use crate::i18n::Locale;

#[derive(Deserialize)]
pub struct LanguageQuery {
    lang: Option<String>,
    next: Option<String>,
}

/// Only a path of this site is followed, never another host (`//evil`, `/\evil`, `https:`).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(|c| c.is_control()) =>
        {
            n
        }
        _ => "/",
    }
}

pub async fn switch(
    query: web::Query<LanguageQuery>,
    settings: web::Data<crate::config::Settings>,
) -> HttpResponse {
    let next = safe_next(query.next.as_deref()).to_string();
    let mut response = HttpResponse::SeeOther();
    response.insert_header(("Location", next));
    if let Some(locale) = query.lang.as_deref().and_then(Locale::from_tag) {
        response.cookie(
            Cookie::build(LANGUAGE_COOKIE, locale.tag())
                .path("/")
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(settings.secure_cookies)
                .max_age(actix_web::cookie::time::Duration::days(365))
                .finish(),
        );
    }
    response.finish()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/customers?q=a")), "/customers?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
