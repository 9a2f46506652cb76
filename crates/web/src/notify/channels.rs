//! The channels one event fans out to. Each turns the event's messages into what it writes in
//! the transaction that completes the event (inbox rows, email jobs), so a channel is written
//! exactly when the event is done. A new channel (webhooks) is one more implementation in
//! [`channels`].

use peerlearn_store::{CompletedEvent, NewLiveEvent, NewNotification};

use super::message::Message;
use crate::mailer::Email;
use crate::state::AppState;

/// An outgoing channel.
pub trait Channel: Send + Sync {
    /// Adds what this channel sends for `messages` to the event's completion.
    fn deliver(&self, messages: &[Message], out: &mut CompletedEvent) -> Result<(), String>;
}

/// The in-app inbox: one notification per message.
pub struct Inbox;

impl Channel for Inbox {
    fn deliver(&self, messages: &[Message], out: &mut CompletedEvent) -> Result<(), String> {
        out.notifications
            .extend(messages.iter().map(|m| NewNotification {
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
    fn deliver(&self, messages: &[Message], out: &mut CompletedEvent) -> Result<(), String> {
        out.live.extend(messages.iter().map(|m| NewLiveEvent {
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
    fn deliver(&self, messages: &[Message], out: &mut CompletedEvent) -> Result<(), String> {
        for m in messages {
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

/// The channels this server fans out to: the inbox and live updates always, email when SMTP
/// is configured.
pub fn channels(state: &AppState) -> Vec<&'static dyn Channel> {
    let mut out: Vec<&'static dyn Channel> = vec![&Inbox, &Live];
    if state.mailer.is_some() {
        out.push(&Mail);
    }
    out
}
