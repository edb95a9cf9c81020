//! The SNS and SES adapters, and the whole application flow in AWS mode, against the AWS
//! API emulator (moto server at `AWS_ENDPOINT_URL`, started by the test command). What
//! was sent is read back from the emulator, not from our own records.

use e2e::*;
use hyper::StatusCode;
use serde_json::json;
use shared::adapters::aws::sdk_config;
use shared::adapters::{ses::SesSender, sns::SnsSender};
use shared::domain::PhoneNumber;
use shared::ports::{EmailSender, PushSender, SmsSender};

#[tokio::test]
async fn an_sms_goes_out_through_sns() {
    let sdk = sdk_config().await;
    let sns = SnsSender::new(&sdk, Some("PZ".into()));
    let national = format!("501{}", unique(6));
    let phone = PhoneNumber::parse(&national).unwrap();
    sns.send_sms(&phone, "Profil Zaufany: Twój kod autoryzacyjny to 123456.").await.unwrap();
    let sent = sms_to(&format!("+48{national}")).await;
    assert_eq!(sent, vec!["Profil Zaufany: Twój kod autoryzacyjny to 123456.".to_owned()]);
}

#[tokio::test]
async fn an_email_goes_out_through_ses_from_the_verified_sender_only() {
    let sdk = sdk_config().await;
    let unverified = SesSender::new(&sdk, "nobody-verified@profil-zaufany.example");
    assert!(unverified.send_email("x@example.pl", "s", "b").await.is_err(), "SES refuses an unverified sender");
    let ses = SesSender::new(&sdk, "no-reply@pz-test.example");
    ses.verify_sender().await.unwrap();
    let to = format!("adapter-{}@example.pl", unique(9));
    ses.send_email(&to, "Zażółć gęślą jaźń", "Treść wiadomości").await.unwrap();
    let mails = emails_to_on_emulator(&to).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["subject"], "Zażółć gęślą jaźń");
    assert!(mails[0]["body"].as_str().unwrap().contains("Treść wiadomości"));
}

#[tokio::test]
async fn a_push_goes_out_through_an_sns_platform_endpoint() {
    let sdk = sdk_config().await;
    let client = aws_sdk_sns::Client::new(&sdk);
    let app = client
        .create_platform_application()
        .name("mobywatel-test")
        .platform("GCM")
        .attributes("PlatformCredential", "test-key")
        .send()
        .await
        .unwrap();
    let endpoint = client
        .create_platform_endpoint()
        .platform_application_arn(app.platform_application_arn().unwrap())
        .token("device-token-1")
        .send()
        .await
        .unwrap();
    let arn = endpoint.endpoint_arn().unwrap().to_owned();
    SnsSender::new(&sdk, None).send_push(&arn, "Profil Zaufany", "Potwierdź logowanie").await.unwrap();
    let data = emulator_data().await;
    let text = data["sns"].to_string();
    assert!(
        text.contains("Potwierdź logowanie") || text.contains("Potwierd\\u017a logowanie"),
        "push recorded: {text:.500}"
    );
}

#[tokio::test]
async fn the_whole_flow_in_aws_mode_sends_the_sms_and_both_emails_through_aws() {
    let run = unique(9);
    let (email, national) = (format!("flow-{run}@example.pl"), format!("502{}", &run[..6]));
    std::env::set_var("PZ_TABLE", format!("flow-{run}"));
    std::env::set_var("PZ_EMAIL_FROM", "no-reply@profil-zaufany.example");
    // the platform application mObywatel's devices are registered with (FCM)
    let sdk = sdk_config().await;
    let platform_app = aws_sdk_sns::Client::new(&sdk)
        .create_platform_application()
        .name(format!("pz-android-{run}"))
        .platform("GCM")
        .attributes("PlatformCredential", "test-key")
        .send()
        .await
        .unwrap();
    std::env::set_var("PZ_PUSH_ANDROID_APP_ARN", platform_app.platform_application_arn().unwrap());
    let opts = pz_local::Options { port: 0, backend: pz_local::Backend::Aws, ..gateway_options() };
    let gw = pz_local::start(opts).await.expect("gateway in AWS mode");
    assert!(gw.outbox.is_none(), "no local outbox in AWS mode");
    let b = Browser::new(gw.url());
    let slot = a_free_slot(&b, 1).await;
    let mut form = application(77, &slot);
    form["email"] = json!(email);
    form["phone"] = json!(national);
    let r = b.post("/api/applications", &form).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["application_id"].as_str().unwrap().to_owned();

    let r = b.post(&format!("/api/applications/{id}/sms-code"), &json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let sms = sms_to(&format!("+48{national}")).await;
    assert_eq!(sms.len(), 1, "one SMS through SNS");
    let code: String = sms[0].split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();

    let r = b.post(&format!("/api/applications/{id}/verify"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let mut mails = Vec::new();
    for _ in 0..50 {
        mails = emails_to_on_emulator(&email).await;
        if mails.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut subjects: Vec<&str> = mails.iter().map(|m| m["subject"].as_str().unwrap()).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            "Potwierdzenie wysłania wniosku o tymczasowy profil zaufany",
            "Potwierdzenie założenia konta w serwisie Profil Zaufany"
        ]
    );
    // and nothing more is sent later: each message exactly once
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(emails_to_on_emulator(&email).await.len(), 2);

    // the clerk finds the call on DynamoDB's index, confirms, the email goes through SES
    let clerk = clerk_browser(&gw).await;
    let start = b.get(&format!("/api/applications/{id}")).await.json()["slot"]["start"].as_str().unwrap().to_owned();
    let day = shared::domain::time::polish_date(start.parse().unwrap());
    let calls = clerk.get(&format!("/api/clerk/calls?date={day}")).await.json();
    assert!(calls["calls"].as_array().unwrap().iter().any(|c| c["application_id"] == id.as_str()), "{calls}");
    let r = clerk
        .post(
            &format!("/api/clerk/applications/{id}/confirm"),
            &json!({"data_confirmed":true,"rules_presented":true,"id_document_checked":true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = clerk
        .post(
            &format!("/api/clerk/applications/{id}/confirm"),
            &json!({"data_confirmed":true,"rules_presented":true,"id_document_checked":true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    for _ in 0..50 {
        mails = emails_to_on_emulator(&email).await;
        if mails.len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(mails.iter().any(|m| m["subject"] == "Twój tymczasowy profil zaufany jest aktywny"), "{mails:?}");
    let audit = clerk.get(&format!("/api/clerk/applications/{id}")).await.json()["audit"].clone();
    assert!(
        audit.as_array().unwrap().iter().any(|e| e["action"] == "confirmed"),
        "audit read back from the index: {audit}"
    );

    // the citizen signs in with the code SNS delivered; the session lives in DynamoDB
    let citizen = Browser::new(gw.url());
    let r = citizen.post("/api/login", &json!({"login": email, "password": "Zielony7Las!"})).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::OK, Some("sms")), "{}", r.text);
    let challenge = r.json()["challenge_id"].as_str().unwrap().to_owned();
    let sms = sms_to(&format!("+48{national}")).await;
    assert_eq!(sms.len(), 2, "the sign-in code went through SNS");
    let code: String = sms[1].split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let r = citizen.post(&format!("/api/login/{challenge}/confirm"), &json!({ "code": code })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // the app is linked through SNS CreatePlatformEndpoint; the push reaches that endpoint
    let app = App::link(&citizen, &gw.url()).await;
    let r = citizen.post("/api/profile/auth-method", &json!({"method": "push"})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let pending = r.json();
    let mut delivered = false;
    for _ in 0..50 {
        let endpoints = emulator_data().await["sns"]["PlatformEndpoint"].to_string();
        if endpoints.contains("fcm-token-123") && endpoints.contains("metody autoryzacji") {
            delivered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(delivered, "the push went to the device's SNS platform endpoint");
    let requests = app.requests().await;
    assert_eq!(requests.len(), 1, "listed from the DynamoDB index of the device");
    let r = app
        .respond(
            requests[0]["request_id"].as_str().unwrap(),
            json!({"approve": true, "match_number": pending["match_number"]}),
        )
        .await;
    assert_eq!(r.json()["status"], "approved", "{}", r.text);
    assert_eq!(citizen.get("/api/profile").await.json()["auth_method"], "push");
    let history = citizen.get("/api/profile/history").await.json();
    assert_eq!(history["entries"][0]["action"], "auth_method_changed", "{history}");

    // a new phone: the old app approves the link (the new one waits inside the challenge
    // in DynamoDB), then the old one is out; the citizen is told through SES and SNS
    let r = citizen.post("/api/devices", &json!({"platform": "android", "push_token": "fcm-token-456"})).await;
    assert_eq!((r.status, r.json()["method"].as_str()), (StatusCode::ACCEPTED, Some("push")), "{}", r.text);
    let pending = r.json();
    let new = App {
        device_id: pending["device_id"].as_str().unwrap().into(),
        secret: pending["device_secret"].as_str().unwrap().into(),
        http: Browser::new(gw.url()),
    };
    let requests = app.requests().await;
    assert_eq!((requests.len(), requests[0]["kind"].as_str()), (1, Some("link_device")));
    let r = app
        .respond(
            pending["challenge_id"].as_str().unwrap(),
            json!({"approve": true, "match_number": pending["match_number"]}),
        )
        .await;
    assert_eq!(r.json()["status"], "approved", "{}", r.text);
    assert!(new.requests().await.is_empty(), "the new app is linked");
    let auth = format!("Device {}", app.secret);
    let r = app
        .http
        .send_with_headers(
            hyper::Method::GET,
            &format!("/api/devices/{}/requests", app.device_id),
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the old app's record is gone from DynamoDB");
    let mut told = (false, false);
    for _ in 0..50 {
        let mails = emails_to_on_emulator(&email).await;
        let sms = sms_to(&format!("+48{national}")).await;
        told = (
            mails.iter().filter(|m| m["subject"] == "Połączono aplikację mObywatel z Twoim profilem zaufanym").count()
                == 2,
            sms.iter().filter(|b| b.contains("polaczono z Twoim profilem aplikacje mObywatel")).count() == 2,
        );
        if told == (true, true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(told, (true, true), "an email (SES) and an SMS (SNS) for each of the two links");

    // a forgotten password: the link by SES, the code by SNS, the notice by SES; then "To
    // nie ja" from that notice, answered by SES too (docs/rules.md §3.6, §3.10)
    let r = b.post("/api/recovery/password", &json!({"username": "Obywatel_77", "pesel": e2e::pesel(77)})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let body = wait_for_mail(&email, "Zmiana zapomnianego hasła do profilu zaufanego").await;
    let token: String =
        body.split("/odzyskiwanie?lang=pl#").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    let r = b.post("/api/recovery/password/sms-code", &json!({ "token": token })).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let sms = sms_to(&format!("+48{national}")).await;
    let last = sms.iter().rfind(|t| t.contains("kod zmiany hasla")).expect("the recovery code through SNS");
    let code: String = last.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let body = json!({"token": token, "code": code, "new_password": "Niebieska8Rzeka?"});
    let r = b.post("/api/recovery/password/confirm", &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let notice = wait_for_mail(&email, "Hasło do Twojego profilu zaufanego zostało zmienione").await;
    let not_me: String =
        notice.split("/to-nie-ja?lang=pl#").nth(1).unwrap().chars().take_while(char::is_ascii_alphanumeric).collect();
    let r = b.post("/api/disavow", &json!({ "token": not_me })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    wait_for_mail(&email, "Zablokowaliśmy logowanie hasłem do Twojego profilu zaufanego").await;
    let r = b.post("/api/login", &json!({"login": email, "password": "Niebieska8Rzeka?"})).await;
    assert_eq!(r.json()["error"], "password_blocked", "{}", r.text);
}

/// The body of the email with this subject SES holds for `to`, waiting up to 5 s.
async fn wait_for_mail(to: &str, subject: &str) -> String {
    for _ in 0..50 {
        if let Some(m) = emails_to_on_emulator(to).await.into_iter().find(|m| m["subject"] == subject) {
            return m["body"].as_str().or_else(|| m["body"]["text_part"].as_str()).unwrap_or_default().to_owned();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no email {subject:?} to {to} through SES");
}

/// Item 13: the hash key and the OIDC signing keys come from Secrets Manager (by name or
/// ARN), read once at cold start; a missing or malformed secret stops the start with an
/// error naming it, never a panic and never a default key.
#[tokio::test]
async fn the_hash_key_and_the_signing_keys_are_read_from_secrets_manager() {
    use shared::adapters::secrets::SecretsManager;
    use shared::config::Config;
    use shared::crypto::HashKey;

    let sdk = sdk_config().await;
    let admin = aws_sdk_secretsmanager::Client::new(&sdk);
    let run = unique(10);
    let put = |name: String, value: &str| {
        let admin = admin.clone();
        let value = value.to_owned();
        async move { admin.create_secret().name(&name).secret_string(value).send().await.unwrap().arn.unwrap() }
    };
    let hash_name = format!("pz-test-{run}/hash-key");
    let hash_arn = put(hash_name.clone(), &"ab".repeat(32)).await;
    let secrets = SecretsManager::new(&sdk);
    let expected = HashKey::new(vec![0xab; 32]).unwrap().hash("purpose", "value");
    for id in [&hash_name, &hash_arn] {
        let config = Config::with_key_from(&secrets, id).await.unwrap();
        assert_eq!(config.hash_key.hash("purpose", "value"), expected, "the key of secret {id}");
    }
    let missing = format!("pz-test-{run}/none");
    let err = Config::with_key_from(&secrets, &missing).await.unwrap_err();
    assert!(err.to_string().contains(&missing), "{err}");
    let short = put(format!("pz-test-{run}/short"), "abcd").await;
    assert!(Config::with_key_from(&secrets, &short).await.is_err(), "a key under 32 bytes is refused");

    let key = put(format!("pz-test-{run}/oidc"), include_str!("../local/dev-keys/oidc-signing-key.pem")).await;
    let retired = put(format!("pz-test-{run}/oidc-previous"), include_str!("oidc-retired-test-key.pem")).await;
    let url = "https://pz.example";
    let p = shared::lambda::oidc_provider_from(&secrets, url, &key, None, None).await.unwrap();
    assert_eq!(p.issuer(), url);
    assert_eq!(p.jwks()["keys"].as_array().unwrap().len(), 1);
    let rotating = shared::lambda::oidc_provider_from(&secrets, url, &key, Some(&retired), None).await.unwrap();
    assert_eq!(rotating.jwks()["keys"].as_array().unwrap().len(), 2, "the retired key is still published");
    assert!(shared::lambda::oidc_provider_from(&secrets, url, &missing, None, None).await.is_err());
}
