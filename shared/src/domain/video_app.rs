//! The free video-call app the citizen chooses from the configured list.

use super::Invalid;
use crate::texts::field as t;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct VideoApp(String);

impl VideoApp {
    /// Only one of the offered apps is accepted (exact name, as listed by `GET /api/slots`).
    pub fn parse(input: &str, offered: &[String]) -> Result<Self, Invalid> {
        offered
            .iter()
            .find(|app| app.as_str() == input.trim())
            .map(|app| Self(app.clone()))
            .ok_or_else(|| Invalid::new("video_app_unknown", t::VIDEO_APP))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The link to a call that a clerk emails to the citizen: an `https://` URL with a host,
/// no spaces, quotes or angle brackets (it goes into an email as is), at most 500 chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallLink(String);

impl CallLink {
    pub const MAX_LEN: usize = 500;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let url = input.trim();
        let refuse = || Invalid::new("bad_call_link", t::CALL_URL);
        let rest = url.strip_prefix("https://").ok_or_else(refuse)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let clean = url.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'));
        if url.len() > Self::MAX_LEN || host.is_empty() || !host.contains('.') || host.contains('@') || !clean {
            return Err(refuse());
        }
        Ok(Self(url.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_links_are_plain_https_urls() {
        let ok = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc?context=x";
        assert_eq!(CallLink::parse(ok).unwrap().as_str(), ok);
        assert!(CallLink::parse(" https://join.skype.com/abcDEF ").is_ok());
        for bad in [
            "http://join.skype.com/a",
            "javascript:alert(1)",
            "https://",
            "https://localhost/x",
            "https://evil.example@bank.pl/",
            "https://a.pl/<script>",
            "https://a.pl/a b",
            &format!("https://a.pl/{}", "x".repeat(500)),
        ] {
            assert!(CallLink::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accepts_only_offered_apps() {
        let offered = vec!["Skype".to_owned(), "Microsoft Teams".to_owned()];
        assert_eq!(VideoApp::parse("Microsoft Teams", &offered).unwrap().as_str(), "Microsoft Teams");
        assert!(VideoApp::parse("Zoom", &offered).is_err());
        assert!(VideoApp::parse("skype", &offered).is_err());
    }
}
