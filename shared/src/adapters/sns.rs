//! SMS and mobile push through Amazon SNS.

use aws_sdk_sns::types::MessageAttributeValue;
use aws_sdk_sns::Client;

use crate::domain::PhoneNumber;
use crate::ports::{PushSender, SendError, SmsSender};

pub struct SnsSender {
    client: Client,
    sender_id: Option<String>,
}

impl SnsSender {
    pub fn new(sdk: &aws_config::SdkConfig, sender_id: Option<String>) -> Self {
        Self { client: Client::new(sdk), sender_id }
    }

    fn attribute(value: &str) -> Result<MessageAttributeValue, SendError> {
        MessageAttributeValue::builder()
            .data_type("String")
            .string_value(value)
            .build()
            .map_err(|e| SendError(Box::new(e)))
    }
}

#[async_trait::async_trait]
impl SmsSender for SnsSender {
    async fn send_sms(&self, to: &PhoneNumber, text: &str) -> Result<(), SendError> {
        let mut req = self
            .client
            .publish()
            .phone_number(to.e164())
            .message(text)
            .message_attributes("AWS.SNS.SMS.SMSType", Self::attribute("Transactional")?);
        if let Some(id) = &self.sender_id {
            req = req.message_attributes("AWS.SNS.SMS.SenderID", Self::attribute(id)?);
        }
        req.send().await.map_err(|e| SendError(Box::new(e.into_service_error())))?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl PushSender for SnsSender {
    async fn send_push(&self, endpoint: &str, title: &str, body: &str) -> Result<(), SendError> {
        let payload = serde_json::json!({ "default": body, "title": title }).to_string();
        self.client
            .publish()
            .target_arn(endpoint)
            .message_structure("json")
            .message(payload)
            .send()
            .await
            .map_err(|e| SendError(Box::new(e.into_service_error())))?;
        Ok(())
    }
}
