//! The SDK configuration every AWS client is built from: rustls with ring (no C build of
//! aws-lc), `AWS_ENDPOINT_URL` honoured (moto).
//!
//! A function builds it straight from the variables Lambda always sets
//! ([`lambda_sdk_config`]): no provider chain (profile files, IMDS, SSO, STS) is run or
//! linked. The local gateway, its operator commands and the tests keep the default chain
//! ([`sdk_config`], feature `local`), which also reads `~/.aws`.

use std::time::Duration;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_types::region::Region;
use aws_types::sdk_config::{RetryConfig, SharedHttpClient, TimeoutConfig};
use aws_types::SdkConfig;

/// The one HTTPS client every AWS client of a process shares.
fn http_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new().tls_provider(tls::Provider::Rustls(CryptoMode::Ring)).build_https()
}

/// The SDK's own connect timeout for the latest behavior version (what the default chain sets).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

#[derive(Debug, thiserror::Error)]
#[error("{0} is not set (Lambda sets it for every function)")]
pub struct MissingEnv(pub &'static str);

/// For a Lambda function: region from `AWS_REGION`, the execution role's credentials from
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (what the default
/// chain's environment provider reads first there too), `AWS_ENDPOINT_URL` when set; the
/// standard retries and the connect timeout the default chain gives.
pub fn lambda_sdk_config() -> Result<SdkConfig, MissingEnv> {
    lambda_sdk_config_from(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

/// The same from the variables `var` gives.
pub fn lambda_sdk_config_from(var: impl Fn(&str) -> Option<String>) -> Result<SdkConfig, MissingEnv> {
    let required = |name: &'static str| var(name).ok_or(MissingEnv(name));
    let region = required("AWS_REGION")?;
    let credentials = Credentials::new(
        required("AWS_ACCESS_KEY_ID")?,
        required("AWS_SECRET_ACCESS_KEY")?,
        var("AWS_SESSION_TOKEN"),
        None,
        "LambdaEnvironment",
    );
    let mut sdk = SdkConfig::builder()
        .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
        .region(Region::new(region))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .http_client(http_client())
        .retry_config(RetryConfig::standard())
        .timeout_config(TimeoutConfig::builder().connect_timeout(CONNECT_TIMEOUT).build());
    if let Some(url) = var("AWS_ENDPOINT_URL") {
        sdk = sdk.endpoint_url(url);
    }
    Ok(sdk.build())
}

/// The default provider chain (environment, profile files, IMDS, SSO, web identity): for
/// the local gateway, its operator commands and the tests, never for a function.
#[cfg(feature = "local")]
pub async fn sdk_config() -> SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http_client()).load().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn a_functions_config_comes_from_the_lambda_environment() {
        let sdk = lambda_sdk_config_from(env(&[
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
        ]))
        .expect("complete environment");
        assert_eq!(sdk.region().map(|r| r.as_ref()), Some("eu-central-1"));
        assert_eq!(sdk.endpoint_url(), Some("http://127.0.0.1:5000"));
        assert!(sdk.credentials_provider().is_some() && sdk.http_client().is_some());
        assert_eq!(sdk.retry_config().map(RetryConfig::max_attempts), Some(3));
        assert_eq!(sdk.timeout_config().and_then(TimeoutConfig::connect_timeout), Some(CONNECT_TIMEOUT));
    }

    #[test]
    fn a_missing_variable_is_named_and_the_endpoint_is_optional() {
        let err = lambda_sdk_config_from(env(&[("AWS_REGION", "eu-central-1"), ("AWS_ACCESS_KEY_ID", "A")]))
            .expect_err("no secret key");
        assert_eq!(err.0, "AWS_SECRET_ACCESS_KEY");
        let sdk = lambda_sdk_config_from(env(&[
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ACCESS_KEY_ID", "A"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
        ]))
        .expect("no token, no endpoint");
        assert_eq!(sdk.endpoint_url(), None);
    }
}
