//! The error every parser returns: a machine code plus the Polish sentence the user reads.

use std::borrow::Cow;

/// Why a value was refused. The field it belongs to is attached by the caller
/// (`PersonName` parses first, second and last names alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub message: Cow<'static, str>,
}

impl Invalid {
    pub fn new(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self { code, message: message.into() }
    }

    pub fn for_field(self, field: &'static str) -> FieldError {
        FieldError { field, code: self.code, message: self.message }
    }
}

/// A refused value of one named request field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {field} refused: {code}")]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: Cow<'static, str>,
}
