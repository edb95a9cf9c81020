//! `GET /api/slots`: future slots with room, and the offered video apps;
//! `GET /api/confirmation-points`: where a citizen may confirm their identity in person.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::deps::Wired;
use crate::handlers::way::PointOut;
use crate::http::routes::list_slots::{POINTS, SLOTS};
use crate::http::{json, request_lang, respond, route_key, ApiError};
use crate::ports::Schedule;
use crate::service::slots::free_slots;

#[derive(Serialize)]
struct SlotOut {
    id: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    free: u32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    demo: bool,
}

#[derive(Serialize)]
struct SlotsOut<'a> {
    slots: Vec<SlotOut>,
    video_apps: &'a [String],
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(SLOTS) => respond(lang, run(deps).await),
        Some(POINTS) => respond(lang, points(deps).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired) -> Result<Response<Body>, ApiError> {
    let slots = free_slots(deps.store(), deps.clock.now()).await?;
    let slots = slots
        .into_iter()
        .map(|s| SlotOut { free: s.free(), id: s.id.as_str().to_owned(), start: s.start, end: s.end, demo: s.demo })
        .collect();
    Ok(json(StatusCode::OK, &SlotsOut { slots, video_apps: &deps.config.video_apps }))
}

#[derive(Serialize)]
struct PointsOut<'a> {
    points: Vec<PointOut<'a>>,
}

/// The points in Polish alphabetical order; browsers and CloudFront may keep the list a
/// minute (the operator's change shows within it).
async fn points(deps: &impl Wired) -> Result<Response<Body>, ApiError> {
    let mut points = deps.store().list_points().await?;
    points.sort_by_cached_key(|p| (crate::domain::office::polish_order(&p.name), p.id.clone()));
    let mut resp = json(StatusCode::OK, &PointsOut { points: points.iter().map(PointOut::from).collect() });
    resp.headers_mut().insert(
        lambda_http::http::header::CACHE_CONTROL,
        lambda_http::http::HeaderValue::from_static("public, max-age=60"),
    );
    Ok(resp)
}
