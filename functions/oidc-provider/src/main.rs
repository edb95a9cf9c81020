//! Lambda: the OpenID Connect provider for relying services (IKP). The signing key is
//! read from Secrets Manager (never generated here, never in the environment), once at
//! cold start.

use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, sdk) = shared::lambda::cold_start().await?;
    let provider = Arc::new(shared::lambda::oidc_provider(&sdk, &deps.config.public_url).await?);
    shared::lambda::serve_http(deps.with_oidc(provider), shared::handlers::boxed::oidc_provider).await
}
