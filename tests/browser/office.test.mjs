// Confirmation at an office: a citizen chooses "Potwierdzę w punkcie potwierdzającym" on the
// application form (a Ukrainian mobile number on the way), gets the email with the number
// and the 14 days, and a clerk at the counter finds the application by PESEL and that
// number and confirms it after checking the ID document.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, person, lastSmsCode, emailsTo, CLERK_PASSWORD, clerkCode } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("apply to confirm at an office, then a clerk finds it at the counter and confirms it", async () => {
  const citizen = new Person(browser, "office", "obywatel");
  const p = { ...person(551), phone: "+380 67 123 4551" };
  const page = await citizen.open("/wniosek");

  await step(page, "the first three steps filled in, with a foreign mobile number", async () => {
    await page.getByLabel("Nazwa użytkownika").fill(p.username);
    await page.getByLabel("Hasło").fill(p.password);
    await page.locator("section[data-step=login]").getByRole("button", { name: "Dalej" }).click();
    await page.getByLabel("Pierwsze imię").fill(p.first_name);
    await page.getByLabel("Nazwisko").fill(p.last_name);
    await page.getByLabel("Numer PESEL").fill(p.pesel);
    await page.locator("section[data-step=personal]").getByRole("button", { name: "Dalej" }).click();
    await page.getByLabel("Adres e-mail").fill(p.email);
    await page.getByLabel("Numer telefonu komórkowego").fill(p.phone);
    await page.locator("section[data-step=contact]").getByRole("button", { name: "Dalej" }).click();
  });

  await step(page, "the office choice with the points, their addresses and hours, and the 14 days", async () => {
    await page.getByRole("heading", { name: "Potwierdzenie tożsamości" }).waitFor();
    await page.getByLabel("Potwierdzę w punkcie potwierdzającym").check();
    await page.getByRole("heading", { name: "Punkt potwierdzający" }).waitFor();
    assert.ok(!(await page.locator("#video-choice").isVisible()), "the video slots are hidden");
    await page.locator("section[data-step=slot]").getByRole("button", { name: "Dalej" }).click();
    await page.locator("#err-point_id").filter({ hasText: "Wybierz punkt potwierdzający" }).waitFor();
    await page.getByText("14 dni").first().waitFor();
    await page.getByLabel(/Urząd Dzielnicy Demo \(Warszawa\)/).check();
    await axe(page, "wniosek: punkt potwierdzający");
    await citizen.shot(page, "office-choice");
    await page.locator("section[data-step=slot]").getByRole("button", { name: "Dalej" }).click();
    await page.locator("#summary").getByText(/Urząd Dzielnicy Demo/).waitFor();
  });

  await step(page, "'Wyślij wniosek', the code to the Ukrainian number, and the done page naming the point", async () => {
    await page.getByRole("button", { name: "Wyślij wniosek" }).click();
    await page.locator("#code-sent").filter({ hasText: "+380 *** *** 551" }).waitFor();
    await page.getByLabel("Kod z SMS-a").fill(await lastSmsCode(p.phone));
    await page.locator("#code-form").getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wniosek został wysłany" }).waitFor();
    await page.locator("#done-slot").filter({ hasText: "Urząd Dzielnicy Demo (Warszawa)" }).waitFor();
    await axe(page, "wniosek: wysłany (punkt potwierdzający)");
  });

  const mails = await emailsTo(p.email, (m) => m.length >= 2);
  const number = mails[1].body.match(/Numer wniosku: (\S+)/)[1];
  assert.match(mails[1].body, /w ciągu 14 dni/);

  const clerk = new Person(browser, "office", "urzednik");
  const panel = await clerk.open("/urzednik");
  await step(panel, "the clerk signed in, with the counter search on the day view", async () => {
    await panel.getByLabel("Nazwa użytkownika").fill("urzednik");
    await panel.getByLabel("Hasło").fill(CLERK_PASSWORD);
    await panel.getByLabel("Kod z aplikacji uwierzytelniającej").fill(await clerkCode());
    await panel.getByRole("button", { name: "Zaloguj się" }).click();
    await panel.getByRole("heading", { name: "Punkt potwierdzający: wyszukaj wniosek" }).waitFor();
  });

  await step(panel, "a wrong number to find nothing, then the right one (typed in lower case) to open the application", async () => {
    await panel.getByLabel("Numer PESEL").fill(p.pesel);
    await panel.getByLabel("Numer wniosku").fill("AAAA-BBBB-CCCC");
    await panel.getByRole("button", { name: "Wyszukaj wniosek" }).click();
    await panel.locator("#status").filter({ hasText: "Nie znaleziono wniosku" }).waitFor();
    await axe(panel, "panel urzędnika: punkt potwierdzający, nie znaleziono");
    await panel.getByLabel("Numer PESEL").fill(p.pesel);
    await panel.getByLabel("Numer wniosku").fill(number.toLowerCase());
    await panel.getByRole("button", { name: "Wyszukaj wniosek" }).click();
    await panel.locator("#app-number").filter({ hasText: number }).waitFor();
    await panel.locator("#app-data").getByText("w punkcie potwierdzającym").waitFor();
    assert.ok(!(await panel.locator("#link-form").isVisible()), "no call link at a counter");
    await axe(panel, "panel urzędnika: wniosek z punktu potwierdzającego");
    await clerk.shot(panel, "counter-application");
  });

  await step(panel, "the ID checked and the identity confirmed", async () => {
    await panel.getByLabel("Obywatel potwierdził, że dane we wniosku są prawdziwe i aktualne").check();
    await panel.getByLabel("Przedstawiono zasady tymczasowego profilu zaufanego").check();
    await panel.getByLabel("Sprawdzono dokument tożsamości").check();
    await panel.getByRole("button", { name: "Potwierdź" }).click();
    await panel.locator("#notice").filter({ hasText: "Tożsamość potwierdzona" }).waitFor();
  });
  const after = await emailsTo(p.email, (m) => m.length >= 3);
  assert.equal(after[2].subject, "Twój tymczasowy profil zaufany jest aktywny");

  for (const [who, pg, label] of [[citizen, page, "wniosek: wysłany"], [clerk, panel, "panel urzędnika: wniosek"]]) {
    await pg.setViewportSize({ width: 360, height: 800 });
    await axe(pg, `${label} (360 px)`);
    await fitsWidth(pg, label);
    who.assertNoScriptErrors();
  }
  await citizen.close();
  await clerk.close();
});
