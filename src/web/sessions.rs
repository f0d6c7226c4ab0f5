//! A user's open sessions: where and when each was opened and last used, and a way to end
//! the others (a browser left signed in elsewhere, a lost phone).

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{render, see_other, Notice};
use crate::auth::extract::SignedIn;
use crate::auth::CsrfForm;
use crate::config::Settings;
use crate::db::{self, Db};
use crate::error::AppError;

/// One row of the list.
pub struct SessionRow {
    pub handle: String,
    pub browser: String,
    pub address: String,
    pub signed_in: String,
    pub last_active: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "sessions.html", config = "templates/askama.toml")]
pub struct SessionsPage {
    pub ctx: crate::auth::Viewer,
    pub sessions: Vec<SessionRow>,
    pub notice: Option<Notice>,
}

impl SessionsPage {
    pub fn others(&self) -> usize {
        self.sessions.iter().filter(|s| !s.current).count()
    }
}

#[derive(Deserialize)]
pub struct EndedQuery {
    ended: Option<String>,
}

fn idle(settings: &Settings) -> chrono::Duration {
    chrono::Duration::from_std(settings.idle_timeout)
        .unwrap_or_else(|_| chrono::Duration::minutes(30))
}

pub async fn list(
    me: SignedIn,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    query: web::Query<EndedQuery>,
) -> Result<HttpResponse, AppError> {
    let user = me.viewer.signed_in()?.clone();
    let idle = idle(&settings);
    let user_id = user.user_id.clone();
    let open = db
        .run(move |conn| Ok(db::sessions::list_open(conn, &user_id, db::now(), idle)?))
        .await?;
    let sessions = open
        .into_iter()
        .map(|s| SessionRow {
            handle: s.handle(),
            browser: s.user_agent.clone(),
            address: s.client_address.clone(),
            signed_in: s.created_at.format("%Y-%m-%d %H:%M").to_string(),
            last_active: s.last_seen_at.format("%Y-%m-%d %H:%M").to_string(),
            current: s.id == user.session_id,
        })
        .collect();
    render(&SessionsPage {
        ctx: me.viewer,
        sessions,
        notice: query
            .ended
            .is_some()
            .then(|| Notice::info("sessions-ended")),
    })
}

#[derive(Deserialize)]
pub struct EndForm {
    /// A session's handle, or "others" for every session but this one.
    session: String,
}

pub async fn end(
    me: SignedIn,
    form: CsrfForm<EndForm>,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
) -> Result<HttpResponse, AppError> {
    let user = me.viewer.signed_in()?.clone();
    let which = match form.0.session.as_str() {
        "others" => db::sessions::Ending::AllOthers,
        handle if handle.len() == 16 && handle.chars().all(|c| c.is_ascii_hexdigit()) => {
            db::sessions::Ending::One(handle.to_string())
        }
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let idle = idle(&settings);
    let actor = user.actor();
    let kind = user.organization_kind;
    let current = user.session_id.clone();
    let ended = db
        .run(move |conn| {
            Ok(db::sessions::end_own(
                conn,
                &actor,
                kind,
                &current,
                which,
                db::now(),
                idle,
            )?)
        })
        .await?;
    if ended == 0 {
        // Already ended (another tab, the idle timeout): nothing changed, say so plainly.
        return Err(AppError::Conflict("sessions-none-ended"));
    }
    Ok(see_other(&format!(
        "{}?ended=1",
        super::urls::ACCOUNT_SESSIONS
    )))
}
