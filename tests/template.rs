//! Checks of template.yaml that cfn-lint does not make: runtime, architecture, build
//! method, that each CodeUri is a crate of the workspace, and that the API contract's
//! application routes are all declared.

use yaml_serde::Value;

fn template() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml")).unwrap();
    yaml_serde::from_str(&text).unwrap()
}

fn functions(t: &Value) -> Vec<(String, Value)> {
    t["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
        .map(|(k, v)| (k.as_str().unwrap().to_owned(), v.clone()))
        .collect()
}

#[test]
fn every_function_runs_on_al2023_x86_64_built_by_cargo_lambda_from_its_own_crate() {
    let t = template();
    let globals = &t["Globals"]["Function"];
    assert_eq!(globals["Runtime"], "provided.al2023");
    assert_eq!(globals["Architectures"][0], "x86_64");
    assert_eq!(globals["Handler"], "bootstrap");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let fns = functions(&t);
    assert_eq!(fns.len(), 20);
    for (name, f) in fns {
        assert_eq!(f["Metadata"]["BuildMethod"], "rust-cargolambda", "{name}");
        assert!(f["Properties"].get("Runtime").is_none(), "{name} overrides the runtime");
        let code_uri = f["Properties"]["CodeUri"].as_str().unwrap();
        let manifest = std::fs::read_to_string(format!("{root}/{code_uri}/Cargo.toml"))
            .unwrap_or_else(|_| panic!("{name}: {code_uri}/Cargo.toml"));
        let crate_name = code_uri.rsplit('/').next().unwrap();
        assert!(manifest.contains(&format!("name = \"{crate_name}\"")), "{name}: crate name must match its directory");
        assert!(
            std::path::Path::new(&format!("{root}/events/{crate_name}.json")).exists(),
            "{name} has no sample event"
        );
        assert!(f["Properties"]["Policies"].is_sequence(), "{name} has no least-privilege policy");
    }
}

#[test]
fn the_routes_of_the_contract_and_the_pages_are_declared_and_no_dev_route_is() {
    let t = template();
    let mut routes = Vec::new();
    for (_, f) in functions(&t) {
        for (_, e) in f["Properties"]["Events"].as_mapping().unwrap() {
            if e["Type"] == "HttpApi" {
                routes.push(match (e["Properties"]["Method"].as_str(), e["Properties"]["Path"].as_str()) {
                    (Some(method), Some(path)) => format!("{method} {path}"),
                    // SAM's `$default` route: neither a path nor a method
                    (None, None) => "$default".to_owned(),
                    other => panic!("an HttpApi event with half a route: {other:?}"),
                });
            }
        }
    }
    for r in [
        "GET /api/slots",
        "POST /api/applications",
        "POST /api/applications/{id}/sms-code",
        "POST /api/applications/{id}/verify",
        "GET /api/applications/{id}",
        "POST /api/applications/{id}/rebook",
        "POST /api/clerk/login",
        "POST /api/clerk/slots",
        "GET /api/clerk/calls",
        "GET /api/clerk/applications/{id}",
        "POST /api/clerk/applications/{id}/call-link",
        "POST /api/clerk/applications/{id}/confirm",
        "POST /api/clerk/applications/{id}/reject",
        "POST /api/login",
        "POST /api/login/{challenge_id}/confirm",
        "POST /api/login/{challenge_id}/sms",
        "GET /api/login/{challenge_id}",
        "GET /api/profile",
        "POST /api/profile/auth-method",
        "POST /api/profile/extend",
        "POST /api/logout",
        "POST /api/devices",
        "GET /api/devices/{device_id}/requests",
        "POST /api/push-requests/{request_id}/respond",
        "GET /.well-known/openid-configuration",
        "GET /oauth2/authorize",
        "POST /oauth2/token",
        "GET /oauth2/userinfo",
        "GET /oauth2/jwks.json",
        "GET /",
        "GET /wniosek",
        "GET /urzednik",
        "GET /logowanie",
        "GET /profil",
        "GET /mobywatel",
        "GET /ikp",
        "GET /ikp/callback",
        "$default",
    ] {
        assert!(routes.contains(&r.to_owned()), "{r} missing from template.yaml");
    }
    assert!(routes.iter().all(|r| !r.contains("/dev/")));
}

#[test]
fn send_emails_is_triggered_by_the_table_stream_and_a_schedule() {
    let t = template();
    let events = &t["Resources"]["SendEmailsFunction"]["Properties"]["Events"];
    assert_eq!(events["Outbox"]["Type"], "DynamoDB");
    assert_eq!(events["Outbox"]["Properties"]["FunctionResponseTypes"][0], "ReportBatchItemFailures");
    assert_eq!(events["Sweep"]["Type"], "Schedule");
    assert_eq!(t["Resources"]["Table"]["Properties"]["StreamSpecification"]["StreamViewType"], "KEYS_ONLY");
    assert!(t["Outputs"]["ApiUrl"].is_mapping());
}

#[test]
fn confirmation_is_its_own_function_and_expiry_runs_on_a_schedule() {
    let t = template();
    let confirm = &t["Resources"]["ConfirmByClerkFunction"]["Properties"];
    assert_eq!(confirm["CodeUri"], "functions/confirm-by-clerk");
    assert_eq!(confirm["Events"].as_mapping().unwrap().len(), 1, "confirm-by-clerk serves one route");
    let sweep = &t["Resources"]["ExpireApplicationsFunction"]["Properties"]["Events"]["Sweep"];
    assert_eq!(sweep["Type"], "Schedule");
    assert_eq!(sweep["Properties"]["Schedule"], "rate(15 minutes)");
    let ttl = &t["Resources"]["Table"]["Properties"]["TimeToLiveSpecification"];
    assert_eq!((ttl["AttributeName"].as_str(), ttl["Enabled"].as_bool()), (Some("ttl"), Some(true)));
    let pages = &t["Resources"]["WebPagesFunction"]["Properties"]["Policies"];
    assert_eq!(pages.as_sequence().map(Vec::len), Some(0), "the pages need no AWS access");
}

#[test]
fn pushes_have_their_own_sender_and_sns_rights_stay_on_our_platform_applications() {
    let t = template();
    let push = &t["Resources"]["SendPushFunction"]["Properties"];
    assert_eq!(push["CodeUri"], "functions/send-push");
    let filter = push["Events"]["Outbox"]["Properties"]["FilterCriteria"]["Filters"][0]["Pattern"].as_str().unwrap();
    assert!(filter.contains("OUTBOX#push."), "send-push takes only push messages: {filter}");
    let text = |v: &Value| yaml_serde::to_string(v).unwrap();
    let push_policy = text(&push["Policies"]);
    assert!(
        push_policy.contains("endpoint/GCM/${PushAndroidAppName}/*") && !push_policy.contains("Resource: '*'"),
        "{push_policy}"
    );
    let devices = text(&t["Resources"]["DevicesFunction"]["Properties"]["Policies"]);
    assert!(
        devices.contains("sns:CreatePlatformEndpoint") && devices.contains("app/APNS/${PushIosAppName}"),
        "{devices}"
    );
    // replacing a linked app sends an SMS code: to phone numbers only, never to topics or endpoints
    for f in ["DevicesFunction", "SendEmailsFunction"] {
        let policy = text(&t["Resources"][f]["Properties"]["Policies"]);
        assert!(
            policy.contains("sns:Publish")
                && policy.contains("Effect: Deny")
                && policy.contains("arn:${AWS::Partition}:sns:*:*:*"),
            "{f}: {policy}"
        );
    }
    // `Store::get_many` is one BatchGetItem, an action of its own in IAM (moto does not
    // check policies: this does).
    for f in [
        "SignInFunction",
        "DevicesFunction",
        "SubmitApplicationFunction",
        "ConfirmByClerkFunction",
        "ClerkApplicationFunction",
    ] {
        let policy = text(&t["Resources"][f]["Properties"]["Policies"]);
        assert!(policy.contains("dynamodb:BatchGetItem"), "{f} reads several items at once: {policy}");
    }
    let oidc = &t["Resources"]["OidcProviderFunction"]["Properties"];
    assert!(
        text(&oidc["Environment"]["Variables"]["PZ_OIDC_SIGNING_KEY_SECRET"]).contains("OidcSigningKeySecret"),
        "the signing key's secret, by name"
    );
}

#[test]
fn secrets_come_from_secrets_manager_never_from_parameters() {
    let t = template();
    let text = |v: &Value| yaml_serde::to_string(v).unwrap();
    let env = text(&t["Globals"]["Function"]["Environment"]["Variables"]["PZ_HASH_KEY_SECRET"]);
    assert!(env.contains("HashKeySecret"), "the hash key's secret, by name: {env}");
    for (name, p) in t["Parameters"].as_mapping().unwrap() {
        assert!(
            p.get("NoEcho").is_none(),
            "{name:?}: a secret as a parameter ends up in deploy configs; use Secrets Manager"
        );
    }
}

#[test]
fn back_channel_logouts_have_their_own_sender_with_time_for_a_slow_service_and_only_its_secrets() {
    let t = template();
    let logout = &t["Resources"]["SendLogoutFunction"]["Properties"];
    assert_eq!(logout["CodeUri"], "functions/send-logout");
    let outbox = &logout["Events"]["Outbox"]["Properties"];
    let filter = outbox["FilterCriteria"]["Filters"][0]["Pattern"].as_str().unwrap();
    assert!(filter.contains("OUTBOX#logout."), "send-logout takes only logout messages: {filter}");
    // 4 s per post (adapters::outbound): a stream batch and a sweep (4 shards x 10) fit.
    let (batch, timeout) = (outbox["BatchSize"].as_u64().unwrap(), logout["Timeout"].as_u64().unwrap());
    assert!(batch * 4 < timeout && 4 * 10 * 4 < timeout, "batch {batch}, timeout {timeout}");
    let policy = yaml_serde::to_string(&logout["Policies"]).unwrap();
    assert!(policy.contains("${OidcSigningKeySecret}-??????") && policy.contains("${HashKeySecret}-??????"));
    assert!(!policy.contains("sns:") && !policy.contains("ses:") && !policy.contains("PutItem"), "{policy}");
}

#[test]
fn every_sender_has_a_dead_letter_queue_and_operators_get_alarms() {
    let t = template();
    let r = &t["Resources"];
    for f in ["SendEmailsFunction", "SendPushFunction", "SendLogoutFunction"] {
        let events = &r[f]["Properties"]["Events"];
        let yaml = |v: &Value| yaml_serde::to_string(v).unwrap();
        let on_failure = yaml(&events["Outbox"]["Properties"]["DestinationConfig"]["OnFailure"]);
        assert!(on_failure.contains("SenderDeadLetterQueue.Arn"), "{f}: stream failures kept: {on_failure}");
        let sweep = yaml(&events["Sweep"]["Properties"]["DeadLetterConfig"]["Arn"]);
        assert!(sweep.contains("SenderDeadLetterQueue.Arn"), "{f}: sweep failures kept: {sweep}");
        let policy = yaml_serde::to_string(&r[f]["Properties"]["Policies"]).unwrap();
        assert!(policy.contains("SQSSendMessagePolicy"), "{f} may write to the queue");
    }
    // the metric filter matches the field the deliverer logs
    let delivery =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/src/service/delivery.rs")).unwrap();
    assert!(delivery.contains("dead_letter = true"));
    assert_eq!(r["SendEmailsDeadLetterFilter"]["Properties"]["FilterPattern"], "{ $.fields.dead_letter IS TRUE }");
    let alarms: Vec<&str> = r
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, v)| v["Type"] == "AWS::CloudWatch::Alarm")
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    for a in [
        "DeadLettersAlarm",
        "SenderDeadLetterQueueAlarm",
        "SendEmailsErrorsAlarm",
        "SendPushErrorsAlarm",
        "SendLogoutErrorsAlarm",
        "Api5xxAlarm",
        "TableThrottlesAlarm",
    ] {
        assert!(alarms.contains(&a), "{a} missing");
        let actions = yaml_serde::to_string(&r[a]["Properties"]["AlarmActions"]).unwrap();
        assert!(actions.contains("OperatorsTopic"), "{a} tells the operators: {actions}");
    }
    for g in ["SendEmailsLogGroup", "SendPushLogGroup", "SendLogoutLogGroup"] {
        assert_eq!(r[g]["Properties"]["RetentionInDays"], 90, "{g}: logs are kept 90 days, then deleted");
    }
}

/// openapi.yaml describes exactly the routes of the template (method and path), each
/// with a success answer; schemathesis then checks the gateway against it (test.sh).
#[test]
fn openapi_describes_every_route_of_the_template_and_nothing_else() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml")).unwrap();
    let api: Value = yaml_serde::from_str(&text).unwrap();
    let mut described = std::collections::BTreeSet::new();
    for (path, item) in api["paths"].as_mapping().unwrap() {
        for (method, op) in item.as_mapping().unwrap() {
            let method = method.as_str().unwrap();
            if method == "parameters" {
                continue;
            }
            let path = path.as_str().unwrap();
            let answers: Vec<&str> = op["responses"].as_mapping().unwrap().keys().filter_map(Value::as_str).collect();
            assert!(
                answers.iter().any(|s| s.starts_with('2') || s.starts_with('3')),
                "{method} {path} has no success answer"
            );
            assert!(op["operationId"].as_str().is_some(), "{method} {path} has no operationId");
            described.insert((method.to_ascii_uppercase(), path.to_owned()));
        }
    }
    let routes: std::collections::BTreeSet<(String, String)> =
        pz_local::routes::from_template(pz_local::routes::TEMPLATE)
            .unwrap()
            .into_iter()
            .filter(|r| !r.is_default())
            .map(|r| (r.method, r.path))
            .collect();
    let missing: Vec<_> = routes.difference(&described).collect();
    let extra: Vec<_> = described.difference(&routes).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not in openapi.yaml: {missing:?}; not in template.yaml: {extra:?}"
    );
    assert_eq!(routes.len(), 77);
}

fn waf() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../waf.yaml")).unwrap();
    yaml_serde::from_str(&text).unwrap()
}

/// API Gateway throttles every route, the password and SMS routes tighter (item 12).
#[test]
fn the_api_throttles_every_route_and_sign_in_applications_and_sms_codes_tighter() {
    let t = template();
    let default = &t["Resources"]["Api"]["Properties"]["DefaultRouteSettings"];
    let (burst, rate) =
        (default["ThrottlingBurstLimit"].as_u64().unwrap(), default["ThrottlingRateLimit"].as_f64().unwrap());
    let mut tight = Vec::new();
    for (_, f) in functions(&t) {
        for (_, e) in f["Properties"]["Events"].as_mapping().unwrap() {
            let settings = &e["Properties"]["RouteSettings"];
            if e["Type"] != "HttpApi" || settings.is_null() {
                continue;
            }
            assert!(settings["ThrottlingBurstLimit"].as_u64().unwrap() < burst, "{settings:?}");
            assert!(settings["ThrottlingRateLimit"].as_f64().unwrap() < rate, "{settings:?}");
            tight.push(format!(
                "{} {}",
                e["Properties"]["Method"].as_str().unwrap(),
                e["Properties"]["Path"].as_str().unwrap()
            ));
        }
    }
    for r in [
        "POST /api/login",
        "POST /api/applications",
        "POST /api/bank-applications",
        "POST /api/clerk/login",
        "POST /api/applications/{id}/sms-code",
        "POST /api/login/{challenge_id}/sms",
    ] {
        assert!(tight.contains(&r.to_owned()), "{r} is not throttled below the default: {tight:?}");
    }
}

/// Per-IP rate-based WAF rules (waf.yaml, CloudFront scope) sit on the distribution in
/// front of the HTTP API, which WAF cannot be associated with directly.
#[test]
fn a_waf_rate_rule_per_ip_guards_sign_in_and_everything_in_front_of_the_api() {
    let w = waf();
    let acl = &w["Resources"]["WebAcl"]["Properties"];
    assert_eq!(acl["Scope"], "CLOUDFRONT");
    let rules = acl["Rules"].as_sequence().unwrap();
    let rate = |name: &str| {
        let r = rules.iter().find(|r| r["Name"] == name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(r["Action"]["Block"].is_mapping(), "{name} blocks");
        r["Statement"]["RateBasedStatement"].clone()
    };
    let sign_in = rate("sign-in-per-ip");
    assert_eq!(
        (sign_in["AggregateKeyType"].as_str(), sign_in["EvaluationWindowSec"].as_u64()),
        (Some("IP"), Some(300))
    );
    assert_eq!(w["Parameters"]["SignInLimit"]["Default"], 300);
    let scope = yaml_serde::to_string(&sign_in["ScopeDownStatement"]).unwrap();
    assert!(
        scope.contains("SearchString: /api/login\n") && scope.contains("SearchString: /api/clerk/login\n"),
        "{scope}"
    );
    let general = rate("general-per-ip");
    assert_eq!(general["AggregateKeyType"], "IP");
    assert!(general.get("ScopeDownStatement").is_none(), "the general rule covers every route");
    let t = template();
    let edge = &t["Resources"]["EdgeDistribution"]["Properties"]["DistributionConfig"];
    assert!(
        yaml_serde::to_string(&edge["WebACLId"]).unwrap().contains("EdgeWebAclArn"),
        "the distribution carries the web ACL"
    );
    assert!(yaml_serde::to_string(&edge["Origins"]).unwrap().contains("${Api}.execute-api."), "in front of this API");
}

/// Secrets never sit in a function's configuration (item 13): the environment names the
/// secrets, and only the functions that read one may read it, exactly that one.
#[test]
fn no_function_environment_holds_a_secret_and_only_the_functions_that_read_one_may() {
    let t = template();
    let text = |v: &Value| yaml_serde::to_string(v).unwrap();
    let globals = text(&t["Globals"]["Function"]["Environment"]);
    assert!(!globals.contains("{{resolve:secretsmanager"), "{globals}");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for (name, f) in functions(&t) {
        let env = text(&f["Properties"]["Environment"]);
        assert!(!env.contains("{{resolve:"), "{name} has a secret value in its environment: {env}");
        let code_uri = f["Properties"]["CodeUri"].as_str().unwrap();
        let main = std::fs::read_to_string(format!("{root}/{code_uri}/src/main.rs")).unwrap();
        let policies = text(&f["Properties"]["Policies"]);
        let grants: Vec<&str> = policies
            .match_indices("secret:${")
            .map(|(i, _)| &policies[i + 9..i + 9 + policies[i + 9..].find('}').unwrap()])
            .collect();
        let reads_oidc_keys = main.contains("lambda::cold_start_with_oidc()");
        let reads_idp_secrets = main.contains("lambda::cold_start_with_identity_providers()");
        let reads_hash_key = main.contains("lambda::cold_start()") || reads_oidc_keys || reads_idp_secrets;
        let mut expected = Vec::new();
        if reads_hash_key {
            expected.push("HashKeySecret");
        }
        if reads_oidc_keys {
            expected.extend(["OidcSigningKeySecret", "OidcPreviousSigningKeySecret"]);
        }
        if reads_idp_secrets {
            expected.push("IdentityProviderSecrets");
        }
        assert_eq!(grants, expected, "{name}: GetSecretValue on exactly the secrets it reads");
        assert!(!policies.contains("secretsmanager:*") && !policies.contains("secret:*"), "{name}: {policies}");
        let keyless = main.contains("cold_start_without_secrets()") || main.contains("config_without_secrets()");
        assert!(reads_hash_key || keyless, "{name} starts some way");
    }
}

/// The table that the local gateway, `pz-clerk` and the tests create
/// (`DynamoStore::ensure_table`, from `TableSpec`) is the template's table, field by field,
/// read from the same file the deployed stack is built from.
#[test]
fn the_table_created_locally_is_the_templates_table() {
    use shared::adapters::table_spec::{TableSpec, TEMPLATE};
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    assert_eq!(TEMPLATE, std::fs::read_to_string(format!("{root}/template.yaml")).unwrap(), "the compiled-in copy");
    let t = template();
    let tables: Vec<&Value> =
        t["Resources"].as_mapping().unwrap().values().filter(|r| r["Type"] == "AWS::DynamoDB::Table").collect();
    assert_eq!(tables.len(), 1, "one table");
    let p = &tables[0]["Properties"];
    let spec = TableSpec::of_template().unwrap();
    let pairs = |v: &Value, a: &str, b: &str| -> Vec<(String, String)> {
        let s = |e: &Value, k: &str| e[k].as_str().unwrap().to_owned();
        v.as_sequence().unwrap().iter().map(|e| (s(e, a), s(e, b))).collect()
    };
    let keys = |k: &[shared::adapters::table_spec::KeyElement]| -> Vec<(String, String)> {
        k.iter().map(|k| (k.attribute_name.clone(), k.key_type.clone())).collect()
    };
    let attributes: Vec<(String, String)> =
        spec.attribute_definitions.iter().map(|a| (a.attribute_name.clone(), a.attribute_type.clone())).collect();
    assert_eq!(attributes, pairs(&p["AttributeDefinitions"], "AttributeName", "AttributeType"));
    assert_eq!(keys(&spec.key_schema), pairs(&p["KeySchema"], "AttributeName", "KeyType"));
    let indexes = p["GlobalSecondaryIndexes"].as_sequence().unwrap();
    assert_eq!(spec.global_secondary_indexes.len(), indexes.len());
    for (ours, theirs) in spec.global_secondary_indexes.iter().zip(indexes) {
        assert_eq!(ours.index_name, theirs["IndexName"].as_str().unwrap());
        assert_eq!(keys(&ours.key_schema), pairs(&theirs["KeySchema"], "AttributeName", "KeyType"));
        assert_eq!(ours.projection.projection_type, theirs["Projection"]["ProjectionType"].as_str().unwrap());
    }
    assert_eq!(spec.stream_view_type.as_deref(), p["StreamSpecification"]["StreamViewType"].as_str());
    assert_eq!(p["TimeToLiveSpecification"]["Enabled"], true);
    assert_eq!(spec.ttl_attribute.as_deref(), p["TimeToLiveSpecification"]["AttributeName"].as_str());
}

/// A step's writes are one DynamoDB transaction mixing puts (records, applications,
/// accounts), updates (slot places, rate and attempt windows) and deletes (released claims,
/// ended sessions); AWS checks each part against its own action, so a function allowed to
/// put is allowed the other two (else a transaction of its would be refused on AWS, where
/// the emulator does not check).
#[test]
fn every_function_that_writes_may_put_update_and_delete() {
    let t = template();
    for (name, f) in functions(&t) {
        let policies = yaml_serde::to_string(&f["Properties"]["Policies"]).unwrap();
        if policies.contains("dynamodb:PutItem") {
            for action in ["dynamodb:UpdateItem", "dynamodb:DeleteItem"] {
                assert!(policies.contains(action), "{name} puts but may not {action}");
            }
        }
    }
}
