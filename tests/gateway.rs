//! The local gateway hands the handlers what API Gateway (HTTP API, payload 2.0) hands
//! the Lambdas: decoded query values, the request context, HEAD on GET routes; and the
//! application status answers its signed-in owner.

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

/// HEAD on every GET route of the template answers as GET does (status, type, length)
/// with no body; on a POST route it is still refused.
#[tokio::test]
async fn head_on_every_get_route_answers_like_get_without_a_body() {
    let gw = spawn_gateway().await;
    let (b, id) = submitted_application(&gw, 64).await;
    let routes = pz_local::routes::from_template(pz_local::routes::TEMPLATE).unwrap();
    let gets: Vec<_> = routes.iter().filter(|r| r.method == "GET").collect();
    assert!(gets.len() >= 20);
    for r in gets {
        let path = r.path.replace("{id}", &id).replace("{file}", "app.js").replace('{', "x").replace('}', "");
        let get = b.send(hyper::Method::GET, &path, None, vec![]).await;
        let head = b.send(hyper::Method::HEAD, &path, None, vec![]).await;
        assert_eq!(head.status, get.status, "HEAD {path}: {}", get.text);
        assert!(head.text.is_empty(), "HEAD {path} has no body");
        assert_eq!(head.headers.get("content-type"), get.headers.get("content-type"), "HEAD {path}");
        let len =
            head.headers.get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
        assert_eq!(len, Some(get.text.len()), "HEAD {path}: the GET's length");
    }
    let r = b.send(hyper::Method::HEAD, "/api/login", None, vec![]).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "HEAD is GET's, not POST's");
    let r = b.send(hyper::Method::DELETE, "/api/slots", None, vec![]).await;
    assert_eq!(r.headers["allow"], "GET, HEAD");
}
