//! The items of the table: their keys and how each value is stored (see the table in
//! `mod.rs`).

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{corrupt, malformed, n, s, Item};
use crate::domain::outbox::Shard;
use crate::domain::relying::Client;
use crate::domain::time::polish_date;
use crate::domain::IdleSession;
use crate::domain::{
    Account, AccountStatus, Application, ApplicationId, ApplicationStatus, AuditEntry, ChallengeStatus, ClerkSession,
    ConfirmationPoint, DeviceId, PointId, RateWindow, Slot, SlotId,
};
use crate::ports::{Record, RecordKey, RecordKind, StoreError, UniqueKey};

/// Where every pending message waited before lanes and shards (read by the sweep until
/// it is empty: a message found there moves to its shard at its next attempt; SCALE.md).
pub(super) const LEGACY_PENDING: &str = "OUTBOX#pending";
/// Dead letters stay on the index under their own key, for operators to list.
pub(super) const DEAD: &str = "OUTBOX#dead";
/// Where every slot was listed before the schedule was split by day (read by the listing
/// until no slot keyed so is in the future; SCALE.md).
pub(super) const LEGACY_SLOTS: &str = "SLOTS";

/// The index partition a pending message waits in: its lane and shard.
pub(super) fn pending_pk(shard: Shard) -> String {
    format!("OUTBOX#pending#{}#{}", shard.lane.as_str(), shard.n)
}

/// The index partition of the slots starting on a (UTC) day.
pub(super) fn slots_pk(day: NaiveDate) -> String {
    format!("SLOTS#{day}")
}

pub(super) fn to_item<T: Serialize>(value: &T, pk: String, sk: &str) -> Result<Item, StoreError> {
    let mut item: Item = serde_dynamo::to_item(value).map_err(malformed)?;
    item.insert("PK".into(), s(pk));
    item.insert("SK".into(), s(sk));
    Ok(item)
}

pub(super) fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(item).map_err(corrupt)
}

pub(super) fn slot_sort_key(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(super) fn due_sort_key(t: DateTime<Utc>) -> String {
    format!("{:015}", t.timestamp_millis().max(0))
}

pub(super) fn app_pk(id: &ApplicationId) -> String {
    format!("APP#{id}")
}

pub(super) fn account_pk(id: &ApplicationId) -> String {
    format!("ACCOUNT#{id}")
}

pub(super) fn slot_pk(id: &SlotId) -> String {
    format!("SLOT#{id}")
}

/// The index partition of the office applications whose 14 days end on a Polish day.
pub(super) fn office_pk(day: NaiveDate) -> String {
    format!("OFFICE#{day}")
}

pub(super) fn point_pk(id: &PointId) -> String {
    format!("POINT#{id}")
}

/// Every confirmation point is listed under one index key: a directory of a few thousand
/// points, read by the application form.
pub(super) const POINTS: &str = "POINTS";

pub(super) fn point_item(p: &ConfirmationPoint) -> Result<Item, StoreError> {
    let mut item = to_item(p, point_pk(&p.id), "P")?;
    item.insert("GSI1PK".into(), s(POINTS));
    item.insert("GSI1SK".into(), s(p.id.as_str()));
    Ok(item)
}

pub(super) fn client_pk(client_id: &str) -> String {
    format!("CLIENT#{client_id}")
}

/// Every registered relying service is listed under one index key (a few hundred).
pub(super) const CLIENTS: &str = "CLIENTS";

pub(super) fn client_item(c: &Client) -> Result<Item, StoreError> {
    let mut item = to_item(c, client_pk(&c.client_id), "C")?;
    item.insert("GSI1PK".into(), s(CLIENTS));
    item.insert("GSI1SK".into(), s(&c.client_id));
    Ok(item)
}

/// A registration read back: its keys are the table's, not the registration's (which
/// refuses fields it does not know, as the operator's file does).
pub(super) fn client_from_item(mut item: Item) -> Result<Client, StoreError> {
    for key in ["PK", "SK", "GSI1PK", "GSI1SK"] {
        item.remove(key);
    }
    from_item(item)
}

pub(super) fn rate_pk(key: &str) -> String {
    format!("RATE#{key}")
}

/// The attribute holding a rate window's `i`-th latest event (0: the latest), epoch ms.
pub(super) fn rate_event(i: usize) -> String {
    format!("t{i}")
}

/// A rate window from its item: the events `t0`, `t1`, … (latest first) that exist.
pub(super) fn rate_from_item(item: &Item) -> Result<RateWindow, StoreError> {
    let mut events = Vec::new();
    for i in 0.. {
        let Some(v) = item.get(&rate_event(i)) else { break };
        let ms: i64 = match v {
            AttributeValue::N(n) => n.parse().map_err(corrupt)?,
            _ => return Err(corrupt("a rate event that is not a number")),
        };
        // Shifted in before the window held this many: no event.
        if ms > 0 {
            events.push(DateTime::from_timestamp_millis(ms).ok_or_else(|| corrupt("rate event out of range"))?);
        }
    }
    events.reverse();
    Ok(RateWindow { events })
}

pub(super) fn claim_pk(key: &UniqueKey) -> String {
    format!("UNIQ#{}#{}", key.kind.as_str(), key.hash)
}

/// An application item with its index keys (see the table above).
pub(super) fn app_item(a: &Application) -> Result<Item, StoreError> {
    let mut item = to_item(a, app_pk(&a.id), "A")?;
    let keys = match (a.status, a.verify_by, &a.slot) {
        (ApplicationStatus::AwaitingSmsCode, Some(deadline), _) => {
            Some(("UNVERIFIED".to_owned(), due_sort_key(deadline)))
        }
        (_, _, Some(slot)) => {
            Some((calls_pk(polish_date(slot.start)), format!("{}#{}", slot_sort_key(slot.start), a.id)))
        }
        // At an office: listed on the day its 14 days end, until decided.
        (_, _, None) => a
            .review
            .expires_at
            .map(|deadline| (office_pk(polish_date(deadline)), format!("{}#{}", due_sort_key(deadline), a.id))),
    };
    if let Some((gpk, gsk)) = keys {
        item.insert("GSI1PK".into(), s(gpk));
        item.insert("GSI1SK".into(), s(gsk));
    }
    Ok(item)
}

pub(super) fn slot_item(slot: &Slot) -> Result<Item, StoreError> {
    let mut item = to_item(slot, slot_pk(&slot.id), "S")?;
    item.insert("GSI1PK".into(), s(slots_pk(slot.start.date_naive())));
    item.insert("GSI1SK".into(), s(slot_sort_key(slot.start)));
    Ok(item)
}

/// An account; an active profile is also indexed by the month its validity ends, which
/// is how the sweep finds profiles to close.
pub(super) fn account_item(a: &Account) -> Result<Item, StoreError> {
    let mut item = to_item(a, account_pk(&a.id), "A")?;
    if let (AccountStatus::Active, Some(until)) = (a.status, a.valid_until) {
        item.insert("GSI1PK".into(), s(profiles_ending_pk(until)));
        item.insert("GSI1SK".into(), s(format!("{}#{}", due_sort_key(until), a.id)));
    }
    Ok(item)
}

pub(super) fn profiles_ending_pk(t: DateTime<Utc>) -> String {
    format!("PROFILESENDING#{}", t.format("%Y-%m"))
}

/// How many months back the sweep looks for profiles past their end (older ones, if the
/// sweep was stopped that long, close when their owner signs in or a new application
/// meets their claims).
pub(super) const ENDED_LOOK_BACK_MONTHS: u32 = 2;

pub(super) fn calls_pk(day: NaiveDate) -> String {
    format!("CALLS#{day}")
}

pub(super) fn audit_pk(day: NaiveDate) -> String {
    format!("AUDIT#{day}")
}

pub(super) fn audit_item(e: &AuditEntry) -> Result<Item, StoreError> {
    let sk = time_sort_key(e.at, e.id.as_str());
    let mut item = to_item(e, audit_pk(polish_date(e.at)), &sk)?;
    if let Some(app) = &e.application_id {
        item.insert("GSI1PK".into(), s(format!("AUDITAPP#{app}")));
        item.insert("GSI1SK".into(), s(sk));
    }
    Ok(item)
}

pub(super) fn time_sort_key(t: DateTime<Utc>, id: &str) -> String {
    format!("{}#{id}", t.format("%Y-%m-%dT%H:%M:%S%.3fZ"))
}

/// A citizen's history entry, removed by DynamoDB TTL `HISTORY_YEARS` after it happened.
pub(super) fn history_item(e: &AuditEntry) -> Result<Item, StoreError> {
    let account = e.application_id.as_ref().ok_or_else(|| malformed("a history entry without its account"))?;
    let mut item = to_item(e, format!("HISTORY#{account}"), &time_sort_key(e.at, e.id.as_str()))?;
    let keep = chrono::Duration::days(365 * crate::domain::audit::HISTORY_YEARS + 2);
    item.insert("ttl".into(), n((e.at + keep).timestamp()));
    Ok(item)
}

pub(super) fn record_pk(key: &RecordKey) -> String {
    format!("{}#{}", key.kind.as_str(), key.id)
}

pub(super) fn pushes_pk(device: &DeviceId) -> String {
    format!("PUSHREQ#{device}")
}

/// A sign-in record with its `ttl` (a day after it became useless) and, for a push
/// still waiting, its place in the device's index.
pub(super) fn record_item(r: &Record) -> Result<Item, StoreError> {
    let pk = record_pk(&r.key());
    let mut item = match r {
        Record::Challenge(c) => to_item(c, pk, "R")?,
        Record::Device(d) => to_item(d, pk, "R")?,
        Record::Session(x) => to_item(x, pk, "R")?,
        Record::AuthCode(c) => to_item(c, pk, "R")?,
        Record::AccessToken(t) => to_item(t, pk, "R")?,
        Record::Recovery(r) => to_item(r, pk, "R")?,
        Record::Disavow(d) => to_item(d, pk, "R")?,
        Record::IdpState(x) => to_item(x, pk, "R")?,
        Record::Vouched(v) => to_item(v, pk, "R")?,
        Record::Assertion(a) => to_item(a, pk, "R")?,
    };
    if let Some(t) = r.useless_after() {
        item.insert("ttl".into(), n((t + chrono::Duration::days(1)).timestamp()));
    }
    if let Record::Challenge(c) = r {
        if let (ChallengeStatus::Pending, Some(p)) = (c.status, &c.push) {
            item.insert("GSI1PK".into(), s(pushes_pk(&p.device_id)));
            item.insert("GSI1SK".into(), s(time_sort_key(c.created_at, c.id.as_str())));
        }
    }
    Ok(item)
}

pub(super) fn record_from_item(kind: RecordKind, item: Item) -> Result<Record, StoreError> {
    Ok(match kind {
        RecordKind::Challenge => Record::Challenge(from_item(item)?),
        RecordKind::Device => Record::Device(from_item(item)?),
        RecordKind::Session => Record::Session(from_item(item)?),
        RecordKind::AuthCode => Record::AuthCode(from_item(item)?),
        RecordKind::AccessToken => Record::AccessToken(from_item(item)?),
        RecordKind::Recovery => Record::Recovery(from_item(item)?),
        RecordKind::Disavow => Record::Disavow(from_item(item)?),
        RecordKind::IdpState => Record::IdpState(from_item(item)?),
        RecordKind::Vouched => Record::Vouched(from_item(item)?),
        RecordKind::Assertion => Record::Assertion(from_item(item)?),
    })
}

pub(super) fn session_pk(token_hash: &str) -> String {
    format!("CLERKSESSION#{token_hash}")
}

pub(super) fn clerk_session_item(session: &ClerkSession) -> Result<Item, StoreError> {
    let mut item = to_item(session, session_pk(&session.token_hash), "S")?;
    // DynamoDB TTL removes it a day after it stopped being usable.
    item.insert("ttl".into(), n((session.idle_until() + chrono::Duration::days(1)).timestamp()));
    Ok(item)
}

pub(super) fn clerk_pk(username: &str) -> String {
    format!("CLERK#{username}")
}
