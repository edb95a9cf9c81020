//! Username rules from seed 004: only `A-Z a-z 0-9 _ -`, case matters.

use super::Invalid;
use crate::texts::field as t;

pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input;
        if !s.is_ascii() {
            return Err(Invalid::new("username_polish_letters", t::USERNAME_NON_ASCII));
        }
        if s.contains(' ') {
            return Err(Invalid::new("username_space", t::USERNAME_SPACE));
        }
        if s.contains('.') {
            return Err(Invalid::new("username_dot", t::USERNAME_DOT));
        }
        if !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return Err(Invalid::new("username_special", t::USERNAME_SPECIAL));
        }
        if !(MIN_LEN..=MAX_LEN).contains(&s.len()) {
            return Err(Invalid::new("username_length", t::USERNAME_LENGTH));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

stored_as_string!(Username);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_letters_digits_underscore_hyphen() {
        for s in ["Jan_K", "jan-kowalski", "abc", "X9_-z", &"a".repeat(64)] {
            assert!(Username::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn case_matters() {
        assert_ne!(Username::parse("Jan_K").unwrap(), Username::parse("jan_k").unwrap());
    }

    #[test]
    fn refuses_polish_letters_dots_spaces_and_specials_with_the_reason() {
        let cases = [
            ("jań", "username_polish_letters"),
            ("łukasz", "username_polish_letters"),
            ("ząb12", "username_polish_letters"),
            ("jan.kowalski", "username_dot"),
            ("jan kowalski", "username_space"),
            ("jan@kowalski", "username_special"),
            ("jan+1", "username_special"),
            ("ab", "username_length"),
            ("", "username_length"),
        ];
        for (s, code) in cases {
            assert_eq!(Username::parse(s).unwrap_err().code, code, "{s}");
        }
        assert_eq!(Username::parse(&"a".repeat(65)).unwrap_err().code, "username_length");
    }
}
