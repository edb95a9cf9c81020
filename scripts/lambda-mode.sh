#!/usr/bin/env bash
# Lambda mode in one command: installs moto and the Lambda tools (aws-sam-cli with the
# Lambda Runtime Interface Emulator, cargo-lambda, zig) in virtualenvs, builds the
# functions' release bootstraps (cargo lambda build --release, incremental), starts moto on
# 127.0.0.1 and serves every route through the bootstraps under the emulator
# (pz-local --lambda). Ctrl-C stops the gateway, the emulators and moto.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
for venv in .venv-test .venv-lambda; do [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; done
.venv-test/bin/pip install --quiet --disable-pip-version-check 'moto[server]>=5.1,<6'
.venv-lambda/bin/pip install --quiet --disable-pip-version-check 'aws-sam-cli>=1.140,<2' 'cargo-lambda>=1.8,<2' 'ziglang>=0.13,<1'
packages=$(for f in functions/*; do printf -- '-p %s ' "${f#functions/}"; done)
echo "building the release bootstraps (the first build takes about ten minutes)..."
# shellcheck disable=SC2086
PATH="$root/.venv-lambda/bin:$PATH" cargo lambda build --release $packages
cargo build --quiet -p pz-local
port=$(.venv-test/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv-test/bin/python scripts/moto_atomic.py 127.0.0.1 "$port" >target/moto-lambda-mode.log 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-central-1
export AWS_EC2_METADATA_DISABLED=true PZ_TABLE="${PZ_TABLE:-profil-zaufany}"
until .venv-test/bin/python -c "import urllib.request; urllib.request.urlopen('$AWS_ENDPOINT_URL/moto-api/data.json')" 2>/dev/null; do sleep 0.2; done
"$root/target/debug/pz-local" --lambda
