//! The floor of a function with DynamoDB, the hash key from Secrets Manager, SNS and SES
//! (the outbox's sender).

use pz_floors::{dynamodb, secretsmanager, ses, sns};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let sdk = pz_floors::sdk_config()?;
    let key = pz_floors::read_secret(&secretsmanager::Client::new(&sdk)).await?;
    let clients: &'static _ =
        Box::leak(Box::new((dynamodb::Client::new(&sdk), sns::Client::new(&sdk), ses::Client::new(&sdk))));
    let len = key.len();
    pz_floors::serve(move |_| async move {
        let (db, sns, ses) = clients;
        pz_floors::publish(sns).await?;
        pz_floors::send_email(ses).await?;
        Ok(format!("{} {len}", pz_floors::get_item(db).await?))
    })
    .await
}
