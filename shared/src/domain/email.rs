//! Email address: a practical check (one `@`, a dotted domain), stored lower-case.

use super::Invalid;
use crate::texts::field as t;

pub const MAX_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim().to_lowercase();
        let bad = || Invalid::new("email_format", t::EMAIL_FORMAT);
        if s.len() > MAX_LEN {
            return Err(Invalid::new("email_too_long", t::EMAIL_LONG));
        }
        let (local, domain) = s.split_once('@').ok_or_else(bad)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Self(s))
        } else {
            Err(bad())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

stored_as_string!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_them() {
        assert_eq!(Email::parse(" Jan.Kowalski@Poczta.PL ").unwrap().as_str(), "jan.kowalski@poczta.pl");
        assert!(Email::parse("a+tag@sub.example.com.pl").is_ok());
    }

    #[test]
    fn refuses_malformed_addresses() {
        for s in [
            "",
            "jan",
            "jan@",
            "@poczta.pl",
            "jan@poczta",
            "jan@@poczta.pl",
            "jan kowalski@poczta.pl",
            "jan@poczta..pl",
            ".jan@poczta.pl",
            "jan@-poczta.pl",
            "jań@poczta.pl",
            "jan@poczta.p1",
        ] {
            assert!(Email::parse(s).is_err(), "{s}");
        }
        assert_eq!(Email::parse(&format!("{}@x.pl", "a".repeat(250))).unwrap_err().code, "email_too_long");
    }
}
