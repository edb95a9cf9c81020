//! The expire-applications function (a schedule, not HTTP): notices missed calls, emails
//! the re-booking link, expires what waited too long.

use crate::deps::Wired;
use crate::ports::StoreError;
use crate::service::noshow::{sweep, SweepReport};

pub async fn handle(deps: &impl Wired) -> Result<SweepReport, StoreError> {
    let report = sweep(&deps.ctx(), &*deps.random, &deps.config.public_url).await?;
    tracing::info!(?report, "sweep done");
    Ok(report)
}
