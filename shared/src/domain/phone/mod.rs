//! Mobile phone number of any country, stored as E.164 (`+`, country code, national number).
//!
//! What a person types is checked against libphonenumber's metadata: a valid number of its
//! country, and one that can take an SMS (mobile, or a country such as the USA where mobile
//! and landline numbers look alike). The metadata's decision is compiled ahead into one
//! automaton over the digits after `+` (`table.rs`, written and checked against the
//! `phonenumber` crate by `shared/tests/phone_table.rs`), so a function reading a typed number
//! links a table and a loop, not the crate's regex engine and parsers. Polish numbers keep
//! their friendly forms: `500 100 200`, `48500100200`, `0048 500 100 200`. A number read back
//! from the store or the outbox was checked when it was typed, so it only has to have the
//! shape of E.164 ([`PhoneNumber::from_e164`]).

use super::Invalid;
use crate::texts::field as t;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// A number a person typed.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let format = || Invalid::new("phone_format", t::PHONE_FORMAT);
        let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{a0}')).collect();
        if compact.is_empty() || compact.len() > 20 {
            return Err(format());
        }
        // `+…` and `00…` are international; so are the 11 digits `48…` of a Polish number;
        // anything else is a Polish national number.
        let international = if let Some(rest) = compact.strip_prefix('+').or_else(|| compact.strip_prefix("00")) {
            rest.to_owned()
        } else if compact.len() == 11 && compact.starts_with("48") {
            compact
        } else {
            format!("48{compact}")
        };
        // E.164: at most 15 digits (libphonenumber knows a few longer national numbers, none
        // of them mobile).
        if international.len() > 15 {
            return Err(format());
        }
        match kind(&international) {
            Kind::Mobile => Self::from_e164(&format!("+{international}")).map_err(|_| format()),
            Kind::NotMobile => Err(Invalid::new("phone_not_mobile", t::PHONE_NOT_MOBILE)),
            Kind::Invalid => Err(format()),
        }
    }

    /// A number in E.164 that was checked when it was typed (the store, the outbox).
    pub fn from_e164(stored: &str) -> Result<Self, Invalid> {
        let digits = stored.strip_prefix('+').unwrap_or("");
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
            return Err(Invalid::new("phone_format", t::PHONE_FORMAT));
        }
        Ok(Self(stored.to_owned()))
    }

    /// E.164, as SNS wants it.
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// `+48 *** *** 200`, `+380 *** *** 567`: the country and the last three digits, enough
    /// for the citizen to recognise the number.
    pub fn masked(&self) -> String {
        let digits = &self.0[1..];
        let code = &digits[..country_code_len(digits)];
        format!("+{code} *** *** {}", &digits[digits.len() - 3..])
    }

    /// The country calling code, without `+` (`48`, `380`, `1`).
    pub fn country_code(&self) -> &str {
        let digits = &self.0[1..];
        &digits[..country_code_len(digits)]
    }

    pub fn is_polish(&self) -> bool {
        self.0.starts_with("+48")
    }
}

/// What libphonenumber's metadata says a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not a number of any country (a wrong length, an unused range, no such calling code).
    Invalid,
    /// A valid number that takes no SMS (a landline, toll-free, premium rate, VoIP…).
    NotMobile,
    /// A mobile number, or one of a country where mobile and landline numbers look alike.
    Mobile,
}

/// What the digits after `+` (calling code and national number, nothing else) are.
pub fn kind(digits: &str) -> Kind {
    let mut state = 0usize;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Kind::Invalid;
        }
        state = usize::from(table::NEXT[state * 10 + usize::from(b - b'0')]);
    }
    match table::KIND[state] {
        2 => Kind::Mobile,
        1 => Kind::NotMobile,
        _ => Kind::Invalid,
    }
}

#[rustfmt::skip]
mod table;

/// The length of the country calling code an E.164 number (without `+`) starts with. Country
/// codes are prefix-free and ITU-T E.164 assigns them by zone: `1` and `7` alone; in zones
/// 2–9 the two-digit codes below, every other code three digits. Checked against every
/// country code in libphonenumber's metadata by `shared/tests/phone_table.rs`.
pub fn country_code_len(digits: &str) -> usize {
    const TWO_DIGIT: [&str; 44] = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    match digits.as_bytes().first() {
        Some(b'1' | b'7') => 1,
        _ if TWO_DIGIT.iter().any(|p| digits.starts_with(p)) => 2,
        _ => 3,
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PhoneNumber::from_e164(&s).map_err(|e| e.code)
    }
}

impl From<PhoneNumber> for String {
    fn from(v: PhoneNumber) -> String {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_polish_forms_to_e164() {
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
    fn accepts_mobile_numbers_of_other_countries() {
        for (s, e164, masked) in [
            ("+380 67 123 4567", "+380671234567", "+380 *** *** 567"),
            ("00380671234567", "+380671234567", "+380 *** *** 567"),
            ("+49 151 23456789", "+4915123456789", "+49 *** *** 789"),
            ("+44 7911 123456", "+447911123456", "+44 *** *** 456"),
            ("+1 (202) 555-0143", "+12025550143", "+1 *** *** 143"),
            ("+420 601 123 456", "+420601123456", "+420 *** *** 456"),
            // National numbers starting with 0, which the `phonenumber` crate misread.
            ("+225 07 12 34 56 78", "+2250712345678", "+225 *** *** 678"),
            ("+229 01 97 12 34 56", "+2290197123456", "+229 *** *** 456"),
        ] {
            let phone = PhoneNumber::parse(s).unwrap_or_else(|e| panic!("{s}: {}", e.code));
            assert_eq!(phone.e164(), e164, "{s}");
            assert_eq!(phone.masked(), masked, "{s}");
            assert!(!phone.is_polish());
        }
    }

    #[test]
    fn masks_all_but_the_country_and_the_last_three_digits() {
        assert_eq!(PhoneNumber::parse("500 100 200").unwrap().masked(), "+48 *** *** 200");
    }

    #[test]
    fn refuses_wrong_length_letters_and_numbers_that_take_no_sms() {
        for (s, code) in [
            ("50010020", "phone_format"),
            ("5001002000", "phone_format"),
            ("500 1OO 200", "phone_format"),
            ("+49 500 100 200", "phone_format"),
            ("+380 12", "phone_format"),
            ("+999 123 456 789", "phone_format"),
            ("++48500100200", "phone_format"),
            ("", "phone_format"),
            ("22 123 45 67", "phone_not_mobile"),
            ("58 123 45 67", "phone_not_mobile"),
            ("+49 30 1234567", "phone_not_mobile"),
            ("+380 44 123 4567", "phone_not_mobile"),
            ("48 123 45 67", "phone_not_mobile"),
            ("+39 06 6981 2345", "phone_not_mobile"),
            ("+0048500100200", "phone_format"),
            ("+4850010020012345", "phone_format"),
            // A digit too many where the country allows that length for other numbers.
            ("+31 6 1234 5678 79", "phone_format"),
            ("+60 12 3456 7893", "phone_format"),
        ] {
            assert_eq!(PhoneNumber::parse(s).map(|p| p.0).unwrap_err().code, code, "{s}");
        }
    }

    #[test]
    fn a_stored_number_needs_only_the_shape_of_e164() {
        assert!(PhoneNumber::from_e164("+380671234567").is_ok());
        for s in ["380671234567", "+0123456789", "+12", "+1234567890123456", "+48 500"] {
            assert!(PhoneNumber::from_e164(s).is_err(), "{s}");
        }
    }
}
