//! The integration tests: one binary, a real server and its own database per test.

mod helpers;
mod sign_in;
