//! Property tests of every parser that reads outside input: whatever the text, a parser
//! answers (never panics), and what it accepts has exactly the promised shape.

use chrono::NaiveDate;
use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use shared::domain::ids::{ApplicationId, IdempotencyKey};
use shared::domain::password::Password;
use shared::domain::sms_code::SmsCode;
use shared::domain::{ApplicationForm, Email, PersonName, Pesel, PhoneNumber, Username};
use shared::http::{
    cookie, read_json, require_csrf, require_csrf_any, APP_CSRF_COOKIE, CSRF_COOKIE, CSRF_HEADER, LOGIN_CSRF_COOKIE,
    MAX_BODY,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Any text at all: every Unicode scalar, control characters and combining marks included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,80}", "[\\x00-\\x7f]{0,80}", "[0-9 +()-]{0,20}"]
}

/// A valid PESEL built from a birth date and a serial: the checksum computed as the law says.
fn valid_pesel() -> impl Strategy<Value = (String, NaiveDate)> {
    (1800i32..2026, 1u32..=12, 1u32..=28, 0u32..10_000).prop_map(|(year, month, day, serial)| {
        let shift = match year {
            1800..=1899 => 80,
            1900..=1999 => 0,
            _ => 20,
        };
        let mut digits = format!("{:02}{:02}{:02}{:04}", year % 100, month + shift, day, serial);
        let sum: u32 =
            [1, 3, 7, 9, 1, 3, 7, 9, 1, 3].iter().zip(digits.bytes()).map(|(w, d)| w * u32::from(d - b'0')).sum();
        digits.push(char::from(b'0' + ((10 - sum % 10) % 10) as u8));
        (digits, NaiveDate::from_ymd_opt(year, month, day).unwrap())
    })
}

fn any_json_object() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(Into::into),
        any::<i64>().prop_map(Into::into),
        any::<String>().prop_map(Into::into),
    ];
    let value = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Into::into),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    let key = prop_oneof![
        prop::sample::select(vec![
            "username",
            "password",
            "first_name",
            "second_name",
            "last_name",
            "pesel",
            "email",
            "phone",
            "slot_id",
            "video_app"
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,10}",
    ];
    prop::collection::btree_map(key, value, 0..12)
        .prop_map(|m| serde_json::Value::Object(m.into_iter().collect()).to_string())
}

fn json_request(bytes: Vec<u8>) -> Request {
    lambda_http::http::Request::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::Binary(bytes))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn pesel_accepts_exactly_eleven_digits_with_the_checksum(s in any_text()) {
        if let Ok(p) = Pesel::parse(&s, today()) {
            prop_assert_eq!(p.as_str().len(), 11);
            prop_assert!(p.as_str().bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(p.birth_date() <= today());
        }
    }

    #[test]
    fn every_valid_pesel_parses_and_any_one_digit_changed_does_not((pesel, born) in valid_pesel(), at in 0usize..11, by in 1u8..10) {
        let p = Pesel::parse(&pesel, today()).unwrap();
        prop_assert_eq!(p.as_str(), pesel.as_str());
        prop_assert_eq!(p.birth_date(), born);
        let mut typo = pesel.into_bytes();
        typo[at] = b'0' + (typo[at] - b'0' + by) % 10;
        prop_assert!(Pesel::parse(std::str::from_utf8(&typo).unwrap(), today()).is_err());
    }

    #[test]
    fn phone_numbers_come_out_as_polish_e164(s in any_text()) {
        if let Ok(p) = PhoneNumber::parse(&s) {
            let e = p.e164().to_owned();
            let e = e.as_str();
            prop_assert!(e.len() == 12 && e.starts_with("+48") && e[3..].bytes().all(|b| b.is_ascii_digit()), "{}", e);
            prop_assert_eq!(PhoneNumber::parse(e).unwrap(), p.clone());
        }
    }

    #[test]
    fn a_mobile_number_in_any_usual_writing_is_the_same_number(
        prefix in prop::sample::select(vec!["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88", "45"]),
        rest in "[0-9]{7}",
        style in 0usize..5,
    ) {
        let national = format!("{prefix}{rest}");
        let written = match style {
            0 => national.clone(),
            1 => format!("+48 {} {} {}", &national[..3], &national[3..6], &national[6..]),
            2 => format!("0048{national}"),
            3 => format!("48{national}"),
            _ => format!("({}) {}-{}", &national[..3], &national[3..6], &national[6..]),
        };
        let parsed = PhoneNumber::parse(&written).unwrap();
        prop_assert_eq!(parsed.e164(), format!("+48{national}"));
    }

    #[test]
    fn emails_are_lower_case_ascii_with_one_at_and_parse_again_to_themselves(s in any_text()) {
        if let Ok(e) = Email::parse(&s) {
            let v = e.as_str().to_owned();
            let v = v.as_str();
            prop_assert!(v.len() <= 254 && v.is_ascii() && v.matches('@').count() == 1, "{}", v);
            prop_assert!(!v.chars().any(|c| c.is_control() || c.is_whitespace() || c.is_ascii_uppercase()), "{}", v);
            prop_assert_eq!(Email::parse(v).unwrap(), e.clone());
        }
    }

    #[test]
    fn ordinary_addresses_are_accepted(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", domain in "[a-z0-9]{1,20}", tld in "[a-z]{2,6}") {
        prop_assume!(!local.contains(".."));
        let address = format!("{local}@{domain}.{tld}");
        let parsed = Email::parse(&address.to_uppercase()).unwrap();
        prop_assert_eq!(parsed.as_str(), address.as_str());
    }

    #[test]
    fn names_are_nfc_latin_letters_and_parse_again_to_themselves(s in any_text()) {
        if let Ok(n) = PersonName::parse(&s) {
            let v = n.as_str().to_owned();
            let v = v.as_str();
            prop_assert!(v.chars().count() <= 64);
            prop_assert_eq!(v.nfc().collect::<String>(), v);
            prop_assert!(v.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'')), "{:?}", v);
            prop_assert!(!v.chars().any(|c| matches!(c, '\u{0370}'..='\u{052F}' | '\u{FF00}'..='\u{FFEF}')), "{:?}", v);
            prop_assert!(!v.chars().any(|c| matches!(c, '\u{01C0}'..='\u{01C3}')), "no letter that looks like | or !: {:?}", v);
            prop_assert_eq!(PersonName::parse(v).unwrap(), n.clone());
        }
    }

    #[test]
    fn a_click_letter_anywhere_in_a_name_is_refused(name in "[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{1,20}", at in any::<prop::sample::Index>(), c in prop::char::range('\u{01C0}', '\u{01C3}')) {
        let mut chars: Vec<char> = name.chars().collect();
        chars.insert(at.index(chars.len() + 1), c);
        let s: String = chars.into_iter().collect();
        prop_assert_eq!(PersonName::parse(&s).map_err(|e| e.code), Err("name_characters"), "{:?}", s);
    }

    #[test]
    fn a_polish_name_typed_decomposed_is_stored_composed(name in "[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{1,20}") {
        let decomposed: String = name.nfd().collect();
        let parsed = PersonName::parse(&decomposed).unwrap();
        prop_assert_eq!(parsed.as_str(), name.as_str());
    }

    #[test]
    fn usernames_are_exactly_the_seed_alphabet(s in any_text()) {
        let allowed = (3..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        prop_assert_eq!(Username::parse(&s).is_ok(), allowed, "{:?}", s);
    }

    #[test]
    fn passwords_that_pass_keep_every_rule(s in any_text(), user in "[a-z]{3,8}") {
        let username = Username::parse(&user).unwrap();
        if Password::parse(&s, Some(&username)).is_ok() {
            // the rules judge the NFC form (what is hashed)
            let s: String = s.nfc().collect();
            let n = s.chars().count();
            prop_assert!((8..=128).contains(&n));
            prop_assert!(s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase));
            prop_assert!(s.chars().any(|c| !c.is_alphabetic()));
            prop_assert!(!s.chars().any(char::is_control));
            prop_assert!(!s.to_lowercase().contains(&user));
        }
    }

    #[test]
    fn a_password_and_its_decomposed_form_are_judged_alike(s in "[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż0-9!-]{6,20}") {
        let decomposed: String = s.nfd().collect();
        let (composed, typed) = (Password::parse(&s, None), Password::parse(&decomposed, None));
        prop_assert_eq!(composed.as_ref().err().map(|e| e.code), typed.as_ref().err().map(|e| e.code));
    }

    #[test]
    fn sms_codes_are_six_digits(s in any_text()) {
        if let Ok(c) = SmsCode::parse(&s) {
            prop_assert!(c.reveal().len() == 6 && c.reveal().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn ids_and_idempotency_keys_accept_only_their_shape(s in any_text()) {
        if let Ok(id) = ApplicationId::parse(&s) {
            prop_assert!(id.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        }
        if let Some(k) = IdempotencyKey::parse(&s) {
            prop_assert!((8..=128).contains(&k.as_str().len()) && k.as_str().bytes().all(|b| b.is_ascii_graphic()));
        }
    }

    #[test]
    fn any_body_gets_a_form_or_a_400_or_413(body in prop::collection::vec(any::<u8>(), 0..400), json in any_json_object()) {
        for bytes in [body, json.into_bytes()] {
            if let Err(e) = read_json::<ApplicationForm>(&json_request(bytes), false) {
                prop_assert!(e.status == StatusCode::BAD_REQUEST || e.status == StatusCode::PAYLOAD_TOO_LARGE, "{:?}", e);
            }
        }
    }

    #[test]
    fn a_key_given_twice_is_refused_at_any_depth(key in "[a-z_]{1,12}", a in any_text(), b in any_text(), nested in any::<bool>()) {
        let twice = format!("{{{k}: {a}, {k}: {b}}}", k = serde_json::to_string(&key).unwrap(),
            a = serde_json::to_string(&a).unwrap(), b = serde_json::to_string(&b).unwrap());
        let body = if nested { format!("{{\"outer\": [1, {twice}]}}") } else { twice };
        let e = read_json::<serde_json::Value>(&json_request(body.into_bytes()), false).unwrap_err();
        prop_assert_eq!((e.status, e.code), (StatusCode::BAD_REQUEST, "duplicate_field"));
        prop_assert_eq!(e.field.as_deref(), Some(key.as_str()));
    }

    #[test]
    fn any_cookie_header_is_read_and_csrf_needs_the_exact_token(header_value in "[ -~]{0,200}", token in "[A-Za-z0-9_-]{20,43}", sent in "[!-~]{0,50}") {
        let req = lambda_http::http::Request::builder().header(header::COOKIE, header_value.as_str()).body(Body::Empty).unwrap();
        if let Some(v) = cookie(&req, "pz_app") {
            prop_assert!(header_value.contains(v));
        }
        prop_assume!(!sent.contains(';'));
        let req = lambda_http::http::Request::builder()
            .header(header::COOKIE, format!("{CSRF_COOKIE}={sent}"))
            .header(CSRF_HEADER, sent.as_str())
            .body(Body::Empty)
            .unwrap();
        prop_assert_eq!(require_csrf(&req, CSRF_COOKIE, &token).is_ok(), sent == token);
    }
}

#[test]
fn each_flow_checks_its_own_csrf_cookie() {
    let with = |cookies: &str, header: &str| {
        lambda_http::http::Request::builder()
            .header(header::COOKIE, cookies)
            .header(CSRF_HEADER, header)
            .body(Body::Empty)
            .unwrap()
    };
    let (session, app) = ("s".repeat(32), "a".repeat(32));
    let both = format!("{CSRF_COOKIE}={session}; {APP_CSRF_COOKIE}={app}");
    assert!(
        require_csrf(&with(&both, &session), CSRF_COOKIE, &session).is_ok(),
        "an application beside the session leaves it alone"
    );
    assert!(require_csrf(&with(&both, &app), APP_CSRF_COOKIE, &app).is_ok());
    let only_app = format!("{APP_CSRF_COOKIE}={session}");
    assert!(
        require_csrf(&with(&only_app, &session), CSRF_COOKIE, &session).is_err(),
        "another flow's cookie does not stand in"
    );
    // a sign-in and a session at once: the header must pair with one flow's cookie and token
    let login = "l".repeat(32);
    let flows = [(LOGIN_CSRF_COOKIE, login.as_str()), (CSRF_COOKIE, session.as_str())];
    let cookies = format!("{CSRF_COOKIE}={session}; {LOGIN_CSRF_COOKIE}={login}");
    assert!(require_csrf_any(&with(&cookies, &login), &flows).is_ok());
    assert!(require_csrf_any(&with(&cookies, &session), &flows).is_ok());
    let crossed = format!("{CSRF_COOKIE}={login}; {LOGIN_CSRF_COOKIE}={session}");
    assert!(
        require_csrf_any(&with(&crossed, &login), &flows).is_err(),
        "the sign-in's token in the session's cookie does not count"
    );
}

#[test]
fn a_body_over_the_limit_is_413_whatever_it_holds() {
    let e = read_json::<ApplicationForm>(&json_request(vec![b'{'; MAX_BODY + 1]), false).unwrap_err();
    assert_eq!((e.status, e.code), (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"));
}
