//! Each function of `template.yaml` as Lambda mode runs it: its crate, its environment
//! (the template's `Globals` and its own variables, with `!Ref`, `!Sub` and `!GetAtt`
//! resolved the way CloudFormation would for the local stack), the table-stream triggers
//! with their filter patterns, and its schedules.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use serde_json::Value as Json;
use yaml_serde::Value;

#[derive(Debug, Clone)]
pub struct FunctionSpec {
    pub logical_id: String,
    /// The crate under `functions/` (the last part of `CodeUri`): its bootstrap's name.
    pub crate_name: String,
    /// Variables as written in the template, resolved by `environment`.
    variables: Vec<(String, Value)>,
    pub streams: Vec<StreamTrigger>,
    pub schedules: Vec<Duration>,
    pub http: bool,
    /// `Timeout` (its own, else the `Globals`'), in seconds.
    pub timeout: u64,
}

/// A `DynamoDB` event on the table's stream.
#[derive(Debug, Clone)]
pub struct StreamTrigger {
    pub batch_size: usize,
    /// The `FilterCriteria` patterns (EventBridge pattern syntax); a record passes if any matches.
    pub patterns: Vec<Json>,
}

/// What `!Ref` and `!Sub` resolve to: parameters, resources and pseudo parameters.
#[derive(Debug, Clone, Default)]
pub struct Stack {
    pub values: HashMap<String, String>,
}

impl Stack {
    /// The template's parameter defaults, then `overrides` (parameters and resources such
    /// as `Table`), and the pseudo parameters of `region`.
    pub fn new(template: &Value, region: &str, overrides: &[(&str, String)]) -> Self {
        let mut values = HashMap::new();
        for (name, p) in template.get("Parameters").and_then(Value::as_mapping).into_iter().flatten() {
            if let (Some(name), Some(default)) = (name.as_str(), p.get("Default").and_then(Value::as_str)) {
                values.insert(name.to_owned(), default.to_owned());
            }
        }
        values.insert("AWS::Partition".into(), "aws".into());
        values.insert("AWS::Region".into(), region.to_owned());
        values.insert("AWS::AccountId".into(), crate::event::ACCOUNT_ID.into());
        values.insert("AWS::StackName".into(), "pz-local".into());
        for (k, v) in overrides {
            values.insert((*k).to_owned(), v.clone());
        }
        Self { values }
    }

    fn get(&self, name: &str) -> Result<String, String> {
        self.values
            .get(name)
            .cloned()
            .ok_or_else(|| format!("template.yaml refers to {name}, which local mode does not know"))
    }

    /// A variable's value: a string, or `!Ref X`, `!Sub "…${X}…"`, `!GetAtt X.Y`.
    pub fn resolve(&self, v: &Value) -> Result<String, String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Tagged(t) if t.tag == "Ref" => self.get(t.value.as_str().unwrap_or_default()),
            Value::Tagged(t) if t.tag == "GetAtt" => self.get(t.value.as_str().unwrap_or_default()),
            Value::Tagged(t) if t.tag == "Sub" => self.substitute(t.value.as_str().unwrap_or_default()),
            other => Err(format!("local mode cannot resolve {other:?}")),
        }
    }

    fn substitute(&self, text: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find('}').ok_or_else(|| format!("unclosed ${{ in {text}"))? + at;
            out.push_str(&self.get(&rest[at + 2..end])?);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

impl FunctionSpec {
    /// The function's environment: `Globals` first, its own variables over them.
    pub fn environment(&self, stack: &Stack) -> Result<BTreeMap<String, String>, String> {
        self.variables.iter().map(|(k, v)| Ok((k.clone(), stack.resolve(v)?))).collect()
    }
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn variables(v: Option<&Value>) -> Vec<(String, Value)> {
    let vars = v.and_then(|e| e.get("Environment")).and_then(|e| e.get("Variables")).and_then(Value::as_mapping);
    vars.into_iter().flatten().filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.clone()))).collect()
}

/// `rate(1 minute)`, `rate(15 minutes)`, `rate(2 hours)`.
fn rate(expr: &str) -> Option<Duration> {
    let inner = expr.strip_prefix("rate(")?.strip_suffix(')')?;
    let (n, unit) = inner.split_once(' ')?;
    let n: u64 = n.parse().ok()?;
    let secs = match unit.trim_end_matches('s') {
        "minute" => 60,
        "hour" => 3600,
        "day" => 86400,
        _ => return None,
    };
    Some(Duration::from_secs(n * secs))
}

/// Every function of the template.
pub fn from_template(template: &Value) -> Result<Vec<FunctionSpec>, String> {
    let global = template.get("Globals").and_then(|g| g.get("Function"));
    let globals = variables(global);
    let timeout_of = |v: Option<&Value>| v.and_then(|p| p.get("Timeout")).and_then(Value::as_u64);
    let default_timeout = timeout_of(global).unwrap_or(3);
    let resources = template.get("Resources").and_then(Value::as_mapping).ok_or("template.yaml has no Resources")?;
    let mut out = Vec::new();
    for (name, res) in resources {
        if str_at(res, "Type") != Some("AWS::Serverless::Function") {
            continue;
        }
        let logical_id = name.as_str().unwrap_or_default().to_owned();
        let props = res.get("Properties");
        let code_uri = props.and_then(|p| str_at(p, "CodeUri")).unwrap_or_default();
        let crate_name = code_uri.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
        let mut vars = globals.clone();
        for (k, v) in variables(props) {
            vars.retain(|(g, _)| *g != k);
            vars.push((k, v));
        }
        let timeout = timeout_of(props).unwrap_or(default_timeout);
        let mut spec = FunctionSpec {
            logical_id,
            crate_name,
            variables: vars,
            streams: vec![],
            schedules: vec![],
            http: false,
            timeout,
        };
        let events = props.and_then(|p| p.get("Events")).and_then(Value::as_mapping);
        for (_, event) in events.into_iter().flatten() {
            let ep = event.get("Properties").cloned().unwrap_or(Value::Null);
            match str_at(event, "Type") {
                Some("HttpApi") => spec.http = true,
                Some("DynamoDB") => spec.streams.push(StreamTrigger {
                    batch_size: ep.get("BatchSize").and_then(Value::as_u64).unwrap_or(100) as usize,
                    patterns: patterns(&ep)?,
                }),
                Some("Schedule") => {
                    let expr = str_at(&ep, "Schedule").unwrap_or_default();
                    spec.schedules
                        .push(rate(expr).ok_or_else(|| format!("{}: cannot run schedule {expr}", spec.logical_id))?);
                }
                _ => {}
            }
        }
        out.push(spec);
    }
    Ok(out)
}

fn patterns(ep: &Value) -> Result<Vec<Json>, String> {
    let filters = ep.get("FilterCriteria").and_then(|f| f.get("Filters")).and_then(Value::as_sequence);
    filters
        .into_iter()
        .flatten()
        .filter_map(|f| str_at(f, "Pattern"))
        .map(|p| serde_json::from_str(p).map_err(|e| format!("bad filter pattern {p}: {e}")))
        .collect()
}

/// Whether a stream record passes the trigger's filters (none: every record). The
/// EventBridge pattern subset the template uses: an array of allowed values, each a
/// literal or `{"prefix": "…"}`, nested in objects.
pub fn passes(trigger: &StreamTrigger, record: &Json) -> bool {
    trigger.patterns.is_empty() || trigger.patterns.iter().any(|p| matches(p, record))
}

fn matches(pattern: &Json, value: &Json) -> bool {
    match pattern {
        Json::Object(fields) => fields.iter().all(|(k, p)| value.get(k).is_some_and(|v| matches(p, v))),
        Json::Array(allowed) => allowed.iter().any(|a| match a {
            Json::Object(rule) => match rule.get("prefix").and_then(Json::as_str) {
                Some(prefix) => value.as_str().is_some_and(|v| v.starts_with(prefix)),
                None => false,
            },
            literal => literal == value,
        }),
        literal => literal == value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template() -> Value {
        yaml_serde::from_str(crate::routes::TEMPLATE).unwrap()
    }

    #[test]
    fn every_function_gets_the_globals_and_its_own_variables_resolved() {
        let t = template();
        let stack = Stack::new(&t, "eu-central-1", &[("Table", "pz-test".into()), ("EmailFrom", "a@b.pl".into())]);
        let specs = from_template(&t).unwrap();
        assert_eq!(specs.len(), 20);
        let devices = specs.iter().find(|s| s.crate_name == "devices").unwrap();
        let env = devices.environment(&stack).unwrap();
        assert_eq!(env["PZ_TABLE"], "pz-test");
        assert_eq!(env["PZ_EMAIL_FROM"], "a@b.pl");
        assert_eq!(env["PZ_PUSH_ANDROID_APP_ARN"], "arn:aws:sns:eu-central-1:123456789012:app/GCM/pz-android");
        for s in &specs {
            s.environment(&stack).unwrap_or_else(|e| panic!("{}: {e}", s.logical_id));
        }
    }

    #[test]
    fn stream_and_schedule_triggers_are_read_with_their_filters() {
        let specs = from_template(&template()).unwrap();
        let emails = specs.iter().find(|s| s.crate_name == "send-emails").unwrap();
        assert_eq!(emails.schedules, [Duration::from_secs(60)]);
        let trigger = &emails.streams[0];
        assert_eq!(trigger.batch_size, 10);
        let record = |pk: &str, name: &str| json!({"eventName": name, "dynamodb": {"Keys": {"PK": {"S": pk}, "SK": {"S": "x"}}}});
        assert!(passes(trigger, &record("OUTBOX#email.1", "INSERT")));
        assert!(!passes(trigger, &record("OUTBOX#email.1", "MODIFY")));
        assert!(!passes(trigger, &record("APP#1", "INSERT")));
        let push = specs.iter().find(|s| s.crate_name == "send-push").unwrap();
        assert!(passes(&push.streams[0], &record("OUTBOX#push.1", "INSERT")));
        assert!(!passes(&push.streams[0], &record("OUTBOX#email.1", "INSERT")));
        let expiry = specs.iter().find(|s| s.crate_name == "expire-applications").unwrap();
        assert_eq!(expiry.schedules, [Duration::from_secs(900)]);
        assert!(!expiry.http && emails.streams.len() == 1);
        assert_eq!((emails.timeout, specs.iter().find(|s| s.crate_name == "sign-in").unwrap().timeout), (60, 10));
    }
}
