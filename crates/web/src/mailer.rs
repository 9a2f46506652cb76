//! Sending email, behind a small trait so tests and deployments choose the transport: SMTP
//! through lettre (a relay with STARTTLS and credentials, or a plain local server).

use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};

/// One email to send.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    /// An iCalendar file to attach (`invite.ics`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics: Option<String>,
}

#[async_trait::async_trait]
pub trait Mailer: Send + Sync + std::fmt::Debug {
    async fn send(&self, email: &Email) -> Result<(), String>;
}

/// SMTP delivery. The URL follows lettre: `smtp://host:25` (plain, for a local relay),
/// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://user:pass@host:465`.
#[derive(Debug, Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP URL: {e}"))?
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("sender address {from:?}: {e}"))?;
        Ok(Self { transport, from })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &Email) -> Result<(), String> {
        let to = Mailbox::new(
            Some(email.to_name.clone()),
            email
                .to
                .parse()
                .map_err(|e| format!("recipient {:?}: {e}", email.to))?,
        );
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone());
        let text = SinglePart::plain(email.text.clone());
        let message = match &email.ics {
            Some(ics) => builder.multipart(
                MultiPart::mixed().singlepart(text).singlepart(
                    Attachment::new("invite.ics".into()).body(
                        ics.clone(),
                        ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                            .map_err(|e| e.to_string())?,
                    ),
                ),
            ),
            None => builder.singlepart(text),
        }
        .map_err(|e| format!("building the message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}
