//! The notice organizers get when a webhook endpoint kept failing and was switched off.

use peerlearn_domain::WebhookId;
use peerlearn_store::{Community, Job, StoreError};

use super::compose::still_there;
use super::message::{Message, Recipients};
use crate::state::AppState;

pub async fn compose(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let id = WebhookId(job.subject);
    let Some(endpoint) = still_there(store.webhook(community.id, id).await)? else {
        return Ok(Vec::new());
    };
    let organizers = store.organizers(community.id).await?;
    let recipients = Recipients::load(store, community, organizers.iter().copied()).await?;
    let path = format!("/c/{}/settings/webhooks/{}", community.id, id);
    organizers
        .iter()
        .map(|member| {
            let to = recipients.get(*member)?;
            let url = [("url", endpoint.url.as_str().into())];
            Ok(Message::new(
                community,
                &state.config.public_url,
                to.clone(),
                "webhook_disabled",
                to.t("notification-webhook-disabled-title", &[]),
                to.t("notification-webhook-disabled-body", &url),
                &path,
            ))
        })
        .collect()
}
