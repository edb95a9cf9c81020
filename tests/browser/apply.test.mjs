// A citizen applies for a temporary trusted profile as a person would: from the home page,
// through the six steps, with one mistake the server finds (a PESEL with a wrong check
// digit) corrected on the way, a phone number changed from the summary, the SMS code
// copied from the outbox page, and both emails read there.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, person, pesel, e164, emailsTo } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("apply with a mistake corrected, the SMS code from the outbox, both emails", async () => {
  const citizen = new Person(browser, "apply", "obywatel");
  const p = person(501);
  const page = await citizen.open("/");

  await step(page, "the home page to lead to the application", async () => {
    await axe(page, "strona główna");
    await page.getByRole("link", { name: "Załóż tymczasowy profil zaufany" }).click();
    await page.waitForURL("**/wniosek");
    await page.getByRole("heading", { name: "Załóż tymczasowy profil zaufany" }).waitFor();
  });

  await step(page, "step 1 (login data) with its rules shown while typing", async () => {
    assert.equal(await page.locator(".steps li[aria-current=step]").textContent(), "Dane logowania");
    await page.getByLabel("Nazwa użytkownika").fill("Łucja.W");
    await page.getByLabel("Hasło").pressSequentially("zielony");
    assert.deepEqual(await page.locator("#password-rules li.met").evaluateAll((l) => l.map((li) => li.dataset.rule)), ["lower", "username"], "'zielony' has only lower-case letters");
    await page.getByLabel("Hasło").fill("");
    await page.getByLabel("Hasło").pressSequentially("Łucja.W-2026");
    assert.ok(!(await page.locator("#password-rules li[data-rule=username]").getAttribute("class") || "").includes("met"), "a password with the username in it breaks a rule");
    await page.getByRole("button", { name: "Dalej" }).click();
    await page.locator("#err-username").filter({ hasText: "bez polskich znaków" }).waitFor();
    assert.equal(await page.getByLabel("Nazwa użytkownika").getAttribute("aria-invalid"), "true");
    await axe(page, "wniosek: dane logowania z błędami");
    await citizen.shot(page, "rules-and-errors");
    await page.getByLabel("Nazwa użytkownika").fill(p.username);
    await page.getByLabel("Hasło").fill("");
    await page.getByLabel("Hasło").pressSequentially(p.password);
    assert.equal(await page.locator("#password-rules li.met").count(), 5, "all five rules are met");
    await page.getByRole("button", { name: "Dalej" }).click();
  });

  const wrongPesel = pesel(501).slice(0, 10) + String((Number(pesel(501)[10]) + 1) % 10);
  await step(page, "step 2 (personal data)", async () => {
    await page.getByRole("heading", { name: "Dane osobowe" }).waitFor();
    await page.getByLabel("Pierwsze imię").fill(p.first_name);
    await page.getByLabel("Nazwisko").fill(p.last_name);
    await page.getByLabel("Numer PESEL").fill(wrongPesel);
    await page.locator("section[data-step=personal]").getByRole("button", { name: "Dalej" }).click();
  });

  await step(page, "step 3 (contact data)", async () => {
    await page.getByRole("heading", { name: "Dane kontaktowe" }).waitFor();
    await page.getByLabel("Adres e-mail").fill(p.email);
    await page.getByLabel("Numer telefonu komórkowego").fill("500 100 999");
    await page.locator("section[data-step=contact]").getByRole("button", { name: "Dalej" }).click();
  });

  await step(page, "step 4 (the video-call slot) with the camera and microphone note", async () => {
    await page.getByRole("heading", { name: "Potwierdzenie tożsamości" }).waitFor();
    await page.getByRole("heading", { name: "Termin rozmowy wideo" }).waitFor();
    await page.getByText("kamerą i mikrofonem").waitFor();
    await page.locator("input[name=slot_id]").first().check();
    await page.getByLabel("Microsoft Teams").check();
    await axe(page, "wniosek: termin rozmowy");
    await page.locator("section[data-step=slot]").getByRole("button", { name: "Dalej" }).click();
  });

  await step(page, "step 5 (summary) to take me back to the phone number with its 'zmień' link", async () => {
    await page.getByRole("heading", { name: "Podsumowanie wniosku" }).waitFor();
    await page.getByRole("link", { name: "Zmień: Telefon" }).click();
    await page.getByRole("heading", { name: "Dane kontaktowe" }).waitFor();
    await page.getByLabel("Numer telefonu komórkowego").fill(p.phone);
    await page.locator("section[data-step=contact]").getByRole("button", { name: "Dalej" }).click();
    await page.locator("section[data-step=slot]").getByRole("button", { name: "Dalej" }).click();
    await page.locator("#summary").getByText(p.phone).waitFor();
    await axe(page, "wniosek: podsumowanie");
    await citizen.shot(page, "summary");
  });

  await step(page, "the server's PESEL error next to the PESEL field, on its step", async () => {
    await page.getByRole("button", { name: "Wyślij wniosek" }).click();
    await page.locator("#err-pesel").filter({ hasText: /PESEL/ }).waitFor();
    assert.ok(await page.getByLabel("Numer PESEL").isVisible(), "back on the personal-data step");
    assert.equal(await page.getByLabel("Numer PESEL").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#status").textContent(), /Popraw zaznaczone pola/);
    await axe(page, "wniosek: błąd serwera przy polu PESEL");
    await citizen.shot(page, "pesel-error");
  });

  await step(page, "the corrected application to be sent", async () => {
    await page.getByLabel("Numer PESEL").fill(p.pesel);
    for (const s of ["personal", "contact", "slot"]) await page.locator(`section[data-step=${s}]`).getByRole("button", { name: "Dalej" }).click();
    await page.locator("#summary").getByText(p.pesel).waitFor();
    await page.getByRole("button", { name: "Wyślij wniosek" }).click();
    await page.getByRole("heading", { name: "Kod autoryzacyjny" }).waitFor();
    await page.locator("#code-sent").filter({ hasText: "Wysłaliśmy SMS" }).waitFor();
    assert.equal(await page.locator(".steps li[aria-current=step]").textContent(), "Kod SMS");
    await axe(page, "wniosek: kod SMS");
  });

  const mailbox = await citizen.open("/dev/outbox");
  const code = await step(mailbox, "the SMS with the code, newest first, with a copy button", async () => {
    const sms = mailbox.locator(".msg-sms").first();
    assert.match(await sms.locator(".meta").textContent(), new RegExp(e164(p.phone).replace("+", "\\+")));
    const value = (await sms.locator("code.code").textContent()).trim();
    assert.match(value, /^\d{6}$/);
    await sms.getByRole("button", { name: "Kopiuj kod" }).click();
    await mailbox.locator("#copied").filter({ hasText: value }).waitFor();
    assert.equal(await mailbox.evaluate(() => navigator.clipboard.readText()), value, "the code is on the clipboard");
    await axe(mailbox, "skrzynka wiadomości");
    await citizen.shot(mailbox, "outbox-sms");
    return value;
  });

  await step(page, "'Dalej' with the code to end on the done page", async () => {
    await page.bringToFront();
    await page.getByLabel("Kod z SMS-a").fill(code);
    await page.locator("#code-form").getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wniosek został wysłany" }).waitFor();
    const done = await page.locator("#done").textContent();
    assert.match(done, /dwie wiadomości/);
    assert.match(done, /Nikomu nie podawaj tego numeru/);
    assert.match(await page.locator("#done-slot").textContent(), /Microsoft Teams/);
    await axe(page, "wniosek wysłany");
    await fitsWidth(page, "wniosek wysłany");
    await citizen.shot(page, "done");
  });

  await step(mailbox, "both emails in the outbox: account created, and the application number", async () => {
    const mails = await emailsTo(p.email, (m) => m.length >= 2);
    assert.equal(mails.length, 2, JSON.stringify(mails.map((m) => m.subject)));
    assert.ok(mails.some((m) => /numer wniosku/i.test(m.body) && /[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i.test(m.body)), "one email has the application number");
    await mailbox.reload();
    assert.equal(await mailbox.locator(".msg-email").filter({ hasText: p.email }).count(), 2);
    await citizen.shot(mailbox, "outbox-emails");
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("the application steps work on a 360 px phone screen and by keyboard alone", async () => {
  const citizen = new Person(browser, "apply-phone", "obywatel", { width: 360, height: 740 });
  const p = person(502);
  const page = await citizen.open("/wniosek");
  await step(page, "the first step to fit 360 px and be filled by keyboard", async () => {
    await fitsWidth(page, "wniosek na telefonie");
    await page.keyboard.press("Tab");
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement && document.activeElement.id === "username")) && guard++ < 10) await page.keyboard.press("Tab");
    await page.keyboard.type(p.username);
    await page.keyboard.press("Tab");
    await page.keyboard.type(p.password);
    assert.equal(await page.locator("#password-rules li.met").count(), 5);
    await page.locator("section[data-step=login] button[data-next]").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Dane osobowe" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Dane osobowe", "focus moves to the new step's heading");
    await axe(page, "wniosek na telefonie 360 px");
    await citizen.shot(page, "narrow-personal");
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});
