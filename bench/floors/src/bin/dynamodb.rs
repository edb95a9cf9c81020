//! The floor of a function with a DynamoDB client and no secret (the free slots).

use pz_floors::dynamodb;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let sdk = pz_floors::sdk_config()?;
    let db: &'static _ = Box::leak(Box::new(dynamodb::Client::new(&sdk)));
    pz_floors::serve(move |_| async move { Ok(pz_floors::get_item(db).await?.to_string()) }).await
}
