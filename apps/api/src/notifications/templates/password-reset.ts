// Account mail: a link to choose a new password. The payload never holds the password or its hash;
// the token lives only inside resetUrl.
import { z } from "zod";
import { Count, countWithUnit, defineTemplate, LinkUrl, renderEmail, SingleLine } from "./email-layout.ts";

export const PasswordResetPayload = z
  .object({
    name: SingleLine,
    resetUrl: LinkUrl,
    expiresInMinutes: Count,
  })
  .strict();
export type PasswordResetPayload = z.input<typeof PasswordResetPayload>;

export const passwordReset = defineTemplate(PasswordResetPayload, (locale, { name, resetUrl, expiresInMinutes }) => {
  if (locale === "zh-CN") {
    return renderEmail({
      locale,
      subject: "重置您的 Stall 密码",
      heading: "重置密码",
      intro: [`${name}，您好：`, "我们收到了重置您 Stall 账户密码的请求。请点击下面的按钮，设置一个新密码。"],
      button: { label: "设置新密码", url: resetUrl },
      linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
      outro: [
        `这个链接只能用一次，${expiresInMinutes} 分钟内有效。`,
        "如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。",
      ],
      signature: "—— Stall 团队",
    });
  }
  return renderEmail({
    locale,
    subject: "Reset your Stall password",
    heading: "Reset your password",
    intro: [
      `Hi ${name},`,
      "We got a request to reset the password for your Stall account. Tap the button below to choose a new one.",
    ],
    button: { label: "Choose a new password", url: resetUrl },
    linkFallback: "If the button does not work, copy this link into your browser:",
    outro: [
      `The link works once and only for the next ${countWithUnit(expiresInMinutes, "minute", "minutes")}.`,
      "If you did not ask for this, you can ignore this email. Your password will stay the same.",
    ],
    signature: "— The Stall team",
  });
});
