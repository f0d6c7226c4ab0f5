//! support-contacts: partners designate which reseller gives technical support for each of a
//! customer's subscriptions, and customers see who their support contact is.
//!
//! `main` and the integration tests share [`startup::build_app`], so what is tested is what runs.

pub mod auth;
pub mod bench_data;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod startup;
pub mod web;

pub use web::urls;
