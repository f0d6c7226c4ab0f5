//! The integration tests: one binary, a real server and its own database per test.
//! `TEST_DATABASE_URL=postgres://…` runs the same tests on PostgreSQL.

mod customer_admin;
mod customers;
mod helpers;
mod i18n;
mod instances;
mod profile;
mod security;
mod sign_in;
mod support_contact;
