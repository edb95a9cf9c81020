//! `floor-hello` with the log subscriber every function sets up (`shared::lambda::init_tracing`:
//! JSON lines with the request span's fields, a `RUST_LOG` filter) and each request in a span.

use lambda_http::{service_fn, Body, Error, Request, RequestExt, Response};
use tracing::Instrument;

#[tokio::main]
async fn main() -> Result<(), Error> {
    shared::lambda::init_tracing();
    lambda_http::run(service_fn(|req: Request| async move {
        let id = req.lambda_context_ref().map(|c| c.request_id.clone()).unwrap_or_default();
        let span = tracing::info_span!("request", request_id = %id);
        async {
            tracing::info!("hello");
            Ok::<_, Error>(Response::new(Body::Text("hello".into())))
        }
        .instrument(span)
        .await
    }))
    .await
}
