//! The error every parser returns: a machine code plus the sentence the user reads (in
//! their language when the answer is written).

use crate::texts::Text;

/// Why a value was refused. The field it belongs to is attached by the caller
/// (`PersonName` parses first, second and last names alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub message: Text,
}

impl Invalid {
    pub fn new(code: &'static str, message: Text) -> Self {
        Self { code, message }
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
    pub message: Text,
}
