//! `GET /api/slots`: future slots with room, and the offered video apps.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::deps::Wired;
use crate::http::routes::list_slots::SLOTS;
use crate::http::{json, respond, route_key, ApiError};
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
    match route_key(&req) {
        Some(SLOTS) => respond(run(deps).await),
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
