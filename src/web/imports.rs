//! Importing and exporting a provider's customers and subscriptions as CSV: the upload form
//! with the columns and a template, the preview (what would be created, updated and left
//! alone, and every bad row with its line), applying it, and the export in the same columns.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::StreamExt;

use super::sign_in::EmptyForm;
use super::{checked_id, render, render_with_status};
use crate::auth::session::AppSession;
use crate::auth::{CsrfForm, ProviderAdmin, Viewer};
use crate::db::imports::{Applied, ExportKey};
use crate::db::{self, Db};
use crate::domain::audit::csv_record;
use crate::domain::import::{FileProblem, Plan, RowNote, COLUMNS, MAX_BYTES};
use crate::domain::OrganizationId;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "import.html", config = "templates/askama.toml")]
pub struct ImportPage {
    pub ctx: Viewer,
    pub columns: [&'static str; 9],
    pub error: Option<String>,
}

fn form_page(
    ctx: Viewer,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    render_with_status(
        status,
        &ImportPage {
            ctx,
            columns: COLUMNS,
            error,
        },
    )
}

pub async fn form(admin: ProviderAdmin) -> Result<HttpResponse, AppError> {
    form_page(admin.viewer, StatusCode::OK, None)
}

/// A row note as the preview shows it.
pub struct NoteRow {
    pub line: usize,
    pub message: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "import_preview.html", config = "templates/askama.toml")]
pub struct PreviewPage {
    pub ctx: Viewer,
    pub file_name: String,
    pub import_id: String,
    pub counts: Counts,
    pub refused: Vec<NoteRow>,
    pub reported: Vec<NoteRow>,
    /// Applied already (the result page) rather than a preview.
    pub applied: bool,
    /// The file was refused at Apply although its preview was clean (the data changed since).
    pub refused_at_apply: bool,
}

/// How many customers and subscriptions a plan creates, updates and leaves alone.
pub struct Counts {
    pub customers: [usize; 3],
    pub subscriptions: [usize; 3],
}

impl PreviewPage {
    pub fn may_apply(&self) -> bool {
        self.refused.is_empty() && !self.applied
    }
}

fn notes(ctx: &Viewer, notes: &[RowNote]) -> Vec<NoteRow> {
    notes
        .iter()
        .map(|n| NoteRow {
            line: n.line,
            message: ctx.t(n.message_id).into_owned(),
            value: n.value.clone(),
        })
        .collect()
}

fn preview(ctx: Viewer, file_name: String, import_id: String, plan: &Plan) -> PreviewPage {
    PreviewPage {
        counts: Counts {
            customers: [
                plan.new_customers.len(),
                plan.updated_customers.len(),
                plan.unchanged_customers,
            ],
            subscriptions: [
                plan.new_subscriptions.len(),
                plan.updated_subscriptions.len(),
                plan.unchanged_subscriptions,
            ],
        },
        refused: notes(&ctx, &plan.refused),
        reported: notes(&ctx, &plan.reported),
        ctx,
        file_name,
        import_id,
        applied: false,
        refused_at_apply: false,
    }
}

/// The message of a file that cannot be read at all.
fn file_problem(ctx: &Viewer, problem: &FileProblem) -> String {
    match problem {
        FileProblem::MissingColumns(missing) => {
            ctx.t1(problem.message_id(), "columns", &missing.join(", "))
        }
        other => ctx.t(other.message_id()).into_owned(),
    }
}

/// The upload: a multipart form with the CSRF token and the file. Read whole (up to the limit)
/// before anything is checked, so a refusal never leaves part of a request unread.
pub async fn upload(
    admin: ProviderAdmin,
    req: HttpRequest,
    mut payload: Multipart,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let mut token = String::new();
    let mut file_name = String::new();
    let mut content: Vec<u8> = Vec::new();
    let mut too_large = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(super::guard::upload_error)?;
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            file_name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect();
        }
        let mut value: Vec<u8> = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(super::guard::upload_error)?;
            if value.len() + chunk.len() > MAX_BYTES {
                too_large = true;
                continue;
            }
            value.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf_token" => token = String::from_utf8_lossy(&value).into_owned(),
            "file" => content = value,
            _ => {}
        }
    }
    AppSession::from_request(&req).check_csrf(&token)?;
    let ctx = admin.viewer;
    if too_large {
        let message = ctx.t(FileProblem::TooLarge.message_id()).into_owned();
        return form_page(ctx, StatusCode::PAYLOAD_TOO_LARGE, Some(message));
    }
    if content.is_empty() {
        let message = ctx.t("import-error-no-file").into_owned();
        return form_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(message));
    }
    let text = match String::from_utf8(content) {
        Ok(text) => text,
        Err(_) => {
            let message = file_problem(&ctx, &FileProblem::NotUtf8);
            return form_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(message));
        }
    };
    let actor = admin.user.actor();
    let name = if file_name.is_empty() {
        "import.csv".to_string()
    } else {
        file_name
    };
    let stored_name = name.clone();
    // Reading and planning a large file is CPU work: it runs on a blocking thread, and a file
    // that cannot be read is never stored.
    let outcome = db
        .run(move |conn| {
            let plan = match db::imports::plan(conn, &actor.organization_id, &text)? {
                Ok(plan) => plan,
                Err(problem) => return Ok(Err(problem)),
            };
            let id = db::imports::store(conn, &actor, &stored_name, &text)?;
            Ok(Ok((id, plan)))
        })
        .await?;
    let (import_id, plan) = match outcome {
        Ok(planned) => planned,
        Err(problem) => {
            let message = file_problem(&ctx, &problem);
            let status = match problem {
                FileProblem::TooLarge | FileProblem::TooManyRows => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            return form_page(ctx, status, Some(message));
        }
    };
    let status = if plan.may_apply() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_with_status(status, &preview(ctx, name, import_id, &plan))
}

pub async fn apply(
    admin: ProviderAdmin,
    path: web::Path<String>,
    _form: CsrfForm<EmptyForm>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    super::request_log::touches(format_args!("import_id={}", path.as_str()));
    let import_id = checked_id(&path)?.to_string();
    let actor = admin.user.actor();
    let id = import_id.clone();
    let (applied, file_name) = db
        .run(move |conn| {
            let applied = db::imports::apply(conn, &actor, &id)?;
            let name = db::imports::find(conn, &actor.organization_id, &id)?
                .map(|(name, _, _)| name)
                .unwrap_or_default();
            Ok((applied, name))
        })
        .await?;
    let ctx = admin.viewer;
    match applied {
        Applied::Done(plan) => {
            let mut page = preview(ctx, file_name, import_id, &plan);
            page.applied = true;
            render(&page)
        }
        Applied::Refused(plan) => {
            let mut page = preview(ctx, file_name, import_id, &plan);
            page.refused_at_apply = true;
            render_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Applied::FileProblem(problem) => {
            let message = file_problem(&ctx, &problem);
            form_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(message))
        }
        Applied::AlreadyApplied => Err(AppError::Conflict("import-error-applied")),
        Applied::NotFound => Err(AppError::NotFound),
    }
}

/// A CSV download with a header row and an attachment name.
fn csv_response(file_name: &str, lines: impl Iterator<Item = String>) -> HttpResponse {
    let mut body = csv_record(&COLUMNS);
    for line in lines {
        body.push_str(&line);
    }
    super::csv_answer(file_name).body(body)
}

/// The template: the header and one example row.
pub async fn template(_admin: ProviderAdmin) -> Result<HttpResponse, AppError> {
    let example = csv_record(&[
        "Adatum Corporation",
        "adatum.example",
        "US",
        "SUB-0001",
        "Microsoft 365 E3",
        "25",
        "legacy",
        "active",
        "",
    ]);
    Ok(csv_response(
        "support-contacts-import-template.csv",
        std::iter::once(example),
    ))
}

/// Export lines read at a time: about 250 KB of CSV.
const EXPORT_PAGE: i64 = 2_000;

/// One page of `provider_id`'s export as CSV text, and where the next one starts.
async fn export_text(
    db: &Db,
    provider_id: OrganizationId,
    after: Option<ExportKey>,
) -> Result<(String, Option<ExportKey>), AppError> {
    db.run(move |conn| {
        let (lines, next) =
            db::imports::export_page(conn, &provider_id, after.as_ref(), EXPORT_PAGE)?;
        Ok((lines.iter().map(|l| csv_record(l)).collect(), next))
    })
    .await
}

/// Every subscription of the provider with its customer and designated support contact, in
/// the import's columns (cells that would start a formula are quoted), sent a page at a time
/// ([`super::paged_download`]): a provider with a million subscriptions gets its 120 MB
/// without the server holding them.
pub async fn export(admin: ProviderAdmin, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let provider_id = admin.user.organization_id.clone();
    let (first, after) = export_text(&db, provider_id.clone(), None).await?;
    let head = csv_record(&COLUMNS) + &first;
    Ok(super::paged_download(
        "support-contacts-export.csv",
        head,
        after,
        move |after| {
            let (db, provider_id) = (db.clone(), provider_id.clone());
            async move { export_text(&db, provider_id, Some(after)).await }
        },
    ))
}
