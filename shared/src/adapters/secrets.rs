//! AWS Secrets Manager: the functions' secrets (hash key, signing keys), read once at
//! cold start, so that the function configuration holds only their names.

use aws_sdk_secretsmanager::Client;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("secret {id} could not be read")]
    Unreadable {
        id: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("secret {id} has no SecretString")]
    NotAString { id: String },
}

pub struct SecretsManager {
    client: Client,
}

impl SecretsManager {
    pub fn new(sdk: &aws_types::SdkConfig) -> Self {
        Self { client: Client::new(sdk) }
    }

    /// The current `SecretString` of a secret, by name or ARN.
    pub async fn get(&self, id: &str) -> Result<String, SecretError> {
        let out = self
            .client
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .map_err(|e| SecretError::Unreadable { id: id.to_owned(), source: Box::new(e.into_service_error()) })?;
        out.secret_string.ok_or_else(|| SecretError::NotAString { id: id.to_owned() })
    }
}
