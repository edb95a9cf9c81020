// "Przez bank lub Envelo" on /wniosek and "Zaloguj się przez bank lub Envelo" on /logowanie:
// a link per registered provider, and the reason a trip to one came back without success.
"use strict";

(() => {
  // The words of each reason, asked for when shown (`t` is common.js's).
  const REASONS = {
    cancelled: () => t("js.idp.cancelled"),
    stale: () => t("js.idp.stale"),
    provider_failed: () => t("js.idp.provider_failed"),
    claims_missing: () => t("js.idp.claims_missing"),
    pesel_refused: () => t("js.idp.pesel_refused"),
    no_profile: () => t("js.idp.no_profile"),
    profile_not_active: () => t("js.idp.profile_not_active"),
    password_blocked: () => t("js.idp.password_blocked"),
  };

  async function load() {
    const box = document.querySelector("[data-idp-purpose]");
    if (!box) return;
    const purpose = box.dataset.idpPurpose;
    const reason = new URLSearchParams(location.search).get("idp_error");
    const status = document.getElementById("status");
    if (reason && status) {
      status.textContent = (Object.prototype.hasOwnProperty.call(REASONS, reason) ? REASONS[reason] : REASONS.provider_failed)();
      if (reason === "no_profile") {
        const link = Object.assign(document.createElement("a"), { href: "/wniosek#przez-bank", textContent: t("js.idp.create_profile") });
        status.append(" ", link);
      }
    }
    let data;
    try {
      const resp = await fetch("/api/identity-providers", { headers: { Accept: "application/json" }, credentials: "same-origin" });
      data = resp.ok ? await resp.json() : { providers: [] };
    } catch (e) {
      data = { providers: [] };
    }
    const list = box.querySelector("ul");
    const next = new URLSearchParams(location.search).get("next");
    for (const p of data.providers) {
      const query = new URLSearchParams({ purpose });
      if (purpose === "login" && next) query.set("next", next);
      const link = Object.assign(document.createElement("a"), { href: `/idp/${encodeURIComponent(p.id)}/start?${query}`, className: "button-link" });
      link.textContent = p.demo ? t("js.idp.demo", { name: p.name }) : p.name;
      const li = document.createElement("li");
      li.append(link);
      list.append(li);
    }
    box.hidden = data.providers.length === 0;
  }

  document.addEventListener("DOMContentLoaded", load);
})();
