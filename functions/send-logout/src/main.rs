//! Lambda: delivers back-channel logouts (Back-Channel Logout 1.0) to relying services: a
//! logout token signed with the provider's key, posted to the service's registered URI.
//! Triggered by the table's stream (only `OUTBOX#logout.` keys) and by a schedule (retries).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, provider) = shared::lambda::cold_start_with_oidc().await?;
    let deps: &'static _ = Box::leak(Box::new(deps));
    let provider: &'static _ = Box::leak(Box::new(provider));
    lambda_http::lambda_runtime::run(lambda_http::lambda_runtime::service_fn(
        move |event: lambda_http::lambda_runtime::LambdaEvent<serde_json::Value>| async move {
            shared::handlers::send_emails::handle_logout(deps, provider, event.payload)
                .await
                .map_err(shared::lambda::Error::from)
        },
    ))
    .await
}
