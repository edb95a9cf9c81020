//! The event API Gateway's HTTP API sends a function (payload format 2.0), built from a
//! request the way API Gateway builds it, and the function's answer turned back into an
//! HTTP response the way API Gateway turns it. Both modes of the gateway go through the
//! event: in-process it is parsed by `lambda_http` exactly as the Lambda runtime parses it;
//! in Lambda mode it is the body of the invocation.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use base64::Engine;
use hyper::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE, HOST, SET_COOKIE, USER_AGENT};
use hyper::{Method, StatusCode, Uri};
use serde_json::{json, Map, Value};

/// What the gateway knows of a request once a route matched it.
pub struct Call<'a> {
    pub method: &'a Method,
    pub uri: &'a Uri,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    /// `GET /api/applications/{id}`, or `$default`.
    pub route_key: &'a str,
    pub path_parameters: &'a HashMap<String, String>,
    pub peer: SocketAddr,
    pub request_id: &'a str,
    pub time: chrono::DateTime<chrono::Utc>,
}

/// The account id the emulators (and the events of `events/`) use.
pub const ACCOUNT_ID: &str = "123456789012";

/// The payload 2.0 event of `call`: `rawPath` and `rawQueryString` as sent, the query's
/// values percent-decoded (repeated keys joined by commas), the `Cookie` header split into
/// `cookies`, header names lower-case with repeated values joined by commas, the body as
/// text when it is text and base64 otherwise, and `requestContext.http` and `routeKey`.
pub fn http_api_event(call: &Call<'_>) -> Value {
    let mut headers = BTreeMap::<String, String>::new();
    let mut cookies = Vec::new();
    for (name, value) in call.headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        if name == COOKIE {
            cookies.extend(value.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned));
            continue;
        }
        headers.entry(name.as_str().to_owned()).and_modify(|v| *v = format!("{v},{value}")).or_insert(value);
    }
    let raw_query = call.uri.query().unwrap_or("");
    let (body, base64) = body_of(call.headers, call.body);
    let path = call.uri.path();
    let domain = headers.get(HOST.as_str()).cloned().unwrap_or_else(|| "localhost".into());
    let mut event = json!({
        "version": "2.0",
        "routeKey": call.route_key,
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": "local",
            "domainName": domain,
            "domainPrefix": domain.split('.').next().unwrap_or_default(),
            "http": {
                "method": call.method.as_str(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": call.peer.ip().to_string(),
                "userAgent": call.headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default(),
            },
            "requestId": call.request_id,
            "routeKey": call.route_key,
            "stage": "$default",
            "time": call.time.format("%d/%b/%Y:%H:%M:%S %z").to_string(),
            "timeEpoch": call.time.timestamp_millis(),
        },
        "isBase64Encoded": base64,
    });
    // `json!` of an object literal is an object.
    if let Some(fields) = event.as_object_mut() {
        if !cookies.is_empty() {
            fields.insert("cookies".into(), json!(cookies));
        }
        let query = query_parameters(raw_query);
        if !query.is_empty() {
            fields.insert("queryStringParameters".into(), Value::Object(query));
        }
        if !call.path_parameters.is_empty() {
            fields.insert("pathParameters".into(), json!(call.path_parameters));
        }
        if let Some(body) = body {
            fields.insert("body".into(), Value::String(body));
        }
    }
    event
}

/// The query's values, decoded as a form (`+` a space, `%xx` a byte), the values of a
/// repeated key joined by commas, as API Gateway gives `queryStringParameters`.
fn query_parameters(raw: &str) -> Map<String, Value> {
    let mut out = Map::new();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
    for (k, v) in pairs {
        match out.get_mut(&k) {
            Some(Value::String(s)) => {
                s.push(',');
                s.push_str(&v);
            }
            _ => {
                out.insert(k, Value::String(v));
            }
        }
    }
    out
}

/// Text bodies as they are; anything else (or text that is not UTF-8) in base64.
fn body_of(headers: &HeaderMap, body: &[u8]) -> (Option<String>, bool) {
    if body.is_empty() {
        return (None, false);
    }
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let textual = essence.starts_with("text/")
        || matches!(essence, "application/json" | "application/x-www-form-urlencoded" | "application/xml")
        || essence.ends_with("+json")
        || essence.ends_with("+xml");
    match (textual, std::str::from_utf8(body)) {
        (true, Ok(text)) => (Some(text.to_owned()), false),
        _ => (Some(base64::engine::general_purpose::STANDARD.encode(body)), true),
    }
}

/// What API Gateway answers when the function failed (an error instead of a response).
pub fn internal_server_error() -> lambda_http::Response<lambda_http::Body> {
    gateway_message(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
}

/// API Gateway's own answers: `{"message": "…"}`.
pub fn gateway_message(status: StatusCode, message: &str) -> lambda_http::Response<lambda_http::Body> {
    let mut resp = lambda_http::Response::new(lambda_http::Body::Text(json!({ "message": message }).to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// A function's result (payload 2.0 response: `statusCode`, `headers`, `multiValueHeaders`,
/// `cookies`, `body`, `isBase64Encoded`) as the HTTP response API Gateway sends. A result
/// that is not such a response (a function error) is API Gateway's 500.
pub fn response_of(result: &Value) -> lambda_http::Response<lambda_http::Body> {
    let Some(status) = result.get("statusCode").and_then(Value::as_u64) else {
        return internal_server_error();
    };
    let Ok(status) = StatusCode::from_u16(status as u16) else { return internal_server_error() };
    let text = result.get("body").and_then(Value::as_str).unwrap_or("");
    let body = if result.get("isBase64Encoded").and_then(Value::as_bool).unwrap_or(false) {
        match base64::engine::general_purpose::STANDARD.decode(text) {
            Ok(bytes) => lambda_http::Body::Binary(bytes),
            Err(_) => return internal_server_error(),
        }
    } else if text.is_empty() {
        lambda_http::Body::Empty
    } else {
        lambda_http::Body::Text(text.to_owned())
    };
    let mut resp = lambda_http::Response::new(body);
    *resp.status_mut() = status;
    let headers = resp.headers_mut();
    for (name, value) in result.get("headers").and_then(Value::as_object).into_iter().flatten() {
        if let (Ok(n), Some(Ok(v))) = (HeaderName::try_from(name.as_str()), value.as_str().map(HeaderValue::from_str)) {
            headers.insert(n, v);
        }
    }
    for (name, values) in result.get("multiValueHeaders").and_then(Value::as_object).into_iter().flatten() {
        let Ok(n) = HeaderName::try_from(name.as_str()) else { continue };
        for v in values.as_array().into_iter().flatten().filter_map(Value::as_str) {
            if let Ok(v) = HeaderValue::from_str(v) {
                headers.append(n.clone(), v);
            }
        }
    }
    for cookie in result.get("cookies").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if let Ok(v) = HeaderValue::from_str(cookie) {
            headers.append(SET_COOKIE, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(method: &str, uri: &str, headers: &[(&str, &str)], body: &[u8]) -> Value {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.append(HeaderName::try_from(*k).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        let params = HashMap::from([("id".to_owned(), "abc".to_owned())]);
        let call = Call {
            method: &method.parse().unwrap(),
            uri: &uri.parse().unwrap(),
            headers: &map,
            body,
            route_key: "POST /api/applications/{id}/verify",
            path_parameters: &params,
            peer: "192.0.2.10:5000".parse().unwrap(),
            request_id: "req-1",
            time: chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap(),
        };
        http_api_event(&call)
    }

    #[test]
    fn the_event_is_payload_two_with_decoded_query_cookies_and_the_route_key() {
        let e = event(
            "POST",
            "/api/applications/abc/verify?date=2026%2D12%2D03&q=a+b%2Bc&k=1&k=2",
            &[("cookie", "pz_app=t1; pz_app_csrf=c1"), ("x-dup", "a"), ("x-dup", "b"), ("host", "pz.example.pl")],
            br#"{"code":"123456"}"#,
        );
        assert_eq!(e["version"], "2.0");
        assert_eq!(e["routeKey"], "POST /api/applications/{id}/verify");
        assert_eq!(e["requestContext"]["routeKey"], e["routeKey"]);
        assert_eq!(e["rawPath"], "/api/applications/abc/verify");
        assert_eq!(e["rawQueryString"], "date=2026%2D12%2D03&q=a+b%2Bc&k=1&k=2");
        assert_eq!(e["queryStringParameters"], json!({"date": "2026-12-03", "q": "a b+c", "k": "1,2"}));
        assert_eq!(e["cookies"], json!(["pz_app=t1", "pz_app_csrf=c1"]));
        assert!(e["headers"].get("cookie").is_none(), "cookies travel in `cookies` only");
        assert_eq!(e["headers"]["x-dup"], "a,b");
        assert_eq!(e["pathParameters"]["id"], "abc");
        assert_eq!(e["requestContext"]["http"]["method"], "POST");
        assert_eq!(e["requestContext"]["http"]["sourceIp"], "192.0.2.10");
        assert_eq!(e["requestContext"]["domainName"], "pz.example.pl");
        assert_eq!(e["isBase64Encoded"], true, "no content type: binary");
        let json_body = event("POST", "/x", &[("content-type", "application/json")], br#"{"a":1}"#);
        assert_eq!(
            (json_body["body"].as_str(), json_body["isBase64Encoded"].as_bool()),
            (Some(r#"{"a":1}"#), Some(false))
        );
    }

    #[test]
    fn bodies_that_are_not_text_go_in_base64_and_lambda_http_reads_every_field_back() {
        let e =
            event("POST", "/x?a=%C5%81%C3%B3d%C5%BA", &[("content-type", "application/octet-stream")], &[0, 159, 146]);
        assert_eq!(e["isBase64Encoded"], true);
        assert_eq!(e["body"], "AJ+S");
        let req = lambda_http::request::from_str(&e.to_string()).expect("lambda_http parses the event");
        use lambda_http::RequestExt;
        assert_eq!(req.query_string_parameters().first("a"), Some("Łódź"));
        assert_eq!(req.path_parameters().first("id"), Some("abc"));
        assert!(matches!(req.body(), lambda_http::Body::Binary(b) if b == &[0, 159, 146]));
        let Some(lambda_http::request::RequestContext::ApiGatewayV2(ctx)) = req.request_context_ref() else {
            panic!("an HTTP API context")
        };
        assert_eq!(ctx.route_key.as_deref(), Some("POST /api/applications/{id}/verify"));
    }

    #[test]
    fn a_result_becomes_the_response_api_gateway_sends() {
        let r = response_of(&json!({
            "statusCode": 201,
            "headers": {"content-type": "application/json"},
            "multiValueHeaders": {"x-two": ["a", "b"]},
            "cookies": ["pz_app=t; Path=/api; HttpOnly", "pz_app_csrf=c; Path=/"],
            "body": "{\"ok\":true}",
            "isBase64Encoded": false
        }));
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(r.headers().get_all(SET_COOKIE).iter().count(), 2);
        assert_eq!(r.headers().get_all("x-two").iter().count(), 2);
        assert!(matches!(r.body(), lambda_http::Body::Text(t) if t == "{\"ok\":true}"));
        let binary = response_of(&json!({"statusCode": 200, "body": "AJ+S", "isBase64Encoded": true}));
        assert!(matches!(binary.body(), lambda_http::Body::Binary(b) if b == &[0, 159, 146]));
        let failed = response_of(&json!({"errorMessage": "boom", "errorType": "Panic"}));
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(matches!(failed.body(), lambda_http::Body::Text(t) if t == r#"{"message":"Internal Server Error"}"#));
    }
}
