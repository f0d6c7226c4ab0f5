//! The framework's ceiling for the benchmark (`tests/bench/run.sh`): actix-web answering every
//! GET with the bytes of one file, read once at start, as `text/html`. Nothing else: no
//! session, no database, no template, no middleware. A page of the product is measured against
//! this program serving that page's own bytes, on the same machine in the same run.
//!
//! Usage: cargo run --release --example ceiling -- PORT BODY_FILE

use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use actix_web::{web, App, HttpResponse, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = || std::io::Error::other("usage: ceiling PORT BODY_FILE");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).ok_or_else(usage)?;
    let body = Bytes::from(std::fs::read(args.next().ok_or_else(usage)?)?);
    HttpServer::new(move || {
        let body = body.clone();
        App::new().default_service(web::to(move || {
            let body = body.clone();
            async move {
                HttpResponse::Ok()
                    .content_type(ContentType::html())
                    .body(body)
            }
        }))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
