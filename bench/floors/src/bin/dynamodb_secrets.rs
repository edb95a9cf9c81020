//! The floor of a function with a DynamoDB client that reads its hash key from Secrets
//! Manager at cold start (most of them).

use pz_floors::{dynamodb, secretsmanager};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let sdk = pz_floors::sdk_config()?;
    let key = pz_floors::read_secret(&secretsmanager::Client::new(&sdk)).await?;
    let db: &'static _ = Box::leak(Box::new(dynamodb::Client::new(&sdk)));
    let len = key.len();
    pz_floors::serve(move |_| async move { Ok(format!("{} {len}", pz_floors::get_item(db).await?)) }).await
}
