//! Lambda: the OpenID Connect provider for relying services (IKP). The signing key is
//! read from Secrets Manager (never generated here, never in the environment), once at
//! cold start, together with the hash key.

use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, provider) = shared::lambda::cold_start_with_oidc().await?;
    shared::lambda::serve_http(deps.with_oidc(Arc::new(provider)), shared::handlers::boxed::oidc_provider).await
}
