//! Webhooks: the endpoints organizers register, and their deliveries. The pipeline's
//! completing transaction writes one delivery per subscribed, enabled endpoint
//! ([`write_in`]); the web layer's worker claims due deliveries with a lease, sends them and
//! records each attempt; an endpoint that keeps failing is switched off in the transaction
//! that records its last failure, with an event that tells the organizers.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, DeliveryId, EventType, EventTypes, MemberId, WebhookId};

use crate::outbox::{JobKind, enqueue};
use crate::records::{Page, time};
use crate::{CompletedEvent, Store, StoreError, StoreResult};

/// An endpoint as organizers see it (never its secret).
#[derive(Debug, Clone)]
pub struct WebhookEndpoint {
    pub id: WebhookId,
    pub community: CommunityId,
    pub url: String,
    pub event_types: EventTypes,
    pub enabled: bool,
    /// Why it is off: `organizer` or `failing` (empty when on).
    pub disabled_reason: String,
    /// Failing since (the first failed attempt after the last success).
    pub failing_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What an event sends to webhooks: its type, message id and JSON body.
#[derive(Debug, Clone)]
pub struct NewWebhookEvent {
    pub event_type: EventType,
    pub message_id: String,
    pub body: String,
}

/// A change to an endpoint; `None` keeps what it was.
#[derive(Debug, Clone, Default)]
pub struct WebhookUpdate {
    pub url: Option<String>,
    pub event_types: Option<EventTypes>,
    pub enabled: Option<bool>,
}

/// One message to one endpoint, and its last attempt.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: DeliveryId,
    pub endpoint: WebhookId,
    pub message_id: String,
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub response_status: Option<i64>,
    pub latency_ms: Option<i64>,
    pub response_excerpt: String,
    pub error: String,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A delivery claimed for sending, with what signs and addresses it.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub id: DeliveryId,
    pub community: CommunityId,
    pub endpoint: WebhookId,
    pub url: String,
    pub secret: String,
    pub message_id: String,
    pub body: String,
    /// This attempt's number (1 for the first).
    pub attempt: i64,
}

/// What one attempt gave.
#[derive(Debug, Clone, Default)]
pub struct Attempt {
    /// The receiver answered 2xx.
    pub delivered: bool,
    pub response_status: Option<i64>,
    pub latency_ms: i64,
    /// The start of the answer (at most 1 KB).
    pub response_excerpt: String,
    /// Why it failed when there is no answer (a timeout, refused connection, bad address).
    pub error: String,
}

/// When to retry a failed attempt, and when an endpoint is switched off.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// When the next attempt is due, or `None` to give the delivery up.
    pub retry_at: Option<DateTime<Utc>>,
    /// Switch off when failing since this instant or earlier…
    pub failing_since_before: DateTime<Utc>,
    /// …or when this many deliveries in a row were given up.
    pub failed_deliveries: i64,
}

type EndpointRow = (i64, i64, String, String, i64, String, Option<i64>, i64);

const ENDPOINT_COLUMNS: &str =
    "id, community_id, url, event_types, enabled, disabled_reason, failing_since, created_at";

fn endpoint(r: EndpointRow) -> StoreResult<WebhookEndpoint> {
    let (id, community, url, types, enabled, reason, failing, created) = r;
    Ok(WebhookEndpoint {
        id: WebhookId(id),
        community: CommunityId(community),
        url,
        event_types: EventTypes::from_stored(&types),
        enabled: enabled == 1,
        disabled_reason: reason,
        failing_since: failing.map(time).transpose()?,
        created_at: time(created)?,
    })
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    endpoint_id: i64,
    message_id: String,
    event_type: String,
    status: String,
    attempts: i64,
    next_attempt_at: Option<i64>,
    response_status: Option<i64>,
    latency_ms: Option<i64>,
    response_excerpt: String,
    error: String,
    last_attempt_at: Option<i64>,
    created_at: i64,
}

const DELIVERY_COLUMNS: &str = "id, endpoint_id, message_id, event_type, status, attempts, \
    next_attempt_at, response_status, latency_ms, response_excerpt, error, last_attempt_at, \
    created_at";

fn delivery(r: DeliveryRow) -> StoreResult<Delivery> {
    Ok(Delivery {
        id: DeliveryId(r.id),
        endpoint: WebhookId(r.endpoint_id),
        message_id: r.message_id,
        event_type: r.event_type,
        status: r.status,
        attempts: r.attempts,
        next_attempt_at: r.next_attempt_at.map(time).transpose()?,
        response_status: r.response_status,
        latency_ms: r.latency_ms,
        response_excerpt: r.response_excerpt,
        error: r.error,
        last_attempt_at: r.last_attempt_at.map(time).transpose()?,
        created_at: time(r.created_at)?,
    })
}

/// Writes the deliveries of completed events: one per enabled endpoint of the event's
/// community that subscribed to its type, due at once. Inside the completing transaction.
pub(crate) async fn write_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    events: &[CompletedEvent],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for e in events {
        for w in &e.webhooks {
            sqlx::query(
                "INSERT INTO webhook_deliveries (community_id, endpoint_id, message_id, \
                 event_type, body, status, attempts, next_attempt_at, created_at) \
                 SELECT community_id, id, $1, $2, $3, 'pending', 0, $4, $4 FROM webhook_endpoints \
                 WHERE community_id = $5 AND enabled = 1 AND event_types LIKE $6",
            )
            .bind(&w.message_id)
            .bind(w.event_type.as_str())
            .bind(&w.body)
            .bind(now.timestamp())
            .bind(e.community.0)
            .bind(format!("% {} %", w.event_type.as_str()))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Endpoints one community can register.
pub const MAX_ENDPOINTS: i64 = 10;

impl Store {
    /// Registers an endpoint.
    pub async fn create_webhook(
        &self,
        community: CommunityId,
        url: &str,
        types: &EventTypes,
        secret: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<WebhookEndpoint> {
        // At most MAX_ENDPOINTS per community, checked in the statement that adds one.
        let row: Option<EndpointRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "INSERT INTO webhook_endpoints (community_id, url, event_types, secret, created_at, \
             updated_at) SELECT $1, $2, $3, $4, $5, $5 WHERE (SELECT COUNT(*) FROM \
             webhook_endpoints WHERE community_id = $1) < $6 RETURNING {ENDPOINT_COLUMNS}"
        )))
        .bind(community.0)
        .bind(url)
        .bind(types.to_stored())
        .bind(secret)
        .bind(now.timestamp())
        .bind(MAX_ENDPOINTS)
        .fetch_optional(self.writer())
        .await?;
        let row = row.ok_or_else(|| {
            StoreError::conflict(
                "webhook_limit",
                format!("a community has at most {MAX_ENDPOINTS} webhook endpoints"),
            )
        })?;
        endpoint(row)
    }

    /// Forgets deliveries that are over (delivered or given up) and older than `keep`; the
    /// pending ones stay whatever their age. Returns how many went.
    pub async fn prune_webhook_deliveries(
        &self,
        now: DateTime<Utc>,
        keep: Duration,
    ) -> StoreResult<u64> {
        let done = sqlx::query(
            "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1",
        )
        .bind((now - keep).timestamp())
        .execute(self.writer())
        .await?;
        Ok(done.rows_affected())
    }

    /// A community's endpoints, oldest first.
    pub async fn webhooks(&self, community: CommunityId) -> StoreResult<Vec<WebhookEndpoint>> {
        let rows: Vec<EndpointRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE community_id = $1 ORDER BY id"
        )))
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(endpoint).collect()
    }

    /// One endpoint of a community.
    pub async fn webhook(
        &self,
        community: CommunityId,
        id: WebhookId,
    ) -> StoreResult<WebhookEndpoint> {
        let row: Option<EndpointRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE community_id = $1 AND id = $2"
        )))
        .bind(community.0)
        .bind(id.0)
        .fetch_optional(self.reader())
        .await?;
        endpoint(row.ok_or(StoreError::NotFound("webhook"))?)
    }

    /// Changes an endpoint. Switching it on again starts its failure count afresh.
    pub async fn update_webhook(
        &self,
        community: CommunityId,
        id: WebhookId,
        update: &WebhookUpdate,
        now: DateTime<Utc>,
    ) -> StoreResult<WebhookEndpoint> {
        let current = self.webhook(community, id).await?;
        let url = update.url.clone().unwrap_or(current.url);
        let types = update.event_types.clone().unwrap_or(current.event_types);
        let enabled = update.enabled.unwrap_or(current.enabled);
        let reason = match (enabled, update.enabled) {
            (true, _) => String::new(),
            (false, Some(false)) if current.enabled => "organizer".to_string(),
            (false, _) => current.disabled_reason,
        };
        let restart = enabled && !current.enabled;
        sqlx::query(
            "UPDATE webhook_endpoints SET url = $1, event_types = $2, enabled = $3, \
             disabled_reason = $4, updated_at = $5, \
             failing_since = CASE WHEN $6 = 1 THEN NULL ELSE failing_since END, \
             failed_deliveries = CASE WHEN $6 = 1 THEN 0 ELSE failed_deliveries END \
             WHERE community_id = $7 AND id = $8",
        )
        .bind(&url)
        .bind(types.to_stored())
        .bind(i64::from(enabled))
        .bind(&reason)
        .bind(now.timestamp())
        .bind(i64::from(restart))
        .bind(community.0)
        .bind(id.0)
        .execute(self.writer())
        .await?;
        self.webhook(community, id).await
    }

    /// Removes an endpoint and its deliveries.
    pub async fn delete_webhook(&self, community: CommunityId, id: WebhookId) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM webhook_deliveries WHERE community_id = $1 AND endpoint_id = $2")
            .bind(community.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let gone = sqlx::query("DELETE FROM webhook_endpoints WHERE community_id = $1 AND id = $2")
            .bind(community.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if gone.rows_affected() == 0 {
            return Err(StoreError::NotFound("webhook"));
        }
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// An endpoint's deliveries, newest first, `limit` at a time before the cursor.
    pub async fn webhook_deliveries(
        &self,
        community: CommunityId,
        id: WebhookId,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Page<Delivery>> {
        let limit = limit.clamp(1, 200);
        let mut rows: Vec<DeliveryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries \
             WHERE community_id = $1 AND endpoint_id = $2 AND id < $3 ORDER BY id DESC LIMIT $4"
        )))
        .bind(community.0)
        .bind(id.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(self.reader())
        .await?;
        let next_cursor = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.id.to_string())
        } else {
            None
        };
        Ok(Page {
            items: rows.into_iter().map(delivery).collect::<StoreResult<_>>()?,
            next_cursor,
        })
    }

    /// Sends a delivery's message again, as a new delivery due now (same `webhook-id`).
    pub async fn redeliver(
        &self,
        community: CommunityId,
        id: WebhookId,
        of: DeliveryId,
        now: DateTime<Utc>,
    ) -> StoreResult<Delivery> {
        let row: Option<DeliveryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "INSERT INTO webhook_deliveries (community_id, endpoint_id, message_id, event_type, \
             body, status, attempts, next_attempt_at, created_at) \
             SELECT community_id, endpoint_id, message_id, event_type, body, 'pending', 0, $1, $1 \
             FROM webhook_deliveries WHERE community_id = $2 AND endpoint_id = $3 AND id = $4 \
             RETURNING {DELIVERY_COLUMNS}"
        )))
        .bind(now.timestamp())
        .bind(community.0)
        .bind(id.0)
        .bind(of.0)
        .fetch_optional(self.writer())
        .await?;
        delivery(row.ok_or(StoreError::NotFound("delivery"))?)
    }

    /// Claims up to `limit` due deliveries of enabled endpoints for `lease`.
    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<DueDelivery>> {
        let skip_locked = self.backend().skip_locked();
        let rows: Vec<(i64, i64, i64, String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "UPDATE webhook_deliveries SET locked_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $2 \
              AND (locked_until IS NULL OR locked_until < $2) \
              AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = 1) \
              ORDER BY next_attempt_at, id LIMIT $3{skip_locked}) \
             RETURNING id, community_id, endpoint_id, message_id, body, attempts"
        )))
        .bind((now + lease).timestamp())
        .bind(now.timestamp())
        .bind(limit)
        .fetch_all(self.writer())
        .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids: Vec<i64> = rows.iter().map(|r| r.2).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut q =
            crate::sql::Sql::new("SELECT id, url, secret FROM webhook_endpoints WHERE id IN (");
        let list: Vec<String> = ids.iter().map(|id| q.int(*id)).collect();
        q.push(&format!("{})", list.join(", ")));
        let endpoints: Vec<(i64, String, String)> = q.query_as().fetch_all(self.reader()).await?;
        let mut out: Vec<DueDelivery> = rows
            .into_iter()
            .filter_map(|(id, community, endpoint, message_id, body, attempts)| {
                let (_, url, secret) = endpoints.iter().find(|e| e.0 == endpoint)?;
                Some(DueDelivery {
                    id: DeliveryId(id),
                    community: CommunityId(community),
                    endpoint: WebhookId(endpoint),
                    url: url.clone(),
                    secret: secret.clone(),
                    message_id,
                    body,
                    attempt: attempts,
                })
            })
            .collect();
        out.sort_by_key(|d| d.id);
        Ok(out)
    }

    /// Records an attempt. A success clears the endpoint's failures; a failure is retried at
    /// `policy.retry_at` or given up, and switches the endpoint off (telling its organizers
    /// through the outbox) when it has been failing long enough. Answers whether it did.
    pub async fn record_attempt(
        &self,
        d: &DueDelivery,
        attempt: &Attempt,
        policy: &RetryPolicy,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let at = now.timestamp();
        let mut tx = self.write_tx().await?;
        let (status, next) = match (attempt.delivered, policy.retry_at) {
            (true, _) => ("delivered", None),
            (false, Some(retry)) => ("pending", Some(retry.timestamp())),
            (false, None) => ("failed", None),
        };
        sqlx::query(
            "UPDATE webhook_deliveries SET status = $1, next_attempt_at = $2, locked_until = NULL, \
             response_status = $3, latency_ms = $4, response_excerpt = $5, error = $6, \
             last_attempt_at = $7 WHERE id = $8",
        )
        .bind(status)
        .bind(next)
        .bind(attempt.response_status)
        .bind(attempt.latency_ms)
        .bind(&attempt.response_excerpt)
        .bind(attempt.error.chars().take(500).collect::<String>())
        .bind(at)
        .bind(d.id.0)
        .execute(&mut *tx)
        .await?;
        let mut disabled = false;
        if attempt.delivered {
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = NULL, failed_deliveries = 0 \
                 WHERE id = $1",
            )
            .bind(d.endpoint.0)
            .execute(&mut *tx)
            .await?;
        } else {
            let given_up = i64::from(status == "failed");
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1), \
                 failed_deliveries = failed_deliveries + $2 WHERE id = $3",
            )
            .bind(at)
            .bind(given_up)
            .bind(d.endpoint.0)
            .execute(&mut *tx)
            .await?;
            let off = sqlx::query(
                "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'failing', \
                 updated_at = $1 WHERE id = $2 AND enabled = 1 \
                 AND (failing_since <= $3 OR failed_deliveries >= $4)",
            )
            .bind(at)
            .bind(d.endpoint.0)
            .bind(policy.failing_since_before.timestamp())
            .bind(policy.failed_deliveries)
            .execute(&mut *tx)
            .await?;
            if off.rows_affected() == 1 {
                disabled = true;
                enqueue(
                    &mut tx,
                    d.community.0,
                    JobKind::WebhookDisabled,
                    d.endpoint.0,
                    None,
                    "",
                    now,
                    now,
                )
                .await?;
            }
        }
        tx.commit().await?;
        self.wrote();
        Ok(disabled)
    }

    /// The organizers of a community (whom webhook notices go to).
    pub async fn organizers(&self, community: CommunityId) -> StoreResult<Vec<MemberId>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM members WHERE community_id = $1 AND role = 'organizer' ORDER BY id",
        )
        .bind(community.0)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(|(id,)| MemberId(id)).collect())
    }
}

/// Records an event only webhooks read (a check-in, feedback, a shared note, a join), inside
/// the caller's transaction — and only when an enabled endpoint of the community subscribed
/// to `event`, so that communities without webhooks pay one cheap read, not a job.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn enqueue_for_webhooks(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    kind: JobKind,
    event: EventType,
    subject: i64,
    actor: Option<i64>,
    payload: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (community_id, kind, subject_id, actor_member_id, payload, run_at, \
         created_at) SELECT $1, $2, $3, $4, $5, $6, $6 WHERE EXISTS (SELECT 1 FROM \
         webhook_endpoints WHERE community_id = $1 AND enabled = 1 AND event_types LIKE $7)",
    )
    .bind(community)
    .bind(kind.as_str())
    .bind(subject)
    .bind(actor)
    .bind(payload)
    .bind(now.timestamp())
    .bind(format!("% {} %", event.as_str()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
