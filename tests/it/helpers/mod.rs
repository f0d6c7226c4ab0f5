//! The test harness: a real server on port 0 with its own database (`server`), browsers that
//! keep cookies, read CSRF tokens from pages and follow the seed's steps (`browser`), and what
//! tests read from pages (`page`).

mod browser;
mod page;
mod server;

pub use browser::*;
pub use page::*;
pub use server::*;
