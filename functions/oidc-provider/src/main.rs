//! Lambda: the OpenID Connect provider for relying services (IKP). The signing key comes
//! from `PZ_OIDC_SIGNING_KEY` (never generated here), parsed once at cold start.

use std::sync::Arc;

use shared::service::oidc::Provider;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    let provider = Arc::new(Provider::from_env(&deps.config.public_url)?);
    shared::lambda::serve_http(deps.with_oidc(provider), shared::handlers::boxed::oidc_provider).await
}
