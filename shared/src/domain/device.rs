//! What the mObywatel app sends: the push token it registers with, and its answer to a
//! push (number matching).

use super::Invalid;
use crate::texts::signin_field as t;

/// The token the platform's push service (FCM, APNs) gave the app: printable ASCII
/// without spaces, as SNS takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushToken(String);

impl PushToken {
    pub const MAX_LEN: usize = 4096;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let ok = !input.is_empty() && input.len() <= Self::MAX_LEN && input.bytes().all(|b| b.is_ascii_graphic());
        if ok {
            Ok(Self(input.to_owned()))
        } else {
            Err(Invalid::new("bad_push_token", t::PUSH_TOKEN))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The number the app's user picked among the `CHOICES` offered: two digits, like
/// every choice (`PushPrompt`). Whether it is the right one is the challenge's to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchNumber(String);

impl MatchNumber {
    pub const DIGITS: usize = 2;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        if input.len() == Self::DIGITS && input.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(input.to_owned()))
        } else {
            Err(Invalid::new("bad_match_number", t::MATCH_NUMBER))
        }
    }

    /// The pick an answer carries: an approval must name a number; a refusal needs
    /// none, and whatever it sent is ignored (it denies whatever the number).
    pub fn of_answer(approve: bool, pick: Option<&str>) -> Result<Option<Self>, Invalid> {
        if approve {
            Self::parse(pick.unwrap_or_default()).map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::random::SeededRandom;
    use crate::domain::{DeviceId, PushPrompt};

    #[test]
    fn a_push_token_is_printable_ascii_up_to_4096_bytes() {
        for ok in ["x", "fcm:APA91b-token_1.2/3+=", &"a".repeat(PushToken::MAX_LEN)] {
            assert_eq!(PushToken::parse(ok).map(|p| p.as_str().to_owned()), Ok(ok.to_owned()));
        }
        let too_long = "a".repeat(PushToken::MAX_LEN + 1);
        for bad in ["", " ", "   ", "two words", "tab\tbed", "new\nline", "zażółć", &too_long] {
            let e = PushToken::parse(bad).unwrap_err();
            assert_eq!((e.code, e.message.clone()), ("bad_push_token", t::PUSH_TOKEN), "{bad:?}");
        }
    }

    #[test]
    fn a_match_number_is_two_digits_and_every_choice_offered_is_one() {
        for ok in ["10", "99", "05"] {
            assert_eq!(MatchNumber::parse(ok).map(|m| m.as_str().to_owned()), Ok(ok.to_owned()));
        }
        for bad in ["", "1", "100", "1a", " 12", "12 ", "١٢", "-1"] {
            let e = MatchNumber::parse(bad).unwrap_err();
            assert_eq!((e.code, e.message.clone()), ("bad_match_number", t::MATCH_NUMBER), "{bad:?}");
        }
        let rng = SeededRandom::new(11);
        for _ in 0..100 {
            let prompt = PushPrompt::new(&rng, DeviceId::generate(&rng));
            assert!(prompt.choices.iter().all(|c| MatchNumber::parse(c).is_ok()), "{:?}", prompt.choices);
        }
    }

    #[test]
    fn an_approval_names_a_number_and_a_refusal_needs_none() {
        assert_eq!(MatchNumber::of_answer(true, Some("42")), Ok(Some(MatchNumber("42".into()))));
        assert_eq!(MatchNumber::of_answer(true, None).unwrap_err().code, "bad_match_number");
        assert_eq!(MatchNumber::of_answer(true, Some("4")).unwrap_err().code, "bad_match_number");
        for pick in [None, Some("42"), Some("nonsense")] {
            assert_eq!(MatchNumber::of_answer(false, pick), Ok(None), "{pick:?}");
        }
    }
}
