//! The web app's integration tests, in one binary: the JSON API and pages through `TestApp`,
//! notifications over real SMTP, races over real sockets, and real-browser flows in headless
//! Chromium. One binary links the app once instead of once per file.

mod browser_support;
mod common;

mod accounts;
mod autoschedule;
mod browser;
mod browser_questions;
mod communities;
mod concurrency;
mod connections;
mod contract;
mod errors;
mod learning;
mod meetings;
mod members;
mod moderation;
mod notifications;
mod page_weight;
mod platform;
mod preferences;
mod questions;
mod recommendations;
mod remote_images;
mod requests;
mod spots;
mod strict_input;
mod topics;
mod tour;
