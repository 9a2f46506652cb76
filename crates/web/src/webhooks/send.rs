//! Sending one delivery: resolve the host (refusing non-public addresses unless allowed),
//! connect to exactly the addresses checked, TLS for `https` (the Web PKI's roots, ring), one
//! HTTP/1.1 POST, and the first kilobyte of the answer — all within the total timeout.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use peerlearn_store::Attempt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, pki_types::ServerName};
use url::Url;

use super::address;
use crate::config::WebhookSettings;

/// The answer's bytes kept in the delivery log.
pub const EXCERPT_BYTES: usize = 1024;

/// One signed message to send.
pub struct Outgoing<'a> {
    pub url: &'a str,
    pub id: &'a str,
    pub timestamp: i64,
    pub signature: &'a str,
    pub body: &'a str,
}

/// Sends `out` and tells how it went. Never fails: a failure is an attempt with an error, a
/// stable code first (`unresolved`, `not_public`, `connect`, `tls`, `http`, `timeout`), then
/// the details after a colon when there are any.
pub async fn send(out: &Outgoing<'_>, settings: &WebhookSettings) -> Attempt {
    let started = Instant::now();
    let result = tokio::time::timeout(settings.total_timeout, exchange(out, settings)).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    match result {
        Ok(Ok((status, excerpt))) => Attempt {
            delivered: (200..300).contains(&status),
            response_status: Some(i64::from(status)),
            latency_ms,
            response_excerpt: excerpt,
            error: String::new(),
        },
        Ok(Err(error)) => Attempt {
            latency_ms,
            error,
            ..Attempt::default()
        },
        Err(_) => Attempt {
            latency_ms,
            error: format!(
                "timeout: no answer within {} s",
                settings.total_timeout.as_secs()
            ),
            ..Attempt::default()
        },
    }
}

async fn exchange(out: &Outgoing<'_>, settings: &WebhookSettings) -> Result<(u16, String), String> {
    let url = address::parse(out.url, settings.allow_local).map_err(|e| e.code().to_string())?;
    let addrs = address::resolve(&url, settings.allow_local)
        .await
        .map_err(|e| e.code().to_string())?;
    let tcp = tokio::time::timeout(settings.connect_timeout, TcpStream::connect(&addrs[..]))
        .await
        .map_err(|_| {
            format!(
                "connect: no connection within {} s",
                settings.connect_timeout.as_secs()
            )
        })?
        .map_err(|e| format!("connect: {e}"))?;
    let _ = tcp.set_nodelay(true);
    if url.scheme() == "https" {
        let host = url.host_str().unwrap_or_default().trim_matches(['[', ']']);
        let name = ServerName::try_from(host.to_string()).map_err(|e| format!("tls: {e}"))?;
        let tls = tokio::time::timeout(
            settings.connect_timeout,
            TlsConnector::from(tls_config()?).connect(name, tcp),
        )
        .await
        .map_err(|_| "tls: the handshake timed out".to_string())?
        .map_err(|e| format!("tls: {e}"))?;
        post(tls, &url, out).await
    } else {
        post(tcp, &url, out).await
    }
}

async fn post<S>(stream: S, url: &Url, out: &Outgoing<'_>) -> Result<(u16, String), String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("http: {e}"))?;
    let driver = tokio::spawn(conn);
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let request = hyper::Request::post(path)
        .header("host", host)
        .header("content-type", "application/json")
        .header("user-agent", "peerlearn-webhooks/1")
        .header("webhook-id", out.id)
        .header("webhook-timestamp", out.timestamp.to_string())
        .header("webhook-signature", out.signature)
        .body(Full::new(Bytes::copy_from_slice(out.body.as_bytes())))
        .map_err(|e| format!("http: {e}"))?;
    let answer = sender
        .send_request(request)
        .await
        .map_err(|e| format!("http: {e}"));
    let result = match answer {
        Ok(response) => {
            let status = response.status().as_u16();
            let mut body = response.into_body();
            let mut kept: Vec<u8> = Vec::new();
            // The start of the answer is enough for the log; the rest is not read.
            while kept.len() < EXCERPT_BYTES {
                match body.frame().await {
                    Some(Ok(frame)) => {
                        if let Ok(data) = frame.into_data() {
                            kept.extend_from_slice(&data);
                        }
                    }
                    Some(Err(_)) | None => break,
                }
            }
            Ok((status, excerpt(&kept)))
        }
        Err(e) => Err(e),
    };
    driver.abort();
    result
}

/// At most [`EXCERPT_BYTES`] of text, cut at a character boundary.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(EXCERPT_BYTES)]);
    let mut end = text.len().min(EXCERPT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// TLS with the Web PKI's roots and ring, the provider the mailer uses too (one provider in
/// the process, chosen explicitly).
fn tls_config() -> Result<Arc<ClientConfig>, String> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    if let Some(config) = CONFIG.get() {
        return Ok(config.clone());
    }
    let roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("tls: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
    Ok(CONFIG.get_or_init(|| Arc::new(config)).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_a_kilobyte_at_most_and_whole_characters() {
        let long = "é".repeat(1000);
        let e = excerpt(long.as_bytes());
        assert!(e.len() <= EXCERPT_BYTES && e.chars().all(|c| c == 'é'));
        assert_eq!(excerpt(b"ok"), "ok");
    }
}
