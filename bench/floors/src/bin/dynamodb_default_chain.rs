//! `floor-dynamodb` with the SDK config from aws-config's default provider chain (what
//! every function did before issue 17), for the difference.

use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use pz_floors::dynamodb;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let http =
        aws_smithy_http_client::Builder::new().tls_provider(tls::Provider::Rustls(CryptoMode::Ring)).build_https();
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http).load().await;
    let db: &'static _ = Box::leak(Box::new(dynamodb::Client::new(&sdk)));
    pz_floors::serve(move |_| async move { Ok(pz_floors::get_item(db).await?.to_string()) }).await
}
