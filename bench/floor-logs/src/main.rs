//! `floor-hello` with the log subscriber every function sets up (`shared::lambda::init_tracing`:
//! JSON lines with the request span's fields, a `Targets` filter) and each request in a span.

use lambda_http::{service_fn, Body, Error, Request, RequestExt, Response};
use tracing::Instrument;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|v| v.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_current_span(true)
        .with_span_list(false)
        .without_time()
        .with_ansi(false)
        .with_writer(std::io::stdout)
        .finish()
        .with(filter);
    let _ = subscriber.try_init();
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
