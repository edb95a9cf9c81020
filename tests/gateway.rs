//! The local gateway hands the handlers what API Gateway (HTTP API, payload 2.0) hands
//! the Lambdas: decoded query values, the request context; it routes by method and path
//! as API Gateway does, what no route takes going to the `$default` route (web-pages),
//! HEAD included; and the application status answers its signed-in owner.

use chrono::{DateTime, Utc};
use e2e::*;
use hyper::StatusCode;

/// The Polish date of a slot start (the clerk's day), as the API wants it.
fn polish_day(start: &str) -> String {
    let t: DateTime<Utc> = start.parse().unwrap();
    shared::domain::time::polish_date(t).to_string()
}

#[tokio::test]
async fn a_percent_encoded_query_value_is_decoded_as_api_gateway_decodes_it() {
    let gw = spawn_gateway().await;
    let (citizen, id) = submitted_application(&gw, 61).await;
    let status = citizen.get(&format!("/api/applications/{id}")).await.json();
    let day = polish_day(status["slot"]["start"].as_str().unwrap());
    let clerk = clerk_browser(&gw).await;
    let r = clerk.get(&format!("/api/clerk/calls?date={}", day.replace('-', "%2D"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(
        r.json()["calls"].as_array().unwrap().iter().any(|c| c["application_id"] == id.as_str()),
        "the day's call is listed"
    );
    // `+` is a space in a query string (never a `-`): a malformed date, refused as one
    let r = clerk.get(&format!("/api/clerk/calls?date={}", day.replace('-', "+"))).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("date")));
}

/// The owner signs in on another computer (no `pz_app` there) and still sees the
/// application their profile came from; nobody else's.
#[tokio::test]
async fn the_signed_in_owner_sees_their_application_and_no_one_elses() {
    let gw = spawn_gateway().await;
    let (applying_browser, id) = submitted_application(&gw, 62).await;
    let (_, other_id) = submitted_application(&gw, 63).await;
    let clerk = clerk_browser(&gw).await;
    let checks = serde_json::json!({"data_confirmed": true, "rules_presented": true, "id_document_checked": true});
    let r = clerk.post(&format!("/api/clerk/applications/{id}/confirm"), &checks).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let owner = signed_in(&gw, 62, "Obywatel_62").await;
    assert!(owner.cookie("pz_app").is_none(), "a browser that never applied");
    let r = owner.get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let seen = r.json();
    assert_eq!(seen["status"], "confirmed");
    assert!(seen["valid_until"].is_string());
    assert_eq!(
        seen,
        applying_browser.get(&format!("/api/applications/{id}")).await.json(),
        "the same as the browser that applied sees"
    );

    let r = owner.get(&format!("/api/applications/{other_id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "someone else's application: {}", r.text);
    // the browser that applied for 62 has a pz_app for 62 only; signed in as 62 it still cannot see 63
    let r = applying_browser.get(&format!("/api/applications/{other_id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = Browser::new(gw.url()).get(&format!("/api/applications/{id}")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "no cookie at all");
}

/// An HTTP API routes by method: HEAD takes no GET route and reaches `$default`
/// (web-pages), which answers it like GET without the body on its own pages and with 405
/// and `Allow` on every other function's GET route.
#[tokio::test]
async fn head_is_answered_on_pages_and_refused_with_allow_elsewhere() {
    let gw = spawn_gateway().await;
    let (b, id) = submitted_application(&gw, 64).await;
    let routes = pz_local::routes::from_template(pz_local::routes::TEMPLATE).unwrap();
    let gets: Vec<_> = routes.iter().filter(|r| r.method == "GET").collect();
    assert!(gets.len() >= 20);
    let mut pages = 0;
    for r in gets {
        let path = r.path.replace("{id}", &id).replace("{file}", "app.js").replace('{', "x").replace('}', "");
        let get = b.send(hyper::Method::GET, &path, None, vec![]).await;
        let head = b.send(hyper::Method::HEAD, &path, None, vec![]).await;
        assert!(head.text.is_empty(), "HEAD {path} has no body");
        if r.function != shared::http::routes::DEFAULT_FUNCTION {
            assert_eq!(head.status, StatusCode::METHOD_NOT_ALLOWED, "HEAD {path}");
            let allow = head.headers["allow"].to_str().unwrap();
            assert!(allow.starts_with("GET") && !allow.contains("HEAD"), "HEAD {path}: {allow}");
            continue;
        }
        pages += 1;
        assert_eq!(head.status, get.status, "HEAD {path}: {}", get.text);
        assert_eq!(head.headers.get("content-type"), get.headers.get("content-type"), "HEAD {path}");
        let len =
            head.headers.get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
        assert_eq!(len, Some(get.text.len()), "HEAD {path}: the GET's length, banner included");
    }
    assert_eq!(pages, 16, "every page, static file and the favicon");
    let r = b.send(hyper::Method::HEAD, "/api/login", None, vec![]).await;
    assert_eq!((r.status, r.headers["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "POST"));
    let r = b.send(hyper::Method::HEAD, "/nie-ma-takiej", None, vec![]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Deployed, API Gateway hands every request no route takes to the `$default` route;
/// locally the gateway does the same, and answers nothing itself (but `/dev/outbox`).
#[tokio::test]
async fn an_unknown_path_reaches_the_default_route_like_api_gateway() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let r = b.get("/api/nothing-here").await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert!(r.headers.contains_key("x-request-id"), "an API answer, with the request id");
    let r = b.get("/nic/tutaj").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(
        r.text.contains("Nie znaleziono strony") && r.text.contains("Tryb lokalny"),
        "the 404 page, with the banner"
    );
    for (method, path, allow) in [
        (hyper::Method::DELETE, "/api/slots", "GET"),
        (hyper::Method::GET, "/api/login", "POST"),
        (hyper::Method::PUT, "/oauth2/userinfo", "GET, POST"),
        (hyper::Method::POST, "/wniosek", "GET, HEAD"),
        (hyper::Method::OPTIONS, "/static/app.js", "GET, HEAD"),
    ] {
        let r = b.send(method.clone(), path, None, vec![]).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        assert_eq!(r.json()["error"], "method_not_allowed", "{method} {path}");
        assert_eq!(r.headers["allow"], allow, "{method} {path}");
    }
    assert_eq!(b.get("/dev/outbox").await.status, StatusCode::OK, "the gateway's own page");
}

/// Every route of the template reaches its own branch of its function's handler, never
/// the answer to a route key the function does not serve (405, or the route-less 404).
#[tokio::test]
async fn every_route_of_the_template_reaches_its_handler_by_its_route_key() {
    let gw = spawn_gateway().await;
    let b = Browser::new(gw.url());
    let routes = pz_local::routes::from_template(pz_local::routes::TEMPLATE).unwrap();
    for r in routes.iter().filter(|r| !r.is_default()) {
        let path = r.path.replace("{file}", "app.js").replace('{', "x").replace('}', "");
        let method = hyper::Method::from_bytes(r.method.as_bytes()).unwrap();
        let resp = b.send(method, &path, Some("application/json"), b"{}".to_vec()).await;
        let key = r.key();
        assert_ne!(resp.status, StatusCode::METHOD_NOT_ALLOWED, "{key}: {}", resp.text);
        assert!(
            !resp.text.contains(shared::texts::ROUTE_NOT_FOUND.in_(shared::texts::Lang::Pl).as_ref()),
            "{key}: {}",
            resp.text
        );
        assert!(!resp.text.contains("Nie znaleziono strony"), "{key}: the 404 page");
    }
}
