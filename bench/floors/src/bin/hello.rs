//! The bare floor: `lambda_http` answering "hello", no SDK.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    pz_floors::serve(|_| async { Ok("hello".to_owned()) }).await
}
