//! Lambda: `POST /api/applications/{id}/verify` ("Dalej"). Queues the two emails in the
//! same transaction; the send-emails function delivers them.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    shared::lambda::serve_http(deps, shared::handlers::boxed::verify_code).await
}
