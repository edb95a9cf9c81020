// "Przez bank lub Envelo" on /wniosek and "Zaloguj się przez bank lub Envelo" on /logowanie:
// a link per registered provider, and the reason a trip to one came back without success.
"use strict";

(() => {
  const REASONS = {
    cancelled: "Logowanie w banku lub w Envelo zostało przerwane albo odrzucone. Możesz spróbować ponownie.",
    stale: "Ta próba logowania w banku lub w Envelo wygasła albo została już użyta. Zacznij od nowa.",
    provider_failed: "Nie udało się potwierdzić Twojej tożsamości w banku lub w Envelo. Spróbuj ponownie za chwilę.",
    claims_missing: "Bank lub Envelo nie przekazał Twojego imienia, nazwiska i numeru PESEL. Spróbuj ponownie albo wypełnij wniosek.",
    pesel_refused: "Bank lub Envelo przekazał numer PESEL, który nie jest prawidłowy. Skontaktuj się z bankiem albo wypełnij wniosek.",
    no_profile: "Nie masz jeszcze profilu zaufanego. Możesz go założyć od razu przez bank lub Envelo.",
    profile_not_active: "Twój profil zaufany nie jest aktywny: czeka na potwierdzenie tożsamości przez urzędnika, wygasł albo został zamknięty.",
    password_blocked: "Po zgłoszeniu „To nie ja” logowanie jest zablokowane, dopóki nie ustawisz nowego hasła. Skorzystaj z „Nie pamiętasz hasła?”.",
  };

  async function load() {
    const box = document.querySelector("[data-idp-purpose]");
    if (!box) return;
    const purpose = box.dataset.idpPurpose;
    const reason = new URLSearchParams(location.search).get("idp_error");
    const status = document.getElementById("status");
    if (reason && status) {
      status.textContent = REASONS[reason] || REASONS.provider_failed;
      if (reason === "no_profile") {
        const link = Object.assign(document.createElement("a"), { href: "/wniosek#przez-bank", textContent: "Załóż profil zaufany" });
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
      link.textContent = p.demo ? `${p.name} (demo)` : p.name;
      const li = document.createElement("li");
      li.append(link);
      list.append(li);
    }
    box.hidden = data.providers.length === 0;
  }

  document.addEventListener("DOMContentLoaded", load);
})();
