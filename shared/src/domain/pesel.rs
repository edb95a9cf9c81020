//! PESEL: the Polish national identification number (docs/rules.md §1.2).

use std::fmt;

use chrono::NaiveDate;

use super::Invalid;
use crate::texts::field as t;

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/// An 11-digit PESEL with a valid checksum and a real birth date not in the future.
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pesel(String);

impl Pesel {
    /// Parses a PESEL, checking it against `today` (a birth date may not be in the future).
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, Invalid> {
        let s = input.trim();
        if s.len() != 11 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new("pesel_format", t::PESEL_FORMAT));
        }
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
        if (10 - sum % 10) % 10 != d[10] {
            return Err(Invalid::new("pesel_checksum", t::PESEL_CHECKSUM));
        }
        let born = birth_date(&d).ok_or_else(|| Invalid::new("pesel_date", t::PESEL_DATE))?;
        if born > today {
            return Err(Invalid::new("pesel_future", t::PESEL_FUTURE));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        let d: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        // Checked in `parse`; a stored value always decodes.
        birth_date(&d).unwrap_or(NaiveDate::MIN)
    }
}

/// Months are shifted by the century: +80 for 1800s, +0 1900s, +20 2000s, +40 2100s, +60 2200s.
fn birth_date(d: &[u32]) -> Option<NaiveDate> {
    let yy = d[0] * 10 + d[1];
    let mm = d[2] * 10 + d[3];
    let dd = d[4] * 10 + d[5];
    let (century, month) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return None,
    };
    NaiveDate::from_ymd_opt((century + yy) as i32, month, dd)
}

impl TryFrom<String> for Pesel {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        // Stored values were checked against the clock when they were accepted.
        Pesel::parse(&s, NaiveDate::MAX).map_err(|e| e.code.to_owned())
    }
}

impl From<Pesel> for String {
    fn from(p: Pesel) -> String {
        p.0
    }
}

/// Never print a PESEL by accident (logs, panics).
impl fmt::Debug for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pesel(***********)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn with_checksum(first10: &str) -> String {
        let sum: u32 = first10.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        format!("{first10}{}", (10 - sum % 10) % 10)
    }

    #[test]
    fn accepts_a_known_valid_pesel() {
        let p = Pesel::parse("44051401359", today()).unwrap();
        assert_eq!(p.birth_date(), NaiveDate::from_ymd_opt(1944, 5, 14).unwrap());
    }

    #[test]
    fn decodes_every_century() {
        let cases = [
            ("8581011234", 1885, 1),
            ("0022291234", 2000, 2), // 29 Feb 2000: a leap year
            ("0532151234", 2005, 12),
            ("9912311234", 1999, 12),
        ];
        for (first10, year, month) in cases {
            let p = Pesel::parse(&with_checksum(first10), today()).unwrap();
            assert_eq!((p.birth_date().year_ce().1 as i32, p.birth_date().month0() + 1), (year, month));
        }
    }

    #[test]
    fn refuses_29_february_of_a_common_year() {
        let err = Pesel::parse(&with_checksum("0122291234"), today()).unwrap_err();
        assert_eq!(err.code, "pesel_date");
    }

    #[test]
    fn accepts_29_february_of_a_leap_year_in_the_2000s() {
        assert!(Pesel::parse(&with_checksum("0422291234"), today()).is_ok());
    }

    #[test]
    fn refuses_a_bad_checksum() {
        assert_eq!(Pesel::parse("44051401358", today()).unwrap_err().code, "pesel_checksum");
    }

    #[test]
    fn refuses_wrong_length_and_letters() {
        for s in ["4405140135", "440514013599", "4405140135a", "", "44 05 14 01 359"] {
            assert_eq!(Pesel::parse(s, today()).unwrap_err().code, "pesel_format", "{s}");
        }
    }

    #[test]
    fn refuses_impossible_months_and_days() {
        for first10 in ["4413011234", "4400011234", "4404311234", "4401001234"] {
            assert_eq!(Pesel::parse(&with_checksum(first10), today()).unwrap_err().code, "pesel_date");
        }
    }

    #[test]
    fn refuses_a_birth_date_in_the_future() {
        // 1 Dec 2026, and someone born in the 2100s
        for first10 in ["2632011234", "0041011234"] {
            assert_eq!(Pesel::parse(&with_checksum(first10), today()).unwrap_err().code, "pesel_future");
        }
        // born today is fine
        assert!(Pesel::parse(&with_checksum("2631221234"), today()).is_ok());
    }

    #[test]
    fn debug_hides_the_number() {
        let p = Pesel::parse("44051401359", today()).unwrap();
        assert!(!format!("{p:?}").contains("4405"));
    }

    use chrono::Datelike;
}
