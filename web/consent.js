// "Zgoda na przekazanie danych": a relying service asks for the citizen's data the first
// time, when it asks for more, or when it asks again (prompt=consent). "Zgadzam się" goes
// back to the sign-in of the service; "Anuluj" back to the service with nothing.
"use strict";

const SCOPES = {
  openid: t("js.consent.scope_openid"),
  profile: t("js.consent.scope_profile"),
  email: t("js.consent.scope_email"),
  phone: t("js.consent.scope_phone"),
  pesel: t("js.consent.scope_pesel"),
};

const query = location.search.slice(1);
let csrf = "";

async function answer(decision) {
  clearErrors();
  for (const b of document.querySelectorAll("#ask button")) b.disabled = true;
  const r = await api("POST", "/api/consent", { query, decision }, csrf);
  if (!r.ok) {
    for (const b of document.querySelectorAll("#ask button")) b.disabled = false;
    showError(r.data);
    return;
  }
  location.assign(r.data.redirect);
}

async function load() {
  const r = await api("GET", `/api/consent?${query}`);
  if (r.status === 401) {
    location.assign(`/logowanie?${new URLSearchParams({ next: `/oauth2/authorize?${query}` })}`);
    return;
  }
  if (!r.ok) { $("no-request").hidden = false; showError(r.data); return; }
  csrf = r.data.csrf_token;
  $("question").textContent = t("js.consent.question", { service: r.data.client_name });
  for (const scope of r.data.scopes) {
    const li = document.createElement("li");
    li.textContent = SCOPES[scope] || scope;
    if (r.data.new_scopes.length < r.data.scopes.length && r.data.new_scopes.includes(scope)) li.textContent = t("js.consent.scope_new", { scope: li.textContent });
    $("scopes").append(li);
  }
  $("ask").hidden = false;
  $("title").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  $("allow").addEventListener("click", () => answer("allow"));
  $("deny").addEventListener("click", () => answer("deny"));
  if (!query) { $("no-request").hidden = false; return; }
  load();
});
