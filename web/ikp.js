// The IKP demo: a relying service (public client "ikp-demo") signing the patient in
// through the trusted profile with the authorization code flow, PKCE S256, state and nonce;
// "Wyloguj" signs out of both (RP-Initiated Logout with the ID token as the hint), and
// a sign-out on the profile's side ends the patient's session here too (the demo's
// back-channel logout URI, asked every few seconds; local mode only).
"use strict";

const CLIENT_ID = "ikp-demo";
const redirectUri = () => `${location.origin}/ikp/callback`;
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function signIn() {
  const flow = { state: random(16), nonce: random(16), verifier: random(32) };
  sessionStorage.setItem("ikp-flow", JSON.stringify(flow));
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(flow.verifier)));
  const q = new URLSearchParams({
    response_type: "code", client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: "openid profile",
    state: flow.state, nonce: flow.nonce, code_challenge: challenge, code_challenge_method: "S256",
  });
  location.assign(`/oauth2/authorize?${q}`);
}

function claimsOf(idToken) {
  const part = idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const json = decodeURIComponent(Array.from(atob(part), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
  return JSON.parse(json);
}

async function callback() {
  const q = new URLSearchParams(location.search);
  const flow = JSON.parse(sessionStorage.getItem("ikp-flow") || "null");
  sessionStorage.removeItem("ikp-flow");
  history.replaceState(null, "", "/ikp");
  if (q.get("error")) { $("status").textContent = t("js.ikp.sign_in_failed", { error: q.get("error") }); return; }
  if (!flow || q.get("state") !== flow.state) { $("status").textContent = t("js.ikp.bad_state"); return; }
  const form = new URLSearchParams({
    grant_type: "authorization_code", code: q.get("code") || "", redirect_uri: redirectUri(),
    client_id: CLIENT_ID, code_verifier: flow.verifier,
  });
  const resp = await fetch("/oauth2/token", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form });
  const tokens = await resp.json().catch(() => ({}));
  if (!resp.ok) { $("status").textContent = t("js.ikp.sign_in_failed", { error: tokens.error || resp.status }); return; }
  if (claimsOf(tokens.id_token).nonce !== flow.nonce) { $("status").textContent = t("js.ikp.bad_nonce"); return; }
  const info = await fetch("/oauth2/userinfo", { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  const me = await info.json().catch(() => ({}));
  if (!info.ok) { $("status").textContent = t("js.ikp.userinfo_failed"); return; }
  $("welcome").hidden = true;
  $("patient").hidden = false;
  $("given-name").textContent = me.given_name;
  $("family-name").textContent = me.family_name;
  $("birthdate").textContent = day(me.birthdate);
  $("sub").textContent = me.sub;
  $("patient-title").textContent = t("js.ikp.welcome_name", { given: me.given_name, family: me.family_name });
  $("patient-title").focus();
  const claims = claimsOf(tokens.id_token);
  sessionStorage.setItem("ikp-session", JSON.stringify({ idToken: tokens.id_token, sid: claims.sid, sub: claims.sub, since: claims.iat }));
  watchSession();
}

/** "Wyloguj": out of IKP and of the trusted profile, back here with our state. */
function signOut() {
  const session = JSON.parse(sessionStorage.getItem("ikp-session") || "null");
  sessionStorage.removeItem("ikp-session");
  if (!session) { location.assign("/ikp"); return; }
  const state = random(16);
  sessionStorage.setItem("ikp-logout-state", state);
  const q = new URLSearchParams({ id_token_hint: session.idToken, post_logout_redirect_uri: `${location.origin}/ikp`, state });
  location.assign(`/oauth2/logout?${q}`);
}

function endedElsewhere() {
  sessionStorage.removeItem("ikp-session");
  $("patient").hidden = true;
  $("welcome").hidden = false;
  $("status").textContent = t("js.ikp.ended_elsewhere");
}

/** Asks the demo's back end whether the profile told it the session ended. */
function watchSession() {
  const timer = setInterval(async () => {
    const session = JSON.parse(sessionStorage.getItem("ikp-session") || "null");
    if (!session) { clearInterval(timer); return; }
    const q = new URLSearchParams({ sid: session.sid, sub: session.sub, since: session.since });
    const r = await fetch(`/dev/ikp/session?${q}`).catch(() => null);
    if (!r || r.status === 404) { clearInterval(timer); return; } // a deployment without the demo's back end
    const body = await r.json().catch(() => ({}));
    if (body.active === false) { clearInterval(timer); endedElsewhere(); }
  }, 2000);
}

/** Back from "Wyloguj" (our state): signed out of both. */
function afterSignOut() {
  const q = new URLSearchParams(location.search);
  const expected = sessionStorage.getItem("ikp-logout-state");
  sessionStorage.removeItem("ikp-logout-state");
  if (!q.get("state")) return;
  history.replaceState(null, "", "/ikp");
  $("status").textContent = expected && q.get("state") === expected
    ? t("js.ikp.signed_out")
    : t("js.ikp.bad_logout_state");
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in").addEventListener("click", signIn);
  $("sign-out").addEventListener("click", signOut);
  if (location.pathname === "/ikp/callback") callback();
  else afterSignOut();
});
