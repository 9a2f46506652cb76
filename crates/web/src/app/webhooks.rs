//! Webhook endpoints: organizers register, change and remove them, read their delivery log
//! and send a delivery again. The caller is an organizer (the `Organizer` extractor).

use peerlearn_domain::{CommunityId, DeliveryId, EventTypes, Invalid, InvalidInput, WebhookId};
use peerlearn_store::{Delivery, WebhookEndpoint, WebhookUpdate};

use crate::error::AppError;
use crate::input::webhooks::{WebhookInput, WebhookPatch};
use crate::state::AppState;
use crate::webhooks::{address, sign};

/// A new endpoint, with its signing secret: shown this once, never again.
pub struct Created {
    pub endpoint: WebhookEndpoint,
    pub secret: String,
}

/// Checks a URL as the server will send to it: its form, then where its host resolves.
async fn checked_url(state: &AppState, raw: &str) -> Result<String, Invalid> {
    let allow_local = state.config.webhooks.allow_local;
    let refused = |r: address::Refused| Invalid::new("url", r.message_id());
    let url = address::parse(raw, allow_local).map_err(refused)?;
    let wait = state.config.webhooks.connect_timeout;
    tokio::time::timeout(wait, address::resolve(&url, allow_local))
        .await
        .map_err(|_| refused(address::Refused::Unresolved))?
        .map_err(refused)?;
    Ok(url.to_string())
}

pub async fn create(
    state: &AppState,
    community: CommunityId,
    input: &WebhookInput,
) -> Result<Created, AppError> {
    let mut errors = InvalidInput::default();
    let url = errors.check(checked_url(state, &input.url).await);
    let types = match EventTypes::parse("event_types", &input.event_types) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.errors.extend(e.errors);
            None
        }
    };
    let (Some(url), Some(types)) = (url, types) else {
        return Err(AppError::Invalid(errors));
    };
    let secret = sign::new_secret();
    let endpoint = state
        .store
        .create_webhook(community, &url, &types, &secret, state.clock.now())
        .await?;
    Ok(Created { endpoint, secret })
}

pub async fn update(
    state: &AppState,
    community: CommunityId,
    id: WebhookId,
    patch: &WebhookPatch,
) -> Result<WebhookEndpoint, AppError> {
    // Unknown endpoints are "not found" before their input is judged.
    state.store.webhook(community, id).await?;
    let mut errors = InvalidInput::default();
    let url = match &patch.url {
        Some(raw) => errors.check(checked_url(state, raw).await),
        None => None,
    };
    let event_types = match &patch.event_types {
        Some(raw) => match EventTypes::parse("event_types", raw) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.errors.extend(e.errors);
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let update = WebhookUpdate {
        url,
        event_types,
        enabled: patch.enabled,
    };
    Ok(state
        .store
        .update_webhook(community, id, &update, state.clock.now())
        .await?)
}

pub async fn remove(
    state: &AppState,
    community: CommunityId,
    id: WebhookId,
) -> Result<(), AppError> {
    Ok(state.store.delete_webhook(community, id).await?)
}

/// Sends a delivery's message again now, as a new delivery with the same `webhook-id`.
pub async fn redeliver(
    state: &AppState,
    community: CommunityId,
    id: WebhookId,
    delivery: DeliveryId,
) -> Result<Delivery, AppError> {
    Ok(state
        .store
        .redeliver(community, id, delivery, state.clock.now())
        .await?)
}
