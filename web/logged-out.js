// "Wylogowanie": where /oauth2/logout leads when a service asks to sign the citizen out
// without naming this session (asked here), or when there is nowhere else to go.
"use strict";

let csrf = "";

function done() {
  $("ask").hidden = true;
  $("done").hidden = false;
  $("done-title").focus();
}

async function logout() {
  clearErrors();
  const r = await api("POST", "/api/logout", {}, csrf);
  if (!r.ok && r.status !== 401) { showError(r.data); return; }
  done();
}

document.addEventListener("DOMContentLoaded", async () => {
  $("logout").addEventListener("click", logout);
  const r = await api("GET", "/api/profile");
  if (!r.ok) { done(); return; }
  csrf = r.data.csrf_token;
  $("ask").hidden = false;
});
