//! The floor of a function with DynamoDB, the hash key from Secrets Manager, and SNS (SMS
//! or push).

use pz_floors::{dynamodb, secretsmanager, sns};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let sdk = pz_floors::sdk_config()?;
    let key = pz_floors::read_secret(&secretsmanager::Client::new(&sdk)).await?;
    let clients: &'static _ = Box::leak(Box::new((dynamodb::Client::new(&sdk), sns::Client::new(&sdk))));
    let len = key.len();
    pz_floors::serve(move |_| async move {
        let (db, sns) = clients;
        pz_floors::publish(sns).await?;
        Ok(format!("{} {len}", pz_floors::get_item(db).await?))
    })
    .await
}
