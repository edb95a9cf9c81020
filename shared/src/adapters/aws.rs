//! One SDK configuration for every AWS client: rustls with ring (no C build of aws-lc),
//! region and credentials from the usual environment, `AWS_ENDPOINT_URL` honoured (moto).

use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};

pub async fn sdk_config() -> aws_config::SdkConfig {
    let http =
        aws_smithy_http_client::Builder::new().tls_provider(tls::Provider::Rustls(CryptoMode::Ring)).build_https();
    aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http).load().await
}
