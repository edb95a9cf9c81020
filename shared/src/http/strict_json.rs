//! A JSON reader that refuses an object naming the same key twice, at any depth:
//! `{"pesel": "…", "pesel": "…"}` is ambiguous (proxies and parsers disagree on which one
//! wins), so it is refused rather than silently taking the last.

/// The start of the error message of a repeated key; the key follows in backticks.
pub(super) const DUPLICATE: &str = "duplicate key";

/// A JSON value read in one pass, with no key repeated in any object.
pub(super) struct StrictJson(pub serde_json::Value);

impl<'de> serde::Deserialize<'de> for StrictJson {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictJson)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictJson(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(items.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictJson(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!("{DUPLICATE} `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(object.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str::<StrictJson>(text).map(|StrictJson(v)| v).map_err(|e| e.to_string())
    }

    #[test]
    fn a_key_named_twice_is_refused_at_any_depth_and_distinct_keys_read_as_usual() {
        assert!(read(r#"{"a": 1, "a": 1}"#).unwrap_err().starts_with("duplicate key `a`"));
        assert!(read(r#"[{"b": {"c": 1, "c": 2}}]"#).unwrap_err().starts_with("duplicate key `c`"));
        let text = r#"{"a": [1, -2, 2.5, "x", null, true], "b": {"a": {}}}"#;
        assert_eq!(read(text).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
    }
}
