//! The HTTP server of local mode.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use shared::adapters::dev_outbox::DevOutbox;
use shared::http::ApiError;
use shared::service::delivery::{deliver_due, Channels, Senders};
use shared::{texts, FullDeps, Wired};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tracing::Instrument;

use crate::event;
use crate::lambda::Runtime;
use crate::routes::{self, Match, Route};
use crate::setup::{build, DemoClerk, Options};
use crate::web::to_hyper;
use crate::{outbox_page, web};

/// What the gateway reads of a request body before refusing it (handlers allow 16 KiB).
const READ_LIMIT: usize = 1024 * 1024;

pub struct Gateway {
    pub addr: SocketAddr,
    pub deps: Arc<FullDeps>,
    pub outbox: Option<Arc<DevOutbox>>,
    pub demo_clerk: Option<DemoClerk>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Gateway {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

struct State {
    routes: Vec<Route>,
    deps: Arc<FullDeps>,
    /// Lambda mode: the functions under the runtime emulator answer.
    lambda: Option<Arc<Runtime>>,
    outbox: outbox_page::Source,
    wake_sender: Arc<Notify>,
    idps: Arc<crate::idp_demo::DemoIdps>,
    ikp: Arc<crate::ikp_demo::IkpDemo>,
}

/// Binds, starts serving and delivering in the background, and returns at once.
pub async fn start(opts: Options) -> Result<Gateway, String> {
    let routes = routes::from_template(routes::TEMPLATE).map_err(|e| e.to_string())?;
    let listener = TcpListener::bind((opts.bind, opts.port)).await.map_err(|e| format!("cannot listen: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let built = build(&opts, format!("http://{addr}")).await?;
    let wake_sender = Arc::new(Notify::new());
    let state = Arc::new(State {
        routes,
        deps: built.deps.clone(),
        lambda: built.lambda.as_ref().map(|l| l.runtime.clone()),
        outbox: match (&built.outbox, std::env::var("AWS_ENDPOINT_URL")) {
            (Some(outbox), _) => outbox_page::Source::Memory(outbox.clone()),
            (None, Ok(endpoint)) => outbox_page::Source::Emulator(endpoint),
            (None, Err(_)) => outbox_page::Source::None,
        },
        wake_sender: wake_sender.clone(),
        idps: built.idps.clone(),
        ikp: built.ikp.clone(),
    });
    let tasks = match built.lambda {
        // The stream, the schedules and the functions deliver and sweep.
        Some(lambda) => lambda.tasks,
        None => vec![
            tokio::spawn(deliver_loop(built.deps.clone(), wake_sender)),
            tokio::spawn(sweep_loop(built.deps.clone())),
        ],
    };
    let tasks = tasks.into_iter().chain([tokio::spawn(accept_loop(listener, state))]).collect();
    Ok(Gateway { addr, deps: built.deps, outbox: built.outbox, demo_clerk: built.demo_clerk, tasks })
}

/// Local stand-in for the schedule of `ExpireApplicationsFunction` (every 15 minutes
/// there; every 30 seconds here, so that a demo shows its effects).
async fn sweep_loop(deps: Arc<FullDeps>) {
    loop {
        tokio::time::sleep(Duration::from_secs(30)).await;
        if let Err(e) = shared::handlers::expire_applications::handle(&*deps).await {
            tracing::warn!(error = %e, "expiry sweep failed; will retry");
        }
    }
}

/// Local stand-in for the table stream and the sweep schedule of `SendEmailsFunction`:
/// the same delivery code, woken after each API call and every second.
async fn deliver_loop(deps: Arc<FullDeps>, wake: Arc<Notify>) {
    loop {
        let _ = tokio::time::timeout(Duration::from_secs(1), wake.notified()).await;
        let senders = Senders::new(Channels::All { email: &*deps.email, sms: &*deps.sms, push: &*deps.push });
        if let Err(e) = deliver_due(deps.store(), &*deps.clock, &senders).await {
            tracing::warn!(error = %e, "outbox delivery pass failed; will retry");
        }
        // The stand-in for send-logout: back-channel logouts to the relying services.
        let back_channel = shared::service::oidc::BackChannel::new(&deps.oidc, deps.store());
        let senders = Senders::new(Channels::Logout { logout: &back_channel });
        if let Err(e) = deliver_due(deps.store(), &*deps.clock, &senders).await {
            tracing::warn!(error = %e, "back-channel logout pass failed; will retry");
        }
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>) {
    loop {
        let Ok((stream, peer)) = listener.accept().await else { continue };
        let state = state.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(handle(&state, req, peer).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Answers as API Gateway does with template.yaml: the route of the method and path, or
/// the `$default` route (web-pages: 404, 405 with `Allow`, HEAD on the pages); the
/// gateway itself answers only for its own `/dev/outbox` pages.
async fn handle(state: &State, req: Request<Incoming>, peer: SocketAddr) -> Response<Full<Bytes>> {
    let path = req.uri().path().to_owned();
    let method = req.method().as_str().to_owned();
    if path.starts_with("/api/") {
        let resp = api(state, req, peer, &method, &path).await;
        state.wake_sender.notify_one();
        return resp;
    }
    if path == "/dev/outbox" {
        return outbox_page::serve(&state.outbox, &req).await;
    }
    if path == "/dev/outbox.js" && state.outbox.is_some() {
        return outbox_page::script();
    }
    if path.starts_with("/dev/idp/") {
        return state.idps.serve(req).await;
    }
    if path.starts_with("/dev/ikp/") {
        return state.ikp.serve(req).await;
    }
    match routes::find(&state.routes, &method, &path) {
        Match::Found(route, params) => {
            let id = request_id(state);
            to_hyper(web::with_banner(invoke(state, req, Invocation { route, params, peer, request_id: &id }).await))
        }
        Match::None => to_hyper(no_route()),
    }
}

/// API Gateway's own answer when no route (and no `$default` route) takes a request.
fn no_route() -> lambda_http::Response<lambda_http::Body> {
    shared::http::json(StatusCode::NOT_FOUND, &serde_json::json!({ "message": "Not Found" }))
}

/// A request id like API Gateway's: on every log line of the request, and in the answer.
fn request_id(state: &State) -> String {
    shared::domain::ids::random_base32(&*state.deps.random, 20).to_lowercase()
}

async fn api(
    state: &State,
    req: Request<Incoming>,
    peer: SocketAddr,
    method: &str,
    path: &str,
) -> Response<Full<Bytes>> {
    let Match::Found(route, params) = routes::find(&state.routes, method, path) else {
        return to_hyper(no_route());
    };
    let id = request_id(state);
    let span = shared::lambda::request_span(&id, &route.key());
    let mut resp = async {
        let resp = invoke(state, req, Invocation { route, params, peer, request_id: &id }).await;
        tracing::info!(status = resp.status().as_u16(), "api");
        resp
    }
    .instrument(span)
    .await;
    if let Ok(v) = hyper::header::HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    to_hyper(resp)
}

/// What the gateway knows of a matched request besides the request itself.
struct Invocation<'a> {
    route: &'a Route,
    params: HashMap<String, String>,
    peer: SocketAddr,
    request_id: &'a str,
}

/// Builds the event API Gateway would send the route's function (payload 2.0) and has
/// the function answer it: in this process, parsed by `lambda_http` as the Lambda runtime
/// parses it, or in Lambda mode by the function's bootstrap under the runtime emulator.
async fn invoke(
    state: &State,
    req: Request<Incoming>,
    call: Invocation<'_>,
) -> lambda_http::Response<lambda_http::Body> {
    let (parts, body) = req.into_parts();
    let bytes = match Limited::new(body, READ_LIMIT).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", texts::TOO_LARGE)
                .into_response(shared::http::headers_lang(&parts.headers));
        }
    };
    let route_key = call.route.key();
    let event = event::http_api_event(&event::Call {
        method: &parts.method,
        uri: &parts.uri,
        headers: &parts.headers,
        body: &bytes,
        route_key: &route_key,
        path_parameters: &call.params,
        peer: call.peer,
        request_id: call.request_id,
        time: state.deps.clock.now(),
    });
    match &state.lambda {
        Some(runtime) => match runtime.invoke(&call.route.function, &event).await {
            Ok(result) => event::response_of(&result),
            Err(e) => {
                tracing::error!(error = %e, "the function could not be invoked");
                event::internal_server_error()
            }
        },
        None => match lambda_http::request::from_str(&event.to_string()) {
            Ok(req) => shared::handlers::run(call.route.handler, &*state.deps, req).await,
            Err(e) => {
                tracing::error!(error = %e, "lambda_http does not read the event");
                event::internal_server_error()
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::request::RequestContext;
    use lambda_http::RequestExt;

    struct TestRoute {
        method: &'static str,
        path: &'static str,
    }

    fn route(method: &'static str, path: &'static str) -> TestRoute {
        TestRoute { method, path }
    }

    /// The request the function's `lambda_http` reads from the gateway's event.
    fn through_gateway(uri: &str, route: &TestRoute, peer: &str) -> lambda_http::Request {
        let event = event::http_api_event(&event::Call {
            method: &route.method.parse().unwrap(),
            uri: &uri.parse().unwrap(),
            headers: &hyper::HeaderMap::new(),
            body: b"",
            route_key: &format!("{} {}", route.method, route.path),
            path_parameters: &HashMap::new(),
            peer: peer.parse().unwrap(),
            request_id: "req-1",
            time: chrono::Utc::now(),
        });
        lambda_http::request::from_str(&event.to_string()).unwrap()
    }

    #[test]
    fn the_request_context_is_api_gateways_with_the_route_key_and_the_peer_address() {
        let route = route("GET", "/api/clerk/calls");
        let req = through_gateway("/api/clerk/calls?date=2026-12-03", &route, "192.0.2.10:51234");
        let Some(RequestContext::ApiGatewayV2(ctx)) = req.request_context_ref() else { panic!("no HTTP API context") };
        assert_eq!(ctx.route_key.as_deref(), Some("GET /api/clerk/calls"));
        assert_eq!(ctx.request_id.as_deref(), Some("req-1"));
        assert_eq!(ctx.http.method, lambda_http::http::Method::GET);
        assert_eq!(ctx.http.path.as_deref(), Some("/api/clerk/calls"));
        assert_eq!(ctx.http.source_ip.as_deref(), Some("192.0.2.10"));
        assert_eq!(shared::http::source_ip(&req), Some("192.0.2.10".parse().unwrap()));
        let v6 = through_gateway("/api/clerk/calls", &route, "[2001:db8::5]:443");
        assert_eq!(shared::http::source_ip(&v6), Some("2001:db8::5".parse().unwrap()));
    }

    #[test]
    fn a_request_no_route_takes_reaches_default_with_its_route_key_and_no_path_parameters() {
        let routes = routes::from_template(routes::TEMPLATE).unwrap();
        let Match::Found(default, params) = routes::find(&routes, "HEAD", "/api/clerk/calls") else { panic!() };
        let event = event::http_api_event(&event::Call {
            method: &hyper::Method::HEAD,
            uri: &"/api/clerk/calls".parse().unwrap(),
            headers: &hyper::HeaderMap::new(),
            body: b"",
            route_key: &default.key(),
            path_parameters: &params,
            peer: "127.0.0.1:1".parse().unwrap(),
            request_id: "req-2",
            time: chrono::Utc::now(),
        });
        let req = lambda_http::request::from_str(&event.to_string()).unwrap();
        let Some(RequestContext::ApiGatewayV2(ctx)) = req.request_context_ref() else { panic!("no HTTP API context") };
        assert_eq!((ctx.route_key.as_deref(), ctx.http.method.as_str()), (Some("$default"), "HEAD"));
        assert!(req.path_parameters().is_empty());
    }

    #[test]
    fn query_values_are_decoded_as_lambda_http_decodes_an_http_api_raw_query() {
        let route = route("GET", "/api/clerk/calls");
        let req = through_gateway("/api/clerk/calls?date=2026%2D12%2D03&q=a+b%2Bc&k=1&k=2&flag", &route, "127.0.0.1:1");
        let q = req.query_string_parameters();
        assert_eq!(q.first("date"), Some("2026-12-03"));
        assert_eq!(q.first("q"), Some("a b+c"), "+ is a space, %2B a plus");
        assert_eq!(q.all("k"), Some(vec!["1", "2"]));
        assert_eq!(q.first("flag"), Some(""));
    }
}
