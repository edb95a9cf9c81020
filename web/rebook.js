// Re-booking after a missed call: the link from the email carries `#<application id>.<token>`
// in the fragment (never sent to a server in a URL); the token goes in the POST body.
"use strict";

const label = (iso) => new Date(iso).toLocaleString(LOCALE, { dateStyle: "full", timeStyle: "short" });

function linkParts() {
  const m = location.hash.match(/^#([0-9a-z]{26})\.([0-9a-z]{32})$/);
  return m ? { id: m[1], token: m[2] } : null;
}

async function loadSlots() {
  const resp = await fetch("/api/slots", { headers: { Accept: "application/json" } });
  const data = await resp.json().catch(() => ({ slots: [] }));
  const box = $("slots");
  box.replaceChildren();
  for (const s of data.slots || []) {
    const div = document.createElement("div");
    div.className = "choice";
    const input = document.createElement("input");
    input.type = "radio"; input.name = "slot"; input.value = s.id; input.id = "slot-" + s.id;
    const lab = document.createElement("label");
    lab.htmlFor = input.id;
    lab.textContent = t("js.rebook.slot", { time: label(s.start), free: s.free });
    div.append(input, lab);
    box.append(div);
  }
  if (!box.children.length) $("status").textContent = t("js.rebook.no_slots");
}

document.addEventListener("DOMContentLoaded", () => {
  const link = linkParts();
  if (!link) {
    $("status").textContent = t("js.rebook.link_incomplete");
    $("rebook-form").hidden = true;
    return;
  }
  loadSlots();
  $("rebook-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("status").textContent = "";
    $("err-slot_id").textContent = "";
    const chosen = document.querySelector("input[name=slot]:checked");
    if (!chosen) { $("err-slot_id").textContent = t("js.rebook.choose_slot"); return; }
    const resp = await fetch(`/api/applications/${link.id}/rebook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: link.token, slot_id: chosen.value }),
    });
    const data = await resp.json().catch(() => ({}));
    if (!resp.ok) {
      if (data.field === "slot_id") { $("err-slot_id").textContent = data.message; loadSlots(); }
      else $("status").textContent = data.message || t("js.rebook.error");
      return;
    }
    $("rebook-form").hidden = true;
    $("done").hidden = false;
    $("done-text").textContent = t("js.rebook.done", { time: label(data.slot.start), app: data.video_app });
    $("done-title").focus();
  });
});
