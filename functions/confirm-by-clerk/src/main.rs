//! Lambda: `POST /api/clerk/applications/{id}/confirm`: the profile becomes active for three years.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::confirm_by_clerk).await
}
