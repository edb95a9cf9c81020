//! Lambda: `POST /api/clerk/login`, `POST /api/clerk/logout`, `GET /api/clerk/me`.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::clerk_session).await
}
