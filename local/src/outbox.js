// The local outbox page: the copy buttons put the value on the clipboard. The page gives
// the words in its language on <main> (data-copied, data-selected, data-locale).
"use strict";

document.addEventListener("click", async (ev) => {
  const button = ev.target.closest("button[data-copy]");
  if (!button) return;
  const value = button.dataset.copy;
  const done = document.getElementById("copied");
  const words = document.getElementById("main").dataset;
  try {
    await navigator.clipboard.writeText(value);
    done.textContent = words.copied.replace("{value}", () => value);
  } catch (_) {
    // No clipboard access (plain http on another host): select the value instead.
    const code = button.parentElement.querySelector("code");
    if (code) window.getSelection().selectAllChildren(code);
    done.textContent = words.selected;
  }
});
for (const t of document.querySelectorAll("time[datetime]")) {
  t.textContent = new Date(t.getAttribute("datetime")).toLocaleString(document.getElementById("main").dataset.locale, { dateStyle: "short", timeStyle: "medium" });
}
