// "Wylogowanie": where /oauth2/logout leads when a service asks to sign the citizen out
// without naming this session (asked here; once signed out, the same request goes on, so
// the service gets the browser back at its registered address), or when there is nowhere
// else to go.
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
  if (location.search) { location.assign(`/oauth2/logout${location.search}`); return; }
  done();
}

document.addEventListener("DOMContentLoaded", async () => {
  $("logout").addEventListener("click", logout);
  const r = await api("GET", "/api/profile");
  if (!r.ok) { done(); return; }
  csrf = r.data.csrf_token;
  $("ask").hidden = false;
});
