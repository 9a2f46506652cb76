//! The storage conformance suite: every test is written once and runs unchanged on SQLite
//! and on PostgreSQL (`<module>::sqlite::<test>` and `<module>::postgres::<test>`), each on
//! a fresh database of its own.

mod support;

mod account_links;
mod board;
mod communities;
mod directory;
mod leaving;
mod live;
mod meet_now;
mod meeting_reads;
mod meetings_model;
mod members;
mod mixers;
mod moderation;
mod properties;
mod questions;
mod repairing;
mod schedule_inputs;
mod seat_offers;
mod spots;
mod tags;
mod tokens;
mod topic_edit;
mod topic_search;
mod users;
mod webhooks;
