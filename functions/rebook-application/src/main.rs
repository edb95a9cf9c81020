//! Lambda: `POST /api/applications/{id}/rebook` (a new slot after a missed call, once).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::rebook_application).await
}
