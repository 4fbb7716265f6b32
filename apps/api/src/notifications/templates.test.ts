import { FULFILMENT_TYPES, type FulfilmentType } from "@stall/domain";
import { describe, expect, it } from "vitest";
import {
  ORDER_UPDATE_KINDS,
  type OrderUpdateKind,
  renderNotification,
  TemplateError,
  type TemplateLocale,
  type TemplateName,
  templateNames,
  toTemplateLocale,
} from "./templates.ts";

const resetUrl = "https://stall.test/reset-password?token=abc&user=usr_1";
const acceptUrl = "https://stall.test/invites/accept?token=def&shop=shop_1";

const orderUrl = "https://meis-bakery.stall.test/orders/1042?token=ghi&lang=en";
const dashboardUrl = "https://stall.test/dashboard/orders/1042?shop=shop_1&tab=items";

const passwordReset = { name: "Mei Lin", resetUrl, expiresInMinutes: 30 };
const helperInvite = { shopName: "Mei's Bakery", inviterName: "Mei Lin", acceptUrl, expiresInHours: 48 };
const orderPlaced = {
  shopName: "Mei's Bakery",
  orderNumber: 1042,
  orderUrl,
  buyerName: "Sam Taylor",
  isPaid: false,
  items: [
    { title: "Sourdough loaf", variantTitle: "Large", quantity: 2, lineTotal: "$24.00" },
    { title: "Cinnamon scrolls", variantTitle: "", quantity: 1, lineTotal: "$15.50" },
  ],
  subtotal: "$39.50",
  discount: "$5.00",
  fulfilmentFee: "$4.00",
  tax: "$3.50",
  taxLabel: "GST",
  taxIncluded: true,
  total: "$38.50",
  fulfilmentSummary: "Pickup at Saturday market, Town green, Main Street",
  paymentSummary: "Pay by bank transfer",
  paymentInstructions: "Account name: Mei Lin\nBSB: 062-000\nReference: 1042",
  contact: "mei@bakery.test",
};
const shopStatus = {
  name: "Mei Lin",
  shopName: "Mei's Bakery",
  kind: "suspended",
  reason: "Photos of medicines for sale",
  contactEmail: "support@stall.test",
  dashboardUrl: "https://stall.test/shops/shop_1?from=email&about=status",
};
const paidOrder = { ...orderPlaced, isPaid: true, paymentSummary: "Paid by card", paymentInstructions: null };
const orderUpdate = {
  shopName: "Mei's Bakery",
  orderNumber: 1042,
  orderUrl,
  buyerName: "Sam Taylor",
  kind: "ready",
  fulfilmentType: "pickup",
  place: "Saturday market, Town green, 8 am to noon",
  amount: null,
  contact: "0412 345 678",
};
const ownerNewOrder = {
  shopName: "Mei's Bakery",
  orderNumber: 1042,
  buyerName: "Sam Taylor",
  total: "$38.50",
  itemCount: 3,
  fulfilmentSummary: "Pickup at Saturday market",
  paymentSummary: "Bank transfer",
  isPaid: false,
  dashboardUrl,
};

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
  {
    template: "order_placed",
    locale: "en",
    payload: orderPlaced,
    subject: "Order 1042 at Mei's Bakery: thank you",
    url: orderUrl,
    text: [
      "Hi Sam Taylor,",
      "Your order number is 1042.",
      "2 × Sourdough loaf (Large): $24.00\n1 × Cinnamon scrolls: $15.50\n",
      "Getting your order: Pickup at Saturday market, Town green, Main Street",
      "Payment: Pay by bank transfer",
      "See your order:",
      "Questions? Contact Mei's Bakery: mei@bakery.test",
      "— Mei's Bakery",
    ],
  },
  {
    template: "order_placed",
    locale: "zh-CN",
    payload: orderPlaced,
    subject: "「Mei's Bakery」已收到您的订单 1042，谢谢！",
    url: orderUrl,
    text: [
      "Sam Taylor，您好：",
      "您的订单号是 1042。",
      "Sourdough loaf（Large）× 2：$24.00\nCinnamon scrolls × 1：$15.50\n",
      "收货方式：Pickup at Saturday market",
      "付款：Pay by bank transfer",
      "查看订单：",
      "有问题请联系「Mei's Bakery」：mei@bakery.test",
      "—— Mei's Bakery",
    ],
  },
  {
    template: "order_update",
    locale: "en",
    payload: orderUpdate,
    subject: "Order 1042 at Mei's Bakery is ready to pick up",
    url: orderUrl,
    text: [
      "Your order 1042 is ready to pick up at Saturday market, Town green, 8 am to noon.",
      "See your order:",
      "Questions? Contact Mei's Bakery: 0412 345 678",
    ],
  },
  {
    template: "order_update",
    locale: "zh-CN",
    payload: orderUpdate,
    subject: "「Mei's Bakery」订单 1042 可以取货了",
    url: orderUrl,
    text: ["您的订单 1042 已经准备好，请到 Saturday market, Town green, 8 am to noon 取货。", "查看订单："],
  },
  {
    template: "owner_new_order",
    locale: "en",
    payload: ownerNewOrder,
    subject: "New order 1042: $38.50 from Sam Taylor",
    url: dashboardUrl,
    text: [
      "Sam Taylor ordered 3 items from Mei's Bakery, $38.50 in all.",
      "How they get it: Pickup at Saturday market",
      "Payment: Bank transfer",
      "It is not paid yet. Mark it paid when they pay.",
      "Open the order:",
    ],
  },
  {
    template: "owner_new_order",
    locale: "zh-CN",
    payload: ownerNewOrder,
    subject: "新订单 1042：Sam Taylor 下单，共 $38.50",
    url: dashboardUrl,
    text: [
      "Sam Taylor 在「Mei's Bakery」下了一笔订单：3 件商品，共 $38.50。",
      "这笔订单还没有付款。对方付款后，请把订单标记为已付款。",
      "打开订单：",
    ],
  },
  {
    template: "shop_status",
    locale: "en",
    payload: shopStatus,
    subject: "Mei's Bakery is paused by Stall",
    url: shopStatus.dashboardUrl,
    text: [
      'We have paused Mei\'s Bakery. Buyers see a "closed for now" page and cannot order until it opens again.',
      "Why\nPhotos of medicines for sale",
      "If you think this is a mistake, or want to tell us more, reply to support@stall.test.",
    ],
  },
  {
    template: "shop_status",
    locale: "zh-CN",
    payload: { ...shopStatus, kind: "restored" },
    subject: "Mei's Bakery 已重新开张",
    url: shopStatus.dashboardUrl,
    text: ["Mei's Bakery 已重新开张，买家可以像以前一样浏览和下单。"],
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
      `Unknown notification template "${template}"; known templates: password_reset, helper_invite, order_placed, order_update, owner_new_order`,
    );
  });

  it("refuses a locale it does not have", () => {
    expect(() => renderNotification("password_reset", "fr" as TemplateLocale, passwordReset)).toThrow(
      'Unsupported locale "fr"',
    );
  });
});

const attack = `<script>alert("x")</script> & 'co'`;
const escapedAttack = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;";

describe("order_placed", () => {
  const render = (payload: Record<string, unknown>, locale: TemplateLocale = "en") =>
    renderNotification("order_placed", locale, payload);

  it("lists the items in a real table: caption, column headers, one row header per item", () => {
    const { html } = render(orderPlaced);
    expect(html).toMatch(/<caption[^>]*>What you ordered<\/caption>/);
    const head = html.match(/<thead>([\s\S]*?)<\/thead>/)?.[1] ?? "";
    expect(head.match(/<th scope="col"[^>]*>[^<]*<\/th>/g)?.map((cell) => cell.replace(/<[^>]+>/g, ""))).toEqual([
      "Item",
      "Qty",
      "Amount",
    ]);
    expect(head).toContain('aria-label="Quantity"');
    const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
    expect(body.match(/<th scope="row"/g)).toHaveLength(2);
    expect(body).toMatch(/Sourdough loaf<br><span[^>]*>Large<\/span><\/th><td[^>]*>2<\/td><td[^>]*>\$24\.00<\/td>/);
    expect(body).toMatch(/Cinnamon scrolls<\/th>/); // no empty variant line
    const foot = html.match(/<tfoot>([\s\S]*?)<\/tfoot>/)?.[1] ?? "";
    expect(foot.match(/<th scope="row" colspan="2"/g)).toHaveLength(5);
  });

  it.each([
    {
      name: "tax included, every line",
      locale: "en" as const,
      payload: orderPlaced,
      totals: "Subtotal: $39.50\nDiscount: −$5.00\nDelivery: $4.00\nTotal: $38.50\nIncludes GST: $3.50\n\n",
    },
    {
      name: "tax added",
      locale: "en" as const,
      payload: { ...orderPlaced, taxIncluded: false },
      totals: "Subtotal: $39.50\nDiscount: −$5.00\nDelivery: $4.00\nGST: $3.50\nTotal: $38.50\n\n",
    },
    {
      name: "no discount, fee or tax",
      locale: "en" as const,
      payload: { ...orderPlaced, discount: null, fulfilmentFee: null, tax: null },
      totals: "Subtotal: $39.50\nTotal: $38.50\n\n",
    },
    {
      name: "an unnamed tax, included",
      locale: "en" as const,
      payload: { ...orderPlaced, taxLabel: null },
      totals: "Total: $38.50\nIncludes tax: $3.50\n\n",
    },
    {
      name: "an unnamed tax, added",
      locale: "en" as const,
      payload: { ...orderPlaced, taxLabel: null, taxIncluded: false },
      totals: "Tax: $3.50\nTotal: $38.50\n\n",
    },
    {
      name: "a discount that already has a sign",
      locale: "en" as const,
      payload: { ...orderPlaced, discount: "-$5.00" },
      totals: "Discount: −$5.00\n",
    },
    {
      name: "tax included, in Chinese",
      locale: "zh-CN" as const,
      payload: orderPlaced,
      totals: "小计：$39.50\n优惠：−$5.00\n运费：$4.00\n合计：$38.50\n其中含 GST：$3.50\n\n",
    },
    {
      name: "a Chinese tax name, added",
      locale: "zh-CN" as const,
      payload: { ...orderPlaced, taxLabel: "增值税", taxIncluded: false },
      totals: "增值税：$3.50\n合计：$38.50\n",
    },
    {
      name: "an unnamed tax, included, in Chinese",
      locale: "zh-CN" as const,
      payload: { ...orderPlaced, taxLabel: null },
      totals: "合计：$38.50\n其中含税：$3.50\n",
    },
  ])("shows the totals: $name", ({ locale, payload, totals }) => {
    const email = render(payload, locale);
    expect(email.text).toContain(totals);
    // The same lines, in the same order, in the table's footer.
    const foot = email.html.match(/<tfoot>([\s\S]*?)<\/tfoot>/)?.[1] ?? "";
    const rows = foot
      .split("\n")
      .map((row) => row.replace(/<\/th>/, locale === "en" ? ": " : "：").replace(/<[^>]+>/g, ""));
    expect(rows.join("\n")).toContain(totals.trim());
  });

  it("shows amounts exactly as given", () => {
    const email = render({
      ...orderPlaced,
      items: [{ title: "茶", variantTitle: "", quantity: 3, lineTotal: "¥12.50" }],
      subtotal: "¥12.50",
      total: "¥1,012.50",
    });
    expect(email.text).toContain("3 × 茶: ¥12.50");
    expect(email.text).toContain("Total: ¥1,012.50");
    expect(email.html).toContain(">¥1,012.50</td>");
  });

  it.each<[TemplateLocale, string]>([
    ["en", "How to pay"],
    ["zh-CN", "付款说明"],
  ])("boxes the payment instructions and keeps their line breaks (%s)", (locale, label) => {
    const email = render(
      { ...orderPlaced, paymentInstructions: "Account name: Mei Lin\r\nBSB: 062-000\rReference: 1042" },
      locale,
    );
    expect(email.text).toContain(`\n${label}\nAccount name: Mei Lin\nBSB: 062-000\nReference: 1042\n`);
    expect(email.text).not.toContain("\r");
    expect(email.html).toMatch(
      new RegExp(
        `<td style="[^"]*border:2px solid[^"]*">\\n<p[^>]*>${label}</p>\\n<p[^>]*>Account name: Mei Lin<br>\\nBSB: 062-000<br>\\nReference: 1042</p>`,
      ),
    );
  });

  it("says the order is paid, with no instructions box, when it is", () => {
    const en = render(paidOrder);
    expect(en.subject).toBe("Order 1042 at Mei's Bakery is paid");
    expect(en.text).toMatch(/^Thank you, your order is paid\n/);
    expect(en.text).toContain("We have your payment for order 1042.");
    expect(en.text).toContain("Payment: Paid by card");
    expect(en.text).not.toContain("How to pay");
    expect(en.html).not.toContain("border:2px solid #1d5c4a");
    const zh = render(paidOrder, "zh-CN");
    expect(zh.subject).toBe("您在「Mei's Bakery」的订单 1042 已付款，谢谢！");
    expect(zh.text).toContain("订单 1042 的付款我们已经收到。");
  });

  it("leaves out the contact line when the shop gave none", () => {
    expect(render({ ...orderPlaced, contact: null }).text).not.toContain("Questions?");
    expect(render({ ...orderPlaced, contact: null }, "zh-CN").text).not.toContain("有问题请联系");
  });

  it.each<TemplateLocale>(["en", "zh-CN"])("escapes the shop, item and instruction text (%s)", (locale) => {
    const email = render(
      {
        ...orderPlaced,
        shopName: attack,
        buyerName: attack,
        items: [{ title: attack, variantTitle: attack, quantity: 1, lineTotal: "$1.00" }],
        taxLabel: attack,
        fulfilmentSummary: attack,
        paymentSummary: attack,
        paymentInstructions: `${attack}\n${attack}`,
        contact: attack,
      },
      locale,
    );
    expect(email.html).not.toMatch(/<script/i);
    // shop name (title, aria-label, text, signature), buyer, title, variant, tax, summaries, two instruction lines, contact
    expect(email.html.split(escapedAttack).length - 1).toBeGreaterThanOrEqual(14);
    expect(email.html).toContain(`${escapedAttack}<br>\n${escapedAttack}`);
    expect(email.text).toContain(`${attack}\n${attack}`);
    expect(email.subject).toContain(attack);
  });

  it("takes 50 items", () => {
    const items = Array.from({ length: 50 }, (_, index) => ({
      title: `Item ${index + 1}`,
      variantTitle: "",
      quantity: 1,
      lineTotal: "$1.00",
    }));
    const email = render({ ...orderPlaced, items });
    expect(email.html.match(/<th scope="row"/g)).toHaveLength(50 + 5);
    expect(email.text).toContain("1 × Item 50: $1.00");
  });
});

type UpdateRow = {
  kind: OrderUpdateKind;
  fulfilmentType: FulfilmentType;
  en: { subject: string; says: string[] };
  zh: { subject: string; says: string[] };
};

const updateRows: UpdateRow[] = [
  ...FULFILMENT_TYPES.map((fulfilmentType) => ({
    kind: "paid" as const,
    fulfilmentType,
    en: {
      subject: "Order 1042 at Mei's Bakery: payment received",
      says: [
        "We received your payment for order 1042. Thank you!",
        {
          pickup: "We'll let you know when it is ready to pick up.",
          delivery: "We'll let you know when it is on its way.",
          shipping: "We'll let you know when we send it.",
        }[fulfilmentType],
      ],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042：已收到付款",
      says: [
        "订单 1042 的付款我们已经收到，谢谢！",
        {
          pickup: "商品准备好后，我们会通知您来取货。",
          delivery: "商品送出时，我们会通知您。",
          shipping: "商品寄出后，我们会通知您。",
        }[fulfilmentType],
      ],
    },
  })),
  {
    kind: "ready",
    fulfilmentType: "pickup",
    en: {
      subject: "Order 1042 at Mei's Bakery is ready to pick up",
      says: ["Your order 1042 is ready to pick up at Saturday market, Town green, 8 am to noon."],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042 可以取货了",
      says: ["您的订单 1042 已经准备好，请到 Saturday market, Town green, 8 am to noon 取货。"],
    },
  },
  {
    kind: "ready",
    fulfilmentType: "delivery",
    en: {
      subject: "Order 1042 at Mei's Bakery is ready: we'll bring it soon",
      says: ["Your order 1042 is ready, and we'll bring it to you soon."],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042 已准备好，很快送到",
      says: ["您的订单 1042 已经准备好，我们很快就会送过去。"],
    },
  },
  {
    kind: "ready",
    fulfilmentType: "shipping",
    en: {
      subject: "Order 1042 at Mei's Bakery is packed: we'll send it soon",
      says: ["Your order 1042 is packed, and we'll send it soon."],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042 已打包好，很快寄出",
      says: ["您的订单 1042 已经打包好，我们很快就会寄出。"],
    },
  },
  {
    kind: "dispatched",
    fulfilmentType: "pickup",
    en: {
      subject: "Thanks for picking up order 1042 at Mei's Bakery",
      says: ["Thanks for picking up your order", "You picked up order 1042."],
    },
    zh: { subject: "感谢您取走「Mei's Bakery」订单 1042", says: ["感谢您来取货", "您已取走订单 1042。"] },
  },
  {
    kind: "dispatched",
    fulfilmentType: "delivery",
    en: { subject: "Order 1042 at Mei's Bakery is on its way", says: ["Your order 1042 is on its way to you."] },
    zh: { subject: "「Mei's Bakery」订单 1042 正在配送中", says: ["您的订单 1042 正在送往您那里。"] },
  },
  {
    kind: "dispatched",
    fulfilmentType: "shipping",
    en: { subject: "Order 1042 at Mei's Bakery has been sent", says: ["Your order 1042 has been sent."] },
    zh: { subject: "「Mei's Bakery」订单 1042 已寄出", says: ["您的订单 1042 已经寄出"] },
  },
  ...FULFILMENT_TYPES.map((fulfilmentType) => ({
    kind: "cancelled" as const,
    fulfilmentType,
    en: {
      subject: "Order 1042 at Mei's Bakery is cancelled",
      says: [
        `Your order 1042 at Mei's Bakery has been cancelled. ${
          {
            pickup: "You don't need to come and pick it up.",
            delivery: "We won't deliver it.",
            shipping: "We won't send it.",
          }[fulfilmentType]
        }`,
        "If you already paid for it, or think this is a mistake, please get in touch with Mei's Bakery.",
      ],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042 已取消",
      says: [
        `您在「Mei's Bakery」的订单 1042 已取消。${
          { pickup: "您不需要来取货了。", delivery: "我们不会再送货。", shipping: "我们不会再寄出。" }[fulfilmentType]
        }`,
      ],
    },
  })),
  ...FULFILMENT_TYPES.map((fulfilmentType) => ({
    kind: "refunded" as const,
    fulfilmentType,
    en: {
      subject: "Order 1042 at Mei's Bakery: we refunded $12.50",
      says: ["We refunded $12.50 for order 1042. It can take 5–10 days to show."],
    },
    zh: {
      subject: "「Mei's Bakery」订单 1042：已退款 $12.50",
      says: ["我们已为订单 1042 退款 $12.50，可能需要 5 到 10 天才能到账。"],
    },
  })),
];

describe("order_update", () => {
  const update = (changes: Record<string, unknown>, locale: TemplateLocale = "en") =>
    renderNotification("order_update", locale, { ...orderUpdate, amount: "$12.50", ...changes });

  it("has wording for every kind and fulfilment type", () => {
    const covered = updateRows.map((row) => `${row.kind}/${row.fulfilmentType}`).sort();
    expect(covered).toEqual(
      ORDER_UPDATE_KINDS.flatMap((kind) => FULFILMENT_TYPES.map((type) => `${kind}/${type}`)).sort(),
    );
  });

  it.each(
    updateRows.flatMap((row) => [
      { ...row, locale: "en" as const, ...row.en },
      { ...row, locale: "zh-CN" as const, ...row.zh },
    ]),
  )("$kind, $fulfilmentType, $locale", ({ kind, fulfilmentType, locale, subject, says }) => {
    const email = update({ kind, fulfilmentType }, locale);
    expect(email.subject).toBe(subject);
    for (const sentence of says) {
      expect(email.text).toContain(sentence);
      expect(email.html).toContain(sentence.replaceAll("'", "&#39;"));
    }
    // The place is for a pickup that is ready, the amount for a refund; neither leaks into other mails.
    expect(email.text.includes("Saturday market")).toBe(kind === "ready" && fulfilmentType === "pickup");
    expect(email.text.includes("$12.50")).toBe(kind === "refunded");
    expect(email.text).toContain(locale === "en" ? "Hi Sam Taylor," : "Sam Taylor，您好：");
    expect(email.text).toContain(locale === "en" ? "See your order:\n" : "查看订单：\n");
  });

  it("manages without a place or an amount", () => {
    expect(update({ place: null }).text).toContain("Your order 1042 is ready to pick up.\n");
    expect(update({ place: null }, "zh-CN").text).toContain("您的订单 1042 已经准备好，可以来取货了。");
    const refund = update({ kind: "refunded", amount: null });
    expect(refund.subject).toBe("Order 1042 at Mei's Bakery is refunded");
    expect(refund.text).toContain("We made a refund on order 1042. It can take 5–10 days to show.");
    expect(update({ kind: "refunded", amount: null }, "zh-CN").subject).toBe("「Mei's Bakery」订单 1042 已退款");
  });

  it.each<TemplateLocale>(["en", "zh-CN"])("escapes the shop, place and amount (%s)", (locale) => {
    const email = update({ shopName: attack, place: attack, contact: attack }, locale);
    const refund = update({ kind: "refunded", shopName: attack, amount: attack }, locale);
    for (const { html } of [email, refund]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(escapedAttack);
    }
    expect(email.text).toContain(attack);
  });
});

describe("owner_new_order", () => {
  it.each([
    { locale: "en" as const, isPaid: false, next: "It is not paid yet. Mark it paid when they pay." },
    { locale: "en" as const, isPaid: true, next: "It is paid. Get it ready." },
    { locale: "zh-CN" as const, isPaid: false, next: "这笔订单还没有付款。对方付款后，请把订单标记为已付款。" },
    { locale: "zh-CN" as const, isPaid: true, next: "这笔订单已经付款，可以开始准备了。" },
  ])("says what to do next ($locale, paid: $isPaid)", ({ locale, isPaid, next }) => {
    const email = renderNotification("owner_new_order", locale, { ...ownerNewOrder, isPaid });
    expect(email.text).toContain(next);
    expect(email.subject).toBe(
      locale === "en" ? "New order 1042: $38.50 from Sam Taylor" : "新订单 1042：Sam Taylor 下单，共 $38.50",
    );
  });

  it("says item for one", () => {
    const email = renderNotification("owner_new_order", "en", { ...ownerNewOrder, itemCount: 1 });
    expect(email.text).toContain("Sam Taylor ordered 1 item from");
  });

  it("escapes the buyer's name and the summaries", () => {
    const email = renderNotification("owner_new_order", "zh-CN", {
      ...ownerNewOrder,
      buyerName: attack,
      fulfilmentSummary: attack,
      paymentSummary: attack,
    });
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html.split(escapedAttack).length - 1).toBeGreaterThanOrEqual(4);
  });
});

describe("order payloads", () => {
  const item = orderPlaced.items[0];
  it.each([
    { template: "order_placed", name: "no items", payload: { ...orderPlaced, items: [] }, field: "items" },
    {
      template: "order_placed",
      name: "51 items",
      payload: { ...orderPlaced, items: Array.from({ length: 51 }, () => item) },
      field: "items",
    },
    {
      template: "order_placed",
      name: "a zero quantity",
      payload: { ...orderPlaced, items: [{ ...item, quantity: 0 }] },
      field: "items.0.quantity",
    },
    {
      template: "order_placed",
      name: "an unexpected item field",
      payload: { ...orderPlaced, items: [{ ...item, sku: "X1" }] },
      field: "sku",
    },
    { template: "order_placed", name: "a numeric amount", payload: { ...orderPlaced, total: 38.5 }, field: "total" },
    {
      template: "order_placed",
      name: "a missing discount",
      payload: { ...orderPlaced, discount: undefined },
      field: "discount",
    },
    {
      template: "order_placed",
      name: "a javascript: order link",
      payload: { ...orderPlaced, orderUrl: "javascript:alert(1)" },
      field: "orderUrl",
    },
    { template: "order_placed", name: "isPaid as text", payload: { ...orderPlaced, isPaid: "yes" }, field: "isPaid" },
    { template: "order_update", name: "an unknown kind", payload: { ...orderUpdate, kind: "shipped" }, field: "kind" },
    {
      template: "order_update",
      name: "an unknown fulfilment type",
      payload: { ...orderUpdate, fulfilmentType: "courier" },
      field: "fulfilmentType",
    },
    {
      template: "order_update",
      name: "a missing place",
      payload: { ...orderUpdate, place: undefined },
      field: "place",
    },
    {
      template: "owner_new_order",
      name: "a javascript: dashboard link",
      payload: { ...ownerNewOrder, dashboardUrl: "javascript:alert(1)" },
      field: "dashboardUrl",
    },
    { template: "owner_new_order", name: "no items", payload: { ...ownerNewOrder, itemCount: 0 }, field: "itemCount" },
    {
      template: "owner_new_order",
      name: "an unexpected field",
      payload: { ...ownerNewOrder, buyerEmail: "sam@x.test" },
      field: "buyerEmail",
    },
  ])("$template refuses $name", ({ template, payload, field }) => {
    const render = () => renderNotification(template, "en", payload);
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(`Invalid payload for notification template "${template}"`);
    expect(render).toThrow(field);
  });
});

describe("text the input edge did not clean (rows queued before decision 010)", () => {
  it("folds a name over two lines onto one, so no header can be smuggled into the subject", () => {
    const email = renderNotification("order_placed", "en", {
      ...orderPlaced,
      buyerName: "Sam\r\nBcc: x@y.test",
      items: [{ ...orderPlaced.items[0], title: "Loaf\tBcc: x@y.test" }],
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain("Hi Sam Bcc: x@y.test,");
    expect(email.text).toContain("Loaf Bcc: x@y.test");
  });

  it("keeps a two-line delivery address as two lines: <br> in HTML, real lines in text", () => {
    for (const template of ["order_placed", "owner_new_order"] as const) {
      const payload = template === "order_placed" ? orderPlaced : ownerNewOrder;
      const email = renderNotification(template, "en", {
        ...payload,
        fulfilmentSummary: "Village: 12 Oak Lane\r\nGreen gate",
      });
      expect(email.html).toContain("Village: 12 Oak Lane<br>\nGreen gate");
      expect(email.text).toMatch(/: Village: 12 Oak Lane\nGreen gate\n/);
    }
  });

  it("reads empty payment instructions as none instead of refusing the email", () => {
    const email = renderNotification("order_placed", "en", { ...orderPlaced, paymentInstructions: " \n\u0000 " });
    expect(email.text).not.toContain("How to pay");
  });

  it("drops control characters, lone surrogates and bidi overrides instead of refusing the email", () => {
    const email = renderNotification("order_placed", "en", {
      ...orderPlaced,
      shopName: "Mei\u202E's\u0000 Bakery\uD800",
      paymentInstructions: "BSB\u0000 062\nRef\u0007 1042",
    });
    expect(email.subject).toBe("Order 1042 at Mei's Bakery: thank you");
    expect(email.text).toContain("How to pay\nBSB 062\nRef 1042");
    expect(email.html).not.toMatch(/(?!\n)\p{Cc}|\u202E|\p{Cs}/u);
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
