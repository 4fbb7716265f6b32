// Account mail to a shop's owners: an operator paused (suspended), reopened (restored) or closed the shop.
// The reason is the operator's own words; the appeal line names where to write.
import { emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import { defineTemplate, LinkUrl, MultiLine, renderEmail, SingleLine } from "./email-layout.ts";

export const SHOP_STATUS_KINDS = ["suspended", "restored", "closed"] as const;

export const ShopStatusPayload = z
  .object({
    name: SingleLine,
    shopName: SingleLine,
    kind: z.enum(SHOP_STATUS_KINDS),
    reason: MultiLine,
    contactEmail: SingleLine,
    dashboardUrl: LinkUrl,
  })
  .strict();
export type ShopStatusPayload = z.input<typeof ShopStatusPayload>;

export const shopStatus = defineTemplate(
  ShopStatusPayload,
  (locale, { name, shopName, kind, reason, contactEmail, dashboardUrl }) => {
    const text = emailMessages[locale];
    return renderEmail({
      locale,
      subject: text[`shopStatusSubject_${kind}`](shopName),
      heading: text[`shopStatusHeading_${kind}`],
      intro: [
        text.greeting(name),
        text[`shopStatusLead_${kind}`](shopName),
        { kind: "box", label: text.shopStatusReason, text: reason },
      ],
      button: { label: text.shopStatusButton, url: dashboardUrl },
      linkFallback: text.linkFallback,
      outro: kind === "restored" ? [] : [text.shopStatusAppeal(contactEmail)],
      signature: text.teamSignature,
    });
  },
);
