// Account mail: a link to choose a new password. The payload never holds the password or its hash;
// the token lives only inside resetUrl.
import { emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import { Count, defineTemplate, LinkUrl, renderEmail, SingleLine } from "./email-layout.ts";

export const PasswordResetPayload = z
  .object({
    name: SingleLine,
    resetUrl: LinkUrl,
    expiresInMinutes: Count,
  })
  .strict();
export type PasswordResetPayload = z.input<typeof PasswordResetPayload>;

export const passwordReset = defineTemplate(PasswordResetPayload, (locale, { name, resetUrl, expiresInMinutes }) => {
  const text = emailMessages[locale];
  return renderEmail({
    locale,
    subject: text.resetSubject,
    heading: text.resetHeading,
    intro: [text.greeting(name), text.resetLead],
    button: { label: text.resetButton, url: resetUrl },
    linkFallback: text.linkFallback,
    outro: [text.resetOnceOnly(String(expiresInMinutes)), text.resetIgnore],
    signature: text.teamSignature,
  });
});
