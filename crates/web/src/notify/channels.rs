//! The channels one event fans out to. Each turns the event and its messages into what it
//! writes in the transaction that completes the event (inbox rows, live events, email jobs,
//! webhook deliveries), so a channel is written exactly when the event is done.

use chrono::{DateTime, Utc};
use peerlearn_store::{CompletedEvent, Job, NewLiveEvent, NewNotification};

use super::message::Message;
use crate::mailer::Email;
use crate::state::AppState;

/// An event being completed: what happened, what it tells people, and when it completes.
pub struct Event<'a> {
    pub job: &'a Job,
    pub messages: &'a [Message],
    /// What composing found out that receivers of webhooks need (a new meeting's id).
    pub facts: &'a super::Facts,
    pub at: DateTime<Utc>,
}

/// An outgoing channel.
pub trait Channel: Send + Sync {
    /// Adds what this channel sends for `event` to the event's completion.
    fn deliver(&self, event: &Event<'_>, out: &mut CompletedEvent) -> Result<(), String>;
}

/// The in-app inbox: one notification per message.
pub struct Inbox;

impl Channel for Inbox {
    fn deliver(&self, event: &Event<'_>, out: &mut CompletedEvent) -> Result<(), String> {
        out.notifications
            .extend(event.messages.iter().map(|m| NewNotification {
                member: m.to.member,
                kind: m.kind,
                title: m.title.clone(),
                body: m.body.clone(),
                link: m.link.clone(),
            }));
        Ok(())
    }
}

/// Live updates: one event per message in the member's user's live stream, which open pages
/// (`GET /live`) receive the moment the event completes, on any server process.
pub struct Live;

impl Channel for Live {
    fn deliver(&self, event: &Event<'_>, out: &mut CompletedEvent) -> Result<(), String> {
        out.live.extend(event.messages.iter().map(|m| NewLiveEvent {
            member: m.to.member,
            kind: m.kind,
            title: m.title.clone(),
            body: m.body.clone(),
            link: m.link.clone(),
        }));
        Ok(())
    }
}

/// Email: one email job per message, sent (and retried) by the worker.
pub struct Mail;

impl Channel for Mail {
    fn deliver(&self, event: &Event<'_>, out: &mut CompletedEvent) -> Result<(), String> {
        for m in event.messages {
            let email = Email {
                to: m.to.email.clone(),
                to_name: m.to.name.clone(),
                subject: m.subject(),
                text: m.text(),
                ics: m.ics.clone(),
            };
            out.emails
                .push(serde_json::to_string(&email).map_err(|e| e.to_string())?);
        }
        Ok(())
    }
}

/// Webhooks: the event as JSON (`{"type", "timestamp", "data"}`, ids and public fields only),
/// written as one delivery per endpoint of the community subscribed to its type; the webhook
/// worker (`crate::webhooks`) sends and retries them.
pub struct Webhooks;

impl Channel for Webhooks {
    fn deliver(&self, event: &Event<'_>, out: &mut CompletedEvent) -> Result<(), String> {
        out.webhooks
            .extend(super::webhook_event::events(event).map_err(|e| e.to_string())?);
        Ok(())
    }
}

/// The channels this server fans out to: the inbox, live updates and webhooks always, email
/// when SMTP is configured.
pub fn channels(state: &AppState) -> Vec<&'static dyn Channel> {
    let mut out: Vec<&'static dyn Channel> = vec![&Inbox, &Live, &Webhooks];
    if state.mailer.is_some() {
        out.push(&Mail);
    }
    out
}
