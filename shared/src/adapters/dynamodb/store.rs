//! The reads of the state and its queries: the application, account, claim, slot,
//! clerk and sign-in records; the schedule, the sweeps and the audit trail.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, NaiveDate, Utc};

use super::items::*;
use super::{classify, conditional, corrupt, s, DynamoStore, Item};
use crate::domain::relying::Client;
use crate::domain::{
    Account, Application, ApplicationId, ApplicationStatus, AuditEntry, Challenge, Clerk, ClerkSession,
    ConfirmationPoint, DeviceId, PointId, RateWindow, Slot, SlotId, Username,
};
use crate::ports::{
    AuditLog, Condition, Found, ItemKey, Record, RecordKey, Registry, Schedule, Store, StoreError, Sweeps, UniqueKey,
    Write,
};

/// The key of an item `get_many` reads.
fn item_key(key: &ItemKey) -> (String, &'static str) {
    match key {
        ItemKey::Application(id) => (app_pk(id), "A"),
        ItemKey::Account(id) => (account_pk(id), "A"),
        ItemKey::Slot(id) => (slot_pk(id), "S"),
        ItemKey::Point(id) => (point_pk(id), "P"),
        ItemKey::Claim(key) => (claim_pk(key), "U"),
        ItemKey::Client(id) => (client_pk(id), "C"),
        ItemKey::Record(key) => (record_pk(key), "R"),
    }
}

/// An item read by `get_many`, as what its key says it is.
fn found(key: &ItemKey, item: Item) -> Result<Found, StoreError> {
    Ok(match key {
        ItemKey::Application(_) => Found::Application(from_item(item)?),
        ItemKey::Account(_) => Found::Account(from_item(item)?),
        ItemKey::Slot(_) => Found::Slot(from_item(item)?),
        ItemKey::Point(_) => Found::Point(from_item(item)?),
        ItemKey::Claim(_) => Found::ClaimOwner(claim_owner(&item)?),
        ItemKey::Client(_) => Found::Client(client_from_item(item)?),
        ItemKey::Record(key) => Found::Record(record_from_item(key.kind, item)?),
    })
}

fn claim_owner(item: &Item) -> Result<ApplicationId, StoreError> {
    match item.get("owner") {
        Some(AttributeValue::S(owner)) => ApplicationId::parse(owner).map_err(|_| corrupt("bad claim owner")),
        _ => Err(corrupt("a claim without its owner")),
    }
}

#[async_trait::async_trait]
impl Store for DynamoStore {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.transact(writes).await
    }

    async fn get_application(&self, id: &ApplicationId) -> Result<Option<Application>, StoreError> {
        self.get(app_pk(id), "A").await?.map(from_item).transpose()
    }

    async fn get_account(&self, id: &ApplicationId) -> Result<Option<Account>, StoreError> {
        self.get(account_pk(id), "A").await?.map(from_item).transpose()
    }

    async fn get_rate(&self, key: &str) -> Result<RateWindow, StoreError> {
        let Some(item) = self.get(rate_pk(key), "R").await? else { return Ok(RateWindow::default()) };
        rate_from_item(&item)
    }

    async fn get_slot(&self, id: &SlotId) -> Result<Option<Slot>, StoreError> {
        self.get(slot_pk(id), "S").await?.map(from_item).transpose()
    }

    async fn get_clerk(&self, username: &Username) -> Result<Option<Clerk>, StoreError> {
        self.get(clerk_pk(username.as_str()), "C").await?.map(from_item).transpose()
    }

    async fn get_clerk_session(&self, token_hash: &str) -> Result<Option<ClerkSession>, StoreError> {
        self.get(session_pk(token_hash), "S").await?.map(from_item).transpose()
    }

    async fn claim_owner(&self, key: &UniqueKey) -> Result<Option<ApplicationId>, StoreError> {
        self.get(claim_pk(key), "U").await?.map(|item| claim_owner(&item)).transpose()
    }

    async fn get_record(&self, key: &RecordKey) -> Result<Option<Record>, StoreError> {
        self.get(record_pk(key), "R").await?.map(|item| record_from_item(key.kind, item)).transpose()
    }

    async fn get_many(&self, keys: &[ItemKey]) -> Result<Vec<Option<Found>>, StoreError> {
        let wanted: Vec<(String, &'static str)> = keys.iter().map(item_key).collect();
        let items = self.batch_get(&wanted).await?;
        keys.iter()
            .zip(&wanted)
            .map(|(key, k)| items.get(k).cloned().map(|item| found(key, item)).transpose())
            .collect()
    }

    async fn pending_pushes(&self, device: &DeviceId, now: DateTime<Utc>) -> Result<Vec<Challenge>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(pushes_pk(device)))]).await?;
        let challenges: Vec<Challenge> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(challenges.into_iter().filter(|c| c.awaits_app(now)).collect())
    }
}

#[async_trait::async_trait]
impl Schedule for DynamoStore {
    async fn create_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let item = slot_item(slot)?;
        let r = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await;
        match conditional(r)? {
            Some(_) => Ok(()),
            None => Err(StoreError::Conflict(Condition::SlotExists)),
        }
    }

    async fn list_slots(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Vec<Slot>, StoreError> {
        let range = |pk: String| {
            let values = vec![(":pk", s(pk)), (":from", s(slot_sort_key(from))), (":until", s(slot_sort_key(until)))];
            self.index_query("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :until", values)
        };
        // One partition per day, read at once; and the partition of the old layout until
        // no slot keyed that way is still ahead.
        let days = from.date_naive().iter_days().take_while(|d| *d <= until.date_naive());
        let mut queries: Vec<_> = days.map(|day| range(slots_pk(day))).collect();
        queries.push(range(LEGACY_SLOTS.to_owned()));
        let items: Vec<Item> = self.query_each(queries, true).await?.into_iter().flatten().collect();
        let mut slots = items.into_iter().map(from_item::<Slot>).collect::<Result<Vec<_>, _>>()?;
        slots.retain(|s| s.start > from && s.start <= until);
        slots.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        Ok(slots)
    }

    async fn calls_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(calls_pk(day)))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn list_points(&self) -> Result<Vec<ConfirmationPoint>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(POINTS))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn put_point(&self, point: &ConfirmationPoint) -> Result<(), StoreError> {
        let item = point_item(point)?;
        self.client.put_item().table_name(&self.table).set_item(Some(item)).send().await.map_err(classify)?;
        Ok(())
    }

    async fn remove_point(&self, id: &PointId) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key("PK", s(point_pk(id)))
            .key("SK", s("P"))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await
            .map_err(classify)?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }
}

#[async_trait::async_trait]
impl Registry for DynamoStore {
    async fn list_clients(&self) -> Result<Vec<Client>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(CLIENTS))]).await?;
        items.into_iter().map(client_from_item).collect()
    }

    async fn put_client(&self, client: &Client) -> Result<(), StoreError> {
        let item = client_item(client)?;
        self.client.put_item().table_name(&self.table).set_item(Some(item)).send().await.map_err(classify)?;
        Ok(())
    }

    async fn remove_client(&self, client_id: &str) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key("PK", s(client_pk(client_id)))
            .key("SK", s("C"))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
            .send()
            .await
            .map_err(classify)?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }
}

#[async_trait::async_trait]
impl Sweeps for DynamoStore {
    async fn office_due_on(&self, day: NaiveDate) -> Result<Vec<Application>, StoreError> {
        let items = self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(office_pk(day)))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn unverified_before(&self, now: DateTime<Utc>) -> Result<Vec<Application>, StoreError> {
        let values = vec![(":pk", s("UNVERIFIED")), (":now", s(due_sort_key(now)))];
        let items = self.query(Some("GSI1"), "GSI1PK = :pk AND GSI1SK < :now", values).await?;
        let apps: Vec<Application> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(apps.into_iter().filter(|a| a.status == ApplicationStatus::AwaitingSmsCode).collect())
    }

    async fn profiles_ended_before(&self, now: DateTime<Utc>) -> Result<Vec<Account>, StoreError> {
        let mut ended = Vec::new();
        for back in (0..=ENDED_LOOK_BACK_MONTHS).rev() {
            let Some(month) = now.checked_sub_months(chrono::Months::new(back)) else { continue };
            let values = vec![(":pk", s(profiles_ending_pk(month))), (":now", s(due_sort_key(now)))];
            for item in self.query(Some("GSI1"), "GSI1PK = :pk AND GSI1SK <= :now", values).await? {
                let account: Account = from_item(item)?;
                if account.is_due_to_expire(now) {
                    ended.push(account);
                }
            }
        }
        Ok(ended)
    }

    async fn profiles_ending_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Account>, StoreError> {
        let mut ending = Vec::new();
        let mut month = from;
        // One partition per month the window touches (a window of days: one or two).
        while profiles_ending_pk(month) <= profiles_ending_pk(until) {
            let values = vec![
                (":pk", s(profiles_ending_pk(month))),
                (":from", s(format!("{}$", due_sort_key(from)))),
                (":until", s(format!("{}$", due_sort_key(until)))),
            ];
            for item in self.query(Some("GSI1"), "GSI1PK = :pk AND GSI1SK BETWEEN :from AND :until", values).await? {
                let account: Account = from_item(item)?;
                if account.status == crate::domain::AccountStatus::Active {
                    ending.push(account);
                }
            }
            let Some(next) = month.checked_add_months(chrono::Months::new(1)) else { break };
            month = next;
        }
        Ok(ending)
    }
}

#[async_trait::async_trait]
impl AuditLog for DynamoStore {
    async fn audit_on(&self, day: NaiveDate) -> Result<Vec<AuditEntry>, StoreError> {
        let items = self.query(None, "PK = :pk", vec![(":pk", s(audit_pk(day)))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn audit_of(&self, application: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let items =
            self.query(Some("GSI1"), "GSI1PK = :pk", vec![(":pk", s(format!("AUDITAPP#{application}")))]).await?;
        items.into_iter().map(from_item).collect()
    }

    async fn history_of(&self, account: &ApplicationId) -> Result<Vec<AuditEntry>, StoreError> {
        let items = self.query(None, "PK = :pk", vec![(":pk", s(format!("HISTORY#{account}")))]).await?;
        items.into_iter().map(from_item).collect()
    }
}
