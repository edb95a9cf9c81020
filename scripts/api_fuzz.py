"""Schemathesis against the local gateway, by openapi.yaml: first as a stranger on every
route, then signed in as a clerk on the clerk routes, then signed in as a citizen on the
citizen's routes (sessions made through the API, codes read from /dev/outbox).

Every check of schemathesis runs except `positive_data_acceptance`: JSON Schema cannot say
what a PESEL checksum, the password rules or a free slot are, so a schema-valid body may
rightly get a 400. A 5xx, an undocumented status, a body or header off the schema, an
accepted invalid body, or a 405 without `Allow` fails the run.

Usage: PZ_DEMO_CLERK_TOTP_SECRET=<base32> python scripts/api_fuzz.py BASE_URL CLERK_PASSWORD [MAX_EXAMPLES]
(the secret the gateway was started with, for the clerk's TOTP code)
"""

import base64
import hashlib
import hmac
import http.cookiejar
import struct
import time
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

BASE, CLERK_PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2]
EXAMPLES = sys.argv[3] if len(sys.argv) > 3 else "40"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ST = os.path.join(os.path.dirname(sys.executable), "schemathesis")


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(BASE + path, data, headers, method=method)
        try:
            with self.opener.open(req) as resp:
                text = resp.read().decode()
                return resp.status, json.loads(text) if text else {}
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path}: {e.code} {e.read().decode()}")

    def cookie(self, name):
        return next(c.value for c in self.jar if c.name == name)

    def cookie_header(self, name, csrf_cookie):
        """The session cookie and the flow's CSRF cookie that goes with the session's token."""
        return f"{name}={self.cookie(name)}; {csrf_cookie}={self.csrf}"


def totp(secret, step=None):
    """RFC 6238: 6 digits, 30 s, HMAC-SHA-1, from the base32 secret."""
    step = int(time.time() // 30) if step is None else step
    mac = hmac.new(base64.b32decode(secret.upper()), struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def last_code(phone):
    messages = json.load(urllib.request.urlopen(BASE + "/dev/outbox"))["messages"]
    body = [m for m in messages if m["channel"] == "sms" and m["to"] == phone][-1]["body"]
    return re.search(r"\b\d{6}\b", body).group(0)


def pesel():
    digits = "850101" + str(os.getpid() % 10000).zfill(4)
    total = sum(int(d) * w for d, w in zip(digits, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]))
    return digits + str((10 - total % 10) % 10)


def sessions():
    clerk = Browser()
    code = totp(os.environ["PZ_DEMO_CLERK_TOTP_SECRET"])
    me = clerk.call("POST", "/api/clerk/login", {"username": "urzednik", "password": CLERK_PASSWORD, "totp": code})[1]
    clerk.csrf = me["csrf_token"]

    citizen = Browser()
    slot = citizen.call("GET", "/api/slots")[1]["slots"][0]["id"]
    n = os.getpid() % 1_000_000
    user, phone = f"Fuzz_{n}", f"+48500{n:06d}"
    form = {"username": user, "password": "Zielony7Las!", "first_name": "Anna", "last_name": "Testowa",
            "pesel": pesel(), "email": f"fuzz{n}@example.pl", "phone": phone, "slot_id": slot, "video_app": "Skype"}
    created = citizen.call("POST", "/api/applications", form)[1]
    citizen.csrf = created["csrf_token"]
    app = created["application_id"]
    citizen.call("POST", f"/api/applications/{app}/sms-code", {})
    citizen.call("POST", f"/api/applications/{app}/verify", {"code": last_code(phone)})
    clerk.call("POST", f"/api/clerk/applications/{app}/confirm",
               {"data_confirmed": True, "rules_presented": True, "id_document_checked": True})

    signed_in = Browser()
    challenge = signed_in.call("POST", "/api/login", {"login": user, "password": "Zielony7Las!"})[1]
    signed_in.csrf = challenge.get("csrf_token")
    done = signed_in.call("POST", f"/api/login/{challenge['challenge_id']}/confirm", {"code": last_code(phone)})[1]
    signed_in.csrf = done["csrf_token"]
    return clerk, signed_in


def run(label, *args):
    print(f"\n--- schemathesis: {label}", flush=True)
    cmd = [ST, "--config-file", os.path.join(ROOT, "scripts", "schemathesis.toml"), "run", os.path.join(ROOT, "openapi.yaml"), "--url", BASE, "-n", EXAMPLES, "--no-color",
           "--exclude-checks", "positive_data_acceptance", "--seed", "20261123", *args]
    result = subprocess.run(cmd)
    if result.returncode != 0:
        raise SystemExit(f"schemathesis ({label}) failed")


clerk, citizen = sessions()
run("a stranger, every route")
run("a clerk, the clerk routes",
    "--include-path-regex", "^/api/clerk/", "--exclude-path", "/api/clerk/logout",
    "-H", f"Cookie: {clerk.cookie_header('pz_clerk', 'pz_clerk_csrf')}", "-H", f"X-CSRF-Token: {clerk.csrf}")
run("a signed-in citizen, the citizen's routes",
    "--include-path-regex", "^/(api/(profile|devices|login)|oauth2/)", "--exclude-path", "/api/logout",
    "-H", f"Cookie: {citizen.cookie_header('pz_session', 'pz_csrf')}", "-H", f"X-CSRF-Token: {citizen.csrf}")
print("\nschemathesis: no server errors, no answers off the schema")
