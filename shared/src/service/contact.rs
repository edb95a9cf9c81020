//! Changing the email address and the phone number on `/profil` (docs/rules.md §3.12): a code
//! to the new address or number proves it; a phone change is first approved by the current
//! method. The old address or number is told, with "To nie ja".

use chrono::{DateTime, Utc};

use super::application::unique_key;
use super::signin::{history, start, Started};
use super::{lost_race, Ctx, FlowError, RACE_RETRIES};
use crate::crypto::HashKey;
use crate::domain::account::PendingContact;
use crate::domain::disavow::SecurityEvent;
use crate::domain::{
    Account, AuditAction, ChallengeKind, CodeError, Email, Invalid, OutboxMessage, PhoneNumber, SmsCode,
};
use crate::ports::{Condition, Random, SmsSender, StoreError, Stored, UniqueKind, Write};
use crate::texts;

fn code_hash(keys: &HashKey, account: &Account, value: &str, code: &SmsCode) -> String {
    keys.hash("contact-code", &format!("{}:{value}:{}", account.id, code.reveal()))
}

/// Commits one decision about the account read first (then re-read after a lost race):
/// `decide` gives the writes (the account's own first) and the answer. A wrong code's
/// answer is an error that is still committed; a value another profile holds is 409.
async fn on_account<T>(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    first: &Account,
    mut decide: impl FnMut(&mut Account, DateTime<Utc>) -> Result<(Vec<Write>, Result<T, FlowError>), FlowError>,
) -> Result<T, FlowError> {
    let mut read = Some(first.clone());
    for _ in 0..RACE_RETRIES {
        let now = ctx.clock.now();
        let mut account = match read.take() {
            Some(a) => a,
            None => ctx.store.get_account(&first.id).await?.ok_or(FlowError::SignInRequired)?,
        };
        let (extra, answer) = decide(&mut account, now)?;
        let mut writes = vec![Write::UpdateAccount(account)];
        writes.extend(extra);
        match ctx.store.commit(writes).await {
            Ok(()) => return answer,
            Err(StoreError::Conflict(Condition::Taken(kind))) => return Err(FlowError::Taken(kind)),
            Err(StoreError::Conflict(c)) if c.is_stale_read() => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(lost_race())
}

fn same_value(field: &'static str, message: crate::texts::Text) -> FlowError {
    FlowError::Invalid(vec![Invalid::new("same_value", message).for_field(field)])
}

/// `POST /api/profile/email`: a code to the new address (through the outbox, with the
/// code limits of any code). Nothing changes until it comes back.
pub async fn change_email(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    email: &str,
) -> Result<(), FlowError> {
    let email = Email::parse(email).map_err(|e| FlowError::Invalid(vec![e.for_field("email")]))?;
    if email == account.email {
        return Err(same_value("email", texts::SAME_EMAIL));
    }
    on_account(ctx, account, |a, now| {
        let code = SmsCode::generate(rng);
        a.contact_code.issue(now, code_hash(ctx.keys, a, email.as_str(), &code))?;
        a.pending_contact = Some(PendingContact::Email { email: email.clone() });
        let mail = crate::letter!(a.lang, |t| t.contact_code_email(a, code.reveal()));
        let id = format!("{}.email-code", crate::domain::ids::random_base32(rng, 16).to_lowercase());
        Ok((vec![Write::Enqueue(OutboxMessage::email(id, email.as_str(), mail.subject, mail.body, now))], Ok(())))
    })
    .await
}

/// Checks the code of the pending change; `Ok(None)` when it was right, `Ok(Some(error))`
/// for a wrong one (the guard changed: commit it and answer the error).
fn check_code(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    account: &mut Account,
    value: &str,
    code: &SmsCode,
    now: DateTime<Utc>,
) -> Result<Option<FlowError>, FlowError> {
    let before = account.contact_code.clone();
    let hash = code_hash(ctx.keys, account, value, code);
    match account.contact_code.check(now, &hash) {
        Ok(()) => Ok(None),
        Err(e) if account.contact_code != before => Ok(Some(FlowError::Code(e))),
        Err(e) => Err(FlowError::Code(e)),
    }
}

/// `POST /api/profile/email/confirm`: the code from the new address. The address changes
/// (its uniqueness claim taken, the old one freed), the old address is told with "To nie ja".
pub async fn confirm_email(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    code: &SmsCode,
) -> Result<Email, FlowError> {
    on_account(ctx, account, |a, now| {
        let Some(PendingContact::Email { email }) = a.pending_contact.clone() else {
            return Err(FlowError::Code(CodeError::NoCode));
        };
        if let Some(wrong) = check_code(ctx, a, email.as_str(), code, now)? {
            return Ok((Vec::new(), Err(wrong)));
        }
        let old = std::mem::replace(&mut a.email, email.clone());
        a.pending_contact = None;
        let previous = Some(old.as_str().to_owned());
        let (link, not_me) = super::disavow::link_restoring(ctx, rng, a, SecurityEvent::EmailChanged, previous, now);
        let mail = crate::letter!(a.lang, |t| t.email_changed_email(a, now, &not_me));
        let id = format!("{}.email-changed", crate::domain::ids::random_base32(rng, 16).to_lowercase());
        let writes = vec![
            Write::Reserve {
                key: unique_key(ctx.keys, UniqueKind::Email, email.as_str()),
                owner: a.id.clone(),
                expires_at: None,
                now,
            },
            Write::Release { key: unique_key(ctx.keys, UniqueKind::Email, old.as_str()), owner: a.id.clone() },
            link,
            Write::Enqueue(OutboxMessage::email(id, old.as_str(), mail.subject, mail.body, now)),
            history(rng, now, &a.id, AuditAction::EmailChanged, ""),
        ];
        Ok((writes, Ok(email.clone())))
    })
    .await
}

/// `POST /api/profile/phone`: the new number is kept on the account, then a challenge by
/// the current method (an SMS code to the old number, or the app's approval) authorises
/// the change; once it is confirmed a code goes to the new number (`authorised`).
pub async fn change_phone(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    sms: &dyn SmsSender,
    account: &Account,
    phone: &str,
) -> Result<Started, FlowError> {
    let phone = PhoneNumber::parse(phone).map_err(|e| FlowError::Invalid(vec![e.for_field("phone")]))?;
    if phone == account.phone {
        return Err(same_value("phone", texts::SAME_PHONE));
    }
    let pending = on_account(ctx, account, |a, now| {
        a.pending_contact = Some(PendingContact::Phone { phone: phone.clone(), authorised: false, requested_at: now });
        let mut stored = a.clone();
        stored.version += 1;
        Ok((Vec::new(), Ok(stored)))
    })
    .await?;
    start(ctx, rng, sms, pending, ChallengeKind::PhoneChange, None).await
}

/// The confirmed challenge of a phone change (`signin::carry_out`): the code to the new
/// number, through the outbox. The masked new number.
pub(crate) fn authorised_phone(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &mut Account,
    challenge_started: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(Vec<Write>, String), FlowError> {
    let Some(PendingContact::Phone { phone, requested_at, .. }) = account.pending_contact.clone() else {
        return Err(FlowError::Code(CodeError::NoCode));
    };
    // Another number was asked for after this challenge began: it approves nothing.
    if requested_at > challenge_started {
        return Err(FlowError::WrongState);
    }
    let code = SmsCode::generate(rng);
    account.contact_code.issue(now, code_hash(ctx.keys, account, phone.e164(), &code))?;
    account.pending_contact = Some(PendingContact::Phone { phone: phone.clone(), authorised: true, requested_at });
    let id = format!("{}.phone-code", crate::domain::ids::random_base32(rng, 16).to_lowercase());
    let message =
        OutboxMessage::sms(id, phone.e164(), crate::letter!(account.lang, |t| t.contact_code_sms(code.reveal())), now);
    Ok((vec![Write::Enqueue(message)], phone.masked()))
}

/// `POST /api/profile/phone/confirm`: the code from the new number, after the current
/// method approved. The number changes; the old number (SMS) and the email are told.
pub async fn confirm_phone(
    ctx: &Ctx<'_, impl Stored + ?Sized>,
    rng: &dyn Random,
    account: &Account,
    code: &SmsCode,
) -> Result<(), FlowError> {
    on_account(ctx, account, |a, now| {
        let Some(PendingContact::Phone { phone, authorised: true, .. }) = a.pending_contact.clone() else {
            return Err(FlowError::Code(CodeError::NoCode));
        };
        if let Some(wrong) = check_code(ctx, a, phone.e164(), code, now)? {
            return Ok((Vec::new(), Err(wrong)));
        }
        let old = std::mem::replace(&mut a.phone, phone);
        a.pending_contact = None;
        let previous = Some(old.e164().to_owned());
        let (link, not_me) = super::disavow::link_restoring(ctx, rng, a, SecurityEvent::PhoneChanged, previous, now);
        let mail = crate::letter!(a.lang, |t| t.phone_changed_email(a, now, &not_me));
        let id = crate::domain::ids::random_base32(rng, 16).to_lowercase();
        let writes = vec![
            link,
            Write::Enqueue(OutboxMessage::email(
                format!("{id}.phone-changed"),
                a.email.as_str(),
                mail.subject,
                mail.body,
                now,
            )),
            Write::Enqueue(OutboxMessage::sms(
                format!("{id}.phone-changed"),
                old.e164(),
                crate::letter!(a.lang, |t| t.phone_changed_sms(now)),
                now,
            )),
            history(rng, now, &a.id, AuditAction::PhoneChanged, ""),
        ];
        Ok((writes, Ok(())))
    })
    .await
}
