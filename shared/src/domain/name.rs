//! First, second and last names: letters (Polish included), space, hyphen, apostrophe; NFC.

use unicode_normalization::UnicodeNormalization;

use super::Invalid;
use crate::texts::field as t;

pub const MAX_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s: String = input.trim().nfc().collect::<String>().replace('\u{2019}', "'");
        if s.is_empty() {
            return Err(Invalid::new("name_empty", t::NAME_EMPTY));
        }
        if s.chars().count() > MAX_CHARS {
            return Err(Invalid::new("name_too_long", t::NAME_LONG));
        }
        if !s.chars().all(|c| (c.is_alphabetic() && !looks_like_punctuation(c)) || matches!(c, ' ' | '-' | '\'')) {
            return Err(Invalid::new("name_characters", t::NAME_CHARS));
        }
        if !s.chars().all(|c| !c.is_alphabetic() || is_latin_letter(c)) {
            return Err(Invalid::new("name_script", t::NAME_SCRIPT));
        }
        let first_and_last_are_letters =
            s.chars().next().is_some_and(char::is_alphabetic) && s.chars().last().is_some_and(char::is_alphabetic);
        if !first_and_last_are_letters || s.contains("  ") || s.contains("--") {
            return Err(Invalid::new("name_characters", t::NAME_CHARS));
        }
        Ok(Self(s))
    }

    /// An optional name (the second name): empty means none.
    pub fn parse_optional(input: Option<&str>) -> Result<Option<Self>, Invalid> {
        match input.map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => Self::parse(s).map(Some),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The click letters of Khoisan languages (`ǀ ǁ ǂ ǃ`, U+01C0–U+01C3) are letters to
/// Unicode but look like `|`, `||`, `‡` and `!`: in a name they would pass for the
/// punctuation the rules refuse, on the clerk's screen and in every system the name goes to.
fn looks_like_punctuation(c: char) -> bool {
    matches!(c, '\u{01C0}'..='\u{01C3}')
}

/// Names are written as in the identity card: in the Latin alphabet (Polish and other
/// diacritics included). This refuses look-alike letters from other scripts (a Cyrillic
/// `а` in `Jаn`), which would make two different names look the same to a clerk.
fn is_latin_letter(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z'
        | '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{024F}' // Latin-1 letters, Extended-A and B
        | '\u{1E00}'..='\u{1EFF}') // Latin Extended Additional (Vietnamese and others)
}

stored_as_string!(PersonName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_polish_names_with_hyphen_apostrophe_and_space() {
        for s in ["Łucja", "Żaneta", "Kowalska-Nowak", "O'Brien", "Maria Józefa", "Ślęczek"] {
            assert_eq!(PersonName::parse(s).unwrap().as_str(), s);
        }
    }

    #[test]
    fn stores_nfc_and_trims() {
        let decomposed = "Z\u{0307}aneta"; // Z + combining dot above
        assert_eq!(PersonName::parse(&format!("  {decomposed} ")).unwrap().as_str(), "Żaneta");
    }

    #[test]
    fn refuses_digits_symbols_empty_and_overlong() {
        for (s, code) in [
            ("Jan2", "name_characters"),
            ("<script>", "name_characters"),
            ("-Jan", "name_characters"),
            ("Jan--Maria", "name_characters"),
            ("   ", "name_empty"),
            ("Jan\u{01C3}", "name_characters"),
            ("Anna\u{01C0}Maria", "name_characters"),
        ] {
            assert_eq!(PersonName::parse(s).unwrap_err().code, code, "{s}");
        }
        assert_eq!(PersonName::parse(&"a".repeat(65)).unwrap_err().code, "name_too_long");
    }

    #[test]
    fn refuses_look_alike_letters_from_other_scripts() {
        for s in ["J\u{0430}n", "\u{0410}nna", "Jan\u{03BF}", "\u{FF2A}an", "Ma\u{0280}ia"] {
            assert_eq!(PersonName::parse(s).unwrap_err().code, "name_script", "{s:?}");
        }
        for s in ["Müller", "Françoise", "Đorđević", "Nguyễn", "Øster", "Straße"] {
            assert!(PersonName::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn refuses_click_letters_that_look_like_bars_and_exclamation_marks() {
        for c in ['\u{01C0}', '\u{01C1}', '\u{01C2}', '\u{01C3}'] {
            assert!(c.is_alphabetic(), "Unicode calls {c:?} a letter");
            for s in [format!("Jan{c}"), format!("{c}Jan"), format!("Ja{c}n"), format!("Kowalska-{c}Nowak")] {
                assert_eq!(PersonName::parse(&s).unwrap_err().code, "name_characters", "{s:?}");
            }
        }
        // their neighbours in Latin Extended-B are ordinary letters
        for s in ["Jan\u{01BF}", "Ǆuro", "Ǎna"] {
            assert!(PersonName::parse(s).is_ok(), "{s:?}");
        }
    }

    #[test]
    fn second_name_is_optional() {
        assert_eq!(PersonName::parse_optional(None).unwrap(), None);
        assert_eq!(PersonName::parse_optional(Some(" ")).unwrap(), None);
        assert!(PersonName::parse_optional(Some("Anna")).unwrap().is_some());
    }
}
