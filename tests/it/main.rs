//! The integration tests: one binary, a real server and its own database per test.
//! `TEST_DATABASE_URL=postgres://…` runs the same tests on PostgreSQL.

mod accounts;
mod api;
mod api_bulk;
mod api_openapi;
mod audit;
mod bench_data;
mod bulk_changes;
mod catalog;
mod customer_admin;
mod customers;
mod demo_world;
mod flows;
mod helpers;
mod i18n;
mod instances;
mod invitation_links;
mod limits;
mod mfa;
mod profile;
mod relationships;
mod removals;
mod security;
mod sessions;
mod sign_in;
mod sign_in_limits;
mod stored_values;
mod support_contact;
mod supported_subscriptions;
mod words;
