//! Configuration read once at cold start.

use crate::adapters::secrets::{SecretError, SecretsManager};
use crate::crypto::{from_hex, HashKey};

pub const DEFAULT_VIDEO_APPS: [&str; 2] = ["Skype", "Microsoft Teams"];

#[derive(Debug, Clone)]
pub struct Config {
    /// DynamoDB table (`PZ_TABLE`).
    pub table: String,
    /// Secret for keyed hashes of codes, tokens and uniqueness keys (hex, ≥ 32 bytes): in a
    /// Lambda the Secrets Manager secret named by `PZ_HASH_KEY_SECRET`; locally `PZ_HASH_KEY`.
    pub hash_key: HashKey,
    /// Verified SES sender (`PZ_EMAIL_FROM`).
    pub email_from: String,
    /// Offered video apps (`PZ_VIDEO_APPS`, comma-separated).
    pub video_apps: Vec<String>,
    /// `Secure` on cookies (`PZ_SECURE_COOKIES`, default true; false only for plain-http local runs).
    pub secure_cookies: bool,
    /// Optional SMS sender id (`PZ_SMS_SENDER_ID`).
    pub sms_sender_id: Option<String>,
    /// Where citizens open the pages, for links in emails (`PZ_PUBLIC_URL`).
    pub public_url: String,
    /// The banks and Envelo the product is a relying party to: the identity-providers
    /// function's `PZ_IDENTITY_PROVIDERS` (JSON) with their client secrets from Secrets
    /// Manager (`lambda::cold_start_with_identity_providers`); the demo providers locally.
    pub identity_providers: Vec<crate::domain::idp::IdentityProvider>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set")]
    Missing(&'static str),
    #[error("{0} is invalid: {1}")]
    Invalid(&'static str, &'static str),
    #[error(transparent)]
    Secret(#[from] SecretError),
}

/// The environment variable naming the hash key's secret (a name or an ARN, not a value).
pub const HASH_KEY_SECRET: &str = "PZ_HASH_KEY_SECRET";

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub fn parse_video_apps(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

pub fn parse_hash_key(hex: &str) -> Result<HashKey, ConfigError> {
    from_hex(hex.trim())
        .and_then(HashKey::new)
        .ok_or(ConfigError::Invalid("the hash key", "expected at least 64 hex characters"))
}

impl Config {
    /// For a Lambda, once at cold start: the hash key from Secrets Manager (never from an
    /// environment variable, which anyone allowed to read the function's configuration
    /// sees), the rest from the environment.
    pub async fn from_secrets(secrets: &SecretsManager) -> Result<Self, ConfigError> {
        let id = var(HASH_KEY_SECRET).ok_or(ConfigError::Missing(HASH_KEY_SECRET))?;
        Self::with_key_from(secrets, &id).await
    }

    /// The same with the hash key's secret named here.
    pub async fn with_key_from(secrets: &SecretsManager, secret_id: &str) -> Result<Self, ConfigError> {
        Ok(Self::with_key(parse_hash_key(&secrets.get(secret_id).await?)?))
    }

    /// The non-secret settings from the environment, with the given key.
    pub fn with_key(hash_key: HashKey) -> Self {
        let video_apps = var("PZ_VIDEO_APPS")
            .map(|v| parse_video_apps(&v))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| DEFAULT_VIDEO_APPS.map(str::to_owned).to_vec());
        Self {
            table: var("PZ_TABLE").unwrap_or_else(|| "profil-zaufany".into()),
            hash_key,
            email_from: var("PZ_EMAIL_FROM").unwrap_or_else(|| "no-reply@profil-zaufany.example".into()),
            video_apps,
            secure_cookies: var("PZ_SECURE_COOKIES").is_none_or(|v| v != "false"),
            sms_sender_id: var("PZ_SMS_SENDER_ID"),
            public_url: var("PZ_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:3000".into()),
            identity_providers: Vec::new(),
        }
    }
}
