// The built dashboard against the real API: the settings pages beyond the shop's details: how the
// shop looks (with the readability check), where the owner delivers and what posting costs, tax, and
// discount codes. Each page saves and shows what was saved; bad input comes back with a field error and
// everything typed; another shop's owner gets 404s; a helper without the settings right gets NoRight.

import { createApiClient } from "@stall/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-settings-more-${++counter}@example.test`;
const password = "noodles every saturday";
const apiAs = (token: string) => createApiClient({ baseUrl: stack.apiUrl, token });
const sessionToken = (browser: Browser) => browser.cookies.get("stall_session") ?? "";

/** A signed-up owner with a new shop (no product yet), in yuan. */
async function ownerWithShop(name = "Mei's Noodles", acceptLanguage?: string) {
  const browser = new Browser(stack.dashboardUrl, acceptLanguage ? { acceptLanguage } : {});
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name, slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  expect(shopId).not.toBe("");
  return { browser, email, shopId, api: apiAs(sessionToken(browser)) };
}

/** The value of the input named `name` in a page. */
const fieldValue = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html)?.[1];
const isChecked = (html: string, name: string, value: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*checked`).test(html) ||
  new RegExp(`<input[^>]*checked[^>]*name="${name}"[^>]*value="${value}"`).test(html);

describe("how the shop looks", () => {
  it("previews each look with the shop's name, saves a look and colours, and shows them", async () => {
    const owner = await ownerWithShop();
    const path = `/shops/${owner.shopId}/settings/look`;
    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain("How your shop looks");
    // Three previews, each with the shop's name, in its own colours.
    expect(page.body.match(/class="look-preview look-(market|studio|kitchen)/g)).toHaveLength(3);
    expect(page.body.match(/Mei&#39;s Noodles|Mei's Noodles/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page.body).toContain(".look-kitchen{--look-bg:#fff6dc");
    expect(page.body).toContain("Writing on the background:");
    expect(isChecked(page.body, "themePreset", "market")).toBe(true);
    // It is reachable from the settings page.
    expect((await owner.browser.get(`/shops/${owner.shopId}/settings`)).body).toContain(`href="${path}"`);

    const saved = await owner.browser.post(path, {
      themePreset: "kitchen",
      colours: "own",
      accent: "#1F7A3A",
      background: "#ffffff",
      text: "#222222",
      do: "save",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?saved=1`);
    const after = await owner.browser.get(saved.location ?? "");
    expect(after.body).toContain("Saved. Buyers see the new look in your shop.");
    expect(isChecked(after.body, "themePreset", "kitchen")).toBe(true);
    expect(isChecked(after.body, "colours", "own")).toBe(true);
    expect(fieldValue(after.body, "accent")).toBe("#1f7a3a");
    expect(after.body).toContain(".look-studio{--look-bg:#ffffff");
    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(shop).toMatchObject({
      themePreset: "kitchen",
      themeTokens: { accent: "#1f7a3a", background: "#ffffff", text: "#222222" },
    });

    // Back to the look's own colours: the owner's colours are gone.
    const reset = await owner.browser.post(path, { themePreset: "studio", colours: "preset", do: "save" });
    expect(reset.status).toBe(303);
    const plain = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(plain).toMatchObject({ themePreset: "studio", themeTokens: {} });
  });

  it("refuses writing buyers cannot read, says why in plain words, keeps what was typed and saves nothing", async () => {
    const owner = await ownerWithShop();
    const path = `/shops/${owner.shopId}/settings/look`;
    const refused = await owner.browser.post(path, {
      themePreset: "studio",
      colours: "own",
      accent: "#111111",
      background: "#ffffff",
      text: "#cccccc",
      do: "save",
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("<title>Error: How your shop looks");
    expect(refused.body).toContain('href="#text"');
    expect(refused.body).toMatch(
      /The writing is too hard to read on this background \(1\.\d to 1, it needs 4\.5 to 1\)/,
    );
    expect(refused.body).toContain("Too hard to read: it needs at least 4.5 to 1.");
    expect(fieldValue(refused.body, "text")).toBe("#cccccc");
    expect(isChecked(refused.body, "themePreset", "studio")).toBe(true);

    const badHex = await owner.browser.post(path, {
      themePreset: "market",
      colours: "own",
      accent: "green",
      background: "#ffffff",
      text: "#222222",
      do: "save",
    });
    expect(badHex.status).toBe(422);
    expect(badHex.body).toContain('href="#accent"');
    expect(badHex.body).toContain("Write the colour as # and 6 letters or digits");
    expect(fieldValue(badHex.body, "accent")).toBe("green");

    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(shop).toMatchObject({ themePreset: "market", themeTokens: {} });
  });

  it("checks colours without saving them, and warns (but saves) when links would be too light", async () => {
    const owner = await ownerWithShop();
    const path = `/shops/${owner.shopId}/settings/look`;
    const yellow = { themePreset: "studio", colours: "own", accent: "#f5c400", background: "#ffffff", text: "#111111" };
    const checked = await owner.browser.post(path, { ...yellow, do: "check" });
    expect(checked.status).toBe(200);
    expect(checked.body).toContain("Writing on buttons (black)");
    expect(checked.body).toContain(
      "Too light to read on the background, so your shop will show links in a darker shade",
    );
    expect(checked.body).toContain(".look-market{--look-bg:#ffffff");
    const unchanged = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(unchanged?.themeTokens).toEqual({});
    const saved = await owner.browser.post(path, { ...yellow, do: "save" });
    expect(saved.status).toBe(303);
  });
});

describe("delivery and posting", () => {
  it("adds, changes and deletes (after asking) a delivery area, in the shop's currency", async () => {
    const owner = await ownerWithShop();
    const base = `/shops/${owner.shopId}/settings/delivery`;
    expect((await owner.browser.get(`/shops/${owner.shopId}/settings`)).body).toContain(`href="${base}"`);
    const empty = await owner.browser.get(base);
    expect(empty.status).toBe(200);
    expect(empty.body).toContain("You don&#39;t deliver anywhere yet.");

    const added = await owner.browser.post(`${base}/areas/new`, {
      name: "Old Town",
      description: "Inside the old walls",
      fee: "5",
      minimumOrder: "30",
      freeOver: "100",
      postcodes: "100010, 100011",
      deliveryDays: "6",
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe(`${base}?saved=1`);
    const list = await owner.browser.get(added.location ?? "");
    expect(list.body).toContain("<strong>Old Town</strong>");
    expect(list.body).toContain("Delivery costs CN¥5.00");
    expect(list.body).toContain("Orders from CN¥30.00");
    expect(list.body).toContain("Free over CN¥100.00");
    expect(list.body).toContain("Saturday");
    const areas = (
      await owner.api.GET("/v1/shops/{shopId}/delivery-areas", { params: { path: { shopId: owner.shopId } } })
    ).data;
    const area = areas?.items[0];
    expect(area).toMatchObject({
      fee: 500,
      minimumOrder: 3000,
      freeOver: 10000,
      postcodes: ["100010", "100011"],
      deliveryDays: [6],
    });

    const editPath = `${base}/areas/${area?.id}`;
    const edit = await owner.browser.get(editPath);
    expect(fieldValue(edit.body, "fee")).toBe("5.00");
    expect(isChecked(edit.body, "deliveryDays", "6")).toBe(true);

    const bad = await owner.browser.post(editPath, { name: "", fee: "five", minimumOrder: "30", freeOver: "" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('href="#name"');
    expect(bad.body).toContain('href="#fee"');
    expect(bad.body).toContain("Write an amount like 5 or 5.50");
    expect(fieldValue(bad.body, "fee")).toBe("five");
    expect(fieldValue(bad.body, "minimumOrder")).toBe("30");

    const changed = await owner.browser.post(editPath, { name: "Old Town", fee: "0", minimumOrder: "", freeOver: "" });
    expect(changed.status).toBe(303);
    expect((await owner.browser.get(base)).body).toContain("Delivery is free");

    const ask = await owner.browser.get(`${editPath}?delete=1`);
    expect(ask.body).toContain("Delete Old Town?");
    expect(ask.body).toContain("No, keep it");
    const deleted = await owner.browser.post(editPath, { do: "delete" });
    expect(deleted.location).toBe(`${base}?deleted=1`);
    expect((await owner.browser.get(deleted.location ?? "")).body).toContain("Deleted.");
    const gone = (
      await owner.api.GET("/v1/shops/{shopId}/delivery-areas", { params: { path: { shopId: owner.shopId } } })
    ).data;
    expect(gone?.items).toEqual([]);
    expect((await owner.browser.get(editPath)).status).toBe(404);
  });

  it("adds and changes what posting costs, by country, with field errors that keep what was typed", async () => {
    const owner = await ownerWithShop();
    const base = `/shops/${owner.shopId}/settings/delivery`;
    const bad = await owner.browser.post(`${base}/rates/new`, {
      name: "Standard post",
      countries: "China",
      price: "12",
      minDays: "5",
      maxDays: "2",
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('href="#countries"');
    expect(bad.body).toContain('href="#maxDays"');
    expect(fieldValue(bad.body, "countries")).toBe("China");
    expect(fieldValue(bad.body, "price")).toBe("12");

    const added = await owner.browser.post(`${base}/rates/new`, {
      name: "Standard post",
      countries: "cn，hk",
      price: "12",
      freeOver: "",
      minDays: "2",
      maxDays: "5",
    });
    expect(added.status).toBe(303);
    const list = await owner.browser.get(base);
    expect(list.body).toContain("<strong>Standard post</strong>");
    expect(list.body).toContain("Posting costs CN¥12.00");
    expect(list.body).toContain("China");
    expect(list.body).toContain("2 to 5 days");
    const rates = (
      await owner.api.GET("/v1/shops/{shopId}/shipping-rates", { params: { path: { shopId: owner.shopId } } })
    ).data;
    const rate = rates?.items[0];
    expect(rate).toMatchObject({ countries: ["CN", "HK"], price: 1200, minDays: 2, maxDays: 5, freeOver: null });

    const changed = await owner.browser.post(`${base}/rates/${rate?.id}`, {
      name: "Everywhere",
      countries: "*",
      price: "40.5",
      freeOver: "300",
      minDays: "",
      maxDays: "",
    });
    expect(changed.status).toBe(303);
    const after = await owner.browser.get(base);
    expect(after.body).toContain("Everywhere else");
    expect(after.body).toContain("Free over CN¥300.00");
    const deleted = await owner.browser.post(`${base}/rates/${rate?.id}`, { do: "delete" });
    expect(deleted.location).toBe(`${base}?deleted=1`);
    expect((await owner.browser.get(base)).body).toContain("You don&#39;t post anywhere yet.");
  });
});

describe("tax", () => {
  it("saves tax in plain words with a worked example, and refuses a rate that is not a percentage", async () => {
    const owner = await ownerWithShop();
    const path = `/shops/${owner.shopId}/settings/tax`;
    expect((await owner.browser.get(`/shops/${owner.shopId}/settings`)).body).toContain(`href="${path}"`);
    const page = await owner.browser.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain("My prices already include tax");

    const bad = await owner.browser.post(path, { mode: "added", rate: "ten", label: "VAT", do: "save" });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('href="#rate"');
    expect(bad.body).toContain("Write the rate as a percentage from 0 to 100");
    expect(fieldValue(bad.body, "rate")).toBe("ten");
    expect(fieldValue(bad.body, "label")).toBe("VAT");
    expect(isChecked(bad.body, "mode", "added")).toBe(true);

    const example = await owner.browser.post(path, { mode: "added", rate: "10", label: "VAT", do: "check" });
    expect(example.status).toBe(200);
    expect(example.body).toContain(
      "A product at CN¥100.00: the buyer pays CN¥110.00, that is CN¥100.00 plus CN¥10.00 (10% tax).",
    );

    const saved = await owner.browser.post(path, {
      mode: "included",
      rate: "6.5",
      label: "VAT",
      appliesToFulfilment: "yes",
      do: "save",
    });
    expect(saved.status).toBe(303);
    const after = await owner.browser.get(saved.location ?? "");
    expect(after.body).toContain("Saved.");
    expect(isChecked(after.body, "mode", "included")).toBe(true);
    expect(fieldValue(after.body, "rate")).toBe("6.5");
    // 100 with 6.5% inside it: 100 − 100 / 1.065 = 6.10.
    expect(after.body).toContain("A product at CN¥100.00: the buyer pays CN¥100.00. Of that, CN¥6.10 is 6.5% tax.");
    const tax = (await owner.api.GET("/v1/shops/{shopId}/tax", { params: { path: { shopId: owner.shopId } } })).data;
    expect(tax).toMatchObject({ mode: "included", rate: 650, label: "VAT", appliesToFulfilment: true });
  });
});

describe("discount codes", () => {
  it("creates a code, shows what it gives and how often it was used, turns it off and on, and deletes it after asking", async () => {
    const owner = await ownerWithShop();
    const base = `/shops/${owner.shopId}/settings/discounts`;
    expect((await owner.browser.get(`/shops/${owner.shopId}/settings`)).body).toContain(`href="${base}"`);
    expect((await owner.browser.get(base)).body).toContain("No discount codes yet.");

    const bad = await owner.browser.post(`${base}/new`, {
      code: "x",
      kind: "percent",
      value: "150",
      startsAt: "2027-02-10",
      endsAt: "2027-02-01",
      usageLimit: "lots",
      isActive: "yes",
    });
    expect(bad.status).toBe(422);
    for (const field of ["code", "value", "endsAt", "usageLimit"]) expect(bad.body).toContain(`href="#${field}"`);
    expect(fieldValue(bad.body, "startsAt")).toBe("2027-02-10");
    expect(fieldValue(bad.body, "usageLimit")).toBe("lots");

    const added = await owner.browser.post(`${base}/new`, {
      code: "spring10",
      kind: "percent",
      value: "10",
      minimumSubtotal: "50",
      startsAt: "2027-03-01",
      endsAt: "2027-03-31",
      usageLimit: "100",
      isActive: "yes",
    });
    expect(added.status).toBe(303);
    const list = await owner.browser.get(base);
    expect(list.body).toContain("SPRING10");
    expect(list.body).toContain("10% off");
    expect(list.body).toContain("on orders from CN¥50.00");
    expect(list.body).toContain("Used 0 of 100 times");
    const codes = (
      await owner.api.GET("/v1/shops/{shopId}/discount-codes", { params: { path: { shopId: owner.shopId } } })
    ).data;
    const code = codes?.items[0];
    // The last day named is included: the code stops at the start of the next day.
    expect(code).toMatchObject({
      code: "SPRING10",
      kind: "percent",
      value: 1000,
      minimumSubtotal: 5000,
      startsAt: Date.UTC(2027, 2, 1),
      endsAt: Date.UTC(2027, 3, 1),
      usageLimit: 100,
      isActive: true,
    });
    const edit = await owner.browser.get(`${base}/${code?.id}`);
    expect(fieldValue(edit.body, "endsAt")).toBe("2027-03-31");
    expect(fieldValue(edit.body, "value")).toBe("10");

    const taken = await owner.browser.post(`${base}/new`, {
      code: "SPRING10",
      kind: "fixed",
      value: "5",
      isActive: "yes",
    });
    expect(taken.status).toBe(422);
    expect(taken.body).toContain("You already have this code. Pick another");

    expect((await owner.browser.post(base, { id: code?.id ?? "", do: "off" })).status).toBe(303);
    expect((await owner.browser.get(base)).body).toContain("Turn on SPRING10");
    expect(
      (
        await owner.api.GET("/v1/shops/{shopId}/discount-codes/{id}", {
          params: { path: { shopId: owner.shopId, id: code?.id ?? "" } },
        })
      ).data?.isActive,
    ).toBe(false);
    expect((await owner.browser.post(base, { id: code?.id ?? "", do: "on" })).status).toBe(303);
    expect((await owner.browser.get(base)).body).toContain("Turn off SPRING10");

    const fixed = await owner.browser.post(`${base}/${code?.id}`, {
      code: "SPRING10",
      kind: "fixed",
      value: "5.5",
      isActive: "yes",
    });
    expect(fixed.status).toBe(303);
    expect((await owner.browser.get(base)).body).toContain("CN¥5.50 off");

    expect((await owner.browser.get(`${base}/${code?.id}?delete=1`)).body).toContain("Delete SPRING10?");
    expect((await owner.browser.post(`${base}/${code?.id}`, { do: "delete" })).location).toBe(`${base}?deleted=1`);
    expect((await owner.browser.get(base)).body).toContain("No discount codes yet.");
  });
});

describe("whose settings", () => {
  it("another shop's owner gets 404 for this shop's areas, rates and codes, and changes nothing", async () => {
    const a = await ownerWithShop("Shop A");
    const b = await ownerWithShop("Shop B");
    const shopA = { params: { path: { shopId: a.shopId } } };
    const area = (
      await a.api.POST("/v1/shops/{shopId}/delivery-areas", { ...shopA, body: { name: "A's area", fee: 100 } })
    ).data;
    const rate = (
      await a.api.POST("/v1/shops/{shopId}/shipping-rates", {
        ...shopA,
        body: { name: "A's post", countries: ["CN"], price: 100 },
      })
    ).data;
    const code = (
      await a.api.POST("/v1/shops/{shopId}/discount-codes", {
        ...shopA,
        body: { code: "SECRETA", kind: "fixed", value: 100 },
      })
    ).data;
    expect(area && rate && code).toBeTruthy();

    // B's owner tries A's pages with A's shop id, and A's ids under B's own shop.
    const aPages = [
      "look",
      "delivery",
      "tax",
      "discounts",
      `delivery/areas/${area?.id}`,
      `delivery/rates/${rate?.id}`,
      `discounts/${code?.id}`,
    ];
    for (const page of aPages) {
      const reply = await b.browser.get(`/shops/${a.shopId}/settings/${page}`);
      expect(reply.status, page).toBe(404);
      expect(reply.body).not.toContain("Shop A");
    }
    for (const page of [`delivery/areas/${area?.id}`, `delivery/rates/${rate?.id}`, `discounts/${code?.id}`]) {
      expect((await b.browser.get(`/shops/${b.shopId}/settings/${page}`)).status, page).toBe(404);
      expect((await b.browser.post(`/shops/${b.shopId}/settings/${page}`, { do: "delete" })).status, page).toBe(404);
      expect(
        (
          await b.browser.post(`/shops/${b.shopId}/settings/${page}`, {
            name: "Taken",
            fee: "1",
            price: "1",
            countries: "CN",
            code: "TAKEN",
            kind: "fixed",
            value: "1",
          })
        ).status,
        page,
      ).toBe(404);
    }
    expect(
      (
        await b.browser.post(`/shops/${a.shopId}/settings/look`, {
          themePreset: "studio",
          colours: "preset",
          do: "save",
        })
      ).status,
    ).toBe(404);
    expect(
      (await b.browser.post(`/shops/${a.shopId}/settings/tax`, { mode: "added", rate: "50", do: "save" })).status,
    ).toBe(404);
    // Turning A's code off from B's list changes nothing.
    expect(
      (await b.browser.post(`/shops/${b.shopId}/settings/discounts`, { id: code?.id ?? "", do: "off" })).status,
    ).toBe(404);
    const bLists = await Promise.all(
      ["delivery", "discounts"].map((page) => b.browser.get(`/shops/${b.shopId}/settings/${page}`)),
    );
    for (const list of bLists) {
      expect(list.body).not.toContain("A&#39;s");
      expect(list.body).not.toContain("SECRETA");
    }

    const stillA = await Promise.all([
      a.api.GET("/v1/shops/{shopId}/delivery-areas/{id}", {
        params: { path: { shopId: a.shopId, id: area?.id ?? "" } },
      }),
      a.api.GET("/v1/shops/{shopId}/shipping-rates/{id}", {
        params: { path: { shopId: a.shopId, id: rate?.id ?? "" } },
      }),
      a.api.GET("/v1/shops/{shopId}/discount-codes/{id}", {
        params: { path: { shopId: a.shopId, id: code?.id ?? "" } },
      }),
      a.api.GET("/v1/shops/{shopId}", shopA),
      a.api.GET("/v1/shops/{shopId}/tax", shopA),
    ]);
    expect(stillA[0].data?.name).toBe("A's area");
    expect(stillA[1].data?.name).toBe("A's post");
    expect(stillA[2].data).toMatchObject({ code: "SECRETA", isActive: true });
    expect(stillA[3].data?.themePreset).toBe("market");
    expect(stillA[4].data?.mode).not.toBe("added");
  });

  it("a helper without the settings right sees the no-right page on every one of these pages", async () => {
    const owner = await ownerWithShop();
    const helperEmail = uniqueEmail("helper");
    const invited = await owner.browser.post(`/shops/${owner.shopId}/team`, {
      do: "invite",
      rights: "orders",
      email: helperEmail,
    });
    expect(invited.status).toBe(200);
    const link = new URL(await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token="));
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(`${link.pathname}${link.search}`);
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    const accept = await helper.get(`${link.pathname}${link.search}`);
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    expect((await helper.post("/invites/accept", { token })).status).toBe(303);

    const area = (
      await owner.api.POST("/v1/shops/{shopId}/delivery-areas", {
        params: { path: { shopId: owner.shopId } },
        body: { name: "Old Town", fee: 100 },
      })
    ).data;
    const pages = [
      "look",
      "delivery",
      "tax",
      "discounts",
      "delivery/areas/new",
      `delivery/areas/${area?.id}`,
      "delivery/rates/new",
      "discounts/new",
    ];
    for (const page of pages) {
      const reply = await helper.get(`/shops/${owner.shopId}/settings/${page}`);
      expect(reply.status, page).toBe(403);
      expect(reply.body, page).toContain("Your helper access does not include settings.");
    }
    const posted = await helper.post(`/shops/${owner.shopId}/settings/delivery/areas/${area?.id}`, { do: "delete" });
    expect(posted.status).toBe(403);
    const look = await helper.post(`/shops/${owner.shopId}/settings/look`, {
      themePreset: "studio",
      colours: "preset",
      do: "save",
    });
    expect(look.status).toBe(403);
    const areas = (
      await owner.api.GET("/v1/shops/{shopId}/delivery-areas", { params: { path: { shopId: owner.shopId } } })
    ).data;
    expect(areas?.items).toHaveLength(1);
    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    expect(shop?.themePreset).toBe("market");
  });
});

describe("in Chinese", () => {
  it("shows the pages in the owner's language with prices in yuan", async () => {
    const owner = await ownerWithShop("梅记面馆", "zh-CN");
    const look = await owner.browser.get(`/shops/${owner.shopId}/settings/look`);
    expect(look.body).toContain("店铺外观");
    expect(look.body).toContain("梅记面馆");
    const added = await owner.browser.post(`/shops/${owner.shopId}/settings/delivery/areas/new`, {
      name: "老城区",
      fee: "5",
    });
    expect(added.status).toBe(303);
    const list = await owner.browser.get(`/shops/${owner.shopId}/settings/delivery`);
    expect(list.body).toContain("送货费 ¥5.00");
    const tax = await owner.browser.post(`/shops/${owner.shopId}/settings/tax`, {
      mode: "added",
      rate: "10",
      do: "check",
    });
    expect(tax.body).toContain("一件 ¥100.00 的商品：买家付 ¥110.00");
  });
});
