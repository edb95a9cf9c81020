// "To nie ja": opened from the link in a security notification (`/to-nie-ja#<token>`);
// one button secures the profile.
"use strict";

const token = /^[a-z0-9]{58}$/.test(location.hash.slice(1)) ? location.hash.slice(1) : "";

async function disavow() {
  clearErrors();
  const r = await api("POST", "/api/disavow", { token });
  if (!r.ok) { showError(r.data); return; }
  history.replaceState(null, "", location.pathname);
  $("ask").hidden = true;
  $("done").hidden = false;
  $("done-title").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  if (!token) { $("ask").hidden = true; $("no-link").hidden = false; return; }
  $("disavow").addEventListener("click", disavow);
});
