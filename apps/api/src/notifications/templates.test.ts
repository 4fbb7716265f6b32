import { describe, expect, it } from "vitest";
import {
  renderNotification,
  TemplateError,
  type TemplateLocale,
  type TemplateName,
  templateNames,
  toTemplateLocale,
} from "./templates.ts";

const resetUrl = "https://stall.test/reset-password?token=abc&user=usr_1";
const acceptUrl = "https://stall.test/invites/accept?token=def&shop=shop_1";

const passwordReset = { name: "Mei Lin", resetUrl, expiresInMinutes: 30 };
const helperInvite = { shopName: "Mei's Bakery", inviterName: "Mei Lin", acceptUrl, expiresInHours: 48 };

type Case = {
  template: TemplateName;
  locale: TemplateLocale;
  payload: Record<string, unknown>;
  subject: string;
  url: string;
  /** Sentences the text part must hold (payload values appear as given). */
  text: string[];
};

const cases: Case[] = [
  {
    template: "password_reset",
    locale: "en",
    payload: passwordReset,
    subject: "Reset your Stall password",
    url: resetUrl,
    text: ["Hi Mei Lin,", "Choose a new password:", "30 minutes", "Your password will stay the same."],
  },
  {
    template: "password_reset",
    locale: "zh-CN",
    payload: passwordReset,
    subject: "重置您的 Stall 密码",
    url: resetUrl,
    text: ["Mei Lin，您好：", "设置新密码：", "30 分钟内有效", "您的密码不会改变"],
  },
  {
    template: "helper_invite",
    locale: "en",
    payload: helperInvite,
    subject: "Mei Lin invited you to help with Mei's Bakery",
    url: acceptUrl,
    text: ["Mei Lin would like your help running Mei's Bakery on Stall.", "Accept the invitation:", "48 hours"],
  },
  {
    template: "helper_invite",
    locale: "zh-CN",
    payload: helperInvite,
    subject: "Mei Lin 邀请您一起打理「Mei's Bakery」",
    url: acceptUrl,
    text: ["Mei Lin 邀请您在 Stall 上一起打理「Mei's Bakery」", "接受邀请：", "48 小时内有效"],
  },
];

describe("renderNotification", () => {
  it("covers every registered template in both locales", () => {
    const covered = new Set(cases.map((c) => `${c.template}/${c.locale}`));
    expect([...covered].sort()).toEqual(templateNames.flatMap((name) => [`${name}/en`, `${name}/zh-CN`]).sort());
  });

  it.each(cases)("$template in $locale", ({ template, locale, payload, subject, url, text }) => {
    const email = renderNotification(template, locale, payload);
    expect(email.subject).toBe(subject);
    for (const sentence of text) expect(email.text).toContain(sentence);
    expect(email.text).toContain(`\n${url}\n`);

    const escapedUrl = url.replaceAll("&", "&amp;");
    expect(email.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${locale}"`));
    expect(email.html).toContain('<meta charset="utf-8">');
    // The button is a real link, and the same URL is shown as text for when it does not work.
    expect(email.html.split(`<a href="${escapedUrl}"`)).toHaveLength(3);
    expect(email.html).toContain(`>${escapedUrl}</a>`);
    expect(email.html).not.toContain(url); // the raw `&` never reaches the HTML
    expect(email.html).not.toMatch(/<style|<script/i);
  });

  it("escapes every payload value in the HTML and keeps the text part as typed", () => {
    const attack = `<script>alert("x")</script> & 'co'`;
    const reset = renderNotification("password_reset", "en", { ...passwordReset, name: attack });
    const invite = renderNotification("helper_invite", "zh-CN", {
      ...helperInvite,
      shopName: attack,
      inviterName: attack,
    });
    for (const email of [reset, invite]) {
      expect(email.html).not.toContain("<script>");
      expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
      expect(email.text).toContain(attack);
    }
    expect(invite.subject).toContain(attack); // headers are encoded by the mailer, not HTML-escaped
  });

  it("says minute, not minutes, for one", () => {
    const email = renderNotification("password_reset", "en", { ...passwordReset, expiresInMinutes: 1 });
    expect(email.text).toContain("the next 1 minute.");
  });

  it.each([
    { name: "a missing field", payload: { name: "Mei", expiresInMinutes: 30 }, field: "resetUrl" },
    { name: "an empty name", payload: { ...passwordReset, name: "  " }, field: "name" },
    { name: "a javascript: link", payload: { ...passwordReset, resetUrl: "javascript:alert(1)" }, field: "resetUrl" },
    { name: "a name over two lines", payload: { ...passwordReset, name: "Mei\r\nBcc: x@y.test" }, field: "name" },
    { name: "a fractional expiry", payload: { ...passwordReset, expiresInMinutes: 1.5 }, field: "expiresInMinutes" },
    { name: "an unexpected field", payload: { ...passwordReset, token: "secret-token" }, field: "token" },
  ])("refuses $name", ({ payload, field }) => {
    const render = () => renderNotification("password_reset", "en", payload);
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(`Invalid payload for notification template "password_reset"`);
    expect(render).toThrow(field);
  });

  it("never puts payload values in its error message", () => {
    const render = () =>
      renderNotification("password_reset", "en", { ...passwordReset, resetUrl: "ftp://secret-token-value" });
    expect(render).toThrow(TemplateError);
    expect(render).not.toThrow("secret-token-value");
  });

  it.each(["order_shipped", "constructor", "__proto__", ""])("refuses the unknown template %j", (template) => {
    expect(() => renderNotification(template, "en", {})).toThrow(
      `Unknown notification template "${template}"; known templates: password_reset, helper_invite`,
    );
  });

  it("refuses a locale it does not have", () => {
    expect(() => renderNotification("password_reset", "fr" as TemplateLocale, passwordReset)).toThrow(
      'Unsupported locale "fr"',
    );
  });
});

describe("toTemplateLocale", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["en", "en"],
    ["en-GB", "en"],
    ["fr", "en"],
    ["", "en"],
  ])("%j -> %j", (stored, expected) => {
    expect(toTemplateLocale(stored)).toBe(expected);
  });
});
