#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need (moto server and
# cfn-lint in a virtualenv), starts the AWS API emulator on 127.0.0.1, runs every test,
# lints the template, smoke-tests the run command, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/.venv-test"
logs="$root/target/test-logs"
mkdir -p "$logs"

step() { printf '\n==> %s\n' "$*"; }

step "Python tools (moto server, cfn-lint) in $venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5.1,<6' 'cfn-lint>=1.20,<2'

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

step "Template: cfn-lint"
"$venv/bin/cfn-lint" template.yaml
echo "cfn-lint: no errors"

step "AWS API emulator (moto server)"
moto_port=$(free_port)
"$venv/bin/moto_server" -H 127.0.0.1 -p "$moto_port" >"$logs/moto.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/moto-api/data.json" 30
echo "moto on 127.0.0.1:$moto_port"

export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-central-1
export AWS_EC2_METADATA_DISABLED=true

step "Rust tests (unit, handlers/events, gateway end-to-end, concurrency, store conformance and adapters on moto)"
cargo test --workspace --features e2e/emulator --no-fail-fast

step "Run command smoke test (the README's first command, on a free port)"
cargo build -p pz-local --quiet
gw_port=$(free_port)
env -u AWS_ENDPOINT_URL PZ_PORT="$gw_port" "$root/target/debug/pz-local" >"$logs/gateway.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$gw_port/api/slots" 30
"$venv/bin/python" - "$gw_port" <<'PY'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
slots = json.load(urllib.request.urlopen(base + "/api/slots"))
assert slots["slots"], "demo slots are listed"
page = urllib.request.urlopen(base + "/wniosek").read().decode()
assert "Wyślij wniosek" in page and "Tryb lokalny" in page
outbox = json.load(urllib.request.urlopen(base + "/dev/outbox"))
assert outbox == {"messages": []}
print(f"gateway answered: {len(slots['slots'])} demo slots, form page, empty outbox")
PY

step "All tests passed"
