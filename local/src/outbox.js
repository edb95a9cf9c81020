// The local outbox page: "Kopiuj kod" / "Kopiuj link" put the value on the clipboard.
"use strict";

document.addEventListener("click", async (ev) => {
  const button = ev.target.closest("button[data-copy]");
  if (!button) return;
  const value = button.dataset.copy;
  const done = document.getElementById("copied");
  try {
    await navigator.clipboard.writeText(value);
    done.textContent = `Skopiowano: ${value}`;
  } catch (_) {
    // No clipboard access (plain http on another host): select the value instead.
    const code = button.parentElement.querySelector("code");
    if (code) window.getSelection().selectAllChildren(code);
    done.textContent = "Zaznaczono — skopiuj klawiszami Ctrl+C.";
  }
});
for (const t of document.querySelectorAll("time[datetime]")) {
  t.textContent = new Date(t.getAttribute("datetime")).toLocaleString("pl-PL", { dateStyle: "short", timeStyle: "medium" });
}
