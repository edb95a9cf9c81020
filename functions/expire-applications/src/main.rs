//! Lambda (every 15 minutes): notices missed calls and emails the re-booking link, expires
//! applications that waited too long, gives abandoned bookings back.

use lambda_http::lambda_runtime::{self, service_fn, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let (deps, _sdk) = shared::lambda::cold_start().await?;
    let deps: &'static _ = Box::leak(Box::new(deps));
    lambda_runtime::run(service_fn(move |_: LambdaEvent<serde_json::Value>| async move {
        shared::handlers::expire_applications::handle(deps).await.map_err(shared::lambda::Error::from)
    }))
    .await
}
