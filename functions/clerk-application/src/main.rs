//! Lambda: `GET /api/clerk/applications/{id}`, `POST …/call-link`, `POST …/reject`.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::clerk_application).await
}
