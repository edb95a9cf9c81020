//! SMS and mobile push through Amazon SNS.

use aws_sdk_sns::types::MessageAttributeValue;
use aws_sdk_sns::Client;

use crate::domain::{PhoneNumber, Platform};
use crate::ports::{PushSender, SendError, SmsSender};

pub struct SnsSender {
    client: Client,
    sender_id: Option<String>,
    /// SNS platform applications (ARNs) for FCM and APNs, where devices are registered.
    platform_apps: PlatformApps,
}

#[derive(Debug, Clone, Default)]
pub struct PlatformApps {
    pub android: Option<String>,
    pub ios: Option<String>,
}

impl PlatformApps {
    /// `PZ_PUSH_ANDROID_APP_ARN` and `PZ_PUSH_IOS_APP_ARN`.
    pub fn from_env() -> Self {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
        Self { android: var("PZ_PUSH_ANDROID_APP_ARN"), ios: var("PZ_PUSH_IOS_APP_ARN") }
    }
}

impl SnsSender {
    pub fn new(sdk: &aws_types::SdkConfig, sender_id: Option<String>) -> Self {
        Self { client: Client::new(sdk), sender_id, platform_apps: PlatformApps::default() }
    }

    pub fn with_platform_apps(mut self, apps: PlatformApps) -> Self {
        self.platform_apps = apps;
        self
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

    async fn register_device(&self, platform: Platform, push_token: &str) -> Result<String, SendError> {
        let app = match platform {
            Platform::Android => &self.platform_apps.android,
            Platform::Ios => &self.platform_apps.ios,
        };
        let app = app
            .as_deref()
            .ok_or_else(|| SendError(format!("no SNS platform application for {}", platform.as_str()).into()))?;
        let out = self
            .client
            .create_platform_endpoint()
            .platform_application_arn(app)
            .token(push_token)
            .send()
            .await
            .map_err(|e| SendError(Box::new(e.into_service_error())))?;
        out.endpoint_arn.ok_or_else(|| SendError("SNS returned no endpoint".into()))
    }
}
