// When the shop's emails cannot be sent (here: the mail server is not there), the owner hears of it on
// the shop's home and sees which emails, to whom, and why, with the order to open; only people with the
// orders right, and only for their own shop.

import { freePort } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, newOwner, placeOrder, publishedShop, sessionToken } from "./owners.ts";
import { type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  // A port nothing listens on: every email fails and waits for another try.
  stack = await startStack({ apiEnv: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` } });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("emails that did not arrive", () => {
  it("are announced on the home page and listed with the reason and the order", async () => {
    const owner = await publishedShop(stack);
    expect((await owner.browser.get(`/shops/${owner.shopId}/emails`)).body).toContain(
      "Every email from your shop has been sent.",
    );
    await placeOrder(stack, owner);
    // The outbox tries, fails, and schedules another try: the confirmation to the buyer and the owner's own.
    const api = apiAs(stack, sessionToken(owner.browser));
    await expect
      .poll(
        async () =>
          (await api.GET("/v1/shops/{shopId}/undelivered-emails", { params: { path: { shopId: owner.shopId } } })).data
            ?.items.length,
        { timeout: 20_000, interval: 250 },
      )
      .toBe(2);

    const home = await owner.browser.get(`/shops/${owner.shopId}`);
    expect(home.body).toContain("2 emails from your shop did not arrive.");
    expect(home.body).toContain(`href="/shops/${owner.shopId}/emails"`);

    const page = await owner.browser.get(`/shops/${owner.shopId}/emails`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Order confirmation to the buyer");
    expect(page.body).toContain("New order, to you");
    expect(page.body).toContain("ana@example.test");
    expect(page.body).toMatch(/Sending failed\. We try again at [^<]+ UTC\./);
    expect(page.body).toMatch(new RegExp(`href="/shops/${owner.shopId}/orders/ord_[^"]+">Open the order`));

    const emailsPage = `/shops/${owner.shopId}/emails`;
    await owner.browser.get(`/language?to=zh-CN&next=${encodeURIComponent(emailsPage)}`);
    expect((await owner.browser.get(emailsPage)).body).toContain("给买家的订单确认");
  });

  it("are not shown to another shop's owner", async () => {
    const owner = await publishedShop(stack);
    await placeOrder(stack, owner);
    const other = await newOwner(stack);
    const reply = await other.browser.get(`/shops/${owner.shopId}/emails`);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain("ana@example.test");
  });
});
