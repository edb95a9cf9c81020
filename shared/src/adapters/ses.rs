//! Email through Amazon SES (plain-text UTF-8 messages).

use aws_sdk_ses::types::{Body, Content, Destination, Message};
use aws_sdk_ses::Client;

use crate::ports::{EmailSender, SendError};

pub struct SesSender {
    client: Client,
    from: String,
}

impl SesSender {
    pub fn new(sdk: &aws_types::SdkConfig, from: impl Into<String>) -> Self {
        Self { client: Client::new(sdk), from: from.into() }
    }
}

fn utf8(text: &str) -> Result<Content, SendError> {
    Content::builder().data(text).charset("UTF-8").build().map_err(|e| SendError(Box::new(e)))
}

#[async_trait::async_trait]
impl EmailSender for SesSender {
    async fn send_email(&self, to: &str, subject: &str, body: &str) -> Result<(), SendError> {
        let message =
            Message::builder().subject(utf8(subject)?).body(Body::builder().text(utf8(body)?).build()).build();
        self.client
            .send_email()
            .source(&self.from)
            .destination(Destination::builder().to_addresses(to).build())
            .message(message)
            .send()
            .await
            .map_err(|e| SendError(Box::new(e.into_service_error())))?;
        Ok(())
    }
}

impl SesSender {
    /// Asks SES to verify the sender address (needed once per region; emulators too).
    pub async fn verify_sender(&self) -> Result<(), SendError> {
        self.client
            .verify_email_identity()
            .email_address(&self.from)
            .send()
            .await
            .map_err(|e| SendError(Box::new(e.into_service_error())))?;
        Ok(())
    }
}
