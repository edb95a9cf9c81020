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
    assert!(r.json()["calls"].as_array().unwrap().iter().any(|c| c["application_id"] == id.as_str()), "the day's call is listed");
    // `+` is a space in a query string (never a `-`): a malformed date, refused as one
    let r = clerk.get(&format!("/api/clerk/calls?date={}", day.replace('-', "+"))).await;
    assert_eq!((r.status, r.json()["field"].as_str()), (StatusCode::BAD_REQUEST, Some("date")));
}
