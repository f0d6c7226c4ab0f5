//! The confirmation step before every removal: what will happen, a button that does it, and a
//! way back. The removal itself is the POST to the same path.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::auth::Viewer;
use crate::error::AppError;

/// What a confirmation page says, as message ids; the question and the consequence take the
/// same named arguments.
pub struct Confirmation {
    pub title_id: &'static str,
    pub question_id: &'static str,
    pub consequence_id: &'static str,
    pub button_id: &'static str,
}

#[derive(Template)]
#[template(path = "confirm.html", config = "templates/askama.toml")]
pub struct ConfirmPage {
    pub ctx: Viewer,
    pub title_id: &'static str,
    /// The question and what the removal does, already in the viewer's language.
    pub question: String,
    pub consequence: String,
    pub action: String,
    pub button_id: &'static str,
    pub cancel_href: String,
}

/// Asks before a removal; the form posts back to the page's own path.
pub fn confirm(
    ctx: Viewer,
    what: &Confirmation,
    args: &[(&str, &str)],
    cancel_href: &str,
) -> Result<HttpResponse, AppError> {
    let action = ctx.path.clone();
    confirm_to(ctx, what, args, &action, cancel_href)
}

/// Asks before a change that posts to `action`.
pub fn confirm_to(
    ctx: Viewer,
    what: &Confirmation,
    args: &[(&str, &str)],
    action: &str,
    cancel_href: &str,
) -> Result<HttpResponse, AppError> {
    render(&ConfirmPage {
        question: ctx.t_args(what.question_id, args),
        consequence: ctx.t_args(what.consequence_id, args),
        action: action.to_string(),
        title_id: what.title_id,
        button_id: what.button_id,
        cancel_href: cancel_href.to_string(),
        ctx,
    })
}
