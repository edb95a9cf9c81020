//! Lambda: the relying party to banks and Envelo (docs/rules.md §1.12). The providers come
//! from `PZ_IDENTITY_PROVIDERS`, their client secrets and the hash key from Secrets Manager,
//! once at cold start.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let deps = shared::lambda::cold_start_with_identity_providers().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::identity_providers).await
}
