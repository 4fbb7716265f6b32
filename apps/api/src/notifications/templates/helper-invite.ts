// Shop mail: an owner (or staff) invites someone to help run the shop.
import { z } from "zod";
import { Count, countWithUnit, defineTemplate, LinkUrl, renderEmail, SingleLine } from "./email-layout.ts";

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
    if (locale === "zh-CN") {
      return renderEmail({
        locale,
        subject: `${inviterName} 邀请您一起打理「${shopName}」`,
        heading: `加入「${shopName}」`,
        intro: ["您好：", `${inviterName} 邀请您在 Stall 上一起打理「${shopName}」。接受邀请就可以开始了。`],
        button: { label: "接受邀请", url: acceptUrl },
        linkFallback: "如果按钮打不开，请把下面的链接复制到浏览器里打开：",
        outro: [
          `这份邀请 ${expiresInHours} 小时内有效。`,
          `如果您不认识 ${inviterName}，或者没想到会收到这封邮件，请忽略它。`,
        ],
        signature: "—— Stall 团队",
      });
    }
    return renderEmail({
      locale,
      subject: `${inviterName} invited you to help with ${shopName}`,
      heading: `Join ${shopName} on Stall`,
      intro: [
        "Hello,",
        `${inviterName} would like your help running ${shopName} on Stall. Accept the invitation to get started.`,
      ],
      button: { label: "Accept the invitation", url: acceptUrl },
      linkFallback: "If the button does not work, copy this link into your browser:",
      outro: [
        `The invitation is open for ${countWithUnit(expiresInHours, "hour", "hours")}.`,
        `If you don't know ${inviterName} or weren't expecting this, you can ignore this email.`,
      ],
      signature: "— The Stall team",
    });
  },
);
