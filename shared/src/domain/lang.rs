//! The three languages the service speaks (docs/rules.md §12): Polish by default, English and
//! Ukrainian beside it. A person's choice is stored with their application and profile, so a
//! message sent later (the clerk's decision, a reminder) goes out in it.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Pl,
    En,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Pl, Lang::En, Lang::Uk];

    /// The code of `?lang=`, of the `pz_lang` cookie and of `<html lang>` (BCP 47).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    /// Its place in `ALL` (for tables by language).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Its name in itself, as a language switch shows it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::Pl => "Polski",
            Lang::En => "English",
            Lang::Uk => "Українська",
        }
    }

    /// The language named by a code: exactly `pl`, `en` or `uk` (any case), nothing else.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| code.trim().eq_ignore_ascii_case(l.code()))
    }

    /// The first language of an `Accept-Language` header we speak, by the weights it gives
    /// (`uk-UA,uk;q=0.9,en;q=0.8`); a region is ignored, `q=0` refuses, `*` says nothing.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for part in header.split(',').take(32) {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), |q| q.trim().parse::<f32>().ok().map(|q| (q.clamp(0.0, 1.0) * 1000.0) as u16));
            let (Some(q), Some(lang)) = (q, Lang::parse(tag.split(['-', '_']).next().unwrap_or(""))) else { continue };
            if q > 0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_the_three_languages_and_nothing_else() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.code()));
        }
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        for other in ["", "de", "ua", "pl-PL", "english", "u"] {
            assert_eq!(Lang::parse(other), None, "{other}");
        }
        assert_eq!(Lang::default(), Lang::Pl);
    }

    #[test]
    fn accept_language_gives_the_best_weighted_language_we_speak() {
        for (header, lang) in [
            ("uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7", Some(Lang::Uk)),
            ("de-DE,de;q=0.9,en;q=0.5,pl;q=0.4", Some(Lang::En)),
            ("pl", Some(Lang::Pl)),
            ("en;q=0.2, uk;q=0.8", Some(Lang::Uk)),
            ("fr, *;q=0.5", None),
            ("en;q=0, pl;q=0.1", Some(Lang::Pl)),
            ("en;q=zero", None),
            ("", None),
            ("ru-RU,ru;q=0.9", None),
        ] {
            assert_eq!(Lang::from_accept_language(header), lang, "{header}");
        }
    }
}
