//! Confirmation at an office ("poświadczając w urzędzie"): the confirmation points the
//! operator maintains, and how long an application waits for the citizen to come.

use chrono::Duration;

use super::Invalid;
use crate::texts::field as t;

/// An application to be confirmed at an office waits this long after its SMS code *(ours)*.
pub const OFFICE_LIFETIME: Duration = Duration::days(14);
/// Limits of the operator's entries (`pz-point`).
pub const MAX_ID_CHARS: usize = 40;
pub const MAX_TEXT_CHARS: usize = 200;

/// A confirmation point: where a clerk checks an ID document in person. The application
/// keeps a copy of the point the citizen chose, as it was when they chose it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConfirmationPoint {
    pub id: PointId,
    pub name: String,
    pub address: String,
    pub hours: String,
    /// Created by the local gateway for trying the product; never in a deployed stack.
    #[serde(default)]
    pub demo: bool,
}

/// The operator's id of a point: `urzad-dzielnicy-mokotow`, lower-case letters, digits and
/// hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PointId(String);

impl PointId {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let ok = !input.is_empty()
            && input.len() <= MAX_ID_CHARS
            && input.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(Invalid::new("point_unknown", t::POINT_UNKNOWN));
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PointId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

stored_as_string!(PointId);

impl ConfirmationPoint {
    /// The operator's entry: every text one line of 1–200 characters.
    pub fn new(id: &str, name: &str, address: &str, hours: &str) -> Result<Self, String> {
        let id = PointId::parse(id)
            .map_err(|_| format!("id: lower-case letters, digits and hyphens, at most {MAX_ID_CHARS}"))?;
        let text = |what: &str, s: &str| {
            let s = s.trim();
            let len = s.chars().count();
            if len == 0 || len > MAX_TEXT_CHARS || s.chars().any(char::is_control) {
                Err(format!("{what}: one line of 1 to {MAX_TEXT_CHARS} characters"))
            } else {
                Ok(s.to_owned())
            }
        };
        Ok(Self {
            id,
            name: text("name", name)?,
            address: text("address", address)?,
            hours: text("hours", hours)?,
            demo: false,
        })
    }
}

/// A key that sorts names in Polish alphabetical order (a ą b c ć … z ź ż), case aside,
/// without a collation library: each Polish letter right after its base letter.
pub fn polish_order(name: &str) -> Vec<(char, u8)> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ą' => ('a', 1),
            'ć' => ('c', 1),
            'ę' => ('e', 1),
            'ł' => ('l', 1),
            'ń' => ('n', 1),
            'ó' => ('o', 1),
            'ś' => ('s', 1),
            'ź' => ('z', 1),
            'ż' => ('z', 2),
            c => (c, 0),
        })
        .collect()
}

/// The demo points of the local gateway.
pub fn demo_points() -> Vec<ConfirmationPoint> {
    [
        (
            "urzad-demo-warszawa",
            "Urząd Dzielnicy Demo (Warszawa)",
            "ul. Przykładowa 1, 00-950 Warszawa",
            "pon.–pt. 8:00–16:00",
        ),
        (
            "zus-demo-krakow",
            "ZUS Oddział Demo (Kraków)",
            "ul. Testowa 12, 30-001 Kraków",
            "pon. 8:00–18:00, wt.–pt. 8:00–15:00",
        ),
        ("us-demo-gdansk", "Urząd Skarbowy Demo (Gdańsk)", "ul. Wzorcowa 5, 80-001 Gdańsk", "pon.–pt. 7:30–15:30"),
    ]
    .into_iter()
    .map(|(id, name, address, hours)| {
        let mut p = ConfirmationPoint::new(id, name, address, hours).expect("demo point");
        p.demo = true;
        p
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_letters_digits_and_hyphens() {
        assert!(PointId::parse("urzad-2-mokotow").is_ok());
        for s in ["", "Urzad", "urząd", "a b", "a/b", &"a".repeat(41)] {
            assert!(PointId::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn names_sort_in_polish_alphabetical_order() {
        let mut names =
            vec!["Żyrardów", "Zakopane", "Łódź", "Lublin", "Źródła", "Mława", "Ostrów", "Ćmielów", "Czersk"];
        names.sort_by_key(|n| polish_order(n));
        assert_eq!(names, ["Czersk", "Ćmielów", "Lublin", "Łódź", "Mława", "Ostrów", "Zakopane", "Źródła", "Żyrardów"]);
    }

    #[test]
    fn the_operators_entry_needs_every_text_on_one_line() {
        assert!(ConfirmationPoint::new("p1", "Urząd", "ul. A 1", "8–16").is_ok());
        assert!(ConfirmationPoint::new("p1", "Urząd\nX", "ul. A 1", "8–16").is_err());
        assert!(ConfirmationPoint::new("p1", " ", "ul. A 1", "8–16").is_err());
        assert!(ConfirmationPoint::new("p1", "U", "ul. A 1", &"h".repeat(201)).is_err());
        assert_eq!(demo_points().len(), 3);
    }
}
