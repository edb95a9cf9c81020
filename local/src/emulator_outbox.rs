//! The outbox page on the AWS backend against an emulator: what moto's SNS and SES
//! accepted (`GET /moto-api/data.json`), in the outbox's own shape. The emulator keeps no
//! send times and one list for every table and run that used it.

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use shared::adapters::dev_outbox::DevMessage;

/// Every SMS, push and email the emulator at `endpoint` accepted, in the order it keeps.
pub async fn messages(endpoint: &str) -> Result<Vec<DevMessage>, String> {
    let url = format!("{}/moto-api/data.json", endpoint.trim_end_matches('/'));
    let uri: hyper::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let resp = client.get(uri).await.map_err(|e| format!("{url}: {e}"))?;
    let body = resp.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    let data: Value = serde_json::from_slice(&body).map_err(|e| format!("{url}: {e}"))?;
    Ok(from_data(&data))
}

fn message(channel: &'static str, to: &str, subject: Option<&str>, body: &str) -> DevMessage {
    DevMessage { channel, to: to.to_owned(), subject: subject.map(str::to_owned), body: body.to_owned(), sent_at: None }
}

fn list<'a>(v: &'a Value, service: &str, kind: &str) -> impl Iterator<Item = &'a Value> {
    v[service][kind].as_array().into_iter().flatten()
}

fn from_data(data: &Value) -> Vec<DevMessage> {
    let str_of = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut out = Vec::new();
    for sms in list(data, "sns", "SMS") {
        out.push(message("sms", &str_of(&sms["phone_number"]), None, &str_of(&sms["message"])));
    }
    for endpoint in list(data, "sns", "PlatformEndpoint") {
        for sent in endpoint["messages"].as_object().into_iter().flatten().map(|(_, m)| str_of(m)) {
            // A push is published as JSON per platform; its `default` is the text.
            let text = serde_json::from_str::<Value>(&sent).ok().and_then(|v| v["default"].as_str().map(str::to_owned));
            out.push(message("push", &str_of(&endpoint["token"]), None, &text.unwrap_or(sent)));
        }
    }
    for email in list(data, "ses", "Message") {
        for to in email["destinations"]["ToAddresses"].as_array().into_iter().flatten() {
            out.push(message("email", &str_of(to), email["subject"].as_str(), &str_of(&email["body"])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sms_pushes_and_emails_of_the_emulator_become_outbox_messages() {
        let data = json!({
            "sns": {
                "SMS": [{"phone_number": "+48500100200", "message": "Kod: 123456", "message_id": "m1"}],
                "PlatformEndpoint": [{"token": "fcm-1", "messages": {"m2": "{\"default\": \"Potwierdź logowanie\", \"GCM\": \"{}\"}"}}]
            },
            "ses": {"Message": [{"destinations": {"ToAddresses": ["a@example.pl"]}, "subject": "Wniosek", "body": "Treść"}]}
        });
        let m = from_data(&data);
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].channel, m[0].to.as_str(), m[0].body.as_str()), ("sms", "+48500100200", "Kod: 123456"));
        assert_eq!((m[1].channel, m[1].to.as_str(), m[1].body.as_str()), ("push", "fcm-1", "Potwierdź logowanie"));
        assert_eq!((m[2].channel, m[2].subject.as_deref(), m[2].sent_at), ("email", Some("Wniosek"), None));
    }
}
