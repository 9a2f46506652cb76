//! The web app's integration tests, in one binary: the JSON API and pages through `TestApp`,
//! notifications over real SMTP, races over real sockets, and real-browser flows in headless
//! Chromium. One binary links the app once instead of once per file.

mod browser_support;
mod common;

mod account_links;
mod account_security;
mod account_settings;
mod accounts;
mod autoschedule;
mod board;
mod browser;
mod browser_import;
mod browser_live;
mod browser_offline;
mod browser_offline_check_in;
mod browser_questions;
mod communities;
mod concurrency;
mod connections;
mod contract;
mod errors;
mod imports;
mod learning;
mod live;
mod meet_now;
mod meetings;
mod members;
mod mixers;
mod moderation;
mod notifications;
mod offline;
mod offline_check_in;
mod operators;
mod page_weight;
mod platform;
mod preferences;
mod privacy;
mod questions;
mod recommendations;
mod remote_images;
mod repairing;
mod requests;
mod seat_offers;
mod spots;
mod strict_input;
mod tag_labels;
mod topic_edit;
mod topics;
mod tour;
mod webhooks;
