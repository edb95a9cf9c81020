//! OAuth errors of the token and userinfo endpoints (RFC 6749 §5.2, RFC 6750 §3.1),
//! which the handler answers as `{"error": …}`.

use crate::ports::StoreError;
use crate::service::FlowError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthError {
    InvalidRequest(&'static str),
    InvalidClient,
    InvalidGrant(&'static str),
    UnsupportedGrantType,
    InvalidToken,
    Unavailable,
}

impl From<StoreError> for OAuthError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store failure in the OIDC provider");
        Self::Unavailable
    }
}

impl From<FlowError> for OAuthError {
    fn from(e: FlowError) -> Self {
        match e {
            FlowError::Store(s) => s.into(),
            _ => Self::InvalidGrant("the profile cannot sign in"),
        }
    }
}
