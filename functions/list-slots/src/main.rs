//! Lambda: `GET /api/slots`.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start_without_secrets().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::list_slots).await
}
