// A citizen with a confirmed profile signs in with the password and the SMS code, links
// the mObywatel app (the phone simulator), switches to push in "Szczegóły profilu", signs
// out and back in by picking the number in the app; and once goes on by SMS code when
// the phone is not at hand.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, activeProfile, lastSmsCode, person, BASE } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PHONE = { width: 360, height: 740 };

async function typePassword(page, login, password) {
  await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(login);
  await page.getByLabel("Hasło").fill(password);
  await page.getByRole("button", { name: "Dalej" }).click();
}

/** The browser shows a number; the phone picks the same one among three. */
async function approveOnPhone(page, phone, what) {
  const number = await step(page, `the number to pick in the app (${what})`, async () => {
    await page.locator("#match-number").filter({ hasText: /^\d{2}$/ }).waitFor();
    return (await page.locator("#match-number").textContent()).trim();
  });
  await step(phone, `the request (${what}) with ${number} among three numbers`, async () => {
    await phone.bringToFront();
    const card = phone.locator("#requests .msg").first();
    await card.waitFor();
    assert.equal(await card.locator(".choice-number").count(), 3);
    await card.getByRole("button", { name: `Wybierz ${number}` }).click();
    await phone.locator("#answered").filter({ hasText: "Potwierdzono" }).waitFor();
  });
  return number;
}

test("sign in by SMS, link the app, switch to push, sign in by approving in the app", async () => {
  const p = await activeProfile(521);
  const citizen = new Person(browser, "sign-in", "obywatel");
  const page = await citizen.open("/logowanie");

  await step(page, "a wrong password to be refused with the same words as an unknown user", async () => {
    await axe(page, "logowanie");
    await typePassword(page, p.username, "Zle-Haslo-1");
    await page.locator("#status").filter({ hasText: /\S/ }).waitFor();
    const wrong = await page.locator("#status").textContent();
    await typePassword(page, "Nie_Ma_Takiego", "Zle-Haslo-1");
    await page.locator("#status").filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.locator("#status").textContent(), wrong);
  });

  await step(page, "the SMS code step, then 'Szczegóły profilu'", async () => {
    await typePassword(page, p.username, p.password);
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await axe(page, "logowanie: kod SMS");
    await citizen.shot(page, "code");
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
    await page.locator("#p-username").filter({ hasText: p.username }).waitFor();
    assert.match(await page.locator("#p-method").textContent(), /kod SMS/);
    assert.match(await page.locator("#p-valid").textContent(), /20\d\d/);
    await page.locator("#history tr").filter({ hasText: "Logowanie" }).first().waitFor();
    await axe(page, "szczegóły profilu");
  });

  const phone = await citizen.open("/mobywatel", PHONE);
  await step(phone, "the app to link itself to the signed-in profile", async () => {
    await axe(phone, "mObywatel: niepołączona");
    await phone.getByRole("button", { name: "Połącz aplikację z profilem" }).click();
    await phone.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();
    await axe(phone, "mObywatel: połączona");
  });

  await step(page, "'Zmień metodę autoryzacji' to wait for the app's approval", async () => {
    await page.bringToFront();
    await page.reload();
    await page.locator("#p-device").filter({ hasText: "połączona" }).waitFor();
    await page.getByRole("button", { name: /Zmień metodę autoryzacji/ }).click();
    await page.getByRole("heading", { name: "Potwierdź w aplikacji mObywatel" }).waitFor();
    assert.match(await page.locator("#p-method").textContent(), /kod SMS/, "nothing changes before the app approves");
  });
  await step(phone, "the phone to show the request", async () => {
    await phone.locator("#requests .msg").filter({ hasText: "Zmiana metody autoryzacji" }).waitFor();
    await axe(phone, "mObywatel: żądanie");
    await citizen.shot(phone, "app-request");
  });
  await approveOnPhone(page, phone, "method change");
  await step(page, "the profile to use push notifications now", async () => {
    await page.bringToFront();
    await page.locator("#notice").filter({ hasText: "powiadomienia push" }).waitFor();
    await page.locator("#p-method").filter({ hasText: "powiadomienia push" }).waitFor();
    await citizen.shot(page, "profile-push");
    await page.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/");
  });

  await step(page, "signing in by email to wait for the app with a progress bar", async () => {
    await page.goto(page.url().replace(/\/$/, "") + "/logowanie");
    await typePassword(page, p.email, p.password);
    await page.getByRole("heading", { name: "Potwierdź logowanie w aplikacji mObywatel" }).waitFor();
    const left = Number(await page.locator("#push-progress").getAttribute("value"));
    assert.ok(left > 100 && left <= 120, `about two minutes left (${left} s)`);
    await page.getByRole("button", { name: "Wyślij kod SMS" }).waitFor();
    await axe(page, "logowanie: czekanie na aplikację");
    await citizen.shot(page, "waiting-for-app");
  });
  await approveOnPhone(page, phone, "sign-in");
  await step(page, "the approved sign-in to land on 'Szczegóły profilu' with the history", async () => {
    await page.bringToFront();
    await page.waitForURL("**/profil");
    await page.locator("#history tr").filter({ hasText: "powiadomienie push" }).first().waitFor();
    const history = await page.locator("#history").textContent();
    for (const what of ["Połączenie aplikacji mObywatel", "Zmiana metody autoryzacji", "Wylogowanie", "Nieudane logowanie"]) assert.match(history, new RegExp(what));
    await fitsWidth(page, "szczegóły profilu");
    await citizen.shot(page, "profile-history");
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("a push sign-in goes on by SMS code when the phone is not at hand; extension in the app and by code", async () => {
  const p = await activeProfile(522);
  const citizen = new Person(browser, "sign-in-fallback", "obywatel", PHONE);
  const page = await citizen.open("/logowanie");
  await step(page, "signing in by SMS code on a phone-sized screen", async () => {
    await typePassword(page, p.username, p.password);
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await fitsWidth(page, "kod SMS na telefonie");
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
  });
  const phone = await citizen.open("/mobywatel", PHONE);
  await step(phone, "the app to link itself", async () => {
    await phone.getByRole("button", { name: "Połącz aplikację z profilem" }).click();
    await phone.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();
  });
  await step(page, "the switch to push, which only the app can confirm", async () => {
    await page.bringToFront();
    await page.reload();
    await page.getByRole("button", { name: /Zmień metodę autoryzacji/ }).click();
    await page.getByRole("heading", { name: "Potwierdź w aplikacji mObywatel" }).waitFor();
    assert.ok(await page.locator("#push-sms").isHidden(), "no SMS way around the app for a change to push");
  });
  await approveOnPhone(page, phone, "method change");
  await step(page, "push as the method, then signing out", async () => {
    await page.bringToFront();
    await page.locator("#p-method").filter({ hasText: "powiadomienia push" }).waitFor();
    await page.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/");
  });

  await step(page, "'Wyślij kod SMS' on the waiting screen to ask for the code instead", async () => {
    await page.goto(page.url().replace(/\/$/, "") + "/logowanie");
    await typePassword(page, p.username, p.password);
    await page.getByRole("heading", { name: "Potwierdź logowanie w aplikacji mObywatel" }).waitFor();
    await fitsWidth(page, "czekanie na aplikację na telefonie");
    await page.getByRole("button", { name: "Wyślij kod SMS" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.locator("#code-sent").filter({ hasText: "Wysłaliśmy kod" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
  });
  await step(phone, "the withdrawn push to be gone from the app", async () => {
    await phone.bringToFront();
    await phone.locator("#none").waitFor();
    assert.equal(await phone.locator("#requests .msg").count(), 0);
  });
  // An extension sets the validity to three years from the day of the extension (docs/rules.md §3.4).
  const threeYearsOn = new Date().getUTCFullYear() + 3;
  await step(page, "'Przedłuż ważność profilu' confirmed in the app to make it valid three years from today", async () => {
    await page.bringToFront();
    await page.getByRole("button", { name: "Przedłuż ważność profilu" }).click();
    await approveOnPhone(page, phone, "extension");
    await page.bringToFront();
    await page.locator("#notice").filter({ hasText: "ważny 3 lata od dziś" }).waitFor();
    await page.waitForFunction((y) => /\d{4}/.test(document.getElementById("p-valid").textContent) && Number(document.getElementById("p-valid").textContent.match(/(\d{4})/)[1]) === y, threeYearsOn);
    await axe(page, "szczegóły profilu po przedłużeniu (360 px)");
  });
  await step(page, "a second extension to go on by SMS code from the push screen, never stacked", async () => {
    await page.evaluate(() => { document.getElementById("notice").textContent = ""; });
    await page.getByRole("button", { name: "Przedłuż ważność profilu" }).click();
    await page.getByRole("heading", { name: "Potwierdź w aplikacji mObywatel" }).waitFor();
    await page.getByRole("button", { name: "Wyślij kod SMS" }).click();
    await page.getByRole("heading", { name: "Potwierdź kodem z SMS-a" }).waitFor();
    await page.locator("#code-sent").filter({ hasText: "Wysłaliśmy kod" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#notice").filter({ hasText: "ważny 3 lata od dziś" }).waitFor();
    await page.waitForFunction((y) => (document.getElementById("p-valid").textContent.match(/(\d{4})/) || [])[1] === String(y), threeYearsOn);
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("replacing the linked app asks for the SMS code; an application beside the session leaves 'Wyloguj' working", async () => {
  const p = await activeProfile(523);
  const citizen = new Person(browser, "app-replace", "obywatel");
  const page = await citizen.open("/logowanie");
  await step(page, "signing in by SMS code", async () => {
    await typePassword(page, p.username, p.password);
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
  });
  const oldPhone = await citizen.open("/mobywatel", PHONE);
  await step(oldPhone, "the first app to link at once", async () => {
    await oldPhone.getByRole("button", { name: "Połącz aplikację z profilem" }).click();
    await oldPhone.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();
  });

  // a new phone (its own browser), signed in to the same profile
  const other = new Person(browser, "app-replace", "nowy-telefon", PHONE);
  const login = await other.open("/logowanie?next=/mobywatel");
  await step(login, "signing in on the new phone", async () => {
    await typePassword(login, p.username, p.password);
    await login.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await login.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await login.getByRole("button", { name: "Potwierdź" }).click();
    await login.waitForURL("**/mobywatel");
  });
  await step(login, "linking the new phone to ask for the SMS code, not to replace the app at once", async () => {
    await login.getByRole("button", { name: "Połącz aplikację z profilem" }).click();
    await login.getByRole("heading", { name: "Potwierdź kodem z SMS-a" }).waitFor();
    await login.locator("#code-sent").filter({ hasText: "+48" }).waitFor();
    assert.ok(await login.locator("#linked").isHidden(), "not linked before the code");
    await axe(login, "mObywatel: kod przed połączeniem nowej aplikacji");
    await fitsWidth(login, "mObywatel: kod SMS");
    await other.shot(login, "link-code");
  });
  await step(oldPhone, "the old app to keep working until the code is typed", async () => {
    await oldPhone.bringToFront();
    await oldPhone.reload();
    await oldPhone.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();
  });
  await step(login, "the code to link the new phone", async () => {
    await login.bringToFront();
    await login.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await login.getByRole("button", { name: "Potwierdź" }).click();
    await login.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();
    await axe(login, "mObywatel: nowa aplikacja połączona");
  });
  await step(oldPhone, "the replaced app to find itself unlinked", async () => {
    await oldPhone.bringToFront();
    await oldPhone.getByRole("button", { name: "Połącz aplikację z profilem" }).waitFor();
  });

  await step(page, "an application sent from the same browser, then a failed sign-out that says so and stays", async () => {
    await page.bringToFront();
    const api = page.context().request;
    const slot = (await (await api.get(BASE + "/api/slots")).json()).slots.find((s) => s.free > 0);
    const r = await api.post(BASE + "/api/applications", { data: { ...person(524), slot_id: slot.id, video_app: "Skype" } });
    assert.equal(r.status(), 201, await r.text());
    await page.reload();
    await page.locator("#history tr").filter({ hasText: "Połączenie aplikacji mObywatel" }).nth(1).waitFor();
    await page.route("**/api/logout", (route) => route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: "csrf", message: "Brak lub nieprawidłowy token zabezpieczający (CSRF)." }) }));
    await page.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Nie udało się wylogować" }).waitFor();
    assert.ok(new URL(page.url()).pathname === "/profil", "the page stays");
    await axe(page, "szczegóły profilu: wylogowanie nie powiodło się");
    await page.unroute("**/api/logout");
  });
  await step(page, "'Wyloguj' to end the session for real", async () => {
    await page.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/");
    const r = await page.context().request.get(BASE + "/api/profile");
    assert.equal(r.status(), 401, "the session is gone");
  });
  citizen.assertNoScriptErrors();
  other.assertNoScriptErrors();
  await citizen.close();
  await other.close();
});
