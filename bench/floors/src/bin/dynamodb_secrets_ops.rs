//! Not a floor: `floor-dynamodb-secrets` calling every DynamoDB operation the store adapter
//! calls (GetItem, BatchGetItem, Query, UpdateItem, PutItem, TransactWriteItems), not only
//! GetItem. Its size over that floor is what those operations' own code weighs in the SDK,
//! which any function with the store links whatever its handler does.

use pz_floors::{dynamodb, secretsmanager};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let sdk = pz_floors::sdk_config()?;
    let key = pz_floors::read_secret(&secretsmanager::Client::new(&sdk)).await?;
    let db: &'static _ = Box::leak(Box::new(dynamodb::Client::new(&sdk)));
    let len = key.len();
    pz_floors::serve(move |_| async move { Ok(format!("{} {len}", pz_floors::every_operation(db).await?)) }).await
}
