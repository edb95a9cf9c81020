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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_offered_apps() {
        let offered = vec!["Skype".to_owned(), "Microsoft Teams".to_owned()];
        assert_eq!(VideoApp::parse("Microsoft Teams", &offered).unwrap().as_str(), "Microsoft Teams");
        assert!(VideoApp::parse("Zoom", &offered).is_err());
        assert!(VideoApp::parse("skype", &offered).is_err());
    }
}
