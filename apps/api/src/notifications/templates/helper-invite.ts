// Shop mail: an owner (or staff) invites someone to help run the shop.
import { emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import { Count, defineTemplate, LinkUrl, renderEmail, SingleLine } from "./email-layout.ts";

export const HelperInvitePayload = z
  .object({
    shopName: SingleLine,
    inviterName: SingleLine,
    acceptUrl: LinkUrl,
    expiresInHours: Count,
  })
  .strict();
export type HelperInvitePayload = z.input<typeof HelperInvitePayload>;

export const helperInvite = defineTemplate(
  HelperInvitePayload,
  (locale, { shopName, inviterName, acceptUrl, expiresInHours }) => {
    const text = emailMessages[locale];
    return renderEmail({
      locale,
      subject: text.inviteSubject(inviterName, shopName),
      heading: text.inviteHeading(shopName),
      intro: [text.inviteGreeting, text.inviteLead(inviterName, shopName)],
      button: { label: text.inviteButton, url: acceptUrl },
      linkFallback: text.linkFallback,
      outro: [text.inviteOpenFor(String(expiresInHours)), text.inviteIgnore(inviterName)],
      signature: text.teamSignature,
    });
  },
);
