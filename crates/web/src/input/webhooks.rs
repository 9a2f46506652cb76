//! A webhook endpoint's input: from the API's JSON and the settings page's form alike.

use serde::Deserialize;
use utoipa::ToSchema;

/// A new endpoint.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct WebhookInput {
    /// Where events are POSTed: `https` and a public host.
    #[schema(example = "https://hooks.example.org/peerlearn")]
    #[serde(default)]
    pub url: String,
    /// The events to receive: `request.created`, `request.answered`, `meeting.confirmed`,
    /// `meeting.moved`, `meeting.cancelled`, `seat.taken`, `seat.freed`,
    /// `meeting.checked_in`, `feedback.given`, `note.shared`, `member.joined`,
    /// `member.left`.
    #[schema(example = json!(["meeting.confirmed", "meeting.cancelled"]))]
    #[serde(default)]
    pub event_types: Vec<String>,
}

/// A change to an endpoint; what is left out stays as it is.
#[derive(Debug, Deserialize, ToSchema, Default, Clone)]
pub struct WebhookPatch {
    pub url: Option<String>,
    pub event_types: Option<Vec<String>>,
    /// Switch deliveries on or off. Switching on again starts the failure count afresh.
    pub enabled: Option<bool>,
}
