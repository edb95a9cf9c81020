//! Which answer each failure of a flow or of the store becomes: the one mapping from the
//! service's errors to status, machine code and Polish text.

use lambda_http::http::StatusCode;

use super::error::ApiError;
use crate::domain::account::SignInRefusal;
use crate::domain::application::Refusal;
use crate::domain::CodeError;
use crate::ports::{StoreError, UniqueKind};
use crate::service::FlowError;
use crate::texts::{self, Text};

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        let source = std::error::Error::source(&e).map(ToString::to_string);
        match &e {
            StoreError::Unavailable(_) => {
                tracing::error!(error = %e, ?source, "store unavailable");
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", texts::UNAVAILABLE)
            }
            // Nothing was written and the same request may succeed in a moment.
            StoreError::Throttled(_) => {
                tracing::warn!(error = %e, ?source, "store throttled");
                Self::busy()
            }
            StoreError::Conflict(c) if c.is_stale_read() => {
                tracing::warn!(condition = ?c, "a race lost outside a retry loop");
                Self::busy()
            }
            StoreError::Conflict(c) => {
                tracing::error!(condition = ?c, "a write's condition failed where no step expects it");
                Self::internal()
            }
            StoreError::TableMissing(_) => {
                tracing::error!(error = %e, ?source, "the table is missing: check the deployment");
                Self::internal()
            }
            StoreError::Corrupt(_) | StoreError::Malformed(_) => {
                tracing::error!(error = %e, ?source, "store failure");
                Self::internal()
            }
        }
    }
}

impl From<FlowError> for ApiError {
    fn from(e: FlowError) -> Self {
        use StatusCode as S;
        match e {
            FlowError::Invalid(fields) => Self::invalid_fields(fields),
            FlowError::SlotUnknown => Self::bad_request("slot_unknown", texts::field::SLOT_UNKNOWN).on_field("slot_id"),
            FlowError::SlotPast => Self::bad_request("slot_past", texts::field::SLOT_PAST).on_field("slot_id"),
            FlowError::SlotTooFar => {
                Self::bad_request("slot_too_far", texts::field::SLOT_BEYOND_BOOKING).on_field("slot_id")
            }
            FlowError::SlotFull => Self::new(S::CONFLICT, "slot_full", texts::SLOT_FULL).on_field("slot_id"),
            FlowError::Taken(kind) => taken(kind),
            FlowError::NotFound => Self::not_found(),
            FlowError::NotAuthorised => Self::new(S::UNAUTHORIZED, "not_authorised", texts::NOT_AUTHORISED),
            FlowError::AlreadySubmitted => Self::new(S::CONFLICT, "already_submitted", texts::ALREADY_SUBMITTED),
            FlowError::Expired => Self::new(S::CONFLICT, "application_expired", texts::APPLICATION_EXPIRED),
            FlowError::WrongState => Self::new(S::CONFLICT, "wrong_state", texts::WRONG_STATE),
            FlowError::Code(c) => code_error(c),
            FlowError::SmsUnavailable => Self::new(S::SERVICE_UNAVAILABLE, "sms_unavailable", texts::SMS_UNAVAILABLE),
            FlowError::Refused(r) => refusal(r),
            FlowError::BadCredentials => Self::new(S::UNAUTHORIZED, "bad_credentials", texts::BAD_CREDENTIALS),
            FlowError::ClerkBadCredentials => {
                Self::new(S::UNAUTHORIZED, "bad_credentials", texts::CLERK_BAD_CREDENTIALS)
            }
            FlowError::Locked { retry_after } => Self::too_many("account_locked", texts::LOGIN_LOCKED, retry_after),
            FlowError::SourceLimit { retry_after } => {
                Self::too_many("too_many_requests", texts::SOURCE_LIMIT, retry_after)
            }
            FlowError::ClerkRequired => Self::new(S::UNAUTHORIZED, "clerk_login_required", texts::CLERK_REQUIRED),
            FlowError::NotAClerk => Self::new(S::FORBIDDEN, "not_a_clerk", texts::NOT_A_CLERK),
            FlowError::SlotOverlap => Self::new(S::CONFLICT, "slot_overlap", texts::SLOT_OVERLAP).on_field("start"),
            FlowError::ProfileUnusable(r) => profile_unusable(r),
            FlowError::SignInRequired => Self::new(S::UNAUTHORIZED, "login_required", texts::LOGIN_REQUIRED),
            FlowError::ChallengeExpired => Self::new(S::CONFLICT, "challenge_expired", texts::CHALLENGE_EXPIRED),
            FlowError::ChallengeAnswered => Self::new(S::CONFLICT, "already_answered", texts::CHALLENGE_ANSWERED),
            FlowError::NoDevice => Self::new(S::CONFLICT, "no_device", texts::NO_DEVICE).on_field("method"),
            FlowError::PushLimit { retry_after } => Self::too_many("too_many_pushes", texts::PUSH_LIMIT, retry_after),
            FlowError::PushUnavailable => {
                Self::new(S::SERVICE_UNAVAILABLE, "push_unavailable", texts::PUSH_UNAVAILABLE)
            }
            FlowError::DeviceRequired => Self::new(S::UNAUTHORIZED, "device_required", texts::DEVICE_REQUIRED),
            FlowError::IdempotencyKeyReused => idempotency_key_reused(),
            FlowError::WrongMethod => Self::new(S::CONFLICT, "wrong_method", texts::WRONG_METHOD),
            FlowError::RecoveryLinkDead => Self::new(S::GONE, "recovery_link_invalid", texts::RECOVERY_LINK_DEAD),
            FlowError::DisavowLinkDead => Self::new(S::GONE, "disavow_link_invalid", texts::DISAVOW_LINK_DEAD),
            FlowError::Busy => Self::busy(),
            FlowError::Signing => {
                tracing::error!("the OIDC signing key could not sign a token");
                Self::internal()
            }
            FlowError::Task(e) => {
                tracing::error!(error = %e, "background task failed");
                Self::internal()
            }
            FlowError::Store(s) => s.into(),
        }
    }
}

/// 409 on the field whose value another application or profile already holds.
fn taken(kind: UniqueKind) -> ApiError {
    let (code, message, field) = match kind {
        UniqueKind::Pesel => ("pesel_taken", texts::PESEL_TAKEN, "pesel"),
        UniqueKind::Username => ("username_taken", texts::USERNAME_TAKEN, "username"),
        UniqueKind::Phone => ("phone_taken", texts::PHONE_TAKEN, "phone"),
        UniqueKind::Email => ("email_taken", texts::EMAIL_TAKEN, "email"),
        UniqueKind::Idempotency => return idempotency_key_reused(),
    };
    ApiError::new(StatusCode::CONFLICT, code, message).on_field(field)
}

/// 422: the same `Idempotency-Key` came with another request body.
fn idempotency_key_reused() -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused", texts::IDEMPOTENCY_KEY_REUSED)
}

fn profile_unusable(r: SignInRefusal) -> ApiError {
    let (code, msg) = match r {
        SignInRefusal::ProfileExpired => ("profile_expired", texts::PROFILE_EXPIRED),
        SignInRefusal::NotConfirmed => ("profile_not_confirmed", texts::PROFILE_NOT_CONFIRMED),
        SignInRefusal::Closed => ("profile_closed", texts::PROFILE_CLOSED),
        SignInRefusal::PasswordBlocked => ("password_blocked", texts::PASSWORD_BLOCKED),
    };
    ApiError::new(StatusCode::FORBIDDEN, code, msg)
}

fn refusal(r: Refusal) -> ApiError {
    let conflict = |code, msg| ApiError::new(StatusCode::CONFLICT, code, msg);
    match r {
        Refusal::NotSubmitted => conflict("not_submitted", texts::NOT_SUBMITTED),
        Refusal::AlreadyDecided => conflict("already_decided", texts::ALREADY_DECIDED),
        Refusal::Expired => conflict("application_expired", texts::APPLICATION_EXPIRED_NO_SHOW),
        Refusal::SlotNotPassed => conflict("slot_not_passed", texts::SLOT_NOT_PASSED),
        Refusal::RebookUsed => conflict("rebook_used", texts::REBOOK_USED),
        Refusal::NoCall => conflict("no_call", texts::NO_CALL),
    }
}

fn code_error(e: CodeError) -> ApiError {
    let bad = |code, msg: Text| ApiError::bad_request(code, msg).on_field("code");
    match e {
        CodeError::TooManySends { retry_after } => {
            ApiError::too_many("too_many_codes", texts::TOO_MANY_SENDS, retry_after)
        }
        CodeError::Blocked { retry_after } => ApiError::too_many("code_blocked", texts::BLOCKED, retry_after),
        CodeError::NoCode => bad("no_code", texts::CODE_NONE),
        CodeError::Expired => bad("code_expired", texts::CODE_EXPIRED),
        CodeError::Dead => bad("code_dead", texts::CODE_DEAD),
        CodeError::Used => bad("code_used", texts::CODE_USED),
        CodeError::Wrong { tries_left } => bad("wrong_code", Text::made(move |t| t.wrong_code(tries_left))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::Lang;
    use lambda_http::http::header;
    use lambda_http::Body;

    #[test]
    fn a_lost_race_is_503_busy_with_retry_after_not_a_500() {
        let resp = ApiError::from(FlowError::Busy).into_response(Lang::Uk);
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(resp.headers()[header::RETRY_AFTER], "1");
        let Body::Text(text) = resp.body() else { panic!("a JSON body") };
        let body: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            (body["error"].as_str(), body["message"].as_str()),
            (Some("busy"), Some(texts::BUSY.in_(Lang::Uk).as_ref()))
        );
    }

    #[test]
    fn a_taken_value_is_a_conflict_on_its_field_and_a_reused_key_is_422() {
        for (kind, code, field) in [
            (UniqueKind::Pesel, "pesel_taken", "pesel"),
            (UniqueKind::Username, "username_taken", "username"),
            (UniqueKind::Phone, "phone_taken", "phone"),
            (UniqueKind::Email, "email_taken", "email"),
        ] {
            let e = ApiError::from(FlowError::Taken(kind));
            assert_eq!((e.status, e.code, e.field.as_deref()), (StatusCode::CONFLICT, code, Some(field)));
        }
        for e in [FlowError::Taken(UniqueKind::Idempotency), FlowError::IdempotencyKeyReused] {
            let e = ApiError::from(e);
            assert_eq!((e.status, e.code, e.field), (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused", None));
        }
    }
}
