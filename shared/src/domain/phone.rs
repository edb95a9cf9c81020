//! Polish mobile phone number, stored as E.164 (`+48` and 9 digits).

use super::Invalid;
use crate::texts::field as t;

/// Prefixes of Polish mobile networks (landline area codes such as 22 or 58 are refused:
/// they cannot receive an SMS code).
const MOBILE_PREFIXES: [&str; 13] = ["45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{a0}')).collect();
        let national = if let Some(rest) = compact.strip_prefix("+48") {
            rest
        } else if let Some(rest) = compact.strip_prefix("0048") {
            rest
        } else if compact.len() == 11 && compact.starts_with("48") {
            &compact[2..]
        } else {
            compact.as_str()
        };
        if national.len() != 9 || !national.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new("phone_format", t::PHONE_FORMAT));
        }
        if !MOBILE_PREFIXES.iter().any(|p| national.starts_with(p)) {
            return Err(Invalid::new("phone_not_mobile", t::PHONE_NOT_MOBILE));
        }
        Ok(Self(format!("+48{national}")))
    }

    /// E.164, as SNS wants it.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// `+48 *** *** 200`: enough for the citizen to recognise the number.
    pub fn masked(&self) -> String {
        format!("+48 *** *** {}", &self.0[self.0.len() - 3..])
    }
}

stored_as_string!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_spaces_dashes_and_country_code_to_e164() {
        for s in [
            "500 100 200",
            "+48 500-100-200",
            "500100200",
            "+48500100200",
            "0048 500 100 200",
            "48500100200",
            "(+48) 500 100 200",
        ] {
            assert_eq!(PhoneNumber::parse(s).unwrap().e164(), "+48500100200", "{s}");
        }
    }

    #[test]
    fn masks_all_but_the_last_three_digits() {
        assert_eq!(PhoneNumber::parse("500 100 200").unwrap().masked(), "+48 *** *** 200");
    }

    #[test]
    fn refuses_wrong_length_letters_foreign_and_landline_numbers() {
        for (s, code) in [
            ("50010020", "phone_format"),
            ("5001002000", "phone_format"),
            ("500 1OO 200", "phone_format"),
            ("+49 500 100 200", "phone_format"),
            ("", "phone_format"),
            ("22 123 45 67", "phone_not_mobile"),
            ("58 123 45 67", "phone_not_mobile"),
        ] {
            assert_eq!(PhoneNumber::parse(s).unwrap_err().code, code, "{s}");
        }
    }
}
