//! Our calls to other services' servers (a bank's or Envelo's OpenID provider, a relying
//! service's back-channel logout URI): hyper with rustls and the system's roots, plain
//! http only to this machine (the demo providers, a test's service), no redirects
//! followed, 4 seconds and 256 KiB of answer at most. One client per process.

use std::sync::OnceLock;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;

/// Each call (its answer read whole) gives up after this: a bank callback makes at most
/// four (discovery, keys, token, userinfo) within the function's 20 seconds.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(4);
/// The most of an answer that is read.
pub const MAX_ANSWER: usize = 256 * 1024;

type Https = hyper_rustls::HttpsConnector<HttpConnector>;
static HTTP: OnceLock<Result<HyperClient<Https, Full<Bytes>>, String>> = OnceLock::new();

/// One call, its answer read whole.
pub async fn call(
    req: lambda_http::http::Request<Vec<u8>>,
) -> Result<lambda_http::http::Response<Vec<u8>>, std::io::Error> {
    if req.uri().scheme_str() != Some("https") && !crate::domain::idp::is_loopback(req.uri()) {
        return Err(std::io::Error::other("plain http to another machine"));
    }
    let client = HTTP
        .get_or_init(|| {
            let connector = hyper_rustls::HttpsConnectorBuilder::new()
                .with_native_roots()
                .map_err(|e| e.to_string())?
                .https_or_http()
                .enable_http1()
                .build();
            Ok(HyperClient::builder(TokioExecutor::new()).build(connector))
        })
        .as_ref()
        .map_err(|e| std::io::Error::other(e.clone()))?;
    let (parts, body) = req.into_parts();
    let call = async {
        let resp = client
            .request(hyper::Request::from_parts(parts, Full::new(Bytes::from(body))))
            .await
            .map_err(std::io::Error::other)?;
        let (parts, body) = resp.into_parts();
        let bytes = http_body_util::Limited::new(body, MAX_ANSWER)
            .collect()
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?
            .to_bytes();
        Ok::<_, std::io::Error>(lambda_http::http::Response::from_parts(parts, bytes.to_vec()))
    };
    tokio::time::timeout(CALL_TIMEOUT, call).await.map_err(|_| std::io::Error::other("timed out"))?
}
