//! The route table, read from `template.yaml` (never written a second time here):
//! every `HttpApi` event of every function, mapped to the handler of the function's crate,
//! and matched as API Gateway (HTTP API) matches it: by method and path, and what no
//! route takes goes to the `$default` route.

use std::collections::HashMap;

use shared::handlers::{http_function, HttpHandler};
use shared::http::routes::{path_params, DEFAULT};
use shared::FullDeps;
use yaml_serde::Value;

/// The template the deployed stack is built from, compiled in.
pub const TEMPLATE: &str = include_str!("../../template.yaml");

/// One `HttpApi` event: `ANY $default` for the one without `Path` and `Method`.
#[derive(Clone)]
pub struct Route {
    pub method: String,
    pub path: String,
    pub function: String,
    pub handler: HttpHandler<FullDeps>,
}

impl Route {
    /// API Gateway's `routeKey` of the route: `"GET /api/slots"`, or `"$default"`.
    pub fn key(&self) -> String {
        if self.is_default() {
            DEFAULT.to_owned()
        } else {
            format!("{} {}", self.method, self.path)
        }
    }

    pub fn is_default(&self) -> bool {
        self.path == DEFAULT
    }
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
            let ep = event.get("Properties").cloned().unwrap_or(Value::Null);
            let ep = &ep;
            let handler = http_function(&crate_name).ok_or_else(|| RouteError::NoHandler {
                function: name.as_str().unwrap_or_default().to_owned(),
                code_uri: code_uri.clone(),
            })?;
            // SAM makes an event with neither `Path` nor `Method` the `$default` route.
            let (method, path) = match (str_at(ep, "Method"), str_at(ep, "Path")) {
                (None, None) => ("ANY".to_owned(), DEFAULT.to_owned()),
                (method, path) => (method.unwrap_or("ANY").to_ascii_uppercase(), path.unwrap_or("/").to_owned()),
            };
            routes.push(Route { method, path, function: crate_name.clone(), handler });
        }
    }
    Ok(routes)
}

pub enum Match<'a> {
    Found(&'a Route, HashMap<String, String>),
    /// No route and no `$default` route: API Gateway answers 404 itself.
    None,
}

/// The route API Gateway takes for `method` and `path`: the route of that method (or
/// `ANY`) whose path matches, with its path parameters (`/api/applications/abc/verify` on
/// `/api/applications/{id}/verify`); otherwise `$default`. HEAD is a method of its own.
pub fn find<'a>(routes: &'a [Route], method: &str, path: &str) -> Match<'a> {
    let declared = routes.iter().filter(|r| !r.is_default() && (r.method == method || r.method == "ANY"));
    if let Some((route, params)) = declared.into_iter().find_map(|r| path_params(&r.path, path).map(|p| (r, p))) {
        return Match::Found(route, params);
    }
    match routes.iter().find(|r| r.is_default()) {
        Some(route) => Match::Found(route, HashMap::new()),
        None => Match::None,
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

    /// The route keys the handlers dispatch on (`shared::http::routes::TABLE`) are the
    /// template's, function by function, both ways.
    #[test]
    fn the_route_table_of_the_handlers_is_the_templates_both_ways() {
        let routes = from_template(TEMPLATE).unwrap();
        let declared: Vec<(String, String)> = routes.iter().map(|r| (r.function.clone(), r.key())).collect();
        let table: Vec<(String, String)> = shared::http::routes::TABLE
            .iter()
            .flat_map(|(f, keys)| keys.iter().map(|k| ((*f).to_owned(), (*k).to_owned())))
            .collect();
        let missing: Vec<_> = declared.iter().filter(|r| !table.contains(r)).collect();
        let extra: Vec<_> = table.iter().filter(|r| !declared.contains(r)).collect();
        assert!(missing.is_empty(), "in template.yaml, not in the route table: {missing:?}");
        assert!(extra.is_empty(), "in the route table, not in template.yaml: {extra:?}");
        assert_eq!(declared.len(), table.len(), "no route twice");
        let mut names: Vec<&str> = shared::handlers::HTTP_FUNCTIONS.iter().map(|f| f.name).collect();
        let mut tabled: Vec<&str> = shared::http::routes::TABLE.iter().map(|(f, _)| *f).collect();
        names.sort();
        tabled.sort();
        assert_eq!(names, tabled, "the same functions");
        let default: Vec<_> = routes.iter().filter(|r| r.is_default()).map(|r| r.function.as_str()).collect();
        assert_eq!(default, [shared::http::routes::DEFAULT_FUNCTION], "one $default route, on web-pages");
    }

    #[test]
    fn matches_path_parameters_and_methods_and_falls_back_to_default() {
        let routes = from_template(TEMPLATE).unwrap();
        match find(&routes, "POST", "/api/applications/abc/verify") {
            Match::Found(r, params) => {
                assert_eq!(
                    (r.function.as_str(), r.key()),
                    ("verify-code", "POST /api/applications/{id}/verify".into())
                );
                assert_eq!(params["id"], "abc");
            }
            Match::None => panic!("no match"),
        }
        assert!(
            matches!(find(&routes, "GET", "/api/applications/abc"), Match::Found(r, _) if r.function == "application-status")
        );
        let default = |m: Match<'_>| matches!(m, Match::Found(r, p) if r.key() == "$default" && r.function == "web-pages" && p.is_empty());
        assert!(default(find(&routes, "DELETE", "/api/slots")), "another method: $default");
        assert!(default(find(&routes, "HEAD", "/api/slots")), "HEAD is not GET");
        assert!(default(find(&routes, "HEAD", "/wniosek")));
        assert!(default(find(&routes, "GET", "/api/nothing")));
        assert!(default(find(&routes, "GET", "/api/applications//verify")));
        assert!(matches!(find(&routes, "GET", "/"), Match::Found(r, _) if r.key() == "GET /"));
        assert!(
            matches!(find(&routes, "GET", "/static/clerk.js"), Match::Found(r, p) if r.function == "web-pages" && p["file"] == "clerk.js")
        );
        match find(&routes, "POST", "/api/clerk/applications/abc/confirm") {
            Match::Found(r, params) => {
                assert_eq!((r.function.as_str(), params["id"].as_str()), ("confirm-by-clerk", "abc"))
            }
            Match::None => panic!("no match"),
        }
    }

    #[test]
    fn without_a_default_route_nothing_else_matches() {
        let t = "Resources:\n  X:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/list-slots\n      Events:\n        A:\n          Type: HttpApi\n          Properties:\n            Path: /api/slots\n            Method: GET\n";
        let routes = from_template(t).unwrap();
        assert!(matches!(find(&routes, "GET", "/api/slots"), Match::Found(..)));
        assert!(matches!(find(&routes, "POST", "/api/slots"), Match::None));
    }

    #[test]
    fn a_function_without_handler_is_refused() {
        let t = "Resources:\n  X:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/nope\n      Events:\n        A:\n          Type: HttpApi\n          Properties:\n            Path: /x\n            Method: GET\n";
        assert!(matches!(from_template(t), Err(RouteError::NoHandler { .. })));
    }
}
