//! Lambda: the web pages (citizen, clerk), compiled in. No AWS client: no SDK config, no
//! store, only the settings.

use lambda_http::{Body, Request, Response};
use shared::config::Config;
use shared::handlers::{web_pages, BoxFuture};

fn pages(config: &Config, req: Request) -> BoxFuture<'_, Response<Body>> {
    Box::pin(web_pages::handle(config, req))
}

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    let config = shared::lambda::config_without_secrets()?;
    shared::lambda::serve_http(config, pages).await
}
