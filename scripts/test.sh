#!/usr/bin/env bash
# The test command (README, .ci/run): checks rustfmt and clippy, installs what the tests need (moto server and
# cfn-lint in a virtualenv, Debian chromium, playwright-core and axe-core from npm),
# starts the AWS API emulator on 127.0.0.1, runs every test, lints the template,
# smoke-tests the run command, walks the pages in headless Chromium, and stops what it
# started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/.venv-test"
logs="$root/target/test-logs"
mkdir -p "$logs"

step() { printf '\n==> %s\n' "$*"; }

step "Python tools (moto server, cfn-lint, schemathesis) in $venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5.1,<6' 'cfn-lint>=1.20,<2' 'schemathesis>=4.3,<5'

free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_for() { # url, seconds
  "$venv/bin/python" - "$1" "$2" <<'PY'
import sys, time, urllib.request
url, deadline = sys.argv[1], time.time() + float(sys.argv[2])
while time.time() < deadline:
    try:
        urllib.request.urlopen(url, timeout=1); sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit(f"{url} did not answer")
PY
}

step "Rust style: rustfmt and clippy (warnings are errors)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --features e2e/lambda,e2e/peers --quiet -- -D warnings
echo "rustfmt and clippy: clean"

step "Test helpers stay out of the Lambda functions (shared's \"local\" feature is off in each)"
for f in $(ls functions); do
  if cargo tree -p "$f" -e features -i shared --quiet 2>/dev/null | grep -q 'shared feature "local"'; then
    echo "functions/$f builds shared with the local feature (in-memory store, dev outbox, fixed clock)"; exit 1
  fi
done
echo "none of $(ls functions | wc -l) functions enables it"

step "Template: cfn-lint"
"$venv/bin/cfn-lint" template.yaml waf.yaml
echo "cfn-lint: no errors"

step "AWS API emulator (moto server, one request at a time: see scripts/moto_atomic.py)"
moto_port=$(free_port)
"$venv/bin/python" "$root/scripts/moto_atomic.py" 127.0.0.1 "$moto_port" >"$logs/moto.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/moto-api/data.json" 30
echo "moto on 127.0.0.1:$moto_port"

export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-central-1
export AWS_EC2_METADATA_DISABLED=true

step "OpenID Connect peers from npm (tests/peers: oidc-provider, OpenID Certified, stands in for a bank)"
npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error
echo "oidc-provider $(node -p "require('./tests/peers/node_modules/oidc-provider/package.json').version")"

step "Rust tests (unit, handlers/events, gateway end-to-end, concurrency, store conformance and adapters on moto, the relying party against oidc-provider)"
cargo test --workspace --features e2e/emulator,e2e/peers --no-fail-fast

step "Run command smoke test (the README's first command, on a free port)"
cargo build -p pz-local --bins --quiet
gw_port=$(free_port)
env -u AWS_ENDPOINT_URL -u PZ_DEMO_CLERK_PASSWORD PZ_PORT="$gw_port" "$root/target/debug/pz-local" >"$logs/gateway.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$gw_port/api/slots" 30
"$venv/bin/python" - "$gw_port" "$logs/gateway.log" <<'PY'
import json, re, sys, urllib.request
base, log = f"http://127.0.0.1:{sys.argv[1]}", open(sys.argv[2]).read()
slots = json.load(urllib.request.urlopen(base + "/api/slots"))
assert slots["slots"], "demo slots are listed"
page = urllib.request.urlopen(base + "/wniosek").read().decode()
assert "Wyślij wniosek" in page and "Tryb lokalny" in page
clerk_page = urllib.request.urlopen(base + "/urzednik").read().decode()
assert "Panel urzędnika" in clerk_page and "Tryb lokalny" in clerk_page
outbox = json.load(urllib.request.urlopen(base + "/dev/outbox"))
assert outbox == {"messages": []}
# the demo clerk's password and TOTP secret are generated and printed once; it signs in
import base64, hashlib, hmac, struct, time
def totp(secret):
    mac = hmac.new(base64.b32decode(secret), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    o = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"
password = re.search(r"user urzednik, password (\S+) ", log).group(1)
secret = re.search(r"TOTP secret ([A-Z2-7]{32}) ", log).group(1)
assert f"otpauth://totp/Profil%20Zaufany:urzednik?secret={secret}&issuer=Profil%20Zaufany" in log
req = urllib.request.Request(base + "/api/clerk/login", json.dumps({"username": "urzednik", "password": password, "totp": totp(secret)}).encode(),
                             {"Content-Type": "application/json"})
resp = urllib.request.urlopen(req)
assert resp.status == 200 and "pz_clerk=" in resp.headers["Set-Cookie"]
print(f"gateway answered: {len(slots['slots'])} demo slots, form and clerk pages, empty outbox, demo clerk signs in")
PY

step "API contract: schemathesis by openapi.yaml against the local gateway (stranger, clerk, citizen)"
fuzz_port=$(free_port)
fuzz_password="Kontrakt-Api-$(date +%s)"
# a fresh 160-bit TOTP secret (base32) for the demo clerk of this run; the scripts compute its codes
export PZ_DEMO_CLERK_TOTP_SECRET=$(python3 -c 'import base64, os; print(base64.b32encode(os.urandom(20)).decode())')
env -u AWS_ENDPOINT_URL PZ_PORT="$fuzz_port" PZ_DEMO_CLERK_PASSWORD="$fuzz_password" "$root/target/debug/pz-local" >"$logs/gateway-schemathesis.log" 2>&1 &
fuzz_pid=$!
pids+=($fuzz_pid)
wait_for "http://127.0.0.1:$fuzz_port/api/slots" 30
(cd "$logs" && "$venv/bin/python" "$root/scripts/api_fuzz.py" "http://127.0.0.1:$fuzz_port" "$fuzz_password" 40) >"$logs/schemathesis.log" 2>&1 \
  || { tail -n 150 "$logs/schemathesis.log"; exit 1; }
grep -E "^--- |generated, |^schemathesis:" "$logs/schemathesis.log"
kill "$fuzz_pid"

step "Operator command: pz-clerk adds a clerk to DynamoDB (emulator), who signs in through the gateway with password and TOTP"
cli_table="cli-smoke-$(date +%s)"
# pz-clerk seals the TOTP secret with a key derived from the functions' hash key: both get the same one
export PZ_HASH_KEY=$(python3 -c 'import os; print(os.urandom(32).hex())')
echo 'Kontrola-Urzedu-7' | PZ_TABLE="$cli_table" "$root/target/debug/pz-clerk" add kontroler >"$logs/pz-clerk-add.log"
grep -q "otpauth://totp/Profil%20Zaufany:kontroler?secret=" "$logs/pz-clerk-add.log"
if echo 'Kontrola-Urzedu-7' | PZ_TABLE="$cli_table" "$root/target/debug/pz-clerk" add kontroler 2>/dev/null; then
  echo "a second clerk with the same username was accepted"; exit 1
fi
if echo 'haslo' | PZ_TABLE="$cli_table" "$root/target/debug/pz-clerk" add slabe_haslo 2>/dev/null; then
  echo "a weak password was accepted"; exit 1
fi
if echo 'Kontrola-Urzedu-7' | env -u PZ_HASH_KEY PZ_TABLE="$cli_table" "$root/target/debug/pz-clerk" add bez_klucza 2>/dev/null; then
  echo "a clerk was added without the functions' hash key (a TOTP secret no function could open)"; exit 1
fi
aws_port=$(free_port)
PZ_TABLE="$cli_table" PZ_PORT="$aws_port" "$root/target/debug/pz-local" >"$logs/gateway-aws.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$aws_port/api/slots" 30
"$venv/bin/python" - "$aws_port" "$logs/pz-clerk-add.log" "$root/target/debug/pz-clerk" "$cli_table" <<'PY'
import base64, hashlib, hmac, json, os, re, struct, subprocess, sys, time, urllib.error, urllib.request
base, added, pz_clerk, table = f"http://127.0.0.1:{sys.argv[1]}", open(sys.argv[2]).read(), sys.argv[3], sys.argv[4]
def secret_in(text):
    return re.search(r"secret=([A-Z2-7]{32})&", text).group(1)
def totp(secret, step):
    mac = hmac.new(base64.b32decode(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"
def login(password, code):
    req = urllib.request.Request(base + "/api/clerk/login", json.dumps({"username": "kontroler", "password": password, "totp": code}).encode(),
                                 {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers["Set-Cookie"].split(";")[0]
    except urllib.error.HTTPError as e:
        return e.code, None
def me(cookie):
    try:
        return urllib.request.urlopen(urllib.request.Request(base + "/api/clerk/me", headers={"Cookie": cookie})).status
    except urllib.error.HTTPError as e:
        return e.code
def cli(*args):
    return subprocess.run([pz_clerk, *args], env={**os.environ, "PZ_TABLE": table}, capture_output=True, text=True, check=True).stdout
step = int(time.time() // 30)
secret = secret_in(added)
assert login("Inne-Haslo-8", totp(secret, step - 1))[0] == 401
status, cookie = login("Kontrola-Urzedu-7", totp(secret, step - 1))
assert status == 200 and me(cookie) == 200
assert login("Kontrola-Urzedu-7", totp(secret, step - 1))[0] == 401, "a code works once"
new_secret = secret_in(cli("reset-totp", "kontroler"))
assert me(cookie) == 401, "reset-totp ends the session"
assert login("Kontrola-Urzedu-7", totp(secret, step))[0] == 401, "the old secret stops working"
status, cookie = login("Kontrola-Urzedu-7", totp(new_secret, step))
assert status == 200
cli("disable", "kontroler")
assert me(cookie) == 401, "disable ends the session"
assert login("Kontrola-Urzedu-7", totp(new_secret, step + 1))[0] == 401, "a disabled clerk cannot sign in"
print("pz-clerk wrote the clerk to DynamoDB; the gateway in AWS mode signs them in with password and TOTP; reset-totp and disable end the session")
PY

step "Operator command: pz-outbox lists dead letters and refuses to requeue what is not one"
PZ_TABLE="$cli_table" "$root/target/debug/pz-outbox" dead 2>&1 | tee "$logs/pz-outbox.log"
grep -q "0 dead letter(s)" "$logs/pz-outbox.log"
if PZ_TABLE="$cli_table" "$root/target/debug/pz-outbox" requeue no-such-message 2>/dev/null; then
  echo "a message that is not a dead letter was requeued"; exit 1
fi

step "Operator command: pz-point keeps the confirmation points; the application form's list shows a change at once"
PZ_TABLE="$cli_table" "$root/target/debug/pz-point" add urzad-testowy "Urząd Testowy" "ul. Próbna 2, 00-001 Warszawa" "pon.–pt. 8:00–16:00"
PZ_TABLE="$cli_table" "$root/target/debug/pz-point" list | tee "$logs/pz-point.log"
grep -q "^urzad-testowy" "$logs/pz-point.log"
if PZ_TABLE="$cli_table" "$root/target/debug/pz-point" add "Zly Id" "Urząd" "ul. A 1" "8-16" 2>/dev/null; then
  echo "a point with a malformed id was added"; exit 1
fi
points_listed() {
  "$venv/bin/python" -c 'import json, sys, urllib.request; print(" ".join(p["id"] for p in json.load(urllib.request.urlopen(sys.argv[1]))["points"]))' \
    "http://127.0.0.1:$aws_port/api/confirmation-points"
}
points_listed | grep -q "urzad-testowy"
PZ_TABLE="$cli_table" "$root/target/debug/pz-point" remove urzad-testowy
if points_listed | grep -q "urzad-testowy"; then echo "a removed point is still offered"; exit 1; fi
if PZ_TABLE="$cli_table" "$root/target/debug/pz-point" remove urzad-testowy 2>/dev/null; then
  echo "removing a point twice succeeded"; exit 1
fi
echo "pz-point added, listed and removed a point; the gateway in AWS mode offered it, then no more"

step "Operator command: pz-rp registers a relying service in the table; the provider takes it at once and lets it go at once"
cat > "$logs/pz-rp-client.json" <<JSON
{"client_id": "rp-testowy", "name": "Serwis Testowy", "redirect_uris": ["http://127.0.0.1:$aws_port/rp-testowy/callback"],
 "post_logout_redirect_uris": ["http://127.0.0.1:$aws_port/rp-testowy"], "scopes": ["profile", "email"]}
JSON
PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" add "$logs/pz-rp-client.json"
PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" list | tee "$logs/pz-rp.log"
grep -q "^rp-testowy	Serwis Testowy	none	profile email" "$logs/pz-rp.log"
PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" show rp-testowy | grep -q '"backchannel_logout_uri"' && { echo "pz-rp show invented a field"; exit 1; }
if echo '{"client_id": "zly id", "name": "X", "redirect_uris": ["http://example.pl/cb"]}' | PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" add - 2>/dev/null; then
  echo "a registration with a malformed id and a plain-http redirect was accepted"; exit 1
fi
authorize_status() {
  "$venv/bin/python" - "http://127.0.0.1:$aws_port" <<'PY'
import sys, urllib.error, urllib.parse, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
base = sys.argv[1]
q = urllib.parse.urlencode({"response_type": "code", "client_id": "rp-testowy", "redirect_uri": base + "/rp-testowy/callback",
    "scope": "openid profile", "state": "s", "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256"})
try:
    urllib.request.build_opener(NoRedirect).open(base + "/oauth2/authorize?" + q)
    print(200)
except urllib.error.HTTPError as e:
    print(e.code, e.headers.get("Location", ""))
PY
}
authorize_status | tee "$logs/pz-rp-authorize.log" | grep -q "^302 /logowanie?next=" || { cat "$logs/pz-rp-authorize.log"; echo "a registered service was not taken"; exit 1; }
PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" remove rp-testowy
authorize_status | grep -q "^400" || { echo "a removed service was still taken"; exit 1; }
if PZ_TABLE="$cli_table" "$root/target/debug/pz-rp" remove rp-testowy 2>/dev/null; then
  echo "removing a service twice succeeded"; exit 1
fi
echo "pz-rp registered, listed, showed and removed a service; the gateway in AWS mode took it at once, then refused it"

step "Lambda tools in $root/.venv-lambda: aws-sam-cli (sam, the Lambda Runtime Interface Emulator), cargo-lambda, zig"
lambda_venv="$root/.venv-lambda"
export SAM_CLI_TELEMETRY=0
if [ ! -x "$lambda_venv/bin/python" ]; then
  python3 -m venv "$lambda_venv"
fi
"$lambda_venv/bin/pip" install --quiet --disable-pip-version-check 'aws-sam-cli>=1.140,<2' 'cargo-lambda>=1.8,<2' 'ziglang>=0.13,<1'
rie=$(ls "$lambda_venv"/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64)
echo "sam $("$lambda_venv/bin/sam" --version | awk '{print $NF}'), $("$lambda_venv/bin/cargo-lambda" lambda --version), emulator $rie"

step "The functions' release bootstraps, built once (cargo lambda build --release: x86_64, glibc-versioned linking by zig)"
build_started=$(date +%s)
# The functions and the floor binaries they are measured against, in one build (explicit
# packages: a workspace-wide build would turn on shared's "local" feature in the functions).
packages=$(for f in functions/*; do printf -- '-p %s ' "${f#functions/}"; done)
# shellcheck disable=SC2086
PATH="$lambda_venv/bin:$PATH" cargo lambda build --release $packages -p pz-floors -p pz-floor-logs 2>&1 | grep -v '^ *Compiling ' || true
for f in functions/*; do
  [ -f "target/lambda/${f#functions/}/bootstrap" ] || { echo "no bootstrap for ${f#functions/}"; exit 1; }
done
echo "$(ls target/lambda/*/bootstrap | wc -l) bootstraps (functions and floors) in target/lambda in $(( $(date +%s) - build_started )) s"

step "Each function against the floor for the clients it links: stripped size and exec -> first /next, median of 15, side by side (BENCHMARKS.md)"
cargo run --quiet -p pz-bench --bin startup -- 15 target/lambda | tee "$logs/startup.md"

step "Deploy build check: sam validate --lint, and every bootstrap an x86-64 ELF needing glibc <= 2.34 (provided.al2023)"
"$lambda_venv/bin/sam" validate --lint --template template.yaml --region eu-central-1
"$venv/bin/python" "$root/scripts/check_artifacts.py" target/lambda 2.34 | tee "$logs/artifacts.txt"

step "Lambda mode: the application, the clerk's confirmation and a push sign-in through the bootstraps under the Runtime Interface Emulator, on moto"
lambda_started=$(date +%s)
# A fresh emulator: the one the Rust tests filled (thousands of tables and items, one
# request at a time) answers forty times slower.
lambda_moto_port=$(free_port)
"$venv/bin/python" "$root/scripts/moto_atomic.py" 127.0.0.1 "$lambda_moto_port" >"$logs/moto-lambda.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$lambda_moto_port/moto-api/data.json" 30
export AWS_ENDPOINT_URL="http://127.0.0.1:$lambda_moto_port"
export PZ_LAMBDA_BOOTSTRAPS="$root/target/lambda" PZ_LAMBDA_RIE="$rie" PZ_LAMBDA_LOGS="$logs/lambda"
cargo test -p e2e --features lambda --test lambda_mode -- --test-threads=1
lambda_port=$(free_port)
PZ_TABLE="lambda-smoke-$(date +%s)" PZ_PORT="$lambda_port" "$root/target/debug/pz-local" --lambda >"$logs/gateway-lambda.log" 2>&1 &
lambda_pid=$!
pids+=($lambda_pid)
wait_for "http://127.0.0.1:$lambda_port/api/slots" 60
"$venv/bin/python" - "$lambda_port" <<'PY'
import json, sys, urllib.error, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
slots = json.load(urllib.request.urlopen(base + "/api/slots"))
assert slots["slots"], "demo slots are listed by the list-slots bootstrap"
points = json.load(urllib.request.urlopen(base + "/api/confirmation-points"))
assert len(points["points"]) == 3, "the demo confirmation points, from the table, by the list-slots bootstrap"
assert "Wyślij wniosek" in urllib.request.urlopen(base + "/wniosek").read().decode()
# The identity-providers bootstrap: the demo banks from its environment and their client
# secrets from Secrets Manager (moto), then a trip started: discovery at the gateway's demo
# bank, a state stored in DynamoDB, the browser sent to the bank's authorize page.
providers = json.load(urllib.request.urlopen(base + "/api/identity-providers"))["providers"]
assert [p["id"] for p in providers] == ["bank-demo", "envelo-demo"], providers
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
try:
    urllib.request.build_opener(Stay).open(base + "/idp/bank-demo/start?purpose=create")
    raise AssertionError("no redirect to the bank")
except urllib.error.HTTPError as e:
    assert e.code == 302 and "/dev/idp/bank-demo/authorize?" in e.headers["Location"], (e.code, e.headers["Location"])
    assert "pz_idp_state=" in e.headers["Set-Cookie"]
print(f"pz-local --lambda answered: {len(slots['slots'])} slots, {len(points['points'])} confirmation points, the form page, {len(providers)} identity providers and a trip to Bank Demo started")
PY
kill "$lambda_pid"
echo "the Lambda-mode stage took $(( $(date +%s) - lambda_started )) s"

step "Browser tests: the pages in Debian Chromium (playwright-core) with axe-core, tests/browser"
if [ ! -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >"$logs/apt-chromium.log"
fi
dpkg-query -W -f='chromium ${Version}\n' chromium 2>/dev/null || echo "chromium at /usr/bin/chromium"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
browser_port=$(free_port)
clerk_password="Przeglad-Stron-$(date +%s)"
env -u AWS_ENDPOINT_URL PZ_PORT="$browser_port" PZ_DEMO_CLERK_PASSWORD="$clerk_password" "$root/target/debug/pz-local" >"$logs/gateway-browser.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$browser_port/api/slots" 30
rm -rf "$root/target/browser"
(cd tests/browser && PZ_BASE_URL="http://127.0.0.1:$browser_port" PZ_CLERK_PASSWORD="$clerk_password" PZ_BROWSER_OUT="$root/target/browser" \
  node --test --test-concurrency=1 --test-timeout=120000 --test-reporter=spec ./*.test.mjs)
"$venv/bin/python" - "$root/target/browser/axe.jsonl" <<'PY'
import collections, json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
impacts = collections.Counter(v["impact"] for r in runs for v in r["violations"])
pages = sorted({r["url"].split("?")[0].split("#")[0] for r in runs})
print(f"axe-core WCAG 2.1 AA: {len(runs)} screens on {len(pages)} pages, violations by impact: {dict(impacts) or 'none'}")
for r in runs:
    for v in r["violations"]:
        print(f"  {v['impact']}: {v['id']} on {r['label']} ({r['url']})")
PY
echo "screenshots: target/browser/<test>/"

step "All tests passed"
