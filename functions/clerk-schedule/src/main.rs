//! Lambda: `POST /api/clerk/slots`, `GET /api/clerk/calls`, `GET /api/clerk/audit`.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::clerk_schedule).await
}
