//! The steps of each flow: domain rules plus the ports they need, no HTTP.

pub mod application;
pub mod delivery;
pub mod slots;

use crate::domain::{CodeError, FieldError};
use crate::ports::{StoreError, UniqueKind};

/// What can go wrong in a flow step; `http::ApiError` maps each to an answer.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("unknown slot")]
    SlotUnknown,
    #[error("slot in the past")]
    SlotPast,
    #[error("slot full")]
    SlotFull,
    #[error("{} already taken", .0.as_str())]
    Taken(UniqueKind),
    #[error("not found")]
    NotFound,
    #[error("not authorised")]
    NotAuthorised,
    #[error("already submitted")]
    AlreadySubmitted,
    #[error("application expired")]
    Expired,
    #[error("not allowed in this state")]
    WrongState,
    #[error("code refused: {0}")]
    Code(#[from] CodeError),
    #[error("SMS not sent")]
    SmsUnavailable,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many times a step re-reads and retries after losing an optimistic-lock race.
pub const RACE_RETRIES: usize = 5;
