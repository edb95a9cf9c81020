//! The route table, read from `template.yaml` (never written a second time here):
//! every `HttpApi` event of every function, mapped to the handler of the function's crate.

use std::collections::HashMap;

use shared::handlers::{http_function, HttpHandler};
use shared::FullDeps;
use yaml_serde::Value;

/// The template the deployed stack is built from, compiled in.
pub const TEMPLATE: &str = include_str!("../../template.yaml");

#[derive(Clone)]
pub struct Route {
    pub method: String,
    pub path: String,
    pub function: String,
    pub handler: HttpHandler<FullDeps>,
}

#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    #[error("template.yaml is not valid YAML: {0}")]
    Yaml(#[from] yaml_serde::Error),
    #[error("function {function} (CodeUri {code_uri}) has no handler in shared::handlers")]
    NoHandler { function: String, code_uri: String },
    #[error("template.yaml has no Resources")]
    NoResources,
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Every API route of the template. Fails if a function has no handler to run.
pub fn from_template(template: &str) -> Result<Vec<Route>, RouteError> {
    let doc: Value = yaml_serde::from_str(template)?;
    let resources = doc.get("Resources").and_then(Value::as_mapping).ok_or(RouteError::NoResources)?;
    let mut routes = Vec::new();
    for (name, res) in resources {
        if str_at(res, "Type") != Some("AWS::Serverless::Function") {
            continue;
        }
        let props = res.get("Properties").cloned().unwrap_or(Value::Null);
        let code_uri = str_at(&props, "CodeUri").unwrap_or_default().to_owned();
        let crate_name = code_uri.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
        let events = props.get("Events").and_then(Value::as_mapping).cloned().unwrap_or_default();
        for (_, event) in &events {
            if str_at(event, "Type") != Some("HttpApi") {
                continue;
            }
            let Some(ep) = event.get("Properties") else { continue };
            let handler = http_function(&crate_name).ok_or_else(|| RouteError::NoHandler {
                function: name.as_str().unwrap_or_default().to_owned(),
                code_uri: code_uri.clone(),
            })?;
            routes.push(Route {
                method: str_at(ep, "Method").unwrap_or("ANY").to_ascii_uppercase(),
                path: str_at(ep, "Path").unwrap_or("/").to_owned(),
                function: crate_name.clone(),
                handler,
            });
        }
    }
    Ok(routes)
}

pub enum Match<'a> {
    Found(&'a Route, HashMap<String, String>),
    /// The path exists with other methods: these (for the `Allow` header).
    WrongMethod(Vec<String>),
    None,
}

/// Matches `/api/applications/abc/verify` against `/api/applications/{id}/verify`.
pub fn find<'a>(routes: &'a [Route], method: &str, path: &str) -> Match<'a> {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut allowed = Vec::new();
    for route in routes {
        let pattern: Vec<&str> = route.path.trim_end_matches('/').split('/').collect();
        if pattern.len() != parts.len() {
            continue;
        }
        let mut params = HashMap::new();
        let fits =
            pattern.iter().zip(&parts).all(|(p, a)| match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) if !a.is_empty() => {
                    params.insert(name.to_owned(), (*a).to_owned());
                    true
                }
                Some(_) => false,
                None => p == a,
            });
        if !fits {
            continue;
        }
        // Every GET route answers HEAD too (the handlers run it as a GET, without the body).
        if route.method == method || route.method == "ANY" || (method == "HEAD" && route.method == "GET") {
            return Match::Found(route, params);
        }
        allowed.push(route.method.clone());
        if route.method == "GET" {
            allowed.push("HEAD".into());
        }
    }
    if allowed.is_empty() {
        Match::None
    } else {
        Match::WrongMethod(allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_http_function_of_the_template_has_a_handler_and_every_handler_a_route() {
        let routes = from_template(TEMPLATE).unwrap();
        for f in shared::handlers::HTTP_FUNCTIONS {
            assert!(routes.iter().any(|r| r.function == f.name), "{} has no route in template.yaml", f.name);
        }
        assert!(routes.len() >= 5);
    }

    #[test]
    fn matches_path_parameters_and_methods() {
        let routes = from_template(TEMPLATE).unwrap();
        match find(&routes, "POST", "/api/applications/abc/verify") {
            Match::Found(r, params) => {
                assert_eq!(r.function, "verify-code");
                assert_eq!(params["id"], "abc");
            }
            _ => panic!("no match"),
        }
        assert!(
            matches!(find(&routes, "GET", "/api/applications/abc"), Match::Found(r, _) if r.function == "application-status")
        );
        assert!(matches!(find(&routes, "DELETE", "/api/slots"), Match::WrongMethod(m) if m == ["GET", "HEAD"]));
        assert!(matches!(find(&routes, "HEAD", "/api/slots"), Match::Found(r, _) if r.method == "GET"));
        assert!(
            matches!(find(&routes, "HEAD", "/api/login"), Match::WrongMethod(m) if m == ["POST"]),
            "no HEAD on a POST route"
        );
        assert!(matches!(find(&routes, "GET", "/api/nothing"), Match::None));
        assert!(matches!(find(&routes, "GET", "/api/applications//verify"), Match::None));
        assert!(matches!(find(&routes, "GET", "/"), Match::Found(r, _) if r.function == "web-pages"));
        assert!(
            matches!(find(&routes, "GET", "/static/clerk.js"), Match::Found(r, p) if r.function == "web-pages" && p["file"] == "clerk.js")
        );
        match find(&routes, "POST", "/api/clerk/applications/abc/confirm") {
            Match::Found(r, params) => {
                assert_eq!((r.function.as_str(), params["id"].as_str()), ("confirm-by-clerk", "abc"))
            }
            _ => panic!("no match"),
        }
    }

    #[test]
    fn a_function_without_handler_is_refused() {
        let t = "Resources:\n  X:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/nope\n      Events:\n        A:\n          Type: HttpApi\n          Properties:\n            Path: /x\n            Method: GET\n";
        assert!(matches!(from_template(t), Err(RouteError::NoHandler { .. })));
    }
}
