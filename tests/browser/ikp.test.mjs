// The IKP demo (a relying service) signs a patient in through the trusted profile:
// OpenID Connect with PKCE from the browser, the profile's sign-in page in between.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, activeProfile, lastSmsCode } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("the IKP demo signs a patient in through the trusted profile", async () => {
  const p = await activeProfile(531);
  const patient = new Person(browser, "ikp", "pacjent");
  const page = await patient.open("/ikp");

  await step(page, "'Zaloguj przez profil zaufany' to lead to the profile's sign-in page for a service", async () => {
    await axe(page, "IKP demo");
    await page.getByRole("button", { name: "Zaloguj przez profil zaufany" }).click();
    await page.waitForURL("**/logowanie?next=**");
    await page.locator("#for-service").filter({ hasText: "Serwis zewnętrzny" }).waitFor();
    await axe(page, "logowanie dla serwisu zewnętrznego");
    await patient.shot(page, "sign-in-for-service");
  });

  await step(page, "password and SMS code to lead to the consent page, which names IKP and what it will receive", async () => {
    await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
    await page.getByLabel("Hasło").fill(p.password);
    await page.getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/zgoda?**");
    await page.getByText("Serwis Internetowe Konto Pacjenta (demo) chce otrzymać z Twojego profilu zaufanego:").waitFor();
    const list = await page.locator("#scopes").textContent();
    assert.match(list, /imię, nazwisko i data urodzenia/);
    assert.doesNotMatch(list, /PESEL/);
    await axe(page, "zgoda na przekazanie danych");
    await patient.shot(page, "consent");
  });

  await step(page, "'Anuluj' to bring the patient back to IKP with nothing, and the next try to ask again", async () => {
    await page.getByRole("button", { name: "Anuluj" }).click();
    await page.waitForURL("**/ikp");
    await page.locator("#status").filter({ hasText: "access_denied" }).waitFor();
    await page.getByRole("button", { name: "Zaloguj przez profil zaufany" }).click();
    await page.waitForURL("**/zgoda?**");
  });

  await step(page, "'Zgadzam się' (by keyboard) to bring the patient back to IKP, by name", async () => {
    await page.getByRole("button", { name: "Zgadzam się" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/ikp/callback**");
    await page.getByRole("heading", { name: `Witaj, ${p.first_name} ${p.last_name}` }).waitFor();
    assert.match(await page.locator("#birthdate").textContent(), /\d{4}/);
    assert.doesNotMatch(await page.locator("main").textContent(), new RegExp(p.pesel), "IKP demo is not given the PESEL");
    await axe(page, "IKP demo: zalogowany pacjent");
    await patient.shot(page, "ikp-patient");
  });

  await step(page, "a second visit to go straight through with the session", async () => {
    await page.goto(page.url().split("/ikp")[0] + "/ikp");
    await page.getByRole("button", { name: "Zaloguj przez profil zaufany" }).click();
    await page.getByRole("heading", { name: `Witaj, ${p.first_name} ${p.last_name}` }).waitFor();
  });

  await step(page, "the citizen's history to show the service sign-in", async () => {
    await page.goto(page.url().split("/ikp")[0] + "/profil");
    await page.locator("#history tr").filter({ hasText: "Logowanie do serwisu" }).first().waitFor();
  });

  await step(page, "IKP among the connected services with what it received, and 'Cofnij dostęp'", async () => {
    const row = page.locator("#services tr").filter({ hasText: "Internetowe Konto Pacjenta (demo)" });
    await row.waitFor();
    assert.match(await row.textContent(), /imię, nazwisko, data urodzenia/);
    assert.doesNotMatch(await row.textContent(), /PESEL/, "not given the PESEL");
    await axe(page, "szczegóły profilu: połączone serwisy");
    await row.getByRole("button", { name: /Cofnij dostęp/ }).click();
    await page.locator("#notice").filter({ hasText: "Cofnięto dostęp serwisu" }).waitFor();
    await page.locator("#no-services").waitFor();
    await page.locator("#history tr").filter({ hasText: "Cofnięcie dostępu serwisu" }).first().waitFor();
  });

  const ikpUrl = page.url().split("/profil")[0] + "/ikp";
  await step(page, "IKP again: asked to agree again after 'Cofnij dostęp', then the patient by name", async () => {
    await page.goto(ikpUrl);
    await page.getByRole("button", { name: "Zaloguj przez profil zaufany" }).click();
    await page.waitForURL("**/zgoda?**");
    await page.getByRole("button", { name: "Zgadzam się" }).click();
    await page.getByRole("heading", { name: `Witaj, ${p.first_name} ${p.last_name}` }).waitFor();
  });

  await step(page, "'Wyloguj' on /profil in another tab to end the IKP session too (back-channel logout)", async () => {
    const profile = await patient.open("/profil");
    await profile.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await profile.waitForURL(/\/$/);
    await page.locator("#status").filter({ hasText: "Twoja sesja w profilu zaufanym zakończyła się" }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator("#patient").isHidden(), true);
    await axe(page, "IKP demo: sesja zakończona w profilu zaufanym");
    await patient.shot(page, "ikp-ended-elsewhere");
    await profile.close();
  });

  await step(page, "'Wyloguj' in IKP to sign out of IKP and of the trusted profile, and come back to IKP", async () => {
    await page.getByRole("button", { name: "Zaloguj przez profil zaufany" }).click();
    await page.waitForURL("**/logowanie?next=**");
    await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
    await page.getByLabel("Hasło").fill(p.password);
    await page.getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.getByRole("heading", { name: `Witaj, ${p.first_name} ${p.last_name}` }).waitFor();
    // A logout request that names no session is asked about, and can be declined.
    const asked = await patient.open("/oauth2/logout");
    await asked.waitForURL("**/wylogowanie");
    await asked.getByText("Czy chcesz wylogować się z profilu zaufanego na tym urządzeniu?").waitFor();
    await axe(asked, "wylogowanie: pytanie");
    await asked.getByRole("link", { name: "Zostań zalogowany" }).click();
    await asked.waitForURL("**/profil");
    await asked.getByRole("button", { name: "Wyloguj", exact: true }).waitFor();
    await asked.close();
    await page.getByRole("button", { name: "Wyloguj" }).click();
    await page.waitForURL(/\/ikp$/);
    await page.locator("#status").filter({ hasText: "Wylogowano z IKP i z profilu zaufanego." }).waitFor();
    await page.goto(page.url().replace(/\/ikp$/, "/profil"));
    await page.locator("#signed-out").waitFor();
  });
  patient.assertNoScriptErrors();
  await patient.close();
});
