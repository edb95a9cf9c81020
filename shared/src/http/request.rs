//! What a request says besides its body: the client's address as API Gateway saw it, the
//! route it took, and the route's path parameters.

use lambda_http::aws_lambda_events::apigw::{
    ApiGatewayV2httpRequestContext, ApiGatewayV2httpRequestContextHttpDescription,
};
use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};

use super::error::ApiError;

/// The client's IP address as API Gateway saw it (`requestContext.http.sourceIp`; the
/// local gateway puts the TCP peer there). Never a header: `X-Forwarded-For` is written
/// by the client and would let anyone pick the address their limits are counted on.
pub fn source_ip(req: &Request) -> Option<std::net::IpAddr> {
    match req.request_context_ref()? {
        RequestContext::ApiGatewayV2(c) => c.http.source_ip.as_deref()?.parse().ok(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The route API Gateway matched (`requestContext.routeKey`: `"GET /api/slots"`, or
/// `"$default"`), which the handlers dispatch on; the local gateway sets it the same way.
pub fn route_key(req: &Request) -> Option<&str> {
    match req.request_context_ref()? {
        RequestContext::ApiGatewayV2(c) => c.route_key.as_deref(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// A request built by hand (a test, a benchmark) as API Gateway hands it to the function
/// of `route_key`: the request context with the route key, the method and the path.
pub fn routed(req: Request, route_key: &str) -> Request {
    let http = ApiGatewayV2httpRequestContextHttpDescription {
        method: req.method().clone(),
        path: Some(req.uri().path().to_owned()),
        ..Default::default()
    };
    let ctx = ApiGatewayV2httpRequestContext { route_key: Some(route_key.to_owned()), http, ..Default::default() };
    req.with_request_context(RequestContext::ApiGatewayV2(ctx))
}

/// A path parameter, or 404 when the route was matched without it.
pub fn path_param(req: &Request, name: &str) -> Result<String, ApiError> {
    req.path_parameters().first(name).map(str::to_owned).ok_or_else(ApiError::not_found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::http::{HeaderValue, StatusCode};

    fn from(source_ip: Option<&str>) -> Request {
        let http = ApiGatewayV2httpRequestContextHttpDescription {
            method: lambda_http::http::Method::POST,
            path: Some("/api/login".into()),
            source_ip: source_ip.map(str::to_owned),
            ..Default::default()
        };
        let ctx =
            ApiGatewayV2httpRequestContext { route_key: Some("POST /api/login".into()), http, ..Default::default() };
        Request::default().with_request_context(RequestContext::ApiGatewayV2(ctx))
    }

    #[test]
    fn source_ip_is_read_from_the_request_context() {
        assert_eq!(source_ip(&from(Some("203.0.113.7"))), Some("203.0.113.7".parse().unwrap()));
        assert_eq!(source_ip(&from(Some("2001:db8::1"))), Some("2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn source_ip_is_none_without_a_context_or_a_valid_address_and_ignores_forwarded_headers() {
        assert_eq!(source_ip(&from(None)), None);
        assert_eq!(source_ip(&from(Some("not an address"))), None);
        let mut req = Request::default();
        req.headers_mut().insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1"));
        assert_eq!(source_ip(&req), None, "a header the client writes is not its address");
    }

    #[test]
    fn the_route_key_is_read_from_the_request_context() {
        assert_eq!(route_key(&from(None)), Some("POST /api/login"));
        assert_eq!(route_key(&Request::default()), None);
        let req = routed(Request::default(), "$default");
        assert_eq!(route_key(&req), Some("$default"));
    }

    #[test]
    fn a_missing_path_parameter_is_a_404() {
        let req = Request::default().with_path_parameters(
            [("id".to_owned(), "abc".to_owned())].into_iter().collect::<std::collections::HashMap<_, _>>(),
        );
        assert_eq!(path_param(&req, "id").unwrap(), "abc");
        assert_eq!(path_param(&req, "other").unwrap_err().status, StatusCode::NOT_FOUND);
    }
}
