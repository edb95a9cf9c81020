//! How an application is to be confirmed, in the shape every view of it shares.

use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Serialize)]
pub struct SlotOut {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl From<&crate::domain::SlotRef> for SlotOut {
    fn from(s: &crate::domain::SlotRef) -> Self {
        Self { start: s.start, end: s.end }
    }
}

/// How an application is to be confirmed, as the citizen's and the clerk's views show it:
/// `"video"` with the slot and app, or `"office"` with the point chosen.
#[derive(Serialize)]
pub struct WayOut<'a> {
    pub confirmation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<SlotOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_app: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<PointOut<'a>>,
}

#[derive(Serialize)]
pub struct PointOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub address: &'a str,
    pub hours: &'a str,
}

impl<'a> From<&'a crate::domain::ConfirmationPoint> for PointOut<'a> {
    fn from(p: &'a crate::domain::ConfirmationPoint) -> Self {
        Self { id: p.id.as_str(), name: &p.name, address: &p.address, hours: &p.hours }
    }
}

impl<'a> From<&'a crate::domain::Application> for WayOut<'a> {
    fn from(a: &'a crate::domain::Application) -> Self {
        Self {
            confirmation: if a.office.is_some() { "office" } else { "video" },
            slot: a.slot.as_ref().map(SlotOut::from),
            video_app: a.video_app.as_ref().map(|v| v.as_str()),
            office: a.office.as_ref().map(PointOut::from),
        }
    }
}
